//! The embeddable parts: the story's header, each section, and each person,
//! quote and event, every one on a small page of its own that a newsroom
//! frames inside its own story (the README's "Embedding").
//!
//! An embed shows the same card the main page shows, rendered once: what
//! this module adds is which parts there are, what each is called, and how
//! tall its frame is likely to be.

use serde::Serialize;

use super::{PageData, PageView};
use crate::ids;
use crate::locale::Locale;

/// One part of the explainer that can be embedded on its own. Items are
/// indexes into the page data's `people`, `quotes` and `timeline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Summary,
    WhosWho,
    Quotes,
    Timeline,
    Person(usize),
    Quote(usize),
    Event(usize),
}

impl Part {
    /// What the embed template switches on.
    pub fn kind(self) -> &'static str {
        match self {
            Part::Summary => "summary",
            Part::WhosWho => "whos-who",
            Part::Quotes => "quotes",
            Part::Timeline => "timeline",
            Part::Person(_) => "person",
            Part::Quote(_) => "quote",
            Part::Event(_) => "event",
        }
    }
}

/// One embed: its part, the element id on the main page it shows (also its
/// file name), and its title for its page, its frame and its oEmbed
/// response.
pub struct Embed {
    pub part: Part,
    pub id: String,
    pub title: String,
    pub height: u32,
}

/// Between a part's own title and the story's, in every language: the
/// middle dot reads as a separator in all the built-in scripts.
pub(super) const TITLE_SEPARATOR: &str = " · ";

/// Every part the page shows, in a fixed order: the header and the
/// sections, then people, quotes and events in the page's order.
pub fn embeds(data: &PageData, locale: &Locale) -> Vec<Embed> {
    let story_title = &data.page.title;
    let titled = |own: &str| format!("{own}{TITLE_SEPARATOR}{story_title}");
    let colon = locale.word("colon");
    let mut embeds = vec![Embed {
        part: Part::Summary,
        id: ids::SUMMARY.to_owned(),
        title: story_title.clone(),
        height: estimated_height(Part::Summary, data),
    }];
    let mut section = |part, id: &str, word| {
        embeds.push(Embed {
            part,
            id: id.to_owned(),
            title: titled(locale.word(word)),
            height: estimated_height(part, data),
        })
    };
    // The main page leaves out an empty who's-who or key quotes; the
    // timeline always has at least the marker for this story.
    if !data.people.is_empty() {
        section(Part::WhosWho, ids::WHOS_WHO, "whos_who");
    }
    if !data.quotes.is_empty() {
        section(Part::Quotes, ids::QUOTES, "key_quotes");
    }
    section(Part::Timeline, ids::TIMELINE, "timeline");
    for (i, person) in data.people.iter().enumerate() {
        let own = format!(
            "{}{}{}",
            person.name,
            locale.word("list_comma"),
            person.role
        );
        embeds.push(item(Part::Person(i), &person.anchor, titled(&own), data));
    }
    for (i, quote) in data.quotes.iter().enumerate() {
        let own = format!(
            "{}{colon}{}{}{}",
            quote.speaker.name,
            locale.word("quote_open"),
            quote.excerpt,
            locale.word("quote_close")
        );
        embeds.push(item(Part::Quote(i), &quote.id, titled(&own), data));
    }
    for (i, event) in data.timeline.iter().enumerate() {
        // The marker for this story is the story itself: its embed is the
        // summary.
        if event.kind == "story" {
            continue;
        }
        let own = format!("{}{colon}{}", event.date.human, event.title);
        embeds.push(item(Part::Event(i), &event.id, titled(&own), data));
    }
    embeds
}

fn item(part: Part, id: &str, title: String, data: &PageData) -> Embed {
    Embed {
        part,
        id: id.to_owned(),
        title,
        height: estimated_height(part, data),
    }
}

/// The page's own fields an embed page uses, a few of [`PageView`]'s: an
/// embed is one of tens of thousands for a large story, and copies only
/// what it shows.
#[derive(Serialize)]
pub struct EmbedPageView<'a> {
    pub lang: &'a str,
    pub dir: &'static str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// Correction notes on cards need `record.css`.
    pub has_corrections: bool,
    /// `og:site_name`: the publisher.
    pub site_name: &'a str,
}

impl<'a> EmbedPageView<'a> {
    pub fn of(page: &'a PageView) -> Self {
        EmbedPageView {
            lang: &page.lang,
            dir: page.dir,
            title: &page.title,
            description: page.description.as_deref(),
            has_corrections: page.has_corrections,
            site_name: &page.site_name,
        }
    }
}

/// What an embed template sees as `embed`.
#[derive(Serialize)]
pub struct EmbedView<'a> {
    /// `summary`, `whos-who`, `quotes`, `timeline`, `person`, `quote`,
    /// `event`, or `removed` (an item earlier editions had).
    pub kind: &'static str,
    /// The element id on the main page.
    pub id: &'a str,
    pub title: &'a str,
    /// The oEmbed response for this part (absolute: it needs the base URL).
    pub oembed_url: Option<String>,
    /// A quote's card, what the embed page is shared with (absolute: it is
    /// drawn only with the base URL).
    pub image_url: Option<String>,
    /// The embed page's own address (absolute: it needs the base URL),
    /// for `og:url` where it is shared.
    pub url: Option<String>,
}

impl<'a> EmbedView<'a> {
    /// `cards`: whether the build draws the quotes' cards.
    pub fn of(embed: &'a Embed, base_url: Option<&str>, cards: bool) -> Self {
        EmbedView {
            kind: embed.part.kind(),
            id: &embed.id,
            title: &embed.title,
            oembed_url: base_url
                .map(|base| format!("{base}{}", crate::layout::embed_oembed(&embed.id))),
            image_url: base_url
                .filter(|_| cards && matches!(embed.part, Part::Quote(_)))
                .map(|base| format!("{base}{}", crate::layout::quote_card(&embed.id))),
            url: base_url.map(|base| format!("{base}{}", crate::layout::embed_page(&embed.id))),
        }
    }

    /// The notice at a removed item's embed address: nothing to share it
    /// with but its title.
    pub fn removed(removed: &'a super::RemovedEmbed, base_url: Option<&str>) -> Self {
        EmbedView {
            kind: "removed",
            id: &removed.id,
            title: &removed.title,
            oembed_url: base_url
                .map(|base| format!("{base}{}", crate::layout::embed_oembed(&removed.id))),
            image_url: None,
            url: base_url.map(|base| format!("{base}{}", crate::layout::embed_page(&removed.id))),
        }
    }
}

/// The width an oEmbed response states: a common story column. The frame
/// itself is as wide as its host's column.
pub const OEMBED_WIDTH: u32 = 700;

/// A frame's height before its page reports its own, at
/// [`OEMBED_WIDTH`]: near enough that a host without the sizing script
/// shows most of the part, and that the page does not jump far once the
/// script runs. The figures follow the shipped story's embeds as the
/// browser tests measure them at 700 px.
fn estimated_height(part: Part, data: &PageData) -> u32 {
    let rows = |base: usize, each: usize, n: usize| base.saturating_add(each.saturating_mul(n));
    let height = match part {
        Part::Summary => rows(280, 90, data.takeaways.len()),
        // Two cards a row at this width, each row as tall as its taller
        // card.
        Part::WhosWho => rows(150, 650, data.people.len().div_ceil(2)),
        Part::Quotes => rows(130, 180, data.quotes.len()),
        Part::Timeline => rows(150, 190, data.timeline.len()),
        Part::Person(_) => 540,
        Part::Quote(_) => 320,
        Part::Event(_) => 270,
    };
    u32::try_from(height.min(MAX_ESTIMATE)).unwrap_or(u32::MAX)
}

/// A frame taller than this would be mostly off screen anyway.
const MAX_ESTIMATE: usize = 20_000;
