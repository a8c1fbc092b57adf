//! The article's Markdown: what of it is the article's text (not HTML
//! comments, alt text, code or struck-out text; list items, table cells and
//! headings are), footnotes, and an article with no text.

use crate::common::broken::{ARTICLE, Case, FACTS, every_case_fails_keeping_output};
use crate::common::{Story, snapshot};

const CASES: &[Case] = &[Case {
    name: "empty article body",
    file: ARTICLE,
    from: "Mayor Tomas Berg said the tunnel was “safe and on budget” at the March meeting.\n\nEngineer Lena Okafor disagreed: “The lining was never tested. We warned them twice.”\n",
    to: "\n<!-- to be written -->\n",
    expect: &[
        "content/article.md:6:1",
        "the article has no text after its front matter",
    ],
}];

#[test]
fn every_broken_input_is_reported_and_the_last_good_output_survives() {
    every_case_fails_keeping_output(CASES);
}

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
fn quotes_and_names_count_in_list_items_table_cells_and_headings() {
    let story = Story::base();
    story.edit(
        ARTICLE,
        "We warned them twice.”\n",
        "We warned them twice.”\n\n## Berg’s “open book” pledge\n\n- Okafor: “tests were skipped”\n\n| Who | Said |\n|---|---|\n| Inês Duarte | “no record was kept” |\n",
    );
    story.edit(
        FACTS,
        "quotes:\n",
        "  - id: ines-duarte\n    name: Inês Duarte\n    role: Auditor\n    group: Engineers\nquotes:\n  - speaker: tomas-berg\n    text: open book\n  - speaker: lena-okafor\n    text: tests were skipped\n  - speaker: ines-duarte\n    text: no record was kept\n",
    );
    let run = story.build();
    run.assert_ok();
    // Named only in a table cell is named: no "never named" warning.
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let page = story.page();
    // p-1 and p-2 are the paragraphs; the heading has its own id; then
    // the list item, and the table's cells in order.
    assert!(
        page.contains("<li id=\"p-3\">Okafor: “tests were skipped”</li>"),
        "{page}"
    );
    assert!(
        page.contains("<td id=\"p-6\"><a class=\"mention\" id=\"mention-ines-duarte\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"#p-3\""),
        "the list item's quote links to it"
    );
    assert!(
        page.contains("href=\"#p-7\""),
        "the table cell's quote links to it"
    );
    let data = std::fs::read_to_string(story.output().join("facts.json")).unwrap();
    assert!(
        data.contains("\"paragraph\": 7") || data.contains("\"paragraph\":7"),
        "{data}"
    );
}

#[test]
fn words_in_alt_text_code_or_struck_out_text_are_not_the_articles() {
    let story = Story::base();
    story.edit(
        ARTICLE,
        "Engineer Lena Okafor disagreed",
        "![Inspector Ruth Amsel at the portal](tunnel.png) The inspector sent `the tunnel is closed` to staff. ~~The lining will hold.~~\n\nEngineer Lena Okafor disagreed",
    );
    story.write("static/tunnel.png", &crate::common::pictures::png(4, 3));
    story.edit(
        FACTS,
        "timeline:\n",
        "  - speaker: ruth-amsel\n    text: the tunnel is closed\n  - speaker: ruth-amsel\n    text: at the portal\n  - speaker: ruth-amsel\n    text: The lining will hold.\ntimeline:\n",
    );
    story.edit(
        FACTS,
        "quotes:\n",
        "  - id: ruth-amsel\n    name: Ruth Amsel\n    role: Inspector\n    group: Engineers\nquotes:\n",
    );
    let run = story.build();
    for wanted in [
        "its words are in paragraph 2 (content/article.md line 10), but only in inline code, which is not the article's text",
        "its words are in paragraph 2 (content/article.md line 10), but only in a picture's alt text, which is not the article's text",
        "its words are in paragraph 2 (content/article.md line 10), but only in struck-out text (`~~…~~`), which is not the article's text",
        "struck-out text is what the article withdrew",
        "warning: Ruth Amsel is named only in a picture's alt text, which is not part of the article's text",
    ] {
        assert!(
            run.stderr.contains(wanted),
            "`{wanted}` missing:\n{}",
            run.stderr
        );
    }
    assert_eq!(
        run.stderr
            .matches("error: the quote is not in the article")
            .count(),
        3
    );
    assert!(!run.stderr.contains("closest is"), "{}", run.stderr);
}

#[test]
fn a_footnote_is_warned_about_where_it_is_written() {
    let story = Story::base();
    story.edit(
        ARTICLE,
        "at the March meeting.",
        "at the March meeting.[^1]\n\n[^1]: The minutes say so.",
    );
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "warning: footnotes are not supported: `[^1]` is shown on the page as it is written"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/article.md:8:80"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("write the note inline"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("footnotes are not supported").count(), 1);
}
