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
 * {@code map<K, V>}, empty {@code use} lists, interfaces imported or exported under a plain name
 * ({@code import primary: store;}), doc comments ({@code ///}, {@code /** *}{@code /}),
 * {@code @since}, {@code @unstable} (dropped unless enabled), {@code @deprecated}, {@code %}
 * escapes and kebab-case checks. The order of interfaces, worlds, types and world items follows
 * wit-parser, and the printer's layout follows {@code wasm-tools component wit}; both are checked
 * against wasm-tools 1.262 output in the tests.
 *
 * <p>Validity rules, each refused with a located error that names the rule: {@code borrow<T>} only
 * in parameters (never anywhere in a result, also through named types); names unique ignoring case
 * within a scope (types and functions of an interface or world, fields, cases, flags, parameters,
 * resource functions, a world's plain-named imports and its exports; a resource function not named
 * like its resource, Explainer.md "Name uniqueness"); {@code @since} only in versioned packages and
 * never later than the package's version, on every placement; a package defined once (one
 * directory, one file or one nested block; doc comment in one file); an exported interface that
 * uses a non-exported one (so an import) whose dependencies include an export.
 *
 * <p>Where the spec text and wit-parser differ we follow: importing and exporting the same
 * interface is allowed (WIT.md's own example does it, and wasm-tools accepts it; what wasm-tools
 * refuses is the transitive case above, and so do we); records, flags, variants and enums need at
 * least one member (the grammar and wasm-tools agree); a {@code deps/} file may hold nothing but
 * nested {@code package x:y { ... }} blocks (WIT.md allows several packages per file; wit-parser
 * wants a {@code package} header in every dependency file).
 *
 * <p>Not covered (rejected with a located error): {@code @external-id}, nested namespaces. Not
 * checked: the rule that items referring to gated items be compatibly gated. Unlike wit-parser,
 * plain {@code //} comments are not doc comments. Later stages do not support everything the front
 * end reads: see {@code component.SupportedFeatures}.
 *
 * <p>WASI 0.2.12 and 0.3.0 WIT are bundled (see {@code BuiltinWit}) so that {@code
 * wasi:cli/command} and friends resolve without a {@code deps/} folder.
 */
package dev.componentize.core.wit;
