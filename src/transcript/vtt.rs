//! WebVTT (W3C, "WebVTT: The Web Video Text Tracks Format"): a `WEBVTT`
//! header, then blocks separated by blank lines — cues (an optional
//! identifier line, a timing line, the payload), and `NOTE`, `STYLE` and
//! `REGION` blocks, which hold no words said.

use super::{Cue, Problem, payload, timing};

pub(super) fn parse(text: &str) -> (Vec<Cue>, Vec<Problem>) {
    let mut cues = Vec::new();
    let mut problems = Vec::new();
    let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    let first = lines.first().map_or("", |(_, l)| *l);
    let header_ok = first
        .strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
    if !header_ok {
        problems.push(
            Problem::new(1, 1, first.chars().count(), "a WebVTT file starts with a `WEBVTT` line")
                .help("add `WEBVTT` as the first line, then a blank line, or give the file the extension of its format (.srt for SubRip, .txt for plain text)"),
        );
    }
    // Blocks: runs of non-blank lines. The first is the header (when it is
    // one), whose other lines are metadata.
    let blocks = super::blocks(&lines);
    let mut blocks = blocks.into_iter();
    if header_ok {
        blocks.next();
    }
    for (b, block) in blocks.enumerate() {
        let number = b + 1;
        let (first_number, first_line) = block[0];
        let keyword = first_line.split_whitespace().next().unwrap_or("");
        if matches!(keyword, "NOTE" | "STYLE" | "REGION") {
            continue;
        }
        // The timing line is the first or, after an identifier, the second.
        let timing_at = block.iter().take(2).position(|(_, l)| l.contains("-->"));
        let Some(timing_at) = timing_at else {
            problems.push(
                Problem::new(first_number, 1, first_line.chars().count(), "a block with no timing line: each cue needs `start --> end`")
                    .help("write the cue's times on the line before its words (`00:12:04.000 --> 00:12:07.500`), or start a comment with `NOTE`"),
            );
            continue;
        };
        let (line_number, line) = block[timing_at];
        let (start_ms, end_ms) = match timing(line_number, line, '.', false) {
            Ok(times) => times,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let words = &block[timing_at + 1..];
        for (speaker, text) in payload(words, &mut problems) {
            cues.push(Cue {
                number,
                line: line_number,
                start_ms: Some(start_ms),
                end_ms: Some(end_ms),
                speaker,
                text,
            });
        }
    }
    (cues, problems)
}
