// Issue 11: a traceback printed at build time names the project's file
// (src/main/python/app.py), not the path the interpreter saw (/sources/0/app.py).
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File app = new File(basedir, 'src/main/python/app.py')
Fixtures.assertLogContains(basedir, """initializing the app module 'app' failed at build time: libcomponentize.so componentize_init_app returned 1; the program printed:
Traceback (most recent call last):
  File "${app}", line 6, in <module>
    COLOUR = SETTINGS["colour"]
             ~~~~~~~~^^^^^^^^^^
KeyError: 'colour'""")
Fixtures.assertLogLacks(basedir, '/sources/0')
Fixtures.assertNothingWritten(basedir)
true
