//! The whole load → validate → render pipeline on arbitrary bytes: the
//! article, a NUL byte, then the facts (neither file can hold a NUL and
//! still be read, so the split loses nothing).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (article, facts) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let _ = explainer::render_bytes(article, facts, &Default::default());
});
