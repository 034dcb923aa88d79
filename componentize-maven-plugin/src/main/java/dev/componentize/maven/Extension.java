package dev.componentize.maven;

import java.io.File;
import java.util.List;

/**
 * One {@code <extension>} of the wheel goal: a CPython extension module built from C or C++ sources
 * with the runtime's SDK. Maven fills the fields from the pom.
 */
public class Extension {
  /** The module's dotted import name, e.g. {@code fastmath._native}. */
  String name;

  /** Its C ({@code .c}) or C++ ({@code .cc}, {@code .cpp}, {@code .cxx}) source files. */
  List<File> sources;

  /** Extra arguments for every compile, e.g. {@code -DNDEBUG} or {@code -I...}. */
  List<String> compilerArgs;

  /** Extra arguments for the link. */
  List<String> linkerArgs;
}
