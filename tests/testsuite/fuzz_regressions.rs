//! Inputs kept from fuzzing (`fuzz/`), and tricky ones written by hand in
//! the same form, fed through the same entry point as the fuzz targets: each
//! must end without a panic, promptly, in a page or in errors that render.
//!
//! `tests/fuzz_regressions/<target>/` holds the inputs of each target:
//! `facts` (facts.yaml bytes, checked against the shipped article),
//! `article` (article.md bytes, with facts that hold people but no quotes),
//! `pipeline` (an article, a NUL byte, then facts), `archieml` (a
//! facts.aml, parsed, repaired and written back out), `svg` (an SVG's
//! bytes, checked as a static SVG is) and `i18n` (a byte choosing the
//! file's name from `i18n-names.txt`, then an `i18n/` file, parsed, checked
//! and, when it passes, used to fill in the page's words).

use std::path::Path;
use std::time::{Duration, Instant};

const SHIPPED_ARTICLE: &[u8] = include_bytes!("../../content/article.md");
/// The same facts as the article target's.
const PEOPLE_ONLY: &[u8] = include_bytes!("../fuzz_regressions/people-only.yaml");
/// The same names as the i18n target's.
const TRANSLATION_NAMES: &str = include_str!("../fuzz_regressions/i18n-names.txt");

fn feed(article: &[u8], facts: &[u8]) {
    if let Err(diagnostics) = explainer::render_in_memory(article, facts, &Default::default()) {
        for diagnostic in diagnostics.iter() {
            assert!(!diagnostic.render().is_empty());
        }
    }
}

fn translate(data: &[u8]) {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let names: Vec<&str> = TRANSLATION_NAMES.lines().collect();
    let name = names[usize::from(pick) % names.len()];
    let (translation, diagnostics) = explainer::stages::check_translation(name, file);
    for diagnostic in diagnostics.iter() {
        assert!(!diagnostic.render().is_empty());
    }
    if let Some(translation) = translation {
        let lang = translation.lang.clone();
        let locale = explainer::locale::Locale::new(&lang, &[translation]);
        for key in locale.words().keys() {
            let _ = locale.fill(key, "authors", "Ada Byrne");
        }
        let names = ["Ada".to_owned(), "Ben".to_owned(), "Cy".to_owned()];
        assert!(locale.join_list(&names).is_some());
    } else {
        assert!(diagnostics.has_errors(), "{name}: refused without an error");
    }
}

/// The SVG regressions are refused or published as the README says; the
/// fuzz inputs only need to end, but these were written to be caught.
#[test]
fn the_kept_svgs_that_could_run_or_load_are_refused() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions/svg");
    for (name, refused) in [
        ("foreign-object-iframe-srcdoc.svg", true),
        ("entity-hides-script.svg", true),
        ("css-escape-url.svg", true),
        ("set-href.svg", true),
        ("not-xml.svg", true),
        ("deep-nesting.svg", true),
        ("entity-expansion.svg", true),
    ] {
        let data = std::fs::read(base.join(name)).unwrap();
        assert_eq!(
            explainer::stages::check_svg(&data).is_err(),
            refused,
            "{name}: {:?}",
            explainer::stages::check_svg(&data)
        );
    }
}

#[test]
fn every_kept_input_ends_cleanly() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut count = 0;
    for target in ["facts", "article", "pipeline", "archieml", "svg", "i18n"] {
        let mut entries: Vec<_> = std::fs::read_dir(base.join(target))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let data = std::fs::read(&path).unwrap();
            let started = Instant::now();
            match target {
                "facts" => feed(SHIPPED_ARTICLE, &data),
                "article" => feed(&data, PEOPLE_ONLY),
                "archieml" => {
                    if let Err(broken) =
                        explainer::archieml::exercise(&String::from_utf8_lossy(&data))
                    {
                        panic!("{}: {broken}", path.display());
                    }
                }
                "svg" => {
                    if let Err(message) = explainer::stages::check_svg(&data) {
                        assert!(message.starts_with("static/picture.svg "), "{message}");
                    }
                }
                "i18n" => translate(&data),
                _ => {
                    let (article, facts) = match data.iter().position(|&b| b == 0) {
                        Some(at) => (&data[..at], &data[at + 1..]),
                        None => (&data[..], &[][..]),
                    };
                    feed(article, facts);
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{} took {:?}",
                path.display(),
                started.elapsed()
            );
            count += 1;
        }
    }
    assert!(count > 0);
}
