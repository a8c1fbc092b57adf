//! `facts.json`: the checked facts in a stable format for other tools, and
//! the record the next build reads back to mark what is new.
//!
//! Marks work by edition. An edition is named by the time of the story's
//! newest update (or `updated`, or `published`). An item is marked when it
//! is missing from, or differs from, the previous facts; while the edition
//! stays the same, a mark the previous facts carried is kept, so rebuilding
//! the same story again and again (as `serve` and a second push do) gives
//! the same page. A new edition starts from a clean slate.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::model::{Source, Story};

/// Changes only when the meaning of a field changes; adding a field does not.
pub const FORMAT: &str = "explainer-facts/1";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FactsJson {
    pub format: String,
    /// The time of the newest update, in RFC 3339 as written.
    pub edition: String,
    pub article: ArticleJson,
    #[serde(default)]
    pub people: Vec<PersonJson>,
    #[serde(default)]
    pub quotes: Vec<QuoteJson>,
    #[serde(default)]
    pub timeline: Vec<EventJson>,
    #[serde(default)]
    pub updates: Vec<UpdateJson>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArticleJson {
    pub title: String,
    pub description: Option<String>,
    pub published: String,
    pub updated: Option<String>,
    pub lang: String,
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
    /// `quote-<n>`, the quote's element id on the page.
    pub id: String,
    /// The speaker's person id.
    pub speaker: String,
    pub text: String,
    pub context: Option<String>,
    pub date: Option<String>,
    /// 1-based: the page's `#p-<n>`. `null` for a quote from elsewhere.
    pub paragraph: Option<usize>,
    pub source: Option<SourceJson>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventJson {
    /// `event-<n>`, the event's element id on the page.
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
}

/// Why an item is marked, and with which edition it came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub edition: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    New,
    Changed,
}

impl FactsJson {
    /// The story's facts, unmarked.
    pub fn from_story(story: &Story) -> FactsJson {
        let article = &story.article;
        let id_of = |index: usize| story.people[index].id.clone();
        FactsJson {
            format: FORMAT.into(),
            edition: story.edition().iso(),
            article: ArticleJson {
                title: article.title.clone(),
                description: article.description.clone(),
                published: article.published.iso(),
                updated: article.updated.as_ref().map(|t| t.iso()),
                lang: article.lang.clone(),
            },
            people: story
                .people
                .iter()
                .map(|p| PersonJson {
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
                })
                .collect(),
            quotes: story
                .quotes
                .iter()
                .enumerate()
                .map(|(n, q)| QuoteJson {
                    id: format!("quote-{}", n + 1),
                    speaker: id_of(q.speaker),
                    text: q.text.clone(),
                    context: q.context.clone(),
                    date: q.date.as_ref().map(|d| d.iso()),
                    paragraph: q.paragraph.map(|p| p + 1),
                    source: q.source.as_ref().map(source_json),
                    change: None,
                })
                .collect(),
            timeline: story
                .timeline
                .iter()
                .enumerate()
                .map(|(n, e)| EventJson {
                    id: format!("event-{}", n + 1),
                    date: e.date.iso(),
                    precision: e.date.precision().into(),
                    title: e.title.clone(),
                    summary: e.summary.clone(),
                    people: e.people.iter().map(|&p| id_of(p)).collect(),
                    source: e.source.as_ref().map(source_json),
                    change: None,
                })
                .collect(),
            updates: story
                .updates_newest_first()
                .into_iter()
                .map(|(id, u)| UpdateJson {
                    id,
                    at: u.at.iso(),
                    text: u.text.clone(),
                })
                .collect(),
        }
    }

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
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Mark what is new or changed since `previous` (see the module notes).
    pub fn mark_changes(&mut self, previous: &FactsJson) {
        let same_edition = previous.edition == self.edition;
        let edition = &self.edition;
        mark(&mut self.people, &previous.people, edition, same_edition);
        mark(&mut self.quotes, &previous.quotes, edition, same_edition);
        mark(
            &mut self.timeline,
            &previous.timeline,
            edition,
            same_edition,
        );
    }
}

/// A person, quote or event as facts.json holds it, seen as something a
/// later build may find new or changed.
trait Item: Clone + PartialEq {
    /// What the item is known by from one build to the next.
    fn key(&self) -> (&str, &str);
    /// The earlier item, with what may differ without being a change (its
    /// number on the page, …) taken from `now`, and no mark.
    fn comparable_to(&self, now: &Self) -> Self;
    fn change(&self) -> &Option<Change>;
    fn set_change(&mut self, change: Option<Change>);
}

impl Item for PersonJson {
    fn key(&self) -> (&str, &str) {
        (&self.id, "")
    }
    fn comparable_to(&self, _now: &Self) -> Self {
        PersonJson {
            change: None,
            ..self.clone()
        }
    }
    fn change(&self) -> &Option<Change> {
        &self.change
    }
    fn set_change(&mut self, change: Option<Change>) {
        self.change = change;
    }
}

impl Item for QuoteJson {
    /// Who said what: its number on the page shifts when quotes are added
    /// above it.
    fn key(&self) -> (&str, &str) {
        (&self.speaker, &self.text)
    }
    /// Paragraph numbers move whenever the article above them is edited;
    /// that is not a change to the quote.
    fn comparable_to(&self, now: &Self) -> Self {
        QuoteJson {
            id: now.id.clone(),
            paragraph: now.paragraph,
            change: None,
            ..self.clone()
        }
    }
    fn change(&self) -> &Option<Change> {
        &self.change
    }
    fn set_change(&mut self, change: Option<Change>) {
        self.change = change;
    }
}

impl Item for EventJson {
    fn key(&self) -> (&str, &str) {
        (&self.date, &self.title)
    }
    fn comparable_to(&self, now: &Self) -> Self {
        EventJson {
            id: now.id.clone(),
            change: None,
            ..self.clone()
        }
    }
    fn change(&self) -> &Option<Change> {
        &self.change
    }
    fn set_change(&mut self, change: Option<Change>) {
        self.change = change;
    }
}

/// New when its key is not in `previous`, changed when it differs from the
/// item there; within one edition, a mark the previous build made stays.
/// `items` come unmarked, as `from_story` makes them.
fn mark<T: Item>(items: &mut [T], previous: &[T], edition: &str, same_edition: bool) {
    let before: HashMap<(&str, &str), &T> = previous.iter().map(|p| (p.key(), p)).collect();
    for item in items {
        let kind = match before.get(&item.key()) {
            None => Some(ChangeKind::New),
            Some(old) if old.comparable_to(item) != *item => Some(ChangeKind::Changed),
            Some(old) if same_edition => old.change().as_ref().map(|mark| mark.kind),
            Some(_) => None,
        };
        item.set_change(kind.map(|kind| Change {
            kind,
            edition: edition.to_owned(),
        }));
    }
}

fn source_json(source: &Source) -> SourceJson {
    SourceJson {
        name: source.name.clone(),
        url: source.url.clone(),
    }
}
