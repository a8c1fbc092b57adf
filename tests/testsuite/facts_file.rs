//! The facts file (`content/facts.yaml`) as YAML and as a schema: syntax
//! (indentation, tabs, unclosed strings and brackets, duplicate keys), the
//! file's shape, the type of every field at every level, every required
//! field missing in turn, unknown fields with a did-you-mean, ids that are
//! no slug or are used twice, an empty file, a second document, and a merge
//! left unfinished.

use crate::common::broken::{Case, FACTS, every_case_fails_keeping_output};

const CASES: &[Case] = &[
    Case {
        name: "unclosed string",
        file: FACTS,
        from: "text: safe and on budget",
        to: "text: \"safe and on budget",
        expect: &["content/facts.yaml:", "invalid YAML"],
    },
    Case {
        name: "tab indentation",
        file: FACTS,
        from: "    role: Mayor",
        to: "\trole: Mayor",
        expect: &["content/facts.yaml:4", "invalid YAML", "tabs"],
    },
    Case {
        name: "duplicate key",
        file: FACTS,
        from: "    role: Mayor\n",
        to: "    role: Mayor\n    role: Boss\n",
        expect: &["content/facts.yaml:6", "duplicate"],
    },
    Case {
        name: "missing required field",
        file: FACTS,
        from: "    role: Mayor\n",
        to: "",
        expect: &[
            "content/facts.yaml:3:5",
            "a person is missing `role`",
            "add a `role:` line",
        ],
    },
    Case {
        name: "number where text belongs",
        file: FACTS,
        from: "role: Mayor",
        to: "role: 2014",
        expect: &[
            "content/facts.yaml:5:11",
            "`role` must be text, found a number",
            "quotes",
        ],
    },
    Case {
        name: "string where a list belongs",
        file: FACTS,
        from: "aliases: [Berg]",
        to: "aliases: Berg",
        expect: &[
            "content/facts.yaml:7:14",
            "`aliases` must be a list, found text",
        ],
    },
    Case {
        name: "list where a mapping belongs",
        file: FACTS,
        from: "  - id: lena-okafor\n    name: Lena Okafor\n    role: Engineer\n    group: Engineers\n",
        to: "  - [lena-okafor, Lena Okafor]\n",
        expect: &[
            "content/facts.yaml:8:5",
            "a person must be a mapping, found a list",
        ],
    },
    Case {
        name: "unknown field",
        file: FACTS,
        from: "aliases: [Berg]",
        to: "alias: [Berg]",
        expect: &[
            "content/facts.yaml:7:5",
            "unknown field `alias` in a person",
            "did you mean `aliases`?",
        ],
    },
    Case {
        name: "unknown top-level field",
        file: FACTS,
        from: "quotes:",
        to: "quotse:",
        expect: &[
            "content/facts.yaml:12:1",
            "unknown field `quotse`",
            "did you mean `quotes`?",
        ],
    },
    Case {
        name: "id not a slug",
        file: FACTS,
        from: "id: lena-okafor",
        to: "id: Lena_Okafor",
        expect: &[
            "content/facts.yaml:8:9",
            "`Lena_Okafor` is not a valid id",
            "lena-okafor",
        ],
    },
    Case {
        name: "id used twice",
        file: FACTS,
        from: "id: lena-okafor",
        to: "id: tomas-berg",
        expect: &[
            "content/facts.yaml:8:9",
            "the id `tomas-berg` is used twice",
            "first used on line 3",
        ],
    },
    Case {
        name: "id not a slug, used by a quote",
        file: FACTS,
        from: "id: tomas-berg",
        to: "id: Tomas_Berg",
        expect: &["content/facts.yaml:3:9", "`Tomas_Berg` is not a valid id"],
    },
    Case {
        name: "bad indentation",
        file: FACTS,
        from: "    role: Mayor",
        to: "   role: Mayor",
        expect: &["content/facts.yaml:5:", "invalid YAML"],
    },
    Case {
        name: "unclosed bracket",
        file: FACTS,
        from: "aliases: [Berg]",
        to: "aliases: [Berg",
        expect: &["content/facts.yaml:", "invalid YAML"],
    },
    Case {
        name: "facts file a list",
        file: FACTS,
        from: crate::common::BASE_FACTS,
        to: "- Tomas Berg\n- Lena Okafor\n",
        expect: &[
            "content/facts.yaml:1:1",
            "facts.yaml must be a mapping, found a list",
        ],
    },
    Case {
        name: "facts file plain text",
        file: FACTS,
        from: crate::common::BASE_FACTS,
        to: "Tomas Berg and Lena Okafor\n",
        expect: &[
            "content/facts.yaml:1:1",
            "facts.yaml must be a mapping, found text",
        ],
    },
    Case {
        name: "groups a mapping",
        file: FACTS,
        from: "groups: [Council, Engineers]",
        to: "groups: {Council: 1}",
        expect: &[
            "content/facts.yaml:1:9",
            "`groups` must be a list, found a mapping",
        ],
    },
    Case {
        name: "quotes text",
        file: FACTS,
        from: "quotes:\n  - speaker: tomas-berg\n    text: safe and on budget\n  - speaker: lena-okafor\n    text: The lining was never tested.\n",
        to: "quotes: none\n",
        expect: &[
            "content/facts.yaml:12:9",
            "`quotes` must be a list, found text",
        ],
    },
    Case {
        name: "timeline event text",
        file: FACTS,
        from: "  - date: 2019\n    title: Tunnel approved\n",
        to: "  - 2019, tunnel approved\n",
        expect: &[
            "content/facts.yaml:21:5",
            "a timeline event must be a mapping, found text",
        ],
    },
    Case {
        name: "takeaways a number",
        file: FACTS,
        from: "groups:",
        to: "takeaways: 3\ngroups:",
        expect: &[
            "content/facts.yaml:1:12",
            "`takeaways` must be a list, found a number",
        ],
    },
    Case {
        name: "quote text a number",
        file: FACTS,
        from: "text: safe and on budget",
        to: "text: 42",
        expect: &[
            "content/facts.yaml:14:11",
            "`text` must be text, found a number",
        ],
    },
    Case {
        name: "name a list",
        file: FACTS,
        from: "name: Lena Okafor",
        to: "name: [Lena, Okafor]",
        expect: &[
            "content/facts.yaml:9:11",
            "`name` must be text, found a list",
        ],
    },
    Case {
        name: "alias a number",
        file: FACTS,
        from: "aliases: [Berg]",
        to: "aliases: [Berg, 7]",
        expect: &["content/facts.yaml:7:21", "must be text, found a number"],
    },
    Case {
        name: "timeline title a mapping",
        file: FACTS,
        from: "title: Tunnel approved",
        to: "title: {en: Tunnel approved}",
        expect: &[
            "content/facts.yaml:22:12",
            "`title` must be text, found a mapping",
        ],
    },
    Case {
        name: "timeline people text",
        file: FACTS,
        from: "people: [tomas-berg]",
        to: "people: {who: tomas-berg}",
        expect: &[
            "content/facts.yaml:20:13",
            "`people` must be a list, found a mapping",
        ],
    },
    Case {
        name: "link text",
        file: FACTS,
        from: "    aliases: [Berg]\n",
        to: "    aliases: [Berg]\n    links: [https://example.org/]\n",
        expect: &[
            "content/facts.yaml:8:13",
            "a link must be a mapping, found text",
        ],
    },
    Case {
        name: "person without id",
        file: FACTS,
        from: "  - id: lena-okafor\n    name: Lena Okafor",
        to: "  - name: Lena Okafor",
        expect: &["content/facts.yaml:8:5", "a person is missing `id`"],
    },
    Case {
        name: "person without name",
        file: FACTS,
        from: "    name: Lena Okafor\n",
        to: "",
        expect: &["content/facts.yaml:8:5", "a person is missing `name`"],
    },
    Case {
        name: "person without group",
        file: FACTS,
        from: "    group: Engineers\n",
        to: "",
        expect: &["content/facts.yaml:8:5", "a person is missing `group`"],
    },
    Case {
        name: "quote without speaker",
        file: FACTS,
        from: "  - speaker: lena-okafor\n    text:",
        to: "  - text:",
        expect: &["content/facts.yaml:15:5", "a quote is missing `speaker`"],
    },
    Case {
        name: "quote without text",
        file: FACTS,
        from: "    text: The lining was never tested.\n",
        to: "",
        expect: &["content/facts.yaml:15:5", "a quote is missing `text`"],
    },
    Case {
        name: "event without date",
        file: FACTS,
        from: "  - date: 2019\n    title:",
        to: "  - title:",
        expect: &[
            "content/facts.yaml:21:5",
            "a timeline event is missing `date`",
        ],
    },
    Case {
        name: "event without title",
        file: FACTS,
        from: "    title: Tunnel approved\n",
        to: "",
        expect: &[
            "content/facts.yaml:21:5",
            "a timeline event is missing `title`",
        ],
    },
    Case {
        name: "link without url",
        file: FACTS,
        from: "    aliases: [Berg]\n",
        to: "    aliases: [Berg]\n    links: [{title: Bio}]\n",
        expect: &["content/facts.yaml:8:13", "a link is missing `url`"],
    },
    Case {
        name: "link without title",
        file: FACTS,
        from: "    aliases: [Berg]\n",
        to: "    aliases: [Berg]\n    links: [{url: \"https://example.org/\"}]\n",
        expect: &["content/facts.yaml:8:13", "a link is missing `title`"],
    },
    Case {
        name: "update without time",
        file: FACTS,
        from: "groups:",
        to: "updates:\n  - text: Corrects a name.\ngroups:",
        expect: &["content/facts.yaml:2:5", "an update is missing `at`"],
    },
    Case {
        name: "update without text",
        file: FACTS,
        from: "groups:",
        to: "updates:\n  - at: 2025-11-21T10:00:00Z\ngroups:",
        expect: &["content/facts.yaml:2:5", "an update is missing `text`"],
    },
    Case {
        name: "unknown field in a quote",
        file: FACTS,
        from: "    text: safe and on budget\n",
        to: "    text: safe and on budget\n    contxt: At the March meeting.\n",
        expect: &[
            "content/facts.yaml:15:5",
            "unknown field `contxt` in a quote",
            "did you mean `context`?",
        ],
    },
    Case {
        name: "unknown field in a timeline event",
        file: FACTS,
        from: "    title: Council meeting\n",
        to: "    title: Council meeting\n    sumary: The vote.\n",
        expect: &[
            "content/facts.yaml:20:5",
            "unknown field `sumary` in a timeline event",
            "did you mean `summary`?",
        ],
    },
    Case {
        name: "unknown field in a link",
        file: FACTS,
        from: "    aliases: [Berg]\n",
        to: "    aliases: [Berg]\n    links: [{title: Bio, url: \"https://example.org/\", titel: x}]\n",
        expect: &[
            "content/facts.yaml:8:",
            "unknown field `titel` in a link",
            "did you mean `title`?",
        ],
    },
    Case {
        name: "unknown field in an update",
        file: FACTS,
        from: "groups:",
        to: "updates:\n  - at: 2025-11-21T10:00:00Z\n    text: Corrects a name.\n    tex: again\ngroups:",
        expect: &[
            "content/facts.yaml:4:5",
            "unknown field `tex` in an update",
            "did you mean `text`?",
        ],
    },
    Case {
        name: "empty facts file",
        file: FACTS,
        from: crate::common::BASE_FACTS,
        to: "# the facts, when we have them\n",
        expect: &[
            "content/facts.yaml:1:1",
            "facts.yaml is empty",
            "explainer new DIR",
        ],
    },
    Case {
        name: "a second YAML document",
        file: FACTS,
        from: "quotes:",
        to: "---\nquotes:",
        expect: &[
            "content/facts.yaml:12:1",
            "this `---` starts a second YAML document; content/facts.yaml must be one",
        ],
    },
    Case {
        name: "merge conflict markers in the facts",
        file: FACTS,
        from: "    role: Mayor\n",
        to: "<<<<<<< HEAD\n    role: Mayor\n=======\n    role: Mayor of Calder\n>>>>>>> reporting\n",
        expect: &[
            "content/facts.yaml:5:1",
            "an unfinished git merge: this file still holds a merge conflict's markers",
            "delete the three marker lines",
        ],
    },
    Case {
        name: "broken outside source",
        file: FACTS,
        from: "text: safe and on budget",
        to: "text: words never said\n    source: TASS",
        expect: &[
            "content/facts.yaml:15:13",
            "`source` must be a mapping, found text",
        ],
    },
];

#[test]
fn every_broken_input_is_reported_and_the_last_good_output_survives() {
    every_case_fails_keeping_output(CASES);
}
