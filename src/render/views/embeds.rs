//! The embeddable parts: the story's header, each section, and each person,
//! quote and event, every one on a small page of its own that a newsroom
//! frames inside its own story.

use serde::Serialize;

use crate::ids;
use crate::model::Story;
use crate::render::RenderOptions;

/// One part of the explainer that can be embedded on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Summary,
    WhosWho,
    Quotes,
    Timeline,
    /// Indexes into the story's people, quotes and events, in facts.yaml
    /// order.
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

    /// The id of the element on the main page that this part shows, which
    /// is also the name of its embed page.
    pub fn element_id(self, story: &Story) -> String {
        match self {
            Part::Summary => ids::SUMMARY.to_owned(),
            Part::WhosWho => ids::WHOS_WHO.to_owned(),
            Part::Quotes => ids::QUOTES.to_owned(),
            Part::Timeline => ids::TIMELINE.to_owned(),
            Part::Person(i) => ids::person(&story.people[i].id),
            Part::Quote(i) => ids::quote(i),
            Part::Event(i) => ids::event(i),
        }
    }
}

/// Every part the story has, in a fixed order: the header and the sections
/// the main page shows, then people, quotes and events in facts.yaml order.
pub fn parts(story: &Story) -> Vec<Part> {
    let mut parts = vec![Part::Summary];
    // The main page leaves out an empty who's-who or key quotes; the
    // timeline always has at least the marker for this story.
    if !story.people.is_empty() {
        parts.push(Part::WhosWho);
    }
    if !story.quotes.is_empty() {
        parts.push(Part::Quotes);
    }
    parts.push(Part::Timeline);
    parts.extend((0..story.people.len()).map(Part::Person));
    parts.extend((0..story.quotes.len()).map(Part::Quote));
    parts.extend((0..story.timeline.len()).map(Part::Event));
    parts
}

/// What an embed template sees as `embed`, beside the main page's data.
#[derive(Serialize)]
pub struct EmbedView {
    /// `summary`, `whos-who`, `quotes`, `timeline`, `person`, `quote` or
    /// `event`.
    pub kind: &'static str,
    /// The element id on the main page.
    pub id: String,
    /// For a single person, quote or event: its index into `people`,
    /// `quotes` or `timeline`.
    pub index: Option<usize>,
    /// The oEmbed response for this part (absolute: it needs the base URL).
    pub oembed_url: Option<String>,
}

/// `event_items` gives, per event of the story, its index into the
/// timeline's items (which are in date order, with the story's marker).
pub fn view(
    part: Part,
    story: &Story,
    event_items: &[usize],
    options: &RenderOptions,
) -> EmbedView {
    let id = part.element_id(story);
    EmbedView {
        kind: part.kind(),
        index: match part {
            Part::Person(i) | Part::Quote(i) => Some(i),
            Part::Event(i) => event_items.get(i).copied(),
            _ => None,
        },
        oembed_url: options
            .base_url
            .as_deref()
            .map(|base| format!("{base}{}", ids::oembed_path(&id))),
        id,
    }
}

/// The width an oEmbed response states: a common story column. The frame
/// itself is as wide as its host's column.
pub const OEMBED_WIDTH: u32 = 700;

/// A frame's height before its page reports its own, at
/// [`OEMBED_WIDTH`]: near enough that a host without the sizing script
/// shows most of the part, and that the page does not jump far once the
/// script runs. Figures from the shipped story's embeds measured in
/// Chromium at 700 px (the browser tests print them): a person 536, a
/// quote 325, an event 269, the summary 729, the who's-who 5,460, the
/// quotes 1,687, the timeline 2,805.
pub fn estimated_height(part: Part, story: &Story) -> u32 {
    let rows = |base: usize, each: usize, n: usize| base.saturating_add(each.saturating_mul(n));
    let height = match part {
        Part::Summary => rows(280, 90, story.takeaways.len()),
        // Two cards a row at this width, each row as tall as its taller
        // card.
        Part::WhosWho => rows(150, 650, story.people.len().div_ceil(2)),
        Part::Quotes => rows(130, 180, story.quotes.len()),
        // The events and the marker for this story.
        Part::Timeline => rows(150, 190, story.timeline.len() + 1),
        Part::Person(_) => 540,
        Part::Quote(_) => 320,
        Part::Event(_) => 270,
    };
    u32::try_from(height.min(MAX_ESTIMATE)).unwrap_or(u32::MAX)
}

/// A frame taller than this would be mostly off screen anyway.
const MAX_ESTIMATE: usize = 20_000;
