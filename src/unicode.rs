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
    fn decomposed_text_is_composed_and_composed_text_kept() {
        assert_eq!(nfc("Ine\u{302}s".to_owned()), "Inês");
        assert_eq!(nfc("Inês".to_owned()), "Inês");
        assert_eq!(nfc_str("Zoe\u{308}"), "Zoë");
        assert!(matches!(nfc_str("plain"), std::borrow::Cow::Borrowed(_)));
        // Line breaks never combine, so lines stay where they were.
        assert_eq!(nfc("a\n\u{301}b".to_owned()).lines().count(), 2);
    }
}
