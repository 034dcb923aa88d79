// The wheel a team would deploy: src/main/c/native.c compiled with clang-19 against the runtime
// bundle's SDK, packed as fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl and installed into the
// local repository with mvn install:install-file -Dpackaging=whl (docs/wheels.md). The pom
// depends on it as <type>whl</type>.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

byte[] module = Fixtures.extensionModule(new File(runtimeSdk), new File(basedir, 'fixtures/cc'), new File(basedir, 'src/main/c/native.c'))
File wheel = Fixtures.wheel(
        file: new File(basedir, 'fixtures/fastmath-1.0-cp313-cp313-wasi_0_0_0_wasm32.whl'),
        name: 'fastmath',
        tag: Fixtures.WASI_TAG,
        files: ['fastmath/__init__.py'                       : 'from ._native import fib, gcd\n',
                'fastmath/_native.cpython-313-wasm32-wasi.so': module])
Fixtures.installWheel(mavenHome: new File(mavenHome), localRepository: localRepositoryPath, wheel: wheel,
        groupId: 'dev.componentize.it.wheels', artifactId: 'fastmath', version: '1.0',
        classifier: Fixtures.WASI_TAG)
true
