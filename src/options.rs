//! What a build is asked to do: the command line's options as the library
//! takes them, and the base URL as every link will use it.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::facts_json;

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub previous: Previous,
}

/// Where the facts of the previous build come from; what differs from them
/// is marked "New" on the page.
#[derive(Debug, Clone, Default)]
pub enum Previous {
    /// `facts.json` in the output folder, when there is one.
    #[default]
    Output,
    /// A `facts.json` the user named; it must exist.
    File(PathBuf),
    /// Facts read earlier: `serve` reads them once, when it starts, so that
    /// marks stay the same over a session of saves.
    Read(Option<Box<facts_json::FactsJson>>),
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            previous: Previous::Output,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// `https://user.github.io/repo` → `https://user.github.io/repo/` (see
/// [`crate::base_url`]).
pub(crate) fn normalize_base_url(url: &str) -> Result<String, Diagnostic> {
    crate::base_url::normalize(url)
}
