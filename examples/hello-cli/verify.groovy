// Invoker post-build check of the hello-cli example (run by it/pom.xml's "examples" execution):
// the component exists, is a valid component (wasm-tools) and behaves as a program under jco:
// arguments, an environment variable and the exit status reach the Python code at run time.
// Tools: the it module passes node, jco (jco.js) and wasmTools (from the cache where
// scripts/install-test-tools.sh installs them; it/pom.xml derives that cache's place).
String nodeCmd = node
String jcoJs = jco
String wasmToolsCmd = wasmTools

def run = { List<String> command, Map<String, String> env = [:] ->
  def builder = new ProcessBuilder(command).directory(basedir)
  // Only what a case sets: a GREETING of the surrounding environment must not change the output.
  builder.environment().remove('GREETING')
  builder.environment().putAll(env)
  Process process = builder.start()
  def out = new StringBuilder()
  def err = new StringBuilder()
  // Waits for the process and for both streams to be read to the end.
  process.waitForProcessOutput(out, err)
  [exit: process.exitValue(), out: out.toString(), err: err.toString(), command: command.join(' ')]
}

File component = new File(basedir, 'target/hello-cli-1.0.0.wasm')
assert component.isFile(): "no component at ${component}"
byte[] head = component.withInputStream { it.readNBytes(8) }
// A component's preamble: \0asm, version 0x0d, layer 1 (component-model Binary.md).
assert head == [0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0] as byte[]: "not a component: ${head}"
assert new File(jcoJs).isFile(): "jco not found at ${jcoJs}; run scripts/install-test-tools.sh"

def validate = run([wasmToolsCmd, 'validate', component.path])
assert validate.exit == 0: "wasm-tools validate failed: ${validate}"
def wit = run([wasmToolsCmd, 'component', 'wit', component.path])
assert wit.exit == 0: "wasm-tools component wit failed: ${wit}"
assert wit.out.contains('export wasi:cli/run@0.2.12;'): wit.out

def greet = run([nodeCmd, jcoJs, 'run', component.path, 'Ada', 'Grace'], [GREETING: 'Hi'])
assert greet.exit == 0: "jco run failed: ${greet}"
assert greet.out == 'Hi, Ada!\nHi, Grace!\n(Python 3.13 on wasi)\n': greet.out

def shout = run([nodeCmd, jcoJs, 'run', component.path, '--shout', 'Ada'])
assert shout.exit == 0: "jco run --shout failed: ${shout}"
assert shout.out == 'HELLO, ADA!\n(Python 3.13 on wasi)\n': shout.out

// No name: usage on stderr and sys.exit(2)'s status, through wasi:cli/exit.
def usage = run([nodeCmd, jcoJs, 'run', component.path])
assert usage.exit == 2: "expected exit status 2: ${usage}"
assert usage.out == '': usage.out
assert usage.err.contains('usage: hello-cli [--shout] NAME...'): usage.err
true
