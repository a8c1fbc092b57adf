//! Every kind of bad input ends in an error a user can act on: the exit
//! code, the file with its line and column, the wording that says what to
//! do, and the last good output left exactly as it was.

use crate::common::{Story, snapshot};

/// A change to the good base story and what the build must then say.
struct Case {
    name: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    /// Substrings the error output must contain (location and wording).
    expect: &'static [&'static str],
}

const FACTS: &str = "content/facts.yaml";
const ARTICLE: &str = "content/article.md";

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
        name: "impossible day",
        file: FACTS,
        from: "date: 2024-03-02",
        to: "date: 2026-02-30",
        expect: &["content/facts.yaml:18:11", "February 2026 has 28 days"],
    },
    Case {
        name: "month 13",
        file: FACTS,
        from: "date: 2024-03-02",
        to: "date: 2024-13",
        expect: &["content/facts.yaml:18:11", "there is no month 13"],
    },
    Case {
        name: "date in words",
        file: FACTS,
        from: "date: 2024-03-02",
        to: "date: last spring",
        expect: &[
            "content/facts.yaml:18:11",
            "`last spring` is not a date",
            "YYYY-MM-DD",
        ],
    },
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
        name: "published without time zone",
        file: ARTICLE,
        from: "published: 2025-11-20",
        to: "published: 2025-11-20T10:00:00",
        expect: &[
            "content/article.md:4:12",
            "has no time zone",
            "2025-02-18T17:48:00Z",
        ],
    },
    Case {
        name: "published with a malformed zone",
        file: ARTICLE,
        from: "published: 2025-11-20",
        to: "published: 2025-11-20T10:00:00+5",
        expect: &["content/article.md:4:12", "is not a time zone offset"],
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
        name: "broken outside source",
        file: FACTS,
        from: "text: safe and on budget",
        to: "text: words never said\n    source: TASS",
        expect: &[
            "content/facts.yaml:15:13",
            "`source` must be a mapping, found text",
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
        name: "javascript link in the article",
        file: ARTICLE,
        from: "Mayor Tomas Berg said",
        to: "Mayor [Tomas Berg](javascript:alert(1)) said",
        expect: &["content/article.md:8:7", "not a web address"],
    },
    Case {
        name: "language that is not a language tag",
        file: FACTS,
        from: "    role: Engineer\n",
        to: "    role: Engineer\n    lang: en_GB\n",
        expect: &[
            "content/facts.yaml:11:11",
            "`en_GB` is not a language tag",
            "did you mean `en-GB`?",
        ],
    },
    // YAML syntax, in either file.
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
    // Wrong types, at every level.
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
    // Every required field missing in turn.
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
    // Unknown fields, at every level.
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
    // Ids and references.
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
    // Dates and times.
    Case {
        name: "published in words",
        file: ARTICLE,
        from: "published: 2025-11-20",
        to: "published: last Tuesday",
        expect: &["content/article.md:4:12", "`last Tuesday` is not a date"],
    },
    Case {
        name: "published on an impossible day",
        file: ARTICLE,
        from: "published: 2025-11-20",
        to: "published: 2025-11-31",
        expect: &["content/article.md:4:12", "November 2025 has 30 days"],
    },
    Case {
        name: "updated without time zone",
        file: ARTICLE,
        from: "authors:",
        to: "updated: 2025-11-21T09:00:00\nauthors:",
        expect: &["content/article.md:5:10", "has no time zone"],
    },
    Case {
        name: "updated with an impossible zone",
        file: ARTICLE,
        from: "authors:",
        to: "updated: 2025-11-21T09:00:00+25:00\nauthors:",
        expect: &["content/article.md:5:10", "time zone"],
    },
    Case {
        name: "quote dated 29 February of a common year",
        file: FACTS,
        from: "    text: safe and on budget\n",
        to: "    text: safe and on budget\n    date: 2025-02-29\n",
        expect: &["content/facts.yaml:15:11", "February 2025 has 28 days"],
    },
    Case {
        name: "update time in words",
        file: FACTS,
        from: "groups:",
        to: "updates:\n  - at: this morning\n    text: Corrects a name.\ngroups:",
        expect: &["content/facts.yaml:2:9", "`this morning` is not a date"],
    },
    // Quotes.
    Case {
        name: "blank quote",
        file: FACTS,
        from: "text: safe and on budget",
        to: "text: \"   \"",
        expect: &["content/facts.yaml:14:11", "`text` is empty"],
    },
    // Paths and links.
    Case {
        name: "photo outside static",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors: [Ada Byrne]\nphoto: {caption: The tunnel, src: ../content/facts.yaml}",
        expect: &["content/article.md:6:", "must name a file under static/"],
    },
    Case {
        name: "image an absolute path",
        file: FACTS,
        from: "    aliases: [Berg]\n",
        to: "    aliases: [Berg]\n    image: /etc/passwd\n",
        expect: &["content/facts.yaml:8:12", "must name a file under static/"],
    },
    Case {
        name: "image that does not exist",
        file: FACTS,
        from: "    aliases: [Berg]\n",
        to: "    aliases: [Berg]\n    image: people/berg.jpg\n",
        expect: &[
            "content/facts.yaml:8:12",
            "static/people/berg.jpg does not exist",
        ],
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
        name: "language tag with an underscore",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors: [Ada Byrne]\nlang: en_GB",
        expect: &["content/article.md:6:7", "`en_GB` is not a language tag"],
    },
    // Characters an editor cannot see.
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
    // Pictures and links inside the site.
    Case {
        name: "picture that does not exist",
        file: ARTICLE,
        from: "Mayor Tomas Berg said",
        to: "![Map](maps/basin.png) Mayor Tomas Berg said",
        expect: &[
            "content/article.md:8:8",
            "the article shows static/maps/basin.png, which does not exist",
            "put the file in the story's static/ folder",
        ],
    },
    Case {
        name: "picture outside static",
        file: ARTICLE,
        from: "Mayor Tomas Berg said",
        to: "![Map](../secret.png) Mayor Tomas Berg said",
        expect: &[
            "content/article.md:8:8",
            "a picture in the article must be a file under static/",
        ],
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
        name: "picture in a summary that does not exist",
        file: FACTS,
        from: "    group: Engineers\n",
        to: "    group: Engineers\n    summary: \"![Portrait](people/okafor.jpg)\"\n",
        expect: &[
            "content/facts.yaml:12:14",
            "`summary` shows static/people/okafor.jpg, which does not exist",
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
    // The facts file as a whole.
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
    // Written twice.
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
        name: "one person twice in an event",
        file: FACTS,
        from: "people: [tomas-berg]",
        to: "people: [tomas-berg, lena-okafor, tomas-berg]",
        expect: &[
            "content/facts.yaml:20:39",
            "`tomas-berg` is listed twice in this event's `people`",
        ],
    },
    Case {
        name: "two updates at the same instant",
        file: FACTS,
        from: "    title: Tunnel approved\n",
        to: "    title: Tunnel approved\nupdates:\n  - at: 2025-11-21T10:00:00Z\n    text: One.\n  - at: 2025-11-21T11:00:00+01:00\n    text: Two.\n",
        expect: &[
            "content/facts.yaml:26:9",
            "two updates at the same instant, 2025-11-21T10:00:00Z (the other is on line 24)",
        ],
    },
    Case {
        name: "empty article body",
        file: ARTICLE,
        from: "Mayor Tomas Berg said the tunnel was “safe and on budget” at the March meeting.\n\nEngineer Lena Okafor disagreed: “The lining was never tested. We warned them twice.”\n",
        to: "\n<!-- to be written -->\n",
        expect: &[
            "content/article.md:6:1",
            "the article has no text after its front matter",
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
    Case {
        name: "language named rather than tagged",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors: [Ada Byrne]\nlang: english",
        expect: &[
            "content/article.md:6:7",
            "`english` is not a language tag",
            "did you mean `en`?",
        ],
    },
    Case {
        name: "language tag with a subtag out of place",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors: [Ada Byrne]\nlang: de-1996-CH",
        expect: &[
            "content/article.md:6:7",
            "`de-1996-CH` is not a language tag",
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
        name: "merge conflict markers in the article",
        file: ARTICLE,
        from: "Mayor Tomas Berg said",
        to: "<<<<<<< HEAD\nMayor Tomas Berg said\n=======\nThe mayor said\n>>>>>>> theirs\n",
        expect: &["content/article.md:8:1", "an unfinished git merge"],
    },
];

#[test]
fn every_broken_input_is_reported_and_the_last_good_output_survives() {
    let story = Story::base();
    story.build().assert_ok();
    let good_output = snapshot(&story.output());
    let good_files = (story.read(FACTS), story.read(ARTICLE));

    let mut failures = Vec::new();
    for case in CASES {
        story.edit(case.file, case.from, case.to);
        let run = story.build();
        let missing: Vec<_> = case
            .expect
            .iter()
            .filter(|e| !run.stderr.contains(*e))
            .collect();
        // One mistake, one error: a cascade of follow-on errors buries the
        // one the user has to fix.
        let one_error = run.stderr.contains("Build failed: 1 error;");
        if run.code != 1 || !missing.is_empty() || !one_error {
            failures.push(format!(
                "{}: exit {} (want 1), one error: {one_error}, missing {missing:?} in:\n{}",
                case.name, run.code, run.stderr
            ));
        }
        if snapshot(&story.output()) != good_output {
            failures.push(format!("{}: the last good output changed", case.name));
        }
        story.write(FACTS, good_files.0.as_bytes());
        story.write(ARTICLE, good_files.1.as_bytes());
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

#[test]
fn all_errors_are_reported_in_one_run() {
    let story = Story::base();
    story.edit(FACTS, "speaker: tomas-berg", "speaker: tomas-burg");
    story.edit(FACTS, "date: 2019", "date: 2019-02-29");
    story.edit(FACTS, "role: Engineer", "rol: Engineer");
    story.edit(ARTICLE, "published: 2025-11-20", "published: soon");
    let run = story.build();
    assert_eq!(run.code, 1);
    for expected in [
        "content/facts.yaml:13:14",
        "content/facts.yaml:21:11",
        "content/facts.yaml:10:5",
        "content/facts.yaml:8:5",
        "content/article.md:4:12",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected} missing from:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("Build failed: 5 errors"),
        "{}",
        run.stderr
    );
}

/// A story with errors is never rendered, so its links to ids are not
/// checked against a page; those certainly missing whatever the templates
/// (a paragraph past the last, a person no one is) come out in the same
/// run as the other errors, not in the run after they are fixed.
#[test]
fn links_to_ids_certainly_missing_come_out_with_the_other_errors() {
    let story = Story::base();
    story.edit(FACTS, "speaker: tomas-berg", "speaker: tomas-burg");
    story.edit(
        ARTICLE,
        "We warned them twice.”",
        "We warned them twice.” [Earlier](#p-9), [the mayor](#person-tomas-brg), [the dates](#timeline-soon), [the report](#p-2).",
    );
    let run = story.check();
    run.assert_fails_with(&[
        "no person has the id `tomas-burg`",
        "the article links to `#p-9`, which the page does not have",
        "the article's paragraphs are #p-1 to #p-2",
        "the article links to `#person-tomas-brg`, which the page does not have",
        "did you mean `#person-tomas-berg`?",
        "3 errors",
    ]);
    // Any other id may be a template's: only the page can say.
    assert!(!run.stderr.contains("#timeline-soon`"), "{}", run.stderr);
    assert!(!run.stderr.contains("`#p-2`"), "{}", run.stderr);

    // A template of the story's own that writes the id as it is has it.
    story.write(
        "templates/index.html",
        &std::fs::read(crate::common::repo().join("templates/index.html"))
            .unwrap()
            .into_iter()
            .chain(b"<i id=\"p-9\"></i>".iter().copied())
            .collect::<Vec<u8>>(),
    );
    let run = story.check();
    run.assert_fails_with(&["2 errors"]);
    assert!(!run.stderr.contains("`#p-9`"), "{}", run.stderr);

    // Once the rest is fixed, the page itself is the judge.
    std::fs::remove_file(story.root().join("templates/index.html")).unwrap();
    story.edit(FACTS, "speaker: tomas-burg", "speaker: tomas-berg");
    story.check().assert_fails_with(&[
        "`#p-9`",
        "`#person-tomas-brg`",
        "the article links to `#timeline-soon`, which the page does not have",
        "3 errors",
    ]);
}

#[test]
fn check_catches_template_errors_too() {
    let story = Story::base();
    story.write("templates/quote.html", b"<li>{{ quote.nope }}</li>");
    let run = story.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/quote.html:1:"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_reports_the_same_errors_and_writes_nothing() {
    let story = Story::base();
    story.edit(FACTS, "speaker: tomas-berg", "speaker: tomas-burg");
    let run = story.check();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("did you mean `tomas-berg`?"),
        "{}",
        run.stderr
    );
    assert!(!story.output().exists());
}

#[test]
fn warnings_do_not_stop_the_build() {
    let story = Story::base();
    story.edit(FACTS, "quotes:", "  - id: ines-duarte\n    name: Inês Duarte\n    role: Auditor\n    group: Auditors\nquotes:");
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("warning: Inês Duarte is never named in the article"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning: the group `Auditors` is not listed in `groups`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/facts.yaml:12:9")
            && run.stderr.contains("content/facts.yaml:15:12"),
        "{}",
        run.stderr
    );
    assert!(story.page().contains("id=\"person-ines-duarte\""));
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

#[test]
fn template_errors_name_the_template_and_line() {
    let story = Story::base();
    story.write(
        "templates/quote.html",
        b"<li>\n{% if quote.text %}\n{{ quote.nope }}\n{% endif %}</li>\n",
    );
    let run = story.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/quote.html:3:"),
        "{}",
        run.stderr
    );

    story.write(
        "templates/quote.html",
        b"<li>\n{% if quote.text %}\n</li>\n",
    );
    let run = story.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/quote.html:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("template error"), "{}", run.stderr);
}

#[test]
fn output_folder_may_not_hold_the_inputs() {
    let story = Story::base();
    for output in [
        story.root().to_path_buf(),
        story.root().join("content"),
        story.root().join("static"),
        story.root().join("i18n"),
        story.root().join("i18n/site"),
        story.root().parent().unwrap().to_path_buf(),
    ] {
        let run = crate::common::run(&[
            "build",
            "--root",
            story.root().to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 2, "{}: {}", output.display(), run.stderr);
        assert!(
            run.stderr.contains("refusing to write the site here"),
            "{}",
            run.stderr
        );
    }
    assert!(story.root().join("content/facts.yaml").exists());
}

#[test]
fn a_folder_explainer_did_not_write_is_never_replaced() {
    let story = Story::base();
    story.write("mine/notes.txt", b"precious");
    let run = crate::common::run(&[
        "build",
        "--root",
        story.root().to_str().unwrap(),
        "--output",
        story.root().join("mine").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("did not write"), "{}", run.stderr);
    assert_eq!(story.read("mine/notes.txt"), "precious");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(crate::common::run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(
        crate::common::run(&["build", "--root", "/no/such/folder"]).code,
        2
    );
    let story = Story::base();
    let run = crate::common::run(&[
        "build",
        "--root",
        story.root().to_str().unwrap(),
        "--base-url",
        "javascript:alert(1)",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}
