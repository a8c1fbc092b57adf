//! Who stands behind the story and how it was reported: the publisher's
//! policy pages (the Trust Project's indicators) in the JSON-LD and the
//! footer, trust.txt, the backstory, the dateline, and authors with their
//! pages and handles.

use serde_json::Value;

use crate::common::{Story, between, json_ld};

const PUBLISHER: &str = "publisher:
  name: Harbour Wire
  url: https://example.org/harbour-wire/
  policies:
    corrections: https://example.org/harbour-wire/corrections
    ethics: https://example.org/harbour-wire/ethics
    fact_checking: https://example.org/harbour-wire/checking
  social: [https://example.social/@harbourwire, https://video.example/harbourwire]
  contact: https://example.org/harbour-wire/contact
dateline: HARBOUR CITY
backstory: Our reporters read the council's *minutes* and spoke to [both engineers](https://example.org/notes).";

fn with_publisher() -> Story {
    let story = Story::base();
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]",
        &format!(
            "authors:\n  - name: Ada Byrne\n    url: https://example.org/harbour-wire/ada\n    same_as: [https://example.social/@ada]\n    fediverse: \"@ada@example.social\"\n  - Ben Cole\n{PUBLISHER}"
        ),
    );
    story
}

#[test]
fn policies_go_into_the_publisher_and_the_footer() {
    let story = with_publisher();
    story.build().assert_ok();
    let page = story.page();
    let publisher = &json_ld(&page)["publisher"];
    assert_eq!(publisher["name"], "Harbour Wire");
    assert_eq!(
        publisher["correctionsPolicy"],
        "https://example.org/harbour-wire/corrections"
    );
    assert_eq!(
        publisher["ethicsPolicy"],
        "https://example.org/harbour-wire/ethics"
    );
    assert_eq!(
        publisher["verificationFactCheckingPolicy"],
        "https://example.org/harbour-wire/checking"
    );
    // The ethics policy is the first choice for the principles.
    assert_eq!(
        publisher["publishingPrinciples"],
        "https://example.org/harbour-wire/ethics"
    );
    assert!(publisher.get("masthead").is_none());
    assert_eq!(
        publisher["sameAs"][0],
        "https://example.social/@harbourwire"
    );
    let footer = between(&page, "<footer", "</footer>");
    assert!(
        footer.contains(
            "Our standards: <a href=\"https://example.org/harbour-wire/corrections\">Corrections</a> · <a href=\"https://example.org/harbour-wire/ethics\">Ethics</a> · <a href=\"https://example.org/harbour-wire/checking\">Fact-checking</a>"
        ),
        "{footer}"
    );
}

#[test]
fn without_ethics_the_corrections_policy_is_the_principles() {
    let story = with_publisher();
    story.edit(
        "content/article.md",
        "    ethics: https://example.org/harbour-wire/ethics\n",
        "",
    );
    story.build().assert_ok();
    let publisher = &json_ld(&story.page())["publisher"];
    assert_eq!(
        publisher["publishingPrinciples"],
        "https://example.org/harbour-wire/corrections"
    );
}

#[test]
fn trust_txt_lists_the_accounts_and_contact_and_only_when_given() {
    let story = with_publisher();
    story.build().assert_ok();
    assert_eq!(
        story.read("public/trust.txt"),
        "# trust.txt for Harbour Wire\nsocial=https://example.social/@harbourwire\nsocial=https://video.example/harbourwire\ncontact=https://example.org/harbour-wire/contact\n"
    );
    let plain = Story::base();
    plain.build().assert_ok();
    assert!(!plain.output().join("trust.txt").exists());
}

#[test]
fn the_backstory_and_dateline_are_on_the_page_and_in_the_json_ld() {
    let story = with_publisher();
    story.build().assert_ok();
    let page = story.page();
    let article = between(&page, "<article", "</article>");
    let dateline = article
        .find("<p class=\"dateline\">HARBOUR CITY</p>")
        .expect("dateline");
    assert!(
        dateline < article.find("Mayor").unwrap(),
        "before the report"
    );
    assert!(article.contains("<h3 id=\"backstory-title\">How we reported this</h3>"));
    assert!(article.contains(
        "<p>Our reporters read the council's <em>minutes</em> and spoke to <a href=\"https://example.org/notes\">both engineers</a>.</p>"
    ));
    let ld = json_ld(&page);
    assert_eq!(
        ld["backstory"],
        "Our reporters read the council's minutes and spoke to both engineers."
    );
    assert_eq!(ld["dateline"], "HARBOUR CITY");
}

#[test]
fn an_author_mapping_gives_a_linked_byline_their_profiles_and_handle() {
    let story = with_publisher();
    story.build().assert_ok();
    let page = story.page();
    assert!(page.contains("<meta name=\"fediverse:creator\" content=\"@ada@example.social\">"));
    let header = between(&page, "<header", "</header>");
    assert!(
        header.contains(
            "<span class=\"byline\">By <a href=\"https://example.org/harbour-wire/ada\">Ada Byrne</a> and Ben Cole</span>"
        ),
        "{header}"
    );
    let authors = &json_ld(&page)["author"];
    assert_eq!(authors[0]["url"], "https://example.org/harbour-wire/ada");
    assert_eq!(authors[0]["sameAs"][0], "https://example.social/@ada");
    assert_eq!(authors[1]["name"], "Ben Cole");
    assert!(authors[1].get("url").is_none());
}

#[test]
fn bad_newsroom_fields_are_located_errors_with_what_to_write() {
    let story = with_publisher();
    story.edit(
        "content/article.md",
        "corrections: https://example.org/harbour-wire/corrections",
        "corrections: /corrections",
    );
    story.edit(
        "content/article.md",
        "fediverse: \"@ada@example.social\"",
        "fediverse: \"ada@example.social\"",
    );
    story.edit("content/article.md", "fact_checking:", "factchecking:");
    story.build().assert_fails_with(&[
        "content/article.md:15:18",
        "`policies.corrections` must be a whole web address",
        "e.g. `https://example.org/`",
        "content/article.md:9:16",
        "`fediverse` must be a handle of the form `@user@host`",
        "content/article.md:17:5",
        "unknown field `factchecking` in `publisher.policies`",
        "did you mean `fact_checking`?",
    ]);
}

#[test]
fn a_backstory_without_a_publisher_is_an_error() {
    let story = Story::base();
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]",
        "authors: [Ada Byrne]\nbackstory: We read the minutes.",
    );
    story.build().assert_fails_with(&[
        "content/article.md:6:12",
        "`backstory` says how the newsroom reported the story, but the front matter names no `publisher`",
        "add `publisher:",
    ]);
}

#[test]
fn every_policy_has_its_schema_property() {
    let story = Story::base();
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]",
        "authors: [Ada Byrne]
publisher:
  name: Harbour Wire
  policies:
    corrections: https://e.org/c
    ethics: https://e.org/e
    masthead: https://e.org/m
    feedback: https://e.org/f
    ownership: https://e.org/o
    diversity: https://e.org/d
    fact_checking: https://e.org/v
  disclosure: https://e.org/disclosure",
    );
    story.build().assert_ok();
    let page = story.page();
    let publisher = &json_ld(&page)["publisher"];
    for (property, url) in [
        ("correctionsPolicy", "https://e.org/c"),
        ("ethicsPolicy", "https://e.org/e"),
        ("masthead", "https://e.org/m"),
        ("actionableFeedbackPolicy", "https://e.org/f"),
        ("ownershipFundingInfo", "https://e.org/o"),
        ("diversityPolicy", "https://e.org/d"),
        ("verificationFactCheckingPolicy", "https://e.org/v"),
    ] {
        assert_eq!(publisher[property], url, "{property}");
    }
    let footer = between(&page, "<footer", "</footer>");
    for label in ["Masthead", "Feedback", "Ownership and funding", "Diversity"] {
        assert!(
            footer.contains(&format!(">{label}</a>")),
            "{label}: {footer}"
        );
    }
    assert_eq!(
        story.read("public/trust.txt"),
        "# trust.txt for Harbour Wire\ndisclosure=https://e.org/disclosure\n"
    );
}

#[test]
fn facts_json_carries_the_byline_publisher_dateline_backstory_takeaways_and_groups() {
    let story = with_publisher();
    let facts = story.read("content/facts.yaml");
    story.write(
        "content/facts.yaml",
        format!("{facts}takeaways: [The lining was never tested.]\n").as_bytes(),
    );
    story.build().assert_ok();
    let facts: Value = serde_json::from_str(&story.read("public/facts.json")).unwrap();
    let article = &facts["article"];
    assert_eq!(article["authors"][0]["name"], "Ada Byrne");
    assert_eq!(
        article["authors"][0]["url"],
        "https://example.org/harbour-wire/ada"
    );
    assert_eq!(article["authors"][1]["url"], Value::Null);
    assert_eq!(article["publisher"]["name"], "Harbour Wire");
    assert_eq!(
        article["publisher"]["url"],
        "https://example.org/harbour-wire/"
    );
    assert_eq!(article["dateline"], "HARBOUR CITY");
    assert!(article["backstory"].as_str().unwrap().contains("*minutes*"));
    assert_eq!(facts["takeaways"][0], "The lining was never tested.");
    assert_eq!(facts["groups"], serde_json::json!(["Council", "Engineers"]));
}
