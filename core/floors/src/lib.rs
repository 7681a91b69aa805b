//! Nothing here: the benchmark is core/floors/benches/floors.rs (docs/benchmarks.md).
