//! Optimisations must not change a single output byte. The SHA-256 of every
//! output file, for the shipped story and a generated mid-size one, is
//! recorded in `tests/golden/sha256.txt`; a build that differs fails here.
//!
//! When the output is meant to change (a template or feature change, not an
//! optimisation), rerun with `EXPLAINER_BLESS=1 cargo test --test golden`,
//! and review the diff of the hashes together with the change to the page.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::common::{Story, repo, snapshot};
use sha2::{Digest, Sha256};

/// Big enough for every stage to be exercised in bulk (300 people, 200
/// quotes, 240 events), small enough for a debug build in a test.
const GENERATED_SCALE: usize = 20;

fn hashes(name: &str, story: &Story) -> String {
    let run = story.build();
    run.assert_ok();
    assert!(
        !run.stderr.contains("warning"),
        "{name}: the story should build without warnings:\n{}",
        run.stderr
    );
    let mut out = String::new();
    for (path, bytes) in snapshot(&story.output()) {
        let digest = Sha256::digest(&bytes);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        writeln!(out, "{name} {} {hex} {}", path.display(), bytes.len()).unwrap();
    }
    out
}

#[test]
fn output_is_byte_identical_to_the_recorded_build() {
    let mut actual = hashes("shipped", &Story::copy_of("."));
    actual.push_str(&hashes(
        &format!("generated-{GENERATED_SCALE}"),
        &Story::generated(GENERATED_SCALE),
    ));
    let golden: PathBuf = repo().join("tests/golden/sha256.txt");
    if std::env::var_os("EXPLAINER_BLESS").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_else(|e| {
        panic!(
            "{} cannot be read ({e}); see this file's header",
            golden.display()
        )
    });
    assert!(
        expected == actual,
        "the output changed.\nrecorded:\n{expected}\nnow:\n{actual}"
    );
}

#[test]
fn generated_stories_are_the_same_every_time() {
    assert_eq!(
        crate::common::generated::story(3),
        crate::common::generated::story(3),
    );
    let (article, facts) = crate::common::generated::story(2);
    assert!(article.len() > 10_000 && facts.contains("quotes:"));
}
