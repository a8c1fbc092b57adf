//! A story's own words for the page, `i18n/<lang>.yaml`: each file is for a
//! language tag, and sets only keys the page has (those of the built-in
//! `locales/en.yaml`), each to text that keeps the `{…}` placeholders the
//! page fills in.

use super::schema::Checker;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity, did_you_mean};
use crate::load::{ArticleSource, TranslationSource, Value};
use crate::locale::{self, Translation};
use crate::model::Story;

pub fn read_all(sources: &[TranslationSource], diagnostics: &mut Diagnostics) -> Vec<Translation> {
    let keys = locale::keys();
    sources
        .iter()
        .filter_map(|source| read_one(source, &keys, diagnostics))
        .collect()
}

/// One `i18n/` file's bytes, parsed and checked as a build checks it: the
/// translation when it has no errors, and every problem found.
pub fn check_bytes(file_name: &str, bytes: &[u8]) -> (Option<Translation>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let source = match crate::load::translation_from_bytes(file_name, bytes) {
        Ok(source) => source,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return (None, diagnostics);
        }
    };
    let translation = read_one(&source, &locale::keys(), &mut diagnostics);
    (
        translation.filter(|_| !diagnostics.has_errors()),
        diagnostics,
    )
}

fn read_one(
    source: &TranslationSource,
    keys: &[String],
    diagnostics: &mut Diagnostics,
) -> Option<Translation> {
    super::hygiene::check_translation(source, diagnostics);
    let mut checker = Checker::new(&source.file, diagnostics);
    let name_ok = locale::is_language_tag(&source.lang);
    // Any other name (`.yml`) was refused as it was read, with the name to
    // give it.
    let told = !source.file.name.ends_with(".yaml");
    if !name_ok && !told {
        let help = match locale::suggest_tag(&source.lang) {
            Some(tag) => format!("did you mean {}/{tag}.yaml?", crate::load::TRANSLATIONS_DIR),
            None => "name the file after a language tag: fr.yaml, pt-BR.yaml".into(),
        };
        checker.push(
            Diagnostic::file_error(
                source.file.name.clone(),
                format!("`{}` is not a language tag", source.lang),
            )
            .with_help(help),
        );
    }
    let entries = match &source.root.value {
        // An empty file overrides nothing.
        Value::Null => return name_ok.then(|| empty(source)),
        Value::Map(entries) => entries,
        other => {
            checker.error(
                source.root.pos,
                format!(
                    "a translation must be `key: text` lines, found {}",
                    other.kind()
                ),
                Some("write one `key: text` line per word, as in the README's list".into()),
            );
            return None;
        }
    };
    let mut words = Vec::new();
    for (key, node) in entries {
        if !keys.contains(&key.name) {
            let help = match did_you_mean(&key.name, keys.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "the keys are those of locales/en.yaml, listed in the README".into(),
            };
            checker.error(
                key.pos,
                format!("unknown key `{}` in a translation", key.name),
                Some(help),
            );
            continue;
        }
        // Not trimmed: `list_and: " and "` needs its spaces.
        let Value::Str(text) = &node.value else {
            checker.error(
                node.pos,
                format!("`{}` must be text, found {}", key.name, node.value.kind()),
                Some("put the words in quotes".into()),
            );
            continue;
        };
        if text.trim().is_empty() {
            checker.error(
                node.pos,
                format!("`{}` is empty", key.name),
                Some("remove the line to keep the built-in words".into()),
            );
            continue;
        }
        let wanted = locale::placeholders(&key.name);
        let found = locale::placeholders_in(text);
        if let Some(stray) = found.iter().find(|p| !wanted.contains(p)) {
            let help = if wanted.is_empty() {
                format!("`{}` has no placeholders", key.name)
            } else {
                format!("`{}` may use {}", key.name, wanted.join(", "))
            };
            checker.error(
                node.pos,
                format!(
                    "`{}` has `{stray}`, which the page does not fill in",
                    key.name
                ),
                Some(help),
            );
            continue;
        }
        let missing = wanted.iter().find(|p| !found.contains(p));
        if let (false, Some(missing)) = (locale::is_plural_form(&key.name), missing) {
            checker.error(
                node.pos,
                format!("`{}` must keep `{missing}`", key.name),
                Some(format!("the page puts its value where `{missing}` stands")),
            );
            continue;
        }
        words.push((key.name.clone(), text.clone()));
    }
    name_ok.then(|| Translation {
        lang: source.lang.clone(),
        words,
    })
}

fn empty(source: &TranslationSource) -> Translation {
    Translation {
        lang: source.lang.clone(),
        words: Vec::new(),
    }
}

/// A language with no words of its own builds in English, and says so
/// once, at its `lang` line.
pub fn warn_untranslated(
    article: &ArticleSource,
    story: &Story,
    translations: &[Translation],
    diagnostics: &mut Diagnostics,
) {
    let lang = &story.article.lang;
    if locale::is_translated(lang, translations) {
        return;
    }
    let pos = match &article.front_matter.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(key, _)| key.name == "lang")
            .map(|(_, node)| node.pos),
        _ => None,
    };
    let message = format!(
        "there is no translation for `{lang}`: the page's own words (headings, labels, dates) will be English"
    );
    let help = format!(
        "add {}/{lang}.yaml with the keys of the README's list to have them in `{lang}`",
        crate::load::TRANSLATIONS_DIR
    );
    // Without a `lang` line the page is English, which is translated.
    if let Some(pos) = pos {
        diagnostics
            .push(Diagnostic::at(Severity::Warning, &article.file, pos, message).with_help(help));
    }
}
