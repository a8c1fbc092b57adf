//! What the build tells machines about the story: the feed, the sitemap,
//! `robots.txt` and the 404 page, the sharing tags and the JSON-LD, and
//! `facts.json` and `timeline.json` with the checked facts.

use serde_json::Value;

use crate::common::{Story, between, facts_json, run, with_update};

const BASE: &str = "https://news.example/riyadh";

fn build_with_base(story: &Story) {
    run(&[
        "build",
        "--root",
        story.root().to_str().unwrap(),
        "--base-url",
        BASE,
    ])
    .assert_ok();
}

#[test]
fn feed_sitemap_robots_and_404_parse_and_use_the_base_url() {
    let story = Story::base();
    with_update(&story, "2025-11-21T09:00:00-05:00");
    build_with_base(&story);

    let feed = story.read("public/feed.xml");
    let feed = roxmltree::Document::parse(&feed).expect("feed.xml is XML");
    let root = feed.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let child = |node: roxmltree::Node<'_, '_>, name: &str| {
        node.children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .map(str::to_owned)
    };
    assert_eq!(
        child(root, "id").as_deref(),
        Some("https://news.example/riyadh/")
    );
    assert_eq!(
        child(root, "updated").as_deref(),
        Some("2025-11-21T14:00:00Z")
    );
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        child(entries[0], "id").as_deref(),
        Some("https://news.example/riyadh/#update-20251121T140000Z")
    );
    assert_eq!(
        child(entries[0], "title").as_deref(),
        Some("More on the lining.")
    );
    assert_eq!(
        child(entries[0], "content").as_deref(),
        Some("<p>More on the lining.</p>")
    );
    let page = story.page();
    assert!(page.contains("<li id=\"update-20251121T140000Z\">"));
    assert!(
        page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.xml\"")
    );

    let sitemap = story.read("public/sitemap.xml");
    let sitemap = roxmltree::Document::parse(&sitemap).expect("sitemap.xml is XML");
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(locs, ["https://news.example/riyadh/"]);

    let robots = story.read("public/robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://news.example/riyadh/sitemap.xml")
    );

    let not_found = story.read("public/404.html");
    assert!(not_found.contains("href=\"https://news.example/riyadh/style.css\""));
    assert!(not_found.contains("<a href=\"https://news.example/riyadh/\">"));
    assert!(story.output().join(".nojekyll").is_file());

    // Links within the page stay relative, so any subpath works.
    assert!(page.contains("<link rel=\"stylesheet\" href=\"style.css\">"));
    assert!(page.contains("<link rel=\"canonical\" href=\"https://news.example/riyadh/\">"));
}

#[test]
fn sharing_tags_and_json_ld_describe_the_article() {
    let story = Story::base();
    story.write("static/photo.jpg", &crate::common::jpeg(300, 200));
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]",
        "authors: [Ada Byrne, Ben Cole]\nphoto:\n  src: photo.jpg\n  alt: The tunnel entrance\npublisher: The Ledger",
    );
    with_update(&story, "2025-11-21T09:00:00Z");
    build_with_base(&story);
    let page = story.page();
    let meta = |property: &str| {
        let start = format!("property=\"{property}\" content=\"");
        let rest =
            &page[page.find(&start).unwrap_or_else(|| panic!("no {property}")) + start.len()..];
        rest[..rest.find('"').unwrap()].to_owned()
    };
    assert_eq!(meta("og:title"), "The tunnel inquiry");
    assert_eq!(meta("og:description"), "What the council knew.");
    assert_eq!(meta("og:type"), "article");
    assert_eq!(meta("og:url"), "https://news.example/riyadh/");
    assert_eq!(meta("og:site_name"), "The Ledger");
    assert_eq!(meta("og:image"), "https://news.example/riyadh/photo.jpg");
    assert_eq!(meta("article:published_time"), "2025-11-20");
    assert_eq!(meta("article:modified_time"), "2025-11-21T09:00:00Z");
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    // Twitter takes the rest from the og: tags; saying it twice would cost
    // the page bytes.
    assert!(!page.contains("twitter:title"));

    let opening = "<script type=\"application/ld+json\">";
    let json_ld = &between(&page, opening, "</script>")[opening.len()..];
    let json_ld: Value = serde_json::from_str(json_ld).expect("JSON-LD is JSON");
    // Not `final`: live coverage (see live_coverage.rs).
    assert_eq!(json_ld["@type"], "LiveBlogPosting");
    assert_eq!(json_ld["headline"], "The tunnel inquiry");
    assert_eq!(json_ld["description"], "What the council knew.");
    assert_eq!(json_ld["datePublished"], "2025-11-20");
    assert_eq!(json_ld["dateModified"], "2025-11-21T09:00:00Z");
    let authors: Vec<&str> = json_ld["author"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(authors, ["Ada Byrne", "Ben Cole"]);
    assert_eq!(json_ld["publisher"]["name"], "The Ledger");
    assert_eq!(json_ld["image"][0], "https://news.example/riyadh/photo.jpg");
    // The header's visible update time is the machine-readable one.
    assert!(between(&page, "<header", "</header>").contains(
        "Updated <time datetime=\"2025-11-21T09:00:00Z\">21 November 2025 at 09:00 GMT+0</time>"
    ));
}

#[test]
fn facts_and_timeline_json_carry_the_checked_facts() {
    let story = Story::base();
    story.build().assert_ok();
    let facts = facts_json(&story);
    assert_eq!(facts["format"], "explainer-facts/1");
    assert_eq!(facts["quotes"][0]["speaker"], "tomas-berg");
    assert_eq!(facts["quotes"][0]["paragraph"], 1);
    assert_eq!(facts["quotes"][1]["paragraph"], 2);
    assert_eq!(facts["timeline"][1]["date"], "2019");
    assert_eq!(facts["timeline"][1]["precision"], "year");
    assert_eq!(facts["timeline"][0]["people"][0], "tomas-berg");

    let timeline: Value =
        serde_json::from_str(&story.read("public/timeline.json")).expect("timeline.json is JSON");
    let events = timeline["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["unique_id"], "event-council-meeting");
    assert_eq!(events[0]["start_date"]["year"], 2024);
    // TimelineJS shows the page's own words for the date.
    assert_eq!(events[0]["display_date"], "2 March 2024");
    assert_eq!(events[1]["display_date"], "2019");
    assert_eq!(events[0]["start_date"]["month"], 3);
    assert_eq!(events[0]["start_date"]["day"], 2);
    assert_eq!(events[0]["text"]["headline"], "Council meeting");
    assert_eq!(events[0]["group"], "Council");
    assert!(events[1]["start_date"].get("month").is_none());
    assert_eq!(timeline["title"]["text"]["headline"], "The tunnel inquiry");
}

#[test]
fn timeline_json_dates_are_in_the_page_language() {
    let story = Story::base();
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]",
        "authors: [Ada Byrne]\nlang: fr",
    );
    story.build().assert_ok();
    let timeline: Value = serde_json::from_str(&story.read("public/timeline.json")).unwrap();
    assert_eq!(timeline["events"][0]["display_date"], "2 mars 2024");
}

/// What a data desk reads off `facts.json`: where the page is, when it was
/// last updated, every edition with its page and its own facts (each past
/// edition's beside its page), and what removed items were said by.
#[test]
fn facts_json_names_the_page_its_editions_and_who_said_what_was_removed() {
    let story = Story::base_in_git();
    story.edit(
        "content/facts.yaml",
        "  - speaker: tomas-berg\n    text: safe and on budget\n",
        "",
    );
    story.edit(
        "content/facts.yaml",
        "  - date: 2019\n    title: Tunnel approved\n",
        "",
    );
    with_update(&story, "2025-11-21T09:00:00Z");

    // Without a base URL, addresses are relative to the site's root.
    story.build().assert_ok();
    let facts = facts_json(&story);
    assert_eq!(facts["url"], "index.html");
    assert_eq!(facts["article"]["updated"], "2025-11-21T09:00:00Z");
    assert_eq!(
        facts["editions"],
        serde_json::json!([
            {"edition": "2025-11-21T09:00:00Z", "url": "index.html", "facts": "facts.json"},
            {"edition": "2025-11-20", "url": "editions/20251120T000000Z/index.html",
             "facts": "editions/20251120T000000Z/facts.json"},
        ])
    );
    let by = |kind: &str| -> Vec<String> {
        facts["removed"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["kind"] == kind)
            .map(|r| r["words"]["by"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(by("quote"), ["Tomas Berg"]);
    assert_eq!(by("event"), ["2019"]);

    // A past edition's own facts, as it published them, beside its page.
    let past: Value =
        serde_json::from_str(&story.read("public/editions/20251120T000000Z/facts.json")).unwrap();
    assert_eq!(past["url"], "editions/20251120T000000Z/index.html");
    assert_eq!(past["edition"], "2025-11-20");
    assert!(past["article"]["updated"].is_null(), "never updated then");
    assert_eq!(past["quotes"].as_array().unwrap().len(), 2);
    assert!(past.get("editions").is_none());

    // With a base URL, every address is absolute; the page is the base URL.
    build_with_base(&story);
    let facts = facts_json(&story);
    assert_eq!(facts["url"], format!("{BASE}/"));
    assert_eq!(facts["editions"][0]["url"], format!("{BASE}/"));
    assert_eq!(
        facts["editions"][1]["facts"],
        format!("{BASE}/editions/20251120T000000Z/facts.json")
    );
    let past: Value =
        serde_json::from_str(&story.read("public/editions/20251120T000000Z/facts.json")).unwrap();
    assert_eq!(
        past["url"],
        format!("{BASE}/editions/20251120T000000Z/index.html")
    );
}
