//! The whole load → validate → render pipeline on arbitrary bytes: the
//! article, a NUL byte, then the facts. Neither part can hold a NUL this
//! way; the two single-file targets cover that.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (article, facts) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    // Errors are rendered too, as the command line would print them:
    // their snippets and underlines index into the input.
    if let Err(diagnostics) = explainer::render_in_memory(article, facts, &Default::default()) {
        for diagnostic in diagnostics.iter() {
            let _ = diagnostic.render();
        }
    }
});
