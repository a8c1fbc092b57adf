//! The ArchieML parser, its repairs of an editor's mistakes and its writer
//! on arbitrary text: no panic, every message renders, and whatever is
//! written out reads back as the same values.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = explainer::archieml::exercise(&String::from_utf8_lossy(data)) {
        panic!("{broken}");
    }
});
