//! Ids from one edition to the next. An item's element id is the address
//! readers share and embed; two editor moves break that silently: giving
//! an id a removed item held to a different item (old links now show other
//! words, and the old item's corrections would land on the new one), and
//! giving an item a new id for the same words (old links and embed pages
//! lead nowhere).

use std::collections::{HashMap, HashSet};

use super::Checker;
use crate::changes::{self, ItemKind, Removed, Words};
use crate::date::Timestamp;
use crate::facts_json::FactsJson;
use crate::model::{Correction, Story};
use crate::source::Pos;
use crate::text::{Cut, shorten};

/// Where an item of the story was written: its `id` when it has one, else
/// the start of its entry.
pub(super) struct ItemAt {
    pub(super) element_id: String,
    pub(super) pos: Pos,
    /// Whether the editor wrote the id (a person's always is).
    pub(super) given: bool,
}

/// Warn, at the item, about an id taken from a removed item and about an
/// id changed under the same words.
pub(super) fn check(
    checker: &mut Checker,
    story: &Story,
    at: &[ItemAt],
    previous: Option<&FactsJson>,
) {
    let Some(previous) = previous else { return };
    let edition = story.edition().iso();
    let same_edition = previous.edition == edition;
    let withdrawn: HashMap<String, Removed> = changes::withdrawn_before(previous)
        .into_iter()
        .map(|w| (w.id.clone(), w))
        .collect();
    // What the previous edition showed, and whether as news of this very
    // edition (a rebuild of it still warns, as its first build did).
    let shown: HashMap<String, bool> = previous_items(previous, &edition, same_edition).collect();
    let now: HashSet<String> = crate::ids::of_items(story).collect();
    let pos_of: HashMap<&str, &ItemAt> = at.iter().map(|a| (a.element_id.as_str(), a)).collect();
    let gone: Vec<(String, ItemKind, Words)> = previous_words(previous)
        .filter(|(id, _, _)| !now.contains(id))
        .collect();

    for (id, kind, words) in changes::words_now(story) {
        let Some(item) = pos_of.get(id.as_str()) else {
            continue;
        };
        // An id that is not a slug has its error already.
        if !crate::text::is_slug(given_form(kind, &id)) {
            continue;
        }
        let new_here = shown
            .get(&id)
            .is_none_or(|new_in_this_edition| *new_in_this_edition);
        if !new_here {
            continue;
        }
        let noun = noun(kind);
        if let Some(old) = withdrawn.get(&id)
            && old.kind == kind
            && !changes::same_item(kind, &old.words, &words)
        {
            checker.warning(
                item.pos,
                format!(
                    "`{id}` was the id of another {noun}, removed in the edition of {} ({}): links readers shared to it would now show this {noun}",
                    old.edition,
                    quoted(&old.words)
                ),
                Some(format!(
                    "give this {noun} an id no earlier item had; the removed {noun}'s corrections stay with it"
                )),
            );
            continue;
        }
        if let Some((old_id, _, _)) = gone
            .iter()
            .find(|(_, old_kind, old_words)| *old_kind == kind && *old_words == words)
        {
            let help = if item.given || kind == ItemKind::Person {
                format!(
                    "keep the old id, `id: {}`, so that the links and the embed page readers have still work",
                    given_form(kind, old_id)
                )
            } else {
                "keep the item's old id by giving it as its `id`".to_owned()
            };
            checker.warning(
                item.pos,
                format!(
                    "this {noun} was published as `{old_id}`, with the same words: under its new id `{id}` it is marked new, and links to `#{old_id}` and its embed page lead nowhere"
                ),
                Some(help),
            );
        }
    }
}

/// Mark each correction published before its item was withdrawn, when
/// the item's id now names a different one: the correction is the removed
/// item's, and must not show on the new one.
pub(super) fn keep_corrections_with_their_items(
    corrections: &mut [Correction],
    story: &Story,
    previous: Option<&FactsJson>,
) {
    let Some(previous) = previous else { return };
    let withdrawn: HashMap<String, Removed> = changes::withdrawn_before(previous)
        .into_iter()
        .map(|w| (w.id.clone(), w))
        .collect();
    let now: HashMap<String, (ItemKind, Words)> = changes::words_now(story)
        .map(|(id, kind, words)| (id, (kind, words)))
        .collect();
    for correction in corrections {
        let Some(item) = correction.item.as_deref() else {
            continue;
        };
        let (Some(old), Some((kind, words))) = (withdrawn.get(item), now.get(item)) else {
            continue;
        };
        let removed_at = Timestamp::parse(&old.edition).map_or(i64::MIN, |t| t.unix_seconds());
        let reused = old.kind != *kind || !changes::same_item(old.kind, &old.words, words);
        if reused && correction.at.unix_seconds() <= removed_at {
            correction.item_withdrawn = true;
        }
    }
}

/// The ids a correction may name beyond the page's: what the previous
/// edition had, and what earlier editions removed (a correction may say
/// why an item was withdrawn, long after).
pub(super) fn known_ids(previous: &FactsJson) -> impl Iterator<Item = String> + '_ {
    crate::ids::of_published(previous).chain(
        changes::withdrawn_before(previous)
            .into_iter()
            .map(|w| w.id),
    )
}

fn previous_items<'p>(
    previous: &'p FactsJson,
    edition: &'p str,
    same_edition: bool,
) -> impl Iterator<Item = (String, bool)> + 'p {
    let new_here = move |change: Option<&changes::Change>| {
        same_edition
            && change.is_some_and(|c| c.kind == changes::ChangeKind::New && c.edition == edition)
    };
    previous
        .people
        .iter()
        .map(move |p| (crate::ids::person(&p.id), new_here(p.change.as_ref())))
        .chain(
            previous
                .quotes
                .iter()
                .map(move |q| (q.id.clone(), new_here(q.change.as_ref()))),
        )
        .chain(
            previous
                .timeline
                .iter()
                .map(move |e| (e.id.clone(), new_here(e.change.as_ref()))),
        )
        .chain(
            previous
                .known
                .iter()
                .chain(&previous.unknown)
                .map(move |f| (f.id.clone(), new_here(f.change.as_ref()))),
        )
}

/// The previous edition's items as the record of changes words them.
fn previous_words(previous: &FactsJson) -> impl Iterator<Item = (String, ItemKind, Words)> + '_ {
    use crate::changes::Item;
    let people = previous
        .people
        .iter()
        .map(|p| (p.element_id(), ItemKind::Person, p.words(previous)));
    let quotes = previous
        .quotes
        .iter()
        .map(|q| (q.element_id(), ItemKind::Quote, q.words(previous)));
    let events = previous
        .timeline
        .iter()
        .map(|e| (e.element_id(), ItemKind::Event, e.words(previous)));
    let findings = previous
        .known
        .iter()
        .chain(&previous.unknown)
        .map(|f| (f.element_id(), ItemKind::Finding, f.words(previous)));
    people.chain(quotes).chain(events).chain(findings)
}

fn noun(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Person => "person",
        ItemKind::Quote => "quote",
        ItemKind::Event => "event",
        ItemKind::Finding => "item",
    }
}

/// An element id as facts.yaml's `id` gives it: `quote-alpha` is
/// `id: alpha`, a person's `person-jan` is `id: jan`.
fn given_form(kind: ItemKind, element_id: &str) -> &str {
    let prefix = match kind {
        ItemKind::Person => "person-",
        ItemKind::Quote => "quote-",
        ItemKind::Event => "event-",
        ItemKind::Finding => return crate::ids::finding_key(element_id),
    };
    element_id.strip_prefix(prefix).unwrap_or(element_id)
}

fn quoted(words: &Words) -> String {
    let text = shorten(&words.text, 60, Cut::AfterWord);
    match &words.by {
        Some(by) => format!("“{text}”, {by}"),
        None => format!("“{text}”"),
    }
}
