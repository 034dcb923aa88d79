// An import that never finishes: the build fails after <preinitTimeout> (150 s here: the limit covers CPython's start and the bindings' imports too, which took 55 s on a loaded 2-core machine) with the app
// module and the directory it was importing from; meanwhile a heartbeat showed it was alive.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File sources = new File(basedir, 'src/main/python')
Fixtures.assertLogContains(basedir,
        "pre-initializing the app module 'app' did not finish within 150 s (preinitTimeout): it was still importing from ${sources}; code that loops or waits while the module is imported never lets the build finish: fix it, or raise preinitTimeout if the imports really need longer")
String log = Fixtures.buildLog(basedir)
assert log =~ /\[INFO\] componentize: pre-initialize: import from \S+ still running after [0-9.]+ s/
assert log =~ /\[ERROR\] componentize: pre-initialize failed after [0-9.]+ s/
Fixtures.assertNothingWritten(basedir)
true
