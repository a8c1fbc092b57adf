//! How errors are reported: all the errors of a run at once (links to ids
//! certainly missing included), `check` finding what `build` finds and
//! writing nothing, warnings that do not stop the build, exit codes, and
//! paths shown from where the command ran.

use crate::common::broken::{ARTICLE, FACTS};
use crate::common::{Story, run_in_with_env};

#[test]
fn all_errors_are_reported_in_one_run() {
    let story = Story::base();
    story.edit(FACTS, "speaker: tomas-berg", "speaker: tomas-burg");
    story.edit(FACTS, "date: 2019", "date: 2019-02-29");
    story.edit(FACTS, "role: Engineer", "rol: Engineer");
    story.edit(ARTICLE, "published: 2025-11-20", "published: soon");
    let run = story.build();
    assert_eq!(run.code, 1);
    for expected in [
        "content/facts.yaml:13:14",
        "content/facts.yaml:21:11",
        "content/facts.yaml:10:5",
        "content/facts.yaml:8:5",
        "content/article.md:4:12",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected} missing from:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("Build failed: 5 errors"),
        "{}",
        run.stderr
    );
}

/// A story with errors is never rendered, so its links to ids are not
/// checked against a page; those certainly missing whatever the templates
/// (a paragraph past the last, a person no one is) come out in the same
/// run as the other errors, not in the run after they are fixed.
#[test]
fn links_to_ids_certainly_missing_come_out_with_the_other_errors() {
    let story = Story::base();
    story.edit(FACTS, "speaker: tomas-berg", "speaker: tomas-burg");
    story.edit(
        ARTICLE,
        "We warned them twice.”",
        "We warned them twice.” [Earlier](#p-9), [the mayor](#person-tomas-brg), [the dates](#timeline-soon), [the report](#p-2).",
    );
    let run = story.check();
    run.assert_fails_with(&[
        "no person has the id `tomas-burg`",
        "the article links to `#p-9`, which the page does not have",
        "the article's paragraphs are #p-1 to #p-2",
        "the article links to `#person-tomas-brg`, which the page does not have",
        "did you mean `#person-tomas-berg`?",
        "3 errors",
    ]);
    // Any other id may be a template's: only the page can say.
    assert!(!run.stderr.contains("#timeline-soon`"), "{}", run.stderr);
    assert!(!run.stderr.contains("`#p-2`"), "{}", run.stderr);

    // A template of the story's own that writes the id as it is has it.
    story.write(
        "templates/index.html",
        &std::fs::read(crate::common::repo().join("templates/index.html"))
            .unwrap()
            .into_iter()
            .chain(b"<i id=\"p-9\"></i>".iter().copied())
            .collect::<Vec<u8>>(),
    );
    let run = story.check();
    run.assert_fails_with(&["2 errors"]);
    assert!(!run.stderr.contains("`#p-9`"), "{}", run.stderr);

    // Once the rest is fixed, the page itself is the judge.
    std::fs::remove_file(story.root().join("templates/index.html")).unwrap();
    story.edit(FACTS, "speaker: tomas-burg", "speaker: tomas-berg");
    story.check().assert_fails_with(&[
        "`#p-9`",
        "`#person-tomas-brg`",
        "the article links to `#timeline-soon`, which the page does not have",
        "3 errors",
    ]);
}

#[test]
fn check_catches_template_errors_too() {
    let story = Story::base();
    story.write("templates/quote.html", b"<li>{{ quote.nope }}</li>");
    let run = story.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/quote.html:1:"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_reports_the_same_errors_and_writes_nothing() {
    let story = Story::base();
    story.edit(FACTS, "speaker: tomas-berg", "speaker: tomas-burg");
    let run = story.check();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("did you mean `tomas-berg`?"),
        "{}",
        run.stderr
    );
    assert!(!story.output().exists());
}

#[test]
fn warnings_do_not_stop_the_build() {
    let story = Story::base();
    story.edit(FACTS, "quotes:", "  - id: ines-duarte\n    name: Inês Duarte\n    role: Auditor\n    group: Auditors\nquotes:");
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("warning: Inês Duarte is never named in the article"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning: the group `Auditors` is not listed in `groups`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/facts.yaml:12:9")
            && run.stderr.contains("content/facts.yaml:15:12"),
        "{}",
        run.stderr
    );
    assert!(story.page().contains("id=\"person-ines-duarte\""));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(crate::common::run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(
        crate::common::run(&["build", "--root", "/no/such/folder"]).code,
        2
    );
    let story = Story::base();
    let run = crate::common::run(&[
        "build",
        "--root",
        story.root().to_str().unwrap(),
        "--base-url",
        "javascript:alert(1)",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn paths_in_messages_open_from_where_the_command_ran() {
    let story = Story::base();
    std::fs::create_dir(story.root().join("next")).unwrap();
    std::fs::rename(
        story.root().join("content"),
        story.root().join("next/content"),
    )
    .unwrap();
    story.edit(
        "next/content/facts.yaml",
        "speaker: tomas-berg",
        "speaker: tomas-burg",
    );
    let run = run_in_with_env(story.root(), &["check", "--root", "next"], ("LANG", "C"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("--> next/content/facts.yaml:13:14"),
        "{}",
        run.stderr
    );
    assert!(story.root().join("next/content/facts.yaml").is_file());
    // A translation's problem too, as every file of the story.
    story.write("next/i18n/fr.yaml", b"kicker: [x]\n");
    let run = run_in_with_env(story.root(), &["check", "--root", "next"], ("LANG", "C"));
    assert!(
        run.stderr.contains("--> next/i18n/fr.yaml:1:9"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(story.root().join("next/i18n/fr.yaml")).unwrap();
    // From the root itself, as before.
    let run = run_in_with_env(&story.root().join("next"), &["check"], ("LANG", "C"));
    assert!(
        run.stderr.contains("--> content/facts.yaml:13:14"),
        "{}",
        run.stderr
    );
}
