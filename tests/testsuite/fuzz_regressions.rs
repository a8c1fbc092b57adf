//! Inputs kept from fuzzing (`fuzz/`), and tricky ones written by hand in
//! the same form, fed through the same entry point as the fuzz targets: each
//! must end without a panic, promptly, in a page or in errors that render.
//!
//! `tests/fuzz_regressions/<target>/` holds the inputs of each target:
//! `facts` (facts.yaml bytes, checked against the shipped article),
//! `article` (article.md bytes, with facts that hold people but no quotes)
//! `pipeline` (an article, a NUL byte, then facts) and `archieml` (a
//! facts.aml, parsed, repaired and written back out).

use std::path::Path;
use std::time::{Duration, Instant};

const SHIPPED_ARTICLE: &[u8] = include_bytes!("../../content/article.md");
/// The same facts as the article target's.
const PEOPLE_ONLY: &[u8] = include_bytes!("../fuzz_regressions/people-only.yaml");

fn feed(article: &[u8], facts: &[u8]) {
    if let Err(diagnostics) = explainer::render_in_memory(article, facts, &Default::default()) {
        for diagnostic in diagnostics.iter() {
            assert!(!diagnostic.render().is_empty());
        }
    }
}

#[test]
fn every_kept_input_ends_cleanly() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut count = 0;
    for target in ["facts", "article", "pipeline", "archieml"] {
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
