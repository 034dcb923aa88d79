package dev.componentize.core.wasm;

import java.util.List;

/** The code section (spec 5.5.13): one body per defined function, each read from its own slice. */
public record CodeSection(List<FunctionBody> bodies) implements Section {

  public CodeSection {
    bodies = List.copyOf(bodies);
  }

  @Override
  public SectionId id() {
    return SectionId.CODE;
  }

  static CodeSection read(ByteReader in) {
    int count = in.count("function body count", 2);
    FunctionBody[] bodies = new FunctionBody[count];
    for (int i = 0; i < count; i++) {
      int size = in.count("function body size", 1);
      ByteReader body = in.slice(size, "code");
      bodies[i] = FunctionBody.read(body);
      if (!body.atEnd()) {
        body.expectEnd("function body " + i);
      }
    }
    return new CodeSection(List.of(bodies));
  }

  @Override
  public void writeContent(ByteWriter out) {
    out.u32(bodies.size());
    for (FunctionBody body : bodies) {
      body.write(out);
    }
  }
}
