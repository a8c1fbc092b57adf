//! The article's Markdown: what of it is the article's text (not HTML
//! comments, alt text, code or struck-out text; list items, table cells and
//! headings are), footnotes, and an article with no text.

use crate::common::Story;
use crate::common::broken::{ARTICLE, Case, FACTS, every_case_fails_keeping_output};

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
