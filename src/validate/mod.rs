//! Stage 2: turn the parsed inputs into a [`Story`], checking the article
//! and the facts against each other: ids resolve, dates exist, quotes are in
//! the article, people are named in it. Every problem is collected; the
//! story is returned only when there are no errors.

mod schema;
mod translations;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use crate::article;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity, did_you_mean};
use crate::load::{ArticleSource, FactsSource, Inputs, Node, Value};
use crate::model::{
    Article, Event as TimelineEvent, Link, Person, Photo, Quote, Source, Story, Update,
};
use crate::names::NameMatcher;
use crate::quotes::{self, QuoteMatch};
use crate::source::Pos;

use schema::{Checker, Fields, truncate};
pub use schema::{is_safe_url, is_slug};

/// The checked story, and the warnings found on the way.
pub struct Validated {
    pub story: Story,
    pub warnings: Diagnostics,
}

pub fn validate(inputs: &Inputs) -> Result<Validated, Diagnostics> {
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
    let paragraphs = article::paragraphs_and_links(inputs.article.body(), |url, range| {
        if !is_safe_url(url) {
            unsafe_links.push((url.to_owned(), range));
        }
    });
    let article = {
        let mut checker = Checker::new(&inputs.article.file, &mut diagnostics);
        read_article(&mut checker, &inputs.article, &static_files, &unsafe_links)
    };
    let facts = {
        let mut checker = Checker::new(&inputs.facts.file, &mut diagnostics);
        read_facts(&mut checker, &inputs.facts, &static_files)
    };
    // Cross-checks run even when the front matter is broken, so that one
    // run reports those problems too.
    let story = {
        let mut checker = Checker::new(&inputs.facts.file, &mut diagnostics);
        cross_check(&mut checker, article, facts, &inputs.article, &paragraphs)
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
        }),
        _ => Err(diagnostics),
    }
}

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
];
const PHOTO_FIELDS: &[&str] = &["caption", "credit", "src", "alt"];
const SOURCE_FIELDS: &[&str] = &["name", "url"];
const FACTS_FIELDS: &[&str] = &[
    "groups",
    "people",
    "quotes",
    "timeline",
    "takeaways",
    "updates",
];
const PERSON_FIELDS: &[&str] = &[
    "id", "name", "role", "group", "aliases", "summary", "image", "links", "lang",
];
const LINK_FIELDS: &[&str] = &["title", "url"];
const QUOTE_FIELDS: &[&str] = &["speaker", "text", "context", "date", "source", "lang"];
const EVENT_FIELDS: &[&str] = &["date", "title", "summary", "people", "source"];
const UPDATE_FIELDS: &[&str] = &["at", "text"];

fn read_article(
    checker: &mut Checker,
    source: &ArticleSource,
    static_files: &[&str],
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
            src: static_path(checker, &photo, "src", static_files),
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
        body,
    })
}

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

/// Facts read from facts.yaml, still holding the positions the cross-checks
/// point at.
#[derive(Default)]
struct Facts {
    groups: Vec<String>,
    groups_given: bool,
    people: Vec<(Person, PersonAt)>,
    quotes: Vec<(Quote, QuoteAt)>,
    timeline: Vec<(TimelineEvent, EventAt)>,
    takeaways: Vec<String>,
    updates: Vec<Update>,
    /// Ids that a person entry with an error already reported may have
    /// meant: a quote or event naming one of them gets no second error.
    excused_ids: HashSet<String>,
}

struct PersonAt {
    id: Pos,
    group: Pos,
    /// False when the person already has errors: no warnings pile on.
    complete: bool,
}

struct QuoteAt {
    speaker: (String, Pos),
    text: Pos,
    /// Has a `source` key (even a broken one): not looked up in the article.
    from_outside: bool,
}

struct EventAt {
    people: Vec<(String, Pos)>,
}

fn read_facts(checker: &mut Checker, source: &FactsSource, static_files: &[&str]) -> Facts {
    let mut facts = Facts::default();
    if source.root.value == Value::Null {
        return facts;
    }
    let Some(fields) = checker.mapping(&source.root, "facts.yaml", FACTS_FIELDS) else {
        return facts;
    };
    // A `groups` of the wrong type is reported once; judging every group
    // against it would add a warning per person on top.
    facts.groups_given = fields
        .get("groups")
        .is_some_and(|node| matches!(node.value, Value::Seq(_) | Value::Null));
    facts.groups = checker
        .text_list(&fields, "groups")
        .into_iter()
        .map(|(g, _)| g)
        .collect();

    if let Some(node) = fields.get("people") {
        for item in checker.list(node, "`people`") {
            let person = read_person(checker, item, static_files);
            if person.as_ref().is_none_or(|(p, _)| !is_slug(&p.id)) {
                excuse_ids(item, &mut facts.excused_ids);
            }
            facts.people.extend(person);
        }
    }
    if let Some(node) = fields.get("quotes") {
        for item in checker.list(node, "`quotes`") {
            facts.quotes.extend(read_quote(checker, item));
        }
    }
    if let Some(node) = fields.get("timeline") {
        for item in checker.list(node, "`timeline`") {
            facts.timeline.extend(read_event(checker, item));
        }
    }
    for (text, pos) in checker.text_list(&fields, "takeaways") {
        check_fact_markdown(checker, &text, pos, "a takeaway");
        facts.takeaways.push(text);
    }
    if let Some(node) = fields.get("updates") {
        for item in checker.list(node, "`updates`") {
            let Some(update) = checker.mapping(item, "an update", UPDATE_FIELDS) else {
                continue;
            };
            let at = checker
                .required(&update, "at", "an update")
                .and_then(|node| checker.timestamp(node, "`at`"));
            let text = checker.required_text(&update, "text", "an update");
            if let (Some(text), Some(node)) = (&text, update.get("text")) {
                check_fact_markdown(checker, text, node.pos, "an update");
            }
            if let (Some(at), Some(text)) = (at, text) {
                facts.updates.push(Update { at, text });
            }
        }
    }
    facts
}

fn read_person(
    checker: &mut Checker,
    item: &Node,
    static_files: &[&str],
) -> Option<(Person, PersonAt)> {
    let fields = checker.mapping(item, "a person", PERSON_FIELDS)?;
    let id = checker.required_text(&fields, "id", "a person");
    let name = checker.required_text(&fields, "name", "a person");
    let role = checker.required_text(&fields, "role", "a person");
    let group = checker.required_text(&fields, "group", "a person");
    let aliases = checker
        .text_list(&fields, "aliases")
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    let summary = checker.optional_text(&fields, "summary");
    if let (Some(summary), Some(node)) = (&summary, fields.get("summary")) {
        check_fact_markdown(checker, summary, node.pos, "`summary`");
    }
    let image = static_path(checker, &fields, "image", static_files);
    let lang = fields
        .get("lang")
        .and_then(|node| checker.language_tag(node, "`lang`"));
    let mut links = Vec::new();
    if let Some(node) = fields.get("links") {
        for link in checker.list(node, "`links`") {
            let Some(link_fields) = checker.mapping(link, "a link", LINK_FIELDS) else {
                continue;
            };
            let title = checker.required_text(&link_fields, "title", "a link");
            let url = checker.required_text(&link_fields, "url", "a link");
            let url_ok = match (&url, link_fields.get("url")) {
                (Some(url), Some(node)) => checker.link_target(node.pos, url, "`url`"),
                _ => false,
            };
            if let (Some(title), Some(url), true) = (title, url, url_ok) {
                links.push(Link { title, url });
            }
        }
    }
    let id_node = fields.get("id")?;
    let mut at = PersonAt {
        id: id_node.pos,
        group: fields.get("group").map_or(fields.pos, |n| n.pos),
        complete: name.is_some() && role.is_some() && group.is_some(),
    };
    let id = id?;
    if !is_slug(&id) {
        at.complete = false;
        checker.error(
            id_node.pos,
            format!("`{id}` is not a valid id"),
            Some(format!(
                "ids use lowercase letters, digits and hyphens, e.g. `{}`",
                crate::slug::slug(&id, true)
            )),
        );
    }
    // A person with other faults is still returned, so that quotes and
    // events naming them don't add "no person has the id" errors on top;
    // the faults already reported keep the build from finishing.
    let name = name.unwrap_or_else(|| id.clone());
    Some((
        Person {
            id,
            name,
            role: role.unwrap_or_default(),
            group: group.unwrap_or_default(),
            aliases,
            summary,
            image,
            links,
            lang,
        },
        at,
    ))
}

fn read_quote(checker: &mut Checker, item: &Node) -> Option<(Quote, QuoteAt)> {
    let fields = checker.mapping(item, "a quote", QUOTE_FIELDS)?;
    let speaker = checker.required_text(&fields, "speaker", "a quote");
    let text = checker.required_text(&fields, "text", "a quote");
    let context = checker.optional_text(&fields, "context");
    if let (Some(context), Some(node)) = (&context, fields.get("context")) {
        check_fact_markdown(checker, context, node.pos, "`context`");
    }
    let date = fields
        .get("date")
        .and_then(|node| checker.partial_date(node, "`date`"));
    let source = fields
        .get("source")
        .and_then(|node| read_source(checker, node));
    let lang = fields
        .get("lang")
        .and_then(|node| checker.language_tag(node, "`lang`"));
    let at = QuoteAt {
        speaker: (speaker.clone()?, fields.get("speaker")?.pos),
        text: fields.get("text")?.pos,
        from_outside: fields.get("source").is_some(),
    };
    Some((
        Quote {
            speaker: usize::MAX,
            text: text?,
            context,
            date,
            source,
            paragraph: None,
            lang,
        },
        at,
    ))
}

fn read_event(checker: &mut Checker, item: &Node) -> Option<(TimelineEvent, EventAt)> {
    let fields = checker.mapping(item, "a timeline event", EVENT_FIELDS)?;
    let date = checker
        .required(&fields, "date", "a timeline event")
        .and_then(|node| checker.partial_date(node, "`date`"));
    let title = checker.required_text(&fields, "title", "a timeline event");
    let summary = checker.optional_text(&fields, "summary");
    if let (Some(summary), Some(node)) = (&summary, fields.get("summary")) {
        check_fact_markdown(checker, summary, node.pos, "`summary`");
    }
    let people = checker.text_list(&fields, "people");
    let source = fields
        .get("source")
        .and_then(|node| read_source(checker, node));
    Some((
        TimelineEvent {
            date: date?,
            title: title?,
            summary,
            people: Vec::new(),
            source,
        },
        EventAt { people },
    ))
}

/// Links in Markdown written in facts.yaml: only web links, never
/// `javascript:` and the like. (Raw HTML needs no check: it is shown as text.)
fn check_fact_markdown(checker: &mut Checker, markdown: &str, pos: Pos, what: &str) {
    for event in pulldown_cmark::Parser::new(markdown) {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
            checker.link_target(pos, &dest_url, what);
        }
    }
}

/// Articles shorter than this are checked on one thread.
const PARALLEL_FROM_BYTES: usize = 64 * 1024;

/// Every id a broken person entry could have been meant to have: its id as
/// written and made into a slug, and the slugs of its other text (the name
/// `Lena Okafor` for `lena-okafor`).
fn excuse_ids(node: &Node, ids: &mut HashSet<String>) {
    match &node.value {
        Value::Str(text) => {
            ids.insert(text.clone());
            ids.insert(crate::slug::slug(text, true));
        }
        Value::Seq(items) => items.iter().for_each(|n| excuse_ids(n, ids)),
        Value::Map(entries) => entries.iter().for_each(|(_, n)| excuse_ids(n, ids)),
        _ => {}
    }
}

/// Resolve ids between people, quotes and the timeline; verify quotes
/// against the article; warn about people the article never names.
fn cross_check(
    checker: &mut Checker,
    article: Option<Article>,
    facts: Facts,
    source: &ArticleSource,
    paragraphs: &[article::Paragraph],
) -> Option<Story> {
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    let mut first_seen: HashMap<&str, Pos> = HashMap::new();
    let mut people = Vec::new();
    let mut excused = facts.excused_ids.clone();
    for (person, at) in &facts.people {
        if let Some(first) = first_seen.get(person.id.as_str()) {
            for name in person.names() {
                excused.insert(crate::slug::slug(name, true));
            }
            checker.push(
                Diagnostic::at(
                    Severity::Error,
                    checker.file,
                    at.id,
                    format!("the id `{}` is used twice", person.id),
                )
                .with_note(format!("first used on line {}", first.line))
                .with_help("give each person their own id"),
            );
            continue;
        }
        first_seen.insert(person.id.as_str(), at.id);
        people.push(person.clone());
        index_of.insert(person.id.as_str(), people.len() - 1);
    }
    // Namesakes happen (two officials called Petrov), so a shared name or
    // alias is allowed; but a mention of it cannot say whom it names, so it
    // is not linked, and the editor hears of it once per name.
    let mut holders: HashMap<&str, Vec<(&str, Pos)>> = HashMap::new();
    let mut shared: Vec<&str> = Vec::new();
    for (person, at) in &facts.people {
        for name in person.names().map(str::trim).filter(|n| !n.is_empty()) {
            let list = holders.entry(name).or_default();
            if list.iter().all(|(id, _)| *id != person.id) {
                list.push((&person.id, at.id));
                if list.len() == 2 {
                    shared.push(name);
                }
            }
        }
    }
    for name in shared {
        let list = &holders[name];
        let ids: Vec<String> = list.iter().map(|(id, _)| format!("`{id}`")).collect();
        checker.warning(
            list[1].1,
            format!(
                "`{name}` names {} people ({}); mentions of it are not linked",
                list.len(),
                ids.join(", ")
            ),
            Some("give each of them a name or alias of their own that the article uses".into()),
        );
    }
    let ids: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
    let resolve = |checker: &mut Checker, id: &str, pos: Pos, what: &str| -> Option<usize> {
        if let Some(&index) = index_of.get(id) {
            return Some(index);
        }
        if excused.contains(id) {
            return None;
        }
        let by_name = people
            .iter()
            .find(|p| p.names().any(|n| n.eq_ignore_ascii_case(id)));
        let help = match (by_name, did_you_mean(id, ids.iter().copied())) {
            (Some(person), _) => Some(format!(
                "{what} takes a person's id: did you mean `{}`?",
                person.id
            )),
            (None, Some(near)) => Some(format!("did you mean `{near}`?")),
            (None, None) if ids.is_empty() => {
                Some("add the person under `people:` first".to_owned())
            }
            (None, None) => Some(format!("known ids: {}", truncate(&ids.join(", "), 200))),
        };
        checker.error(pos, format!("no person has the id `{id}`"), help);
        None
    };

    if facts.groups_given {
        for (person, at) in facts.people.iter().filter(|(_, at)| at.complete) {
            if !facts.groups.contains(&person.group) {
                let help = did_you_mean(&person.group, facts.groups.iter().map(String::as_str))
                    .map_or_else(
                        || "add it to `groups` to choose where it is shown".to_owned(),
                        |near| format!("did you mean `{near}`?"),
                    );
                checker.warning(
                    at.group,
                    format!("the group `{}` is not listed in `groups`", person.group),
                    Some(help),
                );
            }
        }
    }

    // Quotes: speakers resolve, and quotes without an outside source are in
    // the article.
    let paragraph_texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
    let to_verify: Vec<&str> = facts
        .quotes
        .iter()
        .filter(|(_, at)| !at.from_outside)
        .map(|(q, _)| q.text.as_str())
        .collect();
    let caption = article
        .as_ref()
        .and_then(|a| a.photo.as_ref())
        .and_then(|p| p.caption.as_deref());
    // Quote verification and name finding each build an automaton and scan
    // the whole article, and share nothing: for a long story one runs on
    // each core. A realistic page takes less time than starting a thread.
    // The results are collected and reported in the same order either way.
    let verify = || quotes::verify_all(&to_verify, &paragraph_texts);
    let (results, mentioned) = if source.body().len() < PARALLEL_FROM_BYTES {
        (
            verify(),
            mentioned_people(&people, &paragraph_texts, caption),
        )
    } else {
        std::thread::scope(|scope| {
            let verifying = scope.spawn(verify);
            let mentioned = mentioned_people(&people, &paragraph_texts, caption);
            let results = verifying
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (results, mentioned)
        })
    };
    let mut results = results.into_iter();
    let mut quotes = Vec::new();
    for (quote, at) in facts.quotes {
        let speaker = resolve(checker, &at.speaker.0, at.speaker.1, "`speaker`");
        let paragraph = if at.from_outside {
            None
        } else {
            let outcome = results.next().unwrap_or(QuoteMatch::Empty);
            report_quote(checker, &outcome, at.text, paragraphs, source);
            match outcome {
                QuoteMatch::Found(p) => Some(p),
                _ => None,
            }
        };
        if let Some(speaker) = speaker {
            quotes.push(Quote {
                speaker,
                paragraph,
                ..quote
            });
        }
    }

    let mut timeline = Vec::new();
    for (mut event, at) in facts.timeline {
        event.people = at
            .people
            .iter()
            .filter_map(|(id, pos)| resolve(checker, id, *pos, "`people`"))
            .collect();
        timeline.push(event);
    }

    warn_unmentioned(checker, &people, &facts.people, &mentioned);

    Some(Story {
        article: article?,
        groups: facts.groups,
        people,
        quotes,
        timeline,
        takeaways: facts.takeaways,
        updates: facts.updates,
        translations: Vec::new(),
    })
}

fn report_quote(
    checker: &mut Checker,
    outcome: &QuoteMatch,
    pos: Pos,
    paragraphs: &[article::Paragraph],
    source: &ArticleSource,
) {
    let paragraph_line = |index: usize| {
        source
            .file
            .pos_of_offset(source.body_start + paragraphs[index].offset, 1)
            .line
    };
    let excerpt = |index: usize| truncate(&paragraphs[index].text, 90);
    match outcome {
        QuoteMatch::Found(_) => {}
        QuoteMatch::Empty => checker.error(
            pos,
            "the quote is empty",
            Some("write the words that were said".into()),
        ),
        QuoteMatch::OutOfOrder(index) => checker.error(
            pos,
            format!(
                "the parts of this quote are in paragraph {} of the article, but in another order",
                index + 1
            ),
            Some(format!(
                "put the parts around the ellipsis in the order of content/article.md line {}",
                paragraph_line(*index)
            )),
        ),
        QuoteMatch::NotFound { closest } => {
            let mut diagnostic = Diagnostic::at(Severity::Error, checker.file, pos, "the quote is not in the article")
                .with_help("quote the article word for word (quote marks, dashes and spacing may differ; `…` stands for words left out), or give the quote a `source`");
            if let Some(index) = closest {
                diagnostic = diagnostic.with_note(format!(
                    "closest is paragraph {} (content/article.md line {}): “{}”",
                    index + 1,
                    paragraph_line(*index),
                    excerpt(*index)
                ));
            }
            checker.push(diagnostic);
        }
    }
}

/// For each person, whether the article or the caption names them.
fn mentioned_people(people: &[Person], paragraphs: &[&str], caption: Option<&str>) -> Vec<bool> {
    let matcher = NameMatcher::new(people);
    let mut mentioned = vec![false; people.len()];
    for text in paragraphs.iter().copied().chain(caption) {
        for person in matcher.people_named(text) {
            mentioned[person] = true;
        }
    }
    mentioned
}

fn warn_unmentioned(
    checker: &mut Checker,
    people: &[Person],
    read: &[(Person, PersonAt)],
    mentioned: &[bool],
) {
    // Where each id was first read: `people` holds the first person read
    // with each id.
    let mut read_at: HashMap<&str, &PersonAt> = HashMap::with_capacity(read.len());
    for (person, at) in read {
        read_at.entry(person.id.as_str()).or_insert(at);
    }
    for (person, &was_mentioned) in people.iter().zip(mentioned) {
        let Some(at) = read_at.get(person.id.as_str()) else {
            continue;
        };
        if !was_mentioned && at.complete {
            checker.warning(
                at.id,
                format!("{} is never named in the article", person.name),
                Some("add the way the article names them to `aliases`".into()),
            );
        }
    }
}
