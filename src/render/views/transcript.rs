//! A transcript's page: the whole text as paragraphs, one a speaker's
//! turn, with the speaker and the time; every passage quoted on the main
//! page marked and linked back to its quote; each moment linked in the
//! recording (`url#t=<seconds>`, the W3C media-fragment form players
//! understand).

use serde::Serialize;

use super::DateView;
use crate::ids;
use crate::layout;
use crate::locale::Locale;
use crate::model::{Story, Transcript};

#[derive(Serialize)]
pub struct TranscriptView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub at: Option<DateView>,
    /// The recording, from its start.
    pub recording_url: Option<&'a str>,
    /// The main page.
    pub page_url: String,
    pub turns: Vec<TurnView<'a>>,
}

#[derive(Serialize)]
pub struct TurnView<'a> {
    /// `turn-<n>`.
    pub id: String,
    pub speaker: Option<&'a str>,
    /// `ltr` or `rtl` when the speaker's name is written the other way
    /// from the page.
    pub speaker_dir: Option<String>,
    /// `ltr` or `rtl` when the words are written the other way from the
    /// page (a French answer on an Arabic page).
    pub dir: Option<String>,
    /// `12:04`, when the transcript has times.
    pub time: Option<String>,
    /// The same as an HTML duration, `PT724S`: how far into the recording.
    pub duration: Option<String>,
    /// The recording at that moment.
    pub recording_href: Option<String>,
    pub segments: Vec<Segment<'a>>,
}

/// A run of a turn's words: where a cue starts (with its `t-<seconds>`
/// anchor) or a quoted passage starts or ends, a new one begins.
#[derive(Serialize)]
pub struct Segment<'a> {
    pub text: &'a str,
    /// `t-<seconds>`, on the first cue starting in that second.
    pub anchor: Option<String>,
    /// The quote these words are quoted in, on the main page.
    pub quote_href: Option<String>,
}

/// The page of `story.sources[index]`, at `path` of the site.
pub fn build<'a>(
    story: &'a Story,
    index: usize,
    locale: &Locale,
    path: &str,
) -> TranscriptView<'a> {
    let transcript = &story.sources[index];
    let root = layout::root_from(path);
    let page_url = format!("{root}{}", layout::PAGE);
    let mut anchored = std::collections::HashSet::new();
    let turns = transcript
        .turns
        .iter()
        .enumerate()
        .map(|(t, turn)| {
            // The quoted passages of this turn, in order; a passage that
            // overlaps one before it is left to that one's mark.
            let mut marks: Vec<(usize, usize, &str)> = story
                .quotes
                .iter()
                .filter_map(|q| {
                    let from = q.from.as_ref()?;
                    (from.source == index && from.turn == t).then_some((
                        from.start,
                        from.end,
                        q.id.as_str(),
                    ))
                })
                .collect();
            marks.sort();
            let mut kept: Vec<(usize, usize, &str)> = Vec::new();
            for mark in marks {
                if kept.last().is_none_or(|last| last.1 <= mark.0) {
                    kept.push(mark);
                }
            }
            let mut cuts: Vec<usize> = turn.cues.iter().map(|c| c.offset).collect();
            for (start, end, _) in &kept {
                cuts.extend([*start, *end]);
            }
            cuts.push(turn.text.len());
            cuts.sort_unstable();
            cuts.dedup();
            let segments = cuts
                .windows(2)
                .map(|pair| {
                    let (a, b) = (pair[0], pair[1]);
                    let anchor = turn
                        .cues
                        .iter()
                        .find(|c| c.offset == a)
                        .and_then(|c| c.seconds)
                        .filter(|&s| anchored.insert(s))
                        .map(ids::transcript_moment);
                    let quote_href = kept
                        .iter()
                        .find(|(start, end, _)| *start <= a && b <= *end)
                        .map(|(_, _, id)| format!("{page_url}#{id}"));
                    Segment {
                        text: &turn.text[a..b],
                        anchor,
                        quote_href,
                    }
                })
                .collect();
            let seconds = turn.cues[0].seconds;
            TurnView {
                id: ids::transcript_turn(t),
                speaker: turn.speaker.as_deref(),
                speaker_dir: turn.speaker.as_deref().and_then(|s| locale.isolate(s)),
                dir: locale.isolate(&turn.text),
                time: seconds.map(crate::transcript::clock),
                duration: seconds.map(|s| format!("PT{s}S")),
                recording_href: recording_at(transcript, seconds),
                segments,
            }
        })
        .collect();
    TranscriptView {
        id: &transcript.id,
        title: &transcript.title,
        at: transcript
            .at
            .as_ref()
            .map(|at| DateView::of_time(at, locale)),
        recording_url: transcript.url.as_deref(),
        page_url,
        turns,
    }
}

/// The recording at `seconds`: `url#t=<seconds>`.
fn recording_at(transcript: &Transcript, seconds: Option<u64>) -> Option<String> {
    let url = transcript.url.as_deref()?;
    let seconds = seconds?;
    let bare = url.split_once('#').map_or(url, |(before, _)| before);
    Some(format!("{bare}#t={seconds}"))
}
