//! The UniFFI bindgen, built from this workspace so it is exactly the library's UniFFI version.
//!
//! `cargo run -p keynet-swift --features cli --bin uniffi-bindgen -- generate --library <cdylib> --language swift --out-dir <dir> --no-format`

fn main() {
    uniffi::uniffi_bindgen_main()
}
