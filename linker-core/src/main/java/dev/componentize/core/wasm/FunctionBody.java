package dev.componentize.core.wasm;

import java.util.List;

/**
 * A code-section entry (spec 5.5.13): declared locals and the instruction bytes up to and including
 * the function's final {@code end}. The instructions are kept verbatim: the linker never rewrites
 * an existing body (relocations are resolved through imports and globals, not patched).
 */
public record FunctionBody(List<Local> locals, Bytes code) {

  private static final int END = 0x0b;

  public FunctionBody {
    locals = List.copyOf(locals);
    if (code.isEmpty() || code.get(code.length() - 1) != END) {
      throw new IllegalArgumentException("function body must end with 'end' (0x0b)");
    }
  }

  static FunctionBody read(ByteReader body) {
    int groups = body.count("local declaration count", 2);
    List<Local> locals;
    if (groups == 0) {
      locals = List.of();
    } else {
      Local[] declared = new Local[groups];
      long total = 0;
      for (int i = 0; i < groups; i++) {
        long at = body.offset();
        int count = body.index("local count");
        total += count;
        // Spec 5.5.13: the total number of locals must stay below 2^32; engines cap far lower.
        if (total > 0xffff_ffffL) {
          throw body.error(at, "function declares more than 2^32-1 locals");
        }
        declared[i] = new Local(count, ValType.read(body));
      }
      locals = List.of(declared);
    }
    long at = body.offset();
    Bytes code = body.bytes(body.remaining());
    if (code.isEmpty() || code.get(code.length() - 1) != END) {
      throw body.error(at, "function body does not end with 'end' (0x0b)");
    }
    return new FunctionBody(locals, code);
  }

  void write(ByteWriter out) {
    // Encode the (small) locals header first so the body size is known without copying the code.
    ByteWriter header = new ByteWriter(4 + 6 * locals.size());
    header.u32(locals.size());
    for (Local local : locals) {
      header.u32(local.count()).u8(local.type().code());
    }
    out.u32(header.size() + code.length()).bytes(header).bytes(code);
  }
}
