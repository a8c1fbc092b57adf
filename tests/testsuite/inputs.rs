//! The story's files as files: missing, not UTF-8 (with the byte offset,
//! line and column), a folder where a file belongs, unreadable, with a byte
//! order mark and CRLF line ends, holding a merge left unfinished; symbolic
//! links in `static/` and their loops; the root (missing, without
//! `content/`, or `content/` itself).

use crate::common::Story;
use crate::common::broken::{ARTICLE, Case, FACTS, every_case_fails_keeping_output};

const CASES: &[Case] = &[Case {
    name: "merge conflict markers in the article",
    file: ARTICLE,
    from: "Mayor Tomas Berg said",
    to: "<<<<<<< HEAD\nMayor Tomas Berg said\n=======\nThe mayor said\n>>>>>>> theirs\n",
    expect: &["content/article.md:8:1", "an unfinished git merge"],
}];

#[test]
fn every_broken_input_is_reported_and_the_last_good_output_survives() {
    every_case_fails_keeping_output(CASES);
}

#[test]
fn files_that_are_missing_or_not_utf8_are_named() {
    let story = Story::base();
    std::fs::remove_file(story.root().join(FACTS)).unwrap();
    let run = story.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/facts.yaml not found"),
        "{}",
        run.stderr
    );

    let story = Story::base();
    let mut bytes = story.read(FACTS).into_bytes();
    bytes.splice(50..50, [0xff, 0xfe]);
    story.write(FACTS, &bytes);
    let run = story.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/facts.yaml is not valid UTF-8: bad byte at offset 50"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/facts.yaml:3:"),
        "{}",
        run.stderr
    );
}

#[test]
fn byte_order_mark_and_crlf_build() {
    let story = Story::base();
    let crlf = |s: &str| format!("\u{feff}{}", s.replace('\n', "\r\n"));
    story.write(ARTICLE, crlf(crate::common::BASE_ARTICLE).as_bytes());
    story.write(FACTS, crlf(crate::common::BASE_FACTS).as_bytes());
    story.build().assert_ok();
    // Positions still point at the right line and column.
    story.edit(FACTS, "speaker: tomas-berg", "speaker: tomas-burg");
    assert!(story.build().stderr.contains("content/facts.yaml:13:14"));
}
