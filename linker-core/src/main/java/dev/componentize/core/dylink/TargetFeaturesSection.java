package dev.componentize.core.dylink;

import dev.componentize.core.wasm.ByteReader;
import dev.componentize.core.wasm.ByteWriter;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code target_features} custom section (tool-conventions Linking.md, "Target Features
 * Section"): the wasm features a library was compiled for, each with a prefix saying whether the
 * feature is used ({@code +}), must not be used by anything linked with it ({@code -}), or (older
 * LLVM) required ({@code =}).
 */
public record TargetFeaturesSection(List<TargetFeature> features) {

  public static final String NAME = "target_features";

  public TargetFeaturesSection {
    features = List.copyOf(features);
  }

  public enum Prefix {
    USED('+'),
    DISALLOWED('-'),
    REQUIRED('=');

    private final char symbol;

    Prefix(char symbol) {
      this.symbol = symbol;
    }

    public char symbol() {
      return symbol;
    }

    static Optional<Prefix> of(int symbol) {
      for (Prefix prefix : values()) {
        if (prefix.symbol == symbol) {
          return Optional.of(prefix);
        }
      }
      return Optional.empty();
    }
  }

  public static Optional<TargetFeaturesSection> of(WasmModule module) {
    return module
        .customSection(NAME)
        .map(s -> read(module.source(), s, module.contentOffset(s).orElse(0)));
  }

  public static TargetFeaturesSection read(String file, CustomSection section, long contentOffset) {
    ByteReader in = section.content().reader(file, NAME, contentOffset);
    int count = in.count("feature count", 2);
    List<TargetFeature> features = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long at = in.offset();
      int symbol = in.u8();
      Prefix prefix =
          Prefix.of(symbol)
              .orElseThrow(
                  () -> in.error(at, String.format("unknown feature prefix 0x%02x", symbol)));
      features.add(new TargetFeature(prefix, in.name()));
    }
    in.expectEnd("section 'target_features'");
    return new TargetFeaturesSection(features);
  }

  public CustomSection toCustomSection() {
    ByteWriter out = new ByteWriter();
    out.u32(features.size());
    for (TargetFeature feature : features) {
      out.u8(feature.prefix().symbol()).name(feature.name());
    }
    return new CustomSection(NAME, out.toBytes());
  }

  /** Names of the features marked used or required. */
  public List<String> used() {
    List<String> names = new ArrayList<>();
    for (TargetFeature feature : features) {
      if (feature.prefix() != Prefix.DISALLOWED) {
        names.add(feature.name());
      }
    }
    return names;
  }
}
