package dev.componentize.core.build;

/** The stages of {@link dev.componentize.core.Componentizer}, in the order they run. */
public enum Stage {
  /** Open the runtime bundle and verify its files against its manifest. */
  RUNTIME("check runtime"),
  /** Load the WIT files and select the world. */
  WIT("load WIT"),
  /** Generate the {@code wit_world} Python package and libworld.so. */
  BINDINGS("generate bindings"),
  /** Verify and unpack the wheels, check that no two write the same file. */
  WHEELS("unpack wheels"),
  /** Compare the native extension modules with the runtime (docs/toolchain-check.md). */
  TOOLCHAIN_CHECK("toolchain check"),
  /** Link the runtime, the glue, libworld.so and the extension modules (docs/design/linker.md). */
  LINK("link"),
  /** Run the glue's init on Endive, snapshot memory and globals into the program. */
  PRE_INITIALIZE("pre-initialize"),
  /** Encode the pre-initialized program as a component. */
  ENCODE("encode component"),
  /** Write the component file. */
  WRITE("write");

  private final String label;

  Stage(String label) {
    this.label = label;
  }

  /** A short lower-case name for log lines ("link", "pre-initialize"). */
  public String label() {
    return label;
  }
}
