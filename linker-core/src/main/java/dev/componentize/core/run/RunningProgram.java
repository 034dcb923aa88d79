package dev.componentize.core.run;

import java.util.List;
import java.util.Map;
import run.endive.runtime.ExportFunction;
import run.endive.runtime.Instance;
import run.endive.runtime.Memory;

/** The instances of a linked program, after instantiation. */
public final class RunningProgram {
  private final Map<String, Instance> instances;

  RunningProgram(Map<String, Instance> instances) {
    this.instances = Map.copyOf(instances);
  }

  /** The instance called {@code name} ({@code main}, a library's name, {@code init}). */
  public Instance instance(String name) {
    Instance instance = instances.get(name);
    if (instance == null) {
      throw new IllegalArgumentException(
          "no instance "
              + name
              + " in the program (have: "
              + List.copyOf(instances.keySet())
              + ")");
    }
    return instance;
  }

  /** The export {@code export} of instance {@code name}. */
  public ExportFunction function(String name, String export) {
    return instance(name).export(export);
  }

  /** The program's one linear memory (owned by {@code main}). */
  public Memory memory() {
    return instance("main").exports().memory("memory");
  }
}
