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
    /// The story's own words for the page, from `i18n/` (see `locale`).
    pub translations: Vec<crate::locale::Translation>,
}

impl Story {
    /// The publisher named in the front matter, else the report's source,
    /// else the title: the page must name someone.
    pub fn publisher(&self) -> &str {
        let article = &self.article;
        article
            .publisher
            .as_deref()
            .or(article.source.as_ref().map(|s| s.name.as_str()))
            .unwrap_or(&article.title)
    }

    /// The time of the newest update, `updated` or `published`: it names the
    /// edition readers are looking at.
    pub fn edition(&self) -> &Timestamp {
        let article = &self.article;
        std::iter::once(&article.published)
            .chain(&article.updated)
            .chain(self.updates.iter().map(|u| &u.at))
            .max_by_key(|t| t.unix_seconds())
            .unwrap_or(&article.published)
    }

    /// The updates, newest first, each with an element id that stays the
    /// same when the page is rebuilt (`update-20250219T150000Z`).
    pub fn updates_newest_first(&self) -> Vec<(String, &Update)> {
        let mut updates: Vec<&Update> = self.updates.iter().collect();
        // Stable: updates at the same instant keep the file's order.
        updates.sort_by_key(|u| std::cmp::Reverse(u.at.unix_seconds()));
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        updates
            .into_iter()
            .map(|update| {
                let base = format!("update-{}", update.at.utc_token());
                let count = seen.entry(base.clone()).or_insert(0);
                *count += 1;
                let id = if *count == 1 {
                    base
                } else {
                    format!("{base}-{count}")
                };
                (id, update)
            })
            .collect()
    }
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
    /// Who publishes the explainer (`og:site_name`, the JSON-LD publisher).
    pub publisher: Option<String>,
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
