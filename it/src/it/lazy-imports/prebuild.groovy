// A pure-Python wheel (greeting 1.0) installed into the local repository as a whl dependency;
// the app imports it only inside run().
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File wheel = Fixtures.wheel(
        file: new File(basedir, 'fixtures/greeting-1.0-py3-none-any.whl'),
        name: 'greeting',
        tag: 'py3-none-any',
        files: ['greeting/__init__.py': 'def salute(name):\n    return "Hello, " + name\n'])
Fixtures.installWheel(mavenHome: new File(mavenHome), localRepository: localRepositoryPath, wheel: wheel,
        groupId: 'dev.componentize.it.wheels', artifactId: 'greeting', version: '1.0',
        classifier: 'py3-none-any')
true
