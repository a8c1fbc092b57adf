//! The facts loader on arbitrary bytes; facts that parse go on to be
//! checked against the shipped article and rendered.
#![no_main]

use libfuzzer_sys::fuzz_target;

const ARTICLE: &[u8] = include_bytes!("../../content/article.md");

fuzz_target!(|data: &[u8]| {
    // Errors are rendered too, as the command line would print them:
    // their snippets and underlines index into the input.
    if let Err(diagnostics) = explainer::render_in_memory(ARTICLE, data, &Default::default()) {
        for diagnostic in diagnostics.iter() {
            let _ = diagnostic.render();
        }
    }
});
