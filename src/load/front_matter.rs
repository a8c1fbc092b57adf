//! The article's YAML front matter, between `---` lines at the very top.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Pos, SourceFile};

/// Split the article into its front matter text, the line it starts on, and
/// the byte offset where the Markdown body begins.
pub fn split(file: &SourceFile) -> Result<(&str, usize, usize), Diagnostic> {
    let text = file.text.as_str();
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        return Err(Diagnostic::at(
            Severity::Error,
            file,
            Pos::new(1, 1, first_line.chars().count()),
            "the article has no front matter",
        )
        .with_help("start content/article.md with a `---` line, then `title:` and `published:`, then another `---` line"));
    }
    let start = first_line.len() + 1;
    let mut offset = start;
    for line in text.get(start..).unwrap_or("").split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let body_start = offset + line.len();
            return Ok((&text[start..offset], 2, body_start.min(text.len())));
        }
        offset += line.len();
    }
    Err(Diagnostic::at(
        Severity::Error,
        file,
        Pos::new(1, 1, 3),
        "the front matter is never closed",
    )
    .with_help("add a `---` line after the last front matter field, before the article text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let file = SourceFile::new("a.md", "---\ntitle: x\n---\nBody\n");
        let (fm, line, body) = split(&file).unwrap();
        assert_eq!(fm, "title: x\n");
        assert_eq!(line, 2);
        assert_eq!(&file.text[body..], "Body\n");
    }

    #[test]
    fn unclosed_and_missing_front_matter_are_errors() {
        assert!(
            split(&SourceFile::new("a.md", "---\ntitle: x\n"))
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(
            split(&SourceFile::new("a.md", "title: x\n"))
                .unwrap_err()
                .message
                .contains("no front matter")
        );
    }
}
