// With <skip> (here -Dcomponentize.skip=true) the goal logs why it did nothing, and did nothing.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

Fixtures.assertLogContains(basedir, '[INFO] componentize: skipped (<skip> is true)')
Fixtures.assertLogLacks(basedir, 'componentize: load WIT')
assert !new File(basedir, 'target/skip-1.0.wasm').exists()
assert !new File(basedir, 'target/componentize').exists()
true
