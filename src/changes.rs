//! What changed since the previous edition, as plain data that the page's
//! marks and `facts.json` both read.
//!
//! Marks work by edition. An edition is named by the time of the story's
//! newest update (or `updated`, or `published`). An item is marked when it
//! is missing from, or differs from, the previous facts; while the edition
//! stays the same, a mark the previous facts carried is kept, so rebuilding
//! the same story again and again (as `serve` and a second push do) gives
//! the same page. A new edition starts from a clean slate.
//!
//! The previous facts are the `facts.json` an earlier build wrote: it is the
//! only memory a static site has of what readers saw before.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::facts_json::{EventJson, FactsJson, PersonJson, QuoteJson};
use crate::model::Story;

/// Why an item is marked, and with which edition it came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// The edition's time, in RFC 3339 as written.
    pub edition: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    New,
    Changed,
}

/// Per item of the story, in the story's order: its mark, if any.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub people: Vec<Option<Change>>,
    pub quotes: Vec<Option<Change>>,
    pub timeline: Vec<Option<Change>>,
}

impl Changes {
    /// Nothing marked: there is no previous edition to compare with.
    pub fn none(story: &Story) -> Changes {
        Changes {
            people: vec![None; story.people.len()],
            quotes: vec![None; story.quotes.len()],
            timeline: vec![None; story.timeline.len()],
        }
    }

    /// Compare the story with the facts of the previous build.
    pub fn since(story: &Story, previous: &FactsJson) -> Changes {
        let edition = story.edition().iso();
        let same_edition = previous.edition == edition;
        let marks = Marks {
            edition: &edition,
            same_edition,
        };
        Changes {
            people: marks.of(
                &previous.people,
                (0..story.people.len()).map(|i| PersonJson::of(&story.people[i])),
            ),
            quotes: marks.of(
                &previous.quotes,
                (0..story.quotes.len()).map(|i| QuoteJson::of(story, i)),
            ),
            timeline: marks.of(
                &previous.timeline,
                (0..story.timeline.len()).map(|i| EventJson::of(story, i)),
            ),
        }
    }
}

/// A person, quote or event as facts.json holds it, seen as something a
/// later build may find new or changed.
pub(crate) trait Item: PartialEq {
    /// What the item is known by from one build to the next.
    fn key(&self) -> (&str, &str);
    /// Whether the earlier item says the same as `now`, ignoring what may
    /// differ without being a change (its number on the page, its mark).
    fn same_as(&self, now: &Self) -> bool;
    fn change(&self) -> Option<&Change>;
}

impl Item for PersonJson {
    fn key(&self) -> (&str, &str) {
        (&self.id, "")
    }
    fn same_as(&self, now: &Self) -> bool {
        PersonJson {
            change: None,
            ..self.clone()
        } == *now
    }
    fn change(&self) -> Option<&Change> {
        self.change.as_ref()
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
    fn same_as(&self, now: &Self) -> bool {
        QuoteJson {
            id: now.id.clone(),
            paragraph: now.paragraph,
            change: None,
            ..self.clone()
        } == *now
    }
    fn change(&self) -> Option<&Change> {
        self.change.as_ref()
    }
}

impl Item for EventJson {
    fn key(&self) -> (&str, &str) {
        (&self.date, &self.title)
    }
    fn same_as(&self, now: &Self) -> bool {
        EventJson {
            id: now.id.clone(),
            change: None,
            ..self.clone()
        } == *now
    }
    fn change(&self) -> Option<&Change> {
        self.change.as_ref()
    }
}

struct Marks<'e> {
    edition: &'e str,
    same_edition: bool,
}

impl Marks<'_> {
    /// New when an item's key is not in `previous`, changed when it differs
    /// from the item there; within one edition, a mark the previous build
    /// made stays. `now` comes unmarked, one item at a time, so a large
    /// story is never held twice.
    fn of<T: Item>(&self, previous: &[T], now: impl Iterator<Item = T>) -> Vec<Option<Change>> {
        let before: HashMap<(&str, &str), &T> = previous.iter().map(|p| (p.key(), p)).collect();
        now.map(|item| {
            let kind = match before.get(&item.key()) {
                None => Some(ChangeKind::New),
                Some(old) if !old.same_as(&item) => Some(ChangeKind::Changed),
                Some(old) if self.same_edition => old.change().map(|mark| mark.kind),
                Some(_) => None,
            };
            kind.map(|kind| Change {
                kind,
                edition: self.edition.to_owned(),
            })
        })
        .collect()
    }
}
