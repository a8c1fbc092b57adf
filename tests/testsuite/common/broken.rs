//! Broken input, the table way: each case is one small edit of the good
//! base story, and the build must then fail with exit 1, at the right file,
//! line and column, with the right wording, with exactly one error (nothing
//! cascades), and with the last good output left exactly as it was. Each
//! feature's module keeps its own table and runs it with
//! [`every_case_fails_keeping_output`]; mistakes a one-line edit cannot make
//! use [`fails_keeping_output`].

use super::{Run, Story, snapshot};

pub const FACTS: &str = "content/facts.yaml";
pub const ARTICLE: &str = "content/article.md";

/// A change to the good base story and what the build must then say.
pub struct Case {
    pub name: &'static str,
    pub file: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    /// Substrings the error output must contain (location and wording).
    pub expect: &'static [&'static str],
}

/// Build the base story, then each case in turn on it: exit 1, every
/// expected substring, one error, the last good output unchanged. All the
/// cases run and every failure is reported together.
pub fn every_case_fails_keeping_output(cases: &[Case]) {
    let story = Story::base();
    story.build().assert_ok();
    let good_output = snapshot(&story.output());
    let good_files = (story.read(FACTS), story.read(ARTICLE));

    let mut failures = Vec::new();
    for case in cases {
        story.edit(case.file, case.from, case.to);
        let run = story.build();
        let missing: Vec<_> = case
            .expect
            .iter()
            .filter(|e| !run.stderr.contains(*e))
            .collect();
        // One mistake, one error: a cascade of follow-on errors buries the
        // one the user has to fix.
        let one_error = run.stderr.contains("Build failed: 1 error;");
        if run.code != 1 || !missing.is_empty() || !one_error {
            failures.push(format!(
                "{}: exit {} (want 1), one error: {one_error}, missing {missing:?} in:\n{}",
                case.name, run.code, run.stderr
            ));
        }
        if snapshot(&story.output()) != good_output {
            failures.push(format!("{}: the last good output changed", case.name));
        }
        story.write(FACTS, good_files.0.as_bytes());
        story.write(ARTICLE, good_files.1.as_bytes());
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Build a good story, break it with `breakage`, and check the build fails
/// with each of `wanted` in its message and the old output untouched.
pub fn fails_keeping_output(breakage: impl FnOnce(&Story), wanted: &[&str]) -> Run {
    let story = Story::base();
    story.build().assert_ok();
    let good = snapshot(&story.output());
    breakage(&story);
    let run = story.build();
    run.assert_fails_with(wanted);
    assert!(
        snapshot(&story.output()) == good,
        "the last good output changed"
    );
    run
}
