//! What a build publishes besides the page: facts.json and its "New"
//! marks, the feed, sitemap, robots.txt, 404 page, JSON-LD and sharing tags,
//! and timeline.json; and `explainer new`.

use crate::common::{Story, between, run, run_in, snapshot};
use serde_json::Value;

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

fn facts_json(story: &Story) -> Value {
    serde_json::from_str(&story.read("public/facts.json")).expect("facts.json is JSON")
}

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

fn with_update(story: &Story, at: &str) {
    let facts = story.read("content/facts.yaml");
    let item = format!("  - at: {at}\n    text: More on the lining.\n");
    let facts = match facts.split_once("updates:\n") {
        Some((head, tail)) => format!("{head}updates:\n{item}{tail}"),
        None => format!("{facts}updates:\n{item}"),
    };
    story.write("content/facts.yaml", facts.as_bytes());
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
fn without_a_base_url_nothing_absolute_is_invented() {
    let story = Story::base();
    story.build().assert_ok();
    for file in ["feed.xml", "sitemap.xml"] {
        assert!(
            !story.output().join(file).exists(),
            "{file} needs a base URL"
        );
    }
    let page = story.page();
    assert!(!page.contains("rel=\"canonical\""));
    assert!(!page.contains("og:url"));
    assert!(!story.read("public/robots.txt").contains("Sitemap:"));
    assert!(story.read("public/404.html").contains("<a href=\"./\">"));
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
fn a_new_story_holds_only_what_an_editor_writes_builds_as_it_is_and_an_occupied_folder_is_refused()
{
    // As the README has it: `explainer new ../next-story`, then a build
    // with `--root ../next-story`, from the folder beside it.
    let dir = tempfile::tempdir().unwrap();
    let here = dir.path().join("here");
    std::fs::create_dir(&here).unwrap();
    let created = run_in(&here, &["new", "../next-story"]);
    assert_eq!(created.code, 0, "{}", created.stderr);
    let root = dir.path().join("next-story");
    let files: Vec<String> = snapshot(&root)
        .keys()
        .map(|p| p.to_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(
        files,
        [
            ".github/workflows/pages.yml",
            ".gitignore",
            "README.md",
            "content/article.md",
            "content/facts.yaml",
        ],
        "the templates and static files stay built in"
    );
    for file in &files {
        assert!(created.stderr.contains(file.as_str()), "{}", created.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(root.join(".gitignore")).unwrap(),
        "/public\n/.cache\n"
    );
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("explainer {}", env!("CARGO_PKG_VERSION"))),
        "{readme}"
    );

    let built = run_in(&here, &["build", "--root", "../next-story"]);
    built.assert_ok();
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    assert!(
        built.stderr.contains("Built ../next-story/public"),
        "{}",
        built.stderr
    );
    assert!(root.join("public/style.css").is_file());

    let again = run_in(&here, &["new", "../next-story"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("not empty"));
    assert_eq!(
        std::fs::read_to_string(root.join("README.md")).unwrap(),
        readme,
        "a refused `new` writes nothing"
    );
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
