//! "What we know" and "What we don't know yet" (`known:`, `unknown:`):
//! items with stable ids that the record treats as it treats quotes and
//! events, and an unknown that becomes known moves with its key kept.

use serde_json::Value;

use crate::common::broken::{Case, FACTS, every_case_fails_keeping_output};
use crate::common::{Story, between, facts_json, with_update};

/// The base story with two known items and two unknown ones, one of each
/// with an id of its own.
fn with_knowledge() -> Story {
    let story = Story::base();
    story.append(
        "content/facts.yaml",
        "known:
  - The lining was **never tested**, the engineers say.
  - id: warnings
    text: The engineers warned the council twice.
unknown:
  - id: reopening
    text: When the tunnel will reopen.
  - Who approved the lining.
",
    );
    story
}

/// The ids of a list of facts.json, in order.
fn ids(facts: &Value, list: &str) -> Vec<String> {
    facts[list]
        .as_array()
        .unwrap_or_else(|| panic!("facts.json has `{list}`"))
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn both_lists_are_at_the_top_of_the_page_each_item_at_a_stable_id() {
    let story = with_knowledge();
    story.build().assert_ok();
    let page = story.page();
    let header = between(&page, "<header", "</header>");
    let known = between(header, "<section class=\"takeaways known\"", "</section>");
    assert!(known.contains("<h2 id=\"known-title\">What we know</h2>"));
    assert!(
        known.contains("<li id=\"known-the-lining-was\">The lining was <strong>never tested</strong>, the engineers say.</li>"),
        "{known}"
    );
    assert!(known.contains("<li id=\"known-warnings\">"));
    let unknown = between(header, "<section class=\"takeaways unknown\"", "</section>");
    assert!(unknown.contains("What we don’t know yet"));
    assert!(unknown.contains("<li id=\"unknown-reopening\">When the tunnel will reopen.</li>"));
    assert!(unknown.contains("<li id=\"unknown-who-approved-the\">"));

    let facts = facts_json(&story);
    assert_eq!(
        ids(&facts, "known"),
        ["known-the-lining-was", "known-warnings"]
    );
    assert_eq!(
        ids(&facts, "unknown"),
        ["unknown-reopening", "unknown-who-approved-the"]
    );
    assert_eq!(
        facts["known"][0]["text"],
        "The lining was **never tested**, the engineers say."
    );

    // A rebuild gives the same ids, and one without the lists shows neither
    // heading.
    story.build().assert_ok();
    assert_eq!(story.page(), page);
    let plain = Story::base();
    plain.build().assert_ok();
    assert!(!plain.page().contains("What we know"));
    assert!(facts_json(&plain).get("known").is_none());
}

#[test]
fn an_unknown_that_becomes_known_moves_with_its_key_and_its_old_anchor() {
    let story = with_knowledge();
    story.build().assert_ok();
    story.edit(
        "content/facts.yaml",
        "unknown:\n  - id: reopening\n    text: When the tunnel will reopen.\n",
        "  - id: reopening\n    text: The tunnel reopens on 1 March.\nunknown:\n",
    );
    with_update(&story, "2025-11-21T09:00:00Z");
    story.build().assert_ok();

    let facts = facts_json(&story);
    assert_eq!(
        ids(&facts, "known"),
        ["known-the-lining-was", "known-warnings", "known-reopening"]
    );
    assert_eq!(ids(&facts, "unknown"), ["unknown-who-approved-the"]);
    let moved = &facts["known"][2];
    assert_eq!(moved["was"], "unknown-reopening");
    assert_eq!(moved["change"]["kind"], "changed");
    assert_eq!(
        moved["change"]["before"]["text"],
        "When the tunnel will reopen."
    );
    assert_eq!(moved["change"]["before"]["by"], "unknown");
    assert_eq!(
        facts["removed"].as_array().map(Vec::len),
        Some(0),
        "a move is not a removal: {}",
        facts["removed"]
    );

    let page = story.page();
    let item = between(&page, "<li id=\"known-reopening\">", "</li>");
    // A link shared to the old place still lands on the item.
    assert!(
        item.contains("<span id=\"unknown-reopening\"></span>"),
        "{item}"
    );
    assert!(item.contains("Now known"), "{item}");
    assert!(item.contains("The tunnel reopens on 1 March."));

    let record = story.read("public/changes.html");
    let entry = between(&record, "entry-now_known", "</li>");
    assert!(entry.contains("Now known"), "{entry}");
    assert!(
        entry.contains(">The tunnel reopens on 1 March.</a> (What we know)"),
        "{entry}"
    );
    assert!(
        entry.contains("When the tunnel will reopen. (What we don’t know yet)"),
        "{entry}"
    );
    assert!(!record.contains("entry-removed"), "nothing was removed");

    // A later edition still answers the old anchor, and the mark is gone.
    with_update(&story, "2025-11-22T09:00:00Z");
    story.build().assert_ok();
    let facts = facts_json(&story);
    assert_eq!(facts["known"][2]["was"], "unknown-reopening");
    assert!(facts["known"][2]["change"].is_null());
    assert!(
        story
            .page()
            .contains("<span id=\"unknown-reopening\"></span>")
    );
}

#[test]
fn an_item_removed_is_recorded_and_a_correction_may_name_one() {
    let story = with_knowledge();
    story.build().assert_ok();
    story.edit(
        "content/facts.yaml",
        "  - Who approved the lining.\n",
        "corrections:\n  - at: 2025-11-21T09:00:00Z\n    text: The engineers warned the council twice, not three times.\n    item: known-warnings\n",
    );
    story.build().assert_ok();

    let facts = facts_json(&story);
    let removed = &facts["removed"][0];
    assert_eq!(removed["id"], "unknown-who-approved-the");
    assert_eq!(removed["kind"], "finding");
    assert_eq!(removed["words"]["by"], "unknown");
    let record = story.read("public/changes.html");
    let entry = between(&record, "entry-removed", "</li>");
    assert!(entry.contains("Who approved the lining."), "{entry}");
    assert!(entry.contains(" (What we don’t know yet)"), "{entry}");

    let page = story.page();
    let item = between(&page, "<li id=\"known-warnings\">", "</li>");
    assert!(item.contains("Corrected"), "{item}");
    assert!(
        item.contains("not three times"),
        "the correction's note: {item}"
    );
    assert_eq!(facts["known"][1]["change"]["kind"], "corrected");
}

#[test]
fn broken_lists_are_located_errors() {
    let tail = "timeline:\n";
    every_case_fails_keeping_output(&[
        Case {
            name: "an id in both lists",
            file: FACTS,
            from: tail,
            to: "known:\n  - id: vote\n    text: The council voted.\nunknown:\n  - id: vote\n    text: How the council voted.\ntimeline:\n",
            expect: &[
                "facts.yaml:21:9",
                "the id `vote` is used twice in `known` and `unknown`",
                "first used on line 18, in `known`",
            ],
        },
        Case {
            name: "an item without its text",
            file: FACTS,
            from: tail,
            to: "unknown:\n  - id: vote\ntimeline:\n",
            expect: &["facts.yaml:18:5", "`text`"],
        },
        Case {
            name: "an id that is no slug",
            file: FACTS,
            from: tail,
            to: "known:\n  - id: The Vote\n    text: The council voted.\ntimeline:\n",
            expect: &[
                "facts.yaml:18:9",
                "`The Vote` is not a valid id",
                "the-vote",
            ],
        },
        Case {
            name: "a number for an item",
            file: FACTS,
            from: tail,
            to: "known:\n  - 42\ntimeline:\n",
            expect: &["facts.yaml:18:5", "an item of `known`"],
        },
        Case {
            name: "a correction naming an item that is not there",
            file: FACTS,
            from: tail,
            to: "known:\n  - id: vote\n    text: The council voted.\ncorrections:\n  - at: 2025-11-21T09:00:00Z\n    text: Fixed.\n    item: known-voet\ntimeline:\n",
            expect: &[
                "facts.yaml:23:11",
                "no item has the id `known-voet`",
                "known-vote",
            ],
        },
    ]);
}
