#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| quiz::fuzzing::import_anki(data));
