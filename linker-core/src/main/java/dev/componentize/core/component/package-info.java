/**
 * Writing WebAssembly components (component-model {@code design/mvp}: Explainer.md, Binary.md,
 * CanonicalABI.md), in layers:
 *
 * <ul>
 *   <li>{@code types}: the component-level type model (value, function, interface and world types),
 *       structural and immutable;
 *   <li>{@code canon}: the canonical ABI rules on those types (layout, flattening, the core
 *       signatures of lifted exports and lowered imports);
 *   <li>{@code binary}: the binary format, with index spaces numbered by {@link
 *       dev.componentize.core.component.binary.ComponentBuilder} and types assigned indices by
 *       {@link dev.componentize.core.component.binary.TypeIndexScope};
 *   <li>this package: {@link dev.componentize.core.component.WitTypes} (the one translation of
 *       resolved WIT types to the type model, shared with the bindings), {@link
 *       dev.componentize.core.component.WitWorlds} (a resolved world to its world type) and {@link
 *       dev.componentize.core.component.WorldEncoder} (a core module, optionally with the WASI
 *       preview1 adapter, wrapped in a component of a world), with the core naming convention in
 *       {@link dev.componentize.core.component.CoreNames}.
 * </ul>
 */
package dev.componentize.core.component;
