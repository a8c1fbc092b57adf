//! Transcripts: what was said at a news conference, a hearing or an
//! interview, read from WebVTT captions (`.vtt`, with `<v Speaker>` voice
//! tags where the captions have them), SubRip (`.srt`) or plain text
//! (`.txt`, `.md`: a paragraph a turn, optionally `Name: words`).
//!
//! Each format is parsed by hand, line by line (see the README on why no
//! caption crate): every problem is a [`Problem`] with its line and column,
//! all of a file's problems are found in one pass, and each cue keeps the
//! line it was written on. The parsed cues are grouped into [`Turn`]s —
//! consecutive words of one speaker — which is what quotes are looked up
//! in (load, validate, the transcript page and `draft` all read them).

mod plain;
mod srt;
mod vtt;

/// The largest transcript read: a day-long hearing's captions are a few
/// megabytes; anything far past that is not a transcript.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The formats, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    WebVtt,
    SubRip,
    Plain,
}

impl Format {
    /// The format of a file, by the end of its name.
    pub fn of(file: &str) -> Option<Format> {
        let extension = file.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "vtt" => Some(Format::WebVtt),
            "srt" => Some(Format::SubRip),
            "txt" | "md" => Some(Format::Plain),
            _ => None,
        }
    }
}

/// One cue of a caption file, or one paragraph of a plain transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// 1-based, in the file's order.
    pub number: usize,
    /// The 1-based line of its timing (`00:12:04.000 --> …`), or where a
    /// plain transcript's paragraph starts.
    pub line: usize,
    /// Milliseconds from the start of the recording; `None` in a plain
    /// transcript without times.
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
    /// Who says it, from a voice tag or a `Name:`.
    pub speaker: Option<String>,
    /// The words, without markup, lines joined by spaces.
    pub text: String,
}

/// Something wrong in a transcript file, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub width: usize,
    pub message: String,
    pub help: Option<String>,
}

impl Problem {
    fn new(line: usize, column: usize, width: usize, message: impl Into<String>) -> Problem {
        Problem {
            line,
            column,
            width: width.max(1),
            message: message.into(),
            help: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }
}

/// A transcript's cues, in the file's order, or every problem found.
pub fn parse(format: Format, text: &str) -> Result<Vec<Cue>, Vec<Problem>> {
    let (cues, mut problems) = match format {
        Format::WebVtt => vtt::parse(text),
        Format::SubRip => srt::parse(text),
        Format::Plain => plain::parse(text),
    };
    check_times(&cues, &mut problems);
    if problems.is_empty() {
        Ok(cues)
    } else {
        problems.sort_by_key(|p| (p.line, p.column));
        Err(problems)
    }
}

/// Cues start in order and do not overlap: a quote's time would otherwise
/// be ambiguous, and a file out of order is usually two files pasted.
fn check_times(cues: &[Cue], problems: &mut Vec<Problem>) {
    let mut previous: Option<&Cue> = None;
    for cue in cues {
        let (Some(start), Some(end)) = (cue.start_ms, cue.end_ms) else {
            continue;
        };
        // The voices of one cue share its times.
        if previous.is_some_and(|p| p.number == cue.number) {
            continue;
        }
        if end < start {
            problems.push(
                Problem::new(
                    cue.line,
                    1,
                    1,
                    format!(
                        "cue {} ends ({}) before it starts ({})",
                        cue.number,
                        clock_ms(end),
                        clock_ms(start)
                    ),
                )
                .help("swap the two times"),
            );
        }
        if let Some(before) = previous
            && let (Some(before_start), Some(before_end)) = (before.start_ms, before.end_ms)
        {
            if start < before_start {
                problems.push(
                    Problem::new(
                        cue.line,
                        1,
                        1,
                        format!(
                            "cue {} starts at {}, before cue {} (line {}), which starts at {}: the cues are out of order",
                            cue.number,
                            clock_ms(start),
                            before.number,
                            before.line,
                            clock_ms(before_start)
                        ),
                    )
                    .help("put the cues in the order they were said"),
                );
            } else if start < before_end {
                problems.push(
                    Problem::new(
                        cue.line,
                        1,
                        1,
                        format!(
                            "cue {} starts at {}, before cue {} (line {}) ends at {}: the cues overlap",
                            cue.number,
                            clock_ms(start),
                            before.number,
                            before.line,
                            clock_ms(before_end)
                        ),
                    )
                    .help("end the earlier cue when this one starts"),
                );
            }
        }
        previous = Some(cue);
    }
}

/// `12:04.500` for problems.
fn clock_ms(ms: u64) -> String {
    format!("{}.{:03}", clock(ms / 1000), ms % 1000)
}

/// `12:04`, or `1:02:09` from an hour on: a time on the page.
pub fn clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

pub use crate::model::{CueStart, Turn};

/// A pause this long between two cues ends a turn, even of one speaker:
/// what follows is an answer to another question.
const PAUSE_MS: u64 = 30_000;

/// The cues grouped into turns. A cue without a speaker continues the
/// turn before it (captions name a speaker when the speaker changes); a
/// named speaker other than the turn's, or a pause of [`PAUSE_MS`], starts
/// a new one. In a plain transcript every paragraph is a turn of its own.
pub fn turns(cues: &[Cue], format: Format) -> Vec<Turn> {
    let mut turns: Vec<Turn> = Vec::new();
    let mut last_end: Option<u64> = None;
    for cue in cues {
        if cue.text.is_empty() {
            continue;
        }
        let paused = last_end
            .zip(cue.start_ms)
            .is_some_and(|(end, start)| start >= end + PAUSE_MS);
        last_end = cue.end_ms.or(cue.start_ms);
        let continues = format != Format::Plain
            && !paused
            && turns.last().is_some_and(|turn| {
                cue.speaker.is_none() || cue.speaker.as_deref() == turn.speaker.as_deref()
            });
        let start = CueStart {
            offset: 0,
            seconds: cue.start_ms.map(|ms| ms / 1000),
            line: cue.line,
        };
        match turns.last_mut() {
            Some(turn) if continues => {
                turn.text.push(' ');
                turn.cues.push(CueStart {
                    offset: turn.text.len(),
                    ..start
                });
                turn.text.push_str(&cue.text);
            }
            _ => turns.push(Turn {
                speaker: cue.speaker.clone(),
                text: cue.text.clone(),
                cues: vec![start],
            }),
        }
    }
    turns
}

/// A cue's text lines into words without markup, each run with its
/// speaker: `<v Marco Rubio>` names who speaks until the next voice tag;
/// other tags (`<i>`, `<b>`, `<c.yellow>`, `<00:01.000>`, SubRip's
/// `<font>`) are dropped, and the entities WebVTT allows are decoded.
/// Returns the runs, one per voice, and problems with a column each.
/// Runs of non-blank lines, each line with its number: the cues of a
/// caption file, and WebVTT's header and notes.
fn blocks<'a, 'l>(lines: &'a [(usize, &'l str)]) -> Vec<&'a [(usize, &'l str)]> {
    let mut blocks = Vec::new();
    let mut start = None;
    for (i, (_, line)) in lines.iter().enumerate() {
        match (line.trim().is_empty(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                blocks.push(&lines[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        blocks.push(&lines[s..]);
    }
    blocks
}

fn payload(lines: &[(usize, &str)], problems: &mut Vec<Problem>) -> Vec<(Option<String>, String)> {
    let mut runs: Vec<(Option<String>, String)> = Vec::new();
    let mut current: Option<String> = None;
    let mut text = String::new();
    for &(line_number, line) in lines {
        let mut rest = line;
        let mut column = 1;
        if !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
        }
        while let Some(c) = rest.chars().next() {
            if c == '<' {
                let Some(close) = rest.find('>') else {
                    // A `<` that opens no tag is the text's own.
                    text.push('<');
                    rest = &rest[1..];
                    column += 1;
                    continue;
                };
                let tag = &rest[1..close];
                if let Some(name) = tag.strip_prefix("v ").or_else(|| tag.strip_prefix("v\t")) {
                    // `<v.loud Marco Rubio>` has classes before the space.
                    let name = name.trim();
                    if name.is_empty() {
                        problems.push(
                            Problem::new(
                                line_number,
                                column,
                                close + 1,
                                "a voice tag without a name",
                            )
                            .help("write the speaker's name after the `v`: `<v Marco Rubio>`"),
                        );
                    }
                    if !text.trim().is_empty() {
                        runs.push((current.take(), std::mem::take(&mut text)));
                    }
                    text.clear();
                    current = (!name.is_empty()).then(|| name.to_owned());
                } else if let Some(name) = tag.strip_prefix("v.") {
                    let name = name.split_once([' ', '\t']).map_or("", |(_, n)| n.trim());
                    if !text.trim().is_empty() {
                        runs.push((current.take(), std::mem::take(&mut text)));
                    }
                    text.clear();
                    current = (!name.is_empty()).then(|| name.to_owned());
                }
                column += rest[..=close].chars().count();
                rest = &rest[close + 1..];
                continue;
            }
            if c == '&'
                && let Some(end) = rest[..rest.len().min(10)].find(';')
            {
                let decoded = match &rest[1..end] {
                    "amp" => Some("&"),
                    "lt" => Some("<"),
                    "gt" => Some(">"),
                    "nbsp" => Some("\u{a0}"),
                    "quot" => Some("\""),
                    "apos" => Some("'"),
                    // Direction marks would turn the words around on the
                    // page; the page sets the direction itself.
                    "lrm" | "rlm" => Some(""),
                    _ => None,
                };
                if let Some(decoded) = decoded {
                    text.push_str(decoded);
                    column += end + 1;
                    rest = &rest[end + 1..];
                    continue;
                }
            }
            text.push(c);
            column += 1;
            rest = &rest[c.len_utf8()..];
        }
    }
    if !text.trim().is_empty() || runs.is_empty() {
        runs.push((current, text));
    }
    runs.into_iter()
        .map(|(speaker, text)| (speaker, collapse(&text)))
        .collect()
}

/// Runs of white space as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A time written `hh:mm:ss.ttt` or `mm:ss.ttt` (WebVTT) or
/// `hh:mm:ss,ttt` (SubRip: `decimal` is `,`), in milliseconds.
fn timestamp(text: &str, decimal: char, hours_required: bool) -> Option<u64> {
    let (clock, fraction) = text.split_once(decimal)?;
    if fraction.len() != 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    let number = |part: &str, digits: Option<usize>| -> Option<u64> {
        let right_length = digits.is_none_or(|d| part.len() == d);
        (right_length && !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (h, m, s) = match parts.as_slice() {
        [h, m, s] => (number(h, None)?, number(m, Some(2))?, number(s, Some(2))?),
        [m, s] if !hours_required => (0, number(m, Some(2))?, number(s, Some(2))?),
        _ => return None,
    };
    if m > 59 || s > 59 {
        return None;
    }
    let ms: u64 = fraction.parse().ok()?;
    Some(((h * 60 + m) * 60 + s) * 1000 + ms)
}

/// A timing line, `start --> end [settings]`, or a problem at its column.
fn timing(
    line_number: usize,
    line: &str,
    decimal: char,
    hours_required: bool,
) -> Result<(u64, u64), Problem> {
    let example = if decimal == ',' {
        "00:12:04,000 --> 00:12:07,500"
    } else {
        "00:12:04.000 --> 00:12:07.500"
    };
    let Some((start, rest)) = line.split_once("-->") else {
        return Err(Problem::new(
            line_number,
            1,
            line.chars().count(),
            "a cue's timing line needs `-->` between its two times",
        )
        .help(format!("write it as `{example}`")));
    };
    let end = rest.split_whitespace().next().unwrap_or("");
    let start_text = start.trim();
    let Some(start_ms) = timestamp(start_text, decimal, hours_required) else {
        let column = line
            .find(start_text)
            .map_or(1, |i| line[..i].chars().count() + 1);
        return Err(Problem::new(
            line_number,
            column,
            start_text.chars().count(),
            format!("`{start_text}` is not a time"),
        )
        .help(format!("write it as `{example}`")));
    };
    let Some(end_ms) = timestamp(end, decimal, hours_required) else {
        let after = line.find("-->").map_or(0, |i| i + 3);
        let column = line[after..]
            .find(|c: char| !c.is_whitespace())
            .map_or(line.chars().count(), |i| {
                line[..after + i].chars().count() + 1
            });
        return Err(Problem::new(
            line_number,
            column,
            end.chars().count(),
            format!("`{end}` is not a time"),
        )
        .help(format!("write it as `{example}`")));
    };
    Ok((start_ms, end_ms))
}

#[cfg(test)]
mod tests;
