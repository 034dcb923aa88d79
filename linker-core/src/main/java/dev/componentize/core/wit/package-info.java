/**
 * The WIT language (component-model {@code design/mvp/WIT.md}): {@link
 * dev.componentize.core.wit.WitLoader} reads a WIT directory or file with its {@code deps/} and
 * returns a {@link dev.componentize.core.wit.Resolve}, the immutable model the component encoder
 * and the bindings generator consume; {@link dev.componentize.core.wit.WitPrinter} prints it back.
 *
 * <p>Layers, each a class with one job: {@code WitLexer} (tokens, doc comments, semantic versions)
 * → {@code WitParser} (syntax tree {@code Ast}) → {@code WitResolver} (names, types, {@code use},
 * {@code include}, feature gates, world elaboration) → {@link dev.componentize.core.wit.Resolve}.
 * Every error is a {@link dev.componentize.core.wit.WitException} located at file, line and column.
 *
 * <p>Covered: package declarations with semantic versions, nested {@code package x:y { ... }}
 * blocks, several files forming one package, {@code deps/} directories and single files, top-level
 * and interface/world {@code use} with {@code as}, {@code include ... with { a as b }}, interfaces,
 * worlds (interfaces by path or inline, functions, types), every type including fixed-size lists,
 * resources with constructors (also fallible), methods and static functions, {@code own}/{@code
 * borrow} handles, {@code async} functions, {@code future}, {@code stream}, {@code error-context},
 * doc comments ({@code ///}, {@code /** *}{@code /}), {@code @since}, {@code @unstable} (dropped
 * unless enabled), {@code @deprecated}, {@code %} escapes and kebab-case checks. The order of
 * interfaces, worlds, types and world items follows wit-parser, and the printer's layout follows
 * {@code wasm-tools component wit}; both are checked against wasm-tools 1.262 output in the tests.
 *
 * <p>Not covered (rejected with a located error): {@code map<K, V>}, {@code @external-id},
 * plain-named imports of a path ({@code import a: ns:pkg/i;}), nested namespaces. Not checked: the
 * rule that items referring to gated items be compatibly gated. Unlike wit-parser, plain {@code //}
 * comments are not doc comments.
 *
 * <p>WASI 0.2.12 WIT is bundled (see {@code BuiltinWit}) so that {@code wasi:cli/command} and
 * friends resolve without a {@code deps/} folder.
 */
package dev.componentize.core.wit;
