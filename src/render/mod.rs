//! Stage 3: the checked story and the theme into finished files, in memory.
//! Nothing here touches the disk.

mod context;
pub mod markdown;
mod tidy;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::load::{Template, Theme};
use crate::model::Story;
use crate::source::{Pos, SourceFile};

pub use context::build_context;

/// What the writer puts on disk: paths relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// The absolute URL the site is published at, if known
    /// (`https://user.github.io/repo/`).
    pub base_url: Option<String>,
}

/// The templates rendered into pages; every other template is a part they
/// include.
const PAGES: &[&str] = &["index.html"];

pub fn render(
    story: &Story,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let tera = compile(&theme.templates)?;
    let context =
        tera::Context::from_serialize(&build_context(story, options)).map_err(|error| {
            single(Diagnostic::file_error(
                "templates",
                format!("cannot prepare the page data: {error}"),
            ))
        })?;

    let mut files = Vec::new();
    let mut diagnostics = Diagnostics::new();
    for page in PAGES {
        match tera.render(page, &context) {
            Ok(html) => files.push(OutputFile {
                path: (*page).to_owned(),
                bytes: tidy::collapse_blank_lines(&html).into_bytes(),
            }),
            Err(error) => diagnostics.push(template_diagnostic(&error, &theme.templates, page)),
        }
    }
    for asset in &theme.assets {
        if PAGES.contains(&asset.path.as_str()) {
            diagnostics.push(
                Diagnostic::file_error(
                    format!("static/{}", asset.path),
                    "this file would overwrite the page built from the template of the same name",
                )
                .with_help("rename or remove it"),
            );
            continue;
        }
        // The default stylesheet keeps its comments in the repository and
        // drops them on the way out: the page has a byte budget.
        let bytes = match std::str::from_utf8(&asset.bytes) {
            Ok(css) if asset.built_in && asset.path.ends_with(".css") => {
                tidy::compact_css(css).into_bytes()
            }
            _ => asset.bytes.clone(),
        };
        files.push(OutputFile {
            path: asset.path.clone(),
            bytes,
        });
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(files)
}

fn compile(templates: &[Template]) -> Result<tera::Tera, Diagnostics> {
    let mut tera = tera::Tera::new();
    // Autoescaping stays on for every template (Tera's default is .html,
    // .htm and .xml only).
    tera.autoescape_on(vec![""]);
    // Tera stops at the first broken template; its report names that file.
    tera.add_raw_templates(templates.iter().map(|t| (t.name.as_str(), t.text.as_str())))
        .map_err(|error| single(template_diagnostic(&error, templates, "index.html")))?;
    Ok(tera)
}

fn single(diagnostic: Diagnostic) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    diagnostics.push(diagnostic);
    diagnostics
}

/// A template error, naming the template file and, when Tera knows it, the
/// line and column.
fn template_diagnostic(error: &tera::Error, templates: &[Template], fallback: &str) -> Diagnostic {
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
