//! Pictures and links inside the site: a picture must be a file under
//! `static/` (as `photo.src` is), a link to a file must name one the site
//! has, and a link to `#id` is held until the page exists, when its ids
//! are known (templates can be overridden, so only the page can say). A
//! link to a file the build may write (`changes.html`, an embed page) is
//! held likewise, until the plan is carried out and says which it wrote.

use pulldown_cmark::{Event, Tag};

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity, did_you_mean};
use crate::layout;
use crate::load::{ArticleSource, Node, Value};
use crate::source::Pos;

use super::schema::Checker;

pub use crate::article::Target;

/// A link that only the finished site can check, and the error to give
/// if the site lacks its target.
#[derive(Debug, Clone)]
pub struct HeldLink {
    pub target: Held,
    pub missing: Diagnostic,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    /// An id on the page.
    Fragment(String),
    /// A file the build may write, by its path in the site.
    File(String),
}

/// Check one picture or link target found in `what` at `pos`. Web
/// addresses are not ours to check; a link that leaves the site (`/about/`,
/// `../other-story/`) may lead to the publisher's other pages.
pub fn check(
    checker: &mut Checker,
    pos: Pos,
    url: &str,
    target: Target,
    static_files: &[&str],
    what: &str,
) -> Option<HeldLink> {
    let url = url.trim();
    let has_scheme = url
        .find([':', '/', '?', '#'])
        .is_some_and(|i| url[i..].starts_with(':'));
    if has_scheme || url.starts_with("//") || url.starts_with('?') {
        return None;
    }
    if let Some(id) = url.strip_prefix('#') {
        return (target == Target::Link).then(|| HeldLink {
            target: Held::Fragment(decode_percent(id)),
            missing: Diagnostic::at(
                Severity::Error,
                checker.file,
                pos,
                format!("{what} links to `#{id}`, which the page does not have"),
            ),
        });
    }
    let path = url.split(['#', '?']).next().unwrap_or("");
    let path = decode_percent(path);
    let path = path.trim_start_matches("./");
    let leaves =
        path.starts_with('/') || path.contains('\\') || path.split('/').any(|part| part == "..");
    if leaves {
        if target == Target::Picture {
            checker.error(
                pos,
                format!("a picture in {what} must be a file under static/"),
                Some("write a path such as maps/basin.png for static/maps/basin.png".into()),
            );
        }
        return None;
    }
    let path = path.trim_start_matches("static/");
    let exists = if path.is_empty() || path.ends_with('/') {
        // A folder: the site has it if it has a file in it.
        path.is_empty() || static_files.iter().any(|f| f.starts_with(path))
    } else {
        static_files.contains(&path)
    };
    if exists {
        return None;
    }
    let kind = match target {
        Target::Link => "links to",
        Target::Picture => "shows",
    };
    if target == Target::Link && layout::may_write(path) {
        return Some(HeldLink {
            target: Held::File(path.to_owned()),
            missing: Diagnostic::at(
                Severity::Error,
                checker.file,
                pos,
                format!("{what} {kind} {path}, which this build does not write"),
            ),
        });
    }
    let help = did_you_mean(path, static_files.iter().copied()).map_or_else(
        || format!("put the file in the story's static/ folder: it is published as {path} beside the page"),
        |near| format!("did you mean `{near}`?"),
    );
    checker.error(
        pos,
        format!("{what} {kind} static/{path}, which does not exist"),
        Some(help),
    );
    None
}

/// Whether a target may be a file or an id of the site, worth keeping for
/// [`check_article`] (web addresses are most of a long article's links).
pub fn is_local(url: &str) -> bool {
    let url = url.trim();
    !(url.starts_with("//")
        || url
            .find([':', '/', '?', '#'])
            .is_some_and(|i| url[i..].starts_with(':')))
}

/// The article's pictures and links to files and ids, each pointed at by
/// its target where the text has it, else by the whole link.
pub fn check_article(
    checker: &mut Checker,
    source: &ArticleSource,
    targets: &[(String, Range<usize>, Target)],
    static_files: &[&str],
) -> Vec<HeldLink> {
    let body = source.body();
    let mut held = Vec::new();
    for (url, range, target) in targets {
        let written = body.get(range.clone()).unwrap_or("");
        let (start, len) = match written.find(url.as_str()) {
            Some(at) if !url.is_empty() => (range.start + at, url.chars().count()),
            _ => (range.start, written.chars().count()),
        };
        let pos = checker.file.pos_of_offset(source.body_start + start, len);
        held.extend(check(
            checker,
            pos,
            url,
            *target,
            static_files,
            "the article",
        ));
    }
    held
}

/// Links held by [`check`] whose target the finished site lacks, as
/// errors: an id the rendered page does not have (`ids`, [`ids_in`] the
/// page), or a file the plan did not write (`written` is every path it
/// wrote).
pub fn missing_targets(
    held: &[HeldLink],
    ids: &BTreeSet<&str>,
    written: &HashSet<String>,
) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    if held.is_empty() {
        return diagnostics;
    }
    for link in held {
        let help = match &link.target {
            Held::Fragment(id) if ids.contains(id.as_str()) => continue,
            Held::File(path) if written.contains(path) => continue,
            Held::Fragment(id) if is_paragraph_id(id) => {
                let paragraphs = ids.iter().filter(|id| is_paragraph_id(id)).count();
                format!("the article's paragraphs are #p-1 to #p-{paragraphs}")
            }
            Held::Fragment(id) => did_you_mean(id, ids.iter().copied()).map_or_else(
                || "link to a paragraph (#p-1, #p-2, …), a person (#person-ID) or a heading of the page".to_owned(),
                |near| format!("did you mean `#{near}`?"),
            ),
            Held::File(path) if [layout::FEED, layout::SITEMAP].contains(&path.as_str()) => {
                format!("{path} is written only with a base URL (--base-url or EXPLAINER_BASE_URL)")
            }
            Held::File(path) => {
                let mut paths: Vec<&str> = written.iter().map(String::as_str).collect();
                paths.sort_unstable();
                did_you_mean(path, paths).map_or_else(
                    || "link to a file of static/ or one the build writes (changes.html, facts.json, embed/<element id>.html)".to_owned(),
                    |near| format!("did you mean `{near}`?"),
                )
            }
        };
        diagnostics.push(link.missing.clone().with_help(help));
    }
    diagnostics
}

/// The ids of the page that the story alone decides, whatever its
/// templates: one `p-N` for each numbered text block of the article, one
/// `person-<id>` for each person of the facts.
#[derive(Debug, Clone, Default)]
pub struct KnownIds {
    pub paragraphs: usize,
    pub people: Vec<String>,
}

/// For a story with errors, whose page is never rendered: the held links
/// to ids that are certainly missing however it is rendered, so that they
/// come out in the same run as the other errors rather than after those
/// are fixed. Only a `p-N` past the article's paragraphs and a
/// `person-<id>` for no person are certain; any other id may come from a
/// template, and so does one that a template (`templates`, each one's
/// text) writes as it is. [`missing_targets`] is still the check of
/// record once the story builds.
pub fn certainly_missing(held: &[HeldLink], known: &KnownIds, templates: &[&str]) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    for link in held {
        let Held::Fragment(id) = &link.target else {
            continue;
        };
        let written = [format!("\"{id}\""), format!("'{id}'"), format!("#{id}")];
        if templates
            .iter()
            .any(|text| written.iter().any(|w| text.contains(w.as_str())))
        {
            continue;
        }
        let help = if is_paragraph_id(id) {
            let present = (0..known.paragraphs).any(|i| crate::ids::paragraph(i) == *id);
            if present {
                continue;
            }
            match known.paragraphs {
                0 => "the article has no numbered paragraphs".to_owned(),
                n => format!("the article's paragraphs are #p-1 to #p-{n}"),
            }
        // Facts with no people at all are ones still to be written (`draft`
        // checks the article with none): who is missing is not known yet.
        } else if id.starts_with(&crate::ids::person("")) && !known.people.is_empty() {
            let anchors: Vec<String> = known.people.iter().map(|p| crate::ids::person(p)).collect();
            if anchors.contains(id) {
                continue;
            }
            did_you_mean(id, anchors.iter().map(String::as_str)).map_or_else(
                || "a person's card is #person-<their id in facts.yaml>".to_owned(),
                |near| format!("did you mean `#{near}`?"),
            )
        } else {
            continue;
        };
        diagnostics.push(link.missing.clone().with_help(help));
    }
    diagnostics
}

/// Every picture and link in the Markdown of facts.yaml (summaries,
/// contexts, takeaways, what is known and not, the text of updates),
/// pointed at by its value.
pub fn check_facts_markdown(
    checker: &mut Checker,
    root: &Node,
    static_files: &[&str],
) -> Vec<HeldLink> {
    let mut held = Vec::new();
    walk(checker, root, &mut Vec::new(), static_files, &mut held);
    held
}

fn walk<'n>(
    checker: &mut Checker,
    node: &'n Node,
    keys: &mut Vec<&'n str>,
    static_files: &[&str],
    held: &mut Vec<HeldLink>,
) {
    match &node.value {
        Value::Str(markdown) if is_markdown_field(keys) => {
            let what = format!("`{}`", keys.last().copied().unwrap_or("facts.yaml"));
            for event in pulldown_cmark::Parser::new(markdown) {
                let (url, target) = match event {
                    Event::Start(Tag::Link { dest_url, .. }) => (dest_url, Target::Link),
                    Event::Start(Tag::Image { dest_url, .. }) => (dest_url, Target::Picture),
                    _ => continue,
                };
                held.extend(check(checker, node.pos, &url, target, static_files, &what));
            }
        }
        Value::Seq(items) => {
            for item in items {
                walk(checker, item, keys, static_files, held);
            }
        }
        Value::Map(entries) => {
            for (key, value) in entries {
                keys.push(&key.name);
                walk(checker, value, keys, static_files, held);
                keys.pop();
            }
        }
        _ => {}
    }
}

/// The keys under which facts.yaml holds Markdown rather than plain text.
fn is_markdown_field(keys: &[&str]) -> bool {
    matches!(
        keys,
        [.., "summary" | "context"]
            | ["takeaways" | "known" | "unknown"]
            | ["updates" | "known" | "unknown", "text"]
    )
}

/// `%20` and the like as the characters they stand for; a broken escape
/// stays as written.
fn decode_percent(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

fn is_paragraph_id(id: &str) -> bool {
    id.strip_prefix("p-")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The ids of a rendered page (`id="…"` on any element), for the links
/// held by [`check`].
pub fn ids_in(html: &str) -> BTreeSet<&str> {
    // Ordered, so that a did-you-mean between equally close ids is the
    // same every run.
    let mut ids = BTreeSet::new();
    let mut rest = html;
    while let Some(at) = rest.find(" id=\"") {
        rest = &rest[at + 5..];
        if let Some(end) = rest.find('"') {
            ids.insert(&rest[..end]);
            rest = &rest[end..];
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(decode_percent("a%20b%zz%e2%80%94"), "a b%zz—");
        assert_eq!(decode_percent("%ff"), "%ff");
    }

    #[test]
    fn page_ids_are_read() {
        let ids = ids_in("<p id=\"p-1\">x</p><a class=\"m\" id=\"mention-a\" href=\"#p-1\">");
        assert!(ids.contains("p-1") && ids.contains("mention-a") && ids.len() == 2);
    }
}
