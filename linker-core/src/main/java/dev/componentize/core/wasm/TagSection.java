package dev.componentize.core.wasm;

import java.util.List;

/** The tag section (exception-handling proposal, id 13). */
public record TagSection(List<TagType> tags) implements Section {

  public TagSection {
    tags = List.copyOf(tags);
  }

  @Override
  public SectionId id() {
    return SectionId.TAG;
  }

  static TagSection read(ByteReader in) {
    int count = in.count("tag count", 2);
    TagType[] items = new TagType[count];
    for (int i = 0; i < count; i++) {
      items[i] = TagType.read(in);
    }
    return new TagSection(List.of(items));
  }

  @Override
  public void writeContent(ByteWriter out) {
    out.u32(tags.size());
    for (TagType item : tags) {
      item.write(out);
    }
  }
}
