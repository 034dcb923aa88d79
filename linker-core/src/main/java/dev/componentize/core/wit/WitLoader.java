package dev.componentize.core.wit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads WIT from disk the way wit-parser lays packages out: a directory's {@code *.wit} files form
 * one package (their {@code package} declarations must agree), its {@code deps/} folder holds one
 * package per sub-directory or {@code .wit} file, and any file may add nested {@code package x:y {
 * ... }} blocks. WASI 0.2 packages that are referenced but not supplied come from {@link
 * BuiltinWit}.
 */
public final class WitLoader {
  private WitLoader() {}

  /**
   * Parses and resolves a WIT directory or single file.
   *
   * @param witDirOrFile a directory (with optional {@code deps/}) or one {@code .wit} file
   * @param features enabled {@code @unstable} features
   * @throws WitException on a syntax or resolution error, located in the offending file
   * @throws IOException when a file cannot be read
   */
  public static Resolve load(Path witDirOrFile, Set<String> features) throws IOException {
    if (!Files.exists(witDirOrFile)) {
      throw new WitException("WIT path " + witDirOrFile + " does not exist");
    }
    Sources sources = new Sources();
    Ast.PackageRef main;
    if (Files.isDirectory(witDirOrFile)) {
      main = sources.addDirectory(witDirOrFile);
      Path deps = witDirOrFile.resolve("deps");
      if (Files.isDirectory(deps)) {
        for (Path dep : list(deps)) {
          if (Files.isDirectory(dep)) {
            sources.addDirectory(dep);
          } else if (dep.getFileName().toString().endsWith(".wit")) {
            sources.addDependencyFile(dep);
          }
        }
      }
    } else {
      main = sources.addFile(witDirOrFile);
    }
    sources.addMissingBuiltins();
    return WitResolver.resolve(sources.packages(), main.toName(), features);
  }

  /** Parses and resolves WIT text held in memory (no {@code deps/}; built-in WASI available). */
  public static Resolve loadText(String text, Set<String> features) {
    Sources sources = new Sources();
    Ast.PackageRef main = sources.add(WitParser.parse(null, text), null);
    sources.addMissingBuiltins();
    return WitResolver.resolve(sources.packages(), main.toName(), features);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    }
  }

  /** Reads a file as strict UTF-8 (WIT.md: "Files are encoded as valid utf-8 bytes"). */
  static String read(Path file, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new WitException(file, 1, 1, "file is not valid UTF-8");
    }
  }

  /** The packages collected so far, merged by name. */
  private static final class Sources {
    private final Map<PackageName, PackageParts> byName = new LinkedHashMap<>();

    /** Adds every {@code .wit} file of {@code dir} as one package and returns its name. */
    Ast.PackageRef addDirectory(Path dir) throws IOException {
      List<Ast.File> files = new ArrayList<>();
      for (Path file : list(dir)) {
        if (Files.isRegularFile(file) && file.getFileName().toString().endsWith(".wit")) {
          files.add(WitParser.parse(file, read(file, Files.readAllBytes(file))));
        }
      }
      if (files.isEmpty()) {
        throw new WitException("no .wit files in " + dir);
      }
      Ast.PackageDecl decl = null;
      for (Ast.File file : files) {
        if (file.pkg() == null) {
          continue;
        }
        if (decl != null && !decl.name().toName().equals(file.pkg().name().toName())) {
          throw new WitException(
              file.pkg().name().span(),
              "package "
                  + file.pkg().name().toName()
                  + " differs from package "
                  + decl.name().toName()
                  + " declared at "
                  + decl.name().span()
                  + " (all files of a directory form one package)");
        }
        if (decl != null && decl.docs() != null && file.pkg().docs() != null) {
          throw new WitException(
              file.pkg().name().span(),
              "package "
                  + decl.name().toName()
                  + " has a doc comment here and at "
                  + decl.name().span()
                  + "; document the package in one file only");
        }
        if (decl == null || decl.docs() == null) {
          decl = file.pkg();
        }
      }
      if (decl == null) {
        throw new WitException(
            "no package declaration in "
                + dir
                + ": add 'package namespace:name;' to one of its"
                + " .wit files");
      }
      for (Ast.File file : files) {
        addScope(decl, file.items(), dir);
        for (Ast.NestedPackage nested : file.nested()) {
          addScope(nested.decl(), nested.items(), nested);
        }
      }
      return decl.name();
    }

    /**
     * A {@code .wit} file in {@code deps/}: one package, or (unlike wit-parser, which wants a
     * {@code package} header in every dependency file) nothing but nested {@code package x:y { ...
     * }} blocks, one package each.
     */
    void addDependencyFile(Path path) throws IOException {
      Ast.File file = WitParser.parse(path, read(path, Files.readAllBytes(path)));
      boolean onlyNested =
          file.pkg() == null
              && file.items().uses().isEmpty()
              && file.items().interfaces().isEmpty()
              && file.items().worlds().isEmpty()
              && !file.nested().isEmpty();
      if (onlyNested) {
        for (Ast.NestedPackage nested : file.nested()) {
          addScope(nested.decl(), nested.items(), nested);
        }
      } else {
        add(file, path);
      }
    }

    Ast.PackageRef addFile(Path file) throws IOException {
      return add(WitParser.parse(file, read(file, Files.readAllBytes(file))), file);
    }

    /**
     * Adds a single-file package and its nested packages; returns the file's package, or the only
     * nested one of a file that declares nothing else.
     */
    Ast.PackageRef add(Ast.File file, Path path) {
      for (Ast.NestedPackage nested : file.nested()) {
        addScope(nested.decl(), nested.items(), nested);
      }
      if (file.pkg() == null) {
        boolean empty = file.items().interfaces().isEmpty() && file.items().worlds().isEmpty();
        if (!(empty && file.nested().size() == 1)) {
          throw new WitException(
              path, 1, 1, "no package declaration: start the file with 'package namespace:name;'");
        }
        return file.nested().get(0).decl().name();
      }
      addScope(file.pkg(), file.items(), file);
      return file.pkg().name();
    }

    /**
     * Adds one scope of a package. The files of one directory form one package, so scopes from the
     * same {@code origin} (that directory) merge; a package that comes from two places (a directory
     * and a nested block, two nested blocks, two dependencies) is an error: which one would be
     * meant is unclear. Origins compare by identity.
     */
    private void addScope(Ast.PackageDecl decl, Ast.Items items, Object origin) {
      PackageParts parts =
          byName.computeIfAbsent(decl.name().toName(), n -> new PackageParts(decl, origin));
      if (parts.origin != origin) {
        // Nested blocks are read before the file's own items: point at the later of the two.
        SourceSpan here = decl.name().span();
        SourceSpan there = parts.decl.name().span();
        if (Objects.equals(here.file(), there.file())
            && (here.line() < there.line()
                || (here.line() == there.line() && here.column() < there.column()))) {
          SourceSpan swap = here;
          here = there;
          there = swap;
        }
        throw new WitException(
            here,
            "package "
                + decl.name().toName()
                + " is defined here and at "
                + there
                + "; a package is defined once: one directory, one file or one nested 'package "
                + decl.name().toName()
                + " { ... }' block");
      }
      parts.scopes.add(items);
    }

    /** Adds built-in WASI packages that something refers to and nobody supplied, transitively. */
    void addMissingBuiltins() {
      boolean added = true;
      while (added) {
        added = false;
        for (Ast.PackageRef ref : referencedPackages()) {
          if (!isSupplied(ref.toName())) {
            String text = BuiltinWit.find(ref.toName());
            if (text != null) {
              Path path = BuiltinWit.path(ref.toName());
              add(WitParser.parse(path, text), path);
              added = true;
              break;
            }
          }
        }
      }
    }

    private boolean isSupplied(PackageName wanted) {
      for (PackageName have : byName.keySet()) {
        if (have.equals(wanted) || (wanted.version() == null && have.sameUnversioned(wanted))) {
          return true;
        }
      }
      return false;
    }

    private List<Ast.PackageRef> referencedPackages() {
      List<Ast.PackageRef> refs = new ArrayList<>();
      for (PackageParts parts : byName.values()) {
        for (Ast.Items items : parts.scopes) {
          for (Ast.TopUse use : items.uses()) {
            addRef(refs, use.path());
          }
          for (Ast.InterfaceDecl i : items.interfaces()) {
            addRefs(refs, i.members());
          }
          for (Ast.WorldDecl w : items.worlds()) {
            for (Ast.WorldMember m : w.members()) {
              if (m instanceof Ast.UseDecl u) {
                addRef(refs, u.path());
              } else if (m instanceof Ast.ExternPath p) {
                addRef(refs, p.path());
              } else if (m instanceof Ast.IncludeDecl inc) {
                addRef(refs, inc.path());
              } else if (m instanceof Ast.ExternInline inline) {
                addRefs(refs, inline.members());
              }
            }
          }
        }
      }
      return refs;
    }

    private static void addRefs(List<Ast.PackageRef> refs, List<Ast.InterfaceMember> members) {
      for (Ast.InterfaceMember m : members) {
        if (m instanceof Ast.UseDecl u) {
          addRef(refs, u.path());
        }
      }
    }

    private static void addRef(List<Ast.PackageRef> refs, Ast.UsePath path) {
      if (path.pkg() != null) {
        refs.add(path.pkg());
      }
    }

    List<Ast.Package> packages() {
      List<Ast.Package> result = new ArrayList<>();
      for (PackageParts parts : byName.values()) {
        result.add(new Ast.Package(parts.decl.name(), parts.decl.docs(), parts.scopes));
      }
      return result;
    }
  }

  private static final class PackageParts {
    final Ast.PackageDecl decl;
    final Object origin;
    final List<Ast.Items> scopes = new ArrayList<>();

    PackageParts(Ast.PackageDecl decl, Object origin) {
      this.decl = decl;
      this.origin = origin;
    }
  }
}
