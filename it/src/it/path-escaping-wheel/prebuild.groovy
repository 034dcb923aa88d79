// fixtures/evil-1.0-py3-none-any.whl: a wheel with an entry ../evil.py (listed in RECORD with a
// correct hash, as a hostile wheel would be), which would land outside the unpack directory.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

Fixtures.wheel(
        file: new File(basedir, 'fixtures/evil-1.0-py3-none-any.whl'),
        name: 'evil',
        tag: 'py3-none-any',
        files: ['evil/__init__.py': '',
                '../evil.py'      : 'raise SystemExit("written outside the wheel directory")\n'])
true
