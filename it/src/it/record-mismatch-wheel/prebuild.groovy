// fixtures/greeting-1.0-py3-none-any.whl: greeting/__init__.py was changed after RECORD was
// written (same length, other bytes), so only its sha256 gives it away.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

Fixtures.wheel(
        file: new File(basedir, 'fixtures/greeting-1.0-py3-none-any.whl'),
        name: 'greeting',
        tag: 'py3-none-any',
        files: ['greeting/__init__.py': 'def salute(name):\n    return f"Hello, {name}!"\n'],
        tamper: ['greeting/__init__.py': 'def salute(name):\n    return f"Howdy, {name}!"\n'])
true
