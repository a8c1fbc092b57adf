//! Stage 1: read the story root from disk. Everything the later stages need
//! is read here, once, and kept with its source positions; nothing after
//! this stage touches the inputs on disk.

pub mod ejected;
pub mod facts_file;
pub mod front_matter;
pub mod history;
pub mod previous;
pub mod theme;
pub mod yaml;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::source::SourceFile;

pub use theme::{Asset, AssetSource, Template, Theme};
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

/// Read and parse everything under `root`. Every file is tried, so that a
/// broken article and a broken facts file are reported in the same run.
pub fn load(root: &Path) -> Result<Inputs, Diagnostics> {
    let article = read_source(root, ARTICLE_PATH).and_then(parse_article);
    let facts = facts_file::locate(root)
        .and_then(|format| read_source(root, format.path()))
        .and_then(parse_facts);
    let theme = theme::load(root);
    let translations = read_translations(root);
    gather(root, article, facts, theme, translations)
}

/// The same as [`load`] for an article and facts file held in memory, with
/// the default theme: the whole first stage without a disk, so that any
/// bytes at all can be pushed through the pipeline (fuzzing does this).
pub fn from_bytes(article: &[u8], facts: &[u8]) -> Result<Inputs, Diagnostics> {
    let article = decode(ARTICLE_PATH, article.to_vec()).and_then(parse_article);
    let facts = decode(FACTS_PATH, facts.to_vec()).and_then(parse_facts);
    gather(
        Path::new("."),
        article,
        facts,
        Ok(theme::defaults()),
        Ok(Vec::new()),
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

fn gather(
    root: &Path,
    article: Result<ArticleSource, Diagnostic>,
    facts: Result<FactsSource, Diagnostic>,
    theme: Result<Theme, Diagnostics>,
    translations: Result<Vec<TranslationSource>, Diagnostics>,
) -> Result<Inputs, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let article = article.map_err(|d| diagnostics.push(d)).ok();
    let facts = facts.map_err(|d| diagnostics.push(d)).ok();
    let theme = theme.map_err(|d| diagnostics.extend(d)).ok();
    let translations = translations.map_err(|d| diagnostics.extend(d)).ok();
    match (article, facts, theme, translations) {
        (Some(article), Some(facts), Some(theme), Some(translations))
            if !diagnostics.has_errors() =>
        {
            Ok(Inputs {
                root: root.to_path_buf(),
                article,
                facts,
                theme,
                translations,
            })
        }
        _ => Err(diagnostics),
    }
}

/// Every `i18n/*.yaml` under the root; none, when there is no `i18n/`. Each
/// file is tried, so that every broken one is reported in one run.
fn read_translations(root: &Path) -> Result<Vec<TranslationSource>, Diagnostics> {
    let dir = root.join(TRANSLATIONS_DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.push(io_diagnostic(TRANSLATIONS_DIR, &dir, &error));
            return Err(diagnostics);
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // Editors' backup and swap files are not translations.
        .filter(|name| !name.starts_with('.') && !name.ends_with('~'))
        .collect();
    names.sort();
    let mut diagnostics = Diagnostics::new();
    let mut translations = Vec::new();
    for name in names {
        let relative = format!("{TRANSLATIONS_DIR}/{name}");
        let Some(lang) = name.strip_suffix(".yaml") else {
            let stem = name
                .rsplit_once('.')
                .map_or(name.as_str(), |(stem, _)| stem);
            diagnostics.push(
                Diagnostic::file_error(
                    &relative,
                    format!("{relative} is not a translation: {TRANSLATIONS_DIR}/ holds <language>.yaml files"),
                )
                .with_help(format!("rename it to {TRANSLATIONS_DIR}/{stem}.yaml, or move it out of {TRANSLATIONS_DIR}/")),
            );
            continue;
        };
        let parsed = read_source(root, &relative).and_then(|file| {
            let root = yaml::parse(&file, &file.text, 1)?;
            Ok((file, root))
        });
        match parsed {
            Ok((file, root)) => translations.push(TranslationSource {
                lang: lang.to_owned(),
                file,
                root,
            }),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(translations)
    }
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
