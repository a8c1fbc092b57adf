//! Element ids and anchors: every id the page gives an element, and every
//! link to one, is made here, so the page, its data files and the feed can
//! never disagree about where an item lives. The README's stable-hooks table
//! documents them.

use std::collections::{HashMap, HashSet};

use crate::changes::{ItemKind, Removed};
use crate::date::Timestamp;
use crate::facts_json::FactsJson;
use crate::model::{Correction, Story, Update};
use crate::text::{Letters, slug};

/// A person's card: `person-<id>`.
pub fn person(id: &str) -> String {
    format!("person-{id}")
}

/// A quote with its own `id` in facts.yaml: `quote-<id>`.
pub fn quote(given: &str) -> String {
    format!("quote-{given}")
}

/// A timeline event with its own `id` in facts.yaml: `event-<id>`.
pub fn event(given: &str) -> String {
    format!("event-{given}")
}

/// How many words of a quote or title make its id when it has none of its
/// own: enough to tell items apart, short enough to read in a link.
const ID_WORDS: usize = 3;

/// The base of the id of a quote with no `id` of its own, before [`Unique`]
/// numbers a second quote that starts with the same words:
/// `quote-we-not-only`. It depends on the quote alone.
pub fn quote_base(text: &str, speaker: &str) -> String {
    words_base("quote", text, speaker)
}

/// The same for an event, from its title: `event-russia-annexes-crimea`.
pub fn event_base(title: &str, date: &str) -> String {
    words_base("event", title, date)
}

/// Which list of what is known an item is in: the first word of its
/// element id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knowledge {
    Known,
    Unknown,
}

impl Knowledge {
    pub fn name(self) -> &'static str {
        match self {
            Knowledge::Known => "known",
            Knowledge::Unknown => "unknown",
        }
    }

    /// The list an element id or a record's `by` names.
    pub fn of(name: &str) -> Option<Knowledge> {
        if name == "unknown" || name.starts_with("unknown-") {
            Some(Knowledge::Unknown)
        } else if name == "known" || name.starts_with("known-") {
            Some(Knowledge::Known)
        } else {
            None
        }
    }
}

/// An item of `known:` or `unknown:`: `known-<key>`, `unknown-<key>`. The
/// key is the item's across both lists, so an unknown that becomes known
/// keeps it.
pub fn finding(list: Knowledge, key: &str) -> String {
    format!("{}-{key}", list.name())
}

/// The key of a finding's element id: what stays when it moves lists.
pub fn finding_key(element_id: &str) -> &str {
    element_id
        .strip_prefix("unknown-")
        .or_else(|| element_id.strip_prefix("known-"))
        .unwrap_or(element_id)
}

fn words_base(kind: &str, words: &str, fallback: &str) -> String {
    format!("{kind}-{}", first_words(words, fallback))
}

/// The first few words of `words` as a slug, else `fallback`'s slug.
fn first_words(words: &str, fallback: &str) -> String {
    // Letters left alone by punctuation ("U.S.", "Zelenskyy's") say little
    // and cost bytes in every link.
    let slugged = slug(words, Letters::Any);
    let first: Vec<&str> = slugged
        .split('-')
        .filter(|w| w.chars().count() > 1)
        .take(ID_WORDS)
        .collect();
    let words = first.join("-");
    // Words of punctuation alone make no slug.
    if words.is_empty() {
        slug(fallback, Letters::Any)
    } else {
        words
    }
}

/// The timeline's marker for this story's own date.
pub const THIS_STORY: &str = "this-story";

/// The page's sections, as `index.html` writes them.
pub const WHOS_WHO: &str = "whos-who";
pub const QUOTES: &str = "quotes";
pub const TIMELINE: &str = "timeline";

/// The embed of the story's header (title, dek, what to know), which the
/// main page's oEmbed response shows. The header has no element id of its
/// own, so this one names no element on the page.
pub const SUMMARY: &str = "summary";

/// An article paragraph: `p-<n>`, 0-based `index` as
/// [`crate::article::paragraphs`] numbers them.
pub fn paragraph(index: usize) -> String {
    format!("p-{}", index + 1)
}

/// A moment of a transcript on its page: `t-<seconds>`, on the first cue
/// that starts in that second.
pub fn transcript_moment(seconds: u64) -> String {
    format!("t-{seconds}")
}

/// A turn of a transcript on its page: `turn-<n>`, 0-based `index`.
pub fn transcript_turn(index: usize) -> String {
    format!("turn-{}", index + 1)
}

/// Where a quote from a transcript is on the transcript's page: the moment
/// it was said, or its turn in a transcript without times.
pub fn in_transcript(from: &crate::model::QuoteFrom) -> String {
    from.seconds
        .map_or_else(|| transcript_turn(from.turn), transcript_moment)
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

/// The base of a correction's id: `correction-20250219T150000Z`.
pub fn correction_base(at: &Timestamp) -> String {
    format!("correction-{}", at.utc_token())
}

/// A past edition's folder under `editions/`, from the edition's time:
/// `20250219T150000Z`.
pub fn edition(at: &Timestamp) -> String {
    at.utc_token()
}

/// The anchor of an edition's section on `changes.html`
/// (`edition-20250219T150000Z`), from its [`edition`] id.
pub fn edition_section(edition: &str) -> String {
    format!("edition-{edition}")
}

/// The base of a group's id: `group-<slug of its name>`.
pub fn group_base(name: &str) -> String {
    format!("group-{}", slug(name, Letters::Any))
}

/// The base of an article heading's id: `section-<slug of its text>`.
pub fn heading_base(text: &str) -> String {
    format!("section-{}", slug(text, Letters::Any))
}

/// The updates, newest first, each with an element id that stays the
/// same when the page is rebuilt (`update-20250219T150000Z`).
pub fn updates_newest_first(story: &Story) -> Vec<(String, &Update)> {
    let mut updates: Vec<&Update> = story.updates.iter().collect();
    // Stable: updates at the same instant keep the file's order.
    updates.sort_by_key(|u| std::cmp::Reverse(u.at.unix_seconds()));
    let mut ids = Unique::new();
    updates
        .into_iter()
        .map(|update| (ids.take(update_base(&update.at)), update))
        .collect()
}

/// The corrections, newest first, each with an element id that stays
/// the same when the page is rebuilt (`correction-20250219T150000Z`).
pub fn corrections_newest_first(story: &Story) -> Vec<(String, &Correction)> {
    let mut corrections: Vec<&Correction> = story.corrections.iter().collect();
    corrections.sort_by_key(|c| std::cmp::Reverse(c.at.unix_seconds()));
    let mut ids = Unique::new();
    corrections
        .into_iter()
        .map(|c| (ids.take(correction_base(&c.at)), c))
        .collect()
}

/// The element ids of everything a correction may name: the story's
/// people, quotes, events, and what is known and not, in that order.
pub fn of_items(story: &Story) -> impl Iterator<Item = String> + '_ {
    story
        .people
        .iter()
        .map(|p| person(&p.id))
        .chain(story.quotes.iter().map(|q| q.id.clone()))
        .chain(story.timeline.iter().map(|e| e.id.clone()))
        .chain(
            story
                .known
                .iter()
                .chain(&story.unknown)
                .map(|f| f.id.clone()),
        )
}

/// The element ids of the items an edition published.
pub fn of_published(facts: &FactsJson) -> impl Iterator<Item = String> + '_ {
    facts
        .people
        .iter()
        .map(|p| person(&p.id))
        .chain(facts.quotes.iter().map(|q| q.id.clone()))
        .chain(facts.timeline.iter().map(|e| e.id.clone()))
        .chain(
            facts
                .known
                .iter()
                .chain(&facts.unknown)
                .map(|f| f.id.clone()),
        )
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

    /// Mark `id` as given out, so that [`Unique::take`] never makes it.
    pub fn reserve(&mut self, id: String) {
        self.used.insert(id);
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

/// Give every quote and event of `story` its element id, once per build.
///
/// An item's own `id` comes first. Otherwise the previous edition is the
/// memory: an item that matches one it published keeps that one's id, so a
/// link a reader shared yesterday, even a positional `quote-3` published
/// before ids were stable, still leads to the same item. An item matches
/// by its words (a quote's speaker and text, an event's date and title),
/// else, for an item edited since, by being the closest unclaimed item of
/// the previous edition (the same speaker and much the same words; the
/// same date or much the same title). What matches nothing gets an id
/// made from its own first words, never one the previous edition gave to
/// another item: ids do not depend on other items' places in the file.
pub fn assign(story: &mut Story, previous: Option<&FactsJson>) {
    // Ids an earlier edition gave to items since removed: never made anew
    // for another item, but an item back with the same words takes its own
    // again.
    let withdrawn = previous
        .map(crate::changes::withdrawn_before)
        .unwrap_or_default();
    let withdrawn_of = |kind: ItemKind| -> Vec<Withdrawn> {
        withdrawn
            .iter()
            .filter(|w| w.kind == kind)
            .map(|w| Withdrawn {
                id: &w.id,
                shown: w.words.by.as_deref().unwrap_or(""),
                words: &w.words.text,
            })
            .collect()
    };
    let speakers: Vec<String> = story
        .quotes
        .iter()
        .map(|q| story.people[q.speaker].id.clone())
        .collect();
    let quote_ids = {
        let now: Vec<Candidate> = story
            .quotes
            .iter()
            .zip(&speakers)
            .map(|(q, speaker)| Candidate {
                given: q.given_id.as_deref().map(quote),
                group: speaker,
                shown: &story.people[q.speaker].name,
                words: &q.text,
                base: quote_base(&q.text, speaker),
            })
            .collect();
        let before: Vec<Candidate> = previous
            .map(|p| p.quotes.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|q| Candidate {
                given: Some(q.id.clone()),
                group: &q.speaker,
                shown: "",
                words: &q.text,
                base: String::new(),
            })
            .collect();
        decide(
            &now,
            &before,
            &withdrawn_of(ItemKind::Quote),
            Similar::SameGroup,
        )
    };
    for (quote, id) in story.quotes.iter_mut().zip(quote_ids) {
        quote.id = id;
    }
    let dates: Vec<String> = story.timeline.iter().map(|e| e.date.iso()).collect();
    let event_ids = {
        let now: Vec<Candidate> = story
            .timeline
            .iter()
            .zip(&dates)
            .map(|(e, date)| Candidate {
                given: e.given_id.as_deref().map(event),
                group: date,
                shown: date,
                words: &e.title,
                base: event_base(&e.title, date),
            })
            .collect();
        let before: Vec<Candidate> = previous
            .map(|p| p.timeline.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|e| Candidate {
                given: Some(e.id.clone()),
                group: &e.date,
                shown: "",
                words: &e.title,
                base: String::new(),
            })
            .collect();
        decide(
            &now,
            &before,
            &withdrawn_of(ItemKind::Event),
            Similar::GroupOrWords,
        )
    };
    for (event, id) in story.timeline.iter_mut().zip(event_ids) {
        event.id = id;
    }
    assign_findings(story, previous, &withdrawn);
}

/// The keys of what is known and not are assigned across both lists, so
/// that no two items share one and an item keeps its key when it moves.
/// An item without an `id` keeps the key of the earlier item of its list
/// with its words, or with much the same words.
fn assign_findings(story: &mut Story, previous: Option<&FactsJson>, withdrawn: &[Removed]) {
    let lists = [
        (Knowledge::Known, &story.known),
        (Knowledge::Unknown, &story.unknown),
    ];
    let now: Vec<Candidate> = lists
        .iter()
        .flat_map(|(list, items)| {
            items.iter().map(move |f| Candidate {
                given: f.given_id.clone(),
                group: list.name(),
                shown: "",
                words: &f.text,
                base: first_words(&crate::article::plain_text(&f.text), "item"),
            })
        })
        .collect();
    let before: Vec<Candidate> = previous
        .map(|p| [&p.known, &p.unknown])
        .into_iter()
        .flatten()
        .flatten()
        .map(|f| Candidate {
            given: Some(finding_key(&f.id).to_owned()),
            group: Knowledge::of(&f.id).unwrap_or(Knowledge::Known).name(),
            shown: "",
            words: &f.text,
            base: String::new(),
        })
        .collect();
    let gone: Vec<Withdrawn> = withdrawn
        .iter()
        .filter(|w| w.kind == ItemKind::Finding)
        .map(|w| Withdrawn {
            id: finding_key(&w.id),
            shown: "",
            words: &w.words.text,
        })
        .collect();
    let keys = decide(&now, &before, &gone, Similar::SameGroup);
    let mut keys = keys.into_iter();
    for (list, items) in [
        (Knowledge::Known, &mut story.known),
        (Knowledge::Unknown, &mut story.unknown),
    ] {
        for (item, key) in items.iter_mut().zip(keys.by_ref()) {
            item.id = finding(list, &key);
        }
    }
}

/// An item an earlier edition removed, as the record of changes words it.
struct Withdrawn<'a> {
    id: &'a str,
    /// A quote's speaker's name, an event's date.
    shown: &'a str,
    words: &'a str,
}

/// An item as id assignment sees it. For the previous edition's items,
/// `given` is the id it published.
struct Candidate<'a> {
    given: Option<String>,
    /// A quote's speaker, an event's date.
    group: &'a str,
    /// The same as the record of changes shows it: a quote's speaker's
    /// name, an event's date.
    shown: &'a str,
    /// A quote's text, an event's title.
    words: &'a str,
    base: String,
}

/// When an edited item is taken for the earlier one it replaced.
#[derive(Clone, Copy)]
enum Similar {
    /// A quote: the same speaker, and words at least this alike.
    SameGroup,
    /// An event: the same date, or a title at least this alike.
    GroupOrWords,
}

/// How alike two texts must be (0 to 1, by edit distance) for an edited
/// item to keep the id of the one it replaced.
pub(crate) const ALIKE: f64 = 0.5;

fn decide(
    now: &[Candidate],
    before: &[Candidate],
    withdrawn: &[Withdrawn],
    similar: Similar,
) -> Vec<String> {
    let mut ids: Vec<Option<String>> = now.iter().map(|c| c.given.clone()).collect();
    let mut claimed: HashSet<String> = ids.iter().flatten().cloned().collect();
    let published: Vec<&str> = before.iter().filter_map(|b| b.given.as_deref()).collect();
    // Exact matches first, so that an edited item never takes the id of an
    // unedited one.
    let mut by_words: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for (b, id) in before.iter().zip(&published) {
        by_words.entry((b.group, b.words)).or_default().push(id);
    }
    for (slot, c) in ids.iter_mut().zip(now) {
        if slot.is_some() {
            continue;
        }
        if let Some(found) = by_words
            .get(&(c.group, c.words))
            .and_then(|list| list.iter().find(|id| !claimed.contains(**id)))
        {
            claimed.insert((*found).to_owned());
            *slot = Some((*found).to_owned());
        }
    }
    // An item back as it was takes its id back.
    for (slot, c) in ids.iter_mut().zip(now) {
        if slot.is_some() {
            continue;
        }
        if let Some(found) = withdrawn
            .iter()
            .find(|w| w.shown == c.shown && w.words == c.words && !claimed.contains(w.id))
        {
            claimed.insert(found.id.to_owned());
            *slot = Some(found.id.to_owned());
        }
    }
    for (slot, c) in ids.iter_mut().zip(now) {
        if slot.is_some() {
            continue;
        }
        let best = before
            .iter()
            .zip(&published)
            .filter(|(_, id)| !claimed.contains(**id))
            .filter_map(|(b, id)| {
                let alike = strsim::normalized_levenshtein(b.words, c.words);
                let same_group = b.group == c.group;
                let matches = match similar {
                    Similar::SameGroup => same_group && alike >= ALIKE,
                    Similar::GroupOrWords => same_group || alike >= ALIKE,
                };
                matches.then_some((same_group, alike, *id))
            })
            // The first of equals, in the previous file's order.
            .fold(None, |best: Option<(bool, f64, &str)>, next| match best {
                Some(b) if (b.0, b.1) >= (next.0, next.1) => Some(b),
                _ => Some(next),
            });
        if let Some((_, _, id)) = best {
            claimed.insert(id.to_owned());
            *slot = Some(id.to_owned());
        }
    }
    let mut unique = Unique::new();
    for id in claimed
        .into_iter()
        .chain(published.iter().map(|id| (*id).to_owned()))
        .chain(withdrawn.iter().map(|w| w.id.to_owned()))
    {
        unique.reserve(id);
    }
    ids.into_iter()
        .zip(now)
        .map(|(id, c)| id.unwrap_or_else(|| unique.take(c.base.clone())))
        .collect()
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
        assert_eq!(quote("river-fails"), "quote-river-fails");
        assert_eq!(event("vote"), "event-vote");
        assert_eq!(
            quote_base("“We not only listened, but also heard”", "x"),
            "quote-we-not-only"
        );
        assert_eq!(quote_base("…", "sergey-lavrov"), "quote-sergey-lavrov");
        assert_eq!(paragraph(4), "p-5");
        assert_eq!(mention(MentionIn::Caption, "x"), "caption-mention-x");
        assert_eq!(group_base("Saudi Arabia"), "group-saudi-arabia");
    }
}

#[cfg(test)]
mod assign_tests {
    use super::*;

    fn candidate<'a>(given: Option<&str>, group: &'a str, words: &'a str) -> Candidate<'a> {
        Candidate {
            given: given.map(str::to_owned),
            group,
            shown: group,
            words,
            base: quote_base(words, group),
        }
    }

    #[test]
    fn published_ids_carry_forward_and_new_items_take_none_of_them() {
        let before = [
            candidate(Some("quote-1"), "berg", "safe and on budget"),
            candidate(Some("quote-2"), "okafor", "The lining was never tested"),
            candidate(Some("quote-3"), "okafor", "We warned them"),
        ];
        let now = [
            // Inserted at the top.
            candidate(None, "berg", "We will review the tests"),
            candidate(None, "berg", "safe and on budget"),
            // Corrected words, same speaker: still the same quote.
            candidate(None, "okafor", "The lining was never properly tested"),
            // Named by the editor.
            candidate(Some("quote-warned"), "okafor", "We warned them"),
        ];
        assert_eq!(
            decide(&now, &before, &[], Similar::SameGroup),
            ["quote-we-will-review", "quote-1", "quote-2", "quote-warned"]
        );
    }

    #[test]
    fn a_withdrawn_id_is_never_made_anew_but_comes_back_with_its_words() {
        let withdrawn = [
            Withdrawn {
                id: "quote-on-time",
                shown: "x",
                words: "on time",
            },
            Withdrawn {
                id: "quote-3",
                shown: "y",
                words: "We warned them",
            },
        ];
        let now = [
            // Other words that start alike.
            candidate(None, "z", "On time!"),
            // Back as it was.
            candidate(None, "y", "We warned them"),
        ];
        assert_eq!(
            decide(&now, &[], &withdrawn, Similar::SameGroup),
            ["quote-on-time-2", "quote-3"]
        );
    }

    #[test]
    fn an_id_is_never_given_to_two_items() {
        let before = [candidate(Some("quote-on-time"), "x", "on time")];
        let now = [
            candidate(None, "x", "on time"),
            candidate(None, "x", "on time"),
            candidate(None, "y", "on time"),
        ];
        assert_eq!(
            decide(&now, &before, &[], Similar::SameGroup),
            ["quote-on-time", "quote-on-time-2", "quote-on-time-3"]
        );
    }
}
