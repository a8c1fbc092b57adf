//! What a hurried editor does that the build must neither publish nor
//! silently get wrong: private notes, invisible characters, text pasted in
//! another Unicode form, pictures and links to nothing.

mod common;

use common::{Story, snapshot};

const FACTS: &str = "content/facts.yaml";
const ARTICLE: &str = "content/article.md";

/// Every output file, as text, with its name.
fn output_texts(story: &Story) -> Vec<(String, String)> {
    snapshot(&story.output())
        .into_iter()
        .map(|(path, bytes)| {
            (
                path.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        })
        .collect()
}

#[test]
fn html_comments_reach_no_output_file() {
    let story = Story::base();
    story.edit(
        ARTICLE,
        "Mayor Tomas Berg said",
        "<!-- legal says cut this:\n\nthe mayor's brother -->\n\nMayor <!-- SECRET-INLINE --> Tomas Berg said",
    );
    story.edit(
        FACTS,
        "    group: Engineers\n",
        "    group: Engineers\n    summary: \"Chief engineer. <!-- SECRET-SUMMARY -->\"\ntakeaways:\n  - \"<!-- SECRET-TAKEAWAY -->\"\n  - The lining was never tested.\nupdates:\n  - at: 2025-11-21T10:00:00Z\n    text: \"Adds the engineer. <!-- SECRET-UPDATE -->\"\n",
    );
    let run = story.build();
    run.assert_ok();
    for (file, text) in output_texts(&story) {
        for secret in [
            "legal says",
            "brother",
            "SECRET-INLINE",
            "SECRET-SUMMARY",
            "SECRET-TAKEAWAY",
            "SECRET-UPDATE",
            "&lt;!--",
        ] {
            assert!(!text.contains(secret), "`{secret}` is in {file}");
        }
    }
    let page = story.page();
    // The paragraph around the inline note is whole, and still p-1.
    assert!(
        page.contains("<p id=\"p-1\">Mayor  <a class=\"mention\""),
        "{page}"
    );
    assert!(page.contains("Chief engineer."));
    assert!(page.contains("Adds the engineer."));
    // A takeaway that was only a note is gone; the other stays.
    assert!(page.contains("The lining was never tested."));
}

#[test]
fn a_quote_found_only_in_a_note_does_not_verify() {
    let story = Story::base();
    story.edit(
        ARTICLE,
        "at the March meeting.",
        "at the March meeting. <!-- he also said the budget doubled -->",
    );
    story.edit(
        FACTS,
        "    text: safe and on budget\n",
        "    text: safe and on budget\n  - speaker: tomas-berg\n    text: the budget doubled\n",
    );
    story.build().assert_fails_with(&[
        "content/facts.yaml:16:11",
        "the quote is not in the article",
    ]);
}

#[test]
fn an_invisible_character_in_a_name_is_pointed_at() {
    let story = Story::base();
    story.edit(FACTS, "name: Lena Okafor", "name: Lena\u{200b}Okafor");
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("warning: `name` holds U+200B ZERO WIDTH SPACE, an invisible character")
            && run.stderr.contains("content/facts.yaml:9:15"),
        "{}",
        run.stderr
    );
    // Its own warning says it; "never named" beside it would say nothing
    // the editor could read.
    assert!(!run.stderr.contains("never named"), "{}", run.stderr);
    assert!(run.stderr.contains("1 warning"), "{}", run.stderr);
}

#[test]
fn an_article_in_nfd_matches_facts_in_nfc() {
    let story = Story::base();
    // As macOS and many copy-pastes write it: "e" + U+0302 for "ê", "e" +
    // U+0301 for "é".
    story.edit(
        ARTICLE,
        "at the March meeting.",
        "at the March meeting.\n\nAuditor Ine\u{302}s Duarte called it “un de\u{301}sastre e\u{301}vitable.”",
    );
    story.edit(
        FACTS,
        "quotes:\n",
        "  - id: ines-duarte\n    name: Inês Duarte\n    role: Auditor\n    group: Engineers\nquotes:\n  - speaker: ines-duarte\n    text: un désastre évitable\n",
    );
    // A soft hyphen, as CMSs put in for narrow screens, inside a quote.
    story.edit(ARTICLE, "The lining was", "The lin\u{ad}ing was");
    let run = story.build();
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let page = story.page();
    assert!(
        page.contains("<a class=\"mention\" id=\"mention-ines-duarte\" href=\"#person-ines-duarte\" data-person=\"ines-duarte\">Inês Duarte</a>"),
        "the accented name was not linked"
    );
    // The page is NFC throughout.
    assert!(page.contains("un désastre évitable"));
    assert!(!page.contains('\u{301}') && !page.contains('\u{302}'));
}

#[test]
fn local_pictures_and_links_that_exist_are_published() {
    let story = Story::base();
    story.write("static/maps/basin.png", b"\x89PNG fake");
    story.write("static/docs/memo final.pdf", b"%PDF fake");
    story.edit(
        ARTICLE,
        "Mayor Tomas Berg said",
        "![Map of the basin](maps/basin.png) Mayor Tomas Berg said",
    );
    story.edit(
        ARTICLE,
        "We warned them twice.”",
        "We warned them twice.” [The memo](docs/memo%20final.pdf), [the mayor](#person-tomas-berg), [above](#p-1), [the data](facts.json).",
    );
    story.edit(
        FACTS,
        "    group: Engineers\n",
        "    group: Engineers\n    summary: \"See [the map](./maps/basin.png).\"\n",
    );
    story.build().assert_ok();
    assert_eq!(
        std::fs::read(story.output().join("maps/basin.png")).unwrap(),
        b"\x89PNG fake"
    );
    assert!(story.output().join("docs/memo final.pdf").is_file());
    let page = story.page();
    assert!(
        page.contains("<img src=\"maps/basin.png\" alt=\"Map of the basin\""),
        "{page}"
    );
    assert!(page.contains("href=\"docs/memo%20final.pdf\""));
}
