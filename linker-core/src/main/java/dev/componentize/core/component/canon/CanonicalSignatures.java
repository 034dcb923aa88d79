package dev.componentize.core.component.canon;

import dev.componentize.core.component.types.ComponentFuncType;
import dev.componentize.core.component.types.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Core signatures of the canonical built-ins (CanonicalABI.md, "Flattening" and "Canonical
 * definitions").
 */
public final class CanonicalSignatures {
  /**
   * {@code cabi_realloc(old_ptr, old_size, align, new_size) -> ptr}: the allocator a component
   * exports so that the host can place strings, lists and spilled parameters in its memory
   * (Binary.md, notes on canonical definitions: "realloc must have core type (func (param i32 i32
   * i32 i32) (result i32))").
   */
  public static final CoreSignature REALLOC =
      CoreSignature.of(
          List.of(FlatType.I32, FlatType.I32, FlatType.I32, FlatType.I32), List.of(FlatType.I32));

  /** {@code resource.new}: representation (i32) in, new handle index out. */
  public static final CoreSignature RESOURCE_NEW =
      CoreSignature.of(List.of(FlatType.I32), List.of(FlatType.I32));

  /** {@code resource.drop}: handle index in, nothing out. */
  public static final CoreSignature RESOURCE_DROP =
      CoreSignature.of(List.of(FlatType.I32), List.of());

  /** {@code resource.rep}: handle index in, representation out. */
  public static final CoreSignature RESOURCE_REP =
      CoreSignature.of(List.of(FlatType.I32), List.of(FlatType.I32));

  /** A resource destructor: the representation in, nothing out (Binary.md, resourcetype). */
  public static final CoreSignature RESOURCE_DTOR = RESOURCE_DROP;

  private CanonicalSignatures() {}

  /**
   * The core function that {@code canon lift} wraps into the exported component function {@code
   * type}: flat parameters (one pointer if there are more than 16, which the host writes with
   * {@code realloc}), flat results (one pointer to them if there is more than one).
   */
  public static FlatSignature lift(ComponentFuncType type) {
    List<FlatType> params = new ArrayList<>(CanonicalAbi.flatten(type.paramTypes()));
    List<FlatType> results = new ArrayList<>(CanonicalAbi.flatten(type.resultTypes()));
    // The callee (our core module) receives lists and strings in its own memory, allocated by the
    // host through realloc. Results are allocated by the callee itself: no realloc needed there.
    boolean realloc = type.paramTypes().stream().anyMatch(Types::containsPointers);
    boolean memory = false;
    boolean paramsInMemory = params.size() > CanonicalAbi.MAX_FLAT_PARAMS;
    if (paramsInMemory) {
      params = List.of(FlatType.I32);
      realloc = true;
      memory = true;
    }
    boolean resultsInMemory = results.size() > CanonicalAbi.MAX_FLAT_RESULTS;
    if (resultsInMemory) {
      results = List.of(FlatType.I32);
      memory = true;
    }
    return new FlatSignature(
        CoreSignature.of(params, results),
        paramsInMemory,
        resultsInMemory,
        memory || realloc,
        realloc);
  }

  /**
   * The core function that {@code canon lower} makes of the imported component function {@code
   * type}: flat parameters (one pointer into the caller's memory if there are more than 16), and
   * either one flat result or, when there are more, an extra trailing pointer parameter where the
   * host writes the results (allocating lists and strings with the caller's {@code realloc}).
   */
  public static FlatSignature lower(ComponentFuncType type) {
    List<FlatType> params = new ArrayList<>(CanonicalAbi.flatten(type.paramTypes()));
    List<FlatType> results = new ArrayList<>(CanonicalAbi.flatten(type.resultTypes()));
    boolean memory = type.paramTypes().stream().anyMatch(Types::containsPointers);
    boolean realloc = type.resultTypes().stream().anyMatch(Types::containsPointers);
    boolean paramsInMemory = params.size() > CanonicalAbi.MAX_FLAT_PARAMS;
    if (paramsInMemory) {
      params = new ArrayList<>(List.of(FlatType.I32));
      memory = true;
    }
    boolean resultsInMemory = results.size() > CanonicalAbi.MAX_FLAT_RESULTS;
    if (resultsInMemory) {
      params.add(FlatType.I32);
      results = List.of();
      memory = true;
    }
    return new FlatSignature(
        CoreSignature.of(params, results),
        paramsInMemory,
        resultsInMemory,
        memory || realloc,
        realloc);
  }

  /**
   * The signature a {@code post-return} function must have for an export of {@code type}: the
   * lifted function's flat results as parameters, no results (Binary.md, notes on canonical
   * definitions). It runs after the host has copied the results out, so it may free them.
   */
  public static CoreSignature postReturn(ComponentFuncType type) {
    return CoreSignature.of(lift(type).core().results(), List.of());
  }
}
