//! Links: local links and pictures that exist are published, those that
//! do not are errors at their place, `#id`s the page lacks, links to files
//! the build writes, script and data addresses refused, and characters a URL
//! may not hold encoded.

use crate::common::Story;
use crate::common::broken::{ARTICLE, Case, FACTS, every_case_fails_keeping_output};

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
