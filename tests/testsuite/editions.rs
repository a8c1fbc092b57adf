//! A developing story readers can trust: links that stay put from one
//! edition to the next, corrections shown where readers look, removals on
//! the record, and every past edition readable from the story's git history.

use std::path::Path;
use std::process::Command;

use crate::common::{
    BASE_ARTICLE, BASE_FACTS, Story, between, commit_all, facts_json, git, init, run, snapshot,
};
use serde_json::Value;

const BASE: &str = "https://news.example/tunnel/";

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
             21 November 2025 at 10:00 GMT+0</time></a>: An earlier version gave the quote as \
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
        "This explainer is no longer being updated (last updated <time datetime=\"2025-12-01T18:00:00Z\">1 December 2025 at 18:00 GMT+0</time>)."
    ));
    assert_eq!(
        facts_json(&story)["article"]["final"],
        "2025-12-01T18:00:00Z"
    );
}
/// Four editions: the first report; a quote added at the top (with a later
/// commit that only refines it); an event removed and a quote corrected;
/// and, uncommitted, an update that starts the latest.
fn story_with_history() -> Story {
    let story = Story::base_in_git();
    let root = story.root();

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
    append(
        &story,
        "content/facts.yaml",
        "updates:\n  - at: 2025-11-21T09:00:00Z\n    text: Adds the mayor's opening words.\n",
    );
    commit_all(root, "Opening words", "2025-11-21T09:05:00Z");
    story.edit(
        "content/facts.yaml",
        "role: Engineer",
        "role: Site engineer",
    );
    commit_all(root, "Her role, exactly", "2025-11-21T09:30:00Z");

    story.edit(
        "content/facts.yaml",
        "  - date: 2019\n    title: Tunnel approved\n",
        "",
    );
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
        "corrections:\n  - at: 2025-11-22T10:00:00Z\n    text: Okafor said the lining was never load-tested, not never tested.\n    item: quote-the-lining-was\n",
    );
    commit_all(root, "Correction", "2025-11-22T10:05:00Z");

    // Not committed: the latest edition is the working tree's.
    story.edit(
        "content/facts.yaml",
        "updates:\n",
        "updates:\n  - at: 2025-11-23T12:00:00Z\n    text: Adds the council's reply.\n",
    );
    story
}

fn editions_of(story: &Story) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(story.output().join("editions"))
        .map(|dir| {
            dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn each_past_edition_renders_as_its_last_commit_had_it() {
    let story = story_with_history();
    let run = story.build();
    run.assert_ok();
    run.assert_said(&["3 past editions"]);
    assert!(!run.stderr.contains("note:"), "{}", run.stderr);
    assert_eq!(
        editions_of(&story),
        ["20251120T000000Z", "20251121T090000Z", "20251122T100000Z"]
    );
    let read = |edition: &str| story.read(&format!("public/editions/{edition}/index.html"));

    let first = read("20251120T000000Z");
    assert!(first.contains(
        "An earlier version of this explainer, as of <time datetime=\"2025-11-20\">20 November 2025</time>. <a href=\"../../index.html\">Read the latest.</a>"
    ), "{first}");
    assert!(first.contains("href=\"../../style.css\""));
    // The share card is the site's one, named from the edition's depth.
    assert!(first.contains("<meta property=\"og:image\" content=\"../../share-card.png\">"));
    assert!(first.contains("\"image\":[\"../../share-card.png\"]"));
    assert!(story.output().join("share-card.png").is_file());
    assert!(!first.contains("We will answer every question."));
    assert!(first.contains("id=\"event-tunnel-approved\""));

    // The last commit of the edition, not its first.
    let second = read("20251121T090000Z");
    assert!(second.contains("We will answer every question."));
    assert!(second.contains("Site engineer"));
    assert!(second.contains("The lining was never tested."));
    assert!(second.contains("<a href=\"../../changes.html\">"));
    assert!(second.contains("<a href=\"#update-20251121T090000Z\">"));

    let third = read("20251122T100000Z");
    assert!(third.contains("The lining was never load-tested."));
    assert!(!third.contains("id=\"event-tunnel-approved\""));
    assert!(third.contains(">Corrected</span>"));

    // The working tree is the latest edition, compared with the newest
    // past one: only its own news is marked.
    let page = story.page();
    assert!(!page.contains("An earlier version"));
    assert!(page.contains("Adds the council"));
    assert!(
        !page.contains("badge badge-new"),
        "nothing but an update is new"
    );
    // Links carried through every edition.
    for edition in [&first, &second, &third, &page] {
        assert!(edition.contains("id=\"quote-safe-and-on\""));
    }

    let changes = story.read("public/changes.html");
    let sections: Vec<&str> = changes
        .split("<section class=\"edition\"")
        .skip(1)
        .collect();
    assert_eq!(sections.len(), 4, "{changes}");
    assert!(sections[0].contains("The latest edition"));
    assert!(sections[1].contains("href=\"editions/20251122T100000Z/index.html\""));
    let removed = between(sections[1], "entry-removed", "</li>");
    assert!(removed.contains("Tunnel approved"), "{removed}");
    assert!(
        removed.contains("href=\"editions/20251121T090000Z/index.html#event-tunnel-approved\""),
        "{removed}"
    );
    let corrected = between(sections[1], "entry-corrected", "</li>");
    assert!(
        corrected.contains("Before: “The lining was never tested.”"),
        "{corrected}"
    );
    let added = between(sections[2], "entry-new", "</li>");
    assert!(
        added.contains("href=\"index.html#quote-we-will-answer\""),
        "{added}"
    );
    assert!(between(sections[2], "entry-changed", "</li>").contains("Site engineer"));
}

#[test]
fn the_same_history_and_working_tree_build_the_same_site() {
    let story = story_with_history();
    story.build().assert_ok();
    let first = snapshot(&story.output());
    story.build().assert_ok();
    assert!(
        first == snapshot(&story.output()),
        "a rebuild changed the site"
    );
    // Not even the previous build's facts.json, left in the output folder,
    // changes what the history says.
    let elsewhere = story.root().join("elsewhere");
    run(&[
        "build",
        "--root",
        story.root().to_str().unwrap(),
        "--output",
        elsewhere.to_str().unwrap(),
    ])
    .assert_ok();
    assert!(
        first == snapshot(&elsewhere),
        "a fresh output folder differs"
    );
}

#[test]
fn a_shallow_clone_and_a_plain_folder_build_and_say_why_there_are_no_editions() {
    let story = story_with_history();
    commit_all(story.root(), "Council reply", "2025-11-23T12:05:00Z");
    let clone = tempfile::tempdir().unwrap();
    let status = Command::new("git")
        .args(["clone", "-q", "--depth", "1"])
        .arg(format!("file://{}", story.root().display()))
        .arg(clone.path().join("story"))
        .status()
        .unwrap();
    assert!(status.success());
    let shallow = clone.path().join("story");
    let run_in = |root: &Path| run(&["build", "--root", root.to_str().unwrap()]);
    let built = run_in(&shallow);
    built.assert_ok();
    assert_eq!(built.stderr.matches("note:").count(), 1, "{}", built.stderr);
    built.assert_said(&["shallow clone"]);
    built.assert_said(&["fetch-depth: 0"]);
    assert!(!shallow.join("public/editions").exists());
    assert!(shallow.join("public/changes.html").exists());

    let plain = Story::base();
    let built = plain.build();
    built.assert_ok();
    assert!(
        built
            .stderr
            .contains("note: the story is not in a git repository"),
        "{}",
        built.stderr
    );
    assert!(!plain.output().join("editions").exists());
}

/// Every address a page of the site names relatively, resolved from the
/// page's folder, must be a file the build wrote: the head's links (the
/// feed, the stylesheets, the icon) as well as the body's.
fn unresolved_links(output: &Path, page: &str) -> Vec<String> {
    let html = std::fs::read_to_string(output.join(page)).unwrap();
    let document = scraper::Html::parse_document(&html);
    // An embed page's `<base>` sends its links to the main page's folder.
    let base = document
        .select(&scraper::Selector::parse("base[href]").unwrap())
        .next()
        .and_then(|base| base.value().attr("href"));
    let folder = match base {
        Some(base) => Path::new(page).parent().unwrap().join(base),
        None => Path::new(page).to_path_buf(),
    };
    let folder = folder.parent().unwrap_or(Path::new(""));
    let mut missing = Vec::new();
    for element in document.select(&scraper::Selector::parse("[href], [src]").unwrap()) {
        if element.value().name() == "base" {
            continue;
        }
        for attribute in ["href", "src"] {
            let Some(url) = element.value().attr(attribute) else {
                continue;
            };
            let path = url.split(['#', '?']).next().unwrap();
            if path.is_empty() || url.contains("://") || url.starts_with("mailto:") {
                continue;
            }
            let mut resolved = output.join(folder);
            for part in path.split('/') {
                match part {
                    ".." => {
                        resolved.pop();
                    }
                    "." | "" => {}
                    part => resolved.push(part),
                }
            }
            if !resolved.starts_with(output) || !resolved.is_file() {
                missing.push(format!("{page}: {attribute}=\"{url}\""));
            }
        }
    }
    missing
}

#[test]
fn every_link_of_a_past_edition_reaches_the_site_from_its_depth() {
    let story = story_with_history();
    // With a base URL the head links the feed, which only the top has.
    story.build_at(BASE).assert_ok();
    let output = story.output();
    let editions = editions_of(&story);
    assert_eq!(editions.len(), 3);
    for edition in &editions {
        let page = format!("editions/{edition}/index.html");
        let html = story.read(&format!("public/{page}"));
        assert!(
            html.contains("type=\"application/atom+xml\" href=\"../../feed.xml\""),
            "{html}"
        );
        assert_eq!(unresolved_links(&output, &page), Vec::<String>::new());
    }
    for page in ["index.html", "changes.html", "embed/summary.html"] {
        assert_eq!(unresolved_links(&output, page), Vec::<String>::new());
    }
}

#[test]
fn rebuilds_in_one_process_reuse_the_past_editions_until_the_look_changes() {
    // What `serve` does on every save: build again in the same process,
    // with the memory it keeps for the session.
    let story = story_with_history();
    let options = explainer::BuildOptions::new(story.root());
    let mut memory = explainer::Memory::default();
    explainer::build_remembering(&options, &mut memory).expect("first build");
    let first = snapshot(&story.output());
    explainer::build_remembering(&options, &mut memory).expect("second build");
    assert!(
        first == snapshot(&story.output()),
        "a rebuild changed the site"
    );

    // A template edit reaches the past editions too, not only the page.
    let index =
        std::fs::read_to_string(crate::common::repo().join("templates/index.html")).unwrap();
    story.write(
        "templates/index.html",
        index
            .replace("{{ t.read_latest }}", "See the latest.")
            .as_bytes(),
    );
    explainer::build_remembering(&options, &mut memory).expect("third build");
    let past = story.read("public/editions/20251121T090000Z/index.html");
    assert!(past.contains("See the latest."), "{past}");
}

#[test]
fn a_history_whose_facts_move_to_archieml_builds_the_same_editions() {
    // The story's fourth edition committed, and a fifth begun: once with
    // its facts in YAML throughout, once with them moved to ArchieML in
    // the commit of the fourth, which must then be read from facts.aml.
    let yaml = story_with_history();
    commit_all(yaml.root(), "The council's reply", "2025-11-23T12:05:00Z");
    yaml.edit(
        "content/facts.yaml",
        "updates:\n",
        "updates:\n  - at: 2025-11-24T08:00:00Z\n    text: Adds the engineers' reply.\n",
    );
    yaml.build().assert_ok();
    assert!(editions_of(&yaml).contains(&"20251123T120000Z".to_owned()));
    let expected = crate::common::snapshot(&yaml.output());

    let moved = story_with_history();
    let root = moved.root();
    let aml = root.join("content/facts.aml");
    let export = crate::common::run(&[
        "export-facts",
        "--format",
        "aml",
        "--root",
        root.to_str().unwrap(),
        "--output",
        aml.to_str().unwrap(),
    ]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    std::fs::remove_file(root.join("content/facts.yaml")).unwrap();
    commit_all(
        root,
        "The council's reply, the facts in a Doc",
        "2025-11-23T12:05:00Z",
    );
    moved.edit(
        "content/facts.aml",
        "[updates]\n",
        "[updates]\nat: 2025-11-24T08:00:00Z\ntext: Adds the engineers' reply.\n\n",
    );
    let run = moved.build();
    run.assert_ok();
    run.assert_said(&["4 past editions"]);
    assert_eq!(crate::common::snapshot(&moved.output()), expected);
}

/// The marks of the page: which items the latest edition calls new,
/// changed or corrected, by element id.
fn marks(story: &Story) -> Vec<(String, String)> {
    let facts = facts_json(story);
    let mut marked = Vec::new();
    for kind in ["people", "quotes", "timeline"] {
        for item in facts[kind].as_array().unwrap() {
            if let Some(change) = item["change"]["kind"].as_str() {
                marked.push((item["id"].as_str().unwrap().to_owned(), change.to_owned()));
            }
        }
    }
    marked
}

#[test]
fn an_edition_is_what_its_last_commit_that_builds_had() {
    let story = Story::base_in_git();
    let root = story.root();
    // Published: it built.
    story.edit(
        "content/facts.yaml",
        "role: Engineer",
        "role: Site engineer",
    );
    append(
        &story,
        "content/facts.yaml",
        "updates:\n  - at: 2025-11-21T09:00:00Z\n    text: Her role, exactly.\n",
    );
    commit_all(root, "Her role", "2025-11-21T09:05:00Z");
    // Then a commit of the same edition that does not build.
    story.edit(
        "content/facts.yaml",
        "speaker: lena-okafor",
        "speaker: lena-okafr",
    );
    commit_all(root, "Typo", "2025-11-21T09:30:00Z");
    // The fix, with an update of its own.
    story.edit(
        "content/facts.yaml",
        "speaker: lena-okafr",
        "speaker: lena-okafor",
    );
    story.edit(
        "content/facts.yaml",
        "updates:\n",
        "updates:\n  - at: 2025-11-22T10:00:00Z\n    text: Fixes a speaker.\n",
    );
    commit_all(root, "Fix", "2025-11-22T10:05:00Z");
    let run = story.build();
    run.assert_ok();
    assert!(!run.stderr.contains("note:"), "{}", run.stderr);
    assert_eq!(
        editions_of(&story),
        ["20251120T000000Z", "20251121T090000Z"]
    );
    let second = story.read("public/editions/20251121T090000Z/index.html");
    assert!(second.contains("Site engineer"), "{second}");
    // The latest is marked against that edition, where the role had
    // already changed: nothing but the update is news.
    assert_eq!(marks(&story), Vec::<(String, String)>::new());
    let changes = story.read("public/changes.html");
    assert!(changes.contains("Her role, exactly."), "{changes}");
}

#[test]
fn a_commit_that_does_not_load_is_named_in_a_note() {
    let story = Story::base_in_git();
    let root = story.root();
    story.write("content/facts.yaml", b"people: [\n");
    commit_all(root, "Half a paste", "2025-11-20T09:00:00Z");
    let broken = git_out(root, &["rev-parse", "--short=7", "HEAD"]);
    story.write("content/facts.yaml", BASE_FACTS.as_bytes());
    commit_all(root, "Restored", "2025-11-20T10:00:00Z");
    let run = story.build();
    run.assert_ok();
    assert_eq!(run.stderr.matches("note:").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "a commit in the git history cannot be read as a story (its article or facts do not parse) and is left out: {broken}"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn deleting_the_update_of_a_published_edition_is_warned_about() {
    let story = Story::base_in_git();
    let root = story.root();
    append(
        &story,
        "content/facts.yaml",
        "updates:\n  - at: 2025-11-21T09:00:00Z\n    text: Adds the mayor's reply.\n",
    );
    commit_all(root, "Reply", "2025-11-21T09:05:00Z");
    let published = git_out(root, &["rev-parse", "--short=7", "HEAD"]);
    story.write("content/facts.yaml", BASE_FACTS.as_bytes());
    commit_all(root, "Tidy", "2025-11-21T10:00:00Z");
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(&format!(
            "warning: the edition of 2025-11-21T09:00:00Z (commit {published}) was published, but the story now goes back to 2025-11-20"
        )),
        "{}",
        run.stderr
    );
    run.assert_said(&["add a correction"]);
}

fn git_out(root: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(root)
        .output()
        .expect("git runs");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn a_story_folder_whose_name_starts_with_a_space_keeps_its_editions() {
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path().join(" tunnel story");
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/article.md"), BASE_ARTICLE).unwrap();
    std::fs::write(root.join("content/facts.yaml"), BASE_FACTS).unwrap();
    init(repo.path());
    commit_all(repo.path(), "First report", "2025-11-20T08:00:00Z");
    let mut facts = BASE_FACTS.to_owned();
    facts.push_str("updates:\n  - at: 2025-11-21T09:00:00Z\n    text: Adds the reply.\n");
    std::fs::write(root.join("content/facts.yaml"), facts).unwrap();
    let built = run(&["build", "--root", root.to_str().unwrap()]);
    built.assert_ok();
    built.assert_said(&["1 past edition"]);
    assert!(!built.stderr.contains("note:"), "{}", built.stderr);
    assert!(
        root.join("public/editions/20251120T000000Z/index.html")
            .is_file()
    );
}

/// A `git` that says what `git` says in a CI container whose checkout
/// belongs to another user, and leaves a mark that it ran.
fn refusing_git(bin: &Path) {
    let script = "#!/bin/sh\n\
        PATH=/usr/bin:/bin\n\
        touch \"$(dirname \"$0\")/ran\"\n\
        echo \"fatal: detected dubious ownership in repository at '/github/workspace'\" >&2\n\
        echo 'To add an exception for this directory, call:' >&2\n\
        echo '' >&2\n\
        echo \"\tgit config --global --add safe.directory /github/workspace\" >&2\n\
        exit 128\n";
    std::fs::create_dir_all(bin).unwrap();
    let path = bin.join("git");
    std::fs::write(&path, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

fn build_with_path(story: &Story, path: &Path) -> crate::common::Run {
    let output = Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(["build", "--root", story.root().to_str().unwrap()])
        .env("NO_COLOR", "1")
        .env("PATH", path)
        .env_remove("EXPLAINER_BASE_URL")
        .output()
        .unwrap();
    crate::common::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
#[cfg(unix)]
fn git_refusing_to_run_or_missing_is_said_and_a_plain_folder_runs_no_git() {
    let tools = tempfile::tempdir().unwrap();
    let bin = tools.path().join("bin");
    refusing_git(&bin);

    let plain = Story::base();
    let built = build_with_path(&plain, &bin);
    built.assert_ok();
    assert!(
        built
            .stderr
            .contains("note: the story is not in a git repository"),
        "{}",
        built.stderr
    );
    assert!(!bin.join("ran").exists(), "a plain folder started git");

    let story = Story::base_in_git();
    let built = build_with_path(&story, &bin);
    built.assert_ok();
    assert!(bin.join("ran").exists());
    built.assert_said(&[
        "note: git would not read the story's history, so past editions are not built",
    ]);
    assert!(
        built
            .stderr
            .contains("fatal: detected dubious ownership in repository at '/github/workspace'"),
        "{}",
        built.stderr
    );
    assert!(
        built
            .stderr
            .contains("git config --global --add safe.directory /github/workspace"),
        "{}",
        built.stderr
    );
    assert!(!built.stderr.contains("not in a git repository"));

    let empty = tools.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let built = build_with_path(&story, &empty);
    built.assert_ok();
    assert!(
        built
            .stderr
            .contains("note: git is not installed (no `git` program on the PATH), so the story's git history cannot be read"),
        "{}",
        built.stderr
    );
}

#[test]
fn an_id_a_removed_item_held_warns_when_reused_and_keeps_its_corrections() {
    let story = Story::new(
        BASE_ARTICLE,
        &BASE_FACTS.replace(
            "  - speaker: tomas-berg\n",
            "  - id: alpha\n    speaker: tomas-berg\n",
        ),
    );
    let root = story.root();
    init(root);
    commit_all(root, "First report", "2025-11-20T08:00:00Z");
    story.edit(
        "content/facts.yaml",
        "  - id: alpha\n    speaker: tomas-berg\n    text: safe and on budget\n",
        "",
    );
    append(
        &story,
        "content/facts.yaml",
        "corrections:\n  - at: 2025-11-21T10:00:00Z\n    text: The mayor's words were about another tunnel.\n    item: quote-alpha\n",
    );
    commit_all(root, "Withdraws a quote", "2025-11-21T10:05:00Z");
    // The next edition still explains the withdrawal.
    append(
        &story,
        "content/facts.yaml",
        "updates:\n  - at: 2025-11-22T09:00:00Z\n    text: Adds the engineer's warning.\n",
    );
    story.build().assert_ok();
    story.edit(
        "content/facts.yaml",
        "quotes:\n",
        "quotes:\n  - id: alpha\n    speaker: lena-okafor\n    text: We warned them twice.\n",
    );
    let run = story.build();
    run.assert_ok();
    run.assert_said(&["warning: `quote-alpha` was the id of another quote, removed in the edition of 2025-11-21T10:00:00Z (“safe and on budget”, Tomas Berg): links readers shared to it would now show this quote"]);
    run.assert_said(&["content/facts.yaml:13:9"]);
    let page = story.page();
    let quote = between(&page, "<li id=\"quote-alpha\"", "</li>\n");
    assert!(quote.contains("We warned them twice."), "{quote}");
    assert!(!quote.contains("correction-note"), "{quote}");
    assert!(!quote.contains("another tunnel"), "{quote}");
    let updates = between(&page, "id=\"updates\"", "</section>");
    let listed = between(updates, "id=\"correction-20251121T100000Z\"", "</li>");
    assert!(!listed.contains("href=\"#quote-alpha\""), "{listed}");
    let marked = marks(&story);
    assert!(
        marked.contains(&("quote-alpha".to_owned(), "new".to_owned())),
        "{marked:?}"
    );
}

#[test]
fn an_item_given_a_new_id_for_the_same_words_is_warned_about() {
    let story = Story::new(
        BASE_ARTICLE,
        &BASE_FACTS.replace(
            "  - speaker: tomas-berg\n",
            "  - id: on-budget\n    speaker: tomas-berg\n",
        ),
    );
    story.build().assert_ok();
    story.edit("content/facts.yaml", "id: on-budget", "id: budget");
    let run = story.build();
    run.assert_ok();
    run.assert_said(&["warning: this quote was published as `quote-on-budget`, with the same words: under its new id `quote-budget` it is marked new"]);
    run.assert_said(&["content/facts.yaml:13:9"]);
    run.assert_said(&["keep the old id, `id: on-budget`"]);
    // One warning for one move, not a removal besides.
    assert!(
        !run.stderr.contains("was removed without"),
        "{}",
        run.stderr
    );

    // A person's id likewise.
    story.edit("content/facts.yaml", "id: budget", "id: on-budget");
    story.build().assert_ok();
    let facts = story
        .read("content/facts.yaml")
        .replace("lena-okafor", "lena-okafor-eng");
    story.write("content/facts.yaml", facts.as_bytes());
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("this person was published as `person-lena-okafor`, with the same words"),
        "{}",
        run.stderr
    );
    run.assert_said(&["`id: lena-okafor`"]);
}

#[test]
fn a_capitalised_correction_item_gets_a_suggestion() {
    let story = Story::base();
    append(
        &story,
        "content/facts.yaml",
        &CORRECTION.replace("QUOTE", "QUOTE-SAFE-AND-ON"),
    );
    story.build().assert_fails_with(&[
        "no item has the id `QUOTE-SAFE-AND-ON`",
        "did you mean `quote-safe-and-on`?",
    ]);
}

#[test]
fn a_story_moved_with_git_mv_keeps_its_editions_from_before_the_move() {
    let repo = tempfile::tempdir().unwrap();
    std::fs::write(repo.path().join("README"), "Stories.\n").unwrap();
    init(repo.path());
    commit_all(repo.path(), "The repository", "2025-11-19T08:00:00Z");
    let old = repo.path().join("drafts/tunnel");
    std::fs::create_dir_all(old.join("content")).unwrap();
    std::fs::write(old.join("content/article.md"), BASE_ARTICLE).unwrap();
    std::fs::write(old.join("content/facts.yaml"), BASE_FACTS).unwrap();
    commit_all(repo.path(), "First report", "2025-11-20T08:00:00Z");
    let mut facts = BASE_FACTS.to_owned();
    facts.push_str("updates:\n  - at: 2025-11-21T09:00:00Z\n    text: Adds the reply.\n");
    std::fs::write(old.join("content/facts.yaml"), &facts).unwrap();
    commit_all(repo.path(), "Reply", "2025-11-21T09:05:00Z");
    std::fs::create_dir_all(repo.path().join("stories")).unwrap();
    git(
        repo.path(),
        &["mv", "drafts/tunnel", "stories/tunnel"],
        "2025-11-22T08:00:00Z",
    );
    commit_all(repo.path(), "Published", "2025-11-22T08:00:00Z");
    let root = repo.path().join("stories/tunnel");
    facts.push_str("  - at: 2025-11-23T09:00:00Z\n    text: Adds the vote.\n");
    std::fs::write(root.join("content/facts.yaml"), &facts).unwrap();
    let built = run(&["build", "--root", root.to_str().unwrap()]);
    built.assert_ok();
    built.assert_said(&["2 past editions"]);
    assert!(
        root.join("public/editions/20251120T000000Z/index.html")
            .is_file()
    );
    assert!(
        root.join("public/editions/20251121T090000Z/index.html")
            .is_file()
    );
}

/// A past edition that shows an item corrected since says so and leads to
/// the correction on the record; the latest page says the story has
/// corrections.
#[test]
fn a_past_edition_says_an_item_on_it_was_corrected_later() {
    let story = story_with_history();
    story.build().assert_ok();
    let banner = |edition: &str| {
        let page = story.read(&format!("public/editions/{edition}/index.html"));
        between(&page, "<p class=\"banner\"", "</p>").to_owned()
    };
    for edition in ["20251120T000000Z", "20251121T090000Z"] {
        let banner = banner(edition);
        assert!(
            banner.contains(
                "An item shown here was corrected later: <a href=\"../../changes.html#edition-20251122T100000Z\"><time datetime=\"2025-11-22T10:00:00Z\">22 November 2025 at 10:00 GMT+0</time></a>"
            ),
            "{edition}: {banner}"
        );
    }
    // The edition the correction came with already shows the right words.
    assert!(!banner("20251122T100000Z").contains("corrected later"));
    let changes = story.read("public/changes.html");
    assert!(changes.contains("id=\"edition-20251122T100000Z\""));
    let header = between(&story.page(), "<header", "</header>").to_owned();
    assert!(
        header.contains("<a href=\"#updates\">This explainer has been corrected.</a>"),
        "{header}"
    );
}
