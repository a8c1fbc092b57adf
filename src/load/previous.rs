//! The facts of an earlier build, read back so the new build can mark what
//! is new since then (see `facts_json`).

use std::io;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Severity};
use crate::facts_json::FactsJson;
use crate::source::{Pos, SourceFile};

/// `Ok(None)` when there is no file at `path`.
pub fn read(path: &Path) -> Result<Option<FactsJson>, Diagnostic> {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(Diagnostic::file_error(
                name,
                format!("cannot read: {error}"),
            ));
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    FactsJson::parse(&text)
        .map(Some)
        .map_err(|(message, line, column)| {
            let source = SourceFile::new(name.clone(), &text);
            let message = format!("cannot read the previous facts: {message}");
            if line == 0 {
                Diagnostic::file_error(name, message)
            } else {
                Diagnostic::at(
                    Severity::Error,
                    &source,
                    Pos::new(line, column.max(1), 1),
                    message,
                )
            }
        })
}
