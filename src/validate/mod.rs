//! Stage 2: turn the parsed inputs into a [`Story`], checking the article
//! and the facts against each other: ids resolve, dates exist, quotes are in
//! the article, people are named in it. Every problem is collected; the
//! story is returned only when there are no errors.

mod common_words;
mod cross_check;
mod facts;
mod front_matter;
mod hygiene;
mod local_links;
mod repeats;
mod reports;
mod schema;
mod translations;

use pulldown_cmark::{Event, Tag};

use crate::article;
use crate::diagnostic::{Diagnostics, did_you_mean};
use crate::links::is_safe_url;
use crate::load::{Inputs, Node, Value};
use crate::model::{Source, Story};
use crate::source::Pos;

use schema::{Checker, Fields};

/// The checked story, and the warnings found on the way.
pub struct Validated {
    pub story: Story,
    pub warnings: Diagnostics,
    /// Links to `#id`s, to be checked against the rendered page with
    /// [`missing_ids`].
    pub fragment_links: Vec<FragmentLink>,
}

pub use local_links::{FragmentLink, missing_ids};

/// The facts' parsed tree is taken out of `inputs` once it has been read:
/// for a large story it is the biggest thing in memory, and the
/// cross-checks, which set the peak, need only the facts read from it.
pub fn validate(inputs: &mut Inputs) -> Result<Validated, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let static_files: Vec<&str> = inputs
        .theme
        .assets
        .iter()
        .map(|a| a.path.as_str())
        .collect();

    // The body is parsed once here, for its paragraphs (quotes are looked
    // up in them) and for links the front-matter checks report.
    let mut unsafe_links = Vec::new();
    let mut local_targets = Vec::new();
    let paragraphs = article::paragraphs_and_links(inputs.article.body(), |url, range, target| {
        if !is_safe_url(url) {
            unsafe_links.push((url.to_owned(), range));
        } else if local_links::is_local(url) {
            local_targets.push((url.to_owned(), range, target));
        }
    });
    hygiene::check_article(&inputs.article, &mut diagnostics);
    hygiene::check_facts(&inputs.facts, &mut diagnostics);
    let article = {
        let mut checker = Checker::new(&inputs.article.file, &mut diagnostics);
        front_matter::read_article(&mut checker, &inputs.article, &static_files, &unsafe_links)
    };
    let tree = std::mem::replace(
        &mut inputs.facts.root,
        Node {
            value: Value::Null,
            pos: Pos::default(),
        },
    );
    let facts = {
        let mut checker = Checker::new(&inputs.facts.file, &mut diagnostics);
        facts::read_facts(&mut checker, &tree, &static_files)
    };
    let mut fragment_links = {
        let mut checker = Checker::new(&inputs.article.file, &mut diagnostics);
        local_links::check_article(&mut checker, &inputs.article, &local_targets, &static_files)
    };
    fragment_links.extend({
        let mut checker = Checker::new(&inputs.facts.file, &mut diagnostics);
        local_links::check_facts_markdown(&mut checker, &tree, &static_files)
    });
    drop(tree);
    // Cross-checks run even when the front matter is broken, so that one
    // run reports those problems too.
    let story = {
        let mut checker = Checker::new(&inputs.facts.file, &mut diagnostics);
        cross_check::cross_check(&mut checker, article, facts, &inputs.article, &paragraphs)
    };
    let translations = translations::read_all(&inputs.translations, &mut diagnostics);
    let story = story.map(|mut story| {
        translations::warn_untranslated(&inputs.article, &story, &translations, &mut diagnostics);
        story.translations = translations;
        story
    });
    match story {
        Some(story) if !diagnostics.has_errors() => Ok(Validated {
            story,
            warnings: diagnostics,
            fragment_links,
        }),
        _ => Err(diagnostics),
    }
}

/// An item read from facts.yaml, with where its parts were written: the
/// cross-checks point at them.
struct Located<T, At> {
    value: T,
    at: At,
}

const SOURCE_FIELDS: &[&str] = &["name", "url"];

fn read_source(checker: &mut Checker, node: &Node) -> Option<Source> {
    let fields = checker.mapping(node, "`source`", SOURCE_FIELDS)?;
    let name = checker.required_text(&fields, "name", "`source`");
    let url = fields.get("url").and_then(|node| {
        let url = checker.text(node, "`url`")?;
        checker.link_target(node.pos, &url, "`url`").then_some(url)
    });
    Some(Source { name: name?, url })
}

/// A file under `static/` named by `image` or `photo.src`.
fn static_path(
    checker: &mut Checker,
    fields: &Fields,
    key: &str,
    static_files: &[&str],
) -> Option<String> {
    let node = fields.get(key)?;
    let path = checker.text(node, &format!("`{key}`"))?;
    let path = path.trim_start_matches("static/").to_owned();
    let escapes = path.starts_with('/')
        || path.contains('\\')
        || path.split('/').any(|part| part == ".." || part == ".")
        || path.contains(':');
    if escapes {
        checker.error(
            node.pos,
            format!("`{key}` must name a file under static/"),
            Some("write a path such as people/rubio.jpg for static/people/rubio.jpg".into()),
        );
        return None;
    }
    if !static_files.contains(&path.as_str()) {
        let help = did_you_mean(&path, static_files.iter().copied()).map_or_else(
            || "put the file in the story's static/ folder".to_owned(),
            |near| format!("did you mean `{near}`?"),
        );
        checker.error(
            node.pos,
            format!("static/{path} does not exist"),
            Some(help),
        );
        return None;
    }
    Some(path)
}

/// Links in Markdown written in facts.yaml: only web links, never
/// `javascript:` and the like. (Raw HTML needs no check: it is shown as text.)
fn check_fact_markdown(checker: &mut Checker, markdown: &str, pos: Pos, what: &str) {
    for event in article::parser(markdown) {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
            checker.link_target(pos, &dest_url, what);
        }
    }
}

/// Markdown from facts.yaml without the HTML comments editors keep notes
/// in: facts.json carries this Markdown as it is, and no note may reach an
/// output file. `None` when nothing else was written.
fn without_notes(markdown: String) -> Option<String> {
    let kept = match crate::raw_html::strip_comments(&markdown, article::options()) {
        std::borrow::Cow::Borrowed(_) => return Some(markdown),
        std::borrow::Cow::Owned(kept) => kept,
    };
    let kept = kept.trim();
    (!kept.is_empty()).then(|| kept.to_owned())
}
