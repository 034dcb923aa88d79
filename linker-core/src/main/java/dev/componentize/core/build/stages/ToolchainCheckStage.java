package dev.componentize.core.build.stages;

import dev.componentize.core.ComponentizeException;
import dev.componentize.core.abi.CandidateLibrary;
import dev.componentize.core.abi.CheckReport;
import dev.componentize.core.abi.Finding;
import dev.componentize.core.abi.RuntimeIdentity;
import dev.componentize.core.abi.ToolchainCheck;
import dev.componentize.core.abi.ToolchainMismatchException;
import dev.componentize.core.build.Stage;
import dev.componentize.core.wheel.ExtensionModule;
import dev.componentize.core.wheel.UnpackedWheel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares every native extension module with the runtime (docs/toolchain-check.md) under the
 * configured policy; the relaxed findings of {@code WARN} go to the listener as warnings.
 */
public final class ToolchainCheckStage
    extends ContextStage<ToolchainCheckStage.Input, CheckReport> {
  /**
   * @param runtime what the runtime was built with
   * @param wheels the unpacked wheels
   */
  public record Input(RuntimeIdentity runtime, WheelsStage.Unpacked wheels) {}

  public ToolchainCheckStage(BuildContext context) {
    super(context, Stage.TOOLCHAIN_CHECK);
  }

  @Override
  public CheckReport run(Input input) throws ComponentizeException, IOException {
    List<CandidateLibrary> candidates = new ArrayList<>();
    for (UnpackedWheel wheel : input.wheels().wheels()) {
      for (ExtensionModule module : wheel.extensionModules()) {
        candidates.add(CandidateLibrary.of(wheel, module));
      }
    }
    CheckReport report;
    try {
      report =
          new ToolchainCheck(input.runtime()).check(candidates, context.config().toolchainPolicy());
    } catch (ToolchainMismatchException e) {
      throw new ComponentizeException(
          Stage.TOOLCHAIN_CHECK,
          e.getMessage()
              + "\n(the check can be relaxed with the toolchain-check policy WARN, at your own"
              + " risk)",
          e);
    }
    for (Finding warning : report.warnings()) {
      context.listener().warning(warning.message());
    }
    return report;
  }

  @Override
  public String summary(CheckReport output) {
    return output.isSkipped()
        ? "skipped (policy OFF)"
        : "policy "
            + context.config().toolchainPolicy()
            + ", "
            + output.warnings().size()
            + " warnings";
  }
}
