// Invoker post-build check of the native-extension example (run by it/pom.xml's "examples"
// execution on the reactor root): the fastmath module built a real wasm32-wasi wheel and
// attached it; the app's component is valid and, under jco, prints what the C extension
// computed (stats, histogram) next to the exact decimal sums, and rejects bad input.
// Tools: the it module passes node, jco (jco.js) and wasmTools (from the cache where
// scripts/install-test-tools.sh installs them; it/pom.xml derives that cache's place).
import java.util.zip.ZipFile

String nodeCmd = node
String jcoJs = jco
String wasmToolsCmd = wasmTools

def run = { List<String> command ->
  Process process = new ProcessBuilder(command).directory(basedir).start()
  def out = new StringBuilder()
  def err = new StringBuilder()
  // Waits for the process and for both streams to be read to the end.
  process.waitForProcessOutput(out, err)
  [exit: process.exitValue(), out: out.toString(), err: err.toString(), command: command.join(' ')]
}

// The wheel: the extension module is a wasm core module with dylink.0, next to the Python file.
File wheel = new File(basedir, 'fastmath-wheel/target/fastmath-1.0.0-cp313-cp313-wasi_0_0_0_wasm32.whl')
assert wheel.isFile(): "no wheel at ${wheel}"
new ZipFile(wheel).withCloseable { zip ->
  def names = zip.entries().collect { it.name }
  assert names.containsAll(['fastmath/__init__.py', 'fastmath/_native.cpython-313-wasm32-wasi.so',
                            'fastmath-1.0.0.dist-info/WHEEL', 'fastmath-1.0.0.dist-info/RECORD']): names
  byte[] so = zip.getInputStream(zip.getEntry('fastmath/_native.cpython-313-wasm32-wasi.so')).readAllBytes()
  assert so[0..3] == [0, 0x61, 0x73, 0x6d] as byte[]: 'the extension module is not wasm'
  assert new String(so, 'ISO-8859-1').contains('dylink.0'): 'the extension module is not a shared library'
  assert zip.getInputStream(zip.getEntry('fastmath-1.0.0.dist-info/WHEEL')).text
      .contains('Tag: cp313-cp313-wasi_0_0_0_wasm32')
}

File component = new File(basedir, 'app/target/price-stats-1.0.0.wasm')
assert component.isFile(): "no component at ${component}"
byte[] head = component.withInputStream { it.readNBytes(8) }
// A component's preamble: \0asm, version 0x0d, layer 1 (component-model Binary.md).
assert head == [0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0] as byte[]: "not a component: ${head}"
String log = new File(basedir, 'build.log').text
// The app's build linked the wheel's extension module (its line names the wheels and modules).
assert log.contains('componentize: unpack wheels'): log
assert log =~ /unpack wheels [0-9.]+ s \(1 wheels, 1 extension modules\)/: 'the wheel was not linked'

def validate = run([wasmToolsCmd, 'validate', component.path])
assert validate.exit == 0: "wasm-tools validate failed: ${validate}"

def stats = run([nodeCmd, jcoJs, 'run', component.path, '["19.99", "5.01", "12.50", "7.25", "30.00"]'])
assert stats.exit == 0: "jco run failed: ${stats}"
assert stats.out == '{"count": 5, "total": "74.75", "min": "5.01", "max": "30.00", "mean": "14.95", ' +
    '"stdev": "9.12", "histogram": [2, 1, 1, 1], "native": "fastmath._native"}\n': stats.out

def bad = run([nodeCmd, jcoJs, 'run', component.path, '[1, "x"]'])
assert bad.exit == 2: "expected exit status 2 (sys.exit(2)): ${bad}"
assert bad.err.contains('price-stats: "x" is not a price'): bad.err
true
