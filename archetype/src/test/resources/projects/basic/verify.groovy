// Archetype integration test: the project generated with archetype.properties has been built
// with goal.txt (`package`). The component must exist, be a valid component, run as a program
// under jco and answer its custom export. Tools: where scripts/install-test-tools.sh installs
// them (COMPONENTIZE_CACHE, default ~/.cache/componentize-maven); the system properties
// componentize.node, componentize.jco (jco.js) and componentize.wasmTools override them.
String cache = System.getenv('COMPONENTIZE_CACHE') ?: "${System.getProperty('user.home')}/.cache/componentize-maven"
String nodeCmd = System.getProperty('componentize.node', 'node')
String jcoJs = System.getProperty('componentize.jco',
    "${cache}/tools/jco/node_modules/@bytecodealliance/jco/dist/jco.js")
String wasmToolsCmd = System.getProperty('componentize.wasmTools', "${cache}/tools/bin/wasm-tools")

// archetype:integration-test binds basedir to this case's folder; the project it generated and
// built is project/<artifactId> below it.
File project = new File(basedir as File, 'project/hello-component')
File component = new File(project, 'target/hello-component-1.0-SNAPSHOT.wasm')

def run = { List<String> command, File dir ->
  Process process = new ProcessBuilder(command).directory(dir).start()
  def out = new StringBuilder()
  def err = new StringBuilder()
  // Waits for the process and for both streams to be read to the end.
  process.waitForProcessOutput(out, err)
  [exit: process.exitValue(), out: out.toString(), err: err.toString(), command: command.join(' ')]
}

// What the archetype generated: the plugin pinned to the archetype's own version, nothing else.
String pom = new File(project, 'pom.xml').text
assert pom.contains('<artifactId>componentize-maven-plugin</artifactId>')
assert pom =~ /<version>\d+\.\d+\.\d+(-SNAPSHOT)?<\/version>/: 'the plugin version was not filled in'
assert !pom.contains('@project.version@')
for (String file : ['src/main/wit/world.wit', 'src/main/python/app.py', 'README.md', '.gitignore',
                    '.mvn/jvm.config']) {
  assert new File(project, file).isFile(): "the archetype did not generate ${file}"
}
assert new File(project, 'README.md').text.startsWith('hello-component\n')

assert component.isFile(): "no component at ${component}"
byte[] head = component.withInputStream { it.readNBytes(8) }
// A component's preamble: \0asm, version 0x0d, layer 1 (component-model Binary.md).
assert head == [0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0] as byte[]: "not a component: ${head}"

assert new File(jcoJs).isFile(): "jco not found at ${jcoJs}; run scripts/install-test-tools.sh"
def validate = run([wasmToolsCmd, 'validate', component.path], project)
assert validate.exit == 0: "wasm-tools validate failed: ${validate}"

def hello = run([nodeCmd, jcoJs, 'run', component.path, 'Ada', 'Grace'], project)
assert hello.exit == 0: "jco run failed: ${hello}"
assert hello.out == 'Hello, Ada, from Python 3.13!\nHello, Grace, from Python 3.13!\n': hello.out

// The custom export, called from JavaScript: transpile, then import the module with jco's WASI
// host (preview2-shim, next to jco in the tools' node_modules).
File js = new File(project, 'target/js')
js.mkdirs()
def transpile = run([nodeCmd, jcoJs, 'transpile', component.path, '--name', 'hello', '--quiet',
                     '-o', js.path], project)
assert transpile.exit == 0: "jco transpile failed: ${transpile}"
new File(js, 'package.json').text = '{"type":"module"}\n'
// node_modules is linked to the tools' shared installation only while the call runs, and the
// link itself is removed afterwards: a recursive delete of target/ that follows links must
// never reach the shared installation.
java.nio.file.Path modules = new File(js, 'node_modules').toPath()
java.nio.file.Files.deleteIfExists(modules)
java.nio.file.Files.createSymbolicLink(modules, new File(jcoJs).parentFile.parentFile.parentFile.parentFile.toPath())
try {
  def greet = run([nodeCmd, '--input-type=module', '-e',
                   "import { greet } from './hello.js'; console.log(greet('Lin'))"], js)
  assert greet.exit == 0: "calling greet failed: ${greet}"
  assert greet.out == 'Hello, Lin, from Python 3.13!\n': greet.out
} finally {
  java.nio.file.Files.deleteIfExists(modules)
}
true
