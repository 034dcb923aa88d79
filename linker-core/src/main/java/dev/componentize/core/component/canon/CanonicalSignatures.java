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

  /** {@code waitable-set.new} and {@code context.get}: nothing in, one i32 out. */
  public static final CoreSignature I32_RESULT = CoreSignature.of(List.of(), List.of(FlatType.I32));

  /** {@code waitable-set.drop}, {@code subtask.drop}, {@code context.set}: one i32 in. */
  public static final CoreSignature I32_PARAM = CoreSignature.of(List.of(FlatType.I32), List.of());

  /** {@code waitable.join}: waitable and set in, nothing out. */
  public static final CoreSignature WAITABLE_JOIN =
      CoreSignature.of(List.of(FlatType.I32, FlatType.I32), List.of());

  /** {@code stream.new} and {@code future.new}: both ends in one i64 (readable in the low half). */
  public static final CoreSignature HANDLE_NEW = CoreSignature.of(List.of(), List.of(FlatType.I64));

  /** {@code stream.read/write} async: end, buffer pointer, element count in; a copy result out. */
  public static final CoreSignature STREAM_COPY =
      CoreSignature.of(List.of(FlatType.I32, FlatType.I32, FlatType.I32), List.of(FlatType.I32));

  /** {@code future.read/write} async: end and value pointer in; a copy result out. */
  public static final CoreSignature FUTURE_COPY =
      CoreSignature.of(List.of(FlatType.I32, FlatType.I32), List.of(FlatType.I32));

  /** The (synchronous) cancels of a stream or future copy: end in, the copy's result out. */
  public static final CoreSignature CANCEL_COPY =
      CoreSignature.of(List.of(FlatType.I32), List.of(FlatType.I32));

  /** {@code error-context.new}: message pointer and length in, the handle out. */
  public static final CoreSignature ERROR_CONTEXT_NEW =
      CoreSignature.of(List.of(FlatType.I32, FlatType.I32), List.of(FlatType.I32));

  /** {@code error-context.debug-message}: handle and a pointer for the (pointer, length) string. */
  public static final CoreSignature ERROR_CONTEXT_DEBUG_MESSAGE = WAITABLE_JOIN;

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
   * The core function that an async {@code canon lift} with a callback wraps (CanonicalABI.md
   * "canon lift", Async.md "Async Export ABI"): the parameters as {@link #lift}, one i32 result,
   * the callback code (EXIT, YIELD or WAIT with a waitable set). The results go to the host through
   * {@code task.return} instead ({@link #taskReturn}).
   */
  public static FlatSignature liftAsync(ComponentFuncType type) {
    FlatSignature sync = lift(type);
    // The validator wants the memory whenever the parameters or the results hold strings or
    // lists (it is the task's memory), even though task.return carries its own options.
    boolean memory =
        sync.needsMemory() || type.resultTypes().stream().anyMatch(Types::containsPointers);
    return new FlatSignature(
        CoreSignature.of(sync.core().params(), List.of(FlatType.I32)),
        sync.paramsInMemory(),
        false,
        memory,
        sync.needsRealloc());
  }

  /** The callback of an async lift: event code, two event payloads in, callback code out. */
  public static final CoreSignature CALLBACK =
      CoreSignature.of(List.of(FlatType.I32, FlatType.I32, FlatType.I32), List.of(FlatType.I32));

  /**
   * The core function that {@code canon lower async} makes of {@code type} (CanonicalABI.md "canon
   * lower", Async.md "Async Import ABI"): flat parameters if at most {@value
   * CanonicalAbi#MAX_FLAT_ASYNC_PARAMS}, else one pointer to them; a trailing pointer where the
   * host writes the result when it has one; one i32 result, the subtask's state in the low 4 bits
   * and its handle above them.
   */
  public static FlatSignature lowerAsync(ComponentFuncType type) {
    List<FlatType> params = new ArrayList<>(CanonicalAbi.flatten(type.paramTypes()));
    boolean memory = type.paramTypes().stream().anyMatch(Types::containsPointers);
    boolean realloc = type.resultTypes().stream().anyMatch(Types::containsPointers);
    boolean paramsInMemory = params.size() > CanonicalAbi.MAX_FLAT_ASYNC_PARAMS;
    if (paramsInMemory) {
      params = new ArrayList<>(List.of(FlatType.I32));
      memory = true;
    }
    boolean hasResult = !type.resultTypes().isEmpty();
    if (hasResult) {
      params.add(FlatType.I32);
      memory = true;
    }
    return new FlatSignature(
        CoreSignature.of(params, List.of(FlatType.I32)),
        paramsInMemory,
        hasResult,
        memory || realloc,
        realloc);
  }

  /**
   * {@code canon task.return} for an async export of {@code type} (CanonicalABI.md "canon
   * task.return"): the flat results as parameters (one pointer if there are more than 16), no
   * result. It needs memory when the results hold strings or lists, or are passed by pointer.
   */
  public static FlatSignature taskReturn(ComponentFuncType type) {
    List<FlatType> params = new ArrayList<>(CanonicalAbi.flatten(type.resultTypes()));
    boolean memory = type.resultTypes().stream().anyMatch(Types::containsPointers);
    boolean inMemory = params.size() > CanonicalAbi.MAX_FLAT_PARAMS;
    if (inMemory) {
      params = List.of(FlatType.I32);
      memory = true;
    }
    return new FlatSignature(CoreSignature.of(params, List.of()), inMemory, false, memory, false);
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
