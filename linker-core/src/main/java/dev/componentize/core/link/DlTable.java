package dev.componentize.core.link;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Encodes the lookup table behind {@code dlopen}/{@code dlsym}; the layout is specified in
 * docs/design/dlopen-table.md, and runtime/src/main/c/libdl reads it.
 */
final class DlTable {
  static final int MAGIC = 0x4c44434d; // "MCDL" in memory order
  static final int VERSION = 1;
  private static final int HEADER_SIZE = 16;
  private static final int LIBRARY_SIZE = 16;
  private static final int SYMBOL_SIZE = 12;

  /** A symbol and its address: a table slot for a function, a memory address for data. */
  record Symbol(String name, int address) {}

  /** A dl-openable library: the path {@code dlopen} matches and its symbols. */
  record Entry(String name, List<Symbol> symbols) {
    Entry {
      symbols = List.copyOf(symbols);
    }
  }

  private static final Comparator<String> BYTEWISE =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private DlTable() {}

  /** Bytes the table needs for libraries with these names and symbol names. */
  static int size(List<String> libraryNames, List<List<String>> symbolNames) {
    int size = HEADER_SIZE + LIBRARY_SIZE * libraryNames.size();
    for (String name : libraryNames) {
      size += padded(utf8Length(name));
    }
    for (List<String> symbols : symbolNames) {
      size += SYMBOL_SIZE * symbols.size();
      for (String symbol : symbols) {
        size += padded(utf8Length(symbol));
      }
    }
    return size;
  }

  /** The table's bytes when placed at {@code base}. */
  static byte[] encode(int base, List<Entry> entries) {
    List<Entry> libraries = new ArrayList<>(entries);
    libraries.sort(Comparator.comparing(Entry::name, BYTEWISE));
    int size =
        size(
            libraries.stream().map(Entry::name).toList(),
            libraries.stream().map(e -> e.symbols().stream().map(Symbol::name).toList()).toList());
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    int librariesAt = HEADER_SIZE;
    out.putInt(MAGIC).putInt(VERSION).putInt(libraries.size()).putInt(base + librariesAt);

    // Records first (fixed size), then symbol arrays, then the names they point to.
    int cursor = librariesAt + LIBRARY_SIZE * libraries.size();
    int[] symbolArrays = new int[libraries.size()];
    for (int i = 0; i < libraries.size(); i++) {
      symbolArrays[i] = cursor;
      cursor += SYMBOL_SIZE * libraries.get(i).symbols().size();
    }
    for (int i = 0; i < libraries.size(); i++) {
      Entry library = libraries.get(i);
      byte[] name = library.name().getBytes(StandardCharsets.UTF_8);
      out.position(librariesAt + LIBRARY_SIZE * i);
      out.putInt(name.length).putInt(base + cursor);
      out.putInt(library.symbols().size()).putInt(base + symbolArrays[i]);
      out.position(cursor).put(name);
      cursor += padded(name.length);

      List<Symbol> symbols = new ArrayList<>(library.symbols());
      symbols.sort(Comparator.comparing(Symbol::name, BYTEWISE));
      for (int s = 0; s < symbols.size(); s++) {
        byte[] symbolName = symbols.get(s).name().getBytes(StandardCharsets.UTF_8);
        out.position(symbolArrays[i] + SYMBOL_SIZE * s);
        out.putInt(symbolName.length).putInt(base + cursor).putInt(symbols.get(s).address());
        out.position(cursor).put(symbolName);
        cursor += padded(symbolName.length);
      }
    }
    if (cursor != size) {
      throw new IllegalStateException("dlopen table size " + cursor + " != planned " + size);
    }
    return out.array();
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static int padded(int length) {
    return (length + 3) & ~3;
  }
}
