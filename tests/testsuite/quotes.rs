//! Quote verification and typography: a quote must be in the article's own
//! words (an empty one, a wrong word shown marked, a cut inside a word, an
//! ellipsis across paragraphs or out of order, one listed twice), however
//! it is typed (curly or straight marks, Unicode forms), and only the
//! article's published text counts (not a note, not struck-out text).

use crate::common::broken::{ARTICLE, Case, FACTS, every_case_fails_keeping_output};
use crate::common::{Story, between, edge};

const CASES: &[Case] = &[
    Case {
        name: "empty quote",
        file: FACTS,
        from: "text: safe and on budget",
        to: "text: \"“…”\"",
        expect: &["content/facts.yaml:14:11", "the quote is empty"],
    },
    Case {
        name: "quote not in the article",
        file: FACTS,
        from: "text: safe and on budget",
        to: "text: safe and under budget",
        expect: &[
            "content/facts.yaml:14:11",
            "the quote is not in the article",
            "closest is paragraph 1 (content/article.md line 8)",
        ],
    },
    Case {
        name: "ellipsis parts out of order",
        file: FACTS,
        from: "text: The lining was never tested.",
        to: "text: We warned them twice … The lining was never tested",
        expect: &["content/facts.yaml:16:11", "in another order"],
    },
    Case {
        name: "quote cut inside a word",
        file: FACTS,
        from: "text: safe and on budget",
        to: "text: afe and on budg",
        expect: &[
            "content/facts.yaml:14:11",
            "the quote is not in the article",
        ],
    },
    Case {
        name: "blank quote",
        file: FACTS,
        from: "text: safe and on budget",
        to: "text: \"   \"",
        expect: &["content/facts.yaml:14:11", "`text` is empty"],
    },
    Case {
        name: "the same quote twice",
        file: FACTS,
        from: "    text: The lining was never tested.\n",
        to: "    text: The lining was never tested.\n  - speaker: tomas-berg\n    text: “safe and on budget”\n",
        expect: &[
            "content/facts.yaml:18:11",
            "this quote is listed twice (first on line 14)",
        ],
    },
    Case {
        name: "a quote with one wrong word",
        file: FACTS,
        from: "text: The lining was never tested.",
        to: "text: The lining was always tested.",
        expect: &[
            "content/facts.yaml:16:11",
            "the quote is not in the article",
            "the words that differ, marked: the article has “The lining was [never] tested.”, the quote “The lining was [always] tested”",
        ],
    },
    Case {
        name: "an ellipsis across two paragraphs",
        file: FACTS,
        from: "text: The lining was never tested.",
        to: "text: safe and on budget … The lining was never tested",
        expect: &[
            "content/facts.yaml:16:11",
            "the parts of this quote are in the article, from paragraph 1 to paragraph 2, but an ellipsis (`…`) bridges words within one paragraph only",
            "content/article.md lines 8 and 10",
        ],
    },
];

#[test]
fn every_broken_input_is_reported_and_the_last_good_output_survives() {
    every_case_fails_keeping_output(CASES);
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
fn a_quote_found_only_in_struck_out_text_does_not_verify() {
    let story = Story::base();
    story.edit(
        FACTS,
        "    text: The lining was never tested.\n",
        "    text: The lining was never tested.\n  - speaker: tomas-berg\n    text: a bargain\n",
    );
    // Withdrawn by the article: not a source for the quote.
    story.edit(
        ARTICLE,
        "at the March meeting.",
        "at the March meeting. ~~He called it “a bargain”.~~",
    );
    story.build().assert_fails_with(&[
        "content/facts.yaml:18:11",
        "the quote is not in the article",
    ]);
    // The same words, not struck out, verify.
    story.edit(
        ARTICLE,
        "~~He called it “a bargain”.~~",
        "He called it “a bargain”.",
    );
    story.build().assert_ok();
}

#[test]
fn a_stray_quotation_mark_is_not_doubled_on_the_page() {
    let story = Story::base();
    story.edit(
        FACTS,
        "text: safe and on budget",
        "text: “safe and on budget",
    );
    story.build().assert_ok();
    let page = story.page();
    assert!(
        page.contains("“safe and on budget”</p></blockquote>"),
        "{page}"
    );
    assert!(!page.contains("““"), "{page}");
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
fn quotes_match_across_typography_and_ellipses() {
    let page = edge::page();
    let quotes = between(&page, "id=\"quotes\"", "</section>");
    // Four quotes are in the article; the fifth has an outside source.
    assert_eq!(quotes.matches("Read it in the report").count(), 4);
    assert!(quotes.contains("href=\"#p-1\""));
    assert!(quotes.contains("href=\"#p-3\""));
    assert!(
        quotes.contains("Source: <a href=\"https://example.org/minutes\">Minutes &lt;i&gt;</a>")
    );
    assert!(quotes.contains("<time datetime=\"2026-05\">May 2026</time>"));
}
