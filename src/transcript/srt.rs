//! SubRip: blocks separated by blank lines, each an index (1, 2, 3 …), a
//! timing line (`00:12:04,000 --> 00:12:07,500`) and the words.

use super::{Cue, Problem, payload, timing};

pub(super) fn parse(text: &str) -> (Vec<Cue>, Vec<Problem>) {
    let mut cues = Vec::new();
    let mut problems = Vec::new();
    let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    let blocks = super::blocks(&lines);
    if text.starts_with("WEBVTT") {
        problems.push(
            Problem::new(1, 1, 6, "this file is WebVTT, not SubRip").help("name it with .vtt"),
        );
        return (cues, problems);
    }
    let mut expected = 1usize;
    for (b, block) in blocks.into_iter().enumerate() {
        let number = b + 1;
        let (index_line, index_text) = block[0];
        let index_text = index_text.trim();
        match index_text.parse::<usize>() {
            Ok(index) if index == expected => {}
            Ok(index) => problems.push(
                Problem::new(
                    index_line,
                    1,
                    index_text.chars().count(),
                    format!("cue {index} where cue {expected} comes next: the index is broken"),
                )
                .help("number the cues 1, 2, 3 … in order"),
            ),
            Err(_) => {
                let what = if index_text.contains("-->") {
                    "a cue's timing line where its index should be".to_owned()
                } else {
                    format!("`{index_text}` where cue {expected}'s index should be")
                };
                problems.push(
                    Problem::new(index_line, 1, index_text.chars().count(), format!("{what}: the index is broken"))
                        .help("each cue starts with its number on a line of its own, then its times, then its words"),
                );
                expected += 1;
                continue;
            }
        }
        expected += 1;
        let Some(&(timing_line, timing_text)) = block.get(1) else {
            problems.push(
                Problem::new(
                    index_line,
                    1,
                    index_text.chars().count(),
                    format!("cue {index_text} has no timing line"),
                )
                .help("write `00:12:04,000 --> 00:12:07,500` on the line after the index"),
            );
            continue;
        };
        let (start_ms, end_ms) = match timing(timing_line, timing_text, ',', true) {
            Ok(times) => times,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        for (speaker, text) in payload(&block[2..], &mut problems) {
            cues.push(Cue {
                number,
                line: timing_line,
                start_ms: Some(start_ms),
                end_ms: Some(end_ms),
                speaker,
                text,
            });
        }
    }
    (cues, problems)
}
