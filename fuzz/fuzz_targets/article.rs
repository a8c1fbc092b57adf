//! The front matter and article parser on arbitrary bytes; articles that
//! parse go on to be checked and rendered with facts that name people but
//! hold no quotes, so that any article with good front matter reaches the
//! Markdown walk (paragraph anchors, mention links) rather than stopping at
//! a quote it no longer contains.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Shared with the regression test that replays this target's inputs.
const FACTS: &[u8] = include_bytes!("../../tests/fuzz_regressions/people-only.yaml");

fuzz_target!(|data: &[u8]| {
    // Errors are rendered too, as the command line would print them:
    // their snippets and underlines index into the input.
    if let Err(diagnostics) = explainer::render_in_memory(data, FACTS, &Default::default()) {
        for diagnostic in diagnostics.iter() {
            let _ = diagnostic.render();
        }
    }
});
