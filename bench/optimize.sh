#!/usr/bin/env bash
# Reproduces the figures `src/optimize.rs` is held to (fsrs-rs reference on
# review_logs_josh.csv) and times them in debug and release builds, without
# needing the rest of the crate to compile: the module is built alone in a
# throwaway crate whose ../shared points at the real shared data.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/crate/src"
ln -s "$(cd "$root/../shared" && pwd)" "$work/shared"
cat > "$work/crate/Cargo.toml" <<TOML
[package]
name = "optimize-bench"
version = "0.0.0"
edition = "2024"

[dependencies]
fsrs = "6.6"
jiff = "1.0"
thiserror = "2.0"
TOML
echo "#[path = \"$root/src/optimize.rs\"] pub mod optimize;" > "$work/crate/src/lib.rs"
# The main crate's lock file pins the same fsrs the program ships with.
cp "$root/Cargo.lock" "$work/crate/"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/optimize-bench}"
cd "$work/crate"
for profile in dev release; do
    echo "== $profile"
    cargo test --quiet --profile "$profile" -- --nocapture --test-threads 1 josh 2>&1 |
        grep -oE '(defaults|time series|fit): .*|test result: [^;]*' | grep -v '0 passed' | sed 's/^/   /'
done
