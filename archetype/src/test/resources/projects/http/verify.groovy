// Archetype integration test of the http template: the project generated with
// archetype.properties (template=http) has been built with goal.txt (`package`). The component
// must be a valid wasi:http/proxy component and answer the README's curl calls under
// `wasmtime serve` on a free loopback port (bounded: 300 s to listen, 60 s per request; the
// server is stopped at the end). Tools: where scripts/install-test-tools.sh installs them
// (COMPONENTIZE_CACHE, default ~/.cache/componentize-maven); the system properties
// componentize.wasmTools and componentize.wasmtime override them.
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

String cache = System.getenv('COMPONENTIZE_CACHE') ?: "${System.getProperty('user.home')}/.cache/componentize-maven"
String wasmToolsCmd = System.getProperty('componentize.wasmTools', "${cache}/tools/bin/wasm-tools")
String wasmtimeCmd = System.getProperty('componentize.wasmtime', "${cache}/tools/bin/wasmtime")

File project = new File(basedir as File, 'project/hello-service')
File component = new File(project, 'target/hello-service-1.0-SNAPSHOT.wasm')

// What the archetype generated: the http template's files in place, its folder gone.
assert !new File(project, 'http-template').exists(): 'the template folder was left in the project'
assert new File(project, 'src/main/wit/world.wit').text.contains('include wasi:http/proxy@0.2.12;')
assert new File(project, 'src/main/python/app.py').text.contains('IncomingHandler = incoming_handler(application)')
String readme = new File(project, 'README.md').text
assert readme.startsWith('hello-service\n')
assert readme.contains('wasmtime serve --addr 127.0.0.1:8080 -S cli target/hello-service-1.0-SNAPSHOT.wasm')
assert readme.contains('curl -i http://127.0.0.1:8080/')

assert component.isFile(): "no component at ${component}"
def validate = [wasmToolsCmd, 'validate', component.path].execute()
assert validate.waitFor() == 0: "wasm-tools validate failed: ${validate.err.text}"
assert [wasmToolsCmd, 'component', 'wit', component.path].execute().text.contains('export wasi:http/incoming-handler@0.2.12;')

// it/src/it-support/WasmtimeServe.groovy, copied here by the archetype's build (archetype/pom.xml).
def WasmtimeServe = new GroovyClassLoader(getClass().classLoader).parseClass(new File(basedir as File, 'WasmtimeServe.groovy'))
def serve = WasmtimeServe.newInstance(wasmtimeCmd, component, project)
int port = serve.port
try {
  serve.awaitListening(300)
  HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
  def request = { String path -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:${port}${path}")).timeout(Duration.ofSeconds(60)) }
  def hello = client.send(request('/').build(), HttpResponse.BodyHandlers.ofString())
  assert hello.statusCode() == 200
  assert hello.body() == 'Hello from Python 3.13!\n'
  def echo = client.send(request('/echo').POST(HttpRequest.BodyPublishers.ofString('hello')).build(),
      HttpResponse.BodyHandlers.ofString())
  assert echo.statusCode() == 200
  assert echo.body() == '{"method": "POST", "length": 5, "body": "hello"}\n'
  assert client.send(request('/missing').build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 404
} finally {
  serve.close()
}
true
