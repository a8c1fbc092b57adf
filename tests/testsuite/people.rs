//! People and the names that link to them: ids quotes and events refer to,
//! aliases (shared by namesakes, a month or a common word), whole-word
//! mentions in any script, a person listed twice in an event.

use crate::common::broken::{ARTICLE, Case, FACTS, every_case_fails_keeping_output};
use crate::common::{Story, between, edge};

const CASES: &[Case] = &[
    Case {
        name: "unknown speaker",
        file: FACTS,
        from: "speaker: tomas-berg",
        to: "speaker: tomas-burg",
        expect: &[
            "content/facts.yaml:13:14",
            "no person has the id `tomas-burg`",
            "did you mean `tomas-berg`?",
        ],
    },
    Case {
        name: "speaker by name",
        file: FACTS,
        from: "speaker: tomas-berg",
        to: "speaker: Tomas Berg",
        expect: &["content/facts.yaml:13:14", "did you mean `tomas-berg`?"],
    },
    Case {
        name: "unknown timeline person",
        file: FACTS,
        from: "people: [tomas-berg]",
        to: "people: [tomas-bergg]",
        expect: &[
            "content/facts.yaml:20:14",
            "no person has the id `tomas-bergg`",
            "did you mean `tomas-berg`?",
        ],
    },
    Case {
        name: "timeline person by name",
        file: FACTS,
        from: "people: [tomas-berg]",
        to: "people: [Tomas Berg]",
        expect: &[
            "content/facts.yaml:20:14",
            "no person has the id `Tomas Berg`",
            "did you mean `tomas-berg`?",
        ],
    },
    Case {
        name: "one person twice in an event",
        file: FACTS,
        from: "people: [tomas-berg]",
        to: "people: [tomas-berg, lena-okafor, tomas-berg]",
        expect: &[
            "content/facts.yaml:20:39",
            "`tomas-berg` is listed twice in this event's `people`",
        ],
    },
];

#[test]
fn every_broken_input_is_reported_and_the_last_good_output_survives() {
    every_case_fails_keeping_output(CASES);
}

#[test]
fn a_name_namesakes_share_warns_and_is_not_linked() {
    let story = Story::base();
    story.edit(
        FACTS,
        "    group: Engineers\n",
        "    group: Engineers\n    aliases: [Berg]\n",
    );
    story.edit(
        ARTICLE,
        "at the March meeting.",
        "at the March meeting. Berg left early.",
    );
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "warning: `Berg` names 2 people (`tomas-berg`, `lena-okafor`); mentions of it are not linked"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/facts.yaml:8:9"),
        "{}",
        run.stderr
    );
    let page = story.page();
    assert!(
        page.contains("meeting. Berg left early."),
        "the shared alias was linked"
    );
    // The full name is still one person's, and linked.
    assert!(page.contains("id=\"mention-tomas-berg\""));
}

#[test]
fn an_alias_that_is_a_month_or_a_common_word_warns() {
    let story = Story::base();
    story.edit(FACTS, "aliases: [Berg]", "aliases: [Berg, March, Will]");
    let run = story.build();
    run.assert_ok();
    for wanted in [
        "warning: the alias `March` is also a month: every “March” in the article, at the start of a sentence or not, will link to Tomas Berg",
        "content/facts.yaml:7:21",
        "warning: the alias `Will` is also a common word",
        "content/facts.yaml:7:28",
    ] {
        assert!(
            run.stderr.contains(wanted),
            "`{wanted}` missing from:\n{}",
            run.stderr
        );
    }
}

#[test]
fn names_link_whole_words_only_accents_and_scripts_included() {
    let page = edge::page();
    let link = |prefix: &str, id: &str| {
        format!(
            "<a class=\"mention\" id=\"{prefix}{id}\" href=\"#person-{id}\" data-person=\"{id}\">"
        )
    };
    let mention = |id: &str| link("mention-", id);
    // The caption links its own first mentions; the article still links its.
    let caption = between(&page, "<figcaption>", "</figcaption>");
    assert!(caption.contains(&format!(
        "{}José Núñez</a>",
        link("caption-mention-", "jose-nunez")
    )));
    assert!(caption.contains(&format!(
        "{}李小龙</a>",
        link("caption-mention-", "li-xiaolong")
    )));
    let article = between(&page, "<article id=\"article\"", "</article>");
    assert!(article.contains(&format!("{}José Núñez</a> told", mention("jose-nunez"))));
    assert!(article.contains(&format!("{}李小龙</a> said", mention("li-xiaolong"))));
    // A straight apostrophe in the facts finds the curly one in the text.
    assert!(article.contains(&format!("{}Renée O’Brien</a>", mention("renee-obrien"))));
    // "Ann" is not linked inside "Annual" or "Anne", nor in the heading or
    // the code span, but is at "Ann Lee voted".
    assert!(article.contains("The Annual report, which Anne wrote"));
    assert!(article.contains(&format!("{}Ann Lee</a> voted no.", mention("ann-lee"))));
    assert!(article.contains("<code>Ann Lee</code>"));
    assert!(article.contains("id=\"section-ann-lee-in-a-heading\">Ann Lee in a heading</h3>"));
    // Already linked text is left alone.
    assert!(article.contains("<a href=\"https://example.org/jose\">José Núñez's page</a>"));
}
