//! The updates and corrections, newest first, in one list: a correction is
//! news about the story too, and readers look for both in one place.

use serde::Serialize;

use super::DateView;
use crate::locale::Locale;
use crate::model::Story;
use crate::render::markdown;

#[derive(Serialize)]
pub struct UpdateView {
    /// `update` or `correction`.
    pub kind: &'static str,
    /// `update-<UTC time>` or `correction-<UTC time>`: stable across
    /// rebuilds, and the feed entry's address.
    pub id: String,
    pub at: DateView,
    pub text_html: String,
    /// For a correction: the element id of the item it corrects, when that
    /// item is on the page.
    pub item: Option<String>,
    /// A key event (`key: true`), listed above the article too.
    pub key: bool,
}

/// A key event, as the list above the article shows it: linked to its
/// update.
#[derive(Serialize)]
pub struct KeyEventView {
    /// The update's element id.
    pub id: String,
    pub at: DateView,
    /// Its words within a line.
    pub text_html: String,
}

/// The updates marked `key: true`, newest first.
pub fn key_events(story: &Story, locale: &Locale) -> Vec<KeyEventView> {
    crate::ids::updates_newest_first(story)
        .into_iter()
        .filter(|(_, update)| update.key)
        .map(|(id, update)| KeyEventView {
            id,
            at: DateView::of_time(&update.at, locale),
            text_html: markdown::render_fact(&update.text, markdown::Layout::Inline),
        })
        .collect()
}

pub fn build(story: &Story, locale: &Locale) -> Vec<UpdateView> {
    let on_page: std::collections::HashSet<String> = crate::ids::of_items(story).collect();
    let mut all: Vec<(i64, UpdateView)> =
        crate::ids::updates_newest_first(story)
            .into_iter()
            .map(|(id, update)| {
                (
                    update.at.unix_seconds(),
                    UpdateView {
                        kind: "update",
                        id,
                        at: DateView::of_time(&update.at, locale),
                        text_html: markdown::render_fact(&update.text, markdown::Layout::Blocks),
                        item: None,
                        key: update.key,
                    },
                )
            })
            .chain(crate::ids::corrections_newest_first(story).into_iter().map(
                |(id, correction)| {
                    (
                        correction.at.unix_seconds(),
                        UpdateView {
                            kind: "correction",
                            id,
                            at: DateView::of_time(&correction.at, locale),
                            text_html: markdown::render_fact(
                                &correction.text,
                                markdown::Layout::Blocks,
                            ),
                            item: correction
                                .corrects()
                                .filter(|i| on_page.contains(*i))
                                .map(str::to_owned),
                            key: false,
                        },
                    )
                },
            ))
            .collect();
    // Stable: at the same instant, updates come before corrections.
    all.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    all.into_iter().map(|(_, view)| view).collect()
}
