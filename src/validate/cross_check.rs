//! The article and the facts against each other: ids resolve, quotes are
//! in the article, people are named in it.

use std::collections::{HashMap, HashSet};

use super::facts::{CorrectionAt, EventAt, Facts, QuoteAt, UnresolvedQuote};
use super::reports::{mentioned_people, report_quote, warn_unmentioned};
use super::{Checker, Located, continuity};
use crate::article;
use crate::diagnostic::{Diagnostic, Severity, did_you_mean};
use crate::facts_json::FactsJson;
use crate::ids;
use crate::load::ArticleSource;
use crate::model::{Article, Correction, Event as TimelineEvent, Person, Quote, Story};
use crate::quotes::{self, QuoteMatch};
use crate::source::Pos;
use crate::text::{Cut, Letters, shorten, slug};

/// Articles shorter than this are checked on one thread.
const PARALLEL_FROM_BYTES: usize = 64 * 1024;

/// Resolve ids between people, quotes and the timeline; verify quotes
/// against the article; warn about people the article never names. Each
/// step is a function of its own, in the order they run.
pub(super) fn cross_check(
    checker: &mut Checker,
    article: Option<Article>,
    facts: Facts,
    source: &ArticleSource,
    paragraphs: &[article::Paragraph],
    previous: Option<&FactsJson>,
) -> Option<Story> {
    let roster = Roster::of(checker, &facts);
    warn_shared_names(checker, &facts);
    warn_unlisted_groups(checker, &facts);
    let caption = article
        .as_ref()
        .and_then(|a| a.photo.as_ref())
        .and_then(|p| p.caption.as_deref());
    let scan = scan_article(&facts, &roster.people, caption, source, paragraphs);
    let empty_body = is_empty_body(checker, source);
    // Where each item that makes it into the story was written, for the
    // checks of its id against the previous edition's: a person's id is
    // always given.
    let mut item_at: Vec<Option<Pos>> = roster.at.iter().map(|&pos| Some(pos)).collect();
    let mut given_ids = GivenIds::default();
    let from_sources = super::sources::verify(checker, &facts.quotes, &facts.sources);
    let quotes = resolve_quotes(
        checker,
        facts.quotes,
        &roster,
        Lookups {
            article: scan.quotes,
            transcripts: from_sources,
            sources: &facts.sources,
        },
        empty_body,
        (paragraphs, source),
        (&mut given_ids, &mut item_at),
    );
    let timeline = resolve_timeline(
        checker,
        facts.timeline,
        &roster,
        (&mut given_ids, &mut item_at),
    );

    // A front matter that failed may have lost the caption that names
    // someone: "never named" would then be false.
    if !empty_body && article.is_some() {
        warn_unmentioned(
            checker,
            &roster.people,
            &facts.people,
            &scan.mentioned,
            paragraphs,
        );
    }
    if let Some(article) = &article {
        super::repeats::before_published(
            checker,
            &article.published,
            &facts.update_times,
            "update",
        );
        super::repeats::before_published(
            checker,
            &article.published,
            &facts.correction_times,
            "correction",
        );
    }

    let findings: Vec<_> = facts
        .known
        .iter()
        .chain(&facts.unknown)
        .map(|f| f.at.item)
        .collect();
    item_at.extend(facts.known.iter().chain(&facts.unknown).map(|f| f.at.id));
    let mut story = Story {
        article: article?,
        groups: facts.groups,
        people: roster.people,
        quotes: quotes.items,
        timeline: timeline.items,
        takeaways: facts.takeaways,
        known: facts.known.into_iter().map(|f| f.value).collect(),
        unknown: facts.unknown.into_iter().map(|f| f.value).collect(),
        updates: facts.updates,
        corrections: Vec::new(),
        translations: Vec::new(),
        sources: facts.sources.items,
    };
    ids::assign(&mut story, previous);
    let entries = quotes.at.into_iter().chain(timeline.at).chain(findings);
    let fallback: Vec<Pos> = std::iter::repeat_n(Pos::default(), story.people.len())
        .chain(entries)
        .collect();
    let at: Vec<continuity::ItemAt> = crate::ids::of_items(&story)
        .zip(item_at.iter().zip(&fallback))
        .map(|(element_id, (given, entry))| continuity::ItemAt {
            element_id,
            pos: given.unwrap_or(*entry),
            given: given.is_some(),
        })
        .collect();
    story.corrections = check_corrections(checker, facts.corrections, &story, previous);
    // After the corrections: they may name the edition.
    continuity::check(checker, &story, &at, previous);
    let mut corrections = std::mem::take(&mut story.corrections);
    continuity::keep_corrections_with_their_items(&mut corrections, &story, previous);
    story.corrections = corrections;
    Some(story)
}

/// The story's people, each id once, and how a `speaker` or a timeline
/// `people` entry finds one of them.
struct Roster {
    people: Vec<Person>,
    /// Where each kept person's id was written.
    at: Vec<Pos>,
    index_of: HashMap<String, usize>,
    /// Ids that name no one without an error of their own: the people
    /// whose entries had one already (said once, not at every use).
    excused: HashSet<String>,
    /// The ids of the site's shared people (none for a story on its own).
    shared: HashSet<String>,
}

impl Roster {
    /// The people of the facts, the second of two with one id an error.
    fn of(checker: &mut Checker, facts: &Facts) -> Roster {
        let mut roster = Roster {
            people: Vec::new(),
            at: Vec::new(),
            index_of: HashMap::new(),
            excused: facts.excused_ids.clone(),
            shared: facts.shared_ids.clone(),
        };
        let mut first_seen: HashMap<&str, Pos> = HashMap::new();
        for Located { value: person, at } in &facts.people {
            if let Some(first) = first_seen.get(person.id.as_str()) {
                for name in person.names() {
                    roster.excused.insert(slug(name, Letters::Ascii));
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
            roster.people.push(person.clone());
            roster.at.push(at.id);
            roster
                .index_of
                .insert(person.id.clone(), roster.people.len() - 1);
        }
        roster
    }

    /// The index of the person `id` names, or an error at `pos` with the
    /// likeliest fix.
    fn resolve(&self, checker: &mut Checker, id: &str, pos: Pos, what: &str) -> Option<usize> {
        if let Some(&index) = self.index_of.get(id) {
            return Some(index);
        }
        if self.excused.contains(id) {
            return None;
        }
        if self.shared.contains(id) {
            checker.error(
                pos,
                format!(
                    "`{id}` is a person of the site's people.yaml whom this story does not list"
                ),
                Some(format!(
                    "list `- id: {id}` under people (it is in people.yaml)"
                )),
            );
            return None;
        }
        let ids: Vec<&str> = self.people.iter().map(|p| p.id.as_str()).collect();
        let by_name = self
            .people
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
            (None, None) => Some(format!(
                "known ids: {}",
                shorten(&ids.join(", "), 200, Cut::Anywhere)
            )),
        };
        checker.error(pos, format!("no person has the id `{id}`"), help);
        None
    }
}

/// Namesakes happen (two officials called Petrov), so a shared name or
/// alias is allowed; but a mention of it cannot say whom it names, so it
/// is not linked, and the editor hears of it once per name.
fn warn_shared_names(checker: &mut Checker, facts: &Facts) {
    let mut holders: HashMap<&str, Vec<(&str, Pos)>> = HashMap::new();
    let mut shared: Vec<&str> = Vec::new();
    for Located { value: person, at } in &facts.people {
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
}

/// With `groups` given, every person's group should be in it: it decides
/// where the group is shown.
fn warn_unlisted_groups(checker: &mut Checker, facts: &Facts) {
    if !facts.groups_given {
        return;
    }
    for Located { value: person, at } in facts.people.iter().filter(|p| p.at.complete) {
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

/// What one pass over the article finds: where each quote to verify is
/// (in the order of the facts' quotes without an outside source), and
/// which people it names.
struct Scan {
    quotes: Vec<QuoteMatch>,
    mentioned: Vec<bool>,
}

fn scan_article(
    facts: &Facts,
    people: &[Person],
    caption: Option<&str>,
    source: &ArticleSource,
    paragraphs: &[article::Paragraph],
) -> Scan {
    let paragraph_texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
    let to_verify: Vec<&str> = facts
        .quotes
        .iter()
        .filter(|q| !q.at.from_outside)
        .map(|q| q.value.text())
        .collect();
    // Quote verification and name finding each build an automaton and scan
    // the whole article, and share nothing: for a long story one runs on
    // each core. A realistic page takes less time than starting a thread.
    // The results are collected and reported in the same order either way.
    let verify = || quotes::verify_all(&to_verify, &paragraph_texts);
    let (quotes, mentioned) = if source.body().len() < PARALLEL_FROM_BYTES {
        (
            verify(),
            mentioned_people(people, &paragraph_texts, caption),
        )
    } else {
        std::thread::scope(|scope| {
            let verifying = scope.spawn(verify);
            let mentioned = mentioned_people(people, &paragraph_texts, caption);
            let results = verifying
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (results, mentioned)
        })
    };
    Scan { quotes, mentioned }
}

/// An article with no text after its front matter is one error, at the
/// closing `---` the text should follow, rather than one per quote.
fn is_empty_body(checker: &mut Checker, source: &ArticleSource) -> bool {
    let empty = crate::raw_html::without_comments(source.body())
        .trim()
        .is_empty();
    if empty {
        let line = source
            .file
            .pos_of_offset(source.body_start.saturating_sub(1), 1)
            .line;
        checker.push(
            Diagnostic::at(
                Severity::Error,
                &source.file,
                Pos::new(line as usize, 1, 3),
                "the article has no text after its front matter",
            )
            .with_help("write the article below the closing `---` line; quotes are checked against it and names linked in it"),
        );
    }
    empty
}

/// Items of one kind that made it into the story, and where each was
/// written.
struct Resolved<T> {
    items: Vec<T>,
    at: Vec<Pos>,
}

/// Where the quotes were looked for, and what was found.
struct Lookups<'s> {
    /// In the article, for each quote without `source` or `from`, in order.
    article: Vec<QuoteMatch>,
    /// In its transcript, for each quote with `from` (by the quote's index).
    transcripts: Vec<Option<(usize, QuoteMatch)>>,
    sources: &'s super::sources::Sources,
}

/// Each quote's speaker resolves, and a quote without an outside source is
/// where the article scan found it (`found`, in order); `ids` checks the
/// quotes' own ids and records where each kept quote's was written.
fn resolve_quotes(
    checker: &mut Checker,
    quotes: Vec<Located<UnresolvedQuote, QuoteAt>>,
    roster: &Roster,
    Lookups {
        article: found,
        transcripts: from_sources,
        sources,
    }: Lookups,
    empty_body: bool,
    (paragraphs, source): (&[article::Paragraph], &ArticleSource),
    (given_ids, item_at): (&mut GivenIds, &mut Vec<Option<Pos>>),
) -> Resolved<Quote> {
    let mut found = found.into_iter();
    let mut resolved = Resolved {
        items: Vec::new(),
        at: Vec::new(),
    };
    for (Located { value: quote, at }, from_source) in quotes.into_iter().zip(from_sources) {
        given_ids.check(checker, at.id.as_ref(), "quote");
        let speaker = roster.resolve(checker, &at.speaker.0, at.speaker.1, "`speaker`");
        let from = from_source.and_then(|outcome| {
            super::sources::resolve(
                checker,
                quote.text(),
                &outcome,
                &at,
                speaker.map(|s| &roster.people[s]),
                &roster.people,
                sources,
            )
        });
        let paragraph = if at.from_outside {
            None
        } else {
            let outcome = found.next().unwrap_or(QuoteMatch::Empty);
            // An article without text has one error, said once already.
            if !(empty_body && matches!(outcome, QuoteMatch::NotFound { .. })) {
                report_quote(checker, quote.text(), &outcome, at.text, paragraphs, source);
            }
            match outcome {
                QuoteMatch::Found(p) => paragraphs[p].number,
                _ => None,
            }
        };
        if let Some(speaker) = speaker {
            item_at.push(at.id.as_ref().map(|(_, pos)| *pos));
            resolved.at.push(at.text);
            resolved.items.push(quote.resolve(speaker, paragraph, from));
        }
    }
    resolved
}

/// Each event's people resolve.
fn resolve_timeline(
    checker: &mut Checker,
    timeline: Vec<Located<TimelineEvent, EventAt>>,
    roster: &Roster,
    (given_ids, item_at): (&mut GivenIds, &mut Vec<Option<Pos>>),
) -> Resolved<TimelineEvent> {
    let mut resolved = Resolved {
        items: Vec::new(),
        at: Vec::new(),
    };
    for Located {
        value: mut event,
        at,
    } in timeline
    {
        given_ids.check(checker, at.id.as_ref(), "event");
        item_at.push(at.id.as_ref().map(|(_, pos)| *pos));
        resolved.at.push(at.item);
        event.people = at
            .people
            .iter()
            .filter_map(|(id, pos)| roster.resolve(checker, id, *pos, "`people`"))
            .collect();
        resolved.items.push(event);
    }
    resolved
}

/// Each quote's and event's own `id` is used once among its kind.
#[derive(Default)]
struct GivenIds {
    first_seen: HashMap<(String, &'static str), Pos>,
}

impl GivenIds {
    fn check(&mut self, checker: &mut Checker, id: Option<&(String, Pos)>, kind: &'static str) {
        let Some((id, pos)) = id else { return };
        match self.first_seen.get(&(id.clone(), kind)) {
            Some(first) => checker.push(
                Diagnostic::at(
                    Severity::Error,
                    checker.file,
                    *pos,
                    format!("the {kind} id `{id}` is used twice"),
                )
                .with_note(format!("first used on line {}", first.line))
                .with_help(format!("give each {kind} its own id")),
            ),
            None => {
                self.first_seen.insert((id.clone(), kind), *pos);
            }
        }
    }
}

/// A correction's `item` names an element of the page, as in its link
/// (`quote-river-fails`), or one the previous edition had: a correction
/// may say why an item was withdrawn.
fn check_corrections(
    checker: &mut Checker,
    corrections: Vec<Located<Correction, CorrectionAt>>,
    story: &Story,
    previous: Option<&FactsJson>,
) -> Vec<Correction> {
    let mut known: Vec<String> = crate::ids::of_items(story).collect();
    if let Some(previous) = previous {
        known.extend(continuity::known_ids(previous));
    }
    let known_set: HashSet<&str> = known.iter().map(String::as_str).collect();
    let mut kept = Vec::new();
    for Located { value, at } in corrections {
        if let (Some(item), Some(pos)) = (&value.item, at.item) {
            // What a reader copies from the address bar starts with `#`.
            let bare = item.trim_start_matches('#');
            if !known_set.contains(bare) {
                let help = did_you_mean(bare, known.iter().map(String::as_str)).map_or_else(
                    || "`item` takes an element id, as in the item's link: `person-…`, `quote-…` or `event-…`".to_owned(),
                    |near| format!("did you mean `{near}`?"),
                );
                checker.error(pos, format!("no item has the id `{item}`"), Some(help));
                continue;
            }
            kept.push(Correction {
                item: Some(bare.to_owned()),
                ..value
            });
        } else {
            kept.push(value);
        }
    }
    kept
}
