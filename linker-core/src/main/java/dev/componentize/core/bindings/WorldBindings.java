package dev.componentize.core.bindings;

import dev.componentize.core.dylink.ToolchainIdentity;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.World;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything generated per world (docs/design/python-glue.md): the {@code wit_world} Python files
 * and stub, the descriptor, and {@code libworld.so}. This is the bindings step's one entry point
 * for the componentize pipeline and the {@code bindings} goal.
 *
 * @param plan the numbering and naming shared by the three artifacts
 * @param descriptor the descriptor blob and class registration list
 * @param pythonFiles file contents keyed by path relative to a {@code sys.path} directory
 * @param library the bytes of {@value WorldLibraryGenerator#NAME}
 */
public record WorldBindings(
    WorldPlan plan, Descriptor descriptor, Map<String, String> pythonFiles, byte[] library) {

  public WorldBindings {
    pythonFiles = Collections.unmodifiableMap(new LinkedHashMap<>(pythonFiles));
    library = library.clone();
  }

  @Override
  public byte[] library() {
    return library.clone();
  }

  /**
   * Generates the bindings of {@code world}.
   *
   * @param appModule the Python module implementing the exports
   * @param identity the runtime's toolchain identity for libworld.so, or empty
   * @throws BindingsException if the world uses something the bindings cannot carry
   */
  public static WorldBindings generate(
      Resolve resolve, World world, String appModule, Optional<ToolchainIdentity> identity) {
    WorldPlan plan = WorldPlan.of(resolve, world, appModule);
    Descriptor descriptor = DescriptorEncoder.encode(plan);
    return new WorldBindings(
        plan,
        descriptor,
        PythonBindingsGenerator.generate(plan, descriptor),
        WorldLibraryGenerator.generate(plan, descriptor, identity));
  }
}
