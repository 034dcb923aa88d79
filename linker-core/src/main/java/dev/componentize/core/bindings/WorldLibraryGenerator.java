package dev.componentize.core.bindings;

import dev.componentize.core.abi.RuntimeBundle;
import dev.componentize.core.component.CoreNames;
import dev.componentize.core.component.canon.CanonicalSignatures;
import dev.componentize.core.component.canon.CoreSignature;
import dev.componentize.core.component.canon.FlatSignature;
import dev.componentize.core.component.canon.FlatType;
import dev.componentize.core.dylink.DylinkSection;
import dev.componentize.core.dylink.DylinkSubsection;
import dev.componentize.core.dylink.ToolchainIdentity;
import dev.componentize.core.wasm.Bytes;
import dev.componentize.core.wasm.ConstExpr;
import dev.componentize.core.wasm.DataSegment;
import dev.componentize.core.wasm.ExternalKind;
import dev.componentize.core.wasm.FuncType;
import dev.componentize.core.wasm.FunctionBody;
import dev.componentize.core.wasm.GlobalType;
import dev.componentize.core.wasm.Local;
import dev.componentize.core.wasm.MemoryType;
import dev.componentize.core.wasm.ModuleBuilder;
import dev.componentize.core.wasm.ValType;
import dev.componentize.core.wasm.WasmModule;
import dev.componentize.core.wasm.WasmWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Generates {@code libworld.so}, the per-world position-independent library that carries the
 * component's exported entry points and import trampolines (docs/design/python-glue.md,
 * "libworld.so"). It only moves flat core values between wasm locals and 8-byte memory slots; the C
 * glue does all lifting and lowering, driven by the descriptor blob this library holds as {@code
 * componentize_world}.
 *
 * <p>Like a clang {@code -fPIC -shared} library it imports {@code env.memory}, {@code
 * env.__stack_pointer}, {@code env.__memory_base} and {@code env.__table_base}, places its data
 * with an active segment at {@code __memory_base}, and announces the size in {@code dylink.0}
 * mem-info (tool-conventions DynamicLinking.md), so the shared-everything linker treats it like any
 * other library.
 */
public final class WorldLibraryGenerator {
  /** The file name the linker and the glue know the library by. */
  public static final String NAME = "libworld.so";

  public static final String CALL_EXPORT = "componentize_call_export";
  public static final String POST_RETURN = "componentize_post_return";
  public static final String DROP_REP = "componentize_drop_rep";
  public static final String CALL_IMPORT = "componentize_call_import";
  public static final String CALL_EXPORT_ASYNC = "componentize_call_export_async";
  public static final String ASYNC_CALLBACK = "componentize_async_callback";
  public static final String WORLD_SYMBOL = "componentize_world";

  /** Bytes per flat value in a parameter or result area. */
  public static final int SLOT = 8;

  /** The C stack stays 16-byte aligned (the wasm32 C ABI's stack alignment). */
  private static final int STACK_ALIGN = 16;

  private static final FuncType THREE_I32 =
      FuncType.of(List.of(ValType.I32, ValType.I32, ValType.I32), List.of());
  private static final FuncType TWO_I32 = FuncType.of(List.of(ValType.I32, ValType.I32), List.of());
  private static final FuncType TWO_I32_TO_I32 =
      FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));

  private final WorldPlan plan;
  private final Descriptor descriptor;
  private final ModuleBuilder b = new ModuleBuilder();
  private final List<Integer> importFunctions = new ArrayList<>();
  private final List<Integer> intrinsicFunctions = new ArrayList<>();
  private final List<CoreSignature> intrinsicSignatures = new ArrayList<>();
  private int stackPointer;
  private int memoryBase;
  private int callExport;
  private int postReturn;
  private int dropRep = -1;
  private int callExportAsync = -1;
  private int asyncCallback = -1;

  private WorldLibraryGenerator(WorldPlan plan, Descriptor descriptor) {
    this.plan = plan;
    this.descriptor = descriptor;
  }

  /**
   * The library for {@code plan}.
   *
   * @param descriptor the plan's descriptor (from {@link DescriptorEncoder})
   * @param identity the runtime's toolchain identity, copied into the library, or empty
   */
  public static byte[] generate(
      WorldPlan plan, Descriptor descriptor, Optional<ToolchainIdentity> identity) {
    return WasmWriter.write(new WorldLibraryGenerator(plan, descriptor).build(identity));
  }

  private WasmModule build(Optional<ToolchainIdentity> identity) {
    byte[] blob = descriptor.blob();
    b.importMemory("env", "memory", MemoryType.of(0));
    stackPointer = b.importGlobal("env", "__stack_pointer", GlobalType.mutable(ValType.I32));
    memoryBase = b.importGlobal("env", "__memory_base", GlobalType.immutable(ValType.I32));
    b.importGlobal("env", "__table_base", GlobalType.immutable(ValType.I32));
    callExport = b.importFunction("env", CALL_EXPORT, THREE_I32);
    postReturn = b.importFunction("env", POST_RETURN, TWO_I32);
    boolean exportedResources = plan.resources().stream().anyMatch(WorldPlan.Resource::exported);
    if (exportedResources) {
      dropRep = b.importFunction("env", DROP_REP, TWO_I32);
    }
    if (plan.exports().stream().anyMatch(e -> e.type().async())) {
      callExportAsync = b.importFunction("env", CALL_EXPORT_ASYNC, TWO_I32_TO_I32);
      asyncCallback =
          b.importFunction("env", ASYNC_CALLBACK, funcType(CanonicalSignatures.CALLBACK));
    }
    for (WorldPlan.Import i : plan.imports()) {
      importFunctions.add(b.importFunction(i.module(), i.field(), funcType(i.lower().core())));
    }
    for (WorldPlan.Resource r : plan.resources()) {
      String name = r.witName();
      intrinsic(
          r.intrinsicModule(), CoreNames.RESOURCE_DROP + name, CanonicalSignatures.RESOURCE_DROP);
      if (r.exported()) {
        intrinsic(
            r.intrinsicModule(), CoreNames.RESOURCE_NEW + name, CanonicalSignatures.RESOURCE_NEW);
        intrinsic(
            r.intrinsicModule(), CoreNames.RESOURCE_REP + name, CanonicalSignatures.RESOURCE_REP);
      }
    }
    if (plan.asyncBuiltinsBase() >= 0) {
      for (String builtin : WorldPlan.ASYNC_BUILTINS) {
        intrinsic(CoreNames.ROOT_MODULE, builtin, builtinSignature(builtin));
      }
      for (WorldPlan.Export e : plan.exports()) {
        if (e.type().async()) {
          intrinsic(
              plan.taskReturnModule(e),
              CoreNames.TASK_RETURN + e.function().externName(),
              CanonicalSignatures.taskReturn(e.type()).core());
        }
      }
      for (WorldPlan.HandleType h : plan.handleTypes()) {
        for (String operation : CoreNames.HANDLE_OPERATIONS) {
          intrinsic(h.module(), h.field(operation), handleSignature(h.future(), operation));
        }
      }
      if (plan.errorContextBase() >= 0) {
        intrinsic(
            CoreNames.ROOT_MODULE,
            CoreNames.ERROR_CONTEXT_NEW,
            CanonicalSignatures.ERROR_CONTEXT_NEW);
        intrinsic(
            CoreNames.ROOT_MODULE,
            CoreNames.ERROR_CONTEXT_DEBUG_MESSAGE,
            CanonicalSignatures.ERROR_CONTEXT_DEBUG_MESSAGE);
        intrinsic(
            CoreNames.ROOT_MODULE, CoreNames.ERROR_CONTEXT_DROP, CanonicalSignatures.I32_PARAM);
      }
    }
    // Data symbols of a PIC library are exported globals holding the offset from __memory_base.
    int world = b.global(GlobalType.immutable(ValType.I32), ConstExpr.i32Const(0));
    b.export(WORLD_SYMBOL, ExternalKind.GLOBAL, world);
    b.data(DataSegment.active(0, ConstExpr.globalGet(memoryBase), Bytes.of(blob)));
    for (WorldPlan.Export e : plan.exports()) {
      if (e.type().async()) {
        asyncExportFunction(e);
      } else {
        exportFunction(e);
      }
    }
    for (int k = 0; k < plan.resources().size(); k++) {
      WorldPlan.Resource r = plan.resources().get(k);
      if (r.exported()) {
        destructor(r, k);
      }
    }
    b.export(CALL_IMPORT, ExternalKind.FUNC, b.function(THREE_I32, callImport()));
    b.leadingCustomSection(
        new DylinkSection(
                List.of(
                    new DylinkSubsection.MemInfo(blob.length, 3, 0, 0),
                    new DylinkSubsection.Needed(List.of(RuntimeBundle.GLUE))))
            .toCustomSection());
    identity.ifPresent(id -> b.trailingCustomSection(id.toCustomSection()));
    return b.build();
  }

  private void intrinsic(String module, String name, CoreSignature signature) {
    intrinsicFunctions.add(b.importFunction(module, name, funcType(signature)));
    intrinsicSignatures.add(signature);
  }

  /**
   * {@code <export>}: params into slots of a stack area, {@code componentize_call_export(index,
   * params, results)}, the flat result back from the slot after the params.
   */
  private void exportFunction(WorldPlan.Export e) {
    FlatSignature lift = e.lift();
    List<FlatType> params = lift.core().params();
    List<FlatType> results = lift.core().results();
    int area = params.size();
    int resultSlot = SLOT * params.size();
    int size = align(resultSlot + SLOT);
    FlatCode code = new FlatCode();
    reserve(code, size, area);
    for (int i = 0; i < params.size(); i++) {
      code.localGet(area).localGet(i).store(params.get(i), SLOT * i);
    }
    code.i32Const(e.index()).localGet(area).localGet(area).i32Const(resultSlot).i32Add();
    code.call(callExport);
    for (FlatType result : results) {
      code.localGet(area).load(result, resultSlot);
    }
    release(code, size, area);
    int function = b.function(funcType(lift.core()), code.body(List.of(new Local(1, ValType.I32))));
    b.export(e.coreName(), ExternalKind.FUNC, function);

    // cabi_post_<export>: the flat results into slots, then componentize_post_return.
    FlatCode post = new FlatCode();
    int postArea = results.size();
    int postSize = align(SLOT * Math.max(1, results.size()));
    reserve(post, postSize, postArea);
    for (int i = 0; i < results.size(); i++) {
      post.localGet(postArea).localGet(i).store(results.get(i), SLOT * i);
    }
    post.i32Const(e.index()).localGet(postArea).call(postReturn);
    release(post, postSize, postArea);
    int postFunction =
        b.function(
            funcType(CanonicalSignatures.postReturn(e.type())),
            post.body(List.of(new Local(1, ValType.I32))));
    b.export(CoreNames.postReturn(e.coreName()), ExternalKind.FUNC, postFunction);
  }

  /**
   * {@code [async-lift]<export>}: params into slots of a stack area, then {@code
   * componentize_call_export_async(index, params)}, whose callback code it returns; and {@code
   * [callback][async-lift]<export>}, which passes the event to {@code componentize_async_callback}
   * (the glue finds the task through {@code context.get}).
   */
  private void asyncExportFunction(WorldPlan.Export e) {
    FlatSignature lift = e.lift();
    List<FlatType> params = lift.core().params();
    int area = params.size();
    int size = align(SLOT * Math.max(1, params.size()));
    FlatCode code = new FlatCode();
    reserve(code, size, area);
    for (int i = 0; i < params.size(); i++) {
      code.localGet(area).localGet(i).store(params.get(i), SLOT * i);
    }
    code.i32Const(e.index()).localGet(area).call(callExportAsync);
    release(code, size, area);
    int function = b.function(funcType(lift.core()), code.body(List.of(new Local(1, ValType.I32))));
    b.export(e.coreName(), ExternalKind.FUNC, function);

    FlatCode callback = new FlatCode().localGet(0).localGet(1).localGet(2).call(asyncCallback);
    int callbackFunction =
        b.function(funcType(CanonicalSignatures.CALLBACK), callback.body(List.of()));
    b.export(CoreNames.CALLBACK + e.coreName(), ExternalKind.FUNC, callbackFunction);
  }

  private static CoreSignature builtinSignature(String builtin) {
    return switch (builtin) {
      case CoreNames.WAITABLE_SET_NEW, CoreNames.CONTEXT_GET -> CanonicalSignatures.I32_RESULT;
      case CoreNames.WAITABLE_JOIN -> CanonicalSignatures.WAITABLE_JOIN;
      default -> CanonicalSignatures.I32_PARAM;
    };
  }

  private static CoreSignature handleSignature(boolean future, String operation) {
    return switch (operation) {
      case "new" -> CanonicalSignatures.HANDLE_NEW;
      case "read", "write" ->
          future ? CanonicalSignatures.FUTURE_COPY : CanonicalSignatures.STREAM_COPY;
      case "cancel-read", "cancel-write" -> CanonicalSignatures.CANCEL_COPY;
      default -> CanonicalSignatures.I32_PARAM;
    };
  }

  /** {@code <iface>#[dtor]R}: {@code componentize_drop_rep(resource type index, rep)}. */
  private void destructor(WorldPlan.Resource r, int typeIndex) {
    FlatCode code = new FlatCode().i32Const(typeIndex).localGet(0).call(dropRep);
    int function = b.function(funcType(CanonicalSignatures.RESOURCE_DTOR), code.body(List.of()));
    String owner = r.iface() == null ? CoreNames.ROOT_MODULE : plan.itemName(r.iface());
    b.export(CoreNames.destructor(owner, r.witName()), ExternalKind.FUNC, function);
  }

  /**
   * {@code componentize_call_import(index, params, results)}: one block per import index, entered
   * by a {@code br_table}; each loads the flat params from the slots, calls its import and stores
   * the flat result (a spilled result is written by the import through {@code results}).
   */
  private FunctionBody callImport() {
    int count = importFunctions.size() + intrinsicFunctions.size();
    FlatCode code = new FlatCode();
    code.block(); // index out of range: falls out of this block into the trap
    for (int i = 0; i < count; i++) {
      code.block();
    }
    code.localGet(0).brTable(count, count);
    for (int i = 0; i < count; i++) {
      code.end();
      CoreSignature signature;
      boolean resultsThroughPointer;
      int function;
      if (i < importFunctions.size()) {
        WorldPlan.Import planned = plan.imports().get(i);
        FlatSignature lower = planned.lower();
        signature = lower.core();
        // An async lowering's return pointer is an ordinary parameter the glue puts in a slot:
        // the host may write the result later, and slot 0 of `results` gets the status.
        resultsThroughPointer = lower.resultsInMemory() && !planned.type().async();
        function = importFunctions.get(i);
      } else {
        signature = intrinsicSignatures.get(i - importFunctions.size());
        resultsThroughPointer = false;
        function = intrinsicFunctions.get(i - importFunctions.size());
      }
      if (!signature.results().isEmpty()) {
        code.localGet(2);
      }
      List<FlatType> params = signature.params();
      for (int p = 0; p < params.size(); p++) {
        if (resultsThroughPointer && p == params.size() - 1) {
          code.localGet(2);
        } else {
          code.localGet(1).load(params.get(p), SLOT * p);
        }
      }
      code.call(function);
      if (!signature.results().isEmpty()) {
        code.store(signature.results().get(0), 0);
      }
      code.returnFromFunction();
    }
    code.end();
    code.unreachable();
    return code.body(List.of());
  }

  /** {@code area = __stack_pointer -= size}. */
  private void reserve(FlatCode code, int size, int area) {
    code.globalGet(stackPointer).i32Const(size).i32Sub().localTee(area).globalSet(stackPointer);
  }

  /** {@code __stack_pointer = area + size}. */
  private void release(FlatCode code, int size, int area) {
    code.localGet(area).i32Const(size).i32Add().globalSet(stackPointer);
  }

  private static int align(int size) {
    return (size + STACK_ALIGN - 1) / STACK_ALIGN * STACK_ALIGN;
  }

  private static FuncType funcType(CoreSignature signature) {
    return FuncType.of(valTypes(signature.params()), valTypes(signature.results()));
  }

  private static List<ValType> valTypes(List<FlatType> types) {
    return types.stream().map(t -> ValType.valueOf(t.name())).toList();
  }
}
