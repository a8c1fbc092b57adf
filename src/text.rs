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

/// Lowercase letters and digits joined by single hyphens. For
/// [`Letters::Ascii`], Latin letters lose their accents first (`Hélène` →
/// `helene`, `Łódź` → `lodz`, `Straße` → `strasse`), so that a name's id
/// still reads as the name; other scripts have no ASCII form and fall out.
pub fn slug(text: &str, letters: Letters) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    let mut push = |c: char| {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    };
    match letters {
        Letters::Any => text.chars().flat_map(char::to_lowercase).for_each(push),
        Letters::Ascii => {
            for c in text.nfd().flat_map(char::to_lowercase) {
                if unicode_normalization::char::is_combining_mark(c) {
                    continue;
                }
                match latin_without_accent(c) {
                    Some(plain) => plain.chars().for_each(&mut push),
                    None if c.is_ascii_alphanumeric() => push(c),
                    None if c.is_alphanumeric() => {}
                    None => push(' '),
                }
            }
        }
    }
    out.truncate(out.trim_end_matches('-').len());
    out
}

/// The Latin letters that decomposing leaves whole, as ASCII.
fn latin_without_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        'ħ' => "h",
        _ => return None,
    })
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
        assert_eq!(slug("Zoë Ĺ 李小龙", Letters::Ascii), "zoe-l");
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
    fn ascii_slugs_keep_latin_letters_without_their_accents() {
        assert_eq!(
            slug("Marie-Hélène de Villiers", Letters::Ascii),
            "marie-helene-de-villiers"
        );
        assert_eq!(slug("Łukasz Straße", Letters::Ascii), "lukasz-strasse");
        assert_eq!(slug("Zoë Ørsted", Letters::Ascii), "zoe-orsted");
        // Other scripts have no ASCII form.
        assert_eq!(slug("Li 李 Wei", Letters::Ascii), "li-wei");
        assert_eq!(slug("Hélène", Letters::Any), "hélène");
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
