package dev.componentize.core.wit;

/** Index of a {@link World} in {@link Resolve#worlds()}. */
public record WorldId(int index) {}
