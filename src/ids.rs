//! Element ids and anchors: every id the page gives an element, and every
//! link to one, is made here, so the page, its data files and the feed can
//! never disagree about where an item lives. The README's stable-hooks table
//! documents them.

use std::collections::{HashMap, HashSet};

use crate::date::Timestamp;
use crate::text::{Letters, slug};

/// A person's card: `person-<id>`.
pub fn person(id: &str) -> String {
    format!("person-{id}")
}

/// A quote: `quote-<n>`, 0-based `index` in facts.yaml order.
pub fn quote(index: usize) -> String {
    format!("quote-{}", index + 1)
}

/// A timeline event: `event-<n>`, 0-based `index` in facts.yaml order.
pub fn event(index: usize) -> String {
    format!("event-{}", index + 1)
}

/// The timeline's marker for this story's own date.
pub const THIS_STORY: &str = "this-story";

/// The page's sections, as `index.html` writes them.
pub const WHOS_WHO: &str = "whos-who";
pub const QUOTES: &str = "quotes";
pub const TIMELINE: &str = "timeline";

/// The embed of the story's header (title, dek, what to know), which the
/// main page's oEmbed shows. The header has no element id of its own, so
/// this one names no element on the page.
pub const SUMMARY: &str = "summary";

/// The standalone page of one part of the explainer: `embed/<element
/// id>.html`, so `#person-marco-rubio` is embedded from
/// `embed/person-marco-rubio.html`.
pub fn embed_path(element_id: &str) -> String {
    format!("{EMBED_FOLDER}/{element_id}.html")
}

/// The static oEmbed response beside an embed page: `embed/<element
/// id>.json`.
pub fn oembed_path(element_id: &str) -> String {
    format!("{EMBED_FOLDER}/{element_id}.json")
}

/// The main page's oEmbed response, beside `index.html`.
pub const MAIN_OEMBED: &str = "oembed.json";

/// Where embed pages live; their links to the site's own files climb out
/// of it.
pub const EMBED_FOLDER: &str = "embed";

/// An article paragraph: `p-<n>`, 0-based `index` as
/// [`crate::article::paragraphs`] numbers them.
pub fn paragraph(index: usize) -> String {
    format!("p-{}", index + 1)
}

/// Where a person's name is linked in a text: `prefix` tells the caption's
/// mentions from the article's.
pub fn mention(prefix: MentionIn, person_id: &str) -> String {
    let prefix = match prefix {
        MentionIn::Article => "mention-",
        MentionIn::Caption => "caption-mention-",
    };
    format!("{prefix}{person_id}")
}

/// The texts that link their own first mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionIn {
    Article,
    Caption,
}

/// The base of an update's id, before [`Unique`] numbers a second update at
/// the same instant: `update-20250219T150000Z`.
pub fn update_base(at: &Timestamp) -> String {
    format!("update-{}", at.utc_token())
}

/// The base of a group's id: `group-<slug of its name>`.
pub fn group_base(name: &str) -> String {
    format!("group-{}", slug(name, Letters::Any))
}

/// The base of an article heading's id: `section-<slug of its text>`.
pub fn heading_base(text: &str) -> String {
    format!("section-{}", slug(text, Letters::Any))
}

/// Ids made unique by numbering from the second use of a base on
/// (`base`, `base-2`, `base-3`, …), never giving out one twice even when a
/// base itself ends in a number. A set and a counter per base rather than a
/// scan of the ids so far: an article with a thousand "Voices" headings
/// would otherwise take a million comparisons per heading.
#[derive(Debug, Default)]
pub struct Unique {
    used: HashSet<String>,
    /// Per base, the last number tried; ids only ever get taken, so the
    /// search can go on from there.
    last: HashMap<String, usize>,
}

impl Unique {
    pub fn new() -> Self {
        Unique::default()
    }

    pub fn take(&mut self, base: String) -> String {
        let n = self.last.entry(base.clone()).or_insert(1);
        let mut id = if *n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        while self.used.contains(&id) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_bases_are_numbered_and_never_collide() {
        let mut ids = Unique::new();
        let taken: Vec<String> = ["a", "a", "a-2", "a", "b"]
            .into_iter()
            .map(|base| ids.take(base.to_owned()))
            .collect();
        assert_eq!(taken, ["a", "a-2", "a-2-2", "a-3", "b"]);
    }

    #[test]
    fn anchors() {
        assert_eq!(person("marco-rubio"), "person-marco-rubio");
        assert_eq!(quote(0), "quote-1");
        assert_eq!(event(12), "event-13");
        assert_eq!(paragraph(4), "p-5");
        assert_eq!(mention(MentionIn::Caption, "x"), "caption-mention-x");
        assert_eq!(group_base("Saudi Arabia"), "group-saudi-arabia");
        assert_eq!(
            embed_path(&person("marco-rubio")),
            "embed/person-marco-rubio.html"
        );
        assert_eq!(oembed_path(&quote(2)), "embed/quote-3.json");
    }
}
