#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| keynet_fuzz::bed_export_csv(data));
