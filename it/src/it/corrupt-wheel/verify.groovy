def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

Fixtures.assertLogContains(basedir,
        "greeting-1.0-py3-none-any.whl: is not a valid zip archive (Archive is not a ZIP archive); the download may be truncated: fetch the wheel again")
Fixtures.assertNothingWritten(basedir)
true
