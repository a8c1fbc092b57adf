//! The report: header, photo, body, table of contents and takeaways.

use serde::Serialize;

use super::{DateView, PictureView, PlacedPictures, SourceView};
use crate::ids;
use crate::locale::Locale;
use crate::model::Story;
use crate::render::markdown::{self, Heading, Mentions};
use crate::render::pictures::Role;

#[derive(Serialize)]
pub struct ArticleView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub authors: Vec<&'a str>,
    /// "Matthew Lee and Dasha Litvinova".
    pub byline: Option<String>,
    /// "By Matthew Lee and Dasha Litvinova", each name linked to the
    /// author's `url` when given (escaped HTML).
    pub byline_html: Option<String>,
    /// The place the story was reported from.
    pub dateline: Option<&'a str>,
    /// "How we reported this", as HTML.
    pub backstory_html: Option<String>,
    pub source: Option<SourceView<'a>>,
    pub published: DateView,
    /// The newest of `updated` and the updates' times, when later than
    /// `published`.
    pub updated: Option<DateView>,
    pub photo: Option<PhotoView<'a>>,
    pub body_html: String,
}

#[derive(Serialize)]
pub struct PhotoView<'a> {
    /// The caption with first mentions linked (already escaped HTML).
    pub caption_html: Option<String>,
    pub credit: Option<&'a str>,
    /// The URL of the version for browsers that read no `srcset`.
    pub src: Option<String>,
    pub picture: Option<PictureView>,
    pub alt: &'a str,
}

#[derive(Serialize)]
pub struct TocEntry {
    pub id: &'static str,
    pub title: String,
    pub children: Vec<Heading>,
}

/// The article's view, and its headings for the table of contents.
pub struct Built<'a> {
    pub view: ArticleView<'a>,
    pub headings: Vec<Heading>,
}

/// The caption and the article each link their own first mentions: a reader
/// of the report should not have to go back to the caption.
pub fn build<'a>(
    story: &'a Story,
    locale: &Locale,
    mentions: &mut Mentions,
    caption_mentions: &mut Mentions,
    pictures: &PlacedPictures,
) -> Built<'a> {
    let article = &story.article;
    let photo = article.photo.as_ref().map(|photo| {
        let picture = photo
            .src
            .as_deref()
            .and_then(|src| pictures.view(src, Role::Photo));
        PhotoView {
            caption_html: photo
                .caption
                .as_deref()
                .map(|c| caption_mentions.link_plain_text(c)),
            credit: photo.credit.as_deref(),
            src: picture.as_ref().map(|p| p.src.clone()),
            picture,
            alt: photo
                .alt
                .as_deref()
                .or(photo.caption.as_deref())
                .unwrap_or_default(),
        }
    });
    let (body_html, headings) = markdown::render_article(&article.body, mentions);
    let updated = story.updated().map(|t| DateView::of_time(t, locale));
    Built {
        view: ArticleView {
            title: &article.title,
            description: article.description.as_deref(),
            authors: article.authors.iter().map(|a| a.name.as_str()).collect(),
            byline: locale.join_list(
                &article
                    .authors
                    .iter()
                    .map(|a| a.name.clone())
                    .collect::<Vec<_>>(),
            ),
            byline_html: byline_html(&article.authors, locale),
            dateline: article.dateline.as_deref(),
            backstory_html: article
                .backstory
                .as_deref()
                .map(|b| markdown::render_fact(b, markdown::Layout::Blocks)),
            source: article.source.as_ref().map(SourceView::of),
            published: DateView::of_time(&article.published, locale),
            updated,
            photo,
            body_html,
        },
        headings,
    }
}

/// The byline in the page's words, a name linked where the author gives
/// their page. The words are the locale's, escaped like the names.
fn byline_html(authors: &[crate::model::Author], locale: &Locale) -> Option<String> {
    let names: Vec<String> = authors
        .iter()
        .map(|author| {
            let name = crate::render::publish::html_escape(&author.name);
            match author
                .url
                .as_deref()
                .filter(|u| crate::links::is_safe_url(u))
            {
                Some(url) => format!(
                    "<a href=\"{}\">{name}</a>",
                    crate::render::publish::html_escape(&crate::links::href(url))
                ),
                None => name,
            }
        })
        .collect();
    let joined = match names.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [init @ .., last] => format!(
            "{}{}{last}",
            init.join(&crate::render::publish::html_escape(
                locale.word("list_comma")
            )),
            crate::render::publish::html_escape(locale.word("list_and"))
        ),
    };
    let words = locale.word("byline");
    let (before, after) = words.split_once("{authors}").unwrap_or((words, ""));
    Some(format!(
        "{}{joined}{}",
        crate::render::publish::html_escape(before),
        crate::render::publish::html_escape(after)
    ))
}

/// The report with its top headings, then each section the page shows.
pub fn toc(story: &Story, locale: &Locale, headings: &[Heading]) -> Vec<TocEntry> {
    let mut toc = vec![TocEntry {
        id: "article",
        title: locale.word("the_report").to_owned(),
        children: headings.iter().filter(|h| h.level <= 3).cloned().collect(),
    }];
    for (id, title, shown) in [
        (ids::WHOS_WHO, "whos_who", !story.people.is_empty()),
        (ids::QUOTES, "key_quotes", !story.quotes.is_empty()),
        (ids::TIMELINE, "timeline", true),
        ("updates", "updates", !story.updates.is_empty()),
    ] {
        if shown {
            toc.push(TocEntry {
                id,
                title: locale.word(title).to_owned(),
                children: Vec::new(),
            });
        }
    }
    toc
}

pub fn takeaways(story: &Story) -> Vec<String> {
    story
        .takeaways
        .iter()
        .map(|t| markdown::render_fact(t, markdown::Layout::Inline))
        .collect()
}
