//! Language tags: their form (RFC 5646), and what CLDR's likely subtags say
//! about them — the script they are written in, the territory a page in
//! them is most likely for, and so the direction.

use icu_locale::{LanguageIdentifier, Locale, LocaleDirectionality, LocaleExpander};

use super::Direction;

/// A BCP 47 language tag in form (RFC 5646): a language of two or three
/// letters (with up to three extended-language subtags), then an optional
/// script (four letters), region (two letters or three digits), variants,
/// extensions (`-u-nu-latn`) and private use (`-x-…`); or a private-use or
/// legacy tag (`x-klingon`, `i-klingon`). Case does not matter. `english`
/// is not a tag: languages of five to eight letters are reserved for
/// registration and none has been registered.
pub fn is_language_tag(tag: &str) -> bool {
    let subtags: Vec<&str> = tag.split('-').collect();
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let alnum = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let Some(&first) = subtags.first() else {
        return false;
    };
    let rest_is_private = |rest: &[&str]| {
        !rest.is_empty() && rest.iter().all(|s| (1..=8).contains(&s.len()) && alnum(s))
    };
    if first.eq_ignore_ascii_case("x") || first.eq_ignore_ascii_case("i") {
        return rest_is_private(&subtags[1..]);
    }
    if !(matches!(first.len(), 2 | 3) && alpha(first)) {
        return false;
    }
    let mut at = 1;
    let next = |at: usize| subtags.get(at).copied();
    // Extended language subtags only follow a two- or three-letter language.
    let mut extlangs = 0;
    while let Some(s) = next(at) {
        if extlangs < 3 && s.len() == 3 && alpha(s) {
            extlangs += 1;
            at += 1;
        } else {
            break;
        }
    }
    if next(at).is_some_and(|s| s.len() == 4 && alpha(s)) {
        at += 1;
    }
    if next(at).is_some_and(|s| (s.len() == 2 && alpha(s)) || (s.len() == 3 && digits(s))) {
        at += 1;
    }
    while next(at).is_some_and(|s| {
        alnum(s)
            && ((5..=8).contains(&s.len()) || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit()))
    }) {
        at += 1;
    }
    while let Some(s) = next(at) {
        if s.len() != 1 || !alnum(s) {
            break;
        }
        if s.eq_ignore_ascii_case("x") {
            return rest_is_private(&subtags[at + 1..]);
        }
        at += 1;
        let start = at;
        while next(at).is_some_and(|s| (2..=8).contains(&s.len()) && alnum(s)) {
            at += 1;
        }
        if at == start {
            return false;
        }
    }
    at == subtags.len()
}

/// A tag for what an editor wrote instead of one: `english` → `en`,
/// `en_GB` → `en-GB`.
pub fn suggest_tag(wrong: &str) -> Option<String> {
    const NAMES: &[(&str, &[&str])] = &[
        ("en", &["english"]),
        ("fr", &["french", "français", "francais"]),
        ("de", &["german", "deutsch"]),
        ("es", &["spanish", "español", "espanol", "castellano"]),
        ("pt", &["portuguese", "português", "portugues"]),
        ("it", &["italian", "italiano"]),
        ("nl", &["dutch", "nederlands"]),
        ("pl", &["polish", "polski"]),
        ("uk", &["ukrainian", "українська"]),
        ("ru", &["russian", "русский"]),
        ("tr", &["turkish", "türkçe", "turkce"]),
        ("ar", &["arabic", "العربية"]),
        ("he", &["hebrew", "עברית"]),
        ("fa", &["persian", "farsi", "فارسی"]),
        ("zh-Hans", &["chinese", "中文", "简体中文"]),
        ("ja", &["japanese", "日本語"]),
    ];
    let lower = wrong.trim().to_lowercase();
    if let Some((tag, _)) = NAMES
        .iter()
        .find(|(_, names)| names.contains(&lower.as_str()))
    {
        return Some((*tag).to_owned());
    }
    let dashed = wrong.trim().replace('_', "-");
    is_language_tag(&dashed).then_some(dashed)
}

fn identifier(tag: &str) -> Option<LanguageIdentifier> {
    Locale::try_from_str(tag).ok().map(|locale| locale.id)
}

fn maximized(tag: &str) -> Option<LanguageIdentifier> {
    let mut id = identifier(tag)?;
    LocaleExpander::new_extended().maximize(&mut id);
    Some(id)
}

/// The script a tag is most likely written in (`zh-TW` → `Hant`).
pub fn likely_script(tag: &str) -> Option<String> {
    maximized(tag)?.script.map(|s| s.as_str().to_owned())
}

/// Right to left for Arabic, Hebrew, Persian, Urdu and every other
/// language or script CLDR writes that way (`az-Arab` too).
pub fn direction(tag: &str) -> Direction {
    match identifier(tag) {
        Some(id) if LocaleDirectionality::new_extended().is_right_to_left(&id) => Direction::Rtl,
        _ => Direction::Ltr,
    }
}

/// `fr` → `fr_FR`, `pt-BR` → `pt_BR`: Open Graph's form.
pub fn og_locale(tag: &str) -> Option<String> {
    let id = maximized(tag)?;
    let region = id.region?;
    Some(format!("{}_{}", id.language.as_str(), region.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_in_form_and_not() {
        for good in [
            "en",
            "ru",
            "pt-BR",
            "zh-Hant-TW",
            "sr-Latn",
            "de-CH-1996",
            "x-klingon",
            "yue",
            "ar-u-nu-latn",
            "en-US-u-hc-h23",
            "es-419",
            "zh-yue-HK",
            "en-x-house",
            "i-klingon",
            "sl-rozaj-biske",
            "EN-gb",
        ] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "e",
            "e1",
            "en_US",
            "en-",
            "-en",
            "ru-",
            "12",
            "en-toolongsubtag",
            "fr fr",
            "english",
            "French",
            "en-u",
            "x",
            "en-US-u",
            "en--US",
            "de-1996-CH",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn names_and_underscores_get_a_tag() {
        assert_eq!(suggest_tag("english").as_deref(), Some("en"));
        assert_eq!(suggest_tag("Français").as_deref(), Some("fr"));
        assert_eq!(suggest_tag("en_GB").as_deref(), Some("en-GB"));
        assert_eq!(suggest_tag("klingonese"), None);
    }
}
