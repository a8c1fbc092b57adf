//! What changed since the previous edition, as plain data that the page's
//! marks, `facts.json` and the record of changes all read.
//!
//! Marks work by edition. An edition is named by the time of the story's
//! newest update or correction (or `updated`, or `published`). Items are
//! known from one edition to the next by their element ids, which
//! [`crate::ids::assign`] keeps stable. An item is marked when it is new,
//! differs from the previous edition's, or is named by a correction of
//! this edition; an item of the previous edition that is gone is recorded
//! as removed, with its last words. While the edition stays the same, what
//! the previous facts recorded is kept, so rebuilding the same story again
//! and again (as `serve` and a second push do) gives the same page. A new
//! edition starts from a clean slate.
//!
//! The previous facts are the previous edition's: built from the story's
//! git history when there is one, else the `facts.json` an earlier build
//! wrote, the only memory a static site has of what readers saw before.

use std::collections::{HashMap, HashSet};

use crate::date::Timestamp;
use crate::facts_json::{
    ArticleJson, AuthorJson, CorrectionJson, EventJson, FORMAT, FactsJson, FindingJson, PersonJson,
    PublisherJson, QuoteJson, UpdateJson,
};
pub use crate::facts_json::{Change, ChangeKind, ItemKind, Removed, Words};
use crate::ids::{self, Knowledge};
use crate::model::{Finding, Story};

/// Per item of the story, in the story's order: its mark, if any; and what
/// was removed.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub people: Vec<Option<Change>>,
    pub quotes: Vec<Option<Change>>,
    pub timeline: Vec<Option<Change>>,
    pub known: Vec<Option<Change>>,
    pub unknown: Vec<Option<Change>>,
    /// Per item of `known` then `unknown`: the element id it had in the
    /// other list, when it moved there in this edition or before.
    pub moved_from: Vec<Option<String>>,
    pub removed: Vec<Removed>,
    /// What earlier editions removed and has not come back (see
    /// [`withdrawn_before`]), carried into facts.json so that the memory
    /// outlives the one edition after a removal.
    pub withdrawn: Vec<Removed>,
    /// The previous edition's time, when there was one.
    pub since: Option<String>,
}

impl Changes {
    /// Nothing marked: there is no previous edition to compare with.
    pub fn none(story: &Story) -> Changes {
        Changes {
            people: vec![None; story.people.len()],
            quotes: vec![None; story.quotes.len()],
            timeline: vec![None; story.timeline.len()],
            known: vec![None; story.known.len()],
            unknown: vec![None; story.unknown.len()],
            moved_from: vec![None; story.known.len() + story.unknown.len()],
            removed: Vec::new(),
            withdrawn: Vec::new(),
            since: None,
        }
    }

    /// Compare the story with the previous edition's facts.
    pub fn since(story: &Story, previous: &FactsJson) -> Changes {
        let edition = story.edition().iso();
        let same_edition = previous.edition == edition;
        let corrected = corrected_since(story, &previous.edition);
        let marks = Marks {
            edition: &edition,
            same_edition,
            corrected: &corrected,
            previous,
        };
        let mut removed = Vec::new();
        let people = marks.of(
            &previous.people,
            (0..story.people.len()).map(|i| PersonJson::of(&story.people[i])),
            &mut removed,
        );
        let quotes = marks.of(
            &previous.quotes,
            (0..story.quotes.len()).map(|i| QuoteJson::of(story, i)),
            &mut removed,
        );
        let timeline = marks.of(
            &previous.timeline,
            (0..story.timeline.len()).map(|i| EventJson::of(story, i)),
            &mut removed,
        );
        // One list across both, so that an item that moves from one to the
        // other is one item, changed, and not one removed and one added.
        let previous_findings: Vec<FindingJson> = previous
            .known
            .iter()
            .chain(&previous.unknown)
            .cloned()
            .collect();
        let now_findings: Vec<FindingJson> = story
            .known
            .iter()
            .chain(&story.unknown)
            .map(FindingJson::of)
            .collect();
        let mut known = marks.of(
            &previous_findings,
            now_findings.iter().cloned(),
            &mut removed,
        );
        let unknown = known.split_off(story.known.len());
        let moved_from = moved_from(&previous_findings, &now_findings);
        if same_edition {
            // Removed earlier in this edition, and not back since.
            let now: HashSet<String> = crate::ids::of_items(story).collect();
            let known: HashSet<String> = removed.iter().map(|r| r.id.clone()).collect();
            removed.extend(
                previous
                    .removed
                    .iter()
                    .filter(|r| r.edition == edition && !now.contains(&r.id))
                    .filter(|r| !known.contains(&r.id))
                    .cloned(),
            );
        }
        // Within an edition the previous build's own removals are this
        // edition's, and listed in `removed` again; only older ones carry.
        let older = if same_edition {
            previous.withdrawn.clone()
        } else {
            withdrawn_before(previous)
        };
        let now: HashMap<String, (ItemKind, Words)> = words_now(story)
            .map(|(id, kind, words)| (id, (kind, words)))
            .collect();
        // An item that is back with its words is no longer withdrawn; an id
        // back on another item stays, so that the corrections of the old one
        // never move to the new.
        let withdrawn = older
            .into_iter()
            .filter(|w| {
                now.get(&w.id).is_none_or(|(kind, words)| {
                    !(*kind == w.kind && same_item(w.kind, &w.words, words))
                })
            })
            .collect();
        Changes {
            people,
            quotes,
            timeline,
            known,
            unknown,
            moved_from,
            removed,
            withdrawn,
            since: Some(previous.edition.clone()),
        }
    }

    /// Items removed without a word to readers: no correction names them,
    /// and no update or correction came with the edition that removed them.
    pub fn unannounced_removals<'c>(&'c self, story: &Story) -> Vec<&'c Removed> {
        let since = self
            .since
            .as_deref()
            .and_then(|t| Timestamp::parse(t).ok())
            .map_or(i64::MIN, |t| t.unix_seconds());
        let announced = story.updates.iter().any(|u| u.at.unix_seconds() > since)
            || story
                .corrections
                .iter()
                .any(|c| c.at.unix_seconds() > since);
        let named: HashSet<&str> = story
            .corrections
            .iter()
            .filter_map(|c| c.item.as_deref())
            .collect();
        if announced {
            return Vec::new();
        }
        // An item whose words are still on the page under another id was
        // renamed, not withdrawn: validation warns about that instead.
        let kept: HashSet<(ItemKind, Words)> = words_now(story)
            .map(|(_, kind, words)| (kind, words))
            .collect();
        self.removed
            .iter()
            .filter(|r| !named.contains(r.id.as_str()))
            .filter(|r| !kept.contains(&(r.kind, r.words.clone())))
            .collect()
    }
}

/// Every item removed before `previous`'s edition or in it, and not back
/// since, the latest removal of each id: ids readers may hold links to
/// that no item of `previous` answers.
pub fn withdrawn_before(previous: &FactsJson) -> Vec<Removed> {
    let mut all: Vec<Removed> = Vec::new();
    for removed in previous.withdrawn.iter().chain(&previous.removed) {
        all.retain(|r| r.id != removed.id);
        all.push(removed.clone());
    }
    all
}

/// Each item of `story` as the record of changes words it, with its
/// element id.
pub fn words_now(story: &Story) -> impl Iterator<Item = (String, ItemKind, Words)> + '_ {
    let people = story.people.iter().map(|p| {
        let words = Words {
            text: p.name.clone(),
            by: Some(p.role.clone()),
        };
        (ids::person(&p.id), ItemKind::Person, words)
    });
    let quotes = story.quotes.iter().map(|q| {
        let words = Words {
            text: q.text.clone(),
            by: Some(story.people[q.speaker].name.clone()),
        };
        (q.id.clone(), ItemKind::Quote, words)
    });
    let timeline = story.timeline.iter().map(|e| {
        let words = Words {
            text: e.title.clone(),
            by: Some(e.date.iso()),
        };
        (e.id.clone(), ItemKind::Event, words)
    });
    let findings = [
        (Knowledge::Known, &story.known),
        (Knowledge::Unknown, &story.unknown),
    ]
    .into_iter()
    .flat_map(|(list, items)| {
        items.iter().map(move |f| {
            let words = Words {
                text: f.text.clone(),
                by: Some(list.name().to_owned()),
            };
            (f.id.clone(), ItemKind::Finding, words)
        })
    });
    people.chain(quotes).chain(timeline).chain(findings)
}

/// For each item now, the element id it had in the other list: its id in
/// the previous edition when that differs, else what the previous edition
/// remembered, so that a link to the old place keeps working.
fn moved_from(previous: &[FindingJson], now: &[FindingJson]) -> Vec<Option<String>> {
    let before: HashMap<&str, &FindingJson> = previous
        .iter()
        .map(|f| (ids::finding_key(&f.id), f))
        .collect();
    now.iter()
        .map(|f| {
            let old = before.get(ids::finding_key(&f.id))?;
            if old.id == f.id {
                old.was.clone().filter(|was| *was != f.id)
            } else {
                Some(old.id.clone())
            }
        })
        .collect()
}

/// Whether two wordings of an item of `kind` are one item, edited: the
/// same person by much the same name, the same speaker's much the same
/// words, an event on the same date or by much the same title. The rule
/// [`crate::ids::assign`] keeps an edited item's id by.
pub fn same_item(kind: ItemKind, before: &Words, now: &Words) -> bool {
    let alike = strsim::normalized_levenshtein(&before.text, &now.text) >= ids::ALIKE;
    let same_by = before.by == now.by;
    match kind {
        ItemKind::Person => alike,
        ItemKind::Quote => same_by && alike,
        ItemKind::Event => same_by || alike,
        ItemKind::Finding => alike,
    }
}

/// The element ids named by corrections newer than the previous edition.
fn corrected_since(story: &Story, previous_edition: &str) -> HashSet<String> {
    let since = Timestamp::parse(previous_edition).map_or(i64::MAX, |t| t.unix_seconds());
    story
        .corrections
        .iter()
        .filter(|c| c.at.unix_seconds() > since)
        .filter_map(|c| c.corrects().map(str::to_owned))
        .collect()
}

/// A person, quote or event as facts.json holds it, seen as something a
/// later build may find new, changed or gone.
pub(crate) trait Item: PartialEq {
    const KIND: ItemKind;
    /// What the item is known by from one edition to the next.
    fn key(&self) -> &str;
    /// Its element id on the page.
    fn element_id(&self) -> String;
    /// Whether the earlier item says the same as `now`, ignoring what may
    /// differ without being a change (its paragraph, its mark).
    fn same_as(&self, now: &Self) -> bool;
    fn change(&self) -> Option<&Change>;
    fn words(&self, facts: &FactsJson) -> Words;
}

impl Item for PersonJson {
    const KIND: ItemKind = ItemKind::Person;
    fn key(&self) -> &str {
        &self.id
    }
    fn element_id(&self) -> String {
        ids::person(&self.id)
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
    fn words(&self, _: &FactsJson) -> Words {
        Words {
            text: self.name.clone(),
            by: Some(self.role.clone()),
        }
    }
}

impl Item for QuoteJson {
    const KIND: ItemKind = ItemKind::Quote;
    fn key(&self) -> &str {
        &self.id
    }
    fn element_id(&self) -> String {
        self.id.clone()
    }
    /// Paragraph numbers move whenever the article above them is edited,
    /// and a transcript's times when it is timed again; that is not a
    /// change to the quote.
    fn same_as(&self, now: &Self) -> bool {
        QuoteJson {
            paragraph: now.paragraph,
            time: now.time,
            change: None,
            ..self.clone()
        } == *now
    }
    fn change(&self) -> Option<&Change> {
        self.change.as_ref()
    }
    fn words(&self, facts: &FactsJson) -> Words {
        let speaker = facts
            .people
            .iter()
            .find(|p| p.id == self.speaker)
            .map_or_else(|| self.speaker.clone(), |p| p.name.clone());
        Words {
            text: self.text.clone(),
            by: Some(speaker),
        }
    }
}

impl Item for EventJson {
    const KIND: ItemKind = ItemKind::Event;
    fn key(&self) -> &str {
        &self.id
    }
    fn element_id(&self) -> String {
        self.id.clone()
    }
    fn same_as(&self, now: &Self) -> bool {
        EventJson {
            change: None,
            ..self.clone()
        } == *now
    }
    fn change(&self) -> Option<&Change> {
        self.change.as_ref()
    }
    fn words(&self, _: &FactsJson) -> Words {
        Words {
            text: self.title.clone(),
            by: Some(self.date.clone()),
        }
    }
}

impl Item for FindingJson {
    const KIND: ItemKind = ItemKind::Finding;
    /// The same across both lists: an item that moves is still itself.
    fn key(&self) -> &str {
        ids::finding_key(&self.id)
    }
    fn element_id(&self) -> String {
        self.id.clone()
    }
    fn same_as(&self, now: &Self) -> bool {
        self.id == now.id && self.text == now.text
    }
    fn change(&self) -> Option<&Change> {
        self.change.as_ref()
    }
    fn words(&self, _: &FactsJson) -> Words {
        let list = ids::Knowledge::of(&self.id).unwrap_or(Knowledge::Known);
        Words {
            text: self.text.clone(),
            by: Some(list.name().to_owned()),
        }
    }
}

struct Marks<'e> {
    edition: &'e str,
    same_edition: bool,
    corrected: &'e HashSet<String>,
    previous: &'e FactsJson,
}

impl Marks<'_> {
    /// New when an item's id is not in `previous`, changed when it differs
    /// from the item there, corrected when a correction of this edition
    /// names it; within one edition, a mark the previous build made stays.
    /// `now` comes unmarked, one item at a time, so a large story is never
    /// held twice. What `previous` has and `now` lacks goes to `removed`.
    fn of<T: Item>(
        &self,
        previous: &[T],
        now: impl Iterator<Item = T>,
        removed: &mut Vec<Removed>,
    ) -> Vec<Option<Change>> {
        let before: HashMap<&str, &T> = previous.iter().map(|p| (p.key(), p)).collect();
        let mut seen: HashSet<String> = HashSet::new();
        let marks = now
            .map(|item| {
                seen.insert(item.key().to_owned());
                let old = before.get(item.key()).copied();
                // Within an edition, the words before it are the ones the
                // previous build recorded, not the edition's own.
                let earlier = |old: &T| {
                    old.change()
                        .filter(|_| self.same_edition)
                        .and_then(|c| c.before.clone())
                        .or_else(|| Some(old.words(self.previous)))
                };
                let (kind, before) = if self.corrected.contains(&item.element_id()) {
                    let before = old.filter(|old| !old.same_as(&item)).and_then(earlier);
                    (Some(ChangeKind::Corrected), before)
                } else {
                    match old {
                        None => (Some(ChangeKind::New), None),
                        Some(old) if !old.same_as(&item) => {
                            let kind = match old.change().map(|c| c.kind) {
                                Some(kind) if self.same_edition => kind,
                                _ => ChangeKind::Changed,
                            };
                            let before = match kind {
                                ChangeKind::New => None,
                                _ => earlier(old),
                            };
                            (Some(kind), before)
                        }
                        Some(old) if self.same_edition => {
                            return old.change().cloned();
                        }
                        Some(_) => (None, None),
                    }
                };
                kind.map(|kind| Change {
                    kind,
                    edition: self.edition.to_owned(),
                    before,
                })
            })
            .collect();
        removed.extend(
            previous
                .iter()
                .filter(|p| !seen.contains(p.key()))
                .map(|p| Removed {
                    id: p.element_id(),
                    kind: T::KIND,
                    edition: self.edition.to_owned(),
                    words: p.words(self.previous),
                }),
        );
        marks
    }
}

/// The story's facts as `facts.json` records them, each item with its
/// mark.
pub fn facts_json(story: &Story, changes: &Changes) -> FactsJson {
    let article = &story.article;
    let marked = |marks: &[Option<Change>], i: usize| marks.get(i).cloned().flatten();
    FactsJson {
        format: FORMAT.into(),
        edition: story.edition().iso(),
        url: None,
        article: ArticleJson {
            title: article.title.clone(),
            description: article.description.clone(),
            published: article.published.iso(),
            updated: story.updated().map(|t| t.iso()),
            lang: article.lang.clone(),
            final_at: article.final_at.as_ref().map(|t| t.iso()),
            authors: article
                .authors
                .iter()
                .map(|a| AuthorJson {
                    name: a.name.clone(),
                    url: a.url.clone(),
                })
                .collect(),
            publisher: Some(PublisherJson {
                name: story.publisher().to_owned(),
                url: article.publisher.as_ref().and_then(|p| p.url.clone()),
            }),
            dateline: article.dateline.clone(),
            backstory: article.backstory.clone(),
        },
        takeaways: story.takeaways.clone(),
        known: findings_json(&story.known, &changes.known, &changes.moved_from),
        unknown: findings_json(
            &story.unknown,
            &changes.unknown,
            changes
                .moved_from
                .get(story.known.len()..)
                .unwrap_or_default(),
        ),
        groups: story.groups.clone(),
        people: (0..story.people.len())
            .map(|i| PersonJson {
                change: marked(&changes.people, i),
                ..PersonJson::of(&story.people[i])
            })
            .collect(),
        quotes: (0..story.quotes.len())
            .map(|i| QuoteJson {
                change: marked(&changes.quotes, i),
                ..QuoteJson::of(story, i)
            })
            .collect(),
        timeline: (0..story.timeline.len())
            .map(|i| EventJson {
                change: marked(&changes.timeline, i),
                ..EventJson::of(story, i)
            })
            .collect(),
        updates: crate::ids::updates_newest_first(story)
            .into_iter()
            .map(|(id, u)| UpdateJson {
                id,
                at: u.at.iso(),
                text: u.text.clone(),
                key: u.key,
            })
            .collect(),
        corrections: crate::ids::corrections_newest_first(story)
            .into_iter()
            .map(|(id, c)| CorrectionJson {
                id,
                at: c.at.iso(),
                text: c.text.clone(),
                item: c.item.clone(),
            })
            .collect(),
        removed: changes.removed.clone(),
        withdrawn: changes.withdrawn.clone(),
        editions: Vec::new(),
    }
}

fn findings_json(
    items: &[Finding],
    marks: &[Option<Change>],
    moved_from: &[Option<String>],
) -> Vec<FindingJson> {
    items
        .iter()
        .enumerate()
        .map(|(i, f)| FindingJson {
            change: marks.get(i).cloned().flatten(),
            was: moved_from.get(i).cloned().flatten(),
            ..FindingJson::of(f)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{ARTICLE, FACTS, checked, story};

    /// The facts an edition published, read back as the next build reads
    /// them.
    fn published(story: &Story) -> FactsJson {
        FactsJson::parse(&facts_json(story, &Changes::none(story)).to_json()).unwrap()
    }

    #[test]
    fn a_new_edition_marks_what_was_added_and_records_what_went() {
        let (before, _) = story();
        let previous = published(&before);
        let facts = FACTS
            .replace(
                "timeline:\n  - date: 2024-03-02\n    title: Council meeting\n",
                "",
            )
            .replace(
                "quotes:\n",
                "quotes:\n  - speaker: lena-okafor\n    text: The lining was never tested.\n",
            )
            + "updates:\n  - at: 2025-11-21T09:00:00Z\n    text: Adds the engineer's words.\n";
        let (after, _) = checked(ARTICLE, &facts);
        let changes = Changes::since(&after, &previous);
        let kinds: Vec<Option<ChangeKind>> = changes
            .quotes
            .iter()
            .map(|c| c.as_ref().map(|c| c.kind))
            .collect();
        assert_eq!(kinds, [Some(ChangeKind::New), None]);
        assert!(changes.people.iter().all(Option::is_none));
        assert_eq!(changes.removed.len(), 1);
        let removed = &changes.removed[0];
        assert_eq!(removed.id, "event-council-meeting");
        assert_eq!(removed.kind, ItemKind::Event);
        assert_eq!(removed.words.text, "Council meeting");
        // An update came with the edition: readers were told.
        assert!(changes.unannounced_removals(&after).is_empty());
    }

    #[test]
    fn a_removal_without_a_word_to_readers_is_found() {
        let (before, _) = story();
        let previous = published(&before);
        let facts = FACTS.replace(
            "timeline:\n  - date: 2024-03-02\n    title: Council meeting\n",
            "",
        );
        let (after, _) = checked(ARTICLE, &facts);
        let changes = Changes::since(&after, &previous);
        let unannounced: Vec<&str> = changes
            .unannounced_removals(&after)
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(unannounced, ["event-council-meeting"]);
    }

    #[test]
    fn rebuilding_the_same_edition_keeps_its_marks() {
        let (before, _) = story();
        let previous = published(&before);
        let facts = FACTS.replace("role: Mayor", "role: Former mayor");
        let (after, _) = checked(ARTICLE, &facts);
        let first = Changes::since(&after, &previous);
        assert_eq!(
            first.people[0].as_ref().map(|c| c.kind),
            Some(ChangeKind::Changed)
        );
        let before_words = first.people[0].as_ref().unwrap().before.clone().unwrap();
        assert_eq!(before_words.by.as_deref(), Some("Mayor"));
        // The second build of the same edition reads the first's facts.json.
        let again = Changes::since(
            &after,
            &FactsJson::parse(&facts_json(&after, &first).to_json()).unwrap(),
        );
        assert_eq!(again.people, first.people);
    }
}
