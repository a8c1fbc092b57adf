//! `explainer new`: a story root that builds as it is, so covering the next
//! story starts from one command. Its facts are what `explainer draft`
//! makes of the example article, so that nothing in them looks curated
//! by an editor when it was not: pasting the next article and drafting
//! again replaces them whole.

use std::fs;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::load::theme::{DEFAULT_STATIC, DEFAULT_TEMPLATES};
use crate::load::{ARTICLE_PATH, FACTS_PATH};

const ARTICLE: &str = include_str!("../starter/article.md");
const GITIGNORE: &str = "/public\n/.cache\n";

/// Write an example story, the default templates and the static files into
/// `dir`, which must not exist yet or be empty.
pub fn create(dir: &Path) -> Result<(), Diagnostic> {
    let name = dir.display().to_string();
    let failed = |path: &Path, error: std::io::Error| {
        Diagnostic::file_error(path.display().to_string(), format!("cannot write: {error}"))
    };
    if let Ok(mut entries) = fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(Diagnostic::file_error(
                name,
                "refusing to start a story in a folder that is not empty",
            )
            .with_help("name a new folder"));
        }
    } else if dir.exists() {
        return Err(Diagnostic::file_error(name, "this is a file, not a folder")
            .with_help("name a new folder"));
    }

    let facts = crate::draft::draft_text(ARTICLE).map_err(|diagnostics| {
        let first = diagnostics.into_iter().next();
        Diagnostic::file_error(
            FACTS_PATH,
            format!(
                "the example article could not be drafted: {}",
                first.map_or_else(String::new, |d| d.to_string())
            ),
        )
    })?;
    let mut files: Vec<(String, &[u8])> = vec![
        (ARTICLE_PATH.to_owned(), ARTICLE.as_bytes()),
        (FACTS_PATH.to_owned(), facts.as_bytes()),
        (".gitignore".to_owned(), GITIGNORE.as_bytes()),
    ];
    files.extend(
        DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| (format!("templates/{name}"), text.as_bytes())),
    );
    files.extend(
        DEFAULT_STATIC
            .iter()
            .map(|(name, bytes)| (format!("static/{name}"), *bytes)),
    );
    for (relative, bytes) in files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
        }
        fs::write(&path, bytes).map_err(|e| failed(&path, e))?;
    }
    Ok(())
}
