//! The story as the rest of the program sees it once it has been checked:
//! plain data, no source positions, nothing about HTML or templates.

use crate::date::{PartialDate, Timestamp};

#[derive(Debug, Clone)]
pub struct Story {
    pub article: Article,
    pub groups: Vec<String>,
    pub people: Vec<Person>,
    pub quotes: Vec<Quote>,
    pub timeline: Vec<Event>,
    pub takeaways: Vec<String>,
    pub updates: Vec<Update>,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub title: String,
    pub description: Option<String>,
    pub published: Timestamp,
    pub updated: Option<Timestamp>,
    pub authors: Vec<String>,
    pub source: Option<Source>,
    pub photo: Option<Photo>,
    pub lang: String,
    /// The Markdown body.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Photo {
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// A path under `static/`.
    pub src: Option<String>,
    pub alt: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub role: String,
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
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct Quote {
    /// Index into [`Story::people`].
    pub speaker: usize,
    pub text: String,
    /// Markdown.
    pub context: Option<String>,
    pub date: Option<PartialDate>,
    /// Set for a quote from outside the article.
    pub source: Option<Source>,
    /// The article paragraph (0-based, see [`crate::article::paragraphs`])
    /// the quote was found in; `None` for quotes with a `source`.
    pub paragraph: Option<usize>,
    /// The language of the quote, when it differs from the article's.
    pub lang: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub date: PartialDate,
    pub title: String,
    /// Markdown.
    pub summary: Option<String>,
    /// Indexes into [`Story::people`].
    pub people: Vec<usize>,
    pub source: Option<Source>,
}

#[derive(Debug, Clone)]
pub struct Update {
    pub at: Timestamp,
    /// Markdown.
    pub text: String,
}
