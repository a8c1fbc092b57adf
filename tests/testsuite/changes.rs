//! What a build marks as new or changed since the last one: facts.json
//! keeps the last build's facts, the page, `facts.json` and the feed carry
//! the marks, `--previous` names another build's facts, and a damaged
//! `facts.json` in the output costs only the marks.

use serde_json::Value;

use crate::common::{Story, between, facts_json, run, with_update};

/// The ids of the marked items of one kind, with the mark's kind.
fn marked(facts: &Value, kind: &str) -> Vec<(String, String)> {
    facts[kind]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| !item["change"].is_null())
        .map(|item| {
            (
                item["id"].as_str().unwrap().to_owned(),
                item["change"]["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_second_build_marks_exactly_what_was_added_or_changed() {
    let story = Story::base();
    story.build().assert_ok();
    assert!(
        !story.page().contains("badge-new"),
        "a first build has nothing to compare with"
    );

    story.edit(
        "content/article.md",
        "We warned them twice.”",
        "We warned them twice.”\n\nBerg later said: “We will review the tests.”",
    );
    story.edit(
        "content/facts.yaml",
        "timeline:",
        "  - speaker: tomas-berg\n    text: We will review the tests.\ntimeline:",
    );
    story.edit(
        "content/facts.yaml",
        "role: Engineer",
        "role: Chief engineer",
    );
    story.edit(
        "content/facts.yaml",
        "  - date: 2019",
        "  - date: 2025-11-19\n    title: Lining tests ordered\n  - date: 2019",
    );
    with_update(&story, "2025-11-21T09:00:00Z");
    story.build().assert_ok();

    let facts = facts_json(&story);
    assert_eq!(
        marked(&facts, "people"),
        [("lena-okafor".into(), "changed".into())]
    );
    assert_eq!(
        marked(&facts, "quotes"),
        [("quote-we-will-review".into(), "new".into())]
    );
    assert_eq!(
        marked(&facts, "timeline"),
        [("event-lining-tests-ordered".into(), "new".into())]
    );
    let page = story.page();
    assert_eq!(page.matches("class=\"badge badge-new\"").count(), 3);
    let quote = between(&page, "<li id=\"quote-we-will-review\"", "</li>");
    assert!(quote.contains(
        "<span class=\"badge badge-new\">New</span> <a href=\"#update-20251121T090000Z\">\
         <time datetime=\"2025-11-21T09:00:00Z\">21 November 2025 at 09:00 GMT+0</time></a>"
    ));
    assert!(between(&page, "id=\"person-lena-okafor\"", "</li>").contains(">Updated</span>"));

    // Building again with nothing new keeps the page as it is: the marks
    // belong to the edition, not to the build.
    let before = std::fs::read(story.output().join("index.html")).unwrap();
    story.build().assert_ok();
    assert_eq!(
        std::fs::read(story.output().join("index.html")).unwrap(),
        before
    );

    // A new edition starts clean: only what changed with it is marked. A
    // retitled event is the same event, changed, and keeps its id.
    story.edit(
        "content/facts.yaml",
        "title: Council meeting",
        "title: Council vote",
    );
    with_update(&story, "2025-11-22T09:00:00Z");
    story.build().assert_ok();
    let facts = facts_json(&story);
    assert!(marked(&facts, "people").is_empty());
    assert!(marked(&facts, "quotes").is_empty());
    assert_eq!(
        marked(&facts, "timeline"),
        [("event-council-meeting".into(), "changed".into())]
    );
    let page = story.page();
    assert!(between(&page, "id=\"event-council-meeting\"", "</li>").contains(">Updated</span>"));
}

#[test]
fn previous_facts_can_be_named_and_must_then_exist() {
    let story = Story::base();
    story.build().assert_ok();
    let previous = story.root().join("published-facts.json");
    std::fs::copy(story.output().join("facts.json"), &previous).unwrap();
    std::fs::remove_dir_all(story.output()).unwrap();

    story.edit("content/facts.yaml", "role: Mayor", "role: Former mayor");
    let root = story.root().to_str().unwrap();
    let built = run(&[
        "build",
        "--root",
        root,
        "--previous",
        previous.to_str().unwrap(),
    ]);
    built.assert_ok();
    assert_eq!(
        marked(&facts_json(&story), "people"),
        [("tomas-berg".into(), "changed".into())]
    );

    let missing = run(&[
        "build",
        "--root",
        root,
        "--previous",
        "/nonexistent/facts.json",
    ]);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(missing.stderr.contains("/nonexistent/facts.json"));

    std::fs::write(&previous, "{\n  \"format\": 3,\n}").unwrap();
    let broken = run(&[
        "build",
        "--root",
        root,
        "--previous",
        previous.to_str().unwrap(),
    ]);
    assert_eq!(broken.code, 1);
    assert!(
        broken.stderr.contains("published-facts.json:2:"),
        "{}",
        broken.stderr
    );
}

#[test]
fn a_damaged_facts_json_in_the_output_costs_only_the_marks() {
    let story = Story::base();
    story.build().assert_ok();
    std::fs::write(story.output().join("facts.json"), "not json").unwrap();
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("warning: cannot read the previous facts")
    );
    assert!(!story.page().contains("badge-new"));
}
