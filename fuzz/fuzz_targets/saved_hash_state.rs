#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| s3img::fuzzing::saved_hash_state(text));
