#!/usr/bin/env bash
# Builds what bindings-swift/Package.swift needs, on macOS with Xcode and rustup:
#   build/KeyNetFFI.xcframework   the core as static libraries for iOS devices (arm64), the iOS
#                                 simulator (arm64 + x86_64) and macOS (arm64 + x86_64), with the
#                                 C headers and the one module map UniFFI generates for them
#   Sources/KeyNet/KeyNet.swift   the Swift API UniFFI generates from the same library: the entry
#   Sources/KeyNet/KeyNetCore.swift  points, and the core's own records and enums (two UniFFI
#                                 namespaces, one Swift module)
# Then: cd bindings-swift && swift test   (or add the package to an Xcode project).
# Not run by the repository's Linux test command (no Xcode there): that one generates the same
# Swift source and checks it parses; this script is the part only a Mac can do.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
LIB=libkeynet_swift.a
IOS=aarch64-apple-ios
SIM="aarch64-apple-ios-sim x86_64-apple-ios"
MAC="aarch64-apple-darwin x86_64-apple-darwin"
[ "$(uname -s)" = Darwin ] || { echo "error: needs macOS with Xcode (xcodebuild, lipo)" >&2; exit 1; }
# Same minimum versions as Package.swift's platforms.
export IPHONEOS_DEPLOYMENT_TARGET=15.0 MACOSX_DEPLOYMENT_TARGET=12.0
rustup target add $IOS $SIM $MAC
cd "$ROOT"

# The bindgen first (host, with its `cli` feature); the shipped libraries after, per target and
# with `-p` only, so that feature does not leak into them. Release keeps panic = "unwind".
cargo build --release -p keynet-swift --features cli --bin uniffi-bindgen-swift
for target in $IOS $SIM $MAC; do
    cargo build --release -p keynet-swift --lib --target "$target"
done

OUT=$HERE/build
rm -rf "$OUT"
mkdir -p "$OUT/generated" "$OUT/headers/KeyNetFFI" "$OUT/ios-simulator" "$OUT/macos"
# Both namespaces' Swift and headers, and one module map (module KeyNetFFI) that includes both
# headers, as scripts/test-all.sh generates and checks them on Linux.
"$TARGET_DIR/release/uniffi-bindgen-swift" --swift-sources --headers --modulemap \
    --module-name KeyNetFFI --modulemap-filename module.modulemap \
    "$TARGET_DIR/aarch64-apple-darwin/release/$LIB" "$OUT/generated"
cp "$OUT/generated/KeyNet.swift" "$OUT/generated/KeyNetCore.swift" "$HERE/Sources/KeyNet/"
# Headers in a folder named after the module, so two UniFFI frameworks in one app do not both
# write include/module.modulemap.
cp "$OUT/generated/KeyNetFFI.h" "$OUT/generated/KeyNetCoreFFI.h" "$OUT/generated/module.modulemap" \
    "$OUT/headers/KeyNetFFI/"

lipo -create "$TARGET_DIR/aarch64-apple-ios-sim/release/$LIB" "$TARGET_DIR/x86_64-apple-ios/release/$LIB" \
    -output "$OUT/ios-simulator/$LIB"
lipo -create "$TARGET_DIR/aarch64-apple-darwin/release/$LIB" "$TARGET_DIR/x86_64-apple-darwin/release/$LIB" \
    -output "$OUT/macos/$LIB"
xcodebuild -create-xcframework \
    -library "$TARGET_DIR/$IOS/release/$LIB" -headers "$OUT/headers" \
    -library "$OUT/ios-simulator/$LIB" -headers "$OUT/headers" \
    -library "$OUT/macos/$LIB" -headers "$OUT/headers" \
    -output "$OUT/KeyNetFFI.xcframework"
echo "built $OUT/KeyNetFFI.xcframework and Sources/KeyNet/KeyNet.swift, KeyNetCore.swift"
