// fixtures/greeting-1.0-py3-none-any.whl: a valid pure-Python wheel cut off after half its bytes,
// like an interrupted download (the zip's central directory at its end is lost).
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File wheel = Fixtures.wheel(
        file: new File(basedir, 'fixtures/greeting-1.0-py3-none-any.whl'),
        name: 'greeting',
        tag: 'py3-none-any',
        files: ['greeting/__init__.py': 'def salute(name):\n    return f"Hello, {name}!"\n'])
byte[] bytes = wheel.bytes
wheel.bytes = Arrays.copyOf(bytes, bytes.length.intdiv(2))
true
