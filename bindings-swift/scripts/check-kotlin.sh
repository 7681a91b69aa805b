#!/usr/bin/env bash
# Compiles the generated Kotlin binding with a small program that uses it
# (bindings-swift/tests/kotlin/Main.kt) and runs it on the JVM against the UniFFI library.
# Main.kt alone, with a kotlinc of your own; the test command runs it with the whole golden table
# through scripts/test-kotlin.sh. Run scripts/test-all.sh first (it generates the Kotlin sources
# and builds the library into bindings-swift/generated/).
#
#   KOTLINC=/path/to/kotlinc bash bindings-swift/scripts/check-kotlin.sh
#
# KOTLINC: kotlinc (default: `kotlinc` on PATH; the npm package `kotlin-compiler` ships one in
# package/bin/). JNA_JAR: JNA (default: Debian's libjna-java, /usr/share/java/jna.jar).
# Takes about a minute: kotlinc is slow to start.
set -euo pipefail
cd "$(dirname "$0")/../.."
GEN=bindings-swift/generated
KOTLINC=${KOTLINC:-$(command -v kotlinc || true)}
JNA_JAR=${JNA_JAR:-/usr/share/java/jna.jar}
[ -n "$KOTLINC" ] && [ -x "$KOTLINC" ] || { echo "error: no kotlinc (set KOTLINC)" >&2; exit 1; }
[ -f "$JNA_JAR" ] || { echo "error: no JNA jar at $JNA_JAR (apt-get install libjna-java, or set JNA_JAR)" >&2; exit 1; }
for f in "$GEN/kotlin/keynet/keynet.kt" "$GEN/kotlin/keynet/core/keynet_core.kt" "$GEN/python/libkeynet_swift.so"; do
    [ -f "$f" ] || { echo "error: $f is missing: run scripts/test-all.sh first" >&2; exit 1; }
done
STDLIB=$(dirname "$(readlink -f "$KOTLINC")")/../lib/kotlin-stdlib.jar
OUT=$GEN/kotlin-check
mkdir -p "$OUT"
rm -f "$OUT/check.jar"
if ! "$KOTLINC" bindings-swift/tests/kotlin/Main.kt "$GEN/kotlin/keynet/keynet.kt" \
    "$GEN/kotlin/keynet/core/keynet_core.kt" -cp "$JNA_JAR" -d "$OUT/check.jar" >"$OUT/kotlinc.log" 2>&1; then
    cat "$OUT/kotlinc.log" >&2
    exit 1
fi
java -Djna.library.path="$GEN/python" -cp "$OUT/check.jar:$JNA_JAR:$STDLIB" MainKt
