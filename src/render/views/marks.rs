//! The "New" and "Updated" badges, from what changed since the previous
//! edition ([`crate::changes`]).

use serde::Serialize;

use super::DateView;
use crate::changes::{Change, ChangeKind, Changes};
use crate::locale::Locale;
use crate::model::Story;

/// The badge on an item that is new or changed.
#[derive(Serialize, Clone)]
pub struct ChangeView {
    /// `new` or `changed`.
    pub kind: &'static str,
    /// `New` or `Updated`, in the page's language.
    pub label: String,
    /// The edition the change came with.
    pub at: DateView,
    /// The element id of the update at that time, if there is one.
    pub update: Option<String>,
}

/// Turns a story's [`Changes`] into badges.
pub struct Marks<'a> {
    changes: &'a Changes,
    edition: DateView,
    edition_update: Option<String>,
    new: String,
    changed: String,
}

impl<'a> Marks<'a> {
    pub fn new(story: &Story, changes: &'a Changes, locale: &Locale) -> Marks<'a> {
        let edition = story.edition();
        let edition_update = story
            .updates_newest_first()
            .into_iter()
            .find(|(_, u)| u.at.unix_seconds() == edition.unix_seconds())
            .map(|(id, _)| id);
        Marks {
            changes,
            edition: DateView::of_time(edition, locale),
            edition_update,
            new: locale.word("badge_new").to_owned(),
            changed: locale.word("badge_changed").to_owned(),
        }
    }

    pub fn badge(&self, change: &Option<Change>) -> Option<ChangeView> {
        change.as_ref().map(|change| {
            let (kind, label) = match change.kind {
                ChangeKind::New => ("new", &self.new),
                ChangeKind::Changed => ("changed", &self.changed),
            };
            ChangeView {
                kind,
                label: label.clone(),
                at: self.edition.clone(),
                update: self.edition_update.clone(),
            }
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
}
