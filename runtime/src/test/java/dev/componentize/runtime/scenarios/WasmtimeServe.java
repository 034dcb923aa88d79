package dev.componentize.runtime.scenarios;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code wasmtime serve} of a component on a free loopback port, started by a test and stopped by
 * {@link #close}. The first start compiles the component (about a minute on a loaded machine), so
 * start-up waits up to {@code startSeconds} for the port to accept connections.
 */
final class WasmtimeServe implements AutoCloseable {
  private final Process process;
  private final Path stderr;
  final int port;

  private WasmtimeServe(Process process, Path stderr, int port) {
    this.process = process;
    this.stderr = stderr;
    this.port = port;
  }

  static WasmtimeServe start(Path component, Path work, long startSeconds)
      throws IOException, InterruptedException {
    int port = freePort();
    Path out = Files.createTempFile(work, "serve", ".out");
    Path err = Files.createTempFile(work, "serve", ".err");
    // -S cli: the component imports wasi:cli (the preview1 adapter CPython runs on uses it).
    List<String> command =
        List.of(
            Scenarios.wasmtime().toString(),
            "serve",
            "--addr",
            "127.0.0.1:" + port,
            "-S",
            "cli",
            component.toString());
    Process process =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    WasmtimeServe serve = new WasmtimeServe(process, err, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(startSeconds);
    while (!serve.accepts()) {
      if (!process.isAlive()) {
        throw new IOException("wasmtime serve ended: " + serve.stderr());
      }
      if (System.nanoTime() > deadline) {
        serve.close();
        throw new IOException("wasmtime serve did not listen within " + startSeconds + " s");
      }
      Thread.sleep(250);
    }
    return serve;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** What wasmtime and the component printed on stderr so far. */
  String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
