//! The page's head: titles, canonical and sharing tags, JSON-LD.

use serde::Serialize;

use super::DateView;
use crate::locale::Locale;
use crate::model::Story;
use crate::render::pictures::{Pictures, Role};
use crate::render::{RenderOptions, publish};

#[derive(Serialize, Clone)]
pub struct PageView {
    pub lang: String,
    /// `ltr` or `rtl`, for `<html dir>`.
    pub dir: &'static str,
    /// `og:locale`: `en_US`, `fr_FR`.
    pub og_locale: Option<String>,
    /// explainer.js's words as JSON, safe inside `<script>`.
    pub script_words: String,
    pub title: String,
    pub description: Option<String>,
    /// What links to the site's own files start with: empty on the main
    /// page (links stay relative, so the site works under any subpath);
    /// the base URL on the 404 page, which is served at any depth.
    pub root: String,
    /// The base URL, when it is known.
    pub canonical_url: Option<String>,
    /// `feed.xml`, when a feed is written (it needs the base URL).
    pub feed_url: Option<String>,
    pub site_name: String,
    /// The photo's absolute URL, for sharing cards.
    pub image_url: Option<String>,
    pub image_alt: Option<String>,
    /// `summary_large_image` with a photo, else `summary`.
    pub twitter_card: &'static str,
    pub published_time: String,
    pub modified_time: String,
    /// The schema.org NewsArticle as JSON, safe inside `<script>`.
    pub json_ld: String,
    pub generator: String,
    /// `changes.html`, from this page, when the build writes it.
    pub changes_url: Option<String>,
    /// Set on a past edition: the banner that says so.
    pub earlier: Option<EarlierView>,
    /// When the story stopped being updated, if it has.
    pub final_at: Option<DateView>,
    /// The story has corrections: their notes need `record.css`.
    pub has_corrections: bool,
}

/// The banner of a past edition.
#[derive(Serialize, Clone)]
pub struct EarlierView {
    pub as_of: DateView,
    /// The latest page, from this one.
    pub latest_url: String,
}

pub fn build(
    story: &Story,
    options: &RenderOptions,
    locale: &Locale,
    pictures: &Pictures,
) -> PageView {
    let article = &story.article;
    let base_url = options.base_url.as_deref();
    let photo = article.photo.as_ref();
    // The photo's 1200-wide version, as sharing cards are drawn.
    let photo_src = photo
        .and_then(|p| p.src.as_deref())
        .and_then(|src| pictures.get(src, Role::Photo))
        .map(|shown| shown.for_sharing().path.as_str());
    // Sharing cards need an absolute address for the picture.
    let image_url = base_url
        .zip(photo_src)
        .map(|(base, src)| format!("{base}{src}"));
    PageView {
        lang: article.lang.clone(),
        dir: locale.direction.as_str(),
        og_locale: locale.og_locale(),
        script_words: publish::script_words(locale),
        title: article.title.clone(),
        description: article.description.clone(),
        root: String::new(),
        canonical_url: options.base_url.clone(),
        feed_url: base_url.map(|_| "feed.xml".to_owned()),
        site_name: story.publisher().to_owned(),
        image_alt: image_url.as_ref().and(photo).map(|p| {
            p.alt
                .clone()
                .or_else(|| p.caption.clone())
                .unwrap_or_default()
        }),
        twitter_card: if image_url.is_some() {
            "summary_large_image"
        } else {
            "summary"
        },
        json_ld: publish::json_ld(story, base_url, image_url.as_deref()),
        image_url,
        published_time: article.published.iso(),
        modified_time: story.edition().iso(),
        generator: format!("explainer {}", env!("CARGO_PKG_VERSION")),
        changes_url: None,
        earlier: None,
        final_at: article
            .final_at
            .as_ref()
            .map(|at| DateView::of_time(at, locale)),
        has_corrections: !story.corrections.is_empty(),
    }
}
