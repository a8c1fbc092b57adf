//! The background timeline, in date order, with a marker for the story's
//! own date.

use serde::Serialize;

use super::marks::{ChangeView, CorrectionNote};
use super::{DateView, Marks, SourceView, SpeakerView};
use crate::ids;
use crate::locale::Locale;
use crate::model::Story;
use crate::render::markdown;

#[derive(Serialize)]
pub struct TimelineItem<'a> {
    /// `event` for a background event, `story` for the marker of this
    /// story's own date.
    pub kind: &'static str,
    /// `event-<…>` (see [`crate::ids::assign`]); `this-story` for the marker.
    pub id: String,
    pub date: DateView,
    pub title: &'a str,
    pub summary_html: Option<String>,
    pub people: Vec<SpeakerView<'a>>,
    pub source: Option<SourceView<'a>>,
    /// After the story's date.
    pub upcoming: bool,
    pub change: Option<ChangeView>,
    /// Corrections of this event, newest first.
    pub corrections: Vec<CorrectionNote>,
}

/// The items, and how they map to the story's events.
pub struct Timeline<'a> {
    pub items: Vec<TimelineItem<'a>>,
    /// The story's events' indexes, in date order.
    pub order: Vec<usize>,
    /// Per event of the story, its index in `items`.
    pub item_of: Vec<usize>,
}

pub fn build<'a>(story: &'a Story, locale: &'a Locale, marks: &Marks) -> Timeline<'a> {
    let story_day = story.article.published.day();
    let mut order: Vec<usize> = (0..story.timeline.len()).collect();
    // Stable: events on the same date keep the file's order.
    order.sort_by_key(|&i| story.timeline[i].date);
    let mut items: Vec<TimelineItem> = Vec::with_capacity(order.len() + 1);
    let mut marker_placed = false;
    let mut item_of = vec![0; story.timeline.len()];
    for &i in &order {
        let event = &story.timeline[i];
        let upcoming = event.date.is_after(story_day);
        if upcoming && !marker_placed {
            items.push(story_marker(story, locale));
            marker_placed = true;
        }
        item_of[i] = items.len();
        items.push(TimelineItem {
            kind: "event",
            id: event.id.clone(),
            date: DateView::of_date(&event.date, locale),
            title: &event.title,
            summary_html: event
                .summary
                .as_deref()
                .map(|s| markdown::render_fact(s, markdown::Layout::Blocks)),
            people: event
                .people
                .iter()
                .map(|&p| SpeakerView::of(story, p, locale))
                .collect(),
            source: event.source.as_ref().map(SourceView::of),
            upcoming,
            change: marks.event(i),
            corrections: marks.corrections(&event.id),
        });
    }
    if !marker_placed {
        items.push(story_marker(story, locale));
    }
    Timeline {
        items,
        order,
        item_of,
    }
}

fn story_marker<'a>(story: &Story, locale: &'a Locale) -> TimelineItem<'a> {
    TimelineItem {
        kind: "story",
        id: ids::THIS_STORY.to_owned(),
        date: DateView::of_time(&story.article.published, locale),
        title: locale.word("story_published"),
        summary_html: None,
        people: Vec::new(),
        source: None,
        upcoming: false,
        change: None,
        corrections: Vec::new(),
    }
}
