//! Key quotes.

use serde::Serialize;

use super::marks::{ChangeView, CorrectionNote};
use super::{DateView, Marks, SourceView, SpeakerView};
use crate::ids;
use crate::locale::Locale;
use crate::model::Story;
use crate::quotes::without_marks;
use crate::render::markdown;
use crate::text::{Cut, shorten};

#[derive(Serialize)]
pub struct QuoteView<'a> {
    /// `quote-<…>`: see [`crate::ids::assign`].
    pub id: String,
    pub text: &'a str,
    /// The first words of the quote, cut at a word, for the speaker's card.
    pub excerpt: String,
    pub speaker: SpeakerView<'a>,
    pub context_html: Option<String>,
    pub date: Option<DateView>,
    /// `p-<n>`: the article paragraph the quote is in.
    pub paragraph: Option<String>,
    pub source: Option<SourceView<'a>>,
    /// The transcript the words were checked against, for a quote with
    /// `from`.
    pub transcript: Option<FromView<'a>>,
    pub change: Option<ChangeView>,
    /// Corrections of this quote, newest first.
    pub corrections: Vec<CorrectionNote>,
    /// The language of the quote, when the facts give one.
    pub lang: Option<&'a str>,
    /// `ltr` or `rtl` when the quote is written the other way from the page.
    pub dir: Option<String>,
}

/// Where a quote from a transcript was said: "Marco Rubio's news
/// conference in Riyadh, 12:04", linking to that moment of its page.
#[derive(Serialize)]
pub struct FromView<'a> {
    pub title: &'a str,
    /// `12:04`, or `1:02:09`.
    pub time: Option<String>,
    pub href: String,
}

impl<'a> FromView<'a> {
    pub fn of(story: &'a Story, from: &crate::model::QuoteFrom, root: &str) -> FromView<'a> {
        let source = &story.sources[from.source];
        FromView {
            title: &source.title,
            time: from.seconds.map(crate::transcript::clock),
            href: format!(
                "{root}{}#{}",
                crate::layout::transcript_page(&source.id),
                ids::in_transcript(from)
            ),
        }
    }
}

/// How long a quote's teaser on its speaker's card may be.
const EXCERPT_CHARS: usize = 70;

/// `root` is what the page puts before a path of the site.
pub fn build<'a>(
    story: &'a Story,
    locale: &Locale,
    marks: &Marks,
    root: &str,
) -> Vec<QuoteView<'a>> {
    story
        .quotes
        .iter()
        .enumerate()
        .map(|(n, quote)| QuoteView {
            id: quote.id.clone(),
            // The page sets the language's own quotation marks around it.
            text: without_marks(&quote.text),
            excerpt: shorten(without_marks(&quote.text), EXCERPT_CHARS, Cut::AfterWord),
            speaker: SpeakerView::of(story, quote.speaker, locale),
            context_html: quote
                .context
                .as_deref()
                .map(|c| markdown::render_fact(c, markdown::Layout::Inline)),
            date: quote.date.as_ref().map(|d| DateView::of_date(d, locale)),
            paragraph: quote.paragraph.map(ids::paragraph),
            source: quote.source.as_ref().map(SourceView::of),
            transcript: quote.from.as_ref().map(|f| FromView::of(story, f, root)),
            change: marks.quote(n),
            corrections: marks.corrections(&quote.id),
            lang: quote.lang.as_deref(),
            dir: locale.isolate(&quote.text),
        })
        .collect()
}
