//! Links: local links and pictures that exist are published, those that
//! do not are errors at their place, `#id`s the page lacks, links to files
//! the build writes, script and data addresses refused, and characters a URL
//! may not hold encoded.

use crate::common::broken::{ARTICLE, Case, FACTS, every_case_fails_keeping_output};
use crate::common::{Story, edge};

const CASES: &[Case] = &[
    Case {
        name: "javascript link in facts",
        file: FACTS,
        from: "    aliases: [Berg]\n",
        to: "    aliases: [Berg]\n    summary: \"[bio](javascript:alert(1))\"\n",
        expect: &[
            "content/facts.yaml:8:14",
            "links to `javascript:alert(1)`",
            "https:",
        ],
    },
    Case {
        name: "javascript link in a person's links",
        file: FACTS,
        from: "    aliases: [Berg]\n",
        to: "    aliases: [Berg]\n    links: [{title: Bio, url: \"JavaScript:alert(1)\"}]\n",
        expect: &["content/facts.yaml:8:", "not a web address"],
    },
    Case {
        name: "javascript link in the article",
        file: ARTICLE,
        from: "Mayor Tomas Berg said",
        to: "Mayor [Tomas Berg](javascript:alert(1)) said",
        expect: &["content/article.md:8:7", "not a web address"],
    },
    Case {
        name: "data link in the article",
        file: ARTICLE,
        from: "Mayor Tomas Berg said",
        to: "Mayor [Tomas Berg](data:text/html,<script>alert(1)</script>) said",
        expect: &["content/article.md:8:7", "not a web address"],
    },
    Case {
        name: "javascript source address",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors: [Ada Byrne]\nsource: {name: AP, url: \"jAvAsCrIpT:alert(1)\"}",
        expect: &["content/article.md:6:", "not a web address"],
    },
    Case {
        name: "link to a file that does not exist",
        file: ARTICLE,
        from: "We warned them twice.”",
        to: "We warned them twice.” [The memo](memo%20final.pdf).",
        expect: &[
            "content/article.md:10:",
            "the article links to static/memo final.pdf, which does not exist",
        ],
    },
    Case {
        name: "link to an id the page does not have",
        file: ARTICLE,
        from: "We warned them twice.”",
        to: "We warned them twice.” [Earlier](#p-9).",
        expect: &[
            "content/article.md:10:96",
            "the article links to `#p-9`, which the page does not have",
            "the article's paragraphs are #p-1 to #p-2",
        ],
    },
    Case {
        name: "takeaway linking to an id the page does not have",
        file: FACTS,
        from: "timeline:",
        to: "takeaways:\n  - \"[The mayor](#person-tomas-burg) spoke.\"\ntimeline:",
        expect: &[
            "content/facts.yaml:18:5",
            "`takeaways` links to `#person-tomas-burg`, which the page does not have",
            "did you mean `#person-tomas-berg`?",
        ],
    },
];

#[test]
fn every_broken_input_is_reported_and_the_last_good_output_survives() {
    every_case_fails_keeping_output(CASES);
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

#[test]
fn the_article_may_link_to_any_file_the_build_writes() {
    let story = Story::base();
    story.edit(
        ARTICLE,
        "We warned them twice.”",
        "We warned them twice.” See [every change](changes.html), [the who's who alone](embed/whos-who.html) and [the mayor's card](embed/person-tomas-berg.html).",
    );
    story.build().assert_ok();
    let page = story.page();
    assert!(page.contains("href=\"changes.html\""), "{page}");
    assert!(page.contains("href=\"embed/whos-who.html\""), "{page}");
    for linked in [
        "changes.html",
        "embed/whos-who.html",
        "embed/person-tomas-berg.html",
    ] {
        assert!(story.output().join(linked).is_file(), "{linked}");
    }

    // A file of the build's shapes that this build does not write is
    // still an error, at the link, with what to write instead.
    story.edit(ARTICLE, "(changes.html)", "(feed.xml)");
    story.edit(
        ARTICLE,
        "embed/person-tomas-berg.html",
        "embed/person-tomas-bergg.html",
    );
    let run = story.build();
    run.assert_fails_with(&[
        "content/article.md:10:",
        "the article links to feed.xml, which this build does not write",
        "feed.xml is written only with a base URL",
        "the article links to embed/person-tomas-bergg.html, which this build does not write",
        "did you mean `embed/person-tomas-berg.html`?",
    ]);
    assert!(run.stderr.contains("2 errors"), "{}", run.stderr);
    // With a base URL the feed is written, and only the misspelt card is
    // left.
    let run = story.build_at("https://news.example/tunnel/");
    run.assert_fails_with(&["embed/person-tomas-bergg.html"]);
    assert!(run.stderr.contains("1 error"), "{}", run.stderr);
}

#[test]
fn a_link_with_characters_a_url_may_not_hold_is_encoded() {
    let page = edge::page();
    assert!(page.contains("href=\"https://example.org/wire?a=1&amp;b=%222%22\""));
}
