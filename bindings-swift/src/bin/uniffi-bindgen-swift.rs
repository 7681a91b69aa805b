//! UniFFI's Swift bindgen, built from this workspace so it is exactly the library's UniFFI
//! version. Unlike `uniffi-bindgen generate --language swift`, it writes one module map for the
//! headers of both namespaces (the core's `keynet_core` and this crate's `keynet`), so Swift sees
//! one C module, KeyNetFFI:
//!
//! `uniffi-bindgen-swift --swift-sources --headers --modulemap --module-name KeyNetFFI
//! --modulemap-filename KeyNetFFI.modulemap <library> <dir>`

fn main() {
    uniffi::uniffi_bindgen_swift()
}
