//! The article's front matter: title, dates, byline, source, photo, language.

use std::ops::Range;

use super::schema::Checker;
use super::{read_source, static_path};
use crate::images::Probes;
use crate::links::is_remote;
use crate::load::{ArticleSource, Node, Value};
use crate::model::{Article, Photo, Publisher};

const ARTICLE_FIELDS: &[&str] = &[
    "title",
    "description",
    "published",
    "updated",
    "authors",
    "source",
    "photo",
    "lang",
    "publisher",
    "share_image",
    "final",
];
const PHOTO_FIELDS: &[&str] = &["caption", "credit", "src", "alt"];
const PUBLISHER_FIELDS: &[&str] = &["name", "url", "logo"];
pub(super) fn read_article(
    checker: &mut Checker,
    source: &ArticleSource,
    static_files: &[&str],
    pictures: &Probes,
    unsafe_links: &[(String, Range<usize>)],
) -> Option<Article> {
    if source.front_matter.value == Value::Null {
        checker.error(
            source.front_matter.pos,
            "the front matter is empty",
            Some("add `title:` and `published:` lines between the two `---` lines".into()),
        );
        return None;
    }
    let fields = checker.mapping(&source.front_matter, "the front matter", ARTICLE_FIELDS)?;
    let title = checker.required_text(&fields, "title", "the front matter");
    let description = checker.optional_text(&fields, "description");
    let publisher = fields
        .get("publisher")
        .and_then(|node| read_publisher(checker, node, static_files, pictures));
    let share_image = static_path(checker, &fields, "share_image", static_files, pictures)
        .filter(|path| shareable(checker, &fields, path, pictures));
    let published = checker
        .required(&fields, "published", "the front matter")
        .and_then(|node| checker.timestamp(node, "`published`"));
    let updated = fields
        .get("updated")
        .and_then(|node| checker.timestamp(node, "`updated`"));
    if let (Some(published), Some(updated), Some(pos)) =
        (&published, &updated, fields.key_pos("updated"))
        && updated.unix_seconds() < published.unix_seconds()
    {
        checker.warning(pos, "`updated` is earlier than `published`", None);
    }
    // `final` says the story is over; it must say when, to the minute, so
    // readers know how old the last word is.
    let final_at = fields
        .get("final")
        .and_then(|node| checker.timestamp(node, "`final`"));
    let authors = checker
        .text_list(&fields, "authors")
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    let source_field = fields
        .get("source")
        .and_then(|node| read_source(checker, node));
    let photo = fields.get("photo").and_then(|node| {
        let photo = checker.mapping(node, "`photo`", PHOTO_FIELDS)?;
        Some(Photo {
            caption: checker.optional_text(&photo, "caption"),
            credit: checker.optional_text(&photo, "credit"),
            src: static_path(checker, &photo, "src", static_files, pictures),
            alt: checker.optional_text(&photo, "alt"),
        })
    });
    let lang = match fields.get("lang") {
        None => Some("en".to_owned()),
        Some(node) => checker.language_tag(node, "`lang`"),
    };
    let body = source.body().to_owned();
    for (url, range) in unsafe_links {
        let pos = checker
            .file
            .pos_of_offset(source.body_start + range.start, range.len());
        checker.link_target(pos, url, "the article");
    }
    Some(Article {
        title: title?,
        title_at: checker.written_at(crate::load::ARTICLE_PATH, &fields, "title"),
        description_at: description
            .as_ref()
            .and_then(|_| checker.written_at(crate::load::ARTICLE_PATH, &fields, "description")),
        description,
        published: published?,
        updated,
        authors,
        source: source_field,
        photo,
        lang: lang?,
        publisher,
        share_image,
        final_at,
        body,
    })
}

/// `publisher: The Ledger`, or `publisher: {name: …, url: …, logo: …}`
/// for the JSON-LD's Organization.
pub(super) fn read_publisher(
    checker: &mut Checker,
    node: &Node,
    static_files: &[&str],
    pictures: &Probes,
) -> Option<Publisher> {
    if !matches!(node.value, Value::Map(_)) {
        let name = checker.text(node, "`publisher`")?;
        return Some(Publisher {
            name,
            url: None,
            logo: None,
        });
    }
    let fields = checker.mapping(node, "`publisher`", PUBLISHER_FIELDS)?;
    let name = checker.required_text(&fields, "name", "`publisher`");
    let url = fields.get("url").and_then(|node| {
        let url = checker.text(node, "`publisher.url`")?;
        web_address(checker, node, &url, "`publisher.url`").then_some(url)
    });
    // A logo on the web is named by its address; one of the story's own
    // files as any other picture is.
    let logo = match fields.get("logo") {
        Some(node) if matches!(&node.value, Value::Str(text) if is_remote(text)) => checker
            .text(node, "`publisher.logo`")
            .filter(|logo| web_address(checker, node, logo, "`publisher.logo`")),
        Some(_) => static_path(checker, &fields, "logo", static_files, pictures),
        None => None,
    };
    Some(Publisher {
        name: name?,
        url,
        logo,
    })
}

/// An absolute http(s) address: the JSON-LD is read away from the page,
/// where a relative link leads nowhere.
fn web_address(checker: &mut Checker, node: &Node, url: &str, what: &str) -> bool {
    if !checker.link_target(node.pos, url, what) {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return true;
    }
    checker.error(
        node.pos,
        format!("{what} must be a whole web address"),
        Some("write it with its scheme and host, e.g. `https://example.org/`".to_owned()),
    );
    false
}

/// The smallest card Facebook shows (200×200; X's large card asks 300×157):
/// below it, a shared link shows no picture at all.
const SMALLEST_CARD: (u32, u32) = (200, 200);

/// Whether a `share_image` can be shown where the link is shared: no
/// social site reads an SVG for `og:image`, and one too small is dropped.
fn shareable(checker: &mut Checker, fields: &super::Fields, path: &str, pictures: &Probes) -> bool {
    let (Some(node), Some(Ok(picture))) = (fields.get("share_image"), pictures.get(path)) else {
        return true;
    };
    if picture.format == crate::images::Format::Svg {
        checker.error(
            node.pos,
            format!("`share_image` is an SVG (static/{path}), which no social site shows for a shared link"),
            Some("export the card as PNG or JPEG, 1200×630 pixels".into()),
        );
        return false;
    }
    if let Some((width, height)) = picture.size
        && (width < SMALLEST_CARD.0 || height < SMALLEST_CARD.1)
    {
        checker.warning(
            node.pos,
            format!("`share_image` static/{path} is {width}×{height} pixels: sites show no picture smaller than {}×{}", SMALLEST_CARD.0, SMALLEST_CARD.1),
            Some("export the card at 1200×630 pixels, the size Facebook and X ask for".into()),
        );
    }
    true
}
