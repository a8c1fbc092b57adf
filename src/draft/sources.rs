//! The transcripts in `content/sources/`, read for the draft: a quoted
//! passage of the article found in one gets `from:` that source, and, when
//! the transcript names who spoke (a WebVTT voice tag, a `Name:`), that
//! speaker — a passage the article's wording left without one included.

use std::path::Path;

use super::{DraftPerson, DraftQuote, Findings};
use crate::load::sources::SOURCES_DIR;
use crate::model::Turn;
use crate::quotes::{self, QuoteMatch};
use crate::text::{Letters, slug};
use crate::transcript::{self, Format};

/// A transcript of the story's, for the draft's `sources:`.
#[derive(Debug, Clone)]
pub struct DraftSource {
    pub id: String,
    /// Its name in `content/sources/`.
    pub file: String,
    /// A title to start from: the file's name in words.
    pub title: String,
    turns: Vec<Turn>,
}

/// Every transcript under `content/sources/` that parses, in file-name
/// order (one that does not is left to the build to report).
pub fn read(root: &Path) -> Vec<DraftSource> {
    let Ok(entries) = std::fs::read_dir(root.join(SOURCES_DIR)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.') && Format::of(name).is_some())
        .collect();
    names.sort();
    let mut ids = crate::ids::Unique::new();
    names
        .into_iter()
        .filter_map(|name| {
            let format = Format::of(&name)?;
            let path = root.join(SOURCES_DIR).join(&name);
            if std::fs::metadata(&path).ok()?.len() > transcript::MAX_BYTES {
                return None;
            }
            let text = std::fs::read_to_string(&path).ok()?;
            let text = crate::source::SourceFile::from_string(name.clone(), text).text;
            let cues = transcript::parse(format, &text).ok()?;
            let stem = name
                .rsplit_once('.')
                .map_or(name.as_str(), |(stem, _)| stem);
            let words = stem.replace(['-', '_'], " ");
            let mut title: String = words.trim().to_owned();
            if let Some(first) = title.chars().next() {
                title = first.to_uppercase().chain(title.chars().skip(1)).collect();
            }
            Some(DraftSource {
                id: ids.take(slug(stem, Letters::Ascii)),
                file: name,
                title,
                turns: transcript::turns(&cues, format),
            })
        })
        .collect()
}

/// Each quoted passage found in a transcript gets its source, and the
/// speaker the transcript names; a passage without a speaker that a
/// transcript gives to someone becomes a quote of theirs.
pub fn attribute(findings: &mut Findings, sources: &[DraftSource]) {
    if sources.is_empty() {
        return;
    }
    let mut quotes = std::mem::take(&mut findings.quotes);
    let unattributed = std::mem::take(&mut findings.unattributed);
    for (paragraph, text) in unattributed {
        match find(&text, sources) {
            Some((source, Some(voice))) => {
                let speaker = person_named(findings, voice);
                quotes.push(DraftQuote {
                    speaker,
                    text,
                    paragraph,
                    from: Some(sources[source].id.clone()),
                });
            }
            _ => findings.unattributed.push((paragraph, text)),
        }
    }
    for quote in &mut quotes {
        if let Some((source, voice)) = find(&quote.text, sources) {
            quote.from = Some(sources[source].id.clone());
            if let Some(voice) = voice {
                quote.speaker = person_named(findings, voice);
            }
        }
    }
    quotes.sort_by_key(|q| q.paragraph);
    findings.quotes = quotes;
}

/// The first transcript holding `text`, and who says it there.
fn find<'s>(text: &str, sources: &'s [DraftSource]) -> Option<(usize, Option<&'s str>)> {
    sources.iter().enumerate().find_map(|(index, source)| {
        let turns: Vec<&str> = source.turns.iter().map(|t| t.text.as_str()).collect();
        match quotes::verify_all(&[text], &turns).first()? {
            QuoteMatch::Found(turn) => Some((index, source.turns[*turn].speaker.as_deref())),
            _ => None,
        }
    })
}

/// The draft's person the transcript's `voice` names (by name or alias,
/// a title before it allowed), added when there is none.
fn person_named(findings: &mut Findings, voice: &str) -> usize {
    let voice_lower = voice.trim().to_lowercase();
    let names = |person: &DraftPerson| {
        std::iter::once(&person.name)
            .chain(&person.aliases)
            .any(|name| {
                let name = name.trim().to_lowercase();
                !name.is_empty()
                    && (voice_lower == name
                        || voice_lower
                            .strip_suffix(&name)
                            .is_some_and(|before| before.ends_with(' ')))
            })
    };
    if let Some(index) = findings.people.iter().position(names) {
        return index;
    }
    let mut ids = crate::ids::Unique::new();
    for person in &findings.people {
        ids.reserve(person.id.clone());
    }
    findings.people.push(DraftPerson {
        id: ids.take(slug(voice, Letters::Ascii)),
        name: voice.trim().to_owned(),
        role: None,
        group: None,
        aliases: Vec::new(),
    });
    findings.people.len() - 1
}
