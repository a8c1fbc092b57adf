//! The record of changes (`changes.html`): edition by edition, newest
//! first, what was added, changed, corrected and removed, each linking to
//! the item on the page or to the past edition where it last stood.

use std::collections::HashSet;

use serde::Serialize;

use super::DateView;
use super::marks::{finding_kind_name, kind_name};
use crate::changes::{Change, ItemKind, Words};
use crate::date::Timestamp;
use crate::locale::Locale;
use crate::model::Story;
use crate::render::{Edition, markdown};
use crate::{ids, layout};

/// One edition in the record.
#[derive(Serialize)]
pub struct EditionRecord {
    /// `20250219T150000Z`, the edition's folder under `editions/`.
    pub id: String,
    pub at: DateView,
    /// Where the edition can be read: the page for the latest, else its
    /// folder.
    pub url: String,
    pub latest: bool,
    /// The updates and corrections that came with it, as HTML.
    pub notes_html: Vec<String>,
    pub entries: Vec<EntryView>,
}

#[derive(Serialize)]
pub struct EntryView {
    /// `new`, `changed`, `corrected` or `removed`.
    pub kind: &'static str,
    /// `person`, `quote`, `event` or `finding`.
    pub item: &'static str,
    pub words: Words,
    /// What it said before, for a changed or corrected item.
    pub before: Option<Words>,
    /// Where it stands now, or last stood; `None` when no page kept it.
    pub href: Option<String>,
}

/// The record of the latest edition and the past ones (oldest first), as
/// `changes.html` sees it: newest first.
pub fn record(latest: Edition, past: &[Edition], locale: &Locale) -> Vec<EditionRecord> {
    let latest_ids: HashSet<String> = crate::ids::of_items(latest.story).collect();
    let past_ids: Vec<(String, HashSet<String>)> = past
        .iter()
        .map(|e| {
            (
                layout::edition_folder(e.story.edition()),
                crate::ids::of_items(e.story).collect(),
            )
        })
        .collect();
    let href = |id: &str| -> Option<String> {
        if latest_ids.contains(id) {
            return Some(format!("index.html#{id}"));
        }
        past_ids
            .iter()
            .rev()
            .find(|(_, ids)| ids.contains(id))
            .map(|(folder, _)| format!("{folder}index.html#{id}"))
    };
    let mut editions = Vec::with_capacity(past.len() + 1);
    for (n, edition) in std::iter::once(latest)
        .chain(past.iter().rev().copied())
        .enumerate()
    {
        let story = edition.story;
        let at = story.edition();
        let since = edition
            .changes
            .since
            .as_deref()
            .and_then(|t| Timestamp::parse(t).ok())
            .map_or(i64::MIN, |t| t.unix_seconds());
        let mut entries = Vec::new();
        let mut add = |item: ItemKind, id: String, words: Words, change: &Option<Change>| {
            if let Some(change) = change {
                entries.push(EntryView {
                    kind: kind_name(change.kind),
                    item: item_name(item),
                    words,
                    before: change.before.clone(),
                    href: href(&id),
                });
            }
        };
        for (person, change) in story.people.iter().zip(&edition.changes.people) {
            let words = Words {
                text: person.name.clone(),
                by: Some(person.role.clone()),
            };
            add(ItemKind::Person, ids::person(&person.id), words, change);
        }
        for (quote, change) in story.quotes.iter().zip(&edition.changes.quotes) {
            let words = Words {
                // The page sets the language's own quotation marks around it.
                text: crate::quotes::without_marks(&quote.text).to_owned(),
                by: Some(story.people[quote.speaker].name.clone()),
            };
            add(ItemKind::Quote, quote.id.clone(), words, change);
        }
        for (event, change) in story.timeline.iter().zip(&edition.changes.timeline) {
            let words = Words {
                text: event.title.clone(),
                by: Some(event.date.iso()),
            };
            add(ItemKind::Event, event.id.clone(), words, change);
        }
        let lists = [
            (ids::Knowledge::Known, &story.known, &edition.changes.known),
            (
                ids::Knowledge::Unknown,
                &story.unknown,
                &edition.changes.unknown,
            ),
        ];
        for (list, items, changes) in lists {
            for (finding, change) in items.iter().zip(changes) {
                let Some(change) = change else { continue };
                let words = Words {
                    text: finding.text.clone(),
                    by: Some(list.name().to_owned()),
                };
                entries.push(EntryView {
                    kind: finding_kind_name(change, list),
                    item: item_name(ItemKind::Finding),
                    words: shown(ItemKind::Finding, &words, locale),
                    before: change
                        .before
                        .as_ref()
                        .map(|w| shown(ItemKind::Finding, w, locale)),
                    href: href(&finding.id),
                });
            }
        }
        for removed in &edition.changes.removed {
            entries.push(EntryView {
                kind: "removed",
                item: item_name(removed.kind),
                words: shown(removed.kind, &removed.words, locale),
                before: None,
                href: href(&removed.id),
            });
        }
        editions.push(EditionRecord {
            id: ids::edition(at),
            at: DateView::of_time(at, locale),
            url: if n == 0 {
                "index.html".to_owned()
            } else {
                layout::edition_page(at)
            },
            latest: n == 0,
            notes_html: notes_since(story, since.min(at.unix_seconds() - 1)),
            entries,
        });
    }
    editions
}

/// The updates and corrections newer than `since` (the edition before, or
/// just before this one when a rebuild of it has no earlier one to go by),
/// newest first.
fn notes_since(story: &Story, since: i64) -> Vec<String> {
    let mut notes: Vec<(i64, String)> = story
        .updates
        .iter()
        .filter(|u| u.at.unix_seconds() > since)
        .map(|u| (u.at.unix_seconds(), u.text.as_str()))
        .chain(
            story
                .corrections
                .iter()
                .filter(|c| c.at.unix_seconds() > since)
                .map(|c| (c.at.unix_seconds(), c.text.as_str())),
        )
        .map(|(at, text)| (at, markdown::render_fact(text, markdown::Layout::Inline)))
        .collect();
    notes.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    notes.into_iter().map(|(_, html)| html).collect()
}

fn item_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Person => "person",
        ItemKind::Quote => "quote",
        ItemKind::Event => "event",
        ItemKind::Finding => "finding",
    }
}

/// An item's words as the record shows them: what is known and not as
/// plain text, with its list's heading.
fn shown(kind: ItemKind, words: &Words, locale: &Locale) -> Words {
    if kind != ItemKind::Finding {
        return words.clone();
    }
    let list = words.by.as_deref().and_then(ids::Knowledge::of);
    Words {
        text: crate::article::plain_text(&words.text),
        by: list.map(|l| locale.word(heading_key(l)).to_owned()),
    }
}

/// The locale's key of a list's heading.
pub fn heading_key(list: ids::Knowledge) -> &'static str {
    match list {
        ids::Knowledge::Known => "known_title",
        ids::Knowledge::Unknown => "unknown_title",
    }
}
