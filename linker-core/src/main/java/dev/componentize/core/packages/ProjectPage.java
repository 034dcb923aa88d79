package dev.componentize.core.packages;

import dev.componentize.core.abi.Json;
import dev.componentize.core.abi.RuntimeBundleException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a project's page of the simple repository API: the JSON form of PEP 691 ({@code
 * application/vnd.pypi.simple.v1+json}) or the HTML form of PEP 503 (anchors whose text is the file
 * name, the hash in the URL fragment, {@code data-requires-python}, {@code data-yanked} of PEP 592
 * and {@code data-core-metadata} / {@code data-dist-info-metadata} of PEP 658/714).
 */
final class ProjectPage {
  static final String JSON_TYPE = "application/vnd.pypi.simple.v1+json";
  static final String ACCEPT =
      JSON_TYPE + ", application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";

  private static final Pattern ANCHOR =
      Pattern.compile("<a\\s([^>]*)>(.*?)</a\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern ATTRIBUTE =
      Pattern.compile(
          "([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");

  private ProjectPage() {}

  /** Parses the page by its content type (HTML unless it says the PEP 691 JSON type). */
  static List<IndexFile> parse(String packageName, IndexHttp.Body body) throws PackageException {
    String text = new String(body.bytes(), StandardCharsets.UTF_8);
    String type = body.contentType().toLowerCase(Locale.ROOT);
    List<IndexFile> files =
        type.startsWith(JSON_TYPE) || type.startsWith("application/json")
            ? json(packageName, body.uri(), text)
            : html(packageName, body.uri(), text);
    for (IndexFile f : files) {
      checkFileName(packageName, f);
    }
    return files;
  }

  /**
   * A file name becomes a cache entry's name: it must be one plain name (PEP 503 says the anchor
   * text is the file name), never a path.
   */
  private static void checkFileName(String packageName, IndexFile f) throws PackageException {
    String n = f.filename();
    if (n.isEmpty()
        || n.contains("/")
        || n.contains("\\")
        || n.startsWith(".")
        || n.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ':')) {
      throw new PackageException(
          packageName,
          f.index().toString(),
          "the index lists a file named '"
              + n.replaceAll("\\p{Cntrl}", "?")
              + "', which is not a plain file name (path separators, a leading '.', or control"
              + " characters): the index is broken or hostile; nothing was downloaded");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<IndexFile> json(String packageName, URI page, String text)
      throws PackageException {
    Object root;
    try {
      root = Json.parse(page.toString(), text);
    } catch (RuntimeBundleException e) {
      throw new PackageException(
          packageName, page.toString(), "the index's JSON page does not parse: " + e.getMessage());
    }
    if (!(root instanceof Map<?, ?> map) || !(map.get("files") instanceof List<?> list)) {
      throw new PackageException(
          packageName, page.toString(), "the index's JSON page has no 'files' list (PEP 691)");
    }
    if (map.get("meta") instanceof Map<?, ?> meta
        && meta.get("api-version") instanceof String version
        && !version.startsWith("1.")) {
      throw new PackageException(
          packageName,
          page.toString(),
          "the index speaks simple API version " + version + "; only 1.x is supported");
    }
    List<IndexFile> files = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> f)
          || !(f.get("filename") instanceof String filename)
          || !(f.get("url") instanceof String url)) {
        throw new PackageException(
            packageName, page.toString(), "a 'files' entry lacks 'filename' or 'url' (PEP 691)");
      }
      Map<String, String> hashes = stringMap(f.get("hashes"));
      Optional<String> requiresPython =
          f.get("requires-python") instanceof String s ? Optional.of(s) : Optional.empty();
      Object y = f.get("yanked");
      boolean yanked = Boolean.TRUE.equals(y) || y instanceof String;
      Object cm =
          f.containsKey("core-metadata") ? f.get("core-metadata") : f.get("dist-info-metadata");
      boolean hasMetadata = Boolean.TRUE.equals(cm) || cm instanceof Map;
      Map<String, String> metadataHashes = stringMap(cm);
      OptionalLong size =
          f.get("size") instanceof Long l && l >= 0 ? OptionalLong.of(l) : OptionalLong.empty();
      files.add(
          new IndexFile(
              filename,
              resolve(packageName, page, url),
              hashes,
              requiresPython,
              yanked,
              hasMetadata,
              metadataHashes,
              size,
              page));
    }
    return files;
  }

  private static Map<String, String> stringMap(Object o) {
    Map<String, String> m = new HashMap<>();
    if (o instanceof Map<?, ?> map) {
      for (var e : map.entrySet()) {
        if (e.getKey() instanceof String k && e.getValue() instanceof String v) {
          m.put(k.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT));
        }
      }
    }
    return m;
  }

  private static List<IndexFile> html(String packageName, URI page, String text)
      throws PackageException {
    List<IndexFile> files = new ArrayList<>();
    Matcher a = ANCHOR.matcher(text);
    while (a.find()) {
      Map<String, String> attributes = new HashMap<>();
      Matcher at = ATTRIBUTE.matcher(a.group(1));
      while (at.find()) {
        String v =
            at.group(2) != null
                ? at.group(2)
                : at.group(3) != null ? at.group(3) : at.group(4) != null ? at.group(4) : null;
        attributes.put(at.group(1).toLowerCase(Locale.ROOT), v == null ? null : unescape(v));
      }
      String href = attributes.get("href");
      if (href == null) {
        continue;
      }
      String filename = unescape(a.group(2).replaceAll("<[^>]*>", "")).strip();
      Map<String, String> hashes = new HashMap<>();
      String withoutFragment = href;
      int hash = href.indexOf('#');
      if (hash >= 0) {
        fragmentHash(href.substring(hash + 1), hashes);
        withoutFragment = href.substring(0, hash);
      }
      String metadata =
          attributes.containsKey("data-core-metadata")
              ? attributes.get("data-core-metadata")
              : attributes.get("data-dist-info-metadata");
      boolean hasMetadata =
          (attributes.containsKey("data-core-metadata")
                  || attributes.containsKey("data-dist-info-metadata"))
              && !"false".equalsIgnoreCase(metadata);
      Map<String, String> metadataHashes = new HashMap<>();
      if (metadata != null) {
        fragmentHash(metadata, metadataHashes);
      }
      files.add(
          new IndexFile(
              filename,
              resolve(packageName, page, withoutFragment),
              hashes,
              Optional.ofNullable(attributes.get("data-requires-python")),
              attributes.containsKey("data-yanked"),
              hasMetadata,
              metadataHashes,
              OptionalLong.empty(),
              page));
    }
    return files;
  }

  private static void fragmentHash(String fragment, Map<String, String> into) {
    int eq = fragment.indexOf('=');
    if (eq > 0) {
      into.put(
          fragment.substring(0, eq).toLowerCase(Locale.ROOT),
          fragment.substring(eq + 1).toLowerCase(Locale.ROOT));
    }
  }

  private static URI resolve(String packageName, URI page, String url) throws PackageException {
    try {
      URI u = page.resolve(new URI(url.strip()));
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new PackageException(
            packageName, page.toString(), "the index links '" + url + "', not an HTTP(S) URL");
      }
      String absolute = u.normalize().toString();
      int fragment = absolute.indexOf('#');
      return URI.create(fragment < 0 ? absolute : absolute.substring(0, fragment));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new PackageException(
          packageName, page.toString(), "the index links '" + url + "', which is not a URL");
    }
  }

  private static String unescape(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String r =
          switch (e) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> {
              try {
                if (e.startsWith("#x") || e.startsWith("#X")) {
                  yield new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
                } else if (e.startsWith("#")) {
                  yield new String(Character.toChars(Integer.parseInt(e.substring(1))));
                }
              } catch (IllegalArgumentException notACodePoint) {
                // too large or not a code point: kept as written
              }
              yield m.group();
            }
          };
      m.appendReplacement(b, Matcher.quoteReplacement(r));
    }
    m.appendTail(b);
    return b.toString();
  }
}
