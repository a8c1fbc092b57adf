//! Characters an editor cannot see but the page obeys: direction controls
//! that turn the text after them around (the template's own words
//! included), control characters no web page or JSON file should carry,
//! and invisible format characters that keep a name from matching the
//! article while its warning looks like every other. Each is reported with
//! its code point, where it stands.

use std::ops::Range;

use pulldown_cmark::Event;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::load::{ArticleSource, FactsSource, Node, TranslationSource, Value};
use crate::source::{Pos, SourceFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hazard {
    /// Embeddings, overrides and isolates: they reorder what follows.
    Direction,
    /// C0 (but tab and line feed), DEL and C1.
    Control,
    /// Format characters that show nothing, and the soft hyphen.
    Invisible,
}

fn hazard(c: char) -> Option<Hazard> {
    match c {
        '\t' | '\n' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some(Hazard::Control),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(Hazard::Direction),
        // Joiners (U+200C, U+200D) are left alone: Persian, the Indic
        // scripts and emoji need them.
        '\u{ad}'
        | '\u{61c}'
        | '\u{180e}'
        | '\u{200b}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0001}'
        | '\u{e0020}'..='\u{e007f}' => Some(Hazard::Invisible),
        _ => None,
    }
}

/// Whether `text` holds a character reported here: other checks then say
/// nothing of it (a name holding one is "never named", which adds nothing).
pub fn is_flagged(text: &str) -> bool {
    // Every string of the story passes through here. Only a few bytes can
    // start a reported character: ASCII controls, and the lead bytes of the
    // ranges `hazard` lists; the character is decoded only there.
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(at, &b)| match b {
        b'\t' | b'\n' => false,
        0x00..=0x1f | 0x7f => true,
        0xc2 | 0xd8 | 0xe1 | 0xe2 | 0xef | 0xf0 | 0xf3 => text[at..]
            .chars()
            .next()
            .is_some_and(|c| hazard(c).is_some()),
        _ => false,
    })
}

/// `U+202E RIGHT-TO-LEFT OVERRIDE`, or just the code point for the rarer ones.
fn describe(c: char) -> String {
    let name = match c {
        '\u{0}' => "NULL",
        '\u{d}' => "CARRIAGE RETURN",
        '\u{1b}' => "ESCAPE",
        '\u{ad}' => "SOFT HYPHEN",
        '\u{61c}' => "ARABIC LETTER MARK",
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{200e}' => "LEFT-TO-RIGHT MARK",
        '\u{200f}' => "RIGHT-TO-LEFT MARK",
        '\u{2060}' => "WORD JOINER",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => "",
    };
    let code = format!("U+{:04X}", u32::from(c));
    if name.is_empty() {
        code
    } else {
        format!("{code} {name}")
    }
}

fn diagnostic(file: &SourceFile, pos: Pos, c: char, hazard: Hazard, what: &str) -> Diagnostic {
    let code = describe(c);
    let (severity, message, help) = match hazard {
        Hazard::Direction => (
            Severity::Error,
            format!("{what} holds {code}, which turns the text after it around on the page"),
            "delete it (most editors do not show it); a name in a right-to-left script needs no such character, and `lang` tells the page its language",
        ),
        Hazard::Control => (
            Severity::Error,
            format!("{what} holds {code}, a control character"),
            "delete it: control characters are not allowed in a web page, and most editors do not show them",
        ),
        Hazard::Invisible => (
            Severity::Warning,
            format!("{what} holds {code}, an invisible character"),
            "delete it unless it is meant: readers cannot see it, and a name or quote holding it does not match the article's words",
        ),
    };
    Diagnostic::at(severity, file, pos, message).with_help(help)
}

/// Every string in the facts file.
pub fn check_facts(source: &FactsSource, diagnostics: &mut Diagnostics) {
    check_tree(
        &source.file,
        &source.root,
        What::Document(crate::load::facts_file::short_name(&source.file)),
        diagnostics,
    );
}

/// Every value of an `i18n/` file: the page prints them around the story's
/// own words (`quote_open` before every quote), so a direction control in
/// one turns every quote around.
pub fn check_translation(source: &TranslationSource, diagnostics: &mut Diagnostics) {
    check_tree(
        &source.file,
        &source.root,
        What::Document("the translation"),
        diagnostics,
    );
}

/// The front matter's strings, and the Markdown body. The body may hold
/// invisible characters (soft hyphens and zero-width spaces break long
/// words on narrow screens), but not direction or control characters.
pub fn check_article(source: &ArticleSource, diagnostics: &mut Diagnostics) {
    check_tree(
        &source.file,
        &source.front_matter,
        What::Document("the front matter"),
        diagnostics,
    );
    let body = source.body();
    let serious = |c: char| matches!(hazard(c), Some(Hazard::Direction | Hazard::Control));
    let scanned = if is_flagged(body) { body } else { "" };
    for (at, c) in scanned.char_indices().filter(|&(_, c)| serious(c)) {
        let pos = source.file.pos_of_offset(source.body_start + at, 1);
        if let Some(kind) = hazard(c) {
            diagnostics.push(diagnostic(&source.file, pos, c, kind, "the article"));
        }
    }
    for (c, range) in from_references(body) {
        if serious(c) {
            let pos = source
                .file
                .pos_of_offset(source.body_start + range.start, range.len());
            if let Some(kind) = hazard(c) {
                diagnostics.push(diagnostic(&source.file, pos, c, kind, "the article"));
            }
        }
    }
}

/// A transcript's text: its words are shown on the transcript's page, so a
/// direction or control character is refused there as in the article.
pub fn check_transcript(file: &SourceFile, diagnostics: &mut Diagnostics) {
    if !is_flagged(&file.text) {
        return;
    }
    for (at, c) in file.text.char_indices() {
        if let Some(kind @ (Hazard::Direction | Hazard::Control)) = hazard(c) {
            let pos = file.pos_of_offset(at, 1);
            diagnostics.push(diagnostic(file, pos, c, kind, "the transcript"));
        }
    }
}

/// Characters Markdown makes from character references (`&#x202E;`), with
/// the reference's place, so that no one writes one in by the back door.
fn from_references(markdown: &str) -> Vec<(char, Range<usize>)> {
    let mut found = Vec::new();
    if !markdown.contains("&#") {
        return found;
    }
    for (event, range) in crate::article::parser(markdown).into_offset_iter() {
        if let Event::Text(text) = event {
            let raw = &markdown[range.clone()];
            if !raw.contains("&#") {
                continue;
            }
            for c in text.chars().filter(|&c| hazard(c).is_some()) {
                if !raw.contains(c) {
                    found.push((c, range.clone()));
                }
            }
        }
    }
    found
}

/// The fields of facts.yaml that are Markdown, where `&#x202E;` becomes the
/// character itself (elsewhere it is shown as written).
const MARKDOWN_FIELDS: &[&str] = &["summary", "context", "takeaways", "known", "unknown"];

/// What a string belongs to, as a message names it: the file, or the field
/// (named only when something is found: formatting a name for each of a
/// large story's values took longer than the check itself).
#[derive(Clone, Copy)]
enum What<'a> {
    Document(&'a str),
    Field(&'a str),
}

impl std::fmt::Display for What<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            What::Document(name) => f.write_str(name),
            What::Field(key) => write!(f, "`{key}`"),
        }
    }
}

fn check_tree(file: &SourceFile, node: &Node, what: What, diagnostics: &mut Diagnostics) {
    match &node.value {
        Value::Str(text) => {
            let markdown = matches!(what, What::Field(key) if MARKDOWN_FIELDS.contains(&key));
            if markdown {
                for (c, _) in from_references(text) {
                    if let Some(kind) = hazard(c) {
                        let what = what.to_string();
                        diagnostics.push(diagnostic(file, node.pos, c, kind, &what));
                    }
                }
            }
            if is_flagged(text) {
                check_string(file, node.pos, text, &what.to_string(), diagnostics);
            }
        }
        Value::Seq(items) => {
            for item in items {
                check_tree(file, item, what, diagnostics);
            }
        }
        Value::Map(entries) => {
            for (key, value) in entries {
                check_tree(file, value, What::Field(&key.name), diagnostics);
            }
        }
        _ => {}
    }
}

/// Points at each character where the file has it; a character written as
/// an escape (`"\u202E"`) is pointed at by its whole value.
fn check_string(
    file: &SourceFile,
    pos: Pos,
    text: &str,
    what: &str,
    diagnostics: &mut Diagnostics,
) {
    let start = file.offset_of(pos);
    let written: &str = {
        let rest = &file.text[start..];
        let end = rest
            .char_indices()
            .nth(pos.width.max(1) as usize)
            .map_or(rest.len(), |(i, _)| i);
        &rest[..end]
    };
    // Occurrences of each character already pointed at, so the second one
    // is found after the first.
    let mut searched_from: Vec<(char, usize)> = Vec::new();
    for c in text.chars() {
        let Some(kind) = hazard(c) else {
            continue;
        };
        let from = searched_from
            .iter()
            .find(|(seen, _)| *seen == c)
            .map_or(0, |(_, at)| *at);
        let found = written.get(from..).and_then(|rest| rest.find(c));
        let at = match found {
            Some(at) => {
                let at = from + at;
                let next = at + c.len_utf8();
                match searched_from.iter_mut().find(|(seen, _)| *seen == c) {
                    Some(entry) => entry.1 = next,
                    None => searched_from.push((c, next)),
                }
                file.pos_of_offset(start + at, 1)
            }
            None => pos,
        };
        diagnostics.push(diagnostic(file, at, c, kind, what));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_flags_exactly_what_hazard_names() {
        // Every code point of the Basic Multilingual Plane, and the planes'
        // ranges that hold reported characters, each alone and in a word.
        let candidates = (0u32..0x1_0000)
            .chain(0x1d100..0x1d200)
            .chain(0xe0000..0xe0100)
            .filter_map(char::from_u32);
        for c in candidates {
            let expected = hazard(c).is_some();
            assert_eq!(is_flagged(&c.to_string()), expected, "U+{:04X}", c as u32);
            assert_eq!(
                is_flagged(&format!("ab{c}“d")),
                expected,
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn each_kind_is_told_apart() {
        assert_eq!(hazard('\u{202e}'), Some(Hazard::Direction));
        assert_eq!(hazard('\u{2069}'), Some(Hazard::Direction));
        assert_eq!(hazard('\u{7}'), Some(Hazard::Control));
        assert_eq!(hazard('\u{85}'), Some(Hazard::Control));
        assert_eq!(hazard('\u{200b}'), Some(Hazard::Invisible));
        for fine in ['\t', '\n', 'a', 'é', '\u{200d}', '\u{200c}', ' ', '\u{a0}'] {
            assert_eq!(hazard(fine), None, "{fine:?}");
        }
        assert_eq!(describe('\u{202e}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
        assert_eq!(describe('\u{7}'), "U+0007");
    }

    #[test]
    fn references_are_caught_but_literal_characters_are_left_to_the_scan() {
        let found = from_references("a &#x202E; b\n\n`&#x202E;`\n");
        assert_eq!(found, [('\u{202e}', 2..10)]);
        assert!(from_references("plain \u{202e}").is_empty());
    }
}
