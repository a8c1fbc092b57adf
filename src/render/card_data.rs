//! What the drawn pictures show: the story's card and each quote's, in the
//! page's words and direction, and the cache that keeps them.

use super::RenderOptions;
use super::share_card;
use crate::locale::Locale;
use crate::model::Story;

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

/// The story's `index`-th quote in the language's quotation marks.
pub fn quoted(story: &Story, index: usize, locale: &Locale) -> String {
    let text = crate::quotes::without_marks(&story.quotes[index].text);
    format!(
        "{}{text}{}",
        locale.word("quote_open"),
        locale.word("quote_close")
    )
}

/// The card of the story's `index`-th quote: its `words`, who said it and
/// the story's title.
pub fn quote_card<'a>(
    story: &'a Story,
    index: usize,
    words: &'a str,
    locale: &Locale,
) -> share_card::QuoteCard<'a> {
    let quote = &story.quotes[index];
    let speaker = &story.people[quote.speaker];
    share_card::QuoteCard {
        words,
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
