#!/usr/bin/env bash
# The browser build of keynet:   bash scripts/build-browser.sh   (called by scripts/test-all.sh)
#
# Builds the crate keynet-wasm (bindings-node/wasm) for wasm32-unknown-unknown, runs wasm-bindgen
# on it and writes, in bindings-node/dist/ (ignored by git):
#   - keynet-browser.js   one plain script defining the global `keynet`, the wasm bytes inside
#                         (base64): what a kintone admin uploads under "JavaScript files";
#   - keynet-browser.mjs  the same as an ES module (package.json `exports`: browser, import).
# (docs/kintone.md, "In the browser")
#
# Installs what it needs when missing:
#   - a Rust compiler for wasm32: rustup's target wasm32-unknown-unknown when it is installed;
#     otherwise Debian's rustc-web, rust-web-src, cargo-web and lld-19 (apt-get, when run as root
#     on Debian), with which the standard library is built for wasm32 from source;
#   - wasm-bindgen-cli, the exact version of the workspace's wasm-bindgen crate, into
#     .tools/wasm-bindgen-<version>/ (ignored by git; a 5-minute compile, once).
# Nothing is rebuilt while its sources are unchanged (a hash of them is kept in dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIST=$ROOT/bindings-node/dist
TARGET_ROOT=${CARGO_TARGET_DIR:-$ROOT/target}

fail() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}
command -v node >/dev/null || fail "node is needed (Node 18+)"

# --- skip when nothing changed ------------------------------------------------------------------
sources_hash() {
    find core/src core/data core/Cargo.toml bindings-node/wasm/src bindings-node/wasm/Cargo.toml \
        bindings-node/browser bindings-node/package.json Cargo.toml Cargo.lock scripts/build-browser.sh \
        -type f -print0 \
        | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}
HASH=$(sources_hash)
STAMP=$DIST/.sources-hash
if [ -f "$DIST/keynet-browser.js" ] && [ -f "$DIST/keynet-browser.mjs" ] \
    && [ "$(cat "$STAMP" 2>/dev/null)" = "$HASH" ]; then
    echo "bindings-node/dist is up to date ($(wc -c <"$DIST/keynet-browser.js") bytes)"
    exit 0
fi

# --- a compiler for wasm32 ----------------------------------------------------------------------
WASM_TARGET=wasm32-unknown-unknown
if command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
    echo "wasm32: rustup's $WASM_TARGET target"
    BUILD=(cargo build)
    TARGET_DIR=$TARGET_ROOT/wasm-rustup
    BUILD_ENV=()
else
    # Debian's compiler, named by full path: rustup's cargo stays first on PATH. Its own target
    # dir: two compilers sharing one rebuild each other's artifacts.
    DEBIAN_RUSTC=/usr/bin/rustc
    WASM_LD=/usr/lib/llvm-19/bin/wasm-ld
    STD_SRC=/usr/lib/rustlib/src/rust/library
    if [ ! -x "$DEBIAN_RUSTC" ] || [ ! -x /usr/bin/cargo ] || [ ! -x "$WASM_LD" ] || [ ! -d "$STD_SRC" ]; then
        if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
            echo "installing Debian's rustc-web, rust-web-src, cargo-web and lld-19 (apt-get)"
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rustc-web rust-web-src cargo-web lld-19 >/dev/null
        else
            fail "no compiler for wasm32: run 'rustup target add $WASM_TARGET', or as root on Debian 12: apt-get install rustc-web rust-web-src cargo-web lld-19"
        fi
    fi
    echo "wasm32: Debian's $($DEBIAN_RUSTC --version), the standard library built from source"
    BUILD=(/usr/bin/cargo build -Z build-std=std,panic_abort)
    TARGET_DIR=$TARGET_ROOT/wasm
    # build-std is unstable: the bootstrap switch lets Debian's stable compiler build it.
    BUILD_ENV=(RUSTC="$DEBIAN_RUSTC" RUSTC_BOOTSTRAP=1
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$WASM_LD")
fi

# --- wasm-bindgen-cli, the crate's exact version ------------------------------------------------
WB_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$WB_VERSION" ] || fail "no pinned wasm-bindgen version (wasm-bindgen = { version = \"=X.Y.Z\" … }) in Cargo.toml"
WB_ROOT=$ROOT/.tools/wasm-bindgen-$WB_VERSION
WASM_BINDGEN=$WB_ROOT/bin/wasm-bindgen
if [ ! -x "$WASM_BINDGEN" ]; then
    echo "installing wasm-bindgen-cli $WB_VERSION into .tools/ (about 5 minutes, once)"
    cargo install --quiet wasm-bindgen-cli --version "=$WB_VERSION" --root "$WB_ROOT"
fi
"$WASM_BINDGEN" --version | grep -q " $WB_VERSION\$" \
    || fail "$WASM_BINDGEN is not version $WB_VERSION: remove $WB_ROOT and run again"

# --- build, bind, assemble ----------------------------------------------------------------------
echo "building keynet-wasm (profile wasm: panic=abort, opt-level=s, lto)"
env "${BUILD_ENV[@]}" "${BUILD[@]}" --profile wasm --target "$WASM_TARGET" --target-dir "$TARGET_DIR" -p keynet-wasm
WASM=$TARGET_DIR/$WASM_TARGET/wasm/keynet_wasm.wasm
BINDGEN_OUT=$TARGET_DIR/bindgen
rm -rf "$BINDGEN_OUT"
"$WASM_BINDGEN" --target no-modules --no-typescript --remove-name-section --remove-producers-section --out-dir "$BINDGEN_OUT" "$WASM"

mkdir -p "$DIST"
node bindings-node/browser/assemble.mjs "$BINDGEN_OUT/keynet_wasm.js" "$BINDGEN_OUT/keynet_wasm_bg.wasm" "$DIST"
echo "$HASH" >"$STAMP"
