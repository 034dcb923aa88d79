package dev.componentize.runtime.packages;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.componentize.core.files.FileKit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * What the sdist tests serve: real source distributions written here (tar.gz, ustar), and the real
 * build backends' wheels (setuptools, wheel, flit_core) that scripts/install-test-tools.sh fetched
 * once into {@code <cache root>/tools/python-wheels}, from a PEP 691 index on the loopback
 * interface (bounded in requests, stopped by the test).
 */
final class SdistFixtures {
  private SdistFixtures() {}

  /** The runtime bundle the module's build made (surefire sets the property). */
  static Path bundle() {
    return Path.of(System.getProperty("componentize.runtime.dir"));
  }

  /** The build backends' wheels; the test is skipped without them. */
  static Path backendWheels() {
    Path dir = FileKit.cacheRoot().resolve("tools/python-wheels");
    assumeTrue(
        Files.isDirectory(dir) && list(dir).stream().anyMatch(p -> p.contains("setuptools")),
        "no build backend wheels in " + dir + "; run scripts/install-test-tools.sh");
    return dir;
  }

  private static List<String> list(Path dir) {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** A gzipped ustar archive of {@code entries} (path to text), all under {@code top/}. */
  static byte[] tarGz(String top, Map<String, String> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
        gz.write(header(top + "/" + e.getKey(), data.length, '0', ""));
        gz.write(data);
        gz.write(new byte[(512 - data.length % 512) % 512]);
      }
      gz.write(new byte[1024]);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  /** A gzipped tar holding one raw entry (for the hostile cases). */
  static byte[] tarGzEntry(String name, char type, String link, String data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      byte[] d = data.getBytes(StandardCharsets.UTF_8);
      gz.write(header(name, d.length, type, link));
      gz.write(d);
      gz.write(new byte[(512 - d.length % 512) % 512]);
      gz.write(new byte[1024]);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] header(String name, long size, char type, String link) {
    byte[] h = new byte[512];
    put(h, 0, name, 100);
    put(h, 100, "0000644", 8);
    put(h, 108, "0000000", 8);
    put(h, 116, "0000000", 8);
    put(h, 124, String.format("%011o", size), 12);
    put(h, 136, "00000000000", 12);
    h[156] = (byte) type;
    put(h, 157, link, 100);
    put(h, 257, "ustar", 6);
    put(h, 263, "00", 2);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum) + "\0 ", 8);
    return h;
  }

  private static void put(byte[] h, int offset, String s, int length) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, offset, Math.min(b.length, length));
  }

  /** A PEP 691 index on 127.0.0.1 serving the files added to it. */
  static final class Index implements AutoCloseable {
    private static final int MAX_REQUESTS = 500;
    private final HttpServer server;
    private final Map<String, Map<String, byte[]>> projects = new LinkedHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    Index() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
      server.createContext("/", this::handle);
      server.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/simple/");
    }

    void add(String project, String fileName, byte[] bytes) {
      projects.computeIfAbsent(project, k -> new LinkedHashMap<>()).put(fileName, bytes);
    }

    /** Adds every wheel in {@code dir} under its distribution's name. */
    void addWheels(Path dir) throws IOException {
      try (var files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".whl")).toList()) {
          String name = f.getFileName().toString();
          add(
              name.substring(0, name.indexOf('-')).replace('_', '-').toLowerCase(),
              name,
              Files.readAllBytes(f));
        }
      }
    }

    private void handle(HttpExchange x) throws IOException {
      try (x) {
        if (requests.incrementAndGet() > MAX_REQUESTS) {
          send(x, 503, new byte[0]);
          return;
        }
        String path = x.getRequestURI().getPath();
        if (path.startsWith("/simple/")) {
          Map<String, byte[]> files = projects.get(path.substring(8).replace("/", ""));
          if (files == null) {
            send(x, 404, new byte[0]);
            return;
          }
          List<String> entries = new ArrayList<>();
          for (var f : files.entrySet()) {
            entries.add(
                "{\"filename\":\""
                    + f.getKey()
                    + "\",\"url\":\"/files/"
                    + f.getKey()
                    + "\",\"hashes\":{\"sha256\":\""
                    + FileKit.sha256Hex(f.getValue())
                    + "\"},\"size\":"
                    + f.getValue().length
                    + "}");
          }
          x.getResponseHeaders().set("Content-Type", "application/vnd.pypi.simple.v1+json");
          send(
              x,
              200,
              ("{\"meta\":{\"api-version\":\"1.1\"},\"files\":[" + String.join(",", entries) + "]}")
                  .getBytes(StandardCharsets.UTF_8));
          return;
        }
        for (Map<String, byte[]> files : projects.values()) {
          byte[] b = files.get(path.substring(path.lastIndexOf('/') + 1));
          if (b != null && path.startsWith("/files/")) {
            send(x, 200, b);
            return;
          }
        }
        send(x, 404, new byte[0]);
      }
    }

    private static void send(HttpExchange x, int status, byte[] body) throws IOException {
      x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = x.getResponseBody()) {
          out.write(body);
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
