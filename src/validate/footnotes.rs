//! Footnotes are off on purpose (their labels would become element ids
//! beside the page's stable anchors; see [`crate::article::options`]), so
//! `[^1]` is printed as it is written. The editor hears of it rather than
//! finding brackets on the page.

use pulldown_cmark::Event;

use crate::article;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::load::ArticleSource;

/// Warn at the first use of each footnote label in the article's text.
pub(super) fn check(source: &ArticleSource, diagnostics: &mut Diagnostics) {
    let body = source.body();
    if !body.contains("[^") {
        return;
    }
    let mut seen: Vec<String> = Vec::new();
    // pulldown-cmark splits text at brackets; runs of text events are
    // joined back, with where each run starts in the body.
    let mut run = String::new();
    let mut run_starts: Vec<(usize, usize)> = Vec::new();
    let mut flush = |run: &mut String, starts: &mut Vec<(usize, usize)>| {
        let mut from = 0;
        while let Some(open) = run[from..].find("[^").map(|i| from + i) {
            let rest = &run[open + 2..];
            let Some(close) = rest.find(']') else { break };
            let label = &rest[..close];
            from = open + 2 + close;
            if label.is_empty() || label.contains(char::is_whitespace) {
                continue;
            }
            if seen.iter().any(|s| s == label) {
                continue;
            }
            seen.push(label.to_owned());
            // Back from the joined text to the body: the run it fell in.
            let offset = starts
                .iter()
                .rev()
                .find(|(in_run, _)| *in_run <= open)
                .map_or(0, |(in_run, in_body)| in_body + (open - in_run));
            let pos = source
                .file
                .pos_of_offset(source.body_start + offset, label.chars().count() + 3);
            diagnostics.push(
                Diagnostic::at(
                    Severity::Warning,
                    &source.file,
                    pos,
                    format!("footnotes are not supported: `[^{label}]` is shown on the page as it is written"),
                )
                .with_help("write the note inline, in parentheses or as a sentence of its own"),
            );
        }
        run.clear();
        starts.clear();
    };
    for (event, range) in article::parser(body).into_offset_iter() {
        match event {
            Event::Text(text) => {
                run_starts.push((run.len(), range.start));
                run.push_str(&text);
            }
            _ => flush(&mut run, &mut run_starts),
        }
    }
    flush(&mut run, &mut run_starts);
}
