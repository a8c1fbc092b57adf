//! The theme's templates: compiled once per build, and their errors told
//! with the template's file, line and column.

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::load::Template;
use crate::source::{Pos, SourceFile};

pub fn compile(templates: &[Template]) -> Result<tera::Tera, Diagnostics> {
    let mut tera = tera::Tera::new();
    // Autoescaping stays on for every template (Tera's default is .html,
    // .htm and .xml only).
    tera.autoescape_on(vec![""]);
    // Tera stops at the first broken template; its report names that file.
    tera.add_raw_templates(templates.iter().map(|t| (t.name.as_str(), t.text.as_str())))
        .map_err(|error| single(template_diagnostic(&error, templates, "index.html")))?;
    Ok(tera)
}

pub fn single(diagnostic: Diagnostic) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    diagnostics.push(diagnostic);
    diagnostics
}

/// A template error, naming the template file and, when Tera knows it, the
/// line and column.
pub fn template_diagnostic(
    error: &tera::Error,
    templates: &[Template],
    fallback: &str,
) -> Diagnostic {
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report)
        }
        _ => None,
    };
    let name = report.map_or(fallback, |r| r.filename());
    let template = templates.iter().find(|t| t.name == name);
    let origin = template.map_or_else(|| format!("templates/{name}"), |t| t.origin.clone());
    match (report, template) {
        (Some(report), Some(template)) => {
            let span = report.span();
            let source = SourceFile::new(origin, &template.text);
            let width = if span.end_line == span.start_line {
                span.end_col.saturating_sub(span.start_col)
            } else {
                1
            };
            Diagnostic::at(
                Severity::Error,
                &source,
                Pos::new(span.start_line, span.start_col + 1, width),
                format!("template error: {}", report.message()),
            )
        }
        _ => Diagnostic::file_error(
            origin,
            format!("template error: {}", first_line(&error.to_string())),
        ),
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}
