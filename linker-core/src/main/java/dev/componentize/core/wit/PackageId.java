package dev.componentize.core.wit;

/** Index of a {@link WitPackage} in {@link Resolve#packages()}. */
public record PackageId(int index) {}
