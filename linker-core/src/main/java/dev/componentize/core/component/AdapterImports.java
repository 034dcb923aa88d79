package dev.componentize.core.component;

import dev.componentize.core.component.binary.ComponentEncodingException;
import dev.componentize.core.component.types.ComponentWorldItem;
import dev.componentize.core.component.types.InterfaceType;
import dev.componentize.core.component.types.WorldType;
import dev.componentize.core.wasm.Import;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmReader;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The WASI 0.2 imports a component gets because of its preview1 adapter, so that the user's world
 * need not mention WASI (componentize-py's worlds do not either). The adapter serves CPython's
 * preview1 calls through WASI 0.2 interfaces; every interface it imports must be an import of the
 * component. They are taken from the WASI 0.2.12 WIT bundled with linker-core, elaborated the way
 * WIT elaborates {@code import} in a world (an interface's {@code use}d interfaces are imported
 * before it), and appended after the world's own imports, so every dependency still comes first:
 * the world's own interfaces never depend on ones only the adapter brings in.
 *
 * <p>An adapter import with an older compatible version (this adapter imports {@code
 * wasi:filesystem/preopens@0.2.6}) is served by the 0.2.12 interface (Explainer.md, "Import and
 * Export Definitions": semver-compatible names match), as {@link InterfaceNames} does when wiring.
 */
public final class AdapterImports {
  /** The WASI release of the bundled WIT (linker-core's {@code wit/wasi/0.2.12} resources). */
  public static final String WASI_VERSION = "0.2.12";

  private static final String WASI_NAMESPACE = "wasi:";
  private static final String WORLD = "adapter-imports";

  private AdapterImports() {}

  /**
   * The WASI interfaces {@code adapter} imports, in first-import order, each named with the bundled
   * version ({@code wasi:io/streams@0.2.12}).
   *
   * @throws ComponentEncodingException if the adapter is malformed or imports a WASI interface that
   *     WASI 0.2.12 cannot serve
   */
  public static List<String> interfaces(byte[] adapter) throws ComponentEncodingException {
    List<Import> imports;
    try {
      imports = WasmReader.read("preview1 adapter", adapter).imports();
    } catch (WasmFormatException e) {
      throw new ComponentEncodingException("preview1 adapter: " + e.getMessage());
    }
    Set<String> names = new LinkedHashSet<>();
    for (Import imp : imports) {
      String module = imp.module();
      if (!module.startsWith(WASI_NAMESPACE)) {
        continue; // __main_module__ and env: served by the program, not by the component's imports
      }
      String bundled = base(module) + "@" + WASI_VERSION;
      if (!InterfaceNames.servingImport(Set.of(bundled), module).equals(bundled)) {
        throw new ComponentEncodingException(
            "preview1 adapter imports '"
                + module
                + "', which WASI "
                + WASI_VERSION
                + " (the WIT bundled with componentize) cannot serve; use an adapter built for"
                + " WASI 0.2");
      }
      names.add(bundled);
    }
    return List.copyOf(names);
  }

  /**
   * {@code world} with the WASI interfaces {@code adapter} needs appended to its imports (with the
   * interfaces they use); interfaces the world already imports under the same name are kept as the
   * world has them.
   *
   * @throws ComponentEncodingException if the world imports one of those interfaces in another
   *     compatible version (0.2.0 for the adapter's 0.2.12; 0.3.0 is another interface), or the
   *     adapter cannot be read (see {@link #interfaces})
   */
  public static WorldType addTo(WorldType world, byte[] adapter) throws ComponentEncodingException {
    List<String> needed = interfaces(adapter);
    if (needed.isEmpty()) {
      return world;
    }
    Map<String, String> worldByBase = new LinkedHashMap<>();
    for (ComponentWorldItem item : world.imports()) {
      if (item instanceof InterfaceType iface && iface.name().contains("@")) {
        worldByBase.put(track(iface.name()), iface.name());
      }
    }
    List<ComponentWorldItem> imports = new ArrayList<>(world.imports());
    for (ComponentWorldItem item : wasiWorld(needed).imports()) {
      String has = worldByBase.get(track(item.name()));
      if (has == null) {
        imports.add(item);
      } else if (!has.equals(item.name())) {
        throw new ComponentEncodingException(
            "the world imports '"
                + has
                + "', but the WASI preview1 adapter (through which CPython reaches the system)"
                + " needs '"
                + item.name()
                + "'; import version "
                + WASI_VERSION
                + " of the WASI interfaces, or leave them out of the world: the component gets the"
                + " ones the adapter needs automatically");
      }
    }
    return new WorldType(imports, world.exports());
  }

  /** A world importing {@code interfaces}, from the bundled WIT, mapped to component types. */
  private static WorldType wasiWorld(List<String> interfaces) {
    StringBuilder text =
        new StringBuilder("package componentize:adapter;\n\nworld " + WORLD + " {\n");
    for (String name : interfaces) {
      text.append("  import ").append(name).append(";\n");
    }
    text.append("}\n");
    Resolve resolve = WitLoader.loadText(text.toString(), Set.of());
    return WitWorlds.toWorldType(resolve, resolve.selectWorld(WORLD));
  }

  /** {@code ns:pkg/iface} of {@code ns:pkg/iface@version}. */
  private static String base(String name) {
    int at = name.indexOf('@');
    return at < 0 ? name : name.substring(0, at);
  }

  /**
   * {@code ns:pkg/iface} of {@code ns:pkg/iface@version}, with the version's semver-compatibility
   * track ({@code 0.2} for 0.2.x, {@code 1} for 1.x): versions of one track serve each other and so
   * must agree; other tracks (WASI 0.3.0 beside the adapter's 0.2.12) are separate imports.
   */
  private static String track(String name) {
    int at = name.indexOf('@');
    if (at < 0) {
      return name;
    }
    String[] version = name.substring(at + 1).split("[.+-]");
    String track = version[0].equals("0") && version.length > 1 ? "0." + version[1] : version[0];
    return name.substring(0, at) + "@" + track;
  }
}
