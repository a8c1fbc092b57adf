//! The words the page adds around the story, its direction and its dates,
//! in the article's language.
//!
//! Shared by the stages that need it (validate checks a story's own
//! translations against the keys here; render takes its words and dates from
//! a [`Locale`]); it imports no stage. The built-in translations are the YAML
//! files in `locales/`, compiled in; English (`en.yaml`) is the reference
//! that names every key.

mod dates;
mod tag;

use std::collections::{BTreeMap, HashMap};

pub use dates::{DateFormats, MonthWords};
pub use tag::{is_language_tag, suggest_tag};

/// The built-in translations, by language tag.
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../../locales/en.yaml")),
    ("ar", include_str!("../../locales/ar.yaml")),
    ("de", include_str!("../../locales/de.yaml")),
    ("es", include_str!("../../locales/es.yaml")),
    ("fa", include_str!("../../locales/fa.yaml")),
    ("fr", include_str!("../../locales/fr.yaml")),
    ("he", include_str!("../../locales/he.yaml")),
    ("it", include_str!("../../locales/it.yaml")),
    ("ja", include_str!("../../locales/ja.yaml")),
    ("nl", include_str!("../../locales/nl.yaml")),
    ("pl", include_str!("../../locales/pl.yaml")),
    ("pt", include_str!("../../locales/pt.yaml")),
    ("ru", include_str!("../../locales/ru.yaml")),
    ("tr", include_str!("../../locales/tr.yaml")),
    ("uk", include_str!("../../locales/uk.yaml")),
    ("zh-Hans", include_str!("../../locales/zh-Hans.yaml")),
];

/// The language every lookup ends in.
pub const FALLBACK: &str = "en";

/// CLDR's plural categories, in the order it lists them.
const PLURAL_FORMS: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// A story's own words for one language, from `i18n/<lang>.yaml`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub lang: String,
    pub words: Vec<(String, String)>,
}

/// A site's words under a story's own: for each language either has, the
/// story's keys over the site's. The site's languages come first, in its
/// order, then the story's others.
pub fn layered(site: &[Translation], story: &[Translation]) -> Vec<Translation> {
    let mut layered: Vec<Translation> = site.to_vec();
    for own in story {
        match layered.iter_mut().find(|t| t.lang == own.lang) {
            Some(under) => {
                for (key, word) in &own.words {
                    match under.words.iter_mut().find(|(k, _)| k == key) {
                        Some(entry) => entry.1.clone_from(word),
                        None => under.words.push((key.clone(), word.clone())),
                    }
                }
            }
            None => layered.push(own.clone()),
        }
    }
    layered
}

/// Every key a translation may set: the English file's keys, and for a
/// count (`js_quotes_other`) each of its plural forms.
pub fn keys() -> Vec<String> {
    let mut keys = Vec::new();
    for key in parse_built_in(BUILT_IN[0].1).into_keys() {
        match key.strip_suffix("_other") {
            Some(stem) => keys.extend(PLURAL_FORMS.iter().map(|form| format!("{stem}_{form}"))),
            None => keys.push(key),
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The placeholders (`{authors}`) the English value of `key` has; a
/// translation must keep them, or the page would lose what they stand for.
pub fn placeholders(key: &str) -> Vec<String> {
    let english = parse_built_in(BUILT_IN[0].1);
    let reference = english.get(key).or_else(|| {
        // `js_quotes_few` has the placeholders of `js_quotes_other`.
        let stem = PLURAL_FORMS
            .iter()
            .find_map(|form| key.strip_suffix(&format!("_{form}")[..]))?;
        english.get(&format!("{stem}_other"))
    });
    reference.map(|v| placeholders_in(v)).unwrap_or_default()
}

/// A plural form other than `_other` (`js_quotes_one`): one a language may
/// lack, and one that may spell its number out (`تصريح واحد`).
pub fn is_plural_form(key: &str) -> bool {
    PLURAL_FORMS[..5]
        .iter()
        .any(|form| key.ends_with(&format!("_{form}")[..]))
}

pub fn placeholders_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        found.push(rest[open..open + close + 1].to_owned());
        rest = &rest[open + close + 1..];
    }
    found
}

/// The tags a lookup for `tag` tries, most specific first, before English:
/// `pt-BR` → `pt-BR`, `pt`, `pt-Latn`; the language's likely script comes
/// last, so that `zh` finds the Simplified Chinese file `zh-Hans` and
/// `zh-TW` (likely `zh-Hant`) never does. A script the rest of the tag
/// implies may be left out: `zh-Hant-TW` finds `zh-TW`, but `sr-Latn-RS`
/// never finds the Cyrillic `sr-RS`. A tag with extensions (`-u-nu-latn`)
/// or private use (`en-x-house`, `x-klingon`) is first looked up whole,
/// since a file named for it is its own; then without them, as they change
/// the dates, not the words.
pub fn fallback_chain(tag: &str) -> Vec<String> {
    let mut subtags: Vec<&str> = Vec::new();
    for subtag in tag.split('-') {
        if subtag.len() == 1 {
            break;
        }
        subtags.push(subtag);
    }
    let mut chain: Vec<String> = Vec::new();
    if subtags.len() < tag.split('-').count() {
        chain.push(tag.to_owned());
    }
    for n in (1..=subtags.len()).rev() {
        chain.push(subtags[..n].join("-"));
        let script = subtags.get(1).filter(|s| s.len() == 4);
        if let Some(script) = script.filter(|_| n > 2) {
            let mut without = subtags[..n].to_vec();
            without.remove(1);
            let without = without.join("-");
            let implied = tag::likely_script(&without)
                .is_some_and(|likely| likely.eq_ignore_ascii_case(script));
            if implied {
                chain.push(without);
            }
        }
    }
    if let (Some(language), Some(script)) = (subtags.first(), tag::likely_script(tag)) {
        let with_script = format!("{language}-{script}");
        if !chain.iter().any(|t| t.eq_ignore_ascii_case(&with_script)) {
            chain.push(with_script);
        }
    }
    chain
}

/// Whether the story's words for `tag` come from a translation (built in
/// or the story's own) rather than from English alone.
pub fn is_translated(tag: &str, translations: &[Translation]) -> bool {
    fallback_chain(tag)
        .iter()
        .any(|t| find_built_in(t).is_some() || find_story(t, translations).is_some())
}

fn find_built_in(tag: &str) -> Option<&'static str> {
    BUILT_IN
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(tag))
        .map(|(_, text)| *text)
}

fn find_story<'t>(tag: &str, translations: &'t [Translation]) -> Option<&'t Translation> {
    translations
        .iter()
        .find(|t| t.lang.eq_ignore_ascii_case(tag))
}

/// A built-in file as key → value. The files are this crate's own and a
/// unit test parses each, so an error cannot reach a user; were one to,
/// the lookup falls through to the next language rather than fail.
fn parse_built_in(text: &str) -> BTreeMap<String, String> {
    serde_saphyr::from_str(text).unwrap_or_default()
}

/// Left to right or right to left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// The direction of a text by its first letter (the first strong character,
/// in Unicode's bidirectional algorithm): a name or quote in Arabic or
/// Hebrew script is right to left whatever the page's language. `None` for
/// text without letters.
pub fn text_direction(text: &str) -> Option<Direction> {
    text.chars().find_map(|c| {
        let rtl = matches!(c,
            '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
            | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}');
        if rtl {
            Some(Direction::Rtl)
        } else if c.is_alphabetic() {
            Some(Direction::Ltr)
        } else {
            None
        }
    })
}

/// Everything the page needs to speak the article's language.
pub struct Locale {
    /// The article's `lang`, as written.
    pub tag: String,
    pub direction: Direction,
    words: HashMap<String, String>,
    pub dates: DateFormats,
}

impl Locale {
    /// The words for `tag`: each key from the first of the story's
    /// translations and the built-in ones along [`fallback_chain`], then
    /// the story's English, then the built-in English.
    pub fn new(tag: &str, translations: &[Translation]) -> Self {
        let mut words: HashMap<String, String> = HashMap::new();
        let mut chain = fallback_chain(tag);
        chain.push(FALLBACK.to_owned());
        // From the least specific up, so that a more specific value
        // replaces a general one, and at each step the story's own words
        // replace the built-in ones.
        for lang in chain.iter().rev() {
            if let Some(text) = find_built_in(lang) {
                words.extend(parse_built_in(text));
            }
            if let Some(story) = find_story(lang, translations) {
                words.extend(story.words.iter().cloned());
            }
        }
        // A page with English words gets English dates: a Swedish date
        // between English labels would read as a mistake.
        let date_tag = if is_translated(tag, translations) {
            tag
        } else {
            FALLBACK
        };
        Locale {
            tag: tag.to_owned(),
            direction: tag::direction(tag),
            words,
            dates: DateFormats::new(date_tag),
        }
    }

    /// The word for `key`; a key no file has comes back as itself, which a
    /// test of the built-in files rules out for every key the page uses.
    pub fn word<'a>(&'a self, key: &'a str) -> &'a str {
        self.words.get(key).map_or(key, String::as_str)
    }

    /// The word for `key` with `{name}` replaced by `value`.
    pub fn fill(&self, key: &str, name: &str, value: &str) -> String {
        self.word(key).replace(&format!("{{{name}}}")[..], value)
    }

    /// Every word, for the templates (`t.whos_who`).
    pub fn words(&self) -> BTreeMap<&str, &str> {
        self.words
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    /// The words explainer.js uses (the `js_` keys, without the prefix).
    pub fn script_words(&self) -> BTreeMap<&str, &str> {
        // Sorted, so the page's bytes do not depend on the hash order.
        self.words
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().strip_prefix("js_")?, v.as_str())))
            .collect()
    }

    /// "A", "A and B", "A, B and C", as the language joins a list.
    pub fn join_list(&self, items: &[String]) -> Option<String> {
        match items {
            [] => None,
            [one] => Some(one.clone()),
            [init @ .., last] => Some(format!(
                "{}{}{last}",
                init.join(self.word("list_comma")),
                self.word("list_and")
            )),
        }
    }

    /// The `dir` a name or quote needs to be isolated from the text around
    /// it: set only when its direction is not the page's, so a Latin name
    /// in an Arabic page keeps its punctuation where it belongs.
    pub fn isolate(&self, text: &str) -> Option<String> {
        text_direction(text)
            .filter(|&d| d != self.direction)
            .map(|d| d.as_str().to_owned())
    }

    /// `og:locale`: language and territory with an underscore (`fr_FR`).
    pub fn og_locale(&self) -> Option<String> {
        tag::og_locale(&self.tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_s_words_lie_over_its_site_s() {
        let words = |lang: &str, pairs: &[(&str, &str)]| Translation {
            lang: lang.to_owned(),
            words: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        };
        let site = [words(
            "fr",
            &[("kicker", "Décryptage"), ("updated", "Mis à jour")],
        )];
        let story = [
            words("fr", &[("kicker", "L'essentiel")]),
            words("sv", &[("kicker", "Förklaring")]),
        ];
        let layered = layered(&site, &story);
        let fr = Locale::new("fr", &layered);
        assert_eq!(fr.word("kicker"), "L'essentiel");
        assert_eq!(fr.word("updated"), "Mis à jour");
        assert_eq!(Locale::new("sv", &layered).word("kicker"), "Förklaring");
    }

    #[test]
    fn every_built_in_file_parses_with_known_keys_and_lacks_none() {
        let keys = keys();
        let english = parse_built_in(BUILT_IN[0].1);
        assert!(english.len() > 40);
        for (tag, text) in BUILT_IN {
            let words: BTreeMap<String, String> =
                serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{tag}: {e}"));
            for (key, value) in &words {
                assert!(keys.contains(key), "{tag}: unknown key {key}");
                assert!(!value.trim().is_empty(), "{tag}: {key} is empty");
                let want = placeholders(key);
                let have = placeholders_in(value);
                assert!(have.iter().all(|p| want.contains(p)), "{tag}: {key}");
                if !is_plural_form(key) {
                    assert!(want.iter().all(|p| have.contains(p)), "{tag}: {key}");
                }
            }
            for key in english.keys() {
                assert!(
                    is_plural_form(key) || words.contains_key(key),
                    "{tag} lacks {key}"
                );
            }
        }
    }

    #[test]
    fn lookups_fall_back_from_region_to_language_to_english() {
        assert_eq!(fallback_chain("pt-BR"), ["pt-BR", "pt", "pt-Latn"]);
        assert_eq!(fallback_chain("zh-TW"), ["zh-TW", "zh", "zh-Hant"]);
        assert_eq!(fallback_chain("zh"), ["zh", "zh-Hans"]);
        assert_eq!(
            fallback_chain("ar-u-nu-latn"),
            ["ar-u-nu-latn", "ar", "ar-Arab"]
        );
        assert_eq!(
            fallback_chain("zh-Hant-TW"),
            ["zh-Hant-TW", "zh-TW", "zh-Hant", "zh"]
        );
        assert_eq!(
            fallback_chain("sr-Latn-RS"),
            ["sr-Latn-RS", "sr-Latn", "sr"]
        );
        assert_eq!(fallback_chain("x-klingon"), ["x-klingon"]);
        assert_eq!(
            fallback_chain("en-x-house"),
            ["en-x-house", "en", "en-Latn"]
        );
        let story = [Translation {
            lang: "pt-BR".into(),
            words: vec![("kicker".into(), "Explica".into())],
        }];
        let brazil = Locale::new("pt-BR", &story);
        assert_eq!(brazil.word("kicker"), "Explica");
        assert_eq!(brazil.word("whos_who"), "Quem é quem");
        let portugal = Locale::new("pt-PT", &story);
        assert_eq!(portugal.word("kicker"), "Entenda");
        assert!(!is_translated("zh-Hant", &[]));
        assert_eq!(Locale::new("zh-Hant", &[]).word("whos_who"), "Who’s who");
        assert_eq!(Locale::new("zh-CN", &[]).word("whos_who"), "相关人物");
        let swedish = [Translation {
            lang: "sv".into(),
            words: vec![("whos_who".into(), "Vem är vem".into())],
        }];
        let sv = Locale::new("sv-SE", &swedish);
        assert_eq!(sv.word("whos_who"), "Vem är vem");
        assert_eq!(sv.word("kicker"), "Explainer");
    }

    #[test]
    fn lists_join_as_the_language_does() {
        let names = ["A".to_owned(), "B".to_owned(), "C".to_owned()];
        assert_eq!(
            Locale::new("en", &[]).join_list(&names).unwrap(),
            "A, B and C"
        );
        assert_eq!(Locale::new("ar", &[]).join_list(&names).unwrap(), "A، B وC");
        assert_eq!(Locale::new("ja", &[]).join_list(&names).unwrap(), "A、B、C");
        assert_eq!(Locale::new("fr", &[]).join_list(&names[..1]).unwrap(), "A");
    }

    #[test]
    fn right_to_left_languages_and_scripts() {
        for rtl in [
            "ar", "he", "fa", "ur", "ar-EG", "az-Arab", "yi", "ps", "ckb",
        ] {
            assert_eq!(Locale::new(rtl, &[]).direction, Direction::Rtl, "{rtl}");
        }
        for ltr in [
            "en",
            "fr",
            "az",
            "zh-Hans",
            "x-klingon",
            "i-klingon",
            "sr-Latn",
        ] {
            assert_eq!(Locale::new(ltr, &[]).direction, Direction::Ltr, "{ltr}");
        }
    }

    #[test]
    fn only_text_in_the_other_direction_is_isolated() {
        let arabic = Locale::new("ar", &[]);
        let english = Locale::new("en", &[]);
        assert_eq!(arabic.isolate("Marco Rubio").as_deref(), Some("ltr"));
        assert_eq!(arabic.isolate("«ماركو روبيو»"), None);
        assert_eq!(english.isolate("“יאיר לפיד”").as_deref(), Some("rtl"));
        assert_eq!(english.isolate("Sergey Lavrov"), None);
        assert_eq!(english.isolate("2025"), None);
    }

    #[test]
    fn og_locale_has_language_and_territory() {
        assert_eq!(Locale::new("fr", &[]).og_locale().as_deref(), Some("fr_FR"));
        assert_eq!(Locale::new("en", &[]).og_locale().as_deref(), Some("en_US"));
        assert_eq!(
            Locale::new("pt-BR", &[]).og_locale().as_deref(),
            Some("pt_BR")
        );
        assert_eq!(Locale::new("ar", &[]).og_locale().as_deref(), Some("ar_EG"));
    }
}
