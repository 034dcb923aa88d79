// Invoker post-build check of the custom-world example (run by it/pom.xml's "examples"
// execution): the component exists, is valid, has the world's interfaces, and host.mjs (jco
// transpile + the example's JavaScript host) drives its exports: a resource, records,
// variants, results and the imported logger all cross the boundary as expected.
// Tools: the it module passes node, jco (jco.js), jcoHome and wasmTools (from the cache where
// scripts/install-test-tools.sh installs them; it/pom.xml derives that cache's place).
String nodeCmd = node
String jcoHomeDir = jcoHome
String wasmToolsCmd = wasmTools

def run = { List<String> command, Map<String, String> env = [:] ->
  def builder = new ProcessBuilder(command).directory(basedir)
  builder.environment().putAll(env)
  Process process = builder.start()
  def out = new StringBuilder()
  def err = new StringBuilder()
  // Waits for the process and for both streams to be read to the end.
  process.waitForProcessOutput(out, err)
  [exit: process.exitValue(), out: out.toString(), err: err.toString(), command: command.join(' ')]
}

File component = new File(basedir, 'target/custom-world-1.0.0.wasm')
assert component.isFile(): "no component at ${component}"
byte[] head = component.withInputStream { it.readNBytes(8) }
// A component's preamble: \0asm, version 0x0d, layer 1 (component-model Binary.md).
assert head == [0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0] as byte[]: "not a component: ${head}"

def validate = run([wasmToolsCmd, 'validate', component.path])
assert validate.exit == 0: "wasm-tools validate failed: ${validate}"
def wit = run([wasmToolsCmd, 'component', 'wit', component.path])
assert wit.exit == 0: "wasm-tools component wit failed: ${wit}"
assert wit.out.contains('import example:notes/host@0.1.0;'): wit.out
assert wit.out.contains('export example:notes/store@0.1.0;'): wit.out

def host = run([nodeCmd, 'host.mjs', component.path], [JCO_HOME: jcoHomeDir])
assert host.exit == 0: "node host.mjs failed: ${host}"
assert host.out == '''\
bucket groceries
put milk "2 liters" -> previous none
put milk "1 liter" -> previous "2 liters"
put bread "rye" -> previous none
put butter "salted" -> previous none
put "" "x" -> error empty-key
put note (long) -> error value-too-long(12)
find prefix "b" -> bread="rye" (revision 1), butter="salted" (revision 1)
find exact "milk" -> milk="1 liter" (revision 2)
find all -> 3 entries
remove bread -> bread="rye" (revision 1)
remove bread -> error not-found("bread")
top words -> the=3, and=2, that=2
host log:
  [debug] bucket 'groceries' created (values up to 12 chars)
  [info] groceries: milk = '2 liters' (revision 1)
  [info] groceries: milk = '1 liter' (revision 2)
  [info] groceries: bread = 'rye' (revision 1)
  [info] groceries: butter = 'salted' (revision 1)
  [warn] groceries: value for 'note' is 40 chars
''': host.out
true
