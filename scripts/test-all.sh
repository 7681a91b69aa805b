#!/usr/bin/env bash
# The one test command of keynet:   bash scripts/test-all.sh
#
# Builds and tests the Rust core and its three bindings (Python, Node, UniFFI for Swift/Kotlin)
# against the golden case table in tests/cases/. Needs only Rust (cargo), Python >= 3.10 with venv
# (Debian: apt-get install python3-venv) and Node >= 18 with npm; everything else is installed
# inside the repository: .venv/ (maturin, pytest), bindings-node/node_modules/ and .tools/kotlin/
# (the Kotlin compiler) and .tools/wasm-bindgen-<version>/ — and, when run as root on Debian, a
# Java runtime and JNA (scripts/test-kotlin.sh), Chromium, and a Rust compiler for wasm32 unless
# rustup has that target (scripts/build-browser.sh) through apt-get. It packages what it built
# (scripts/package.sh → dist/) and installs the packages outside the checkout as a newcomer would
# (scripts/test-packages.sh: npm install of the tarballs, pip install of the wheel).
# Debug builds, reusing target/: a warm re-run takes a minute or two.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
START=$SECONDS
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
VENV=$ROOT/.venv
PY=$VENV/bin/python

step() {
    printf '\n==> [%3ds] %s\n' "$((SECONDS - START))" "$*"
}
fail() {
    printf '\nerror: %s\n' "$*" >&2
    exit 1
}
# pytest exits 5 when it collected no test: say so instead of failing without a word.
run_pytest() {
    local rc=0
    "$PY" -m pytest -q -p no:cacheprovider "$@" || rc=$?
    if [ "$rc" -eq 5 ]; then
        fail "pytest collected no tests in $*"
    fi
    return "$rc"
}
trap 'rc=$?; [ "$rc" -eq 0 ] || printf "\nFAILED after %ds (exit %d)\n" "$((SECONDS - START))" "$rc" >&2' EXIT

for tool in cargo python3 node npm; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (needed: Rust, Python 3.10+, Node 18+ with npm, Java 17+)"
done
case "$(uname -s)" in
    Darwin) DYLIB=libkeynet_swift.dylib ;;
    *) DYLIB=libkeynet_swift.so ;;
esac

# --- Rust core -------------------------------------------------------------------------------
step "cargo test -p keynet"
cargo test -p keynet

step "cargo clippy (core and bindings, all targets, -D warnings)"
cargo clippy -p keynet -p keynet-python -p keynet-node -p keynet-wasm -p keynet-swift --all-targets -- -D warnings

# --- Python (PyO3) ---------------------------------------------------------------------------
step "Python: .venv with pinned maturin and pytest"
if [ ! -x "$PY" ] || ! "$PY" -m pip --version >/dev/null 2>&1; then
    rm -rf "$VENV"
    if ! python3 -m venv "$VENV"; then
        rm -rf "$VENV"
        fail "'python3 -m venv' failed: on Debian/Ubuntu install the venv module first: apt-get install python3-venv"
    fi
fi
REQS=$ROOT/scripts/requirements-test.txt
STAMP=$VENV/.keynet-requirements
if ! cmp -s "$REQS" "$STAMP"; then
    "$PY" -m pip install --quiet --disable-pip-version-check -r "$REQS"
    cp "$REQS" "$STAMP"
fi

step "Python: maturin develop (debug, abi3)"
(cd bindings-python && VIRTUAL_ENV=$VENV "$VENV/bin/maturin" develop --quiet)

step "Python: pytest bindings-python/tests"
run_pytest bindings-python/tests

# --- Node (napi-rs) --------------------------------------------------------------------------
step "Node: npm ci (bindings-node, from the committed package-lock.json)"
# Skipped while node_modules is newer than the manifests. `npm ci` installs exactly the lockfile
# and never writes it: the run leaves no tracked file modified.
if [ ! -f bindings-node/node_modules/.package-lock.json ] \
    || [ bindings-node/package.json -nt bindings-node/node_modules/.package-lock.json ] \
    || [ bindings-node/package-lock.json -nt bindings-node/node_modules/.package-lock.json ]; then
    (cd bindings-node && npm ci --no-audit --no-fund --loglevel=error)
    touch bindings-node/node_modules/.package-lock.json
fi

step "Node: napi build (debug; writes index.js, index.d.ts, keynet.<platform>.node)"
(cd bindings-node && node_modules/.bin/napi build --platform)

step "Node: node --test bindings-node/__test__"
(cd bindings-node && node --test __test__/*.test.mjs)

# --- The browser build (WebAssembly) --------------------------------------------------------------
step "Browser: cargo test -p keynet-wasm (the wasm crate's conversion, on the host)"
cargo test -p keynet-wasm

step "Browser: scripts/build-browser.sh (bindings-node/dist/keynet-browser.js and .mjs; skipped when unchanged)"
bash scripts/build-browser.sh

step "Browser: the bundle in a Node vm with no require (golden table against the native addon, panic drill, kintone customisation)"
(cd bindings-node && node --test browser-test/vm.test.mjs)

step "Browser: headless Chromium (the kintone stand-in page, golden table, panic drill, ES module)"
if [ -n "${CHROMIUM:-}" ]; then
    [ -x "$CHROMIUM" ] || fail "CHROMIUM=$CHROMIUM is not an executable"
fi
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "installing Debian's chromium (apt-get)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        fail "the browser test needs Chromium at $CHROMIUM: as root on Debian, apt-get install chromium; elsewhere install Chromium and set CHROMIUM=<path to its executable>"
    fi
fi
(cd bindings-node && CHROMIUM=$CHROMIUM node --test browser-test/chromium.test.mjs)

step "Browser: bench/browser-vs-zod.mjs once with 25 forms (it still runs; keynet and zod agree on each form; no timing checked)"
(cd bindings-node && CHROMIUM=$CHROMIUM node --test browser-test/bench.test.mjs)

# --- The packages: what a newcomer installs --------------------------------------------------------
step "Packages: scripts/package.sh (dist/: the npm tarballs and the abi3 wheel, debug; --release for users)"
bash scripts/package.sh

step "Packages: scripts/test-packages.sh (npm install of the tarballs and pip install of the wheel, outside the checkout)"
bash scripts/test-packages.sh

# --- UniFFI (Swift, Kotlin; tested through its Python backend) ------------------------------
step "UniFFI: cargo test -p keynet-swift (the typed entry points give each golden case its expected answer)"
cargo test -p keynet-swift --lib

step "UniFFI: build uniffi-bindgen and uniffi-bindgen-swift (same pinned UniFFI) and the keynet-swift cdylib"
# The bindgens first: the cdylib built last is the one without the bindgens' `cli` feature.
cargo build -p keynet-swift --features cli --bin uniffi-bindgen --bin uniffi-bindgen-swift
cargo build -p keynet-swift --lib

step "UniFFI: generate Python, Swift and Kotlin into bindings-swift/generated/"
GEN=$ROOT/bindings-swift/generated
rm -rf "$GEN"
mkdir -p "$GEN/python"
cp "$TARGET_DIR/debug/$DYLIB" "$GEN/python/"
for lang in python kotlin; do
    "$TARGET_DIR/debug/uniffi-bindgen" generate --library "$GEN/python/$DYLIB" \
        --language "$lang" --out-dir "$GEN/$lang" --no-format >/dev/null
done
# Swift: both namespaces (the core's types, the entry points) for one module, with one module map
# for both headers — from the cdylib, and once more from the static library, as
# bindings-swift/scripts/build-xcframework.sh does on a Mac: the tests check they are the same.
swift_bindings() {
    "$TARGET_DIR/debug/uniffi-bindgen-swift" --swift-sources --headers --modulemap \
        --module-name KeyNetFFI --modulemap-filename KeyNetFFI.modulemap "$1" "$2" >/dev/null
}
swift_bindings "$GEN/python/$DYLIB" "$GEN/swift"
swift_bindings "$TARGET_DIR/debug/libkeynet_swift.a" "$GEN/swift-from-staticlib"

step "UniFFI: pytest bindings-swift/tests (golden table and panic drill through the Python backend; every Swift file parsed with tree-sitter)"
run_pytest bindings-swift/tests

step "Kotlin: the golden table, panic drill and threads on the JVM (scripts/test-kotlin.sh; kotlinc cached in .tools/kotlin/)"
bash scripts/test-kotlin.sh

printf '\n==> all green in %ds\n' "$((SECONDS - START))"
