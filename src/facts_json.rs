//! `facts.json`: the checked facts in a stable format for other tools, and
//! the record the next build reads back to find what changed. This is the
//! format alone; [`crate::changes`] works out what goes in it.

use serde::{Deserialize, Serialize};

use crate::model::{Finding, Person, Source, Story};

/// Changes only when the meaning of a field changes; adding a field does not.
pub const FORMAT: &str = "explainer-facts/1";

/// Why an item is marked, and with which edition it came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// The edition's time, in RFC 3339 as written.
    pub edition: String,
    /// What the item said in the previous edition, when it said something
    /// else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Words>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    New,
    Changed,
    Corrected,
}

/// What an item says, in brief, for the record of changes: a quote's text
/// and speaker, an event's title and date, a person's name and role.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Words {
    pub text: String,
    #[serde(default)]
    pub by: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Person,
    Quote,
    Event,
    /// An item of `known` or `unknown`; its words' `by` says which.
    Finding,
}

/// An item the previous edition had and this one has not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// Its element id as the previous edition published it.
    pub id: String,
    pub kind: ItemKind,
    /// The edition it was removed in.
    pub edition: String,
    /// Its last words.
    pub words: Words,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FactsJson {
    pub format: String,
    /// The time of the newest update, in RFC 3339 as written.
    pub edition: String,
    /// The page these facts are of: absolute with a base URL, else relative
    /// to the site's root. Absent from files written before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub article: ArticleJson,
    #[serde(default)]
    pub people: Vec<PersonJson>,
    #[serde(default)]
    pub quotes: Vec<QuoteJson>,
    #[serde(default)]
    pub timeline: Vec<EventJson>,
    /// "What to know", Markdown. Absent from files written before.
    #[serde(default)]
    pub takeaways: Vec<String>,
    /// "What we know" and "What we don't know yet". Absent when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known: Vec<FindingJson>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<FindingJson>,
    /// The who's-who's groups in the order the facts give them.
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub updates: Vec<UpdateJson>,
    /// Newest first. Absent from files written before corrections existed.
    #[serde(default)]
    pub corrections: Vec<CorrectionJson>,
    /// What the previous edition had and this one has not, with its last
    /// words.
    #[serde(default)]
    pub removed: Vec<Removed>,
    /// What earlier editions removed and has not come back, the latest
    /// removal of each id: ids once published, remembered so that another
    /// item given one is noticed, and the old item's corrections stay its
    /// own. Absent when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withdrawn: Vec<Removed>,
    /// Every edition, newest first, this one included, with its page and
    /// its own facts: in the latest edition's file only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<EditionJson>,
}

/// One edition of the story, where readers can read it and its facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditionJson {
    pub edition: String,
    pub url: String,
    pub facts: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArticleJson {
    pub title: String,
    pub description: Option<String>,
    pub published: String,
    pub updated: Option<String>,
    pub lang: String,
    /// When the story stopped being updated, if it has.
    #[serde(default, rename = "final", skip_serializing_if = "Option::is_none")]
    pub final_at: Option<String>,
    /// The byline, each author with their page when given.
    #[serde(default)]
    pub authors: Vec<AuthorJson>,
    /// Who publishes the explainer: the page's publisher, whatever named it.
    #[serde(default)]
    pub publisher: Option<PublisherJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backstory: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorJson {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublisherJson {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonJson {
    pub id: String,
    pub name: String,
    pub role: String,
    pub group: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    #[serde(default)]
    pub links: Vec<LinkJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkJson {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteJson {
    /// `quote-<…>`, the quote's element id on the page.
    pub id: String,
    /// The speaker's person id.
    pub speaker: String,
    pub text: String,
    pub context: Option<String>,
    pub date: Option<String>,
    /// 1-based: the page's `#p-<n>`. `null` for a quote from elsewhere.
    pub paragraph: Option<usize>,
    pub source: Option<SourceJson>,
    /// The id of the transcript the words were checked against (`from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// When they were said: whole seconds from the start of the
    /// recording, the moment `sources/<from>.html#t-<time>` links to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventJson {
    /// `event-<…>`, the event's element id on the page.
    pub id: String,
    /// `2025`, `2025-02` or `2025-02-18`.
    pub date: String,
    /// `year`, `month` or `day`.
    pub precision: String,
    pub title: String,
    pub summary: Option<String>,
    #[serde(default)]
    pub people: Vec<String>,
    pub source: Option<SourceJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingJson {
    /// `known-<key>` or `unknown-<key>`, the item's element id on the page.
    pub id: String,
    /// Markdown.
    pub text: String,
    /// The element id it had in the other list before it moved (an
    /// unknown become known), which the page still answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
}

impl FindingJson {
    /// An item of the story's `known` or `unknown`, unmarked.
    pub fn of(finding: &Finding) -> FindingJson {
        FindingJson {
            id: finding.id.clone(),
            text: finding.text.clone(),
            was: None,
            change: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceJson {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateJson {
    /// `update-<UTC time>`, the update's element id on the page.
    pub id: String,
    pub at: String,
    pub text: String,
    /// A key event (`key: true`); left out when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub key: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorrectionJson {
    /// `correction-<UTC time>`, the correction's element id on the page.
    pub id: String,
    pub at: String,
    /// Markdown.
    pub text: String,
    /// The element id of the corrected item, if any.
    pub item: Option<String>,
}

impl FactsJson {
    /// Read a `facts.json` an earlier build wrote. An error gives what is
    /// wrong, and the 1-based line and column (0 when it has none).
    pub fn parse(text: &str) -> Result<FactsJson, (String, usize, usize)> {
        let facts: FactsJson = serde_json::from_str(text).map_err(|e| {
            let (line, column) = (e.line(), e.column());
            // serde_json's message ends with its own "at line L column C".
            let message = e.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(head, _)| head)
                .to_owned();
            (message, line, column)
        })?;
        if facts.format != FORMAT {
            return Err((
                format!(
                    "format `{}` is not `{FORMAT}`, the one this version reads",
                    facts.format
                ),
                0,
                0,
            ));
        }
        Ok(facts)
    }

    pub fn to_json(&self) -> String {
        pretty_json(self, self.size_hint())
    }

    /// More than the file is likely to take: its text, escaped and
    /// indented, and the keys of every item.
    fn size_hint(&self) -> usize {
        let items = self.people.len() + self.quotes.len() + self.timeline.len();
        let text: usize = self
            .people
            .iter()
            .map(|p| p.name.len() + p.role.len() + p.summary.as_ref().map_or(0, String::len))
            .chain(
                self.quotes
                    .iter()
                    .map(|q| q.text.len() + q.context.as_ref().map_or(0, String::len)),
            )
            .chain(
                self.timeline
                    .iter()
                    .map(|e| e.title.len() + e.summary.as_ref().map_or(0, String::len)),
            )
            .sum();
        4096 + 2 * text + 512 * items
    }
}

impl PersonJson {
    /// A person as facts.json holds them, unmarked.
    pub fn of(p: &Person) -> PersonJson {
        PersonJson {
            id: p.id.clone(),
            name: p.name.clone(),
            role: p.role.clone(),
            group: p.group.clone(),
            aliases: p.aliases.clone(),
            summary: p.summary.clone(),
            image: p.image.clone(),
            links: p
                .links
                .iter()
                .map(|l| LinkJson {
                    title: l.title.clone(),
                    url: l.url.clone(),
                })
                .collect(),
            change: None,
        }
    }
}

impl QuoteJson {
    /// The story's quote at `index`, unmarked.
    pub fn of(story: &Story, index: usize) -> QuoteJson {
        let q = &story.quotes[index];
        QuoteJson {
            id: q.id.clone(),
            speaker: story.people[q.speaker].id.clone(),
            text: q.text.clone(),
            context: q.context.clone(),
            date: q.date.as_ref().map(|d| d.iso()),
            paragraph: q.paragraph.map(|p| p + 1),
            source: q.source.as_ref().map(source_json),
            from: q.from.as_ref().map(|f| story.sources[f.source].id.clone()),
            time: q.from.as_ref().and_then(|f| f.seconds),
            change: None,
        }
    }
}

impl EventJson {
    /// The story's timeline event at `index`, unmarked.
    pub fn of(story: &Story, index: usize) -> EventJson {
        let e = &story.timeline[index];
        EventJson {
            id: e.id.clone(),
            date: e.date.iso(),
            precision: e.date.precision().into(),
            title: e.title.clone(),
            summary: e.summary.clone(),
            people: e
                .people
                .iter()
                .map(|&p| story.people[p].id.clone())
                .collect(),
            source: e.source.as_ref().map(source_json),
            change: None,
        }
    }
}

fn source_json(source: &Source) -> SourceJson {
    SourceJson {
        name: source.name.clone(),
        url: source.url.clone(),
    }
}

/// Pretty JSON and a final newline, written into a buffer of `capacity`
/// bytes. A buffer that grows by doubling holds the old and the new copy at
/// each step, and for a large story the last step was the build's peak
/// memory; reserved but unwritten capacity costs nothing.
pub(crate) fn pretty_json<T: Serialize + ?Sized>(value: &T, capacity: usize) -> String {
    let mut bytes = Vec::with_capacity(capacity);
    if serde_json::to_writer_pretty(&mut bytes, value).is_err() {
        return String::new();
    }
    bytes.push(b'\n');
    // serde_json writes UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}
