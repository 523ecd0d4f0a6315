#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| s3img::fuzzing::setting_value(text));
