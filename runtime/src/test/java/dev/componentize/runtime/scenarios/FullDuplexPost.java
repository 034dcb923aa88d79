package dev.componentize.runtime.scenarios;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 POST over a plain loopback socket that reads the response WHILE it sends the body,
 * for a handler that streams its answer before the request body has ended (an echo).
 *
 * <p>The JDK's {@code HttpClient} cannot drive such a handler with a large body: it reads the
 * response only after it has sent the whole request body, so once the connection's buffers in both
 * directions are full (about 10 MB on loopback here, depending on TCP buffer tuning and load) the
 * server waits for the client to read and the client for the server to read. That is what hung the
 * 10 MB echo now and then; a plain streaming echo server deadlocks the same way against that
 * client. This client sends the first half of the body, waits until part of the echo has arrived
 * (so a server that held the whole body before answering fails here), then sends the rest. Bounded:
 * every read and wait has {@code timeoutMillis}, the whole exchange twice that.
 */
final class FullDuplexPost {
  /** The response: status code, its head as received, SHA-256 and length of the decoded body. */
  record Result(int status, String head, byte[] sha256, long bodyLength) {}

  private FullDuplexPost() {}

  static Result post(int port, String path, byte[] body, int timeoutMillis) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      // Writes have no timeout of their own: closing the socket ends one that blocks for good.
      CompletableFuture.delayedExecutor(2L * timeoutMillis, TimeUnit.MILLISECONDS)
          .execute(() -> closeQuietly(socket));
      AtomicLong received = new AtomicLong();
      InputStream in = new BufferedInputStream(socket.getInputStream(), 65536);
      CompletableFuture<Result> response =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return readResponse(in, received);
                } catch (IOException | NoSuchAlgorithmException e) {
                  throw new IllegalStateException("reading the response failed: " + e, e);
                }
              });
      OutputStream out = socket.getOutputStream();
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nhost: 127.0.0.1:"
              + port
              + "\r\ncontent-type: application/octet-stream\r\ncontent-length: "
              + body.length
              + "\r\nconnection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      int half = body.length / 2;
      write(out, body, 0, half);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (received.get() == 0 && !response.isDone() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      if (received.get() == 0 && !(response.isDone() && !response.isCompletedExceptionally())) {
        String reader = response.isDone() ? " (" + response.handle((r, e) -> e).get() + ")" : "";
        throw new AssertionError(
            "no byte of the response body within "
                + timeoutMillis
                + " ms while "
                + (body.length - half)
                + " bytes of the request body were still to send: the server does not stream"
                + reader);
      }
      if (!response.isDone()) {
        write(out, body, half, body.length);
      }
      try {
        return response.get(timeoutMillis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError(
            "the response did not end within " + timeoutMillis + " ms after the request body");
      } catch (ExecutionException e) {
        throw new AssertionError(e.getCause().getMessage(), e.getCause());
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed or failing: the exchange reports its own error
    }
  }

  private static void write(OutputStream out, byte[] body, int from, int to) throws IOException {
    for (int start = from; start < to; start += 65536) {
      out.write(body, start, Math.min(65536, to - start));
    }
    out.flush();
  }

  private static Result readResponse(InputStream in, AtomicLong received)
      throws IOException, NoSuchAlgorithmException {
    String head = readHead(in);
    String[] statusLine = head.substring(0, head.indexOf("\r\n")).split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    String lower = head.toLowerCase(Locale.ROOT);
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[65536];
    if (lower.contains("\r\ntransfer-encoding: chunked")) {
      for (long size; (size = Long.parseLong(readLine(in).split(";", 2)[0].trim(), 16)) > 0; ) {
        copy(in, size, digest, buffer, received);
        readLine(in); // the CRLF after the chunk
      }
    } else {
      int at = lower.indexOf("\r\ncontent-length:");
      if (at < 0) {
        throw new IOException("the response has neither chunks nor a length:\n" + head);
      }
      String value = lower.substring(at + 17, lower.indexOf("\r\n", at + 2)).trim();
      copy(in, Long.parseLong(value), digest, buffer, received);
    }
    return new Result(status, head, digest.digest(), received.get());
  }

  private static void copy(
      InputStream in, long size, MessageDigest digest, byte[] buffer, AtomicLong received)
      throws IOException {
    for (long left = size; left > 0; ) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("the response body ended early, " + left + " bytes missing");
      }
      digest.update(buffer, 0, n);
      received.addAndGet(n);
      left -= n;
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    for (String line; !(line = readLine(in)).isEmpty(); ) {
      head.append(line).append("\r\n");
    }
    return head.toString();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("the connection closed in the middle of the response head");
      }
      if (line.size() > 8192) {
        throw new IOException("a response line longer than 8 KiB");
      }
      line.write(b);
    }
    byte[] bytes = line.toByteArray();
    int length =
        bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }
}
