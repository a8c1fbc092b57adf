//! A developing story says so where search engines and readers look: the
//! JSON-LD is a `LiveBlogPosting` with one `liveBlogUpdate` per update
//! until `final` is set, then a `NewsArticle` with its `coverageEndTime`;
//! key events are listed above the article and tagged in the feed, and
//! corrections are marked as corrections there.

use crate::common::{Story, between, json_ld};

const BASE: &str = "https://news.example/tunnel/";

/// The base story with three updates (the middle one a key event) and a
/// correction.
fn developing() -> Story {
    let story = Story::base();
    let facts = story.read("content/facts.yaml");
    story.write(
        "content/facts.yaml",
        format!(
            "{facts}updates:
  - at: 2025-11-21T09:00:00Z
    text: Adds the engineers' *second* warning.
  - at: 2025-11-22T15:30:00+01:00
    text: The council orders the tunnel closed.
    key: true
  - at: 2025-11-23T08:00:00Z
    text: The mayor resigns.
    key: true
corrections:
  - at: 2025-11-23T10:00:00Z
    text: An earlier version misspelled Okafor.
"
        )
        .as_bytes(),
    );
    story
}

#[test]
fn a_developing_story_is_a_live_blog_with_one_update_per_entry_each_at_its_anchor() {
    let story = developing();
    story.build_at(BASE).assert_ok();
    let page = story.page();
    let ld = json_ld(&page);
    assert_eq!(ld["@type"], "LiveBlogPosting");
    assert_eq!(ld["coverageStartTime"], "2025-11-20");
    assert_eq!(ld["datePublished"], "2025-11-20");
    assert!(ld.get("coverageEndTime").is_none());
    assert_eq!(ld["headline"], "The tunnel inquiry");
    let updates = ld["liveBlogUpdate"].as_array().expect("liveBlogUpdate");
    assert_eq!(updates.len(), 3, "one per entry of `updates`: {updates:?}");
    // Newest first, as the page lists them; the text as plain words.
    assert_eq!(updates[0]["@type"], "BlogPosting");
    assert_eq!(updates[0]["articleBody"], "The mayor resigns.");
    assert_eq!(updates[0]["headline"], "The mayor resigns.");
    assert_eq!(updates[1]["datePublished"], "2025-11-22T15:30:00+01:00");
    assert_eq!(
        updates[2]["articleBody"],
        "Adds the engineers' second warning."
    );
    for update in updates {
        let url = update["url"].as_str().expect("each update has its url");
        let anchor = url.strip_prefix(&format!("{BASE}#")).expect("on the page");
        assert!(
            page.contains(&format!("<li id=\"{anchor}\"")),
            "{anchor} is an element of the page"
        );
    }
    // Corrections stay corrections, not live updates.
    assert_eq!(ld["correction"][0]["@type"], "CorrectionComment");
    assert!(!page.contains("no longer being updated"));
}

#[test]
fn without_a_base_url_the_updates_have_no_address_but_are_still_there() {
    let story = developing();
    story.build().assert_ok();
    let ld = json_ld(&story.page());
    let updates = ld["liveBlogUpdate"].as_array().unwrap();
    assert_eq!(updates.len(), 3);
    assert!(updates.iter().all(|u| u.get("url").is_none()));
}

#[test]
fn a_final_story_is_a_news_article_with_its_end_and_says_so_on_the_page() {
    let story = developing();
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]",
        "authors: [Ada Byrne]\nfinal: 2025-11-24T12:00:00Z",
    );
    story.build_at(BASE).assert_ok();
    let page = story.page();
    let ld = json_ld(&page);
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["coverageEndTime"], "2025-11-24T12:00:00Z");
    assert!(ld.get("liveBlogUpdate").is_none());
    assert!(ld.get("coverageStartTime").is_none());
    let header = between(&page, "<header", "</header>");
    assert!(
        header.contains("This explainer is no longer being updated (last updated <time datetime=\"2025-11-24T12:00:00Z\">"),
        "{header}"
    );
}

#[test]
fn key_events_are_listed_above_the_article_newest_first_each_linking_to_its_update() {
    let story = developing();
    story.build().assert_ok();
    let page = story.page();
    let key = between(
        &page,
        "<section class=\"takeaways key-events\"",
        "</section>",
    );
    assert!(key.contains(">Key events</h2>"), "{key}");
    let resigns = key
        .find("The mayor resigns.")
        .expect("the newest key event");
    let closed = key
        .find("The council orders the tunnel closed.")
        .expect("the older key event");
    assert!(resigns < closed, "newest first: {key}");
    assert!(!key.contains("second"), "an update that is not key: {key}");
    assert!(
        key.contains(
            "<a href=\"#update-20251123T080000Z\"><time datetime=\"2025-11-23T08:00:00Z\">"
        )
    );
    assert!(page.contains("<li id=\"update-20251123T080000Z\""));
    // Above the article.
    assert!(page.find("key-events").unwrap() < page.find("<article").unwrap());
}

#[test]
fn without_key_events_there_is_no_block() {
    let story = Story::base();
    story.build().assert_ok();
    assert!(!story.page().contains("key-events"));
}

#[test]
fn the_feed_tags_key_events_and_names_corrections() {
    let story = developing();
    story.build_at(BASE).assert_ok();
    let feed = story.read("public/feed.xml");
    let entry = |id: &str| {
        let start = feed
            .find(&format!("<id>{BASE}#{id}</id>"))
            .unwrap_or_else(|| panic!("no entry {id} in {feed}"));
        let end = start + feed[start..].find("</entry>").unwrap();
        feed[start..end].to_owned()
    };
    let key = entry("update-20251123T080000Z");
    assert!(
        key.contains("<category term=\"key\" label=\"Key event\"/>"),
        "{key}"
    );
    let plain = entry("update-20251121T090000Z");
    assert!(!plain.contains("<category"), "{plain}");
    let correction = entry("correction-20251123T100000Z");
    assert!(
        correction.contains("<category term=\"correction\" label=\"Correction\"/>"),
        "{correction}"
    );
    assert!(
        correction.contains("<title>Correction: An earlier version misspelled Okafor.</title>"),
        "{correction}"
    );
}

#[test]
fn the_feed_labels_its_categories_in_the_page_language() {
    let story = developing();
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]",
        "authors: [Ada Byrne]\nlang: fr",
    );
    story.build_at(BASE).assert_ok();
    let feed = story.read("public/feed.xml");
    assert!(
        feed.contains("<category term=\"key\" label=\"Fait marquant\"/>"),
        "{feed}"
    );
    assert!(feed.contains("<title>Rectificatif"), "{feed}");
    assert!(story.page().contains(">Les faits marquants</h2>"));
}

#[test]
fn a_key_that_is_not_true_or_false_is_a_located_error() {
    let story = developing();
    story.edit("content/facts.yaml", "key: true", "key: yes please");
    story.build().assert_fails_with(&[
        "content/facts.yaml:",
        "`key` must be true or false, found text",
        "write `key: true` or leave the line out",
    ]);
}

#[test]
fn a_key_event_written_in_archieml_is_one_too() {
    let story = Story::base();
    std::fs::remove_file(story.root().join("content/facts.yaml")).unwrap();
    story.write(
        "content/facts.aml",
        "[people]\nid: tomas-berg\nname: Tomas Berg\nrole: Mayor\ngroup: Council\n\nid: lena-okafor\nname: Lena Okafor\nrole: Engineer\ngroup: Engineers\n[]\n\n[updates]\nat: 2025-11-21T09:00:00Z\ntext: The mayor resigns.\nkey: true\n[]\n"
            .as_bytes(),
    );
    story.build().assert_ok();
    let page = story.page();
    let key = between(
        &page,
        "<section class=\"takeaways key-events\"",
        "</section>",
    );
    assert!(key.contains("The mayor resigns."), "{key}");
}

/// The final story CI hands to the structured data checkers
/// (`tests/fixtures/final`): a NewsArticle with all Google asks of one, a
/// publisher with its logo included.
#[test]
fn the_final_fixture_is_a_news_article_with_its_publisher_s_logo() {
    let story = Story::copy_of("tests/fixtures/final");
    story.build_at(BASE).assert_ok();
    let ld = json_ld(&story.page());
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["coverageEndTime"], "2025-12-01T18:00:00+01:00");
    for key in [
        "author",
        "datePublished",
        "dateModified",
        "headline",
        "image",
        "mainEntityOfPage",
    ] {
        assert!(ld.get(key).is_some(), "no `{key}` in {ld}");
    }
    assert_eq!(ld["publisher"]["@type"], "Organization");
    assert_eq!(ld["publisher"]["name"], "Harbour Wire");
    assert!(
        ld["publisher"]["logo"]["url"]
            .as_str()
            .unwrap()
            .ends_with("favicon.svg")
    );
}
