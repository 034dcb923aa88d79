package dev.componentize.core.build.stages;

import dev.componentize.core.ComponentizeException;
import dev.componentize.core.abi.RuntimeIdentity;
import dev.componentize.core.build.Stage;
import dev.componentize.core.cache.UnpackedWheels;
import dev.componentize.core.files.FixedTimes;
import dev.componentize.core.wheel.TargetRuntime;
import dev.componentize.core.wheel.UnpackedWheel;
import dev.componentize.core.wheel.WheelConflicts;
import dev.componentize.core.wheel.WheelException;
import dev.componentize.core.workdir.SitePackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies and unpacks the wheels for the runtime's Python version, checks that no two write the
 * same file, and merges them into one site directory.
 */
public final class WheelsStage extends ContextStage<RuntimeIdentity, WheelsStage.Unpacked> {
  /**
   * @param wheels the unpacked wheels, in configuration order
   * @param sitePackages the merged site directory the program imports from
   */
  public record Unpacked(List<UnpackedWheel> wheels, Path sitePackages) {
    public Unpacked {
      wheels = List.copyOf(wheels);
    }

    /** How many extension modules the wheels hold. */
    public int extensionModules() {
      return wheels.stream().mapToInt(w -> w.extensionModules().size()).sum();
    }
  }

  public WheelsStage(BuildContext context) {
    super(context, Stage.WHEELS);
  }

  @Override
  public Unpacked run(RuntimeIdentity runtime) throws ComponentizeException, IOException {
    String[] version = runtime.pythonMinorVersion().split("\\.");
    TargetRuntime target =
        new TargetRuntime(Integer.parseInt(version[0]), Integer.parseInt(version[1]));
    List<Path> files = context.config().wheels();
    List<UnpackedWheel> wheels = new ArrayList<>();
    UnpackedWheels unpacked =
        new UnpackedWheels(
            context.work("wheels"),
            target,
            context.config().wheelLimits(),
            context.listener()::warning,
            context.digests());
    Set<String> names = new HashSet<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      if (!Files.isRegularFile(file)) {
        throw new ComponentizeException(Stage.WHEELS, "wheel " + file + " does not exist");
      }
      // Numbered, so that two wheels with the same file name (from different repositories)
      // still get a directory each.
      String name = i + "-" + file.getFileName().toString().replaceFirst("\\.whl$", "");
      names.add(name);
      try {
        wheels.add(unpacked.unpack(file, name));
      } catch (WheelException e) {
        throw new ComponentizeException(Stage.WHEELS, e.getMessage(), e);
      }
    }
    unpacked.retainOnly(names);
    try {
      WheelConflicts.check(wheels);
    } catch (WheelException e) {
      throw new ComponentizeException(Stage.WHEELS, e.getMessage(), e);
    }
    Path site = SitePackages.merge(wheels, context.work("site-packages"), context.digests());
    FixedTimes.apply(site, context.digests());
    return new Unpacked(wheels, site);
  }

  @Override
  public String summary(Unpacked output) {
    return output.wheels().size() + " wheels, " + output.extensionModules() + " extension modules";
  }
}
