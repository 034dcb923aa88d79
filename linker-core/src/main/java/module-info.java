/**
 * The componentize core: turns a WIT world, a Python app, its wheels and the CPython runtime bundle
 * into a WebAssembly component, with no Maven types (docs/architecture.md, "The declared API").
 *
 * <p>Exported, and stable for the plugin and for Java users: the build ({@code
 * dev.componentize.core}: {@code Componentizer}, {@code ComponentizeConfig}, {@code
 * ComponentizeResult}, {@code ComponentizeException} and its subclasses), its progress ({@code
 * build}: {@code BuildListener}, {@code Stage}, {@code StageTiming}), and the packages the plugin's
 * other goals and the result's types need ({@code abi}, {@code files}, {@code imports}, {@code
 * link}, {@code packages}, {@code sdk}, {@code sdist}, {@code wheel}).
 *
 * <p>{@code wasm}, the core module binary format (reader, writer, sections), is exported because
 * the linker's output is made of core modules: {@code link.LinkedProgram} (the result of {@code
 * Linker.link} and {@code ComponentizeResult.program}) holds one {@code wasm.WasmModule} per
 * instance. It is a leaf: it names no other package of the core.
 *
 * <p>The rest (the WIT front end, the bindings, the stages of {@code build.stages}, the linker's
 * dynamic-linking reader, pre-initialization, the run-time host, the component encoder, the caches)
 * is the implementation: public only across its own packages. The API is closed: the main compile
 * runs with {@code -Xlint:exports -Werror}, so an exported signature that names a type of an
 * unexported package fails the build.
 */
module dev.componentize.core {
  requires java.net.http;
  requires transitive run.endive.runtime;
  requires run.endive.wasi;
  requires org.apache.commons.compress;
  requires org.apache.commons.io;

  exports dev.componentize.core;
  exports dev.componentize.core.abi;
  exports dev.componentize.core.build;
  exports dev.componentize.core.files;
  exports dev.componentize.core.imports;
  exports dev.componentize.core.link;
  exports dev.componentize.core.packages;
  exports dev.componentize.core.sdk;
  exports dev.componentize.core.sdist;
  exports dev.componentize.core.wasm;
  exports dev.componentize.core.wheel;
}
