package dev.componentize.core.component.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NameSectionTest {

  @Test
  void writesComponentNameThenOneSubsectionPerSortWithAscendingIndices() {
    ComponentBuilder b = new ComponentBuilder();
    new NameSection()
        .component("c")
        .name(Sort.CORE_MODULE, 1, "shim")
        .name(Sort.CORE_MODULE, 0, "main")
        .writeTo(b);
    byte[] all = b.toBytes();

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    byte[] name = "component-name".getBytes(StandardCharsets.UTF_8);
    byte[] data = {
      0x00, 0x02, 0x01, 'c', // subsection 0: the component's name
      0x01, 0x0f, 0x00, 0x11, 0x02, // subsection 1: sort core module (0x00 0x11), 2 names
      0x00, 0x04, 'm', 'a', 'i', 'n', 0x01, 0x04, 's', 'h', 'i', 'm'
    };
    expected.write(0x00); // custom section id
    expected.write(1 + name.length + data.length);
    expected.write(name.length);
    expected.writeBytes(name);
    expected.writeBytes(data);
    byte[] section = new byte[all.length - 8];
    System.arraycopy(all, 8, section, 0, section.length);
    assertArrayEquals(expected.toByteArray(), section);
  }
}
