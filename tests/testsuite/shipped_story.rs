//! The story the project ships builds cleanly and shows everything an
//! editor expects: article, who's-who, key quotes, timeline, takeaways.

use crate::common::{Story, between, snapshot};

fn built() -> (Story, String, String) {
    let story = Story::copy_of(".");
    let run = story.build();
    run.assert_ok();
    let page = story.page();
    (story, page, run.stderr)
}

#[test]
fn builds_without_warnings() {
    let (_, _, stderr) = built();
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(stderr.contains("Built "), "{stderr}");
}

/// A new user's first build runs in a clone of this repository, whose
/// history holds editions of the story that were published: renaming what
/// they published would be warned about there, and nowhere else (a copy
/// has no history). In a shallow clone the build notes that it has no
/// history, which is no warning.
#[test]
fn builds_without_warnings_with_its_own_history() {
    let output = tempfile::tempdir().unwrap();
    let repo = crate::common::repo();
    let run = crate::common::run(&[
        "build",
        "--root",
        repo.to_str().unwrap(),
        "--output",
        output.path().to_str().unwrap(),
    ]);
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn has_the_stable_sections_and_a_card_for_everyone_named() {
    let (story, page, _) = built();
    for id in ["article", "whos-who", "quotes", "timeline"] {
        assert!(
            page.contains(&format!("id=\"{id}\"")),
            "section {id} missing"
        );
    }
    for person in [
        "marco-rubio",
        "sergey-lavrov",
        "michael-waltz",
        "steven-witkoff",
        "yuri-ushakov",
        "faisal-bin-farhan",
        "mosaad-al-aiban",
        "volodymyr-zelenskyy",
        "vladimir-putin",
        "donald-trump",
        "joe-biden",
        "antony-blinken",
        "pete-hegseth",
        "emmanuel-macron",
        "mohammed-bin-salman",
    ] {
        assert!(
            page.contains(&format!("<li class=\"card\" id=\"person-{person}\"")),
            "no card for {person}"
        );
        assert!(
            page.contains(&format!("href=\"#person-{person}\"")),
            "nothing links to {person}"
        );
    }
    // Every static file is there and linked relatively.
    let files = snapshot(&story.output());
    assert!(files.contains_key(std::path::Path::new("style.css")));
    assert!(page.contains("href=\"style.css\""));
    assert!(files.contains_key(std::path::Path::new("explainer.js")));
}

/// The budget a reader on a slow phone pays for: the page, its stylesheet
/// and its script together, uncompressed, as published (with a base URL,
/// which adds the canonical, feed, oEmbed and sharing tags) and as built
/// locally.
#[test]
fn page_stylesheet_and_script_stay_within_60_kb() {
    let (story, _, _) = built();
    let source = std::fs::read(crate::common::repo().join("static/style.css")).unwrap();
    for base_url in [None, Some("https://news.example/riyadh-talks/")] {
        let root = story.root().to_str().unwrap();
        let mut args = vec!["build", "--root", root];
        args.extend(base_url.iter().flat_map(|url| ["--base-url", url]));
        crate::common::run(&args).assert_ok();
        let files = snapshot(&story.output());
        let css = &files[std::path::Path::new("style.css")];
        assert!(
            css.len() < source.len(),
            "the built-in stylesheet ships compacted"
        );
        assert!(!String::from_utf8_lossy(css).contains("/*"));
        let total: usize = ["index.html", "style.css", "explainer.js"]
            .iter()
            .map(|f| files[std::path::Path::new(f)].len())
            .sum();
        assert!(
            total < 60 * 1024,
            "{total} bytes with base URL {base_url:?}"
        );
    }
}

#[test]
fn first_mentions_link_once_per_person() {
    let (_, page, _) = built();
    let rubio_mentions = page
        .matches("class=\"mention\" id=\"mention-marco-rubio\"")
        .count();
    assert_eq!(rubio_mentions, 1);
    let article = between(&page, "<article id=\"article\"", "</article>");
    for name in [
        "Volodymyr Zelenskyy",
        "Marco Rubio",
        "Sergey Lavrov",
        "Jamal Khashoggi",
    ] {
        assert!(
            article.contains(&format!("\">{name}</a>")),
            "{name} not linked in the article"
        );
    }
    // People named only in the caption are linked there.
    let caption = between(&page, "<figcaption>", "</figcaption>");
    assert!(caption.contains("id=\"caption-mention-mosaad-al-aiban\""));
    // The card links back to the first mention.
    let card = between(
        &page,
        "id=\"person-marco-rubio\"",
        "id=\"person-michael-waltz\"",
    );
    assert!(card.contains("href=\"#mention-marco-rubio\""), "{card}");
}

#[test]
fn key_quotes_are_verified_and_link_to_their_paragraph() {
    let (_, page, _) = built();
    let quotes = between(&page, "id=\"quotes\"", "</section>");
    let figures = quotes.matches("<figure class=\"quote\">").count();
    assert_eq!(figures, 9, "the shipped story has nine key quotes");
    assert_eq!(quotes.matches("<blockquote>").count(), figures);
    // Every quote comes from the article, so every one links to a paragraph
    // that exists on the page.
    let links: Vec<&str> = quotes
        .split("href=\"#p-")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(links.len(), figures);
    for n in links {
        assert!(
            page.contains(&format!("<p id=\"p-{n}\">")),
            "paragraph {n} missing"
        );
    }
}

#[test]
fn timeline_is_sorted_marks_the_story_and_what_is_upcoming() {
    let (_, page, _) = built();
    let timeline = between(&page, "id=\"timeline\"", "</section>");
    let dates: Vec<&str> = timeline
        .split("<time datetime=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    // Thirteen events and the marker for this story, each with its date.
    assert_eq!(timeline.matches("\" id=\"event-").count(), 13);
    assert_eq!(timeline.matches("id=\"this-story\"").count(), 1);
    assert_eq!(dates.len(), 14, "{dates:?}");
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "timeline not in date order");
    assert_eq!(dates.first(), Some(&"2014-03-18"));
    assert!(timeline.contains("<time datetime=\"2014-03-18\">18 March 2014</time>"));
    // The story's own date, then the rescheduled visit as upcoming.
    assert!(timeline.contains("event-story"));
    let upcoming = between(timeline, "event-upcoming", "</li>");
    assert!(upcoming.contains("2025-03-10"), "{upcoming}");
    assert!(timeline.find("event-story").unwrap() < timeline.find("2025-03-10").unwrap());
}

#[test]
fn header_has_the_three_goals_byline_dates_and_caption() {
    let (_, page, _) = built();
    let header = between(&page, "<header", "</header>");
    assert!(header.contains("<h1>"));
    assert_eq!(page.matches("<h1").count(), 1);
    assert!(header.contains("By Matthew Lee and Dasha Litvinova"));
    // The demo says when, to the minute, in the zone it was published in.
    assert!(header.contains(
        "<time datetime=\"2025-02-19T06:30:00+03:00\">19 February 2025 at 06:30 GMT+3</time>"
    ));
    assert!(header.contains("Evelyn Hockstein/Pool Photo via AP"));
    let takeaways = between(header, "What to know", "</ul>");
    for goal in ["embass", "high-level team", "economic cooperation"] {
        assert!(
            takeaways.contains(goal),
            "takeaways lack {goal}: {takeaways}"
        );
    }
}

#[test]
fn page_works_offline_and_at_any_subpath() {
    let (_, page, _) = built();
    // No request to any other site: nothing loaded from an absolute URL.
    // Three scripts: the page's own optional extras, loaded relatively and
    // deferred so they never hold up the text, and two data blocks: the
    // JSON-LD and the extras' words.
    assert_eq!(page.matches("<script").count(), 3, "{page}");
    let words = between(
        &page,
        "<script type=\"application/json\" id=\"explainer-words\">",
        "</script>",
    );
    assert!(words.contains("\"copy_link\":\"Copy link\","), "{words}");
    assert!(
        words.contains("\"copy_embed\":\"Copy embed code\","),
        "{words}"
    );
    assert!(page.contains("<script src=\"explainer.js\" defer></script>"));
    assert!(page.contains("<script type=\"application/ld+json\">"));
    assert!(!page.contains("<iframe"), "iframe in page");
    for attr in ["src=\"http", "src=\"//", "href=\"/"] {
        assert!(!page.contains(attr), "{attr} in page");
    }
    for link in page
        .split("<link ")
        .skip(1)
        .map(|l| &l[..l.find('>').unwrap()])
    {
        assert!(
            !link.contains("href=\"http"),
            "stylesheet or icon from another site: {link}"
        );
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let story = Story::copy_of(".");
    story.build().assert_ok();
    let first = snapshot(&story.output());
    story.build().assert_ok();
    assert_eq!(first, snapshot(&story.output()));
}

#[test]
fn the_library_builds_it_too() {
    let story = Story::copy_of(".");
    let report = explainer::build(&explainer::BuildOptions::new(story.root())).expect("builds");
    let counts = report.counts.unwrap();
    assert_eq!(
        (counts.people, counts.quotes, counts.events),
        (16, 9, 13),
        "{counts:?}"
    );
    assert!(report.diagnostics.is_empty());
    let checked = explainer::check(story.root()).expect("checks");
    assert_eq!(checked.counts, Some(counts));
}

#[test]
fn a_root_with_only_content_uses_the_built_in_theme() {
    let story = Story::base();
    assert!(!story.root().join("templates").exists());
    story.build().assert_ok();
    assert!(story.output().join("style.css").exists());
    assert!(story.page().contains("id=\"whos-who\""));
}

#[test]
fn a_root_template_overrides_the_default_file_by_file() {
    let story = Story::base();
    story.write(
        "templates/quote.html",
        b"<li id=\"{{ quote.id }}\" class=\"mine\">{{ quote.text }}</li>",
    );
    story.write("static/style.css", b"body { color: red }");
    story.build().assert_ok();
    let page = story.page();
    assert!(
        page.contains("<li id=\"quote-safe-and-on\" class=\"mine\">safe and on budget</li>"),
        "{page}"
    );
    assert!(
        page.contains("id=\"person-tomas-berg\""),
        "the other templates stay"
    );
    assert_eq!(
        std::fs::read_to_string(story.output().join("style.css")).unwrap(),
        "body { color: red }"
    );
}
