#![no_main]
// A thin call: the decoding and its properties live in ansvar_core::fuzz, which the
// regression test replays too.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(broken) = ansvar_core::fuzz::store_value(data) {
        panic!("{broken}");
    }
});
