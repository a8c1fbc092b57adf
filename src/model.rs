//! The story as the rest of the program sees it once it has been checked:
//! plain data, nothing about HTML or templates. The only source positions
//! are those of the texts the share cards draw ([`WrittenAt`]): what the
//! build finds about them while drawing, after the sources are gone, is
//! told where the editor wrote them.
//!
//! The types are `#[non_exhaustive]`: another tool reads them, and a field
//! added for a new feature must not break it.

use crate::date::{PartialDate, Timestamp};
use crate::source::Location;

/// Where a text of the story is written: its file (as messages name it)
/// and its value's place, with the line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenAt {
    pub file: &'static str,
    pub location: Location,
}

#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Story {
    pub article: Article,
    pub groups: Vec<String>,
    pub people: Vec<Person>,
    pub quotes: Vec<Quote>,
    pub timeline: Vec<Event>,
    pub takeaways: Vec<String>,
    /// "What we know" (`known:`), in the file's order.
    pub known: Vec<Finding>,
    /// "What we don't know yet" (`unknown:`), in the file's order.
    pub unknown: Vec<Finding>,
    pub updates: Vec<Update>,
    /// What was wrong in an earlier edition and what is right, in the
    /// file's order.
    pub corrections: Vec<Correction>,
    /// The story's own words for the page, from `i18n/` (see `locale`).
    pub translations: Vec<crate::locale::Translation>,
    /// The transcripts quotes are checked against (`sources:`), in the
    /// file's order.
    pub sources: Vec<Transcript>,
}

impl Story {
    /// The publisher named in the front matter, else the report's source,
    /// else the title: the page must name someone.
    pub fn publisher(&self) -> &str {
        let article = &self.article;
        article
            .publisher
            .as_ref()
            .map(|p| p.name.as_str())
            .or(article.source.as_ref().map(|s| s.name.as_str()))
            .unwrap_or(&article.title)
    }

    /// The time of the newest update or correction, `updated` or
    /// `published`: it names the edition readers are looking at.
    pub fn edition(&self) -> &Timestamp {
        let article = &self.article;
        std::iter::once(&article.published)
            .chain(&article.updated)
            .chain(self.updates.iter().map(|u| &u.at))
            .chain(self.corrections.iter().map(|c| &c.at))
            .max_by_key(|t| t.unix_seconds())
            .unwrap_or(&article.published)
    }

    /// When the story was last updated, as its header says "Updated": the
    /// edition's time, when later than publication.
    pub fn updated(&self) -> Option<&Timestamp> {
        let edition = self.edition();
        (edition.unix_seconds() > self.article.published.unix_seconds()).then_some(edition)
    }
}

#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Article {
    pub title: String,
    pub title_at: Option<WrittenAt>,
    pub description: Option<String>,
    pub description_at: Option<WrittenAt>,
    pub published: Timestamp,
    pub updated: Option<Timestamp>,
    pub authors: Vec<Author>,
    pub source: Option<Source>,
    pub photo: Option<Photo>,
    pub lang: String,
    /// Who publishes the explainer (`og:site_name`, the JSON-LD publisher).
    pub publisher: Option<Publisher>,
    /// The story's own share card: a path under `static/`, shown where
    /// links to the story are shared instead of the card the build draws.
    pub share_image: Option<String>,
    /// When the story stopped being updated, if it has.
    pub final_at: Option<Timestamp>,
    /// The place the story was reported from, printed before the article.
    pub dateline: Option<String>,
    /// Markdown: how the story was reported ("How we reported this").
    pub backstory: Option<String>,
    /// The Markdown body.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Source {
    pub name: String,
    pub url: Option<String>,
}

/// `publisher: The Ledger`, or `publisher: {name, url, logo}`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Publisher {
    pub name: String,
    /// The publisher's home page: an absolute web address.
    pub url: Option<String>,
    /// An absolute web address, or a path under `static/`.
    pub logo: Option<String>,
    /// The newsroom's policy pages (the Trust Project's indicators), each
    /// an absolute web address, in [`Policy::ALL`]'s order.
    pub policies: Vec<(Policy, String)>,
    /// The publisher's accounts elsewhere, absolute web addresses.
    pub social: Vec<String>,
    /// Where to reach the newsroom: a web address or a `mailto:` link.
    pub contact: Option<String>,
    /// The publisher's disclosure page (JournalList's `disclosure=`).
    pub disclosure: Option<String>,
}

impl Publisher {
    /// A publisher known by its name alone.
    pub fn named(name: String) -> Self {
        Publisher {
            name,
            url: None,
            logo: None,
            policies: Vec::new(),
            social: Vec::new(),
            contact: None,
            disclosure: None,
        }
    }

    /// The page a reader is sent to for the newsroom's principles: its
    /// ethics policy, else its corrections policy.
    pub fn principles(&self) -> Option<&str> {
        [Policy::Ethics, Policy::Corrections]
            .iter()
            .find_map(|wanted| {
                self.policies
                    .iter()
                    .find(|(policy, _)| policy == wanted)
                    .map(|(_, url)| url.as_str())
            })
    }
}

/// A policy page a publisher may give under `policies:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    Corrections,
    Ethics,
    Masthead,
    Feedback,
    Ownership,
    Diversity,
    FactChecking,
}

impl Policy {
    pub const ALL: [Policy; 7] = [
        Policy::Corrections,
        Policy::Ethics,
        Policy::Masthead,
        Policy::Feedback,
        Policy::Ownership,
        Policy::Diversity,
        Policy::FactChecking,
    ];

    /// Its key under `policies:`.
    pub fn field(self) -> &'static str {
        match self {
            Policy::Corrections => "corrections",
            Policy::Ethics => "ethics",
            Policy::Masthead => "masthead",
            Policy::Feedback => "feedback",
            Policy::Ownership => "ownership",
            Policy::Diversity => "diversity",
            Policy::FactChecking => "fact_checking",
        }
    }
}

/// `authors: [Matthew Lee]`, or each one a mapping
/// `{name, url, same_as, fediverse}`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Author {
    pub name: String,
    /// Their page at the publisher: an absolute web address.
    pub url: Option<String>,
    /// Their profiles elsewhere, absolute web addresses.
    pub same_as: Vec<String>,
    /// Their fediverse handle, `@name@host`.
    pub fediverse: Option<String>,
}

impl Author {
    pub fn named(name: String) -> Self {
        Author {
            name,
            url: None,
            same_as: Vec::new(),
            fediverse: None,
        }
    }
}

#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Photo {
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// A path under `static/`.
    pub src: Option<String>,
    pub alt: Option<String>,
}

#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Person {
    pub id: String,
    pub name: String,
    pub name_at: Option<WrittenAt>,
    pub role: String,
    pub role_at: Option<WrittenAt>,
    pub group: String,
    pub aliases: Vec<String>,
    /// Markdown.
    pub summary: Option<String>,
    /// A path under `static/`.
    pub image: Option<String>,
    pub links: Vec<Link>,
    /// The language of their name, when it differs from the article's.
    pub lang: Option<String>,
}

impl Person {
    /// Every way the article may name this person.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Quote {
    /// The element id, `quote-<…>`: decided once per build by
    /// [`crate::ids::assign`], and the same wherever the quote is linked.
    pub id: String,
    /// The `id` written in facts.yaml, if any.
    pub given_id: Option<String>,
    /// Index into [`Story::people`].
    pub speaker: usize,
    pub text: String,
    pub text_at: Option<WrittenAt>,
    /// Markdown.
    pub context: Option<String>,
    pub date: Option<PartialDate>,
    /// Set for a quote from outside the article.
    pub source: Option<Source>,
    /// The numbered text block the quote was found in (0-based: `p-1` is
    /// 0; see [`crate::article::is_text_block`]); `None` for quotes with a
    /// `source`, and for a quote found in a heading, which has no number.
    pub paragraph: Option<usize>,
    /// The language of the quote, when it differs from the article's.
    pub lang: Option<String>,
    /// Where in a transcript the words were found, for a quote with `from`.
    pub from: Option<QuoteFrom>,
}

/// Where a quote is in the transcript it was checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct QuoteFrom {
    /// Index into [`Story::sources`].
    pub source: usize,
    /// Index into that transcript's turns.
    pub turn: usize,
    /// The byte range of the quoted words in the turn's text.
    pub start: usize,
    pub end: usize,
    /// When the cue it starts in starts, in whole seconds from the start
    /// of the recording; `None` for a transcript without times.
    pub seconds: Option<u64>,
}

/// A transcript of what was said: a news conference, a hearing, an
/// interview.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Transcript {
    /// A slug: its page is `sources/<id>.html`.
    pub id: String,
    pub title: String,
    /// When it was said.
    pub at: Option<Timestamp>,
    /// The recording, an absolute web address.
    pub url: Option<String>,
    /// The file, as messages name it (`content/sources/briefing.vtt`).
    pub file: String,
    pub turns: Vec<Turn>,
}

/// Consecutive words of one speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Turn {
    pub speaker: Option<String>,
    /// The cues' words, joined by spaces.
    pub text: String,
    /// Where each cue's words start in `text`, and when.
    pub cues: Vec<CueStart>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CueStart {
    pub offset: usize,
    /// Whole seconds from the start of the recording.
    pub seconds: Option<u64>,
    /// The line of the file it was written on.
    pub line: usize,
}

impl Turn {
    /// The cue a byte offset of `text` falls in.
    pub fn cue_at(&self, offset: usize) -> &CueStart {
        let index = self.cues.partition_point(|c| c.offset <= offset);
        &self.cues[index.saturating_sub(1)]
    }
}

#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Event {
    /// The element id, `event-<…>`, as for [`Quote::id`].
    pub id: String,
    /// The `id` written in facts.yaml, if any.
    pub given_id: Option<String>,
    pub date: PartialDate,
    pub title: String,
    /// Markdown.
    pub summary: Option<String>,
    /// Indexes into [`Story::people`].
    pub people: Vec<usize>,
    pub source: Option<Source>,
}

/// An item of "What we know" or "What we don't know yet": one short
/// Markdown text with a stable element id, so that an unknown that becomes
/// known is one item that moves, not one removed and another added.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// `known-<…>` or `unknown-<…>`, given by `ids::assign`.
    pub id: String,
    /// The `id` facts.yaml gives it, if any.
    pub given_id: Option<String>,
    /// Markdown.
    pub text: String,
}

#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Update {
    pub at: Timestamp,
    /// Markdown.
    pub text: String,
    /// A key event of the story (`key: true`): listed above the article.
    pub key: bool,
}

#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Correction {
    pub at: Timestamp,
    /// Markdown: what was wrong, and what is right.
    pub text: String,
    /// The element id of the corrected item (`quote-river-fails`), if the
    /// correction is about one.
    pub item: Option<String>,
    /// The item was withdrawn after this correction, and its id now names
    /// another item, which the correction is not about.
    pub item_withdrawn: bool,
}

impl Correction {
    /// The element id of the item on the page this correction is about:
    /// none for an item since withdrawn, whatever now holds its id.
    pub fn corrects(&self) -> Option<&str> {
        self.item.as_deref().filter(|_| !self.item_withdrawn)
    }
}
