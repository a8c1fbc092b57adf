//! The article's front matter: title, dates, byline, source, photo, language.

use std::ops::Range;

use super::schema::Checker;
use super::{read_source, static_path};
use crate::images::Probes;
use crate::links::is_remote;
use crate::load::{ArticleSource, Node, Value};
use crate::model::{Article, Author, Photo, Policy, Publisher};

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
    "dateline",
    "backstory",
];
const PHOTO_FIELDS: &[&str] = &["caption", "credit", "src", "alt"];
const PUBLISHER_FIELDS: &[&str] = &[
    "name",
    "url",
    "logo",
    "policies",
    "social",
    "contact",
    "disclosure",
];
const AUTHOR_FIELDS: &[&str] = &["name", "url", "same_as", "fediverse"];
pub(super) fn read_article(
    checker: &mut Checker,
    source: &ArticleSource,
    static_files: &[&str],
    pictures: &Probes,
    unsafe_links: &[(String, Range<usize>)],
    site_publisher: Option<&Publisher>,
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
        .and_then(|node| read_publisher(checker, node, static_files, pictures))
        // A story of a site without a publisher of its own is the site's.
        .or_else(|| site_publisher.cloned());
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
    let authors = read_authors(checker, &fields);
    let dateline = checker.optional_text(&fields, "dateline");
    let backstory = checker.optional_text(&fields, "backstory");
    if let (Some(text), Some(node)) = (&backstory, fields.get("backstory")) {
        super::check_fact_markdown(checker, text, node.pos, "the backstory");
        if fields.get("publisher").is_none() && site_publisher.is_none() {
            checker.error(
                node.pos,
                "`backstory` says how the newsroom reported the story, but the front matter names no `publisher`",
                Some("add `publisher: {name: …, url: …}` to say who reported it, or leave `backstory` out".into()),
            );
        }
    }
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
        dateline,
        backstory: backstory.and_then(super::without_notes),
        body,
    })
}

/// `authors: [Matthew Lee]`, each one a name or
/// `{name, url, same_as: [...], fediverse: "@name@host"}`.
fn read_authors(checker: &mut Checker, fields: &super::Fields) -> Vec<Author> {
    let Some(node) = fields.get("authors") else {
        return Vec::new();
    };
    let mut authors = Vec::new();
    for item in checker.list(node, "`authors`") {
        if !matches!(item.value, Value::Map(_)) {
            authors.extend(
                checker
                    .text(item, "an entry of `authors`")
                    .map(Author::named),
            );
            continue;
        }
        let Some(author) = checker.mapping(item, "an author", AUTHOR_FIELDS) else {
            continue;
        };
        let name = checker.required_text(&author, "name", "an author");
        let url = author.get("url").and_then(|node| {
            let url = checker.text(node, "`url`")?;
            web_address(checker, node, &url, "an author's `url`").then_some(url)
        });
        let same_as = web_addresses(checker, &author, "same_as", "an author's `same_as`");
        let fediverse = author.get("fediverse").and_then(|node| {
            let handle = checker.text(node, "`fediverse`")?;
            if is_fediverse_handle(&handle) {
                return Some(handle);
            }
            checker.error(
                node.pos,
                format!("`fediverse` must be a handle of the form `@user@host`, found `{handle}`"),
                Some("write the handle as Mastodon shows it, e.g. `@dasha@example.social`".into()),
            );
            None
        });
        if let Some(name) = name {
            authors.push(Author {
                name,
                url,
                same_as,
                fediverse,
            });
        }
    }
    authors
}

/// `@user@host`: a user of letters, digits, `_`, `.` or `-`, and a host
/// with a dot in it.
fn is_fediverse_handle(handle: &str) -> bool {
    let Some((user, host)) = handle
        .strip_prefix('@')
        .and_then(|rest| rest.split_once('@'))
    else {
        return false;
    };
    let user_ok = !user.is_empty()
        && user
            .chars()
            .all(|c| c.is_alphanumeric() || "_.-".contains(c));
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || ".-".contains(c));
    user_ok && host_ok
}

/// A list of whole web addresses under `key` (one address alone is a
/// list of one).
fn web_addresses(
    checker: &mut Checker,
    fields: &super::Fields,
    key: &str,
    what: &str,
) -> Vec<String> {
    let Some(node) = fields.get(key) else {
        return Vec::new();
    };
    let items: &[Node] = match &node.value {
        Value::Seq(items) => items,
        _ => std::slice::from_ref(node),
    };
    items
        .iter()
        .filter_map(|item| {
            let url = checker.text(item, what)?;
            web_address(checker, item, &url, what).then_some(url)
        })
        .collect()
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
        return Some(Publisher::named(name));
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
    let policies = fields
        .get("policies")
        .map(|node| read_policies(checker, node))
        .unwrap_or_default();
    let social = web_addresses(checker, &fields, "social", "`publisher.social`");
    let contact = fields.get("contact").and_then(|node| {
        let contact = checker.text(node, "`publisher.contact`")?;
        if contact.to_ascii_lowercase().starts_with("mailto:")
            && !contact.contains(char::is_whitespace)
        {
            return Some(contact);
        }
        web_address(checker, node, &contact, "`publisher.contact`").then_some(contact)
    });
    let disclosure = fields.get("disclosure").and_then(|node| {
        let url = checker.text(node, "`publisher.disclosure`")?;
        web_address(checker, node, &url, "`publisher.disclosure`").then_some(url)
    });
    let mut publisher = Publisher::named(name?);
    publisher.url = url;
    publisher.logo = logo;
    publisher.policies = policies;
    publisher.social = social;
    publisher.contact = contact;
    publisher.disclosure = disclosure;
    Some(publisher)
}

/// `policies: {corrections: https://…, ethics: https://…}`: the Trust
/// Project's policy pages, each a whole web address.
fn read_policies(checker: &mut Checker, node: &Node) -> Vec<(Policy, String)> {
    let names: Vec<&str> = Policy::ALL.iter().map(|p| p.field()).collect();
    let Some(fields) = checker.mapping(node, "`publisher.policies`", &names) else {
        return Vec::new();
    };
    Policy::ALL
        .iter()
        .filter_map(|&policy| {
            let node = fields.get(policy.field())?;
            let what = format!("`policies.{}`", policy.field());
            let url = checker.text(node, &what)?;
            web_address(checker, node, &url, &what).then_some((policy, url))
        })
        .collect()
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
