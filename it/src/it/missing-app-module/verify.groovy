def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File sources = new File(basedir, 'src/main/python')
Fixtures.assertLogContains(basedir,
        "app module 'app' not found: no app.py or app/__init__.py in [${sources}]; add it to a Python source directory or configure the app module")
Fixtures.assertNothingWritten(basedir)
true
