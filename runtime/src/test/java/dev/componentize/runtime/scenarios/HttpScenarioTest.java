package dev.componentize.runtime.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario: a raw {@code wasi:http/incoming-handler} in Python (resources/scenarios/http, written
 * against the generated bindings) under {@code wasmtime serve} on a loopback port: method, path,
 * query, headers both ways, status codes, bodies streamed both ways (10 MB), 50 requests at once,
 * an outgoing request to a server the test starts, a handler that raises (a 500, the traceback on
 * stderr; also under {@code jco serve}, which a trap would end) and one that raises after its
 * response started (cut short).
 */
class HttpScenarioTest {
  private static final int TEN_MB = 10 * 1024 * 1024;

  @TempDir static Path work;
  static Path component;
  static ServedComponent serve;
  static HttpServer upstream;
  static final AtomicInteger upstreamRequests = new AtomicInteger();
  static final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @BeforeAll
  static void serve() throws Exception {
    component = Scenarios.componentize("http", work, List.of());
    serve = ServedComponent.wasmtime(component, work, 300);
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    upstream.createContext(
        "/greeting",
        exchange -> {
          // Bounded: the test makes one outgoing request; more would be a bug.
          byte[] body =
              ("upstream answer " + upstreamRequests.incrementAndGet() + "\n")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(upstreamRequests.get() <= 4 ? 200 : 429, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    upstream.start();
  }

  @AfterAll
  static void stop() throws IOException {
    if (serve != null) {
      serve.close();
    }
    if (upstream != null) {
      upstream.stop(0);
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(
        request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(serve.url(path)));
  }

  @Test
  void theHandlerSeesMethodPathQueryAndHeadersAndSetsResponseHeaders() throws Exception {
    HttpResponse<String> response = send(get("/hello?name=Ada&x=1").header("x-trace", "t-42"));
    assertEquals(200, response.statusCode());
    assertEquals("Hello, Ada!\nGET /hello query=name=Ada&x=1\n", response.body());
    assertEquals("raw", response.headers().firstValue("x-handler").orElseThrow());
    assertEquals("t-42", response.headers().firstValue("x-trace").orElseThrow());
    assertEquals(
        "text/plain; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());

    HttpResponse<String> headers = send(get("/headers").header("x-one", "first value"));
    assertTrue(headers.body().contains("x-one: first value\n"), headers.body());
  }

  @Test
  void statusCodesComeFromTheHandler() throws Exception {
    assertEquals(418, send(get("/status/418")).statusCode());
    assertEquals(204, send(get("/status/204")).statusCode());
    HttpResponse<String> missing = send(get("/nowhere"));
    assertEquals(404, missing.statusCode());
    assertEquals("not found\n", missing.body());
  }

  @Test
  void postAndPutBodiesAreEchoed() throws Exception {
    for (String method : List.of("POST", "PUT")) {
      HttpResponse<String> response =
          send(get("/echo").method(method, HttpRequest.BodyPublishers.ofString(method + " body")));
      assertEquals(200, response.statusCode());
      assertEquals(method + " body", response.body());
      assertEquals(method, response.headers().firstValue("x-method").orElseThrow());
    }
  }

  @Test
  void tenMegabytesStreamBothWays() throws Exception {
    byte[] body = new byte[TEN_MB];
    new java.util.Random(7).nextBytes(body);
    // The echo answers while the request body still arrives: a client that reads only after
    // sending (the JDK HttpClient does) deadlocks against it once the buffers fill, as against
    // any streaming server, so this request goes through a client that reads as it sends.
    FullDuplexPost.Result echoed = FullDuplexPost.post(serve.port, "/echo", body, 120_000);
    assertEquals(200, echoed.status(), echoed.head());
    assertEquals(TEN_MB, echoed.bodyLength(), echoed.head());
    assertArrayEquals(sha256(new java.io.ByteArrayInputStream(body)), echoed.sha256());

    HttpResponse<InputStream> generated =
        client.send(
            get("/bytes?size=" + TEN_MB).timeout(Duration.ofSeconds(120)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, generated.statusCode());
    long count = 0;
    try (InputStream in = generated.body()) {
      byte[] buffer = new byte[65536];
      for (int n; (n = in.read(buffer)) > 0; ) {
        for (int i = 0; i < n; i++) {
          assertEquals((byte) (count + i), buffer[i]);
        }
        count += n;
      }
    }
    assertEquals(TEN_MB, count);
  }

  @Test
  void fiftyRequestsAtOnceAllAnswer() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      pending.add(
          client.sendAsync(
              get("/hello?name=n" + i).timeout(Duration.ofSeconds(120)).build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (int i = 0; i < 50; i++) {
      HttpResponse<String> response = pending.get(i).get();
      assertEquals(200, response.statusCode());
      assertTrue(response.body().startsWith("Hello, n" + i + "!\n"), response.body());
    }
  }

  @Test
  void theHandlerMakesAnOutgoingRequest() throws Exception {
    int port = upstream.getAddress().getPort();
    HttpResponse<String> response = send(get("/fetch?port=" + port + "&path=/greeting"));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("upstream status 200\nupstream answer 1\n", response.body());
  }

  @Test
  void aRaisingHandlerGivesA500AndTheTracebackOnStderr() throws Exception {
    HttpResponse<String> response = send(get("/raise"));
    assertEquals(500, response.statusCode());
    // From the glue (componentize_http), not the host: the instance returned normally.
    assertEquals("Internal Server Error\n", response.body());
    String stderr = serve.stderr();
    assertTrue(
        stderr.contains(
            "componentize: export wasi:http/incoming-handler@0.2.12#handle raised an exception"),
        stderr);
    assertTrue(stderr.contains("RuntimeError: the handler failed on purpose"), stderr);
    assertTrue(!stderr.contains("wasm trap"), stderr);
    assertEquals(200, send(get("/hello")).statusCode());
  }

  @Test
  void aHandlerRaisingAfterItsResponseStartedEndsItIncomplete() throws Exception {
    // The status and part of the body are out: the glue drops the body without finishing it, so
    // the host must cut the response short, not end it as a complete "200" with half a body.
    IOException cut = assertThrows(IOException.class, () -> send(get("/raise-late")));
    String stderr = serve.stderr();
    assertTrue(stderr.contains("RuntimeError: the handler failed after answering"), stderr);
    assertTrue(!stderr.contains("wasm trap"), stderr + "\n" + cut);
    assertEquals(200, send(get("/hello")).statusCode());
  }

  @Test
  void underJcoServeARaisingHandlerGetsA500AndTheServerKeepsServing() throws Exception {
    // jco serve ends its whole process on a trap; the glue answers the 500 itself, so none happens.
    try (ServedComponent jco = ServedComponent.jco(component, work, 300)) {
      HttpResponse<String> raised = send(HttpRequest.newBuilder(URI.create(jco.url("/raise"))));
      assertEquals(500, raised.statusCode(), jco.stderr());
      assertEquals("Internal Server Error\n", raised.body());
      HttpResponse<String> after =
          send(HttpRequest.newBuilder(URI.create(jco.url("/hello?name=jco"))));
      assertEquals(200, after.statusCode(), jco.stderr());
      assertTrue(after.body().startsWith("Hello, jco!\n"), after.body());
      assertTrue(jco.alive(), jco.stderr());
      assertTrue(
          jco.stderr().contains("RuntimeError: the handler failed on purpose"), jco.stderr());
    }
  }

  private static byte[] sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (in) {
      byte[] buffer = new byte[65536];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return digest.digest();
  }
}
