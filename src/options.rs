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

/// `https://user.github.io/repo` → `https://user.github.io/repo/`.
pub(crate) fn normalize_base_url(url: &str) -> Result<String, Diagnostic> {
    let url = url.trim();
    if let Some(at) = url.find(char::is_whitespace) {
        return Err(Diagnostic::file_error(
            "--base-url",
            format!(
                "`{url}` has a space in it (after `{}`), and an address cannot",
                &url[..at]
            ),
        )
        .with_help(
            "write a space in an address as %20, or quote the value if the shell split it",
        ));
    }
    let lower = url.to_ascii_lowercase();
    let host_start = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    if host_start.is_none_or(|rest| rest.is_empty() || rest.starts_with('/'))
        || url.contains(['"', '<', '>', ' ', '\''])
    {
        return Err(Diagnostic::file_error(
            "--base-url",
            format!("`{url}` is not an http(s) address"),
        )
        .with_help(
            "give the address the site is published at, e.g. https://user.github.io/repo/",
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    })
}
