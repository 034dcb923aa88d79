package dev.componentize.runtime;

import java.util.List;

/**
 * {@code scripts/run-python.sh}'s launcher: runs one Python statement on the bundle's {@code
 * python.wasm} under Chicory and prints what the guest printed.
 *
 * <p>The statement comes in the {@code COMPONENTIZE_PYTHON_STATEMENT} environment variable, so no
 * shell or Maven argument splitting can alter it.
 */
public final class RunPython {

  private RunPython() {}

  public static void main(String[] args) {
    String statement = System.getenv("COMPONENTIZE_PYTHON_STATEMENT");
    if (statement == null) {
      System.err.println("run-python: COMPONENTIZE_PYTHON_STATEMENT is not set");
      System.exit(2);
    }
    PythonWasm.Result result =
        PythonWasm.run(RuntimeBundle.dir(), List.of("python", "-c", statement));
    System.out.print(result.stdout());
    System.out.flush();
    System.err.print(result.stderr());
    System.err.flush();
    if (result.exitCode() != 0) {
      System.exit(result.exitCode());
    }
  }
}
