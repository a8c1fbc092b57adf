//! An `i18n/` file on arbitrary bytes: the first byte picks the file's
//! name (a tag, a private-use tag, a name that is no tag), the rest is the
//! file, parsed and checked as a build does. A translation that passes is
//! then used as the page uses it: every word looked up, filled in and
//! joined into lists.
#![no_main]

use explainer::locale::Locale;
use libfuzzer_sys::fuzz_target;

/// Shared with the regression test that replays this target's inputs.
const NAMES: &str = include_str!("../../tests/fuzz_regressions/i18n-names.txt");

fuzz_target!(|data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let names: Vec<&str> = NAMES.lines().collect();
    let name = names[usize::from(pick) % names.len()];
    let (translation, diagnostics) = explainer::stages::check_translation(name, file);
    for diagnostic in diagnostics.iter() {
        let _ = diagnostic.render();
    }
    if let Some(translation) = translation {
        let lang = translation.lang.clone();
        let locale = Locale::new(&lang, &[translation]);
        for key in locale.words().keys() {
            let _ = locale.fill(key, "authors", "Ada Byrne");
        }
        let names = ["Ada".to_owned(), "Ben".to_owned(), "Cy".to_owned()];
        let _ = locale.join_list(&names);
    }
});
