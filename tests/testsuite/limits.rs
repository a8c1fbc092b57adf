//! Input written to hurt, and what fuzzing found: alias bombs, absurd
//! nesting, very large files, and the inputs kept from fuzzing. Each must
//! end promptly, in an error that names a limit or in a build, never in a
//! panic, a stack overflow or the machine's memory running out.
//!
//! The inputs kept from fuzzing (`fuzz/`), and tricky ones written by hand
//! in the same form, go through the same entry point as the fuzz targets
//! and must end in a page or in errors that render.
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

use crate::common::{BASE_ARTICLE, BASE_FACTS, Run, Story};

const ARTICLE_HEAD: &str = "---\ntitle: T\npublished: 2025-01-01\n---\n\n";

/// Nine lists of nine, each made of the one before: 9^10 values once
/// expanded, from a few hundred bytes.
fn alias_bomb(first_key: &str) -> String {
    let mut yaml = format!("{first_key}: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (prev, name) in ('a'..='i').zip('b'..='j') {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        yaml.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    yaml
}

/// The build ends within `limit` (generous: debug builds on a busy
/// machine), and did not die of a signal.
fn timed(story: &Story, limit: Duration) -> Run {
    let started = Instant::now();
    let run = story.build();
    let took = started.elapsed();
    assert!(took < limit, "took {took:?}:\n{}", run.stderr);
    assert!(
        run.code == 0 || run.code == 1,
        "exit {}:\n{}",
        run.code,
        run.stderr
    );
    run
}

#[test]
fn alias_bomb_in_the_facts_is_refused() {
    let story = Story::new(BASE_ARTICLE, &alias_bomb("x"));
    let run = timed(&story, Duration::from_secs(10));
    run.assert_fails_with(&[
        "content/facts.yaml:",
        "too many values once its aliases are expanded",
    ]);
}

#[test]
fn alias_bomb_in_the_front_matter_is_refused() {
    let article = format!(
        "---\ntitle: T\npublished: 2025-01-01\n{}---\n\nHello.\n",
        alias_bomb("x")
    );
    let story = Story::new(&article, BASE_FACTS);
    let run = timed(&story, Duration::from_secs(10));
    run.assert_fails_with(&[
        "content/article.md:",
        "too many values once its aliases are expanded",
    ]);
}

#[test]
fn ten_thousand_levels_of_nesting_are_refused() {
    let deep_flow = format!("people: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let deep_block: String = (1..10_000).fold("people:\n".to_owned(), |mut yaml, level| {
        yaml.push_str(&" ".repeat(level));
        yaml.push_str("-\n");
        yaml
    });
    let deep_map = format!("people: {}{}\n", "{a: ".repeat(10_000), "}".repeat(10_000));
    for facts in [&deep_flow, &deep_block, &deep_map] {
        let story = Story::new(BASE_ARTICLE, facts);
        let run = timed(&story, Duration::from_secs(10));
        run.assert_fails_with(&["content/facts.yaml:", "the YAML nests more than 64 levels"]);
    }
    let article = format!(
        "---\ntitle: {}{}\npublished: 2025-01-01\n---\n\nHello.\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let story = Story::new(&article, BASE_FACTS);
    let run = timed(&story, Duration::from_secs(10));
    run.assert_fails_with(&[
        "content/article.md:2:",
        "the YAML nests more than 64 levels",
    ]);
}

#[test]
fn deeply_nested_markdown_builds() {
    let facts = "people: []\n";
    for body in [
        format!("{} quoted\n", ">".repeat(100_000)),
        format!("{} bracketed\n", "[".repeat(100_000)),
        format!("{}x{}\n", "*a ".repeat(30_000), " a*".repeat(30_000)),
        format!("{}{}\n", "[a".repeat(30_000), "](#p-1)".repeat(30_000)),
        (0..2_000)
            .map(|i| format!("{}- item\n", "  ".repeat(i)))
            .collect(),
        format!("{}x\n", "<div>".repeat(50_000)),
    ] {
        let story = Story::new(&format!("{ARTICLE_HEAD}{body}"), facts);
        let run = timed(&story, Duration::from_secs(30));
        run.assert_ok();
    }
}

/// A few megabytes stand in for the 50 MB article and 100,000 facts, whose
/// times and memory the README records: the same code paths, linear in
/// size, fast enough for every `cargo test`.
#[test]
fn large_article_and_many_facts_build() {
    let paragraph = "Mayor Tomas Berg said the tunnel was “safe and on budget” at the March meeting, and engineers disagreed at length.\n\n";
    let article = format!("{ARTICLE_HEAD}{}", paragraph.repeat(20_000));
    let story = Story::new(&article, BASE_FACTS.split("quotes:").next().unwrap_or(""));
    timed(&story, Duration::from_secs(60)).assert_ok();

    let people = 2_000;
    let mut article = ARTICLE_HEAD.to_owned();
    let mut facts = String::from("people:\n");
    for i in 0..people {
        article.push_str(&format!(
            "Person{i} Surname{i} said words number {i} today.\n\n"
        ));
        facts.push_str(&format!(
            "  - id: p{i}\n    name: Person{i} Surname{i}\n    role: Role\n    group: G{}\n",
            i % 20
        ));
    }
    facts.push_str("quotes:\n");
    for i in 0..people {
        facts.push_str(&format!(
            "  - speaker: p{i}\n    text: words number {i} today\n"
        ));
    }
    facts.push_str("timeline:\n");
    for i in 0..people {
        facts.push_str(&format!(
            "  - date: {}-{:02}\n    title: Event {i}\n    people: [p{i}, p{}]\n",
            1900 + i % 120,
            1 + i % 12,
            (i + 1) % people
        ));
    }
    let story = Story::new(&article, &facts);
    let run = timed(&story, Duration::from_secs(60));
    run.assert_ok();
    assert!(
        run.stderr
            .contains("2000 people, 2000 quotes, 2000 timeline events"),
        "{}",
        run.stderr
    );
}

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
