//! Quote verification and typography: a quote must be in the article's own
//! words (an empty one, a wrong word shown marked, a cut inside a word, an
//! ellipsis across paragraphs or out of order, one listed twice), however
//! it is typed (curly or straight marks, Unicode forms), and only the
//! article's published text counts (not a note, not struck-out text).

use crate::common::Story;
use crate::common::broken::{ARTICLE, Case, FACTS, every_case_fails_keeping_output};

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
