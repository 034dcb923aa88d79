package dev.componentize.core.wit;

/** Index of an {@link Interface} in {@link Resolve#interfaces()}. */
public record InterfaceId(int index) {}
