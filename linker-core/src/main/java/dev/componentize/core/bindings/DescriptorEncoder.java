package dev.componentize.core.bindings;

import dev.componentize.core.wit.Function;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.Type;
import dev.componentize.core.wit.TypeDef;
import dev.componentize.core.wit.TypeDefKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link WorldPlan} as the descriptor blob the C glue reads (docs/design/python-glue.md,
 * "The descriptor blob"): little-endian u32 words, every reference an offset from the blob's start
 * or an index into its type table, so the blob needs no relocation wherever the linker places it.
 *
 * <p>Layout: header, the three offset tables (types, exports, imports), the type records
 * (dependencies first, each distinct type once), the function records, then the strings, each
 * string once.
 */
public final class DescriptorEncoder {
  public static final int MAGIC = 0x574d4f43; // "COMW" read as a little-endian u32
  public static final int VERSION = 1;
  public static final int NONE = 0xffffffff;

  /** Type kinds (docs/design/python-glue.md, "type"). */
  public static final int BOOL = 0;

  public static final int S8 = 1;
  public static final int U8 = 2;
  public static final int S16 = 3;
  public static final int U16 = 4;
  public static final int S32 = 5;
  public static final int U32 = 6;
  public static final int S64 = 7;
  public static final int U64 = 8;
  public static final int F32 = 9;
  public static final int F64 = 10;
  public static final int CHAR = 11;
  public static final int STRING = 12;
  public static final int LIST = 13;
  public static final int RECORD = 14;
  public static final int TUPLE = 15;
  public static final int VARIANT = 16;
  public static final int ENUM = 17;
  public static final int FLAGS = 18;
  public static final int OPTION = 19;
  public static final int RESULT = 20;
  public static final int OWN = 21;
  public static final int BORROW = 22;
  public static final int RESOURCE = 23;
  public static final int STREAM = 24;
  public static final int FUTURE = 25;
  public static final int ERROR_CONTEXT = 26;

  private static final int HEADER_WORDS = 9;

  /** A reference to a string, resolved to its offset once all records are laid out. */
  private record Str(String value) {}

  private final WorldPlan plan;
  private final Resolve resolve;
  private final Map<String, Integer> typeIndices = new HashMap<>();
  private final List<List<Object>> types = new ArrayList<>();
  private final List<String> classes = new ArrayList<>();

  private DescriptorEncoder(WorldPlan plan) {
    this.plan = plan;
    this.resolve = plan.resolve();
  }

  /** The descriptor of {@code plan} and its class registration list. */
  public static Descriptor encode(WorldPlan plan) {
    return new DescriptorEncoder(plan).run();
  }

  private Descriptor run() {
    for (WorldPlan.Resource r : plan.resources()) {
      resourceIndex(r);
    }
    List<List<Object>> exports = new ArrayList<>();
    for (WorldPlan.Export e : plan.exports()) {
      exports.add(
          function(e.coreName(), e.pythonCallable(), e.function(), e.flags(), e.taskReturnIndex()));
    }
    List<List<Object>> imports = new ArrayList<>();
    for (WorldPlan.Import i : plan.imports()) {
      imports.add(
          function(i.module() + "." + i.field(), i.pythonPath(), i.function(), i.flags(), -1));
    }
    return new Descriptor(layOut(exports, imports), classes);
  }

  private byte[] layOut(List<List<Object>> exports, List<List<Object>> imports) {
    int typesTable = HEADER_WORDS * 4;
    int exportsTable = typesTable + 4 * types.size();
    int importsTable = exportsTable + 4 * exports.size();
    int offset = importsTable + 4 * imports.size();
    List<List<Object>> records = new ArrayList<>(types);
    records.addAll(exports);
    records.addAll(imports);
    int[] recordOffsets = new int[records.size()];
    for (int i = 0; i < records.size(); i++) {
      recordOffsets[i] = offset;
      offset += 4 * records.get(i).size();
    }
    Map<String, Integer> strings = new LinkedHashMap<>();
    Str app = new Str(plan.appModule());
    for (List<Object> record : records) {
      for (Object word : record) {
        if (word instanceof Str s) {
          offset = addString(strings, s.value(), offset);
        }
      }
    }
    offset = addString(strings, app.value(), offset);
    Words out = new Words();
    out.add(MAGIC).add(VERSION);
    out.add(types.size()).add(typesTable);
    out.add(exports.size()).add(exportsTable);
    out.add(imports.size()).add(importsTable);
    out.add(strings.get(app.value()));
    for (int recordOffset : recordOffsets) {
      out.add(recordOffset);
    }
    for (List<Object> record : records) {
      for (Object word : record) {
        out.add(word instanceof Str s ? strings.get(s.value()) : (Integer) word);
      }
    }
    for (String s : strings.keySet()) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      out.add(bytes.length);
      out.bytes(bytes);
    }
    byte[] blob = out.toByteArray();
    if (blob.length != offset) {
      throw new IllegalStateException("descriptor layout: " + blob.length + " != " + offset);
    }
    return blob;
  }

  private static int addString(Map<String, Integer> strings, String s, int offset) {
    if (strings.containsKey(s)) {
      return offset;
    }
    strings.put(s, offset);
    return offset + 4 + (s.getBytes(StandardCharsets.UTF_8).length + 3) / 4 * 4;
  }

  private List<Object> function(
      String name, String callable, Function f, int flags, int taskReturnIndex) {
    List<Object> words = new ArrayList<>();
    words.add(new Str(name));
    words.add(new Str(callable));
    words.add(f.params().size());
    for (Function.Param p : f.params()) {
      words.add(typeIndex(p.type(), f.name()));
    }
    words.add(f.result() == null ? NONE : typeIndex(f.result(), f.name()));
    words.add(flags);
    if ((flags & WorldPlan.FLAG_ASYNC) != 0) {
      // Async functions only: the task.return import index (exports) and the first built-in's.
      words.add(taskReturnIndex < 0 ? NONE : taskReturnIndex);
      words.add(plan.asyncBuiltinsBase());
    }
    return words;
  }

  private int resourceIndex(WorldPlan.Resource r) {
    String key = "#" + r.id().index();
    Integer known = typeIndices.get(key);
    if (known != null) {
      return known;
    }
    String module =
        r.iface() == null
            ? WorldPlan.PACKAGE
            : r.exported()
                ? plan.exportModules().get(r.iface())
                : plan.importModules().get(r.iface());
    int pythonClass = register(module + "." + PythonNames.pascal(r.witName()));
    return add(
        key,
        List.of(
            RESOURCE,
            pythonClass,
            r.exported() ? 1 : 0,
            r.dropIndex(),
            r.exported() ? r.newIndex() : NONE,
            r.exported() ? r.repIndex() : NONE,
            new Str(r.witName())));
  }

  /** The index of {@code type}, adding it (after its parts) if new. */
  private int typeIndex(Type type, String where) {
    if (type instanceof Type.Primitive p) {
      int kind =
          switch (p) {
            case BOOL -> BOOL;
            case S8 -> S8;
            case U8 -> U8;
            case S16 -> S16;
            case U16 -> U16;
            case S32 -> S32;
            case U32 -> U32;
            case S64 -> S64;
            case U64 -> U64;
            case F32 -> F32;
            case F64 -> F64;
            case CHAR -> CHAR;
            case STRING -> STRING;
            case ERROR_CONTEXT -> ERROR_CONTEXT;
          };
      if (kind == ERROR_CONTEXT) {
        return add(p.wit(), List.of(kind, plan.errorContextBase()));
      }
      return add(p.wit(), List.of(kind));
    } else if (type instanceof Type.Named named) {
      return named(resolve.unalias(named.id()), where);
    } else if (type instanceof Type.ListType list) {
      int element = typeIndex(list.element(), where);
      return add("list<" + element + ">", List.of(LIST, element));
    } else if (type instanceof Type.OptionType option) {
      int some = typeIndex(option.some(), where);
      return add("option<" + some + ">", List.of(OPTION, some));
    } else if (type instanceof Type.ResultType result) {
      int ok = result.ok() == null ? NONE : typeIndex(result.ok(), where);
      int err = result.err() == null ? NONE : typeIndex(result.err(), where);
      return add("result<" + ok + "," + err + ">", List.of(RESULT, ok, err));
    } else if (type instanceof Type.TupleType tuple) {
      List<Object> words = new ArrayList<>();
      words.add(TUPLE);
      words.add(tuple.elements().size());
      for (Type element : tuple.elements()) {
        words.add(typeIndex(element, where));
      }
      return add("tuple" + words.subList(2, words.size()), words);
    } else if (type instanceof Type.Handle handle) {
      int resource = resourceIndex(plan.resource(handle.resource()));
      boolean own = handle.kind() == Type.HandleKind.OWN;
      return add(
          (own ? "own<" : "borrow<") + resource + ">", List.of(own ? OWN : BORROW, resource));
    } else if (type instanceof Type.StreamType || type instanceof Type.FutureType) {
      Type payload =
          type instanceof Type.StreamType s ? s.payload() : ((Type.FutureType) type).payload();
      int element = payload == null ? NONE : typeIndex(payload, where);
      int builtins = plan.handleType(type, where).firstImport();
      boolean future = type instanceof Type.FutureType;
      return add(
          (future ? "future<" : "stream<") + element + ">",
          List.of(future ? FUTURE : STREAM, element, builtins));
    }
    throw new BindingsException(
        "fixed-size list in " + where + " is not supported by the Python bindings yet");
  }

  private int named(TypeDef def, String where) {
    String key = "#" + def.id().index();
    Integer known = typeIndices.get(key);
    if (known != null) {
      return known;
    }
    String className = plan.qualifiedClass(def.id());
    TypeDefKind kind = def.kind();
    List<Object> words = new ArrayList<>();
    if (kind instanceof TypeDefKind.Alias alias) {
      int target = typeIndex(alias.target(), where);
      typeIndices.put(key, target);
      return target;
    } else if (kind instanceof TypeDefKind.Record record) {
      List<Integer> fieldTypes = new ArrayList<>();
      for (TypeDefKind.Field f : record.fields()) {
        fieldTypes.add(typeIndex(f.type(), where));
      }
      words.add(RECORD);
      words.add(register(className));
      words.add(record.fields().size());
      for (int i = 0; i < record.fields().size(); i++) {
        words.add(new Str(PythonNames.snake(record.fields().get(i).name())));
        words.add(fieldTypes.get(i));
      }
    } else if (kind instanceof TypeDefKind.Variant variant) {
      List<Integer> payloads = new ArrayList<>();
      List<String> cases = new ArrayList<>();
      for (TypeDefKind.Case c : variant.cases()) {
        payloads.add(c.payload() == null ? NONE : typeIndex(c.payload(), where));
        cases.add(plan.moduleOf(def.id()) + "." + plan.caseClassName(def.id(), c.name()));
      }
      words.add(VARIANT);
      // A Python tuple display; one element needs the trailing comma.
      words.add(register("(" + String.join(", ", cases) + (cases.size() == 1 ? ",)" : ")")));
      words.add(variant.cases().size());
      for (int i = 0; i < variant.cases().size(); i++) {
        words.add(new Str(PythonNames.snake(variant.cases().get(i).name())));
        words.add(payloads.get(i));
      }
    } else if (kind instanceof TypeDefKind.Enum e) {
      words.addAll(List.of(ENUM, register(className), e.cases().size()));
    } else if (kind instanceof TypeDefKind.Flags f) {
      words.addAll(List.of(FLAGS, register(className), f.flags().size()));
    } else {
      return resourceIndex(plan.resource(def.id()));
    }
    return add(key, words);
  }

  private int add(String key, List<Object> words) {
    Integer known = typeIndices.get(key);
    if (known != null) {
      return known;
    }
    types.add(List.copyOf(words));
    typeIndices.put(key, types.size() - 1);
    return types.size() - 1;
  }

  private int register(String pythonExpression) {
    classes.add(pythonExpression);
    return classes.size() - 1;
  }

  /** Little-endian u32 words and 4-padded byte strings. */
  private static final class Words {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Words add(int word) {
      out.write(word);
      out.write(word >>> 8);
      out.write(word >>> 16);
      out.write(word >>> 24);
      return this;
    }

    void bytes(byte[] bytes) {
      out.write(bytes, 0, bytes.length);
      for (int i = bytes.length; i % 4 != 0; i++) {
        out.write(0);
      }
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
