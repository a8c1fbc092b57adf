//! The "New", "Updated" and "Corrected" badges, from what changed since the
//! previous edition ([`crate::changes`]), and the correction notes on the
//! items corrections name.

use std::collections::HashMap;

use serde::Serialize;

use super::DateView;
use crate::changes::{Change, ChangeKind, Changes};
use crate::ids::Knowledge;
use crate::locale::Locale;
use crate::model::Story;
use crate::render::markdown;

/// The badge on an item that is new, changed or corrected. The template
/// chooses the words by `kind`.
#[derive(Serialize, Clone)]
pub struct ChangeView {
    /// `new`, `changed` or `corrected`; `now_known` for an unknown that
    /// became known.
    pub kind: &'static str,
    /// The edition the change came with.
    pub at: DateView,
    /// The element id of the update or correction at that time, if there
    /// is one.
    pub update: Option<String>,
}

/// A correction, where the item it corrects is shown.
#[derive(Serialize, Clone)]
pub struct CorrectionNote {
    /// The correction's element id among the updates.
    pub id: String,
    pub at: DateView,
    pub text_html: String,
}

/// Turns a story's [`Changes`] into badges and notes.
pub struct Marks<'a> {
    changes: &'a Changes,
    edition: DateView,
    edition_update: Option<String>,
    /// Per element id, its corrections, newest first.
    notes: HashMap<&'a str, Vec<CorrectionNote>>,
}

impl<'a> Marks<'a> {
    pub fn new(story: &'a Story, changes: &'a Changes, locale: &Locale) -> Marks<'a> {
        let edition = story.edition();
        let corrections = crate::ids::corrections_newest_first(story);
        // A correction at the same instant as an update names the edition
        // first: it is why the edition exists.
        let edition_update = corrections
            .iter()
            .find(|(_, c)| c.at.unix_seconds() == edition.unix_seconds())
            .map(|(id, _)| id.clone())
            .or_else(|| {
                crate::ids::updates_newest_first(story)
                    .into_iter()
                    .find(|(_, u)| u.at.unix_seconds() == edition.unix_seconds())
                    .map(|(id, _)| id)
            });
        let mut notes: HashMap<&str, Vec<CorrectionNote>> = HashMap::new();
        for (id, correction) in corrections {
            if let Some(item) = correction.corrects() {
                notes.entry(item).or_default().push(CorrectionNote {
                    id,
                    at: DateView::of_time(&correction.at, locale),
                    text_html: markdown::render_fact(&correction.text, markdown::Layout::Inline),
                });
            }
        }
        Marks {
            changes,
            edition: DateView::of_time(edition, locale),
            edition_update,
            notes,
        }
    }

    pub fn badge(&self, change: &Option<Change>) -> Option<ChangeView> {
        change.as_ref().map(|change| ChangeView {
            kind: kind_name(change.kind),
            at: self.edition.clone(),
            update: self.edition_update.clone(),
        })
    }

    pub fn person(&self, index: usize) -> Option<ChangeView> {
        self.changes.people.get(index).and_then(|c| self.badge(c))
    }

    pub fn quote(&self, index: usize) -> Option<ChangeView> {
        self.changes.quotes.get(index).and_then(|c| self.badge(c))
    }

    pub fn event(&self, index: usize) -> Option<ChangeView> {
        self.changes.timeline.get(index).and_then(|c| self.badge(c))
    }

    /// The mark of the item at `index` of `known` or `unknown`.
    pub fn finding(&self, list: Knowledge, index: usize) -> Option<ChangeView> {
        let marks = match list {
            Knowledge::Known => &self.changes.known,
            Knowledge::Unknown => &self.changes.unknown,
        };
        let change = marks.get(index)?.as_ref()?;
        let mut badge = self.badge(&Some(change.clone()))?;
        badge.kind = finding_kind_name(change, list);
        Some(badge)
    }

    /// The element id the item at `index` of `known` or `unknown` had in
    /// the other list.
    pub fn moved_from(&self, list: Knowledge, index: usize) -> Option<String> {
        let offset = match list {
            Knowledge::Known => 0,
            Knowledge::Unknown => self.changes.known.len(),
        };
        self.changes
            .moved_from
            .get(offset + index)
            .cloned()
            .flatten()
    }

    /// The corrections of the item with this element id, newest first.
    pub fn corrections(&self, element_id: &str) -> Vec<CorrectionNote> {
        self.notes.get(element_id).cloned().unwrap_or_default()
    }
}

/// The mark of an item of `list`: `now_known` for one that was unknown in
/// the previous edition, else as [`kind_name`].
pub fn finding_kind_name(change: &Change, list: Knowledge) -> &'static str {
    let was_unknown =
        change.before.as_ref().and_then(|w| w.by.as_deref()) == Some(Knowledge::Unknown.name());
    if change.kind == ChangeKind::Changed && list == Knowledge::Known && was_unknown {
        "now_known"
    } else {
        kind_name(change.kind)
    }
}

pub fn kind_name(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::New => "new",
        ChangeKind::Changed => "changed",
        ChangeKind::Corrected => "corrected",
    }
}
