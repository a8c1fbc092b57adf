//! Stage 1: read the story root from disk. Everything the later stages need
//! is read here, once, and kept with its source positions; nothing after
//! this stage touches the inputs on disk.

pub mod ejected;
pub mod facts_file;
pub mod front_matter;
pub mod history;
pub mod previous;
pub mod sources;
pub mod theme;
pub mod yaml;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::source::SourceFile;

pub use sources::TranscriptSource;
pub use theme::{Asset, AssetSource, Template, Theme};
pub use theme::{load_over as theme_over, site_defaults};
pub use yaml::{Key, Node, Value};

pub const ARTICLE_PATH: &str = "content/article.md";
/// The facts file most stories have; [`facts_file`] says which one a
/// story has.
pub const FACTS_PATH: &str = facts_file::YAML_PATH;
/// A story's own words for the page, one `<lang>.yaml` per language.
pub const TRANSLATIONS_DIR: &str = "i18n";
/// The folders a story is read from: `serve` watches them, and neither the
/// site nor a draft may be written into or over them.
pub const INPUT_FOLDERS: [&str; 4] = ["content", "templates", "static", TRANSLATIONS_DIR];

/// The whole story root, read and parsed but not yet checked.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub root: PathBuf,
    pub article: ArticleSource,
    pub facts: FactsSource,
    pub theme: Theme,
    /// `i18n/*.yaml`, in file-name order.
    pub translations: Vec<TranslationSource>,
    /// What the site the story is part of gives it, when it is one.
    pub shared: Option<std::sync::Arc<Shared>>,
    /// The transcripts the facts' `sources` name (`content/sources/`).
    pub transcripts: Vec<TranscriptSource>,
    /// What loading found that stops no other file being read and checked
    /// (a stray file in `i18n/`, a translation named `.yml`): reported
    /// with validation's findings, so that one run says everything.
    pub findings: Diagnostics,
}

#[derive(Debug, Clone)]
pub struct ArticleSource {
    pub file: SourceFile,
    pub front_matter: Node,
    /// Where the Markdown body starts in `file.text`.
    pub body_start: usize,
}

impl ArticleSource {
    pub fn body(&self) -> &str {
        &self.file.text[self.body_start..]
    }
}

#[derive(Debug, Clone)]
pub struct FactsSource {
    pub file: SourceFile,
    pub root: Node,
    /// What reading the file found for the checks to report with theirs:
    /// an editor's mistakes in an ArchieML file, each already repaired in
    /// `root` so that it is reported once.
    pub notes: Vec<Diagnostic>,
}

/// One `i18n/<lang>.yaml`, parsed but not yet checked.
#[derive(Debug, Clone)]
pub struct TranslationSource {
    /// The file name without `.yaml`: the language it is for.
    pub lang: String,
    pub file: SourceFile,
    pub root: Node,
}

/// What a site gives each of its stories, read and checked once: its look
/// (the defaults with the site's `templates/` and `static/` over them),
/// its words, and its shared people. A story's own files lie over these.
#[derive(Debug, Clone)]
pub struct Shared {
    pub theme: Theme,
    pub translations: Vec<crate::locale::Translation>,
    pub people: Vec<crate::model::Person>,
    /// `site.yaml`'s publisher: every story's that names none of its own.
    pub publisher: Option<crate::model::Publisher>,
}

/// Read and parse everything under `root`. Every file is tried, so that a
/// broken article and a broken facts file are reported in the same run.
pub fn load(root: &Path) -> Result<Inputs, Diagnostics> {
    load_in(root, None)
}

/// [`load`] for a story of a site: its own templates, static files and
/// words over the site's, and the site's people for its facts to list.
pub fn load_in(root: &Path, shared: Option<std::sync::Arc<Shared>>) -> Result<Inputs, Diagnostics> {
    let article = read_source(root, ARTICLE_PATH).and_then(parse_article);
    let facts = facts_file::locate(root)
        .and_then(|format| read_source(root, format.path()))
        .and_then(parse_facts);
    let theme = match &shared {
        Some(shared) => theme::load_over(root, shared.theme.clone()),
        None => theme::load(root),
    };
    let translations = read_translations(root);
    let mut inputs = gather(Some(root), article, facts, theme, translations)?;
    inputs.shared = shared;
    Ok(inputs)
}

/// A site's `i18n/`, read as a story's is.
pub fn site_translations(root: &Path) -> Result<Vec<TranslationSource>, Diagnostics> {
    let Translations {
        sources,
        mut findings,
        failed,
    } = read_translations(root);
    findings.extend(failed);
    if findings.has_errors() {
        Err(findings)
    } else {
        Ok(sources)
    }
}

/// The same as [`load`] for an article and facts file held in memory, with
/// the default theme: the whole first stage without a disk, so that any
/// bytes at all can be pushed through the pipeline (fuzzing does this).
pub fn from_bytes(article: &[u8], facts: &[u8]) -> Result<Inputs, Diagnostics> {
    let article = decode(ARTICLE_PATH, article.to_vec()).and_then(parse_article);
    let facts = decode(FACTS_PATH, facts.to_vec()).and_then(parse_facts);
    gather(
        None,
        article,
        facts,
        Ok(theme::defaults()),
        Translations::default(),
    )
}

/// The article and facts of one commit, parsed; the theme is the working
/// tree's, read once by [`load`].
pub fn story_at(commit: &history::Commit) -> Result<(ArticleSource, FactsSource), Diagnostics> {
    let article = decode(ARTICLE_PATH, commit.article.clone()).and_then(parse_article);
    let facts = match &commit.facts {
        Some((path, bytes)) => decode(path, bytes.clone()).and_then(parse_facts),
        None => Err(facts_file::both()),
    };
    match (article, facts) {
        (Ok(article), Ok(facts)) => Ok((article, facts)),
        (article, facts) => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.extend_from(article.err());
            diagnostics.extend_from(facts.err());
            Err(diagnostics)
        }
    }
}

pub fn parse_article(file: SourceFile) -> Result<ArticleSource, Diagnostic> {
    if let Some(conflict) = merge_conflict(&file) {
        return Err(conflict);
    }
    let (front_matter, first_line, body_start) = front_matter::split(&file)?;
    let front_matter = yaml::parse(&file, front_matter, first_line)?;
    Ok(ArticleSource {
        file,
        front_matter,
        body_start,
    })
}

/// A facts file, YAML or ArchieML as its name says.
pub fn parse_facts(file: SourceFile) -> Result<FactsSource, Diagnostic> {
    if let Some(conflict) = merge_conflict(&file) {
        return Err(conflict);
    }
    facts_file::parse(file)
}

/// The markers git leaves in a file whose merge it could not finish: read
/// as YAML or Markdown they make nonsense errors (or a heading), so they
/// are told for what they are, before the file is parsed. A `=======` line
/// alone is a Markdown heading's underline; only a `<<<<<<<` line followed
/// by a `>>>>>>>` one is a conflict.
fn merge_conflict(file: &SourceFile) -> Option<Diagnostic> {
    let marker = |line: &str, mark: &str| {
        line.strip_prefix(mark)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    };
    let mut conflicts: Vec<usize> = Vec::new();
    let mut open: Option<usize> = None;
    for (index, line) in file.text.lines().enumerate() {
        if marker(line, "<<<<<<<") {
            open = Some(index + 1);
        } else if marker(line, ">>>>>>>")
            && let Some(start) = open.take()
        {
            conflicts.push(start);
        }
    }
    let first = *conflicts.first()?;
    let mut diagnostic = Diagnostic::at(
        Severity::Error,
        file,
        crate::source::Pos::new(first, 1, 7),
        "an unfinished git merge: this file still holds a merge conflict's markers",
    )
    .with_help(
        "keep the lines you want between `<<<<<<<`, `=======` and `>>>>>>>` (either side, or both merged by hand), delete the three marker lines, then commit",
    );
    if conflicts.len() > 1 {
        let rest: Vec<String> = conflicts[1..].iter().map(usize::to_string).collect();
        diagnostic = diagnostic.with_note(format!(
            "{} more conflicts start on line{} {}",
            rest.len(),
            if rest.len() == 1 { "" } else { "s" },
            rest.join(", ")
        ));
    }
    Some(diagnostic)
}

/// `root` is where transcripts are read from: none for a story held in
/// memory, which then has none.
fn gather(
    root: Option<&Path>,
    article: Result<ArticleSource, Diagnostic>,
    facts: Result<FactsSource, Diagnostic>,
    theme: Result<Theme, Diagnostics>,
    translations: Translations,
) -> Result<Inputs, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let article = article.map_err(|d| diagnostics.push(d)).ok();
    let facts = facts.map_err(|d| diagnostics.push(d)).ok();
    let theme = theme.map_err(|d| diagnostics.extend(d)).ok();
    let Translations {
        sources,
        findings,
        failed,
    } = translations;
    diagnostics.extend(failed);
    match (article, facts, theme) {
        (Some(article), Some(facts), Some(theme)) if !diagnostics.has_errors() => {
            let mut findings = findings;
            let transcripts =
                root.map_or_else(Vec::new, |root| sources::read(root, &facts, &mut findings));
            Ok(Inputs {
                root: root.unwrap_or(Path::new(".")).to_path_buf(),
                article,
                facts,
                theme,
                translations: sources,
                transcripts,
                shared: None,
                findings,
            })
        }
        _ => {
            diagnostics.extend(findings);
            Err(diagnostics)
        }
    }
}

/// What `i18n/` held.
#[derive(Default)]
struct Translations {
    sources: Vec<TranslationSource>,
    /// Stray entries and misnamed files: reported, but no reason not to
    /// check the rest of the story.
    findings: Diagnostics,
    /// Files that cannot be read or parsed.
    failed: Diagnostics,
}

/// Every `i18n/*.yaml` under the root; none, when there is no `i18n/`. Each
/// entry is tried, so that every bad one is reported in one run.
///
/// Anything else there (a README, a folder of old files) is ignored with a
/// warning: a team may keep notes beside its translations, and nothing in
/// such a file could be read as one. A `.yml` file is meant as one: it is
/// read and checked, and refused by its name.
fn read_translations(root: &Path) -> Translations {
    let mut found = Translations::default();
    let dir = root.join(TRANSLATIONS_DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return found,
        Err(error) => {
            found
                .failed
                .push(io_diagnostic(TRANSLATIONS_DIR, &dir, &error));
            return found;
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // Editors' backup and swap files are not translations.
        .filter(|name| !name.starts_with('.') && !name.ends_with('~'))
        .collect();
    names.sort();
    for name in names {
        let relative = format!("{TRANSLATIONS_DIR}/{name}");
        let folder = std::fs::metadata(dir.join(&name)).is_ok_and(|m| m.is_dir());
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name.as_str(), ""));
        let yaml = ["yaml", "yml"]
            .iter()
            .any(|e| extension.eq_ignore_ascii_case(e));
        if folder || !yaml {
            found
                .findings
                .push(stray_translation(&relative, &name, folder));
            continue;
        }
        if extension != "yaml" {
            let wanted = translation_name(stem);
            found.findings.push(
                Diagnostic::file_error(
                    &relative,
                    format!("a translation's file name ends in `.yaml`, not `.{extension}`"),
                )
                .with_help(format!("rename it to {TRANSLATIONS_DIR}/{wanted}")),
            );
        }
        match read_source(root, &relative).and_then(|file| parse_translation(file, stem)) {
            Ok(source) => found.sources.push(source),
            Err(diagnostic) => found.failed.push(diagnostic),
        }
    }
    found
}

fn parse_translation(file: SourceFile, lang: &str) -> Result<TranslationSource, Diagnostic> {
    let root = yaml::parse(&file, &file.text, 1)?;
    Ok(TranslationSource {
        lang: lang.to_owned(),
        file,
        root,
    })
}

/// `i18n/<file_name>` from bytes in memory, parsed as the build reads it
/// (fuzzing pushes any bytes through this).
pub fn translation_from_bytes(
    file_name: &str,
    bytes: &[u8],
) -> Result<TranslationSource, Diagnostic> {
    let lang = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let relative = format!("{TRANSLATIONS_DIR}/{file_name}");
    decode(&relative, bytes.to_vec()).and_then(|file| parse_translation(file, lang))
}

/// The file name a translation for `stem` would have: `ja.yaml`, or the tag
/// `stem` was likely meant as (`french` → `fr.yaml`).
fn translation_name(stem: &str) -> String {
    if crate::locale::is_language_tag(stem) {
        format!("{stem}.yaml")
    } else {
        crate::locale::suggest_tag(stem).map_or_else(
            || "<language tag>.yaml, such as fr.yaml".to_owned(),
            |tag| format!("{tag}.yaml"),
        )
    }
}

/// A folder or a file that is not YAML, in `i18n/`.
fn stray_translation(relative: &str, name: &str, folder: bool) -> Diagnostic {
    let what = if folder {
        format!("{relative}/ is a folder")
    } else {
        format!("{relative} is not a YAML file")
    };
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let help = if !folder && crate::locale::is_language_tag(stem) {
        format!(
            "if it holds the words for `{stem}`, write them as YAML in {TRANSLATIONS_DIR}/{stem}.yaml"
        )
    } else if folder {
        format!(
            "translations in it are not read; move it out of {TRANSLATIONS_DIR}/ to silence this"
        )
    } else {
        format!("move it out of {TRANSLATIONS_DIR}/ to silence this")
    };
    Diagnostic::file_error(
        relative,
        format!(
            "{what}, and is ignored: {TRANSLATIONS_DIR}/ holds only <language tag>.yaml files (fr.yaml, pt-BR.yaml)"
        ),
    )
    .with_severity(Severity::Warning)
    .with_help(help)
}

/// Read a UTF-8 text file under the root, naming it as the user would.
pub fn read_source(root: &Path, relative: &str) -> Result<SourceFile, Diagnostic> {
    let path = root.join(relative);
    let bytes = std::fs::read(&path).map_err(|error| io_diagnostic(relative, &path, &error))?;
    decode(relative, bytes)
}

/// Bytes into a source file named `relative`, or the offset of the first
/// byte that is not UTF-8. The bytes become the text without a copy.
pub fn decode(relative: &str, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    let error = match String::from_utf8(bytes) {
        Ok(text) => return Ok(SourceFile::from_string(relative, text)),
        Err(error) => error,
    };
    let offset = error.utf8_error().valid_up_to();
    let valid = String::from_utf8_lossy(&error.as_bytes()[..offset]);
    let file = SourceFile::new(relative, &valid);
    let pos = file.pos_of_offset(file.text.len(), 1);
    Err(Diagnostic::at(
        Severity::Error,
        &file,
        pos,
        format!("{relative} is not valid UTF-8: bad byte at offset {offset}"),
    )
    .with_help("save the file as UTF-8 (most editors offer this under “Save with encoding”)"))
}

pub fn io_diagnostic(relative: &str, path: &Path, error: &std::io::Error) -> Diagnostic {
    use std::io::ErrorKind;
    let diagnostic = match error.kind() {
        ErrorKind::NotFound => Diagnostic::file_error(
            relative,
            format!("{relative} not found (looked for {})", path.display()),
        ),
        ErrorKind::PermissionDenied => Diagnostic::file_error(
            relative,
            format!("{relative} cannot be read: permission denied"),
        ),
        _ if path.is_dir() => {
            Diagnostic::file_error(relative, format!("{relative} is a folder, not a file"))
        }
        _ => Diagnostic::file_error(relative, format!("{relative} cannot be read: {error}")),
    };
    if error.kind() == ErrorKind::NotFound {
        diagnostic.with_help(
            "a story root holds content/article.md and content/facts.yaml (or content/facts.aml); pass --root to build another folder",
        )
    } else {
        diagnostic
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_read_says_so() {
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let diagnostic = io_diagnostic(FACTS_PATH, Path::new("/story/content/facts.yaml"), &denied);
        assert_eq!(
            diagnostic.message,
            "content/facts.yaml cannot be read: permission denied"
        );
    }
}
