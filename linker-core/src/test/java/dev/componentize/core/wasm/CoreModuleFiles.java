package dev.componentize.core.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds core wasm modules (files starting with the {@code \0asm} version-1 preamble) in a tree. */
public final class CoreModuleFiles {

  private static final byte[] CORE_PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

  private CoreModuleFiles() {}

  /** Every regular file under {@code root} that is a core module, sorted by path. */
  public static List<Path> under(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(CoreModuleFiles::isCoreModule)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isCoreModule(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(CORE_PREAMBLE.length);
      return java.util.Arrays.equals(head, CORE_PREAMBLE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
