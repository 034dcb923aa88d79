// A Pyodide (Emscripten) wheel, deployed as docs/wheels.md tells users to deploy a wheel:
// mvn install:install-file -Dpackaging=whl, classifier = its tag. The pom depends on it.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File wheel = Fixtures.wheel(
        file: new File(basedir, 'fixtures/fastmath-1.0-cp313-cp313-emscripten_3_1_58_wasm32.whl'),
        name: 'fastmath',
        tag: 'cp313-cp313-emscripten_3_1_58_wasm32',
        files: ['fastmath/__init__.py': 'from ._native import square\n'])
Fixtures.installWheel(mavenHome: new File(mavenHome), localRepository: localRepositoryPath, wheel: wheel,
        groupId: 'dev.componentize.it.wheels', artifactId: 'fastmath', version: '1.0',
        classifier: 'cp313-cp313-emscripten_3_1_58_wasm32')
true
