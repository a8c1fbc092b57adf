//! The front matter and article parser on arbitrary bytes; articles that
//! parse go on to be checked and rendered with facts that name people but
//! hold no quotes, so that any article with good front matter reaches the
//! Markdown walk (paragraph anchors, mention links) rather than stopping at
//! a quote it no longer contains.
#![no_main]

use libfuzzer_sys::fuzz_target;

const FACTS: &[u8] = b"people:
  - id: marco-rubio
    name: Marco Rubio
    role: Secretary of State
    group: United States
    aliases: [Rubio]
  - id: sergey-lavrov
    name: Sergey Lavrov
    role: Foreign Minister
    group: Russia
    aliases: [Lavrov, \"Lavrov's\"]
  - id: a
    name: A
    role: Letter
    group: Letters
";

fuzz_target!(|data: &[u8]| {
    // Errors are rendered too, as the command line would print them:
    // their snippets and underlines index into the input.
    if let Err(diagnostics) = explainer::render_bytes(data, FACTS, &Default::default()) {
        for diagnostic in diagnostics.iter() {
            let _ = diagnostic.render();
        }
    }
});
