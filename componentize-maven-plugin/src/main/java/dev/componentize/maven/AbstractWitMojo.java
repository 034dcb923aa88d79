package dev.componentize.maven;

import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters of the goals that read the WIT world (componentize, bindings, and lock through
 * {@link AbstractPackagesMojo}): where the WIT world is and which module implements it.
 */
abstract class AbstractWitMojo extends AbstractComponentizeMojo {
  /**
   * The WIT package of the component: a {@code .wit} file or a directory of {@code .wit} files,
   * with the packages it uses in a {@code deps/} directory beside them.
   */
  @Parameter(
      property = "componentize.witDirectory",
      defaultValue = "${project.basedir}/src/main/wit",
      required = true)
  File witDirectory;

  /**
   * The world to build, as {@code hello} or fully qualified {@code ns:pkg/hello}. Unset: the WIT
   * package's only world (the build fails and lists the worlds if there are several).
   */
  @Parameter(property = "componentize.world")
  String world;

  /**
   * Names of {@code @unstable(feature = name)} gates to enable in the WIT files; items gated by
   * other features are left out of the world.
   */
  @Parameter(property = "componentize.witFeatures")
  List<String> witFeatures;

  /**
   * The Python module that implements the world's exports (a dotted name such as {@code app} or
   * {@code my_pkg.app}); it is imported when the component is pre-initialized.
   */
  @Parameter(property = "componentize.appModule", defaultValue = "app", required = true)
  String appModule;

  Optional<String> worldName() {
    return world == null || world.isBlank() ? Optional.empty() : Optional.of(world.strip());
  }

  Set<String> features() {
    Set<String> features = new TreeSet<>();
    if (witFeatures != null) {
      for (String feature : witFeatures) {
        if (feature != null && !feature.isBlank()) {
          features.add(feature.strip());
        }
      }
    }
    return features;
  }
}
