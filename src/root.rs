//! The story root as the command line names it: that it is one, and how
//! the files in messages are named so that they open from where the
//! command ran.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::report::{Failure, Report};

/// A site's own files, named from its root.
const SITE_FILES: &[&str] = &[crate::layout::SITE_FILE, crate::validate::SHARED_PEOPLE];

/// Diagnostics name files relative to the story root; with `--root`
/// elsewhere they are printed as paths from where the command ran, so that
/// they can be opened (or clicked in a terminal) as they are.
pub(crate) fn from_where_run(
    root: &Path,
    result: Result<Report, Failure>,
) -> Result<Report, Failure> {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        return result;
    }
    let relocate = |diagnostics: Diagnostics| -> Diagnostics {
        let mut moved = Diagnostics::new();
        for mut diagnostic in diagnostics {
            let in_root = crate::load::INPUT_FOLDERS
                .iter()
                .chain(&[crate::site::STORIES])
                .any(|folder| {
                    (diagnostic.file.strip_prefix(folder)).is_some_and(|rest| rest.starts_with('/'))
                })
                || SITE_FILES.contains(&diagnostic.file.as_str());
            if in_root {
                diagnostic.file = shown_path(root, Path::new(&diagnostic.file))
                    .display()
                    .to_string();
            }
            moved.push(diagnostic);
        }
        moved
    };
    match result {
        Ok(mut report) => {
            report.diagnostics = relocate(report.diagnostics);
            Ok(report)
        }
        Err(Failure::Content(mut report)) => {
            report.diagnostics = relocate(report.diagnostics);
            Err(Failure::Content(report))
        }
        Err(Failure::Output(mut report)) => {
            report.diagnostics = relocate(report.diagnostics);
            Err(Failure::Output(report))
        }
        usage => usage,
    }
}

/// A file of the story, `relative` to its root, named from where the
/// command ran.
pub(crate) fn shown_path(root: &Path, relative: &Path) -> PathBuf {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        relative.to_path_buf()
    } else {
        root.join(relative)
    }
}

/// A story root exists, is a folder, and has `content/`.
pub(crate) fn check_root(root: &Path) -> Result<(), Failure> {
    let shown = root.display().to_string();
    let problem = match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() && root.join("content").is_dir() => return Ok(()),
        Ok(meta) if meta.is_dir() && is_content_folder(root) => Diagnostic::file_error(
            &shown,
            "this is the story's content/ folder, not its root",
        )
        .with_help("run from the story root, the folder above (or pass --root ..)"),
        Ok(meta) if meta.is_dir() => Diagnostic::file_error(
            &shown,
            "the story root has no content/ folder",
        )
        .with_help(format!(
            "start a story with `explainer new {shown}` (if it is empty), or pass --root with the folder that holds content/article.md"
        )),
        Ok(_) => Diagnostic::file_error(&shown, "the story root is not a folder")
            .with_help("pass --root with the folder that holds content/article.md"),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Diagnostic::file_error(&shown, "the story root does not exist").with_help(format!(
                "check the path, or start a story there with `explainer new {shown}`"
            ))
        }
        Err(error) => {
            Diagnostic::file_error(&shown, format!("the story root cannot be read: {error}"))
        }
    };
    Err(Failure::Usage(problem))
}

/// A folder named `content` that holds the article: where an editor who
/// `cd`-ed in to edit it runs the build from.
fn is_content_folder(root: &Path) -> bool {
    let named_content = std::fs::canonicalize(root)
        .ok()
        .and_then(|path| path.file_name().map(|n| n == "content"))
        .unwrap_or(false);
    named_content && root.join("article.md").is_file()
}
