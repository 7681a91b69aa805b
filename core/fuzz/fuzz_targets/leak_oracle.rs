#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keynet_fuzz::leak_oracle(data));
