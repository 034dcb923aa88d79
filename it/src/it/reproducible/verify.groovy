// invoker.properties builds the same inputs twice, into first.wasm and second.wasm, each with its
// own work directory: reproducible builds write the same bytes.
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File first = new File(basedir, 'target/first.wasm')
File second = new File(basedir, 'target/second.wasm')
Fixtures.assertComponent(first)
Fixtures.assertComponent(second)
assert Fixtures.buildLog(basedir).findAll(/componentize: wrote \S*(first|second)\.wasm/).size() == 2
assert first.bytes == second.bytes: "first.wasm (${first.length()} bytes) and second.wasm (${second.length()} bytes) differ"
true
