//! facts.yaml read into items that still know where they were written:
//! people, quotes, timeline, takeaways and updates. Ids are resolved later,
//! by the cross-checks.

use crate::images::Probes;
use std::collections::{HashMap, HashSet};

use super::schema::{Checker, Fields};
use super::{
    Located, check_fact_markdown, common_words, read_source, repeats, static_path, without_notes,
};
use crate::date::PartialDate;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::{FACTS_PATH, Node, Value};
use crate::model::{
    Correction, Event as TimelineEvent, Finding, Link, Person, Quote, Source, Update,
};
use crate::source::Pos;
use crate::text::{Letters, is_slug, slug};

const FACTS_FIELDS: &[&str] = &[
    "groups",
    "people",
    "quotes",
    "timeline",
    "takeaways",
    "known",
    "unknown",
    "updates",
    "corrections",
    "sources",
];
const PERSON_FIELDS: &[&str] = &[
    "id", "name", "role", "group", "aliases", "summary", "image", "links", "lang",
];
const LINK_FIELDS: &[&str] = &["title", "url"];
const QUOTE_FIELDS: &[&str] = &[
    "id", "speaker", "text", "context", "date", "source", "from", "lang",
];
const EVENT_FIELDS: &[&str] = &["id", "date", "title", "summary", "people", "source"];
const FINDING_FIELDS: &[&str] = &["id", "text"];
const UPDATE_FIELDS: &[&str] = &["at", "text", "key"];
const CORRECTION_FIELDS: &[&str] = &["at", "text", "item"];

/// Facts read from facts.yaml, still holding the positions the cross-checks
/// point at.
#[derive(Default)]
pub(super) struct Facts {
    pub(super) groups: Vec<String>,
    pub(super) groups_given: bool,
    pub(super) people: Vec<Located<Person, PersonAt>>,
    pub(super) quotes: Vec<Located<UnresolvedQuote, QuoteAt>>,
    pub(super) timeline: Vec<Located<TimelineEvent, EventAt>>,
    pub(super) takeaways: Vec<String>,
    pub(super) known: Vec<Located<Finding, FindingAt>>,
    pub(super) unknown: Vec<Located<Finding, FindingAt>>,
    pub(super) updates: Vec<Update>,
    pub(super) corrections: Vec<Located<Correction, CorrectionAt>>,
    /// Each update's time and where it is written.
    pub(super) update_times: Vec<(crate::date::Timestamp, Pos)>,
    pub(super) correction_times: Vec<(crate::date::Timestamp, Pos)>,
    /// Ids that a person entry with an error already reported may have
    /// meant: a quote or event naming one of them gets no second error.
    pub(super) excused_ids: HashSet<String>,
    /// The transcripts of `sources:`.
    pub(super) sources: super::sources::Sources,
    /// The ids of the site's shared people, for a story of a site: a
    /// quote or event naming one the story does not list is told how to.
    pub(super) shared_ids: HashSet<String>,
}

/// A quote as read, before its speaker's id is resolved to a person and
/// its words are found in the article.
pub(super) struct UnresolvedQuote {
    given_id: Option<String>,
    text: String,
    text_at: Option<crate::model::WrittenAt>,
    context: Option<String>,
    date: Option<PartialDate>,
    source: Option<Source>,
    lang: Option<String>,
}

impl UnresolvedQuote {
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    pub(super) fn resolve(
        self,
        speaker: usize,
        paragraph: Option<usize>,
        from: Option<crate::model::QuoteFrom>,
    ) -> Quote {
        Quote {
            // Given by `ids::assign` once every quote is known.
            id: String::new(),
            given_id: self.given_id,
            speaker,
            text: self.text,
            text_at: self.text_at,
            context: self.context,
            date: self.date,
            source: self.source,
            paragraph,
            lang: self.lang,
            from,
        }
    }
}

pub(super) struct PersonAt {
    pub(super) id: Pos,
    pub(super) group: Pos,
    /// False when the person already has errors: no warnings pile on.
    pub(super) complete: bool,
}

pub(super) struct QuoteAt {
    /// The `id` as written, and where.
    pub(super) id: Option<(String, Pos)>,
    pub(super) speaker: (String, Pos),
    pub(super) text: Pos,
    /// Has a `source` or `from` key (even a broken one): not looked up in
    /// the article.
    pub(super) from_outside: bool,
    /// The source id of `from`, and where it is written.
    pub(super) from: Option<(String, Pos)>,
}

pub(super) struct EventAt {
    pub(super) id: Option<(String, Pos)>,
    /// Where the event's entry starts.
    pub(super) item: Pos,
    pub(super) people: Vec<(String, Pos)>,
}

pub(super) struct FindingAt {
    /// Where its `id` is written, when it has one.
    pub(super) id: Option<Pos>,
    /// Where its entry starts.
    pub(super) item: Pos,
}

pub(super) struct CorrectionAt {
    /// Where `at` was written.
    pub(super) when: Pos,
    /// Where `item` was written: it is checked once every id is known.
    pub(super) item: Option<Pos>,
}

pub(super) fn read_facts(
    checker: &mut Checker,
    root: &Node,
    static_files: &[&str],
    pictures: &Probes,
    shared: Option<&[Person]>,
    transcripts: &[crate::load::TranscriptSource],
) -> Facts {
    let mut facts = Facts {
        shared_ids: shared
            .unwrap_or_default()
            .iter()
            .map(|person| person.id.clone())
            .collect(),
        ..Facts::default()
    };
    let name = crate::load::facts_file::short_name(checker.file).to_owned();
    if root.value == Value::Null {
        checker.error(
            root.pos,
            format!("{name} is empty"),
            Some(if name.ends_with(".aml") {
                "list the story's people, under a `[people]` line with an `id:` line for each (README, ArchieML, has an example)".into()
            } else {
                "list the story's people, with `people:` and a `- id:` line for each (`explainer new DIR` writes an example to copy)".into()
            }),
        );
        return facts;
    }
    let Some(fields) = checker.mapping(root, &name, FACTS_FIELDS) else {
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
            let person = match shared {
                Some(shared) => read_listed_person(checker, item, static_files, pictures, shared),
                None => read_person(checker, item, static_files, pictures, FACTS_PATH),
            };
            if person.as_ref().is_none_or(|p| !is_slug(&p.value.id)) {
                excuse_ids(item, &mut facts.excused_ids);
            }
            facts.people.extend(person);
        }
    }
    facts.sources = super::sources::read(checker, fields.get("sources"), transcripts);
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
        facts.takeaways.extend(without_notes(text));
    }
    let mut keys: HashMap<String, (&str, Pos)> = HashMap::new();
    for (list, into) in [("known", &mut facts.known), ("unknown", &mut facts.unknown)] {
        let Some(node) = fields.get(list) else {
            continue;
        };
        for item in checker.list(node, &format!("`{list}`")) {
            let Some(finding) = read_finding(checker, item, list) else {
                continue;
            };
            if let (Some(key), Some(pos)) = (&finding.value.given_id, finding.at.id) {
                if let Some((first_list, first)) = keys.get(key) {
                    checker.push(
                        Diagnostic::at(
                            Severity::Error,
                            checker.file,
                            pos,
                            format!("the id `{key}` is used twice in `known` and `unknown`"),
                        )
                        .with_note(format!("first used on line {}, in `{first_list}`", first.line))
                        .with_help(
                            "give each item its own id; an unknown that becomes known moves, with its id, from `unknown` to `known`"
                                .to_owned(),
                        ),
                    );
                    continue;
                }
                keys.insert(key.clone(), (list, pos));
            }
            into.push(finding);
        }
    }
    if let Some(node) = fields.get("updates") {
        for item in checker.list(node, "`updates`") {
            let Some(update) = checker.mapping(item, "an update", UPDATE_FIELDS) else {
                continue;
            };
            let at = checker
                .required(&update, "at", "an update")
                .and_then(|node| checker.timestamp(node, "`at`"));
            if let (Some(at), Some(node)) = (&at, update.get("at")) {
                repeats::without_time(checker, at, node.pos, "update");
                facts.update_times.push((at.clone(), node.pos));
            }
            let text = checker.required_text(&update, "text", "an update");
            if let (Some(text), Some(node)) = (&text, update.get("text")) {
                check_fact_markdown(checker, text, node.pos, "an update");
            }
            let key = update
                .get("key")
                .and_then(|node| checker.boolean(node, "`key`"))
                .unwrap_or(false);
            if let (Some(at), Some(text)) = (at, text.and_then(without_notes)) {
                facts.updates.push(Update { at, text, key });
            }
        }
    }
    if let Some(node) = fields.get("corrections") {
        for item in checker.list(node, "`corrections`") {
            let correction = read_correction(checker, item);
            if let Some(correction) = &correction {
                let pos = correction.at.when;
                repeats::without_time(checker, &correction.value.at, pos, "correction");
                facts
                    .correction_times
                    .push((correction.value.at.clone(), pos));
            }
            facts.corrections.extend(correction);
        }
    }
    repeats::same_instant(checker, &facts.update_times);
    repeats::in_the_future(checker, &facts.update_times, "update");
    repeats::in_the_future(checker, &facts.correction_times, "correction");
    repeats::repeated_quotes(
        checker,
        facts.quotes.iter().map(|q| (q.value.text(), q.at.text)),
    );
    facts
}

/// An item of `known` or `unknown`: a Markdown text, or `{id, text}`.
fn read_finding(
    checker: &mut Checker,
    item: &Node,
    list: &str,
) -> Option<Located<Finding, FindingAt>> {
    let what = if list == "known" {
        "an item of `known`"
    } else {
        "an item of `unknown`"
    };
    let (id, text, text_pos) = match &item.value {
        Value::Map(_) => {
            let fields = checker.mapping(item, what, FINDING_FIELDS)?;
            let id = read_item_id(checker, &fields);
            let text = checker.required_text(&fields, "text", what);
            let pos = fields.get("text").map_or(item.pos, |n| n.pos);
            (id, text, pos)
        }
        _ => (None, checker.text(item, what), item.pos),
    };
    let text = text?;
    check_fact_markdown(checker, &text, text_pos, what);
    let text = without_notes(text)?;
    Some(Located {
        at: FindingAt {
            id: id.as_ref().map(|(_, pos)| *pos),
            item: item.pos,
        },
        value: Finding {
            id: String::new(),
            given_id: id.map(|(id, _)| id),
            text,
        },
    })
}

fn read_correction(
    checker: &mut Checker,
    item: &Node,
) -> Option<Located<Correction, CorrectionAt>> {
    let fields = checker.mapping(item, "a correction", CORRECTION_FIELDS)?;
    let at = checker
        .required(&fields, "at", "a correction")
        .and_then(|node| checker.timestamp(node, "`at`"));
    let text = checker.required_text(&fields, "text", "a correction");
    if let (Some(text), Some(node)) = (&text, fields.get("text")) {
        check_fact_markdown(checker, text, node.pos, "a correction");
    }
    let item_node = fields.get("item");
    let item = item_node.and_then(|node| checker.text(node, "`item`"));
    Some(Located {
        value: Correction {
            at: at?,
            text: text?,
            item,
            item_withdrawn: false,
        },
        at: CorrectionAt {
            when: fields.get("at")?.pos,
            item: item_node.map(|n| n.pos),
        },
    })
}

/// An item's own `id`, when it has one: a slug, so that its element id
/// (`quote-<id>`) is one too.
fn read_item_id(checker: &mut Checker, fields: &Fields) -> Option<(String, Pos)> {
    let node = fields.get("id")?;
    let id = checker.text(node, "`id`")?;
    if !is_slug(&id) {
        checker.error(
            node.pos,
            format!("`{id}` is not a valid id"),
            Some(format!(
                "ids use lowercase letters, digits and hyphens, e.g. `{}`",
                slug(&id, Letters::Ascii)
            )),
        );
        return None;
    }
    Some((id, node.pos))
}

/// The fields a story may set for a person of the site's `people.yaml`:
/// who they were at the time of this story.
const SHARED_OVERRIDES: &[&str] = &["id", "role", "group", "summary", "aliases"];

/// A person of a story in a site: the story's own (with a `name`), or one
/// of the site's shared people, listed by `id` alone with what this story
/// says differently.
fn read_listed_person(
    checker: &mut Checker,
    item: &Node,
    static_files: &[&str],
    pictures: &Probes,
    shared: &[Person],
) -> Option<Located<Person, PersonAt>> {
    let Value::Map(entries) = &item.value else {
        return read_person(checker, item, static_files, pictures, FACTS_PATH);
    };
    let field = |name: &str| entries.iter().find(|(key, _)| key.name == name);
    let id = field("id").and_then(|(_, node)| match &node.value {
        Value::Str(id) => Some((id.clone(), node.pos)),
        _ => None,
    });
    let Some((id, id_pos)) = id else {
        return read_person(checker, item, static_files, pictures, FACTS_PATH);
    };
    let found = shared.iter().find(|p| p.id == id);
    match (found, field("name")) {
        (Some(_), Some((key, _))) => {
            checker.error(
                key.pos,
                format!("`{id}` is a person of the site's people.yaml: a story lists them by `id` alone"),
                Some(format!(
                    "remove `name` to use the shared card (the story may still set {}), or give this story's own person another id",
                    "`role`, `group`, `summary` and `aliases`"
                )),
            );
            None
        }
        (None, None) => {
            let help = crate::diagnostic::did_you_mean(
                &id,
                shared.iter().map(|p| p.id.as_str()),
            )
            .map_or_else(
                || "give the person a `name`, `role` and `group` here, or add them to the site's people.yaml".to_owned(),
                |close| format!("did you mean `{close}`, of the site's people.yaml?"),
            );
            checker.error(
                id_pos,
                format!("`{id}` is in neither this story's people nor the site's people.yaml"),
                Some(help),
            );
            None
        }
        (None, Some(_)) => read_person(checker, item, static_files, pictures, FACTS_PATH),
        (Some(person), None) => {
            let fields = checker.mapping(item, "a shared person", SHARED_OVERRIDES)?;
            let mut person = person.clone();
            if let Some(role) = checker.optional_text(&fields, "role") {
                person.role = role;
                person.role_at = checker.written_at(FACTS_PATH, &fields, "role");
            }
            if let Some(group) = checker.optional_text(&fields, "group") {
                person.group = group;
            }
            if fields.get("aliases").is_some() {
                let aliases = checker.text_list(&fields, "aliases");
                common_words::warn_about_aliases(checker, Some(&person.name), &aliases);
                person.aliases = aliases.into_iter().map(|(a, _)| a).collect();
            }
            if let Some(summary) = checker.optional_text(&fields, "summary") {
                if let Some(node) = fields.get("summary") {
                    check_fact_markdown(checker, &summary, node.pos, "`summary`");
                }
                person.summary = without_notes(summary);
            }
            if let Some(image) = &person.image
                && !static_files.contains(&image.as_str())
            {
                checker.error(
                    id_pos,
                    format!("`{id}`'s picture `{image}` (people.yaml) is not among this story's static files"),
                    Some("put it in the site's static/ folder, which every story shares".to_owned()),
                );
            }
            Some(Located {
                value: person,
                at: PersonAt {
                    id: id_pos,
                    group: fields.get("group").map_or(id_pos, |n| n.pos),
                    complete: true,
                },
            })
        }
    }
}

/// The site's `people.yaml`: `people:` and a list of people in the form a
/// story's facts give them.
pub(super) fn read_shared_people(
    checker: &mut Checker,
    root: &Node,
    static_files: &[&str],
    pictures: &Probes,
) -> Vec<Person> {
    let Some(fields) = checker.mapping(root, "people.yaml", &["people"]) else {
        return Vec::new();
    };
    let Some(node) = checker.required(&fields, "people", "people.yaml") else {
        return Vec::new();
    };
    let mut people: Vec<Person> = Vec::new();
    for item in checker.list(node, "`people`") {
        let Some(person) = read_person(checker, item, static_files, pictures, SHARED_PATH) else {
            continue;
        };
        if people.iter().any(|p| p.id == person.value.id) {
            checker.error(
                person.at.id,
                format!("`{}` is listed twice", person.value.id),
                Some(
                    "each shared person has one entry; a story may set their role for itself"
                        .to_owned(),
                ),
            );
            continue;
        }
        people.push(person.value);
    }
    people
}

/// The site's file of shared people, as messages name it from the site root.
pub const SHARED_PATH: &str = "people.yaml";

fn read_person(
    checker: &mut Checker,
    item: &Node,
    static_files: &[&str],
    pictures: &Probes,
    file: &'static str,
) -> Option<Located<Person, PersonAt>> {
    let fields = checker.mapping(item, "a person", PERSON_FIELDS)?;
    let id = checker.required_text(&fields, "id", "a person");
    let name = checker.required_text(&fields, "name", "a person");
    let role = checker.required_text(&fields, "role", "a person");
    let group = checker.required_text(&fields, "group", "a person");
    let aliases = checker.text_list(&fields, "aliases");
    common_words::warn_about_aliases(checker, name.as_deref(), &aliases);
    let aliases = aliases.into_iter().map(|(a, _)| a).collect();
    let summary = checker
        .optional_text(&fields, "summary")
        .and_then(without_notes);
    if let (Some(summary), Some(node)) = (&summary, fields.get("summary")) {
        check_fact_markdown(checker, summary, node.pos, "`summary`");
    }
    let image = static_path(checker, &fields, "image", static_files, pictures);
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
                slug(&id, Letters::Ascii)
            )),
        );
    }
    // A person with other faults is still returned, so that quotes and
    // events naming them don't add "no person has the id" errors on top;
    // the faults already reported keep the build from finishing.
    let name = name.unwrap_or_else(|| id.clone());
    Some(Located {
        value: Person {
            id,
            name,
            name_at: checker.written_at(file, &fields, "name"),
            role: role.unwrap_or_default(),
            role_at: checker.written_at(file, &fields, "role"),
            group: group.unwrap_or_default(),
            aliases,
            summary,
            image,
            links,
            lang,
        },
        at,
    })
}

fn read_quote(checker: &mut Checker, item: &Node) -> Option<Located<UnresolvedQuote, QuoteAt>> {
    let fields = checker.mapping(item, "a quote", QUOTE_FIELDS)?;
    let id = read_item_id(checker, &fields);
    let speaker = checker.required_text(&fields, "speaker", "a quote");
    let text = checker.required_text(&fields, "text", "a quote");
    let context = checker
        .optional_text(&fields, "context")
        .and_then(without_notes);
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
    let from = fields
        .get("from")
        .and_then(|node| Some((checker.text(node, "`from`")?, node.pos)));
    if let (Some((_, pos)), Some(_)) = (&from, fields.get("source")) {
        checker.error(
            *pos,
            "a quote has a `source` (where it was published) or a `from` (the transcript it is checked against), not both",
            Some("keep `from` to check the words against the transcript".into()),
        );
    }
    let at = QuoteAt {
        id: id.clone(),
        speaker: (speaker.clone()?, fields.get("speaker")?.pos),
        text: fields.get("text")?.pos,
        from_outside: fields.get("source").is_some() || fields.get("from").is_some(),
        from,
    };
    Some(Located {
        value: UnresolvedQuote {
            given_id: id.map(|(id, _)| id),
            text: text?,
            text_at: checker.written_at(FACTS_PATH, &fields, "text"),
            context,
            date,
            source,
            lang,
        },
        at,
    })
}

fn read_event(checker: &mut Checker, item: &Node) -> Option<Located<TimelineEvent, EventAt>> {
    let fields = checker.mapping(item, "a timeline event", EVENT_FIELDS)?;
    let id = read_item_id(checker, &fields);
    let date = checker
        .required(&fields, "date", "a timeline event")
        .and_then(|node| checker.partial_date(node, "`date`"));
    let title = checker.required_text(&fields, "title", "a timeline event");
    let summary = checker
        .optional_text(&fields, "summary")
        .and_then(without_notes);
    if let (Some(summary), Some(node)) = (&summary, fields.get("summary")) {
        check_fact_markdown(checker, summary, node.pos, "`summary`");
    }
    let people = checker.text_list(&fields, "people");
    repeats::repeated_people(checker, &people);
    let source = fields
        .get("source")
        .and_then(|node| read_source(checker, node));
    Some(Located {
        value: TimelineEvent {
            id: String::new(),
            given_id: id.as_ref().map(|(id, _)| id.clone()),
            date: date?,
            title: title?,
            summary,
            // Filled in when the ids in `at.people` are resolved.
            people: Vec::new(),
            source,
        },
        at: EventAt {
            id,
            item: item.pos,
            people,
        },
    })
}

/// Every id a broken person entry could have been meant to have: its id as
/// written and made into a slug, and the slugs of its other text (the name
/// `Lena Okafor` for `lena-okafor`).
fn excuse_ids(node: &Node, ids: &mut HashSet<String>) {
    match &node.value {
        Value::Str(text) => {
            ids.insert(text.clone());
            ids.insert(slug(text, Letters::Ascii));
        }
        Value::Seq(items) => items.iter().for_each(|n| excuse_ids(n, ids)),
        Value::Map(entries) => entries.iter().for_each(|(_, n)| excuse_ids(n, ids)),
        _ => {}
    }
}
