package dev.componentize.runtime.scenarios;

import dev.componentize.runtime.component.ComponentTools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP component served on a free loopback port by {@code wasmtime serve} or {@code jco serve},
 * started by a test and stopped by {@link #close}. The first start compiles the component (about a
 * minute on a loaded machine), so start-up waits up to {@code startSeconds} for the port to accept
 * connections.
 */
final class ServedComponent implements AutoCloseable {
  private final Process process;
  private final Path stderr;
  final int port;

  private ServedComponent(Process process, Path stderr, int port) {
    this.process = process;
    this.stderr = stderr;
    this.port = port;
  }

  /** {@code wasmtime serve -S cli}. */
  static ServedComponent wasmtime(Path component, Path work, long startSeconds)
      throws IOException, InterruptedException {
    int port = freePort();
    // -S cli: the component imports wasi:cli (the preview1 adapter CPython runs on uses it).
    return start(
        List.of(
            Scenarios.wasmtime().toString(),
            "serve",
            "--addr",
            "127.0.0.1:" + port,
            "-S",
            "cli",
            component.toString()),
        port,
        work,
        startSeconds);
  }

  /** {@code jco serve}: transpiles the component into {@code work/jco-serve} first. */
  static ServedComponent jco(Path component, Path work, long startSeconds)
      throws IOException, InterruptedException {
    int port = freePort();
    Path jco = ComponentTools.jcoScript(Scenarios.jcoHome());
    return start(
        List.of(
            Scenarios.node().toString(),
            jco.toString(),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--jco-dir",
            work.resolve("jco-serve").toString(),
            component.toString()),
        port,
        work,
        startSeconds);
  }

  private static ServedComponent start(List<String> command, int port, Path work, long startSeconds)
      throws IOException, InterruptedException {
    ComponentTools.Started started = ComponentTools.start(command, work, Map.of());
    Process process = started.process();
    ServedComponent serve = new ServedComponent(process, started.stderrFile(), port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(startSeconds);
    while (!serve.accepts()) {
      if (!process.isAlive()) {
        throw new IOException(command.get(0) + " serve ended: " + serve.stderr());
      }
      if (System.nanoTime() > deadline) {
        serve.close();
        throw new IOException(
            command.get(0) + " serve did not listen within " + startSeconds + " s");
      }
      Thread.sleep(250);
    }
    return serve;
  }

  /** Whether the server process still runs. */
  boolean alive() {
    return process.isAlive();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** What the host and the component printed on stderr so far. */
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
