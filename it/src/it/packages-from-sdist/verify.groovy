// flitgreet was built from its sdist by flit_core on the runtime's CPython, locked by its sdist
// ([packages.sdist]) and the component prints its greeting. A second build (index stopped, -o)
// installs the wheel built before from the cache: nothing is built or downloaded again.
import com.sun.net.httpserver.HttpServer

def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

try {
    File component = new File(basedir, 'target/packages-from-sdist-1.0.wasm')
    Fixtures.assertComponent(component)
    String log = Fixtures.buildLog(basedir)
    assert log.contains("componentize: building flitgreet-1.0.tar.gz with flit_core.buildapi on the runtime's CPython (build requirements: flit_core>=3.2,<4)")
    assert log =~ /componentize: built flitgreet-1\.0-py2\.py3-none-any\.whl from flitgreet-1\.0\.tar\.gz in \d+ s\n/
    assert log.contains('componentize:   flitgreet 1.0  flitgreet-1.0.tar.gz (wheel built from it)')

    String lock = new File(basedir, 'pylock.toml').text
    assert lock.contains('name = "flitgreet"\nversion = "1.0"')
    assert lock.contains('\n[packages.sdist]\nname = "flitgreet-1.0.tar.gz"\n')
    assert !lock.contains('[[packages.wheels]]')

    Map run = Fixtures.runTool([node, jco, 'run', component.path], basedir)
    assert run.exit == 0: "jco run: ${run}"
    assert run.stdout == 'Hello from an sdist, sdist!\n'
} finally {
    (System.properties.remove('componentize.it.packages-from-sdist.server') as HttpServer)?.stop(0)
}

new File(basedir, 'target/packages-from-sdist-1.0.wasm').delete()
String again = Fixtures.run([new File(mavenHome, 'bin/mvn').path, '-B', '-o',
                             "-Dmaven.repo.local=${localRepositoryPath}".toString(), 'package'], basedir)
assert again.contains('componentize: 1 Python packages from pylock.toml (1 from the download cache, 0 downloaded)'): again
assert !again.contains('componentize: building flitgreet'): again
assert again.contains('BUILD SUCCESS'): again
true
