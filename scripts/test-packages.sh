#!/usr/bin/env bash
# The newcomer's install:   bash scripts/test-packages.sh   (called by scripts/test-all.sh, after
# scripts/package.sh has written dist/)
#
# In a temporary directory outside the checkout:
#   - a fresh npm project installs the two tarballs of dist/ (`npm install <keynet> <platform>`:
#     no registry is asked for keynet) and calls `validate` through `require('keynet')` (the
#     native addon, from the platform package), through `import` (the ES module entry, the
#     browser build) and through the plain browser script in a context with no `require`;
#   - a fresh venv installs the wheel of dist/ (`pip install --no-index`: PyPI's `keynet` is
#     another project) and calls `keynet.validate`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/dist

fail() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}
shopt -s nullglob
MAIN=("$OUT"/keynet-[0-9]*.tgz)
PLATFORM=("$OUT"/keynet-*-*-*.tgz)
WHEEL=("$OUT"/keynet-*.whl)
[ "${#MAIN[@]}" -eq 1 ] && [ "${#PLATFORM[@]}" -eq 1 ] && [ "${#WHEEL[@]}" -eq 1 ] \
    || fail "dist/ must hold one main tarball, one platform tarball and one wheel: run scripts/package.sh"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/keynet-install.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
case "$WORK" in "$ROOT"/*) fail "the temporary directory $WORK is inside the checkout" ;; esac

# --- npm ----------------------------------------------------------------------------------------
mkdir "$WORK/npm"
cd "$WORK/npm"
printf '{"name": "keynet-install-check", "version": "1.0.0", "private": true}\n' >package.json
npm install --no-audit --no-fund --loglevel=error "${MAIN[0]}" "${PLATFORM[0]}"
cat >check.cjs <<'EOF'
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const vm = require('node:vm')
const here = path.join(__dirname, 'node_modules')
const main = path.dirname(require.resolve('keynet/package.json'))
assert.equal(main, path.join(here, 'keynet'), 'keynet comes from this project')
assert.deepEqual(fs.readdirSync(main).filter((f) => f.endsWith('.node')), [], 'no addon in the main package')
const pkg = require('keynet/package.json')
const [platform] = Object.keys(pkg.optionalDependencies)
assert.ok(fs.existsSync(path.join(here, platform)), `the platform package ${platform} is installed`)

const keynet = require('keynet')
const findings = keynet.validate({ occupation: 'nurse', openings: 'three' })
assert.ok(findings.some((f) => f.path === 'openings' && f.severity === 'error'), 'the native addon finds the bad count')
assert.ok(findings.some((f) => f.code === 'required'), 'and the missing fields')
assert.ok(keynet.isKeynetError((() => { try { keynet.validate('[1]') } catch (e) { return e } })()), 'KeynetError')

// The plain browser script (what kintone takes) in a context with no require: the same findings.
const context = vm.createContext({ console, TextDecoder, TextEncoder, WebAssembly })
vm.runInContext(fs.readFileSync(require.resolve('keynet/browser-script'), 'utf8'), context)
assert.deepEqual(JSON.parse(JSON.stringify(vm.runInContext('keynet.validate({occupation: "nurse", openings: "three"})', context))), findings)
fs.writeFileSync('native.json', JSON.stringify(findings))
console.log(`require('keynet'): ${findings.length} findings (native addon from ${platform}); browser script: the same`)
EOF
cat >check.mjs <<'EOF'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import keynet, { validate } from 'keynet'
const findings = keynet.validate({ occupation: 'nurse', openings: 'three' })
assert.deepEqual(JSON.parse(JSON.stringify(findings)), JSON.parse(readFileSync('native.json', 'utf8')), 'the ES module finds what the addon finds')
assert.deepEqual(validate({ occupation: 'nurse', openings: 'three' }), findings, 'named export')
assert.ok(import.meta.resolve('keynet').endsWith('/node_modules/keynet/dist/keynet-browser.mjs'), import.meta.resolve('keynet'))
console.log(`import keynet from 'keynet': ${findings.length} findings (the browser build's ES module)`)
EOF
node check.cjs
node check.mjs

# --- pip ----------------------------------------------------------------------------------------
cd "$WORK"
python3 -m venv venv
venv/bin/pip install --quiet --disable-pip-version-check --no-index "${WHEEL[0]}"
venv/bin/python - "$WORK" <<'EOF'
import pathlib, sys
import keynet
assert pathlib.Path(keynet.__file__).resolve().is_relative_to(pathlib.Path(sys.argv[1]).resolve() / "venv"), keynet.__file__
findings = keynet.validate({"occupation": "nurse", "openings": "three"})
assert any(f["path"] == "openings" and f["severity"] == "error" for f in findings), findings
assert any(f["code"] == "required" for f in findings), findings
print(f"pip install {pathlib.Path(keynet.__file__).parent.name}: keynet.validate gives {len(findings)} findings")
EOF
echo "packages install and validate: npm (require, import, browser script) and pip"
