//! A made-up story at any scale, for the byte-identity test and the stage
//! benchmark. Scale 1 is a realistic page (about 1,100 words, 15 people, 10
//! quotes, 12 events); scale 1000 is a 10 MB article with 15,000 people.
//!
//! It is valid by construction: names and aliases are unique, every quote
//! (some with an ellipsis, some typed with straight quotes and `--`) is said
//! in the article, and every person is named there, so a build gives no
//! errors and no warnings. The same scale always gives the same bytes: the
//! generator has its own fixed-seed random numbers, so the output does not
//! depend on any crate's algorithm staying the same.
#![allow(dead_code)]

const NOUNS: &[&str] = &[
    "tunnel",
    "inquiry",
    "council",
    "budget",
    "contract",
    "engineer",
    "report",
    "river",
    "district",
    "pump",
    "station",
    "auditor",
    "review",
    "deadline",
    "warning",
    "memo",
    "hearing",
    "witness",
    "permit",
    "survey",
    "flood",
    "basin",
    "valve",
    "committee",
    "ledger",
    "invoice",
    "estimate",
    "overrun",
    "delay",
    "crack",
    "seal",
    "shaft",
    "lining",
    "sensor",
    "alarm",
    "ministry",
    "regulator",
    "ferry",
    "bridge",
    "harbour",
    "depot",
    "archive",
    "draft",
    "meeting",
    "vote",
    "motion",
    "clause",
    "tender",
    "insurer",
    "crew",
];
const VERBS: &[&str] = &[
    "approved",
    "delayed",
    "flagged",
    "ignored",
    "signed",
    "questioned",
    "revised",
    "published",
    "reviewed",
    "disputed",
    "funded",
    "cancelled",
    "reopened",
    "inspected",
    "warned",
    "rejected",
    "accepted",
    "recorded",
    "argued",
    "confirmed",
    "denied",
    "leaked",
    "amended",
    "audited",
    "postponed",
    "cleared",
];
const ADJS: &[&str] = &[
    "early",
    "late",
    "internal",
    "public",
    "revised",
    "final",
    "initial",
    "independent",
    "urgent",
    "routine",
    "costly",
    "missing",
    "unsigned",
    "formal",
    "detailed",
    "brief",
    "sealed",
    "official",
    "preliminary",
    "confidential",
    "wider",
    "temporary",
];
const FUNC: &[&str] = &["the", "a", "its", "their", "that", "this", "each", "every"];
const PREPS: &[&str] = &[
    "after", "before", "during", "under", "over", "within", "against",
];
/// Distinct initials, so that "A. Adeyemi" names one person only.
const FIRST: &[&str] = &[
    "Amara", "Bilal", "Carmen", "Dmitri", "Elena", "Farah", "Gideon", "Hana", "Ifeoma", "Jonas",
    "Keiko", "Lars", "Mireille", "Nikhil", "Odile", "Pavel", "Quentin", "Rosa", "Saoirse",
    "Tomasz", "Ulla", "Viktor", "Wen", "Xavier", "Yusuf", "Zofia",
];
const LAST: &[&str] = &[
    "Adeyemi",
    "Brandt",
    "Castellano",
    "Dunmore",
    "Eklund",
    "Fairweather",
    "Grigoriou",
    "Halvorsen",
    "Ibarra",
    "Jovanovic",
    "Kowalczyk",
    "Lindqvist",
    "Moreau",
    "Nakagawa",
    "Okonkwo",
    "Petrov",
    "Quaresma",
    "Rasmussen",
    "Sandoval",
    "Thorne",
    "Urquhart",
    "Valdivia",
    "Whitlock",
    "Yilmaz",
    "Zeller",
];
const ROLES: &[&str] = &[
    "Chief engineer",
    "City treasurer",
    "Lead auditor",
    "Council member",
    "Project director",
    "Residents' spokesperson",
    "Flood-risk analyst",
    "Inquiry chair",
];
const GROUPS: &[&str] = &["City officials", "Contractors", "The inquiry", "Residents"];
const CONTEXTS: &[&str] = &[
    "in testimony to the inquiry",
    "in an internal memo",
    "at a council meeting",
    "in a written statement",
];

/// SplitMix64: tiny, and fixed here so the stories never change under us.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A sentence of `lo..=hi` words, capitalised, ending in a full stop; none
/// of its words is a name.
fn sentence(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = lo + rng.below(hi - lo + 1);
    let mut words: Vec<&str> = Vec::with_capacity(n + 3);
    while words.len() < n {
        match rng.below(10) {
            0..=2 => words.extend([rng.pick(FUNC), rng.pick(ADJS), rng.pick(NOUNS)]),
            3..=5 => words.extend([rng.pick(FUNC), rng.pick(NOUNS), rng.pick(VERBS)]),
            6..=7 => words.extend([rng.pick(PREPS), rng.pick(FUNC), rng.pick(NOUNS)]),
            _ => words.push(rng.pick(NOUNS)),
        }
    }
    words.truncate(n);
    let text = words.join(" ");
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
    format!("{first}{}.", chars.as_str())
}

/// A sentence with some inline Markdown: emphasis, strong, a link.
fn marked_sentence(rng: &mut Rng) -> String {
    let plain = sentence(rng, 8, 20);
    let body = plain.trim_end_matches('.');
    let mut words: Vec<String> = body.split(' ').map(str::to_owned).collect();
    let i = 1 + rng.below(words.len() - 1);
    match rng.below(12) {
        0 => words[i] = format!("*{}*", words[i]),
        1 => words[i] = format!("**{}**", words[i]),
        2 => words[i] = format!("[{w}](https://example.org/docs/{w})", w = words[i]),
        3 => words[i] = format!("`{}`", words[i]),
        _ => {}
    }
    format!("{}.", words.join(" "))
}

struct PersonSpec {
    id: String,
    name: String,
    alias: Option<String>,
}

fn people(count: usize) -> Vec<PersonSpec> {
    let base = FIRST.len() * LAST.len();
    (0..count)
        .map(|i| {
            let first = FIRST[i % FIRST.len()];
            let last = LAST[(i / FIRST.len()) % LAST.len()];
            let initial = &first[..1];
            // Past the 650 first-and-last pairs, a middle initial (then a
            // number) keeps every name someone else's.
            let round = i / base;
            let (name, alias, id) = if round == 0 {
                (
                    format!("{first} {last}"),
                    Some(format!("{initial}. {last}")),
                    format!("{}-{}", first.to_lowercase(), last.to_lowercase()),
                )
            } else {
                let middle = (b'A' + ((round - 1) % 26) as u8) as char;
                let suffix = if round > 26 {
                    format!(" {}", round / 26 + 1)
                } else {
                    String::new()
                };
                (
                    format!("{first} {middle}. {last}{suffix}"),
                    None,
                    format!("{}-{}-{i}", first.to_lowercase(), last.to_lowercase()),
                )
            };
            PersonSpec { id, name, alias }
        })
        .collect()
}

fn yaml(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The story at `scale` (at least 1): `(article.md, facts.yaml)`.
pub fn story(scale: usize) -> (String, String) {
    let scale = scale.max(1);
    let mut rng = Rng(0x5EED_0000 + scale as u64);
    let people = people(scale * 15);
    let groups_of: Vec<&str> = (0..people.len())
        .map(|i| GROUPS[(i * 7 + i / 3) % GROUPS.len()])
        .collect();

    // Quotes: the facts' text and the article's wording of it differ in
    // typography, and some quotes leave words out.
    struct QuoteSpec {
        speaker: usize,
        fact: String,
        said: String,
        context: &'static str,
    }
    let quotes: Vec<QuoteSpec> = (0..scale * 10)
        .map(|_| {
            let speaker = rng.below(people.len());
            let first = sentence(&mut rng, 6, 14);
            let first = first.trim_end_matches('.');
            let (fact, said) = match rng.below(4) {
                0 => {
                    let second = sentence(&mut rng, 5, 10);
                    let second = second.trim_end_matches('.');
                    let gap = sentence(&mut rng, 3, 6);
                    (
                        format!("{first} … {}", second.to_lowercase()),
                        format!("{first}, {} {}", gap.to_lowercase(), second.to_lowercase()),
                    )
                }
                1 => {
                    let (head, tail) = first.split_once(' ').unwrap_or((first, "said"));
                    (format!("{head}'s -- {tail}"), format!("{head}’s — {tail}"))
                }
                _ => (first.to_owned(), first.to_owned()),
            };
            QuoteSpec {
                speaker,
                fact,
                said,
                context: rng.pick(CONTEXTS),
            }
        })
        .collect();

    // The article: `scale` parts of about 1,100 words, each naming its share
    // of the people and saying its share of the quotes.
    let mut body = String::with_capacity(scale * 8_000);
    let per_part_people = people.len().div_ceil(scale);
    let per_part_quotes = quotes.len().div_ceil(scale);
    for part in 0..scale {
        body.push_str(&format!(
            "## Part {}: {}\n\n",
            part + 1,
            sentence(&mut rng, 3, 6).trim_end_matches('.')
        ));
        let named = &people[(part * per_part_people).min(people.len())
            ..((part + 1) * per_part_people).min(people.len())];
        let said = &quotes[(part * per_part_quotes).min(quotes.len())
            ..((part + 1) * per_part_quotes).min(quotes.len())];
        for block in 0..9 {
            match block {
                3 => {
                    for _ in 0..4 {
                        body.push_str(&format!("- {}\n", sentence(&mut rng, 6, 12)));
                    }
                    body.push('\n');
                }
                6 => body.push_str(&format!("> {}\n\n", sentence(&mut rng, 18, 30))),
                7 => body.push_str(&format!(
                    "### {}\n\n",
                    sentence(&mut rng, 3, 6).trim_end_matches('.')
                )),
                _ => {}
            }
            let mut paragraph: Vec<String> = (0..6).map(|_| marked_sentence(&mut rng)).collect();
            // Two people named in each paragraph, one of them by alias when
            // they have one.
            for (k, person) in named.iter().enumerate().filter(|(k, _)| k / 2 == block) {
                let name = match (&person.alias, k % 2) {
                    (Some(alias), 1) => alias,
                    _ => &person.name,
                };
                paragraph.insert(
                    1 + k % 5,
                    format!("{name} {} the {}.", rng.pick(VERBS), rng.pick(NOUNS)),
                );
            }
            body.push_str(&paragraph.join(" "));
            body.push_str("\n\n");
        }
        for person in named.iter().skip(18) {
            body.push_str(&format!(
                "{} {} the {}.\n\n",
                person.name,
                rng.pick(VERBS),
                rng.pick(NOUNS)
            ));
        }
        if !said.is_empty() {
            body.push_str("### Voices\n\n");
            for quote in said {
                body.push_str(&format!(
                    "“{}” {} said {}.\n\n",
                    quote.said, people[quote.speaker].name, quote.context
                ));
            }
        }
    }
    let caption_person = &people[0].name;
    let article = format!(
        "---\ntitle: \"The Eastbrook tunnel: who knew what, and when\"\n\
         description: A plain guide to the people, the warnings and the dates.\n\
         published: 2025-11-20T09:30:00+01:00\n\
         updated: 2025-11-21T08:00:00Z\n\
         authors: [Explainer desk, Ada Byrne]\n\
         source: {{name: The Eastbrook Post, url: \"https://example.org/post\"}}\n\
         photo:\n  caption: {}\n  credit: Staff photographer\n---\n\n{body}",
        yaml(&format!("{caption_person} at the flooded shaft in March."))
    );

    let mut facts = String::with_capacity(scale * 12_000);
    facts.push_str("groups: [");
    facts.push_str(
        &GROUPS
            .iter()
            .map(|g| yaml(g))
            .collect::<Vec<_>>()
            .join(", "),
    );
    facts.push_str("]\npeople:\n");
    for (i, person) in people.iter().enumerate() {
        facts.push_str(&format!(
            "  - id: {}\n    name: {}\n    role: {}\n    group: {}\n",
            person.id,
            yaml(&person.name),
            yaml(rng.pick(ROLES)),
            yaml(groups_of[i])
        ));
        if let Some(alias) = &person.alias {
            facts.push_str(&format!("    aliases: [{}]\n", yaml(alias)));
        }
        facts.push_str(&format!(
            "    summary: {}\n",
            yaml(&format!(
                "{} {}",
                marked_sentence(&mut rng),
                sentence(&mut rng, 8, 16)
            ))
        ));
        if i % 3 == 0 {
            facts.push_str(&format!(
                "    links:\n      - title: Profile\n        url: \"https://example.org/people/{}\"\n",
                person.id
            ));
        }
    }
    facts.push_str("quotes:\n");
    for quote in &quotes {
        facts.push_str(&format!(
            "  - speaker: {}\n    text: {}\n    context: {}\n",
            people[quote.speaker].id,
            yaml(&quote.fact),
            yaml(&format!("Said {}.", quote.context))
        ));
    }
    for n in 0..scale {
        facts.push_str(&format!(
            "  - speaker: {}\n    text: {}\n    date: 2025-10-0{}\n    source: {{name: Radio Eastbrook, url: \"https://example.org/radio/{n}\"}}\n",
            people[rng.below(people.len())].id,
            yaml(sentence(&mut rng, 8, 14).trim_end_matches('.')),
            1 + n % 9
        ));
    }
    facts.push_str("timeline:\n");
    for n in 0..scale * 12 {
        let year = 1995 + rng.below(31);
        let date = match rng.below(6) {
            0 => format!("{year}"),
            1 => format!("\"{year}-{:02}\"", 1 + rng.below(12)),
            _ => format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
        };
        facts.push_str(&format!(
            "  - date: {date}\n    title: {}\n    summary: {}\n",
            yaml(sentence(&mut rng, 4, 8).trim_end_matches('.')),
            yaml(&marked_sentence(&mut rng))
        ));
        if n % 2 == 0 {
            let a = rng.below(people.len());
            let b = rng.below(people.len());
            facts.push_str(&format!(
                "    people: [{}, {}]\n",
                people[a].id, people[b].id
            ));
        }
        if n % 5 == 0 {
            facts.push_str(&format!(
                "    source: {{name: Council minutes, url: \"https://example.org/minutes/{n}\"}}\n"
            ));
        }
    }
    facts.push_str("takeaways:\n");
    for _ in 0..3 {
        facts.push_str(&format!("  - {}\n", yaml(&marked_sentence(&mut rng))));
    }
    facts.push_str(
        "updates:\n  - at: 2025-11-21T08:00:00Z\n    text: Adds the council's response.\n",
    );
    (article, facts)
}
