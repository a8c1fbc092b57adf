//! Characters a reader cannot see: direction overrides and isolates
//! (written or escaped), control characters and invisible characters in
//! the facts and the article, each pointed at by its line and column.

use crate::common::Story;
use crate::common::broken::{ARTICLE, Case, FACTS, every_case_fails_keeping_output};

const CASES: &[Case] = &[
    Case {
        name: "direction override in a name",
        file: FACTS,
        from: "name: Lena Okafor",
        to: "name: Lena \u{202E}Okafor",
        expect: &[
            "content/facts.yaml:9:16",
            "`name` holds U+202E RIGHT-TO-LEFT OVERRIDE, which turns the text after it around",
        ],
    },
    Case {
        name: "direction isolate written as an escape",
        file: FACTS,
        from: "role: Engineer",
        to: "role: \"Engineer\\u2067\"",
        expect: &[
            "content/facts.yaml:10:11",
            "`role` holds U+2067 RIGHT-TO-LEFT ISOLATE",
        ],
    },
    Case {
        name: "control character in a role",
        file: FACTS,
        from: "role: Mayor",
        to: "role: \"Ma\\ayor\"",
        expect: &[
            "content/facts.yaml:5:11",
            "`role` holds U+0007, a control character",
        ],
    },
    Case {
        name: "control character in the title",
        file: ARTICLE,
        from: "title: The tunnel inquiry",
        to: "title: \"The tunnel\\e inquiry\"",
        expect: &[
            "content/article.md:2:8",
            "`title` holds U+001B ESCAPE, a control character",
        ],
    },
    Case {
        name: "direction override in the article",
        file: ARTICLE,
        from: "Mayor Tomas Berg said",
        to: "Mayor Tomas Berg\u{202E} said",
        expect: &["content/article.md:8:17", "the article holds U+202E"],
    },
    Case {
        name: "direction override as a character reference",
        file: ARTICLE,
        from: "Mayor Tomas Berg said",
        to: "Mayor Tomas Berg&#x202e; said",
        expect: &["content/article.md:8:17", "the article holds U+202E"],
    },
    Case {
        name: "form feed in the article",
        file: ARTICLE,
        from: "Okafor disagreed:",
        to: "Okafor disagreed:\u{c}",
        expect: &["content/article.md:10:32", "U+000C, a control character"],
    },
];

#[test]
fn every_broken_input_is_reported_and_the_last_good_output_survives() {
    every_case_fails_keeping_output(CASES);
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
