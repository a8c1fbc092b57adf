//! The embeds of items that are gone. A person, quote or event an earlier
//! edition had may be framed on other sites, and its oEmbed response
//! cached by them: both stay, as a short notice that says when the item
//! was removed, with the correction (or the update) that says why, and a
//! link to the record of changes. A frame that found the site's 404 page
//! instead would be stuck at its first height, with links inside it.

use std::collections::HashSet;

use serde::Serialize;

use super::DateView;
use super::embeds::{Embed, TITLE_SEPARATOR};
use crate::changes::{Changes, Removed};
use crate::date::Timestamp;
use crate::locale::Locale;
use crate::model::Story;
use crate::render::markdown;
use crate::{ids, layout};

/// The notice that answers at a removed item's embed address.
pub struct RemovedEmbed {
    /// The element id the item had, and so its embed page's name.
    pub id: String,
    pub title: String,
    /// The edition that removed it.
    pub edition: Timestamp,
    /// What tells readers why, if anything does.
    pub note: Option<Note>,
}

/// A correction or an update, as the notice quotes it.
pub struct Note {
    /// `correction` or `update`.
    pub kind: &'static str,
    /// Its element id on the main page.
    pub id: String,
    pub at: Timestamp,
    pub text: String,
}

/// The frame's height before its page reports its own.
pub const HEIGHT: u32 = 220;

/// Every item removed in this edition or an earlier one whose id no part of
/// the page holds now (an id taken by another item is that item's embed),
/// the latest removal of each, in the record's order.
pub fn removed_embeds(
    story: &Story,
    changes: &Changes,
    embeds: &[Embed],
    locale: &Locale,
) -> Vec<RemovedEmbed> {
    let taken: HashSet<&str> = embeds.iter().map(|e| e.id.as_str()).collect();
    let mut all: Vec<&Removed> = Vec::new();
    for removed in changes.withdrawn.iter().chain(&changes.removed) {
        all.retain(|r| r.id != removed.id);
        all.push(removed);
    }
    let title = format!(
        "{}{TITLE_SEPARATOR}{}",
        locale.word("change_removed"),
        story.article.title
    );
    all.into_iter()
        .filter(|r| !taken.contains(r.id.as_str()))
        .filter_map(|r| {
            let edition = Timestamp::parse(&r.edition).ok()?;
            Some(RemovedEmbed {
                note: note(story, &r.id, &edition),
                id: r.id.clone(),
                title: title.clone(),
                edition,
            })
        })
        .collect()
}

/// The newest correction that names the item; else the update the edition
/// that removed it is named by (an edition's time is its newest update's or
/// correction's).
fn note(story: &Story, id: &str, edition: &Timestamp) -> Option<Note> {
    let correction = ids::corrections_newest_first(story)
        .into_iter()
        .find(|(_, c)| c.item.as_deref() == Some(id))
        .map(|(id, c)| Note {
            kind: "correction",
            id,
            at: c.at.clone(),
            text: c.text.clone(),
        });
    correction.or_else(|| {
        ids::updates_newest_first(story)
            .into_iter()
            .find(|(_, u)| u.at.unix_seconds() == edition.unix_seconds())
            .map(|(id, u)| Note {
                kind: "update",
                id,
                at: u.at.clone(),
                text: u.text.clone(),
            })
    })
}

/// What the notice's template sees as `removed`.
#[derive(Serialize)]
pub struct RemovedView {
    pub at: DateView,
    pub note: Option<NoteView>,
    /// The record of changes, at the edition that removed the item when the
    /// record has it.
    pub record_url: String,
}

#[derive(Serialize)]
pub struct NoteView {
    pub kind: &'static str,
    /// Where it is on the main page.
    pub url: String,
    pub at: DateView,
    pub text_html: String,
}

impl RemovedView {
    /// `record`: the ids of the editions `changes.html` lists.
    pub fn of(removed: &RemovedEmbed, record: &[String], locale: &Locale) -> RemovedView {
        let edition = ids::edition(&removed.edition);
        let record_url = if record.contains(&edition) {
            format!("{}#{}", layout::CHANGES, ids::edition_section(&edition))
        } else {
            layout::CHANGES.to_owned()
        };
        RemovedView {
            at: DateView::of_time(&removed.edition, locale),
            note: removed.note.as_ref().map(|n| NoteView {
                kind: n.kind,
                url: format!("{}#{}", layout::PAGE, n.id),
                at: DateView::of_time(&n.at, locale),
                text_html: markdown::render_fact(&n.text, markdown::Layout::Inline),
            }),
            record_url,
        }
    }
}
