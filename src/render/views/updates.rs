//! The updates, newest first.

use serde::Serialize;

use super::DateView;
use crate::locale::Locale;
use crate::model::Story;
use crate::render::markdown;

#[derive(Serialize)]
pub struct UpdateView {
    /// `update-<UTC time>`: stable across rebuilds, and the feed entry's
    /// address.
    pub id: String,
    pub at: DateView,
    pub text_html: String,
}

pub fn build(story: &Story, locale: &Locale) -> Vec<UpdateView> {
    story
        .updates_newest_first()
        .into_iter()
        .map(|(id, update)| UpdateView {
            id,
            at: DateView::of_time(&update.at, locale),
            text_html: markdown::render_fact(&update.text, markdown::Layout::Blocks),
        })
        .collect()
}
