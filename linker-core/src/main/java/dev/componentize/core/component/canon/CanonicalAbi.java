package dev.componentize.core.component.canon;

import dev.componentize.core.component.types.BorrowType;
import dev.componentize.core.component.types.Case;
import dev.componentize.core.component.types.ComponentValType;
import dev.componentize.core.component.types.EnumType;
import dev.componentize.core.component.types.Field;
import dev.componentize.core.component.types.FlagsType;
import dev.componentize.core.component.types.FutureType;
import dev.componentize.core.component.types.ListType;
import dev.componentize.core.component.types.OptionType;
import dev.componentize.core.component.types.OwnType;
import dev.componentize.core.component.types.PrimitiveType;
import dev.componentize.core.component.types.RecordType;
import dev.componentize.core.component.types.ResultType;
import dev.componentize.core.component.types.StreamType;
import dev.componentize.core.component.types.TupleType;
import dev.componentize.core.component.types.VariantType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The memory layout and flattening rules of the canonical ABI (component-model CanonicalABI.md,
 * sections "Despecialization", "Alignment", "Element Size" and "Flattening").
 *
 * <p>Option, result and enum are despecialized into variants, and tuples into records, before any
 * rule applies, exactly as the specification does, so the layouts agree by construction.
 */
public final class CanonicalAbi {
  /** At most this many flat parameters are passed directly; more go through memory. */
  public static final int MAX_FLAT_PARAMS = 16;

  /** Flat parameters of an async lowering before they are passed by pointer (Async.md). */
  public static final int MAX_FLAT_ASYNC_PARAMS = 4;

  /** At most this many flat results are returned directly; more go through memory. */
  public static final int MAX_FLAT_RESULTS = 1;

  private CanonicalAbi() {}

  /** Alignment in bytes of a value of {@code type} stored in linear memory. */
  public static int alignment(ComponentValType type) {
    ComponentValType t = type.unwrap();
    if (t instanceof PrimitiveType p) {
      // Scalars are naturally aligned; a string is a pair of i32 (pointer, length).
      return p == PrimitiveType.STRING ? 4 : primitiveSize(p);
    } else if (t instanceof ListType) {
      return 4;
    } else if (t instanceof OwnType || t instanceof BorrowType || isAsyncHandle(t)) {
      return 4;
    } else if (t instanceof FlagsType f) {
      return flagsSize(f.flags().size());
    } else if (t instanceof RecordType || t instanceof TupleType) {
      int align = 1;
      for (ComponentValType field : fieldTypes(t)) {
        align = Math.max(align, alignment(field));
      }
      return align;
    } else {
      List<Optional<ComponentValType>> cases = cases(t);
      return Math.max(discriminantSize(cases.size()), maxCaseAlignment(cases));
    }
  }

  /** Size in bytes of a value of {@code type} stored in linear memory ({@code elem_size}). */
  public static int size(ComponentValType type) {
    ComponentValType t = type.unwrap();
    if (t instanceof PrimitiveType p) {
      return primitiveSize(p);
    } else if (t instanceof ListType) {
      return 8; // (pointer, length)
    } else if (t instanceof OwnType || t instanceof BorrowType || isAsyncHandle(t)) {
      return 4; // handle index
    } else if (t instanceof FlagsType f) {
      return flagsSize(f.flags().size());
    } else if (t instanceof RecordType || t instanceof TupleType) {
      List<ComponentValType> fields = fieldTypes(t);
      int[] offsets = fieldOffsets(fields);
      int end =
          fields.isEmpty() ? 0 : offsets[offsets.length - 1] + size(fields.get(fields.size() - 1));
      return alignTo(end, alignment(t));
    } else {
      List<Optional<ComponentValType>> cases = cases(t);
      int payloadEnd = payloadOffset(cases);
      int maxCaseSize = 0;
      for (Optional<ComponentValType> c : cases) {
        if (c.isPresent()) {
          maxCaseSize = Math.max(maxCaseSize, size(c.get()));
        }
      }
      return alignTo(payloadEnd + maxCaseSize, alignment(t));
    }
  }

  /**
   * Byte offsets of each field of a record (or tuple element) within the record: each field is
   * placed at the next offset aligned to its own alignment (CanonicalABI.md, "Element Size", {@code
   * elem_size_record}).
   */
  public static int[] fieldOffsets(List<ComponentValType> fields) {
    int[] offsets = new int[fields.size()];
    int s = 0;
    for (int i = 0; i < fields.size(); i++) {
      s = alignTo(s, alignment(fields.get(i)));
      offsets[i] = s;
      s += size(fields.get(i));
    }
    return offsets;
  }

  /**
   * Offset of a variant's payload: after the discriminant, aligned to the largest case alignment
   * (CanonicalABI.md, "Element Size", {@code elem_size_variant}; the same offset is used by {@code
   * load_variant} and {@code store_variant}).
   */
  public static int payloadOffset(ComponentValType variantLike) {
    return payloadOffset(cases(variantLike.unwrap()));
  }

  private static int payloadOffset(List<Optional<ComponentValType>> cases) {
    return alignTo(discriminantSize(cases.size()), maxCaseAlignment(cases));
  }

  /**
   * Size of a variant's discriminant: the smallest of u8, u16, u32 that numbers every case
   * (CanonicalABI.md, "Alignment", {@code discriminant_type}).
   */
  public static int discriminantSize(int caseCount) {
    if (caseCount < 1) {
      throw new IllegalArgumentException("a variant has at least one case");
    }
    if (caseCount <= 1 << 8) {
      return 1;
    }
    if (caseCount <= 1 << 16) {
      return 2;
    }
    return 4;
  }

  /**
   * Size (and alignment) of a flags value: the smallest of u8, u16, u32 with a bit per label
   * (CanonicalABI.md, "Alignment", {@code alignment_flags}; at most 32 labels).
   */
  public static int flagsSize(int labelCount) {
    if (labelCount < 1 || labelCount > FlagsType.MAX_FLAGS) {
      throw new IllegalArgumentException("flags need 1 to 32 labels, got " + labelCount);
    }
    if (labelCount <= 8) {
      return 1;
    }
    if (labelCount <= 16) {
      return 2;
    }
    return 4;
  }

  /** The flat core types that carry a value of {@code type} ({@code flatten_type}). */
  public static List<FlatType> flatten(ComponentValType type) {
    List<FlatType> out = new ArrayList<>();
    flattenInto(type, out);
    return Collections.unmodifiableList(out);
  }

  /** The concatenated flat types of several values, e.g. all parameters of a function. */
  public static List<FlatType> flatten(List<ComponentValType> types) {
    List<FlatType> out = new ArrayList<>();
    for (ComponentValType type : types) {
      flattenInto(type, out);
    }
    return Collections.unmodifiableList(out);
  }

  private static void flattenInto(ComponentValType type, List<FlatType> out) {
    ComponentValType t = type.unwrap();
    if (t instanceof PrimitiveType p) {
      switch (p) {
        case S64, U64 -> out.add(FlatType.I64);
        case F32 -> out.add(FlatType.F32);
        case F64 -> out.add(FlatType.F64);
        case STRING -> {
          out.add(FlatType.I32); // pointer
          out.add(FlatType.I32); // length in code units
        }
        default -> out.add(FlatType.I32);
      }
    } else if (t instanceof ListType) {
      out.add(FlatType.I32);
      out.add(FlatType.I32);
    } else if (t instanceof OwnType
        || t instanceof BorrowType
        || t instanceof FlagsType
        || isAsyncHandle(t)) {
      out.add(FlatType.I32);
    } else if (t instanceof RecordType || t instanceof TupleType) {
      for (ComponentValType field : fieldTypes(t)) {
        flattenInto(field, out);
      }
    } else {
      // flatten_variant: the discriminant, then each position joined over all cases' payloads.
      List<FlatType> joined = new ArrayList<>();
      for (Optional<ComponentValType> c : cases(t)) {
        if (c.isEmpty()) {
          continue;
        }
        List<FlatType> payload = flatten(c.get());
        for (int i = 0; i < payload.size(); i++) {
          if (i < joined.size()) {
            joined.set(i, FlatType.join(joined.get(i), payload.get(i)));
          } else {
            joined.add(payload.get(i));
          }
        }
      }
      out.add(FlatType.I32); // every discriminant type flattens to i32
      out.addAll(joined);
    }
  }

  /** A stream or future end: an i32 handle (CanonicalABI.md, "Flattening"). */
  private static boolean isAsyncHandle(ComponentValType t) {
    return t instanceof StreamType || t instanceof FutureType;
  }

  /** Rounds {@code offset} up to a multiple of {@code alignment} (a power of two). */
  public static int alignTo(int offset, int alignment) {
    return (offset + alignment - 1) / alignment * alignment;
  }

  private static int primitiveSize(PrimitiveType p) {
    return switch (p) {
      case BOOL, S8, U8 -> 1;
      case S16, U16 -> 2;
      case S32, U32, F32, CHAR, ERROR_CONTEXT -> 4; // error-context: a handle
      case S64, U64, F64 -> 8;
      case STRING -> 8; // (pointer, length)
    };
  }

  private static List<ComponentValType> fieldTypes(ComponentValType recordLike) {
    if (recordLike instanceof RecordType r) {
      return r.fields().stream().map(Field::type).toList();
    }
    return ((TupleType) recordLike).elements();
  }

  /**
   * Despecialization of the variant-like types (CanonicalABI.md, "Despecialization"): enum is a
   * variant of payload-less cases, option is {@code none | some(t)}, result is {@code ok(t?) |
   * error(u?)}.
   */
  private static List<Optional<ComponentValType>> cases(ComponentValType t) {
    if (t instanceof VariantType v) {
      return v.cases().stream().map(Case::payload).toList();
    } else if (t instanceof EnumType e) {
      return Collections.nCopies(e.cases().size(), Optional.empty());
    } else if (t instanceof OptionType o) {
      return List.of(Optional.empty(), Optional.of(o.some()));
    } else if (t instanceof ResultType r) {
      return List.of(r.ok(), r.error());
    }
    throw new IllegalArgumentException("not a variant-like type: " + t);
  }

  private static int maxCaseAlignment(List<Optional<ComponentValType>> cases) {
    int align = 1;
    for (Optional<ComponentValType> c : cases) {
      if (c.isPresent()) {
        align = Math.max(align, alignment(c.get()));
      }
    }
    return align;
  }
}
