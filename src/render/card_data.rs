//! What the drawn pictures show: the story's card and each quote's, in the
//! page's words and direction, and the cache that keeps them.

use super::RenderOptions;
use super::share_card;
use crate::locale::Locale;
use crate::model::{Story, WrittenAt};

/// A text a card draws, and where the story has it written: a character
/// no font has is told there. The card's own words (the kicker, the date,
/// the quotation marks) are not listed: they are the page's.
#[derive(Debug, Clone, Copy)]
pub struct CardText<'a> {
    /// What the editor calls it: "the title", "the quote's text".
    pub what: &'static str,
    pub text: &'a str,
    pub at: Option<&'a WrittenAt>,
}

/// The story's texts on its card, in the order drawn.
pub fn story_card_texts(story: &Story) -> Vec<CardText<'_>> {
    let article = &story.article;
    let mut texts = vec![CardText {
        what: "the title",
        text: &article.title,
        at: article.title_at.as_ref(),
    }];
    if let Some(description) = &article.description {
        texts.push(CardText {
            what: "the description",
            text: description,
            at: article.description_at.as_ref(),
        });
    }
    texts
}

/// The story's texts on its `index`-th quote's card, in the order drawn.
pub fn quote_card_texts(story: &Story, index: usize) -> Vec<CardText<'_>> {
    let quote = &story.quotes[index];
    let speaker = &story.people[quote.speaker];
    let article = &story.article;
    vec![
        CardText {
            what: "the quote's text",
            text: &quote.text,
            at: quote.text_at.as_ref(),
        },
        CardText {
            what: "the speaker's name",
            text: &speaker.name,
            at: speaker.name_at.as_ref(),
        },
        CardText {
            what: "the speaker's role",
            text: &speaker.role,
            at: speaker.role_at.as_ref(),
        },
        CardText {
            what: "the title",
            text: &article.title,
            at: article.title_at.as_ref(),
        },
    ]
}

/// The story's card, in the page's words and direction.
pub fn story_card<'a>(
    story: &'a Story,
    locale: &'a Locale,
    date: &'a str,
) -> share_card::StoryCard<'a> {
    let article = &story.article;
    share_card::StoryCard {
        kicker: locale.word("kicker"),
        title: &article.title,
        dek: article.description.as_deref(),
        publisher: story.publisher(),
        date,
        lang: &article.lang,
        direction: locale.direction,
    }
}

/// The card of the story's `index`-th quote: its words in the language's
/// quotation marks, who said it and the story's title.
pub fn quote_card<'a>(
    story: &'a Story,
    index: usize,
    locale: &'a Locale,
) -> share_card::QuoteCard<'a> {
    let quote = &story.quotes[index];
    let speaker = &story.people[quote.speaker];
    share_card::QuoteCard {
        words: crate::quotes::without_marks(&quote.text),
        marks: (locale.word("quote_open"), locale.word("quote_close")),
        speaker: &speaker.name,
        role: Some(speaker.role.as_str()).filter(|role| !role.is_empty()),
        story_title: &story.article.title,
        lang: quote.lang.as_deref().unwrap_or(&story.article.lang),
        direction: locale.direction,
    }
}

/// A card from the story's cache when it has one.
pub fn draw_cached(
    options: &RenderOptions,
    words: &[&str],
    draw: impl FnOnce() -> share_card::Drawn,
) -> share_card::Drawn {
    match options.cache.as_deref() {
        Some(cache) => share_card::cached(cache, words, draw),
        None => draw(),
    }
}

/// The day of publication as the page writes it, without the time: the
/// card is a picture of the masthead, not a record.
pub fn card_date(story: &Story, locale: &Locale) -> String {
    let day = crate::date::Timestamp {
        time: None,
        ..story.article.published.clone()
    };
    locale.dates.timestamp(&day)
}
