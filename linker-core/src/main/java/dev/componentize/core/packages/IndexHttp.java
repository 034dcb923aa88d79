package dev.componentize.core.packages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of talking to an index: GET with a timeout and size bounds, redirects followed only
 * within the same scheme, host and port (an index that redirects elsewhere is refused: it would
 * move the trust the user gave one host to another), and no network at all when offline. Every
 * failure is a {@link PackageException} naming the package and the URL.
 */
public final class IndexHttp {
  /** How many redirects one request may follow. */
  static final int MAX_REDIRECTS = 5;

  private final HttpClient client;
  private final boolean offline;
  private final Duration timeout;

  /** A body and what the server said it is. */
  public record Body(byte[] bytes, String contentType, URI uri) {}

  /**
   * @param proxy the proxy selector (Maven's proxy settings), or {@code null} for a direct
   *     connection
   * @param offline whether the network must not be used (Maven's {@code -o})
   * @param timeout the connect and per-request timeout
   */
  public IndexHttp(ProxySelector proxy, boolean offline, Duration timeout) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Objects.requireNonNull(timeout));
    if (proxy != null) {
      b.proxy(proxy);
    }
    this.client = b.build();
    this.offline = offline;
    this.timeout = timeout;
  }

  /** Whether the network may not be used. */
  public boolean offline() {
    return offline;
  }

  /**
   * Fetches a bounded body into memory.
   *
   * @param accept the Accept header
   * @param maxBytes the most bytes accepted
   */
  public Body get(String packageName, URI uri, String accept, long maxBytes)
      throws PackageException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Transfer t = transfer(packageName, uri, accept, out, maxBytes);
    return new Body(out.toByteArray(), t.contentType, t.uri);
  }

  /**
   * Streams a body into a file while hashing it.
   *
   * @return the sha256 of what was written, lower-case hex
   */
  public String download(String packageName, URI uri, Path target, long maxBytes)
      throws PackageException {
    try (OutputStream out = Files.newOutputStream(target)) {
      return HexFormat.of().formatHex(transfer(packageName, uri, "*/*", out, maxBytes).sha256);
    } catch (IOException e) {
      throw new PackageException(packageName, uri.toString(), "cannot write " + target, e);
    }
  }

  private record Transfer(String contentType, URI uri, byte[] sha256) {}

  /**
   * Follows same-origin redirects to a 200 answer and copies its body, bounded in size, failing
   * when no byte arrived for the timeout (a server that stalls mid-body would otherwise hold the
   * build forever).
   */
  private Transfer transfer(String packageName, URI uri, String accept, OutputStream out, long max)
      throws PackageException {
    URI current = uri;
    for (int hop = 0; ; hop++) {
      if (offline) {
        throw new PackageException(
            packageName,
            uri.toString(),
            "not in the download cache, and the build is offline (-o): run the build once online"
                + " (or componentize:lock) so the files are cached");
      }
      BoundedCopy copy = new BoundedCopy(out, max);
      HttpRequest request;
      try {
        request =
            HttpRequest.newBuilder(current).timeout(timeout).header("Accept", accept).GET().build();
      } catch (IllegalArgumentException e) {
        throw new PackageException(packageName, current.toString(), "not an HTTP(S) URL", e);
      }
      CompletableFuture<HttpResponse<Void>> future =
          client.sendAsync(
              request,
              info ->
                  info.statusCode() == 200
                      ? HttpResponse.BodySubscribers.fromSubscriber(copy, c -> null)
                      : HttpResponse.BodySubscribers.replacing(null));
      HttpResponse<Void> r = await(packageName, current, future, copy);
      int status = r.statusCode();
      if (status >= 300 && status < 400 && status != 304) {
        Optional<String> location = r.headers().firstValue("Location");
        if (location.isEmpty()) {
          throw new PackageException(
              packageName, current.toString(), "redirect " + status + " without a Location");
        }
        URI next = current.resolve(location.get());
        if (!sameOrigin(current, next)) {
          throw new PackageException(
              packageName,
              current.toString(),
              "the index redirects to another host ("
                  + next
                  + "); redirects are followed only within the same scheme, host and port: use the"
                  + " URL it redirects to as the index URL if you trust it");
        }
        if (hop + 1 > MAX_REDIRECTS) {
          throw new PackageException(
              packageName,
              uri.toString(),
              "more than " + MAX_REDIRECTS + " redirects (a redirect loop?)");
        }
        current = next;
        continue;
      }
      if (status != 200) {
        throw new PackageException(
            packageName,
            current.toString(),
            status == 404
                ? "not found on the index (HTTP 404): check the package's name and the index URL"
                : "the index answered HTTP " + status);
      }
      if (copy.failure != null) {
        throw copy.failure(packageName, current);
      }
      var declared = r.headers().firstValueAsLong("Content-Length");
      if (declared.isPresent() && declared.getAsLong() != copy.total) {
        throw new PackageException(
            packageName,
            current.toString(),
            "the answer is truncated (" + copy.total + " of " + declared.getAsLong() + " bytes)");
      }
      return new Transfer(
          r.headers().firstValue("Content-Type").orElse(""), r.uri(), copy.sha.digest());
    }
  }

  private HttpResponse<Void> await(
      String packageName, URI uri, CompletableFuture<HttpResponse<Void>> future, BoundedCopy copy)
      throws PackageException {
    long seen = -1;
    CompletableFuture<Object> either = CompletableFuture.anyOf(future, copy.failed);
    while (true) {
      try {
        either.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (copy.failure != null) {
          future.cancel(true);
          throw copy.failure(packageName, uri);
        }
        return future.get();
      } catch (TimeoutException e) {
        if (copy.total == seen) {
          future.cancel(true);
          throw new PackageException(
              packageName,
              uri.toString(),
              "no answer for "
                  + timeout.toSeconds()
                  + " s (after "
                  + copy.total
                  + " bytes); try"
                  + " again, or check the index and the network");
        }
        seen = copy.total;
      } catch (InterruptedException e) {
        future.cancel(true);
        Thread.currentThread().interrupt();
        throw new PackageException(packageName, uri.toString(), "interrupted");
      } catch (ExecutionException e) {
        if (copy.failure != null) {
          throw copy.failure(packageName, uri);
        }
        Throwable c = e.getCause() == null ? e : e.getCause();
        throw new PackageException(
            packageName,
            uri.toString(),
            (copy.total > 0
                    ? "the answer broke off after " + copy.total + " bytes ("
                    : "cannot reach the index (")
                + c.getClass().getSimpleName()
                + (c.getMessage() == null ? "" : ": " + c.getMessage())
                + "); check the index URL and the network or proxy settings (Maven's settings.xml"
                + " <proxies>), or build offline (-o) once the files are cached",
            c);
      }
    }
  }

  /** Copies a body to a stream, hashing and counting it, cancelling past the limit. */
  private static final class BoundedCopy implements Flow.Subscriber<List<ByteBuffer>> {
    final OutputStream out;
    final long max;
    final MessageDigest sha = Hashes.sha256();
    volatile long total;
    volatile String failure;
    final CompletableFuture<Void> failed = new CompletableFuture<>();
    private Flow.Subscription subscription;

    BoundedCopy(OutputStream out, long max) {
      this.out = out;
      this.max = max;
    }

    PackageException failure(String packageName, URI uri) {
      return new PackageException(packageName, uri.toString(), failure);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (failure != null) {
        return;
      }
      try {
        for (ByteBuffer b : buffers) {
          int n = b.remaining();
          if (total + n > max) {
            failure =
                "the answer is larger than "
                    + max
                    + " bytes (the index's size for the file, or the limit for an index page);"
                    + " it was not used";
            subscription.cancel();
            failed.complete(null);
            return;
          }
          byte[] bytes = new byte[n];
          b.get(bytes);
          sha.update(bytes);
          out.write(bytes);
          total += n;
        }
      } catch (IOException e) {
        failure = "cannot store the answer: " + e.getMessage();
        subscription.cancel();
        failed.complete(null);
      }
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onComplete() {}
  }

  static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
        && Objects.equals(lower(a.getHost()), lower(b.getHost()))
        && port(a) == port(b);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
