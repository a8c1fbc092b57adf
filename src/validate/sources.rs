//! The facts' `sources:` — the transcripts quotes are checked against —
//! and the quotes whose `from` names one: each is looked up in that
//! transcript with the article's folding, its speaker compared with whom
//! the transcript gives the words to, and its place and time recorded.

use std::collections::{HashMap, HashSet};

use super::Located;
use super::facts::{QuoteAt, UnresolvedQuote};
use super::schema::Checker;
use crate::diagnostic::{Diagnostic, Severity, did_you_mean};
use crate::load::{Node, TranscriptSource, sources::SOURCES_DIR};
use crate::model::{Person, QuoteFrom, Transcript, Turn};
use crate::quotes::{self, QuoteMatch};
use crate::source::Pos;
use crate::text::{Cut, Letters, is_slug, shorten, slug};

const SOURCE_FIELDS: &[&str] = &["id", "file", "title", "at", "url"];

/// The transcripts of `sources:`, and the ids of those whose file has an
/// error of its own (told when it was read): a quote from one of them is
/// not checked, rather than told that it is not there.
#[derive(Default)]
pub(super) struct Sources {
    pub(super) items: Vec<Transcript>,
    pub(super) unreadable: HashSet<String>,
}

pub(super) fn read(
    checker: &mut Checker,
    node: Option<&Node>,
    transcripts: &[TranscriptSource],
) -> Sources {
    let mut sources = Sources::default();
    let Some(node) = node else { return sources };
    let mut first_seen: HashMap<String, Pos> = HashMap::new();
    for item in checker.list(node, "`sources`") {
        let Some(fields) = checker.mapping(item, "a source", SOURCE_FIELDS) else {
            continue;
        };
        let id = checker.required_text(&fields, "id", "a source");
        let id_pos = fields.get("id").map_or(item.pos, |n| n.pos);
        let file = checker.required_text(&fields, "file", "a source");
        let title = checker.required_text(&fields, "title", "a source");
        let at = fields
            .get("at")
            .and_then(|node| checker.timestamp(node, "`at`"));
        let url = fields.get("url").and_then(|node| {
            let url = checker.text(node, "`url`")?;
            let absolute = url.starts_with("https://") || url.starts_with("http://");
            if !absolute {
                checker.error(
                    node.pos,
                    "a source's `url` is the recording's whole web address",
                    Some("write it as https://…".into()),
                );
                return None;
            }
            checker.link_target(node.pos, &url, "`url`").then_some(url)
        });
        let Some(id) = id else { continue };
        if !is_slug(&id) {
            checker.error(
                id_pos,
                format!("`{id}` is not a valid id"),
                Some(format!(
                    "ids use lowercase letters, digits and hyphens, e.g. `{}`",
                    slug(&id, Letters::Ascii)
                )),
            );
            sources.unreadable.insert(id);
            continue;
        }
        if let Some(first) = first_seen.get(&id) {
            checker.push(
                Diagnostic::at(
                    Severity::Error,
                    checker.file,
                    id_pos,
                    format!("the source id `{id}` is used twice"),
                )
                .with_note(format!("first used on line {}", first.line))
                .with_help("give each source its own id"),
            );
            continue;
        }
        first_seen.insert(id.clone(), id_pos);
        let read = file
            .as_deref()
            .and_then(|file| transcripts.iter().find(|t| t.name == file));
        let (Some(file), Some(title), Some(read)) = (file, title, read) else {
            sources.unreadable.insert(id);
            continue;
        };
        let Some(cues) = &read.cues else {
            sources.unreadable.insert(id);
            continue;
        };
        sources.items.push(Transcript {
            id,
            title,
            at,
            url,
            file: format!("{SOURCES_DIR}/{file}"),
            turns: crate::transcript::turns(cues, read.format),
        });
    }
    sources
}

/// What each quote with `from` came to: `None` for a quote without one,
/// or from a source that cannot be checked; each transcript is searched
/// once for all of its quotes.
pub(super) fn verify(
    checker: &mut Checker,
    quotes: &[Located<UnresolvedQuote, QuoteAt>],
    sources: &Sources,
) -> Vec<Option<(usize, QuoteMatch)>> {
    let mut outcome: Vec<Option<(usize, QuoteMatch)>> = vec![None; quotes.len()];
    let mut by_source: Vec<Vec<usize>> = vec![Vec::new(); sources.items.len()];
    let ids: Vec<&str> = sources.items.iter().map(|s| s.id.as_str()).collect();
    for (n, quote) in quotes.iter().enumerate() {
        let Some((from, pos)) = &quote.at.from else {
            continue;
        };
        if let Some(index) = ids.iter().position(|id| id == from) {
            by_source[index].push(n);
        } else if !sources.unreadable.contains(from) {
            let help = did_you_mean(from, ids.iter().copied()).map_or_else(
                || {
                    if ids.is_empty() {
                        "list the transcript under `sources:` with an `id`, its `file` in content/sources/ and a `title`".to_owned()
                    } else {
                        format!("known sources: {}", shorten(&ids.join(", "), 200, Cut::Anywhere))
                    }
                },
                |near| format!("did you mean `{near}`?"),
            );
            checker.error(*pos, format!("no source has the id `{from}`"), Some(help));
        }
    }
    for (source, list) in by_source.iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        let texts: Vec<&str> = list.iter().map(|&n| quotes[n].value.text()).collect();
        let turns: Vec<&str> = sources.items[source]
            .turns
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        for (&n, found) in list.iter().zip(quotes::verify_all(&texts, &turns)) {
            outcome[n] = Some((source, found));
        }
    }
    outcome
}

/// Tell what is wrong with a quote looked up in `transcript`, warn when
/// the transcript gives the words to someone else, and say where it is.
pub(super) fn resolve(
    checker: &mut Checker,
    quote_text: &str,
    outcome: &(usize, QuoteMatch),
    at: &QuoteAt,
    speaker: Option<&Person>,
    people: &[Person],
    sources: &Sources,
) -> Option<QuoteFrom> {
    let (source, found) = outcome;
    let transcript = &sources.items[*source];
    let file = &transcript.file;
    let turn_named = |turn: &Turn| {
        let time = at_clock(turn.cues[0].seconds);
        let who = turn
            .speaker
            .as_deref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        format!("the turn{time}{who}, {file} line {}", turn.cues[0].line)
    };
    let pos = at.text;
    match found {
        QuoteMatch::Found(index) => {
            let turn = &transcript.turns[*index];
            if let (Some(said_by), Some(person)) = (&turn.speaker, speaker) {
                let line = format!("{file} line {}", turn.cue_at(0).line);
                check_speaker(checker, said_by, person, people, at, &line);
            }
            let (start, end) = quotes::locate(quote_text, &turn.text)?;
            Some(QuoteFrom {
                source: *source,
                turn: *index,
                start,
                end,
                seconds: turn.cue_at(start).seconds,
            })
        }
        QuoteMatch::Empty => {
            checker.error(
                pos,
                "the quote is empty",
                Some("write the words that were said".into()),
            );
            None
        }
        QuoteMatch::OutOfOrder(index) => {
            checker.error(
                pos,
                format!(
                    "the parts of this quote are in {}, but in another order",
                    turn_named(&transcript.turns[*index])
                ),
                Some("put the parts around the ellipsis in the transcript's order".into()),
            );
            None
        }
        QuoteMatch::AcrossParagraphs { first, last } => {
            checker.error(
                pos,
                format!(
                    "the parts of this quote are in {file}, from {} to {}, but an ellipsis (`…`) bridges words within one speaker's turn only",
                    turn_named(&transcript.turns[*first]),
                    turn_named(&transcript.turns[*last])
                ),
                Some("make it one quote per turn".into()),
            );
            None
        }
        QuoteMatch::NotFound { closest } => {
            let mut diagnostic = Diagnostic::at(
                Severity::Error,
                checker.file,
                pos,
                format!("the quote is not in {file} (`{}`)", transcript.id),
            )
            .with_help("quote the transcript word for word (quote marks, dashes and spacing may differ; `…` stands for words left out), or check that `from` names the right source");
            if let Some(index) = closest {
                let turn = &transcript.turns[*index];
                let (cue, passage) = closest_passage(quote_text, turn);
                let time = at_clock(cue.seconds);
                let who = turn
                    .speaker
                    .as_deref()
                    .map(|s| format!(", {s}"))
                    .unwrap_or_default();
                diagnostic = diagnostic.with_note(format!(
                    "closest is the cue{time} ({file} line {}{who}): “{}”",
                    cue.line,
                    shorten(passage, 90, Cut::Anywhere)
                ));
                if let Some((said, quote)) = quotes::differences(quote_text, passage) {
                    diagnostic = diagnostic.with_note(format!(
                        "the words that differ, marked: the transcript has “{said}”, the quote “{quote}”"
                    ));
                }
            }
            checker.push(diagnostic);
            None
        }
    }
}

/// The cue of `turn` from which the words most like the quote's follow,
/// and the passage from it a little longer than the quote: in a long
/// turn (a whole caption file without voice tags is one) the turn's start
/// would say little.
fn closest_passage<'t>(quote: &str, turn: &'t Turn) -> (&'t crate::model::CueStart, &'t str) {
    let wanted: HashSet<String> = quotes::normalize(quote)
        .split(' ')
        .map(str::to_lowercase)
        .collect();
    let length = quote.len() * 3 / 2 + 20;
    let end_from = |start: usize| {
        let end = turn
            .cues
            .iter()
            .map(|c| c.offset)
            .find(|&o| o >= start + length)
            .unwrap_or(turn.text.len());
        end.max(start)
    };
    let best = turn
        .cues
        .iter()
        .max_by_key(|cue| {
            let passage = &turn.text[cue.offset..end_from(cue.offset)];
            let shared = quotes::normalize(passage)
                .split(' ')
                .filter(|w| wanted.contains(&w.to_lowercase()))
                .count();
            // The last of equals: the passage that starts closest to them.
            (shared, cue.offset)
        })
        .unwrap_or(&turn.cues[0]);
    (best, &turn.text[best.offset..end_from(best.offset)])
}

/// The person a quote is given to is the one the transcript names, by
/// name or alias (`Secretary Rubio` is Rubio: a title before the name is
/// allowed); otherwise a warning naming whom the transcript gives the
/// words to.
fn check_speaker(
    checker: &mut Checker,
    said_by: &str,
    person: &Person,
    people: &[Person],
    at: &QuoteAt,
    line: &str,
) {
    if names(said_by, person) {
        return;
    }
    let other = people.iter().find(|p| names(said_by, p));
    let help = match other {
        Some(other) => format!("did you mean `speaker: {}`?", other.id),
        None => format!(
            "check the speaker; if `{said_by}` is how the transcript names {}, add it to their `aliases`",
            person.name
        ),
    };
    checker.push(
        Diagnostic::at(
            Severity::Warning,
            checker.file,
            at.speaker.1,
            format!(
                "the transcript gives these words to {said_by}, not to {}",
                person.name
            ),
        )
        .with_note(format!("{said_by} says them at {line}"))
        .with_help(help),
    );
}

/// Whether the transcript's `said_by` names `person`: one of their names,
/// capitals aside, or one of them as its last words.
fn names(said_by: &str, person: &Person) -> bool {
    let said_by = said_by.trim().to_lowercase();
    person.names().any(|name| {
        let name = name.trim().to_lowercase();
        !name.is_empty()
            && (said_by == name
                || said_by
                    .strip_suffix(&name)
                    .is_some_and(|before| before.ends_with(' ')))
    })
}

/// " at 12:04" for a cue with a time, nothing for one without.
fn at_clock(seconds: Option<u64>) -> String {
    seconds
        .map(|s| format!(" at {}", crate::transcript::clock(s)))
        .unwrap_or_default()
}
