//! A plain transcript (`.txt` or `.md`): one paragraph a turn, separated by
//! blank lines; a paragraph may start with its time in brackets
//! (`[12:04]`, `[1:02:09]`) and with who speaks (`Marco Rubio: …`, in
//! Markdown also `**Marco Rubio:**`). Markdown headings are titles, not
//! words said.

use super::{Cue, Problem, collapse};

pub(super) fn parse(text: &str) -> (Vec<Cue>, Vec<Problem>) {
    let mut cues = Vec::new();
    let mut problems = Vec::new();
    let mut paragraph: Vec<(usize, &str)> = Vec::new();
    let lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    for (number, line) in lines.chain(std::iter::once((0, ""))) {
        if line.trim().is_empty() {
            if !paragraph.is_empty() {
                cues.extend(turn(&paragraph, cues.len() + 1, &mut problems));
                paragraph.clear();
            }
            continue;
        }
        if line.starts_with('#') && paragraph.is_empty() {
            continue;
        }
        paragraph.push((number, line));
    }
    (cues, problems)
}

fn turn(lines: &[(usize, &str)], number: usize, problems: &mut Vec<Problem>) -> Option<Cue> {
    let line = lines[0].0;
    let joined: Vec<&str> = lines.iter().map(|(_, l)| l.trim()).collect();
    let mut text = joined.join(" ");
    let mut start_ms = None;
    if let Some(rest) = text.strip_prefix('[')
        && let Some((time, after)) = rest.split_once(']')
    {
        match clock_time(time) {
            Some(ms) => {
                start_ms = Some(ms);
                text = after.trim_start().to_owned();
            }
            None if time.contains(':') => {
                problems.push(
                    Problem::new(
                        line,
                        2,
                        time.chars().count(),
                        format!("`{time}` is not a time"),
                    )
                    .help("write the time the turn starts as [12:04] or [1:02:09]"),
                );
            }
            None => {}
        }
    }
    let (speaker, words) = speaker(&text);
    let words = collapse(words);
    if words.is_empty() {
        return None;
    }
    Some(Cue {
        number,
        line,
        start_ms,
        end_ms: None,
        speaker,
        text: words,
    })
}

/// `Name: words` into the name and the words, when what comes before the
/// colon reads as a name (at most five words, starting with a letter, no
/// sentence punctuation).
fn speaker(text: &str) -> (Option<String>, &str) {
    let Some((name, words)) = text.split_once(':') else {
        return (None, text);
    };
    let bare = name.trim().trim_matches('*').trim();
    let words = words.trim_start().trim_start_matches("**").trim_start();
    let looks_like_a_name = !bare.is_empty()
        && bare.chars().count() <= 40
        && bare.split_whitespace().count() <= 5
        && bare
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase())
        && !bare.contains([',', ';', '!', '?', '"', '“', '”', '«', '»', '(', '['])
        && !words.is_empty()
        && !words.starts_with("//");
    if looks_like_a_name {
        (Some(bare.to_owned()), words)
    } else {
        (None, text)
    }
}

/// `12:04` or `1:02:09` in milliseconds.
fn clock_time(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    let number = |p: &str| -> Option<u64> {
        (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (h, m, s) = match parts.as_slice() {
        [h, m, s] => (number(h)?, number(m)?, number(s)?),
        [m, s] => (0, number(m)?, number(s)?),
        _ => return None,
    };
    (m < 60 && s < 60).then_some(((h * 60 + m) * 60 + s) * 1000)
}
