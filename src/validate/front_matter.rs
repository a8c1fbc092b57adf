//! The article's front matter: title, dates, byline, source, photo, language.

use std::ops::Range;

use super::schema::Checker;
use super::{read_source, static_path};
use crate::images::Probes;
use crate::load::{ArticleSource, Value};
use crate::model::{Article, Photo};

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
    "final",
];
const PHOTO_FIELDS: &[&str] = &["caption", "credit", "src", "alt"];
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
    let publisher = checker.optional_text(&fields, "publisher");
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
        description,
        published: published?,
        updated,
        authors,
        source: source_field,
        photo,
        lang: lang?,
        publisher,
        final_at,
        body,
    })
}
