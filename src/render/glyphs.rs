//! The characters a drawn card shows as empty boxes, told where the editor
//! wrote them: a quote's at its `text:` in the facts, the story's title at
//! `title:` in the front matter, rather than at the article as a whole.

use super::card_data::CardText;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::WrittenAt;
use crate::source::Location;

/// One warning for each of the card's texts that holds a character no font
/// has, and one for those in none of them (the page's own words).
pub fn missing(path: &str, missing: &[char], texts: &[CardText]) -> Vec<Diagnostic> {
    // A cache entry written before ignorable characters were left out may
    // still list them.
    let missing: Vec<char> = missing
        .iter()
        .copied()
        .filter(|&c| !crate::unicode::is_default_ignorable(c))
        .collect();
    let mut groups: Vec<(Option<usize>, Vec<char>)> = Vec::new();
    for c in missing {
        let text = texts
            .iter()
            .position(|t| t.at.is_some() && t.text.contains(c));
        match groups.iter_mut().find(|(t, _)| *t == text) {
            Some((_, chars)) => chars.push(c),
            None => groups.push((text, vec![c])),
        }
    }
    groups
        .into_iter()
        .map(|(text, chars)| match text.map(|i| &texts[i]) {
            Some(CardText {
                what, at: Some(at), ..
            }) => located(path, what, at, &chars),
            _ => unlocated(path, &chars),
        })
        .collect()
}

/// The same warning for the same text, whichever card it came from.
pub fn same(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.file == b.file && a.location == b.location && a.message == b.message
}

fn located(path: &str, what: &str, at: &WrittenAt, chars: &[char]) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        file: at.file.to_owned(),
        location: Some(at_first(&at.location, chars)),
        message: format!(
            "{what} has {}, which no font the build ships has: the share cards draw {} as an empty box",
            named(chars),
            it_or_them(chars)
        ),
        help: Some(help().to_owned()),
        notes: vec![format!("seen on {path}")],
    }
}

fn unlocated(path: &str, chars: &[char]) -> Diagnostic {
    Diagnostic::file_error(
        crate::load::ARTICLE_PATH,
        format!(
            "{path} shows {} as an empty box: no font the build ships has {}",
            named(chars),
            it_or_them(chars)
        ),
    )
    .with_severity(Severity::Warning)
    .with_note(
        "it is in the card's own words: the kicker, the date, the quotation marks or the publisher",
    )
    .with_help(help())
}

/// The value's place narrowed to the first of `chars` on its line, when it
/// is written there as it is (not escaped, not on a later line).
fn at_first(value: &Location, chars: &[char]) -> Location {
    let start = value.column.saturating_sub(1);
    let found = value
        .line_text
        .chars()
        .skip(start)
        .position(|c| chars.contains(&c));
    match found {
        Some(offset) => Location {
            column: value.column + offset,
            width: 1,
            ..value.clone()
        },
        None => value.clone(),
    }
}

fn named(chars: &[char]) -> String {
    let named: Vec<String> = chars
        .iter()
        .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
        .collect();
    named.join(", ")
}

fn it_or_them(chars: &[char]) -> &'static str {
    if chars.len() == 1 { "it" } else { "them" }
}

fn help() -> &'static str {
    "write the text without the character; the story's own card can be a picture of your own with `share_image`, a quote's card is always drawn"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line_text: &str, column: usize, width: usize) -> WrittenAt {
        WrittenAt {
            file: "content/facts.yaml",
            location: Location {
                line: 7,
                column,
                width,
                line_text: line_text.to_owned(),
            },
        }
    }

    #[test]
    fn each_text_is_told_at_its_character_and_the_rest_at_the_article() {
        let quote = at("    text: The ᚠ rune ไ", 11, 12);
        let title = at("title: Runes", 8, 5);
        let texts = [
            CardText {
                what: "the quote's text",
                text: "The ᚠ rune ไ",
                at: Some(&quote),
            },
            CardText {
                what: "the title",
                text: "Runes",
                at: Some(&title),
            },
        ];
        let warnings = missing(
            "embed/quote-a/card.png",
            &['ᚠ', 'ไ', '\u{FE0F}', '★'],
            &texts,
        );
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        let first = &warnings[0];
        assert_eq!(first.file, "content/facts.yaml");
        let location = first.location.as_ref().unwrap();
        assert_eq!((location.line, location.column, location.width), (7, 15, 1));
        assert!(
            first
                .message
                .starts_with("the quote's text has `ᚠ` (U+16A0), `ไ` (U+0E44)")
        );
        assert!(!first.message.contains("FE0F"));
        let second = &warnings[1];
        assert_eq!(second.file, "content/article.md");
        assert!(second.location.is_none());
        assert!(
            second.message.contains("`★` (U+2605)"),
            "{}",
            second.message
        );
    }

    #[test]
    fn only_ignorable_characters_give_no_warning() {
        assert!(
            missing(
                "share-card.png",
                &['\u{FE0F}', '\u{200D}', '\u{E0067}'],
                &[]
            )
            .is_empty()
        );
    }
}
