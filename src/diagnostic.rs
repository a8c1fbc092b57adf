//! Problems found in the inputs, collected rather than thrown, so that one run
//! reports all of them, and rendered in one place.

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

pub use crate::source::Location;
use crate::source::{Pos, SourceFile};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, self-contained: it copies the source line it points at, so it
/// can be printed after the sources are gone.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user would name it (relative to the story root).
    pub file: String,
    pub location: Option<Location>,
    pub message: String,
    /// A likely fix ("did you mean `marco-rubio`?"), shown as `help:`.
    pub help: Option<String>,
    /// More context, shown as `note:` lines.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A problem with a whole file (missing, unreadable, …): no line to point at.
    pub fn file_error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            location: None,
            message: message.into(),
            help: None,
            notes: Vec::new(),
        }
    }

    /// A problem at a position in a source file.
    pub fn at(
        severity: Severity,
        source: &SourceFile,
        pos: Pos,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            file: source.name.clone(),
            location: Some(source.location(pos)),
            message: message.into(),
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic as the terminal shows it, with the source line
    /// underlined (plain text, no colour).
    pub fn render(&self) -> String {
        self.render_with(&Renderer::plain())
    }

    /// The same, coloured for a terminal.
    pub fn render_styled(&self) -> String {
        self.render_with(&Renderer::styled())
    }

    fn render_with(&self, renderer: &Renderer) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(self.message.as_str());
        let mut group = match &self.location {
            Some(loc) => {
                let start = byte_of_column(&loc.line_text, loc.column);
                let end = byte_of_column(&loc.line_text, loc.column + loc.width.max(1));
                let snippet = Snippet::source(loc.line_text.as_str())
                    .line_start(loc.line)
                    .path(self.file.as_str())
                    .annotation(AnnotationKind::Primary.span(start..end.max(start)));
                Group::with_title(title).element(snippet)
            }
            None => Group::with_title(title)
                .element(annotate_snippets::Origin::path(self.file.as_str())),
        };
        for note in &self.notes {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        renderer.render(&[group])
    }
}

/// The byte offset of a 1-based character column, clamped to the line.
fn byte_of_column(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

impl fmt::Display for Diagnostic {
    /// One line, `file:line:column: error: message`, the form editors and
    /// CI logs link to.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.location {
            Some(loc) => write!(
                f,
                "{}:{}:{}: {severity}: {}",
                self.file, loc.line, loc.column, self.message
            )?,
            None => write!(f, "{}: {severity}: {}", self.file, self.message)?,
        }
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// All problems found so far, in the order found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn extend_from(&mut self, diagnostic: Option<Diagnostic>) {
        if let Some(diagnostic) = diagnostic {
            self.push(diagnostic);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file, then position, so the report reads top to bottom
    /// whatever order the checks ran in.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| {
            let line = |d: &Diagnostic| d.location.as_ref().map(|l| (l.line, l.column));
            (&a.file, line(a), a.severity).cmp(&(&b.file, line(b), b.severity))
        });
        self
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The closest of `candidates` to `wrong`, if one is close enough to be a
/// likely typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // Capitals are compared as lowercase: `QUOTE-ALPHA` is one slip from
    // `quote-alpha`, not eleven.
    let wrong = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let lower = c.to_lowercase();
            // Jaro-Winkler alone misses two swapped letters in a short word
            // (`ulr` for `url`): one edit counts as close enough there.
            let one_edit = wrong.chars().count() >= 3 && strsim::osa_distance(&wrong, &lower) <= 1;
            let score = strsim::jaro_winkler(&wrong, &lower);
            (if one_edit { score.max(0.81) } else { score }, c)
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
