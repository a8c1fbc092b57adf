//! One Unicode form for every text the build reads. The same "é" can be
//! one character (NFC, what most keyboards and CMSs write) or an "e"
//! followed by a combining accent (NFD, what macOS and many copy-pastes
//! produce); an article in one and facts in the other would fail every
//! accented quote and leave accented names unlinked. Everything is read
//! into NFC, so quotes and names compare equal, and the page is NFC too.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// `text` in NFC, keeping its buffer when it already is (nearly always,
/// and a story's files can be tens of megabytes).
pub fn nfc(text: String) -> String {
    if is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    }
}

/// The same for borrowed text, copying only when it must change.
pub fn nfc_str(text: &str) -> std::borrow::Cow<'_, str> {
    if is_nfc(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

/// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt):
/// characters a renderer shows nothing for when it cannot handle them, so
/// a font without them lacks nothing. Variation selectors (the U+FE0F of
/// every emoji typed on a phone), joiners and tags among them.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

fn is_nfc(text: &str) -> bool {
    text.is_ascii()
        || match is_nfc_quick(text.chars()) {
            IsNormalized::Yes => true,
            IsNormalized::No => false,
            IsNormalized::Maybe => unicode_normalization::is_nfc(text),
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_joiners_and_tags_are_ignorable_and_letters_are_not() {
        for c in [
            '\u{FE0F}',
            '\u{FE00}',
            '\u{200D}',
            '\u{E0100}',
            '\u{E01EF}',
            '\u{E0020}',
            '\u{E007F}',
            '\u{AD}',
        ] {
            assert!(is_default_ignorable(c), "U+{:04X}", u32::from(c));
        }
        for c in ['a', 'ᚠ', '\u{FE10}', '\u{1F600}', ' ', '\u{E1000}'] {
            assert!(!is_default_ignorable(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn decomposed_text_is_composed_and_composed_text_kept() {
        assert_eq!(nfc("Ine\u{302}s".to_owned()), "Inês");
        assert_eq!(nfc("Inês".to_owned()), "Inês");
        assert_eq!(nfc_str("Zoe\u{308}"), "Zoë");
        assert!(matches!(nfc_str("plain"), std::borrow::Cow::Borrowed(_)));
        // Line breaks never combine, so lines stay where they were.
        assert_eq!(nfc("a\n\u{301}b".to_owned()).lines().count(), 2);
    }
}
