// The bindings goal wrote the typed wit_world package (and the _componentize stub) where an IDE
// finds it; the files are valid Python; the second run wrote nothing.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File generated = new File(basedir, 'target/generated-sources/python')
for (String name in ['wit_world/__init__.py', 'wit_world/py.typed', 'wit_world/types.py',
                     'wit_world/exports/__init__.py', 'wit_world/exports/greeter.py', '_componentize.pyi']) {
    assert new File(generated, name).isFile(): "no ${name} in ${generated}"
}
// The exported interface is a typed protocol the app subclasses; the WIT record a dataclass.
assert new File(generated, 'wit_world/exports/__init__.py').text.contains(
        'def greet(self, name: str) -> wit_world.exports.greeter.Greeting:')
String greeter = new File(generated, 'wit_world/exports/greeter.py').text
assert greeter.contains('class Greeting')
assert greeter =~ /text: str/
assert greeter =~ /times: int/

// Every generated file parses with the host's Python (an IDE reads them with it).
List<String> sources = []
generated.eachFileRecurse { if (it.name.endsWith('.py') || it.name.endsWith('.pyi')) sources << it.path }
Map parsed = Fixtures.runTool(['python3', '-c', 'import ast, sys\nfor f in sys.argv[1:]: ast.parse(open(f).read(), f)'] + sources, basedir)
assert parsed.exit == 0: "python3 cannot parse the bindings: ${parsed}"

String log = Fixtures.buildLog(basedir)
assert log =~ /componentize: bindings in target\/generated-sources\/python \((\d+) files, \1 written, 0 stale removed\)/
assert log =~ /componentize: bindings in target\/generated-sources\/python \(\d+ files, 0 written, 0 stale removed\)/
true
