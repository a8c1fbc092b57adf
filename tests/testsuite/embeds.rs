//! The embeddable parts: a page per section, person, quote and event under
//! `embed/`, named by the element's id on the main page; links that leave the
//! frame for anchors the main page has; the oEmbed responses beside them
//! with a base URL; and the byte budget of each.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};
use serde_json::Value;

use crate::common::{Story, run, snapshot};

const BASE: &str = "https://news.example/riyadh/";

fn built(base_url: Option<&str>) -> (Story, BTreeMap<PathBuf, Vec<u8>>) {
    let story = Story::copy_of(".");
    let root = story.root().to_str().unwrap().to_owned();
    let mut args = vec!["build", "--root", root.as_str()];
    if let Some(base) = base_url {
        args.extend(["--base-url", base]);
    }
    run(&args).assert_ok();
    let files = snapshot(&story.output());
    (story, files)
}

fn text(files: &BTreeMap<PathBuf, Vec<u8>>, path: &str) -> String {
    let bytes = files
        .get(Path::new(path))
        .unwrap_or_else(|| panic!("{path} was not written"));
    String::from_utf8(bytes.clone()).unwrap()
}

fn select<'a>(doc: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(selector).unwrap()).collect()
}

fn ids(doc: &Html) -> BTreeSet<String> {
    select(doc, "[id]")
        .into_iter()
        .map(|e| e.attr("id").unwrap().to_owned())
        .collect()
}

/// The embed pages a build wrote, by element id.
fn embed_pages(files: &BTreeMap<PathBuf, Vec<u8>>) -> BTreeMap<String, Html> {
    files
        .iter()
        .filter_map(|(path, bytes)| {
            let name = path.strip_prefix("embed").ok()?.to_str()?;
            let id = name.strip_suffix(".html")?;
            Some((
                id.to_owned(),
                Html::parse_document(std::str::from_utf8(bytes).unwrap()),
            ))
        })
        .collect()
}

fn title(doc: &Html) -> String {
    select(doc, "title")[0].text().collect()
}

#[test]
fn every_section_person_quote_and_event_has_an_embed_named_by_its_id() {
    let (_story, files) = built(None);
    let facts: Value = serde_json::from_slice(&files[Path::new("facts.json")]).unwrap();
    let mut wanted: BTreeSet<String> = ["summary", "whos-who", "quotes", "timeline"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    for person in facts["people"].as_array().unwrap() {
        wanted.insert(format!("person-{}", person["id"].as_str().unwrap()));
    }
    for kind in ["quotes", "timeline"] {
        for item in facts[kind].as_array().unwrap() {
            wanted.insert(item["id"].as_str().unwrap().to_owned());
        }
    }
    let embeds = embed_pages(&files);
    let written: BTreeSet<String> = embeds.keys().cloned().collect();
    assert_eq!(written, wanted);
    assert_eq!(written.len(), 4 + 16 + 9 + 13);

    // Each shows the element of the main page it is named after, and that
    // element's words.
    let page = Html::parse_document(&text(&files, "index.html"));
    for (id, embed) in &embeds {
        if id == "summary" {
            continue;
        }
        let selector = format!("[id=\"{id}\"]");
        let in_embed = select(embed, &selector);
        assert_eq!(in_embed.len(), 1, "embed/{id}.html has no #{id}");
        let on_page = select(&page, &selector);
        let words = |e: &scraper::ElementRef| -> Vec<String> {
            e.text()
                .flat_map(str::split_whitespace)
                .map(str::to_owned)
                .collect()
        };
        assert_eq!(
            words(&in_embed[0]),
            words(&on_page[0]),
            "embed/{id}.html shows #{id} differently from the page"
        );
    }
    let summary = &embeds["summary"];
    assert!(
        select(summary, "h1")[0]
            .text()
            .collect::<String>()
            .contains("Russia and US agree")
    );
    assert_eq!(select(summary, ".takeaways li").len(), 5);
}

#[test]
fn embed_pages_stand_alone_without_the_page_chrome() {
    let (_story, files) = built(None);
    let embeds = embed_pages(&files);
    let mut titles = BTreeSet::new();
    for (id, doc) in &embeds {
        assert_eq!(select(doc, "html[lang=en]").len(), 1, "{id}: lang");
        let title = title(doc);
        assert!(title.contains("Russia and US agree"), "{id}: {title}");
        assert!(titles.insert(title.clone()), "{id}: a second `{title}`");
        assert_eq!(select(doc, "h1").len(), 1, "{id}: one h1");
        assert_eq!(select(doc, "main").len(), 1, "{id}: one main");
        // The page's styles, none of its chrome or its extras.
        assert_eq!(
            select(doc, "link[rel=stylesheet][href='style.css']").len(),
            1
        );
        assert_eq!(
            select(doc, "link[rel=stylesheet][href='embed.css']").len(),
            1
        );
        let scripts: Vec<_> = select(doc, "script")
            .iter()
            .map(|s| s.attr("src").unwrap_or("inline").to_owned())
            .collect();
        assert_eq!(scripts, ["embed.js"], "{id}");
        for chrome in [".skip-link", ".masthead nav", ".toc", "footer", "#article"] {
            assert!(select(doc, chrome).is_empty(), "{id}: {chrome}");
        }
    }
    let person = &embeds["person-marco-rubio"];
    assert!(title(person).starts_with("Marco Rubio, U.S. Secretary of State · "));
    let lavrov = embeds
        .values()
        .map(title)
        .find(|t| t.starts_with("Sergey Lavrov: “"))
        .expect("an embed of Lavrov's quote");
    assert!(lavrov.ends_with("” · Russia and US agree to start working toward ending the war in Ukraine and improving ties"), "{lavrov}");
    assert!(title(&embeds["timeline"]).starts_with("Background timeline · "));
    // The embed's script only speaks to a host page; built-in scripts ship
    // compacted, and it stays small.
    let child = text(&files, "embed.js");
    assert!(
        child.contains("xPYMxheightxPYMx"),
        "pym.js's height message"
    );
    assert!(child.contains("explainer-height"));
    assert!(child.len() < 1024, "{} bytes", child.len());
}

/// `<base href="../index.html" target="_top">`: every link in an embed
/// goes to the main page (or another site) in the whole window, never to an
/// id of the embed itself.
#[test]
fn embed_links_leave_the_frame_for_anchors_the_main_page_has() {
    let (_story, files) = built(None);
    let page_ids = ids(&Html::parse_document(&text(&files, "index.html")));
    let mut checked = 0;
    for (id, doc) in embed_pages(&files) {
        let base = select(&doc, "base");
        assert_eq!(base.len(), 1, "{id}");
        assert_eq!(base[0].attr("href"), Some("../index.html"), "{id}");
        assert_eq!(base[0].attr("target"), Some("_top"), "{id}");
        for link in select(&doc, "[href], [src]") {
            let Some(url) = link.attr("href").or(link.attr("src")) else {
                continue;
            };
            if link.value().name() == "base" || url.starts_with("https://") {
                continue;
            }
            assert!(
                !link.value().attrs().any(|(a, _)| a == "target"),
                "{id}: a link of its own target: {url}"
            );
            // Resolved against the base, in the site's top folder.
            let (file, fragment) = match url.split_once('#') {
                Some(("", fragment)) => ("index.html", Some(fragment)),
                Some((file, fragment)) => (file, Some(fragment)),
                None => (url, None),
            };
            assert!(
                files.contains_key(Path::new(file)),
                "{id}: {url} leads to no file"
            );
            if let Some(fragment) = fragment {
                assert_eq!(file, "index.html", "{id}: {url}");
                assert!(
                    page_ids.contains(fragment),
                    "{id}: {url} names no id of the page"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked} links");
}

#[test]
fn oembed_responses_beside_each_embed_and_the_main_page_with_a_base_url() {
    let (_story, files) = built(Some(BASE));
    let embeds = embed_pages(&files);
    let oembed = |path: &str| -> Value { serde_json::from_str(&text(&files, path)).unwrap() };
    let mut responses = vec![(
        "oembed.json".to_owned(),
        Html::parse_document(&text(&files, "index.html")),
        "summary".to_owned(),
    )];
    for (id, doc) in &embeds {
        responses.push((format!("embed/{id}.json"), doc.clone(), id.clone()));
    }
    for (path, doc, id) in responses {
        let discovery = select(&doc, "link[rel=alternate][type='application/json+oembed']");
        assert_eq!(discovery.len(), 1, "{path}: discovery link");
        assert_eq!(discovery[0].attr("href"), Some(&*format!("{BASE}{path}")));
        let json = oembed(&path);
        assert_eq!(json["version"], "1.0", "{path}");
        assert_eq!(json["type"], "rich", "{path}");
        assert_eq!(json["provider_url"], BASE);
        assert!(!json["provider_name"].as_str().unwrap().is_empty());
        assert!(json["width"].is_u64() && json["height"].is_u64(), "{path}");
        assert!(json["height"].as_u64().unwrap() >= 200, "{path}");
        let embed_title = title(&embeds[&id]);
        assert_eq!(json["title"], embed_title.as_str(), "{path}");
        let html = Html::parse_fragment(json["html"].as_str().unwrap());
        let frames = select(&html, "iframe");
        assert_eq!(frames.len(), 1, "{path}");
        assert_eq!(
            frames[0].attr("src"),
            Some(&*format!("{BASE}embed/{id}.html"))
        );
        assert_eq!(frames[0].attr("title"), Some(embed_title.as_str()));
        assert_eq!(
            frames[0].attr("height").map(str::to_owned),
            Some(json["height"].to_string())
        );
        let scripts = select(&html, "script");
        assert_eq!(scripts.len(), 1, "{path}");
        assert_eq!(
            scripts[0].attr("src"),
            Some(&*format!("{BASE}embed-host.js"))
        );
        assert!(files.contains_key(Path::new("embed-host.js")));
    }
}

#[test]
fn without_a_base_url_there_is_no_oembed() {
    let (_story, files) = built(None);
    assert!(!files.keys().any(|p| p.to_string_lossy().ends_with(".json")
        && !["facts.json", "timeline.json"].contains(&&*p.to_string_lossy())));
    for (id, doc) in embed_pages(&files) {
        assert!(select(&doc, "link[rel=alternate]").is_empty(), "{id}");
    }
    assert!(!text(&files, "index.html").contains("oembed"));
}

/// The budget of each embed page, which the README prints: one item's page
/// at most 4 KiB of HTML, a section's at most 24 KiB (the shipped story's
/// who's-who is the largest); with the stylesheet and script it loads, 16
/// KiB and 32 KiB.
#[test]
fn embed_pages_stay_within_their_budget() {
    let (_story, files) = built(Some(BASE));
    let shared = ["style.css", "embed.css", "embed.js"]
        .iter()
        .map(|f| files[Path::new(f)].len())
        .sum::<usize>();
    let mut largest = BTreeMap::new();
    for (path, bytes) in &files {
        let Some(name) = path.strip_prefix("embed").ok().and_then(|p| p.to_str()) else {
            continue;
        };
        if !name.ends_with(".html") {
            continue;
        }
        let section = [
            "summary.html",
            "whos-who.html",
            "quotes.html",
            "timeline.html",
        ]
        .contains(&name);
        let (html_budget, total_budget) = if section {
            (24 * 1024, 32 * 1024)
        } else {
            (4 * 1024, 16 * 1024)
        };
        assert!(bytes.len() <= html_budget, "{name}: {} bytes", bytes.len());
        assert!(
            bytes.len() + shared <= total_budget,
            "{name}: {} bytes with its CSS and JS",
            bytes.len() + shared
        );
        let entry = largest.entry(section).or_insert((0, String::new()));
        if bytes.len() > entry.0 {
            *entry = (bytes.len(), name.to_owned());
        }
    }
    println!("largest embed pages: {largest:?}; style.css + embed.css + embed.js: {shared} bytes");
}

#[test]
fn a_story_without_quotes_or_people_embeds_what_it_shows() {
    let story = Story::new(
        "---\ntitle: Quiet day\npublished: 2025-11-20\n---\n\nNothing was said.\n",
        "timeline:\n  - date: 2024\n    title: Something happened\n",
    );
    story.build().assert_ok();
    let files = snapshot(&story.output());
    let embeds: BTreeSet<String> = embed_pages(&files).into_keys().collect();
    assert_eq!(
        embeds,
        ["event-something-happened", "summary", "timeline"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect()
    );
}

/// A root's own templates shape the embeds too, and an error in one is told
/// with its file and line.
#[test]
fn a_broken_embed_template_is_reported_with_its_line() {
    let story = Story::base();
    story.write(
        "templates/embed.html",
        b"{{ embed.kind }}\n{{ embed.nope.deeper }}\n",
    );
    let run = story.build();
    run.assert_fails_with(&["templates/embed.html:2:10", "1 error"]);
    // Told once, not once per embed page that includes it.
    assert_eq!(
        run.stderr.matches("Field `nope`").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(!story.output().exists());
}

/// Links to a removed item's embed are out on other sites: the page and
/// its oEmbed response stay, as a notice that says when and why, sized by
/// embed.js as every embed is, and linking the record outside the frame.
#[test]
fn a_removed_items_embed_stays_as_a_notice_linking_the_record() {
    use crate::common::commit_all;
    let story = Story::base_in_git();
    let root = story.root();
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
    let facts = story.read("content/facts.yaml")
        + "updates:\n  - at: 2025-11-21T09:00:00Z\n    text: Drops the approval date, which no record confirms.\n"
        + "corrections:\n  - at: 2025-11-21T10:00:00Z\n    text: The mayor’s words were about another tunnel.\n    item: quote-safe-and-on\n";
    story.write("content/facts.yaml", facts.as_bytes());
    commit_all(root, "Withdraws a quote", "2025-11-21T10:05:00Z");
    // A later edition still answers at the old addresses.
    story.edit(
        "content/facts.yaml",
        "updates:\n",
        "updates:\n  - at: 2025-11-22T09:00:00Z\n    text: Adds the engineer’s warning.\n",
    );
    story.build_at(BASE).assert_ok();
    let files = snapshot(&story.output());

    let changes = Html::parse_document(&text(&files, "changes.html"));
    let quote = Html::parse_document(&text(&files, "embed/quote-safe-and-on.html"));
    let notice: String = select(&quote, "h2")[0].text().collect();
    assert_eq!(
        notice,
        "Removed from the explainer on 21 November 2025 at 10:00 GMT+0."
    );
    let note: String = select(&quote, ".correction-note")[0].text().collect();
    assert!(note.contains("Correction"), "{note}");
    assert!(note.contains("about another tunnel"), "{note}");
    assert_eq!(
        select(&quote, "base")[0].attr("target"),
        Some("_top"),
        "links open outside the frame"
    );
    assert_eq!(
        select(&quote, "script")[0].attr("src"),
        Some("embed.js"),
        "the frame is sized as every embed's is"
    );
    let record: Vec<&str> = select(&quote, ".embed-more a")
        .iter()
        .filter_map(|a| a.attr("href"))
        .collect();
    assert_eq!(record, ["changes.html#edition-20251121T100000Z"]);
    assert!(
        ids(&changes).contains("edition-20251121T100000Z"),
        "the record has the anchor the notice links to"
    );
    // Linked to the correction on the main page, which has it.
    let page = Html::parse_document(&text(&files, "index.html"));
    let to_note = select(&quote, ".correction-note a")[0]
        .attr("href")
        .unwrap();
    let anchor = to_note.strip_prefix("index.html#").expect(to_note);
    assert!(ids(&page).contains(anchor), "{anchor}");

    // The event removed with it has no correction of its own: the notice
    // gives the update that came with the edition, and links the record.
    let event = Html::parse_document(&text(&files, "embed/event-tunnel-approved.html"));
    let note: String = select(&event, ".correction-note")[0].text().collect();
    assert!(
        note.starts_with("Update, 21 November 2025 at 09:00"),
        "{note}"
    );
    assert!(note.contains("no record confirms"), "{note}");
    assert_eq!(
        select(&event, ".embed-more a")[0].attr("href"),
        Some("changes.html#edition-20251121T100000Z")
    );

    let oembed: Value =
        serde_json::from_str(&text(&files, "embed/quote-safe-and-on.json")).unwrap();
    assert_eq!(oembed["type"], "rich");
    assert_eq!(oembed["title"], "Removed · The tunnel inquiry");
    let html = oembed["html"].as_str().unwrap();
    assert!(
        html.contains(&format!("src=\"{BASE}embed/quote-safe-and-on.html\"")),
        "{html}"
    );
    assert!(html.contains("embed-host.js"), "{html}");
    // What is still on the page keeps its own embed, and no other notice
    // is made.
    let notices: Vec<String> = embed_pages(&files)
        .into_iter()
        .filter(|(_, doc)| !select(doc, "body.embed-removed").is_empty())
        .map(|(id, _)| id)
        .collect();
    assert_eq!(notices, ["event-tunnel-approved", "quote-safe-and-on"]);
}
