//! The page's head: titles, canonical and sharing tags, JSON-LD.

use serde::Serialize;

use super::DateView;
use crate::layout;
use crate::links::href;
use crate::locale::Locale;
use crate::model::Story;
use crate::render::pictures::{Pictures, Role};
use crate::render::share_card::{HEIGHT, WIDTH};
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
    /// page (links stay relative, so the site works under any subpath),
    /// `../../` on a past edition's, the base URL on the 404 page, which is
    /// served at any depth.
    pub root: String,
    /// The base URL, when it is known.
    pub canonical_url: Option<String>,
    /// `feed.xml` from this page, when a feed is written (it needs the
    /// base URL).
    pub feed_url: Option<String>,
    /// The main page's oEmbed response, when it is written (it needs the
    /// base URL).
    pub oembed_url: Option<String>,
    pub site_name: String,
    /// What a shared link shows (`og:image`): the photo, the story's own
    /// card or the one the build draws; absolute with a base URL.
    pub image_url: Option<String>,
    pub image_alt: Option<String>,
    /// The picture's size in pixels, when the build knows it.
    pub image_width: Option<u32>,
    pub image_height: Option<u32>,
    /// `summary_large_image` with a picture, else `summary`.
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
    /// The story has corrections: their notes need `record.css`, and the
    /// latest page's header says so.
    pub has_corrections: bool,
    /// The authors' fediverse handles, for `<meta name="fediverse:creator">`.
    pub fediverse: Vec<String>,
    /// The publisher's policy pages, for the footer's "Our standards".
    pub standards: Vec<StandardView>,
}

/// One of the publisher's policy pages, as the footer links it.
#[derive(Serialize, Clone)]
pub struct StandardView {
    pub label: String,
    pub url: String,
}

/// The banner of a past edition.
#[derive(Serialize, Clone)]
pub struct EarlierView {
    pub as_of: DateView,
    /// The latest page, from this one.
    pub latest_url: String,
    /// The corrections published since this edition of items it shows,
    /// oldest first, each linking to its edition on `changes.html`.
    pub corrected_later: Vec<LaterCorrection>,
}

/// A correction made after a past edition, of an item that edition shows.
#[derive(Serialize, Clone)]
pub struct LaterCorrection {
    pub at: DateView,
    /// Its edition on `changes.html`, from the past edition's page.
    pub url: String,
}

/// The corrections of the latest story newer than a past edition and
/// about an item it shows: that edition's readers must be told. `record`
/// is the ids of the editions on `changes.html`; `root` leads from the past
/// edition's page to the site's top.
pub fn corrected_later(
    latest: &Story,
    past: &Story,
    record: &[String],
    root: &str,
    locale: &Locale,
) -> Vec<LaterCorrection> {
    let shown: std::collections::HashSet<String> = crate::ids::of_items(past).collect();
    let since = past.edition().unix_seconds();
    let mut later: Vec<&crate::model::Correction> = latest
        .corrections
        .iter()
        .filter(|c| c.at.unix_seconds() > since)
        .filter(|c| c.item.as_deref().is_some_and(|item| shown.contains(item)))
        .collect();
    later.sort_by_key(|c| c.at.unix_seconds());
    later
        .into_iter()
        .map(|c| {
            // The edition the correction came with: the first one named
            // by a time no earlier than the correction's (ids sort as
            // times do).
            let token = crate::ids::edition(&c.at);
            let edition = record.iter().filter(|id| **id >= token).min();
            LaterCorrection {
                at: DateView::of_time(&c.at, locale),
                url: match edition {
                    Some(id) => format!(
                        "{root}{}#{}",
                        layout::CHANGES,
                        crate::ids::edition_section(id)
                    ),
                    None => format!("{root}{}", layout::CHANGES),
                },
            }
        })
        .collect()
}

/// What a link to the story shows where it is shared.
pub enum ShareImage<'a> {
    /// The article's photo, under `static/` (shared as its 1200-wide
    /// version when the build makes versions of it).
    Photo(&'a str),
    /// The story's own card (`share_image`), under `static/`.
    Own(&'a str),
    /// The card the build draws: [`crate::layout::SHARE_CARD`].
    Drawn,
}

pub fn share_image(story: &Story) -> ShareImage<'_> {
    let article = &story.article;
    match (
        &article.share_image,
        article.photo.as_ref().and_then(|p| p.src.as_deref()),
    ) {
        (Some(own), _) => ShareImage::Own(own),
        (None, Some(photo)) => ShareImage::Photo(photo),
        (None, None) => ShareImage::Drawn,
    }
}

/// The picture a shared link shows, as the head names it.
struct Picture {
    url: Option<String>,
    alt: Option<String>,
    size: Option<(u32, u32)>,
    json_ld: String,
}

/// `root` is what links to the site's own files start with on this page
/// (`../../` on a past edition); with a base URL every address is
/// absolute instead.
fn picture(story: &Story, options: &RenderOptions, root: &str, pictures: &Pictures) -> Picture {
    let article = &story.article;
    let base_url = options.base_url.as_deref();
    let photo = article.photo.as_ref();
    let address = |path: &str| format!("{}{}", base_url.unwrap_or(root), href(path));
    let (url, alt, size) = match share_image(story) {
        // Sharing a photo needs its absolute address, as it always has.
        ShareImage::Photo(src) => (
            base_url.map(|_| {
                pictures
                    .get(src, Role::Photo)
                    .map_or_else(|| address(src), |shown| address(&shown.for_sharing().path))
            }),
            photo.map(|p| {
                p.alt
                    .clone()
                    .or_else(|| p.caption.clone())
                    .unwrap_or_default()
            }),
            None,
        ),
        // A card shows the title; relative without a base URL, so that
        // the page names it wherever the site is put.
        ShareImage::Own(path) => (Some(address(path)), Some(article.title.clone()), None),
        ShareImage::Drawn => (
            Some(address(layout::SHARE_CARD)),
            Some(article.title.clone()),
            Some((WIDTH, HEIGHT)),
        ),
    };
    Picture {
        json_ld: publish::json_ld(story, base_url, url.as_deref(), &address),
        alt: url.as_ref().and(alt),
        url,
        size,
    }
}

/// The head of a page whose links to the site's own files start with
/// `root` (see [`crate::layout::root_from`]).
pub fn build(
    story: &Story,
    options: &RenderOptions,
    locale: &Locale,
    pictures: &Pictures,
    root: &str,
) -> PageView {
    let article = &story.article;
    let base_url = options.base_url.as_deref();
    let picture = picture(story, options, root, pictures);
    PageView {
        lang: article.lang.clone(),
        dir: locale.direction.as_str(),
        og_locale: locale.og_locale(),
        script_words: publish::script_words(locale),
        title: article.title.clone(),
        description: article.description.clone(),
        root: root.to_owned(),
        canonical_url: options.base_url.clone(),
        feed_url: base_url.map(|_| format!("{root}{}", layout::FEED)),
        oembed_url: base_url.map(|base| format!("{base}{}", layout::MAIN_OEMBED)),
        site_name: story.publisher().to_owned(),
        twitter_card: if picture.url.is_some() {
            "summary_large_image"
        } else {
            "summary"
        },
        image_alt: picture.alt,
        image_width: picture.size.map(|(width, _)| width),
        image_height: picture.size.map(|(_, height)| height),
        json_ld: picture.json_ld,
        image_url: picture.url,
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
        fediverse: article
            .authors
            .iter()
            .filter_map(|a| a.fediverse.clone())
            .collect(),
        standards: article
            .publisher
            .iter()
            .flat_map(|p| &p.policies)
            .filter(|(_, url)| crate::links::is_safe_url(url))
            .map(|(policy, url)| StandardView {
                label: locale
                    .word(&format!("policy_{}", policy.field()))
                    .to_owned(),
                url: href(url),
            })
            .collect(),
    }
}
