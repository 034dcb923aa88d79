// The component exists, is valid (wasm-tools validate) and, run by jco as a wasi:cli/command,
// prints what the C functions of the whl dependency computed (at run time, from the snapshot:
// nothing is preopened, so no Python file or .so is reachable).
def Fixtures = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Fixtures.groovy'))

File component = new File(basedir, 'target/native-wheel-dependency-1.0.wasm')
Fixtures.assertComponent(component)
String log = Fixtures.buildLog(basedir)
assert log =~ /componentize: wrote \S*native-wheel-dependency-1\.0\.wasm \([0-9.]+ MB, \d+ libraries\) in [0-9.]+ s/

Map validate = Fixtures.runTool([wasmTools, 'validate', component.path], basedir)
assert validate.exit == 0: "wasm-tools validate: ${validate}"

Map run = Fixtures.runTool([node, jco, 'run', component.path], basedir)
assert run.exit == 0: "jco run: ${run}"
assert run.stdout == 'gcd(1071, 462) = 21\nfib(90) = 2880067194370816120\n'
true
