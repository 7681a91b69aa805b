#!/usr/bin/env bash
# The packages of keynet:   bash scripts/package.sh [--release]   (called by scripts/test-all.sh)
#
# Writes, in dist/ at the repository's root (ignored by git):
#   - keynet-<version>.tgz                 the npm package `keynet`: index.js, index.d.ts, the browser
#                                          bundle dist/keynet-browser.js and .mjs, and an
#                                          optionalDependencies entry on the platform package;
#   - keynet-<platform>-<version>.tgz      the platform package (`keynet-linux-x64-gnu` here): the
#                                          native addon keynet.<platform>.node;
#   - keynet-<version>-cp310-abi3-<tag>.whl the Python wheel (abi3: one wheel for CPython 3.10+).
# napi-rs's own tooling lays the npm packages out (napi create-npm-dirs, napi artifacts,
# napi pre-publish --skip-optional-publish: it publishes nothing), then `npm pack` packs them.
# The main package declares only the platforms whose addon is in dist/ — the one built here.
#
# Debug by default: the test command has built the addon and the wheel's crate in debug already,
# so packaging costs seconds. `--release` builds the addon and the wheel optimised (minutes on 2
# cores: docs/choices.md, "Packages") — what to hand to users. Install from dist/ as README.md
# ("Node", "Python") says; scripts/test-packages.sh installs them outside the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$ROOT/dist
NODE_DIR=$ROOT/bindings-node

fail() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}
RELEASE=
case "${1:-}" in
    "") ;;
    --release) RELEASE=--release ;;
    *) fail "usage: bash scripts/package.sh [--release]" ;;
esac
[ -x "$NODE_DIR/node_modules/.bin/napi" ] \
    || fail "no napi CLI: run 'npm ci' in bindings-node first (scripts/test-all.sh does)"
NAPI=$NODE_DIR/node_modules/.bin/napi
rm -rf "$OUT"
mkdir -p "$OUT"

# --- the builds ---------------------------------------------------------------------------------
# The native addon: debug into bindings-node/ (where the tests load it; cargo has nothing to do
# after the test command's own build), release into a directory of its own so the tests' debug
# addon stays as it is.
STAGE=$TARGET_DIR/package/npm
rm -rf "$STAGE"
mkdir -p "$STAGE/artifacts"
if [ -n "$RELEASE" ]; then
    (cd "$NODE_DIR" && "$NAPI" build --platform --release --output-dir "$STAGE/artifacts")
    rm -f "$STAGE/artifacts/index.js" "$STAGE/artifacts/index.d.ts"
else
    (cd "$NODE_DIR" && "$NAPI" build --platform)
    cp "$NODE_DIR"/keynet.*.node "$STAGE/artifacts/"
fi
ADDONS=("$STAGE"/artifacts/keynet.*.node)
[ "${#ADDONS[@]}" -eq 1 ] && [ -f "${ADDONS[0]}" ] || fail "expected one keynet.<platform>.node, found: ${ADDONS[*]}"
PLATFORM=$(basename "${ADDONS[0]}" .node)
PLATFORM=${PLATFORM#keynet.}
# The browser bundle (skipped while its sources are unchanged).
bash scripts/build-browser.sh

# --- the npm packages, laid out by napi-rs ------------------------------------------------------
cp "$NODE_DIR/index.js" "$NODE_DIR/index.d.ts" "$STAGE/"
mkdir -p "$STAGE/dist"
cp "$NODE_DIR/dist/keynet-browser.js" "$NODE_DIR/dist/keynet-browser.mjs" "$STAGE/dist/"
# The published manifest: bindings-node/package.json with the targets cut to the platform built
# here (an optional dependency on a package that does not exist helps nobody), without the
# scripts and devDependencies of the repository.
node - "$NODE_DIR/package.json" "$STAGE/package.json" "$PLATFORM" <<'EOF'
const fs = require('node:fs')
const [from, to, platform] = process.argv.slice(2)
const pkg = JSON.parse(fs.readFileSync(from, 'utf8'))
const { parseTriple } = require(require.resolve('@napi-rs/cli', { paths: [require('node:path').dirname(from)] }))
const targets = pkg.napi.targets.filter((t) => parseTriple(t).platformArchABI === platform)
if (targets.length !== 1) throw new Error(`no target of package.json napi.targets builds ${platform}`)
pkg.napi.targets = targets
delete pkg.scripts
delete pkg.devDependencies
fs.writeFileSync(to, `${JSON.stringify(pkg, null, 2)}\n`)
EOF
(
    cd "$STAGE"
    "$NAPI" create-npm-dirs --npm-dir npm >/dev/null
    "$NAPI" artifacts --output-dir artifacts --npm-dir npm >/dev/null
    "$NAPI" pre-publish --npm-dir npm --skip-optional-publish >/dev/null
)
[ -f "$STAGE/npm/$PLATFORM/keynet.$PLATFORM.node" ] || fail "napi artifacts did not copy keynet.$PLATFORM.node"
node -e '
const pkg = require(process.argv[1]); const want = `keynet-${process.argv[2]}`
if (pkg.optionalDependencies?.[want] !== pkg.version) throw new Error(`package.json has no optionalDependencies.${want}`)
' "$STAGE/package.json" "$PLATFORM"
(cd "$STAGE/npm/$PLATFORM" && npm pack --silent --pack-destination "$OUT" >/dev/null)
(cd "$STAGE" && npm pack --silent --pack-destination "$OUT" >/dev/null)

# --- the Python wheel ---------------------------------------------------------------------------
MATURIN=$ROOT/.venv/bin/maturin
[ -x "$MATURIN" ] || fail "no maturin in .venv: run scripts/test-all.sh once, or python3 -m venv .venv && .venv/bin/pip install -r scripts/requirements-test.txt"
# The venv's interpreter, as `maturin develop` in the test command: pyo3 is not rebuilt.
(cd bindings-python && VIRTUAL_ENV=$ROOT/.venv "$MATURIN" build $RELEASE --quiet --interpreter "$ROOT/.venv/bin/python" --out "$OUT")

echo "dist/ ($([ -n "$RELEASE" ] && echo release || echo debug)):"
(cd "$OUT" && ls -l --block-size=K -- *.tgz *.whl | awk '{print "  " $5 "  " $9}')
