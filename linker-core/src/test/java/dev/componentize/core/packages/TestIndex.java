package dev.componentize.core.packages;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A package index served on the loopback interface by the JDK's HTTP server: project pages in the
 * JSON form (PEP 691) or the HTML form (PEP 503), the files themselves, and PEP 658 metadata when
 * enabled. Wheels are real zip files (METADATA, WHEEL, RECORD with sha256) built here. Requests are
 * counted (a test can assert that an offline build asked nothing) and bounded.
 */
final class TestIndex implements AutoCloseable {
  static final int MAX_REQUESTS = 2000;

  /** One file of a project. */
  static final class File {
    final String name;
    byte[] bytes;
    byte[] metadata;
    boolean yanked;
    String requiresPython;
    String listedName;
    String listedSha;

    File(String name, byte[] bytes, byte[] metadata) {
      this.name = name;
      this.bytes = bytes;
      this.metadata = metadata;
      this.listedName = name;
    }
  }

  private final HttpServer server;
  private final Map<String, List<File>> projects = new LinkedHashMap<>();
  private final Map<String, Consumer<HttpExchange>> overrides = new LinkedHashMap<>();
  final AtomicInteger requests = new AtomicInteger();
  boolean json = true;
  boolean coreMetadata = false;

  TestIndex() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/simple/");
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Adds a pure-Python wheel {@code name-version-py3-none-any.whl} with these Requires-Dist. */
  File wheel(String name, String version, String... requiresDist) {
    return tagged(name, version, "py3-none-any", requiresDist);
  }

  File tagged(String name, String version, String tag, String... requiresDist) {
    String dist = name.replaceAll("[-_.]+", "_");
    String file = dist + "-" + version + "-" + tag + ".whl";
    StringBuilder meta =
        new StringBuilder("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
    for (String r : requiresDist) {
      meta.append("Requires-Dist: ").append(r).append('\n');
    }
    meta.append("\nA description that is not a header: Requires-Dist: nothing\n");
    byte[] metadata = meta.toString().getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(
        dist.toLowerCase() + "/__init__.py",
        ("VERSION = '" + version + "'\n").getBytes(StandardCharsets.UTF_8));
    String info = dist + "-" + version + ".dist-info/";
    entries.put(info + "METADATA", metadata);
    entries.put(
        info + "WHEEL",
        ("Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: " + tag + "\n")
            .getBytes(StandardCharsets.UTF_8));
    File f = new File(file, zip(entries, info + "RECORD"), metadata);
    projects.computeIfAbsent(key(name), k -> new ArrayList<>()).add(f);
    return f;
  }

  /** Adds a file with these bytes (an sdist, a native wheel) without metadata. */
  File other(String name, String fileName, byte[] bytes) {
    File f = new File(fileName, bytes, null);
    projects.computeIfAbsent(key(name), k -> new ArrayList<>()).add(f);
    return f;
  }

  /** Answers every request for this path with the handler instead. */
  void override(String path, Consumer<HttpExchange> handler) {
    overrides.put(path, handler);
  }

  static String key(String name) {
    return name.replaceAll("[-_.]+", "-").toLowerCase();
  }

  static byte[] zip(Map<String, byte[]> entries, String recordName) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StringBuilder record = new StringBuilder();
      try (ZipOutputStream zip = new ZipOutputStream(out)) {
        for (var e : entries.entrySet()) {
          zip.putNextEntry(new ZipEntry(e.getKey()));
          zip.write(e.getValue());
          zip.closeEntry();
          byte[] digest = MessageDigest.getInstance("SHA-256").digest(e.getValue());
          record
              .append(e.getKey())
              .append(",sha256=")
              .append(Base64.getUrlEncoder().withoutPadding().encodeToString(digest))
              .append(',')
              .append(e.getValue().length)
              .append('\n');
        }
        record.append(recordName).append(",,\n");
        zip.putNextEntry(new ZipEntry(recordName));
        zip.write(record.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      if (requests.incrementAndGet() > MAX_REQUESTS) {
        send(x, 503, "text/plain", new byte[0]);
        return;
      }
      String path = x.getRequestURI().getPath();
      Consumer<HttpExchange> override = overrides.get(path);
      if (override != null) {
        override.accept(x);
        return;
      }
      if (path.startsWith("/simple/")) {
        String project = path.substring("/simple/".length()).replace("/", "");
        List<File> files = projects.get(project);
        if (files == null) {
          send(x, 404, "text/plain", "no such project".getBytes(StandardCharsets.UTF_8));
          return;
        }
        boolean wantsJson =
            json && x.getRequestHeaders().getFirst("Accept").contains(ProjectPage.JSON_TYPE);
        send(
            x,
            200,
            wantsJson ? ProjectPage.JSON_TYPE : "text/html",
            page(project, files, wantsJson));
        return;
      }
      if (path.startsWith("/files/")) {
        String name = path.substring("/files/".length());
        for (List<File> files : projects.values()) {
          for (File f : files) {
            if (name.equals(f.name)) {
              send(x, 200, "application/octet-stream", f.bytes);
              return;
            }
            if (name.equals(f.name + ".metadata") && f.metadata != null) {
              send(x, 200, "text/plain", f.metadata);
              return;
            }
          }
        }
      }
      send(x, 404, "text/plain", new byte[0]);
    }
  }

  private byte[] page(String project, List<File> files, boolean asJson) {
    StringBuilder b = new StringBuilder();
    if (asJson) {
      b.append("{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"")
          .append(project)
          .append("\",\"files\":[");
      for (int i = 0; i < files.size(); i++) {
        File f = files.get(i);
        b.append(i == 0 ? "" : ",")
            .append("{\"filename\":\"")
            .append(f.listedName.replace("\\", "\\\\"))
            .append("\",\"url\":\"/files/")
            .append(f.name)
            .append("\",\"hashes\":{\"sha256\":\"")
            .append(f.listedSha != null ? f.listedSha : sha256(f.bytes))
            .append("\"},\"size\":")
            .append(f.bytes.length);
        if (f.yanked) {
          b.append(",\"yanked\":\"broken\"");
        }
        if (f.requiresPython != null) {
          b.append(",\"requires-python\":\"").append(f.requiresPython).append('"');
        }
        if (coreMetadata && f.metadata != null) {
          b.append(",\"core-metadata\":{\"sha256\":\"").append(sha256(f.metadata)).append("\"}");
        }
        b.append('}');
      }
      b.append("]}");
    } else {
      b.append("<!DOCTYPE html><html><body><h1>Links for ").append(project).append("</h1>\n");
      for (File f : files) {
        b.append("<a href=\"../../files/")
            .append(f.name)
            .append("#sha256=")
            .append(f.listedSha != null ? f.listedSha : sha256(f.bytes))
            .append('"');
        if (f.yanked) {
          b.append(" data-yanked=\"broken\"");
        }
        if (f.requiresPython != null) {
          b.append(" data-requires-python=\"")
              .append(f.requiresPython.replace(">", "&gt;").replace("<", "&lt;"))
              .append('"');
        }
        if (coreMetadata && f.metadata != null) {
          b.append(" data-core-metadata=\"sha256=").append(sha256(f.metadata)).append('"');
        }
        b.append('>').append(f.listedName).append("</a><br/>\n");
      }
      b.append("</body></html>\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static void send(HttpExchange x, int status, String type, byte[] body) {
    try {
      x.getResponseHeaders().set("Content-Type", type);
      x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = x.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      // the client went away; the test sees its own error
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
