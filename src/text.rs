//! Text rules that several stages share: slugs, and shortening text for a
//! message or a teaser.

/// Which letters a slug keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Letters {
    /// ASCII letters and digits only: the form of an id a person types in
    /// facts.yaml, so suggestions for one are ids they could write.
    Ascii,
    /// Letters and digits of any script: generated anchors (headings,
    /// groups) in any language.
    Any,
}

/// Lowercase letters and digits joined by single hyphens.
pub fn slug(text: &str, letters: Letters) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let keep = match letters {
            Letters::Ascii => c.is_ascii_alphanumeric(),
            Letters::Any => c.is_alphanumeric(),
        };
        if keep {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(out.trim_end_matches('-').len());
    out
}

/// Whether `text` is already what [`slug`] with [`Letters::Ascii`] makes:
/// the form every id in facts.yaml takes.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && slug(text, Letters::Ascii) == text
}

/// Where [`shorten`] may cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// At any character: a diagnostic quoting the text it is about.
    Anywhere,
    /// After a whole word, trailing punctuation dropped: a teaser a reader
    /// sees.
    AfterWord,
}

/// At most `max` characters of `text`, and `…` when something was left out.
pub fn shorten(text: &str, max: usize, cut: Cut) -> String {
    let Some((end, _)) = text.char_indices().nth(max) else {
        return text.to_owned();
    };
    let head = &text[..end];
    let kept = match cut {
        Cut::Anywhere => head,
        Cut::AfterWord => head
            .rfind(char::is_whitespace)
            .map_or(head, |i| &head[..i])
            .trim_end_matches(|c: char| c.is_whitespace() || ",;:".contains(c)),
    };
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Prince Faisal bin Farhan Al Saud", Letters::Ascii),
            "prince-faisal-bin-farhan-al-saud"
        );
        assert_eq!(slug("  Who’s who?  ", Letters::Ascii), "who-s-who");
        assert_eq!(slug("Zoë Ĺ 李小龙", Letters::Ascii), "zo");
        assert_eq!(slug("Zoë 李小龙", Letters::Any), "zoë-李小龙");
    }

    #[test]
    fn ids_are_slugs() {
        assert!(is_slug("marco-rubio-2"));
        for bad in ["", "Marco_Rubio", "-x", "x-", "a--b", "zoë"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn shortening_cuts_where_asked() {
        assert_eq!(shorten("short", 10, Cut::AfterWord), "short");
        assert_eq!(shorten("exactly ten", 11, Cut::Anywhere), "exactly ten");
        assert_eq!(shorten("abcdefghij", 4, Cut::Anywhere), "abcd…");
        assert_eq!(
            shorten("We agreed, broadly, to talk again", 20, Cut::AfterWord),
            "We agreed, broadly…"
        );
        assert_eq!(
            shorten("Дипломаты встретились", 12, Cut::Anywhere),
            "Дипломаты вс…"
        );
    }
}
