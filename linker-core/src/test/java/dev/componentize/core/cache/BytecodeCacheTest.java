package dev.componentize.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BytecodeCacheTest {
  @Test
  void thePycLiesWhereCPythonLooksForIt() {
    assertEquals(
        Path.of("/w/bindings/wit_world/imports/__pycache__/streams.cpython-313.pyc"),
        BytecodeCache.pycOf(Path.of("/w/bindings/wit_world/imports/streams.py")));
  }

  @Test
  void theKeyCoversTheCompilerThePathCompiledInAndTheSource() {
    byte[] source = "x = 1\n".getBytes(StandardCharsets.UTF_8);
    String key = BytecodeCache.key("runtime-a", "/bindings/a.py", source);
    assertEquals(key, BytecodeCache.key("runtime-a", "/bindings/a.py", source.clone()));
    assertNotEquals(key, BytecodeCache.key("runtime-b", "/bindings/a.py", source));
    assertNotEquals(key, BytecodeCache.key("runtime-a", "/bindings/b.py", source));
    assertNotEquals(
        key,
        BytecodeCache.key(
            "runtime-a", "/bindings/a.py", "x = 2\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void pathsBecomePythonLiteralsWhateverTheyHoldIn() {
    assertEquals("'/bindings/a.py'", BytecodeCache.pythonString("/bindings/a.py"));
    assertEquals("'it\\'s\\\\x'", BytecodeCache.pythonString("it's\\x"));
    assertEquals("'\\u000a\\u00e9'", BytecodeCache.pythonString("\né"));
  }
}
