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

    /// The base URL as pages use it (see [`crate::base_url`]); an empty
    /// one is none, as CI variables are often set but empty.
    pub fn base_url(&self) -> Result<Option<String>, Diagnostic> {
        self.base_url
            .as_deref()
            .filter(|url| !url.trim().is_empty())
            .map(crate::base_url::normalize)
            .transpose()
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}
