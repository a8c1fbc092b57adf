//! A developing story readers can trust: links that stay put from one
//! edition to the next, corrections shown where readers look, removals on
//! the record, and every past edition readable from the story's git history.

use crate::common::{BASE_ARTICLE, BASE_FACTS, Story, between, run};
use serde_json::Value;

const BASE: &str = "https://news.example/tunnel/";

fn facts_json(story: &Story) -> Value {
    serde_json::from_str(&story.read("public/facts.json")).expect("facts.json is JSON")
}

/// Each quote's text and element id, in facts.yaml order.
fn quote_ids(story: &Story) -> Vec<(String, String)> {
    facts_json(story)["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["text"].as_str().unwrap().to_owned(),
                q["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn event_ids(story: &Story) -> Vec<(String, String)> {
    facts_json(story)["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["title"].as_str().unwrap().to_owned(),
                e["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn id_of(ids: &[(String, String)], words: &str) -> String {
    ids.iter()
        .find(|(w, _)| w == words)
        .unwrap_or_else(|| panic!("no item `{words}` in {ids:?}"))
        .1
        .clone()
}

fn append(story: &Story, relative: &str, text: &str) {
    let mut all = story.read(relative);
    all.push_str(text);
    story.write(relative, all.as_bytes());
}

fn build_with_base(story: &Story) -> crate::common::Run {
    let run = run(&[
        "build",
        "--root",
        story.root().to_str().unwrap(),
        "--base-url",
        BASE,
    ]);
    run.assert_ok();
    run
}

#[test]
fn a_quote_inserted_at_the_top_moves_no_other_link() {
    let story = Story::base();
    story.build().assert_ok();
    let before = quote_ids(&story);
    story.edit(
        "content/article.md",
        "Mayor Tomas Berg",
        "Berg opened: “We will answer every question.”\n\nMayor Tomas Berg",
    );
    story.edit(
        "content/facts.yaml",
        "quotes:\n",
        "quotes:\n  - speaker: tomas-berg\n    text: We will answer every question.\n",
    );
    story.build().assert_ok();
    let after = quote_ids(&story);
    for (words, id) in &before {
        assert_eq!(&id_of(&after, words), id, "`{words}` kept its link");
        assert!(story.page().contains(&format!("id=\"{id}\"")));
    }
    let new = id_of(&after, "We will answer every question.");
    assert!(before.iter().all(|(_, id)| *id != new), "{new} is new");
}

#[test]
fn ids_published_by_position_carry_forward() {
    // Facts as a build before stable ids wrote them: quotes and events
    // numbered by their place in the file.
    let story = Story::base();
    story.build().assert_ok();
    let mut old = facts_json(&story);
    for (kind, prefix) in [("quotes", "quote"), ("timeline", "event")] {
        for (n, item) in old[kind].as_array_mut().unwrap().iter_mut().enumerate() {
            item["id"] = Value::String(format!("{prefix}-{}", n + 1));
        }
    }
    let previous = story.root().join("published-facts.json");
    std::fs::write(&previous, old.to_string()).unwrap();
    // Readers shared `#quote-2`; a quote is then added above it.
    story.edit(
        "content/facts.yaml",
        "quotes:\n",
        "quotes:\n  - speaker: tomas-berg\n    text: safe\n",
    );
    run(&[
        "build",
        "--root",
        story.root().to_str().unwrap(),
        "--previous",
        previous.to_str().unwrap(),
    ])
    .assert_ok();
    let ids = quote_ids(&story);
    assert_eq!(id_of(&ids, "safe and on budget"), "quote-1");
    assert_eq!(id_of(&ids, "The lining was never tested."), "quote-2");
    assert_eq!(id_of(&ids, "safe"), "quote-safe");
    assert_eq!(id_of(&event_ids(&story), "Tunnel approved"), "event-2");
    let page = story.page();
    assert!(between(&page, "<li id=\"quote-2\"", "</li>").contains("The lining was never tested."));
}

#[test]
fn a_removed_event_moves_no_link_and_is_on_the_record() {
    let story = Story::base();
    story.build().assert_ok();
    let before = event_ids(&story);
    let removed = id_of(&before, "Council meeting");
    story.edit(
        "content/facts.yaml",
        "  - date: 2024-03-02\n    title: Council meeting\n    people: [tomas-berg]\n",
        "",
    );
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(&format!(
            "`{removed}` (“Council meeting”) was removed without a correction or an update"
        )),
        "{}",
        run.stderr
    );
    let after = event_ids(&story);
    assert_eq!(
        id_of(&after, "Tunnel approved"),
        id_of(&before, "Tunnel approved")
    );
    assert!(!story.page().contains(&format!("id=\"{removed}\"")));
    let changes = story.read("public/changes.html");
    let entry = between(&changes, "entry-removed", "</li>");
    assert!(entry.contains("Removed"), "{entry}");
    assert!(entry.contains("Council meeting"), "{entry}");
    assert_eq!(facts_json(&story)["removed"][0]["id"], removed.as_str());

    // An update that says so quiets the warning.
    append(
        &story,
        "content/facts.yaml",
        "updates:\n  - at: 2025-11-21T09:00:00Z\n    text: Removes the council meeting, which was in 2023.\n",
    );
    let run = story.build();
    run.assert_ok();
    assert!(!run.stderr.contains("was removed"), "{}", run.stderr);
}

const CORRECTION: &str = "corrections:
  - at: 2025-11-21T10:00:00Z
    text: An earlier version gave the quote as “safe and under budget”.
    item: QUOTE
";

#[test]
fn a_correction_shows_on_its_item_in_json_ld_the_feed_and_facts_json() {
    let story = Story::base();
    story.build().assert_ok();
    let quote = id_of(&quote_ids(&story), "safe and on budget");
    append(
        &story,
        "content/facts.yaml",
        &CORRECTION.replace("QUOTE", &quote),
    );
    build_with_base(&story);
    let page = story.page();

    let item = between(&page, &format!("<li id=\"{quote}\""), "</li>\n");
    assert!(item.contains(">Corrected</span>"), "{item}");
    assert!(!item.contains(">New</span>"));
    assert!(
        item.contains(
            "<p class=\"correction-note\"><strong>Correction</strong>, \
             <a href=\"#correction-20251121T100000Z\"><time datetime=\"2025-11-21T10:00:00Z\">\
             21 November 2025, 10:00 UTC</time></a>: An earlier version gave the quote as \
             “safe and under budget”.</p>"
        ),
        "{item}"
    );
    let updates = between(&page, "id=\"updates\"", "</section>");
    let listed = between(updates, "id=\"correction-20251121T100000Z\"", "</li>");
    assert!(listed.contains("class=\"correction\""), "{listed}");
    assert!(
        listed.contains(&format!("<a href=\"#{quote}\">")),
        "{listed}"
    );
    assert!(updates.contains("href=\"changes.html\""));

    let json_ld: Value = serde_json::from_str(
        &between(&page, "<script type=\"application/ld+json\">", "</script>")
            ["<script type=\"application/ld+json\">".len()..]
            .replace("\\u003c", "<"),
    )
    .unwrap();
    assert_eq!(json_ld["correction"][0]["@type"], "CorrectionComment");
    assert_eq!(
        json_ld["correction"][0]["datePublished"],
        "2025-11-21T10:00:00Z"
    );
    assert!(
        json_ld["correction"][0]["text"]
            .as_str()
            .unwrap()
            .contains("safe and under budget")
    );
    assert_eq!(json_ld["dateModified"], "2025-11-21T10:00:00Z");

    let feed = story.read("public/feed.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entry = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("id") && n.text() == Some(&format!("{BASE}#correction-20251121T100000Z"))
        })
        .expect("the feed has an entry for the correction");
    assert!(entry.parent().unwrap().descendants().any(|n| {
        n.text()
            .is_some_and(|t| t.contains("safe and under budget"))
    }));

    let facts = facts_json(&story);
    assert_eq!(facts["edition"], "2025-11-21T10:00:00Z");
    assert_eq!(facts["corrections"][0]["item"], quote.as_str());
    assert_eq!(facts["corrections"][0]["at"], "2025-11-21T10:00:00Z");
    let marked = facts["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == quote.as_str())
        .unwrap();
    assert_eq!(marked["change"]["kind"], "corrected");
}

#[test]
fn corrected_words_keep_the_link_and_the_record_shows_both() {
    let story = Story::base();
    story.build().assert_ok();
    let quote = id_of(&quote_ids(&story), "The lining was never tested.");
    story.edit(
        "content/article.md",
        "The lining was never tested.",
        "The lining was never load-tested.",
    );
    story.edit(
        "content/facts.yaml",
        "text: The lining was never tested.",
        "text: The lining was never load-tested.",
    );
    append(
        &story,
        "content/facts.yaml",
        &CORRECTION.replace("QUOTE", &quote),
    );
    story.build().assert_ok();
    assert_eq!(
        id_of(&quote_ids(&story), "The lining was never load-tested."),
        quote
    );
    let changes = story.read("public/changes.html");
    let entry = between(&changes, "entry-corrected", "</li>");
    assert!(
        entry.contains("“The lining was never load-tested.”"),
        "{entry}"
    );
    assert!(
        entry.contains("Before: “The lining was never tested.”"),
        "{entry}"
    );
    assert!(
        entry.contains(&format!("href=\"index.html#{quote}\"")),
        "{entry}"
    );
}

#[test]
fn a_correction_naming_nothing_is_an_error_with_a_suggestion() {
    let story = Story::base();
    append(
        &story,
        "content/facts.yaml",
        &CORRECTION.replace("QUOTE", "person-tomas-burg"),
    );
    story.build().assert_fails_with(&[
        "no item has the id `person-tomas-burg`",
        "content/facts.yaml:26:11",
        "did you mean `person-tomas-berg`?",
    ]);
}

#[test]
fn an_items_own_id_is_its_link_and_may_be_used_once() {
    let story = Story::new(
        BASE_ARTICLE,
        &BASE_FACTS.replace(
            "  - speaker: tomas-berg\n",
            "  - id: on-budget\n    speaker: tomas-berg\n",
        ),
    );
    story.build().assert_ok();
    assert!(story.page().contains("<li id=\"quote-on-budget\">"));
    story.edit(
        "content/facts.yaml",
        "  - speaker: lena-okafor\n",
        "  - id: on-budget\n    speaker: lena-okafor\n",
    );
    story.build().assert_fails_with(&[
        "the quote id `on-budget` is used twice",
        "first used on line",
    ]);
    story.edit(
        "content/facts.yaml",
        "id: on-budget\n    speaker: lena",
        "id: On Budget\n    speaker: lena",
    );
    story
        .build()
        .assert_fails_with(&["`On Budget` is not a valid id", "`on-budget`"]);
}

#[test]
fn a_final_story_says_it_is_no_longer_updated() {
    let story = Story::new(
        &BASE_ARTICLE.replace(
            "published: 2025-11-20\n",
            "published: 2025-11-20\nfinal: 2025-12-01T18:00:00Z\n",
        ),
        BASE_FACTS,
    );
    story.build().assert_ok();
    assert!(story.page().contains(
        "This explainer is no longer being updated (last updated <time datetime=\"2025-12-01T18:00:00Z\">1 December 2025, 18:00 UTC</time>)."
    ));
    assert_eq!(
        facts_json(&story)["article"]["final"],
        "2025-12-01T18:00:00Z"
    );
}
