/**
 * Dynamic-linking and toolchain metadata carried in custom sections: {@code dylink.0}
 * (WebAssembly/tool-conventions DynamicLinking.md), {@code producers} (ProducersSection.md), {@code
 * target_features} (Linking.md "Target features section") and componentize-maven's own {@code
 * componentize.toolchain} identity (docs/design/toolchain-identity.md). Each type reads from and
 * writes to a {@link dev.componentize.core.wasm.CustomSection}; malformed content raises a {@link
 * dev.componentize.core.wasm.WasmFormatException} naming file, section and offset.
 */
package dev.componentize.core.dylink;
