//! The article's front matter: present, closed, a mapping; its YAML syntax;
//! its required fields, the type of each, unknown fields with a
//! did-you-mean, and the `photo` and `source` mappings inside it.

use crate::common::Story;
use crate::common::broken::{ARTICLE, Case, every_case_fails_keeping_output};

const CASES: &[Case] = &[
    Case {
        name: "missing title",
        file: ARTICLE,
        from: "title: The tunnel inquiry\n",
        to: "",
        expect: &[
            "content/article.md:2:1",
            "the front matter is missing `title`",
        ],
    },
    Case {
        name: "missing front matter",
        file: ARTICLE,
        from: "---\ntitle",
        to: "title",
        expect: &["content/article.md:1:1", "no front matter"],
    },
    Case {
        name: "unclosed front matter",
        file: ARTICLE,
        from: "---\n\nMayor",
        to: "\nMayor",
        expect: &["content/article.md:1:1", "never closed"],
    },
    Case {
        name: "front matter not a mapping",
        file: ARTICLE,
        from: "title: The tunnel inquiry\ndescription: What the council knew.\npublished: 2025-11-20\nauthors: [Ada Byrne]\n",
        to: "- just a list\n",
        expect: &[
            "content/article.md:2:1",
            "the front matter must be a mapping, found a list",
        ],
    },
    Case {
        name: "unknown front matter field",
        file: ARTICLE,
        from: "authors:",
        to: "author:",
        expect: &[
            "content/article.md:5:1",
            "unknown field `author`",
            "did you mean `authors`?",
        ],
    },
    Case {
        name: "tab in the front matter",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors:\n\t- Ada Byrne",
        expect: &["content/article.md:6:", "invalid YAML", "tabs"],
    },
    Case {
        name: "duplicate key in the front matter",
        file: ARTICLE,
        from: "authors: [Ada Byrne]\n",
        to: "authors: [Ada Byrne]\ntitle: Again\n",
        expect: &["content/article.md:6:", "duplicate"],
    },
    Case {
        name: "unclosed string in the front matter",
        file: ARTICLE,
        from: "title: The tunnel inquiry",
        to: "title: \"The tunnel inquiry",
        expect: &["content/article.md:", "invalid YAML"],
    },
    Case {
        name: "title a number",
        file: ARTICLE,
        from: "title: The tunnel inquiry",
        to: "title: 1984",
        expect: &[
            "content/article.md:2:8",
            "`title` must be text, found a number",
            "put the value in quotes",
        ],
    },
    Case {
        name: "authors a mapping",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors: {name: Ada Byrne}",
        expect: &[
            "content/article.md:5:10",
            "`authors` must be a list, found a mapping",
        ],
    },
    Case {
        name: "photo a list",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors: [Ada Byrne]\nphoto: [tunnel.jpg]",
        expect: &[
            "content/article.md:6:8",
            "`photo` must be a mapping, found a list",
        ],
    },
    Case {
        name: "source without name",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors: [Ada Byrne]\nsource: {url: \"https://example.org/\"}",
        expect: &["content/article.md:6:9", "`source` is missing `name`"],
    },
    Case {
        name: "missing published",
        file: ARTICLE,
        from: "published: 2025-11-20\n",
        to: "",
        expect: &[
            "content/article.md:2:1",
            "the front matter is missing `published`",
        ],
    },
    Case {
        name: "empty front matter",
        file: ARTICLE,
        from: "title: The tunnel inquiry\ndescription: What the council knew.\npublished: 2025-11-20\nauthors: [Ada Byrne]\n",
        to: "",
        expect: &[
            "content/article.md:2:1",
            "the front matter is empty",
            "add `title:` and `published:`",
        ],
    },
    Case {
        name: "unknown field in the photo",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors: [Ada Byrne]\nphoto: {caption: The tunnel, credti: AP}",
        expect: &[
            "content/article.md:6:",
            "unknown field `credti` in `photo`",
            "did you mean `credit`?",
        ],
    },
    Case {
        name: "unknown field in the source",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors: [Ada Byrne]\nsource: {name: AP, ulr: \"https://apnews.com/\"}",
        expect: &[
            "content/article.md:6:",
            "unknown field `ulr` in `source`",
            "did you mean `url`?",
        ],
    },
];

#[test]
fn every_broken_input_is_reported_and_the_last_good_output_survives() {
    every_case_fails_keeping_output(CASES);
}

#[test]
fn a_broken_front_matter_adds_no_never_named_warnings() {
    let story = Story::base();
    // Berg is named only in the caption; a bad date fails the front matter.
    story.edit(ARTICLE, "Mayor Tomas Berg said", "The mayor said");
    story.edit(
        ARTICLE,
        "published: 2025-11-20\n",
        "published: 2025-11-31\nphoto: {caption: Tomas Berg at the meeting}\n",
    );
    let run = story.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("never named"), "{}", run.stderr);
}
