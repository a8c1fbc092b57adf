//! Stage 3: the checked story and the theme into finished files, in memory.
//! Nothing here touches the disk.

mod context;
pub mod markdown;
mod publish;
mod tidy;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::facts_json::FactsJson;
use crate::load::{Template, Theme};
use crate::locale::Locale;
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
const PAGES: &[&str] = &["index.html", "404.html"];

/// Every file of the site. What differs from `previous` (the facts.json of
/// an earlier build) is marked as new.
pub fn render(
    story: &Story,
    theme: &Theme,
    options: &RenderOptions,
    previous: Option<&FactsJson>,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let tera = compile(&theme.templates)?;
    let locale = Locale::new(&story.article.lang, &story.translations);
    let mut facts = FactsJson::from_story(story);
    if let Some(previous) = previous {
        facts.mark_changes(previous);
    }
    // Pages first, then the data files: the page's data is freed before the
    // data files are written, which keeps a large story's peak memory down.
    // (Writing the data files on the second core meanwhile saved 15% of
    // this stage at the largest size but added a third to the peak.)
    let (mut files, mut diagnostics) =
        render_pages(story, &tera, &theme.templates, options, &facts, &locale)?;
    files.extend(data_files(story, facts, options, &locale));

    let generated: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    for asset in &theme.assets {
        if generated.contains(&asset.path) {
            diagnostics.push(
                Diagnostic::file_error(
                    format!("static/{}", asset.path),
                    "this file would overwrite a file the build writes itself",
                )
                .with_help("rename or remove it"),
            );
            continue;
        }
        // The default stylesheet and script keep their comments in the
        // repository and drop them on the way out: the page has a byte
        // budget.
        let bytes = match std::str::from_utf8(&asset.bytes) {
            Ok(css) if asset.built_in && asset.path.ends_with(".css") => {
                tidy::compact_css(css).into_bytes()
            }
            Ok(js) if asset.built_in && asset.path.ends_with(".js") => {
                tidy::compact_js(js).into_bytes()
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

/// `index.html` and `404.html`.
fn render_pages(
    story: &Story,
    tera: &tera::Tera,
    templates: &[Template],
    options: &RenderOptions,
    facts: &FactsJson,
    locale: &Locale,
) -> Result<(Vec<OutputFile>, Diagnostics), Diagnostics> {
    let (context, not_found_page) = tera_context(
        build_context(story, options, facts, locale),
        options,
        locale,
    )?;

    let mut files = Vec::new();
    let mut diagnostics = Diagnostics::new();
    // The 404 page sees only `page`: it is a small page, and copying the
    // whole story's data for it would double the peak memory of a large one.
    let mut not_found_context = tera::Context::new();
    not_found_context.insert("page", &not_found_page);
    not_found_context.insert("t", &locale.words());
    for &page in PAGES {
        let (context, size) = if page == "404.html" {
            (&not_found_context, 4096)
        } else {
            (&context, page_size_hint(story))
        };
        let mut html = Vec::with_capacity(size);
        match tera.render_to(page, context, &mut html) {
            Ok(()) => {
                tidy::collapse_blank_lines(&mut html);
                files.push(OutputFile {
                    path: page.to_owned(),
                    bytes: html,
                });
            }
            Err(error) => diagnostics.push(template_diagnostic(&error, templates, page)),
        }
    }
    Ok((files, diagnostics))
}

/// The page data as Tera's values, and the 404 page's `page`. The data
/// exists twice while it is copied (ours, then Tera's); copying it a field at
/// a time and freeing each field once copied keeps a large story's peak to
/// Tera's copy and one field of ours, not both whole.
fn tera_context(
    data: context::PageContext,
    options: &RenderOptions,
    locale: &Locale,
) -> Result<(tera::Context, context::PageView), Diagnostics> {
    // GitHub Pages serves 404.html for a missing file at any depth, so its
    // links to the site's own files start from the base URL.
    let mut not_found_page = data.page.clone();
    not_found_page.root = options.base_url.clone().unwrap_or_default();
    let context::PageContext {
        page,
        article,
        takeaways,
        toc,
        groups,
        people,
        quotes,
        timeline,
        updates,
        counts,
    } = data;
    let mut context = tera::Context::new();
    let mut failure = None;
    let mut put = |key: &'static str, value: Result<tera::Value, tera::Error>| match value {
        Ok(value) => context.insert_value(key, value),
        Err(error) => failure = Some(error),
    };
    // Each `value(x)` takes `x` by value, so it is freed as soon as it is
    // copied.
    fn value<T: serde::Serialize>(data: T) -> Result<tera::Value, tera::Error> {
        tera::Value::try_from_serializable(&data)
    }
    put("people", value(people));
    put("article", value(article));
    put("timeline", value(timeline));
    put("quotes", value(quotes));
    put("groups", value(groups));
    put("updates", value(updates));
    put("takeaways", value(takeaways));
    put("toc", value(toc));
    put("counts", value(counts));
    put("page", value(page));
    put("t", value(locale.words()));
    match failure {
        None => Ok((context, not_found_page)),
        Some(error) => Err(single(Diagnostic::file_error(
            "templates",
            format!("cannot prepare the page data: {error}"),
        ))),
    }
}

/// The files for other tools and for crawlers.
fn data_files(
    story: &Story,
    facts: FactsJson,
    options: &RenderOptions,
    locale: &Locale,
) -> Vec<OutputFile> {
    let file = |path: &str, text: String| OutputFile {
        path: path.to_owned(),
        bytes: text.into_bytes(),
    };
    let facts_json = file("facts.json", facts.to_json());
    // Gone before the timeline is made: a large story's facts are tens of
    // megabytes.
    drop(facts);
    let mut files = vec![
        facts_json,
        file("timeline.json", publish::timeline_json(story, locale)),
        file("robots.txt", publish::robots(options.base_url.as_deref())),
        // GitHub Pages would otherwise run the site through Jekyll.
        file(".nojekyll", String::new()),
    ];
    if let Some(base_url) = &options.base_url {
        files.push(file("feed.xml", publish::feed(story, base_url)));
        files.push(file("sitemap.xml", publish::sitemap(story, base_url)));
    }
    files
}

/// More than the page is likely to need. A buffer that grows by doubling is
/// copied each time, and the blocks it leaves behind still count towards
/// the process's peak memory (about twice the page, for a large story);
/// reserved but unwritten capacity costs nothing.
fn page_size_hint(story: &Story) -> usize {
    let items = story.people.len() + story.quotes.len() + story.timeline.len();
    64 * 1024 + 2 * story.article.body.len() + 2048 * items
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
