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
use crate::changes::{Changes, ItemKind, Removed};
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
    /// The edition before that one, when known here: this edition's
    /// previous, for what this edition removed.
    pub after: Option<Timestamp>,
}

/// A correction or an update, as the notice quotes it.
struct Note<'a> {
    /// `correction` or `update`.
    kind: &'static str,
    /// Its element id on the main page.
    id: String,
    at: &'a Timestamp,
    text: &'a str,
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
    let mut all: Vec<(&Removed, bool)> = Vec::new();
    let older = changes.withdrawn.iter().map(|r| (r, false));
    for (removed, now) in older.chain(changes.removed.iter().map(|r| (r, true))) {
        all.retain(|(r, _)| r.id != removed.id);
        all.push((removed, now));
    }
    let since = changes
        .since
        .as_deref()
        .and_then(|t| Timestamp::parse(t).ok());
    let title = format!(
        "{}{TITLE_SEPARATOR}{}",
        locale.word("change_removed"),
        story.article.title
    );
    all.into_iter()
        // Only the kinds of item that have embed pages of their own.
        .filter(|(r, _)| matches!(r.kind, ItemKind::Person | ItemKind::Quote | ItemKind::Event))
        .filter(|(r, _)| !taken.contains(r.id.as_str()))
        .filter_map(|(r, now)| {
            Some(RemovedEmbed {
                id: r.id.clone(),
                title: title.clone(),
                edition: Timestamp::parse(&r.edition).ok()?,
                after: since.clone().filter(|_| now),
            })
        })
        .collect()
}

/// The newest correction that names the item; else the newest update that
/// came with the edition that removed it (after the edition before it, when
/// that is known; else the update the edition is named by).
fn note<'s>(story: &'s Story, removed: &RemovedEmbed, before: Option<&str>) -> Option<Note<'s>> {
    let correction = ids::corrections_newest_first(story)
        .into_iter()
        .find(|(_, c)| c.item.as_deref() == Some(removed.id.as_str()))
        .map(|(id, c)| Note {
            kind: "correction",
            id,
            at: &c.at,
            text: &c.text,
        });
    // Compared as edition ids, which sort as times do.
    let edition = ids::edition(&removed.edition);
    let after = removed
        .after
        .as_ref()
        .map(ids::edition)
        .or_else(|| before.map(str::to_owned));
    correction.or_else(|| {
        ids::updates_newest_first(story)
            .into_iter()
            .find(|(_, u)| {
                let at = ids::edition(&u.at);
                match &after {
                    Some(after) => *after < at && at <= edition,
                    None => at == edition,
                }
            })
            .map(|(id, u)| Note {
                kind: "update",
                id,
                at: &u.at,
                text: &u.text,
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
    pub fn of(
        removed: &RemovedEmbed,
        story: &Story,
        record: &[String],
        locale: &Locale,
    ) -> RemovedView {
        let edition = ids::edition(&removed.edition);
        let record_url = if record.contains(&edition) {
            format!("{}#{}", layout::CHANGES, ids::edition_section(&edition))
        } else {
            layout::CHANGES.to_owned()
        };
        // The edition before it in the record (ids sort as times do).
        let before = record
            .iter()
            .filter(|id| **id < edition)
            .max()
            .map(String::as_str);
        RemovedView {
            at: DateView::of_time(&removed.edition, locale),
            note: note(story, removed, before).map(|n| NoteView {
                kind: n.kind,
                url: format!("{}#{}", layout::PAGE, n.id),
                at: DateView::of_time(n.at, locale),
                text_html: markdown::render_fact(n.text, markdown::Layout::Inline),
            }),
            record_url,
        }
    }
}
