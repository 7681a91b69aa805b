#!/usr/bin/env bash
# The Kotlin binding on the JVM:   bash scripts/test-kotlin.sh   (called by scripts/test-all.sh)
#
# Compiles the generated Kotlin (bindings-swift/generated/kotlin, written by test-all.sh's UniFFI
# step) with the suite in bindings-swift/tests/kotlin/ into one jar and runs it against the
# freshly built cdylib: the whole golden case table (tests/cases/README.md), the panic drill,
# eight threads at once and the API tour of Main.kt. Ends with one line `N passed, M failed`.
#
# Installs what it needs when missing (README, "Swift (iOS, macOS) — and Kotlin"):
#   - a Java runtime (Debian's openjdk-17-jre-headless, with apt-get when run as root);
#   - the npm package kotlin-compiler (pinned below) into .tools/kotlin/ (ignored by git);
#   - JNA from Debian's libjna-java (/usr/share/java/jna.jar), with apt-get when run as root.
#
#   bash scripts/test-kotlin.sh --bench-memory [N]   instead runs the memory benchmark
#   (tests/kotlin/MemoryBench.kt: N calls, 1,000,000 by default, heap and RSS printed at every
#   tenth) against a release build of the library — docs/benchmarks.md.
# Overrides: KOTLINC (a kotlinc of your own), JNA_JAR, CARGO_TARGET_DIR.
# The jar is rebuilt only when its sources change (kotlinc takes a minute or more to start and
# compile): a hash of the sources is kept beside it in .tools/kotlin/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH_CALLS=
if [ "${1:-}" = "--bench-memory" ]; then
    BENCH_CALLS=${2:-1000000}
fi
KOTLIN_VERSION=2.4.20
TOOLS=$ROOT/.tools/kotlin
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
GEN=$ROOT/bindings-swift/generated/kotlin
SUITE=$ROOT/bindings-swift/tests/kotlin
JNA_JAR=${JNA_JAR:-/usr/share/java/jna.jar}

fail() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

case "$(uname -s)" in
    Darwin) DYLIB=libkeynet_swift.dylib ;;
    *) DYLIB=libkeynet_swift.so ;;
esac

apt_install() {
    if ! apt-cache show "$1" >/dev/null 2>&1; then
        apt-get update -qq
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

if ! command -v java >/dev/null && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "installing a Java runtime (Debian package openjdk-17-jre-headless)"
    apt_install openjdk-17-jre-headless
fi
command -v java >/dev/null || fail "java is not installed (Java 17+ is needed; Debian/Ubuntu: apt-get install openjdk-17-jre-headless)"
for f in "$GEN/keynet/keynet.kt" "$GEN/keynet/core/keynet_core.kt" "$TARGET_DIR/debug/$DYLIB"; do
    [ -f "$f" ] || fail "$f is missing: run scripts/test-all.sh (its UniFFI steps build the library and generate the Kotlin)"
done

# --- kotlinc -------------------------------------------------------------------------------------
if [ -z "${KOTLINC:-}" ]; then
    KOTLINC=$TOOLS/node_modules/kotlin-compiler/bin/kotlinc
    if [ ! -x "$KOTLINC" ] || ! grep -q "\"version\": \"$KOTLIN_VERSION\"" "$TOOLS/node_modules/kotlin-compiler/package.json" 2>/dev/null; then
        command -v npm >/dev/null || fail "npm is needed to install the Kotlin compiler (or set KOTLINC)"
        echo "installing kotlin-compiler@$KOTLIN_VERSION into .tools/kotlin/ (a 90 MB download)"
        mkdir -p "$TOOLS"
        npm install --prefix "$TOOLS" --no-audit --no-fund --no-save --loglevel=error "kotlin-compiler@$KOTLIN_VERSION"
    fi
fi
[ -x "$KOTLINC" ] || fail "no kotlinc at $KOTLINC"
STDLIB=$(dirname "$(readlink -f "$KOTLINC")")/../lib/kotlin-stdlib.jar
[ -f "$STDLIB" ] || fail "no kotlin-stdlib.jar beside $KOTLINC"

# --- JNA -----------------------------------------------------------------------------------------
if [ ! -f "$JNA_JAR" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "installing JNA (Debian package libjna-java)"
        apt_install libjna-java
    fi
    [ -f "$JNA_JAR" ] || fail "no JNA jar at $JNA_JAR: install JNA (Debian/Ubuntu: apt-get install libjna-java; elsewhere download jna.jar from Maven Central) or set JNA_JAR"
fi

# --- the README's Kotlin example, compiled and run with the suite (package keynet.readme) ---------
mkdir -p "$TOOLS/readme"
README_EXAMPLE=$TOOLS/readme/ReadmeExample.kt
{
    echo "// Extracted from README.md by scripts/test-kotlin.sh: the first kotlin block of its Kotlin section."
    echo "package keynet.readme"
    awk '/^### Kotlin/ {section = 1} section && /^```kotlin$/ {inside = 1; next} inside && /^```$/ {exit} inside {print}' README.md
} >"$README_EXAMPLE.new"
grep -q "^fun main()" "$README_EXAMPLE.new" || fail "README.md: no kotlin block with fun main() under '### Kotlin'"
cmp -s "$README_EXAMPLE.new" "$README_EXAMPLE" || mv "$README_EXAMPLE.new" "$README_EXAMPLE"
rm -f "$README_EXAMPLE.new"

# --- compile (once per set of sources) -----------------------------------------------------------
JAR=$TOOLS/keynet-kotlin-tests.jar
STAMP=$TOOLS/keynet-kotlin-tests.sha256
SOURCES=("$GEN/keynet/keynet.kt" "$GEN/keynet/core/keynet_core.kt" "$SUITE"/*.kt "$README_EXAMPLE")
HASH=$( { readlink -f "$KOTLINC"; echo "$KOTLIN_VERSION"; sha256sum "${SOURCES[@]}" | cut -d' ' -f1; } | sha256sum | cut -d' ' -f1)
if [ -f "$JAR" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$HASH" ]; then
    echo "Kotlin sources unchanged: reusing $(basename "$JAR")"
else
    echo "kotlinc: ${#SOURCES[@]} files (a minute or two)"
    rm -f "$JAR" "$STAMP"
    if ! "$KOTLINC" -nowarn "${SOURCES[@]}" -cp "$JNA_JAR" -d "$JAR" >"$TOOLS/kotlinc.log" 2>&1; then
        cat "$TOOLS/kotlinc.log" >&2
        fail "kotlinc failed"
    fi
    echo "$HASH" >"$STAMP"
fi

# --- run -----------------------------------------------------------------------------------------
if [ -n "$BENCH_CALLS" ]; then
    cargo build --quiet -p keynet-swift --release --lib
    # A bounded heap, as an Android app has: with the JVM's default (a quarter of the machine's
    # memory) garbage is collected rarely and the native memory it holds shows up in the RSS
    # (docs/benchmarks.md, "Kotlin: memory").
    exec java ${BENCH_JAVA_OPTS:--Xmx256m} -Djna.library.path="$TARGET_DIR/release" -cp "$JAR:$JNA_JAR:$STDLIB" \
        keynet.tests.MemoryBenchKt "$BENCH_CALLS" "$ROOT/tests/cases/domain_example.json" ${3:+"$3"}
fi
exec java -Djna.library.path="$TARGET_DIR/debug" -cp "$JAR:$JNA_JAR:$STDLIB" \
    keynet.tests.GoldenCasesKt "$ROOT/tests/cases" "$ROOT/bindings-swift/tests/mobile-suite.txt"
