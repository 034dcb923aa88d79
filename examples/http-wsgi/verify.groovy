// Invoker post-build check of the http-wsgi example (run by it/pom.xml's "examples" execution):
// the component is valid, exports wasi:http/incoming-handler, and answers under `wasmtime serve`
// on a free loopback port: GET/POST/PUT with bodies, a large body, a streamed response, 50
// requests at once, an outgoing request to a server this script starts, and a failing handler.
// Bounded: every request has a timeout, the server gets 300 s to compile and listen, and both
// servers are stopped in the finally block.
import com.sun.net.httpserver.HttpServer
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.security.MessageDigest
import java.time.Duration
import java.util.concurrent.TimeUnit

String cache = System.getenv('COMPONENTIZE_CACHE') ?: "${System.getProperty('user.home')}/.cache/componentize-maven"
String wasmToolsCmd = binding.hasVariable('wasmTools') ? wasmTools : "${cache}/tools/bin/wasm-tools"
String wasmtimeCmd = binding.hasVariable('wasmtime') ? wasmtime : "${cache}/tools/bin/wasmtime"

File component = new File(basedir, 'target/http-wsgi-1.0.0.wasm')
assert component.isFile(): "no component at ${component}"
def validate = [wasmToolsCmd, 'validate', component.path].execute()
assert validate.waitFor() == 0: "wasm-tools validate failed: ${validate.err.text}"
def wit = [wasmToolsCmd, 'component', 'wit', component.path].execute()
String witText = wit.text
assert witText.contains('export wasi:http/incoming-handler@0.2.12;'): witText
assert new File(wasmtimeCmd).canExecute(): "wasmtime not found at ${wasmtimeCmd}; run scripts/install-test-tools.sh"

def WasmtimeServe = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'WasmtimeServe.groovy'))
def serve = WasmtimeServe.newInstance(wasmtimeCmd, component, basedir)
int port = serve.port
File serveErr = serve.err
HttpServer upstream = HttpServer.create(new InetSocketAddress('127.0.0.1', 0), 4)
upstream.createContext('/') { exchange ->
  byte[] answer = 'upstream says hello\n'.bytes
  exchange.sendResponseHeaders(200, answer.length)
  exchange.responseBody.write(answer)
  exchange.close()
}
upstream.start()
try {
  serve.awaitListening(300)
  HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build()
  def request = { String path -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:${port}${path}")).timeout(Duration.ofSeconds(120)) }
  def send = { HttpRequest.Builder r -> client.send(r.build(), HttpResponse.BodyHandlers.ofString()) }

  def hello = send(request('/?name=Ada'))
  assert hello.statusCode() == 200
  assert hello.body() == 'Hello, Ada!\nGET /?name=Ada\n': hello.body()
  assert hello.headers().firstValue('content-type').get() == 'text/plain; charset=utf-8'

  for (String method : ['POST', 'PUT']) {
    def echoed = send(request('/echo').header('Content-Type', 'text/x-note')
        .method(method, HttpRequest.BodyPublishers.ofString("a ${method} body")))
    assert echoed.statusCode() == 200
    assert echoed.body() == "a ${method} body".toString()
    assert echoed.headers().firstValue('content-type').get() == 'text/x-note'
  }

  byte[] large = new byte[8 * 1024 * 1024]
  new Random(11).nextBytes(large)
  def big = client.send(request('/echo').POST(HttpRequest.BodyPublishers.ofByteArray(large)).build(),
      HttpResponse.BodyHandlers.ofByteArray())
  assert big.statusCode() == 200
  assert MessageDigest.getInstance('SHA-256').digest(big.body()) == MessageDigest.getInstance('SHA-256').digest(large)

  def streamed = send(request('/stream?count=1000'))
  assert streamed.statusCode() == 200
  assert streamed.body().readLines().size() == 1000
  assert streamed.body().startsWith('line 0\nline 1\n')

  def environ = send(request('/environ?a=1').header('X-Trace', 't-7'))
  assert environ.body().contains('QUERY_STRING=a=1\n'): environ.body()
  assert environ.body().contains('HTTP_X_TRACE=t-7\n'): environ.body()
  assert environ.body().contains("SERVER_PORT=${port}\n"): environ.body()

  def parallel = (0..<50).collect { i ->
    client.sendAsync(request("/?name=n${i}").build(), HttpResponse.BodyHandlers.ofString())
  }
  parallel.eachWithIndex { future, i ->
    def response = future.get(120, TimeUnit.SECONDS)
    assert response.statusCode() == 200
    assert response.body().startsWith("Hello, n${i}!\n")
  }

  def fetched = send(request("/fetch?port=${upstream.address.port}"))
  assert fetched.statusCode() == 200: fetched.body()
  assert fetched.body() == 'upstream 200: upstream says hello\n'

  def failed = send(request('/fail'))
  assert failed.statusCode() == 500
  assert failed.body() == 'Internal Server Error\n'
  assert serveErr.text.contains('RuntimeError: this handler fails on purpose'): serveErr.text
  assert send(request('/nowhere')).statusCode() == 404
} finally {
  upstream.stop(0)
  serve.close()
}
true
