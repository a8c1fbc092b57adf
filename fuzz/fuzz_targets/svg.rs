//! The SVG check on arbitrary bytes: the XML parser, then the allow-list
//! that every static SVG of a story must pass before it is published on
//! the site's origin. A refusal's message is made too, as a build would.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(message) = explainer::stages::check_svg(data) {
        assert!(!message.is_empty());
    }
});
