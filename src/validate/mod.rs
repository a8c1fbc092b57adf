//! Stage 2: turn the parsed inputs into a [`Story`], checking the article
//! and the facts against each other: ids resolve, dates exist, quotes are in
//! the article, people are named in it. Every problem is collected; the
//! story is returned only when there are no errors.

mod common_words;
mod continuity;
mod cross_check;
mod facts;
mod footnotes;
mod front_matter;
mod hygiene;
mod local_links;
mod repeats;
mod reports;
mod schema;
mod site;
mod sources;
mod translations;

use pulldown_cmark::{Event, Tag};

use crate::article;
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::facts_json::FactsJson;
use crate::images::Probes;
use crate::links::is_safe_url;
use crate::load::{
    ArticleSource, FactsSource, Inputs, Node, TranscriptSource, TranslationSource, Value,
};
use crate::model::{Source, Story};
use crate::source::Pos;

use schema::{Checker, Fields};

/// The checked story, and the warnings found on the way.
pub struct Validated {
    pub story: Story,
    pub warnings: Diagnostics,
    /// Links to `#id`s and to files the build writes, to be checked
    /// against the finished site with [`missing_targets`].
    pub held_links: Vec<HeldLink>,
}

pub use facts::SHARED_PATH as SHARED_PEOPLE;

/// What a story's article and facts are checked against besides
/// themselves: the files beside them, the transcripts its quotes cite and,
/// in a site, the people it shares with the other stories.
#[derive(Clone, Copy)]
pub struct Surroundings<'a> {
    pub static_files: &'a [&'a str],
    pub pictures: &'a Probes<'a>,
    pub transcripts: &'a [TranscriptSource],
    pub shared: Option<&'a [crate::model::Person]>,
    /// The site's publisher, for a story whose front matter names none.
    pub site_publisher: Option<&'a crate::model::Publisher>,
}
pub use local_links::{Held, HeldLink, ids_in, missing_targets};
pub use translations::check_bytes as check_translation;

/// `previous` is the last edition's facts: what it published is the memory
/// that keeps each item's id from one edition to the next.
///
/// The facts' parsed tree is taken out of `inputs` once it has been read:
/// for a large story it is the biggest thing in memory, and the
/// cross-checks, which set the peak, need only the facts read from it.
pub fn validate(
    inputs: &mut Inputs,
    previous: Option<&FactsJson>,
) -> Result<Validated, Diagnostics> {
    let static_files = inputs.theme.static_paths();
    let pictures = inputs.theme.pictures();
    let shared = inputs.shared.as_deref();
    let surroundings = Surroundings {
        static_files: &static_files,
        pictures: &pictures,
        transcripts: &inputs.transcripts,
        shared: shared.map(|s| s.people.as_slice()),
        site_publisher: shared.and_then(|s| s.publisher.as_ref()),
    };
    let validated = check_sources(
        &inputs.article,
        &mut inputs.facts,
        &inputs.translations,
        &surroundings,
        previous,
    );
    // The site's words lie under the story's own: a key the story's file
    // for a language leaves out is the site's.
    let validated = validated.map(|mut validated| {
        if let Some(shared) = shared {
            validated.story.translations =
                crate::locale::layered(&shared.translations, &validated.story.translations);
        }
        validated
    });
    let validated = validated.map_err(|failed| {
        let templates: Vec<&str> = inputs
            .theme
            .templates
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        let mut diagnostics = failed.diagnostics;
        diagnostics.extend(local_links::certainly_missing(
            &failed.held_links,
            &failed.known,
            &templates,
        ));
        diagnostics
    });
    let found = std::mem::take(&mut inputs.findings);
    match validated {
        Ok(mut validated) if !found.has_errors() => {
            validated.warnings.extend(found);
            Ok(validated)
        }
        Ok(validated) => {
            let mut diagnostics = validated.warnings;
            diagnostics.extend(found);
            Err(diagnostics)
        }
        Err(mut diagnostics) => {
            diagnostics.extend(found);
            Err(diagnostics)
        }
    }
}

/// [`validate`] for an article and facts read from elsewhere (a past
/// commit), against the static files of `static_files`, whose pictures
/// are `pictures`.
pub fn validate_sources(
    article_source: &ArticleSource,
    facts_source: &mut FactsSource,
    translation_sources: &[TranslationSource],
    surroundings: &Surroundings,
    previous: Option<&FactsJson>,
) -> Result<Validated, Diagnostics> {
    check_sources(
        article_source,
        facts_source,
        translation_sources,
        surroundings,
        previous,
    )
    .map_err(|failed| failed.diagnostics)
}

/// A story with errors, and its links that were held for the finished
/// page, which will not be made.
struct Failed {
    diagnostics: Diagnostics,
    held_links: Vec<HeldLink>,
    known: local_links::KnownIds,
}

fn check_sources(
    article_source: &ArticleSource,
    facts_source: &mut FactsSource,
    translation_sources: &[TranslationSource],
    surroundings: &Surroundings,
    previous: Option<&FactsJson>,
) -> Result<Validated, Failed> {
    let Surroundings {
        static_files,
        pictures,
        transcripts,
        shared,
        site_publisher,
    } = *surroundings;
    let mut diagnostics = Diagnostics::new();

    // The body is parsed once here, for its paragraphs (quotes are looked
    // up in them) and for links the front-matter checks report.
    let mut unsafe_links = Vec::new();
    let mut local_targets = Vec::new();
    let paragraphs = article::paragraphs_and_links(article_source.body(), |url, range, target| {
        if !is_safe_url(url) {
            unsafe_links.push((url.to_owned(), range));
        } else if local_links::is_local(url) {
            local_targets.push((url.to_owned(), range, target));
        }
    });
    hygiene::check_article(article_source, &mut diagnostics);
    footnotes::check(article_source, &mut diagnostics);
    hygiene::check_facts(facts_source, &mut diagnostics);
    for file in transcripts.iter().filter_map(|t| t.file.as_ref()) {
        hygiene::check_transcript(file, &mut diagnostics);
    }
    for note in &facts_source.notes {
        diagnostics.push(note.clone());
    }
    let article = {
        let mut checker = Checker::new(&article_source.file, &mut diagnostics);
        front_matter::read_article(
            &mut checker,
            article_source,
            static_files,
            pictures,
            &unsafe_links,
            site_publisher,
        )
    };
    let tree = std::mem::replace(
        &mut facts_source.root,
        Node {
            value: Value::Null,
            pos: Pos::default(),
        },
    );
    let facts = {
        let mut checker = Checker::new(&facts_source.file, &mut diagnostics);
        facts::read_facts(
            &mut checker,
            &tree,
            static_files,
            pictures,
            shared,
            transcripts,
        )
    };
    let mut held_links = {
        let mut checker = Checker::new(&article_source.file, &mut diagnostics);
        local_links::check_article(&mut checker, article_source, &local_targets, static_files)
    };
    held_links.extend({
        let mut checker = Checker::new(&facts_source.file, &mut diagnostics);
        local_links::check_facts_markdown(&mut checker, &tree, static_files)
    });
    drop(tree);
    let known = local_links::KnownIds {
        paragraphs: paragraphs.iter().filter(|p| p.number.is_some()).count(),
        people: facts.people.iter().map(|p| p.value.id.clone()).collect(),
    };
    // Cross-checks run even when the front matter is broken, so that one
    // run reports those problems too.
    let story = {
        let mut checker = Checker::new(&facts_source.file, &mut diagnostics);
        cross_check::cross_check(
            &mut checker,
            article,
            facts,
            article_source,
            &paragraphs,
            previous,
        )
    };
    let translations = translations::read_all(translation_sources, &mut diagnostics);
    unsafe_svgs(pictures, &mut diagnostics);
    let story = story.map(|mut story| {
        translations::warn_untranslated(article_source, &story, &translations, &mut diagnostics);
        story.translations = translations;
        story
    });
    match story {
        Some(story) if !diagnostics.has_errors() => Ok(Validated {
            story,
            warnings: diagnostics,
            held_links,
        }),
        _ => Err(Failed {
            diagnostics,
            held_links,
            known,
        }),
    }
}

/// Every static SVG that could load or run something: each is published
/// on the site's origin whether or not the story names it, so each is
/// refused; one that a field names was already refused at that field.
fn unsafe_svgs(pictures: &Probes, diagnostics: &mut Diagnostics) {
    use crate::images::Problem;
    for (path, probe) in pictures {
        let Err(problem @ (Problem::Script(_) | Problem::Loads(_))) = probe else {
            continue;
        };
        let message = problem.message(path);
        if diagnostics.iter().any(|d| d.message == message) {
            continue;
        }
        diagnostics.push(
            Diagnostic::file_error(format!("static/{path}"), message).with_help(problem.help()),
        );
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

/// A picture under `static/` named by `image` or `photo.src`: it must
/// exist, and be a picture the build can read and publish.
fn static_path(
    checker: &mut Checker,
    fields: &Fields,
    key: &str,
    static_files: &[&str],
    pictures: &Probes,
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
    let problem = match pictures.get(path.as_str()) {
        Some(Ok(_)) => return Some(path),
        Some(Err(problem)) => problem,
        None => &crate::images::Problem::NotAPicture,
    };
    checker.error(
        node.pos,
        problem.message(&path),
        Some(problem.help().to_owned()),
    );
    None
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

/// The time that names the edition of an article and facts — the newest of
/// `published`, `updated` and every update's and correction's `at` — read
/// without checking anything else, so that a history's commits can be
/// grouped into editions before any of them is checked in full. `None`
/// when none of those times can be read.
pub fn edition_of(article: &ArticleSource, facts: &FactsSource) -> Option<crate::date::Timestamp> {
    let time = |node: Option<&Node>| crate::date::Timestamp::parse(node?.as_str()?).ok();
    let mut times: Vec<crate::date::Timestamp> = ["published", "updated"]
        .into_iter()
        .filter_map(|name| time(article.front_matter.field(name)))
        .collect();
    for list in ["updates", "corrections"] {
        let items = facts.root.field(list).map_or(&[][..], Node::items);
        times.extend(items.iter().filter_map(|item| time(item.field("at"))));
    }
    // The last of equal times, as `Story::edition` chooses.
    times.into_iter().max_by_key(|t| t.unix_seconds())
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

/// The site's `people.yaml`, checked once for every story: the people its
/// stories may list by `id` alone.
pub fn shared_people(
    file: &crate::source::SourceFile,
    root: &Node,
    static_files: &[&str],
    pictures: &Probes,
) -> Result<Vec<crate::model::Person>, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let people = {
        let mut checker = Checker::new(file, &mut diagnostics);
        facts::read_shared_people(&mut checker, root, static_files, pictures)
    };
    if diagnostics.has_errors() {
        Err(diagnostics.sorted())
    } else {
        Ok(people)
    }
}

/// The site's `i18n/` files, checked once for every story.
pub fn shared_translations(
    sources: &[TranslationSource],
) -> Result<Vec<crate::locale::Translation>, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let translations = translations::read_all(sources, &mut diagnostics);
    if diagnostics.has_errors() {
        Err(diagnostics.sorted())
    } else {
        Ok(translations)
    }
}

/// The site's `site.yaml`, checked.
pub fn site_config(
    file: &crate::source::SourceFile,
    root: &Node,
    static_files: &[&str],
    pictures: &Probes,
) -> Result<crate::desk::SiteConfig, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let config = {
        let mut checker = Checker::new(file, &mut diagnostics);
        site::read_site(&mut checker, root, static_files, pictures)
    };
    match config {
        Some(config) if !diagnostics.has_errors() => Ok(config),
        _ => Err(diagnostics.sorted()),
    }
}
