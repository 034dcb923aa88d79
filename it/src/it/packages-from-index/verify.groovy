// The packages were resolved from the local index (greeter-lib 1.0, word-case 2.1 and not the
// 3.0b1 pre-release, fancy-marks for the [fancy] extra, not never-on-wasi whose marker is for
// win32), written to pylock.toml, and the component prints the greeting they make. Then the index
// is stopped and the project rebuilt offline (-o): the lock and the download cache are enough.
import com.sun.net.httpserver.HttpServer

def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

try {
    File component = new File(basedir, 'target/packages-from-index-1.0.wasm')
    Fixtures.assertComponent(component)
    String log = Fixtures.buildLog(basedir)
    assert log.contains('componentize: no pylock.toml yet: resolving the packages')
    assert log =~ /componentize: resolving 2 requirements for CPython 3\.13 on wasm32-wasi against http:\/\/127\.0\.0\.1:\d+\/simple\//
    assert log.contains('componentize: wrote pylock.toml (3 packages)')
    assert log =~ /componentize: 3 Python packages from pylock.toml \(\d from the download cache, \d downloaded\)/

    String lock = new File(basedir, 'pylock.toml').text
    assert lock.contains('lock-version = "1.0"')
    assert lock.contains('name = "greeter-lib"\nversion = "1.0"')
    assert lock.contains('name = "word-case"\nversion = "2.1"')
    assert lock.contains('name = "fancy-marks"\nversion = "1.0"')
    assert !lock.contains('never-on-wasi')
    assert lock =~ /hashes = \{sha256 = "[0-9a-f]{64}"\}/

    Map run = Fixtures.runTool([node, jco, 'run', component.path], basedir)
    assert run.exit == 0: "jco run: ${run}"
    assert run.stdout == 'Hello, *Maven*!\n'
} finally {
    (System.properties.remove('componentize.it.packages-from-index.server') as HttpServer)?.stop(0)
}

// Offline, index stopped: everything comes from pylock.toml and the download cache.
String offline = Fixtures.run([new File(mavenHome, 'bin/mvn').path, '-B', '-o',
                               "-Dmaven.repo.local=${localRepositoryPath}".toString(), 'package'], basedir)
assert offline.contains('componentize: 3 Python packages from pylock.toml (3 from the download cache, 0 downloaded)'): offline
assert offline.contains('BUILD SUCCESS'): offline
true
