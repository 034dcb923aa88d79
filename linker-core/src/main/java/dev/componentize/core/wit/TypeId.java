package dev.componentize.core.wit;

/** Index of a {@link TypeDef} in {@link Resolve#types()}. */
public record TypeId(int index) {}
