// invoker.properties builds twice: the first build writes the component, the second finds the
// inputs unchanged and says so instead of rebuilding.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

Fixtures.assertComponent(new File(basedir, 'target/up-to-date-1.0.wasm'))
String log = Fixtures.buildLog(basedir)
assert log.findAll(/componentize: wrote \S*up-to-date-1\.0\.wasm/).size() == 1
assert log.findAll(/componentize: \S*up-to-date-1\.0\.wasm is up to date \(inputs unchanged\), skipping/).size() == 1
true
