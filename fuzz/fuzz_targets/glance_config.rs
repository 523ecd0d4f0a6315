#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| s3img::fuzzing::glance_config(text));
