//! Stage 3: the checked story and the theme into finished files, in memory.
//! Nothing here touches the disk.
//!
//! What a build writes is a plan: a list of outputs, each a path and how to
//! make it (a template with its data, a serializer, or a static file). A new
//! page is one more entry in [`plan`]. The plan is then carried out on both
//! cores: the page on one, the data files on the other.

pub mod markdown;
mod publish;
mod templates;
mod tidy;
mod views;

use std::borrow::Cow;
use std::path::PathBuf;

use crate::changes::Changes;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts_json::FactsJson;
use crate::load::{Asset, AssetSource, Template, Theme};
use crate::model::Story;

use templates::template_diagnostic;
use views::PageData;

/// What the writer puts on disk, at a path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Contents,
}

/// A file's bytes, or where to copy them from: a story's own static files
/// (pictures, most of all) are copied from disk rather than held in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    Copy(PathBuf),
}

impl OutputFile {
    /// The file's bytes, read from disk when it is a copy.
    pub fn read(&self) -> std::io::Result<Cow<'_, [u8]>> {
        match &self.contents {
            Contents::Bytes(bytes) => Ok(Cow::Borrowed(bytes)),
            Contents::Copy(from) => std::fs::read(from).map(Cow::Owned),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// The absolute URL the site is published at, if known
    /// (`https://user.github.io/repo/`).
    pub base_url: Option<String>,
}

/// One edition of the story, checked, with what changed since the one
/// before it.
#[derive(Clone, Copy)]
pub struct Edition<'a> {
    pub story: &'a Story,
    pub changes: &'a Changes,
}

/// One file of the plan, before it is made.
struct Output<'a> {
    path: String,
    make: Make<'a>,
}

enum Make<'a> {
    /// A page: a template and the data it sees.
    Page {
        template: &'static str,
        data: PageKind<'a>,
    },
    /// A data file, made by a serializer.
    Text(Box<dyn FnOnce() -> String + Send + 'a>),
    /// A file of the theme's `static/`.
    Asset(&'a Asset),
    /// A file made by an earlier build from the same inputs.
    Ready(Contents),
}

/// Which data a page's template sees.
enum PageKind<'a> {
    /// The whole explainer, of the latest edition or a past one.
    Main(Edition<'a>, Place),
    /// Only `page`: the 404 page is small, and copying the whole story's
    /// data for it would double the peak memory of a large one.
    NotFound,
    /// The record of changes, edition by edition.
    Changes,
}

/// Where a page sits in the site, for its links to the rest of it.
#[derive(Clone)]
struct Place {
    /// What links to the site's own files start with (`../../` for
    /// `editions/<id>/index.html`).
    root: String,
    /// Set on a past edition: its time, for the banner.
    earlier: Option<views::DateView>,
}

impl Place {
    fn latest() -> Place {
        Place {
            root: String::new(),
            earlier: None,
        }
    }
}

/// Every file of the site. Items are marked as `changes` says.
pub fn render(
    story: &Story,
    theme: &Theme,
    options: &RenderOptions,
    changes: &Changes,
) -> Result<Vec<OutputFile>, Diagnostics> {
    render_site(Edition { story, changes }, &[], None, theme, options)
}

/// The files of the past editions among `files`, which [`render_site`]
/// can be given back while the past editions and the theme stay the same.
pub fn edition_pages(files: &[OutputFile]) -> Vec<OutputFile> {
    files
        .iter()
        .filter(|f| f.path.starts_with(views::EDITIONS))
        .cloned()
        .collect()
}

/// Every file of the site, with each past edition (oldest first) under
/// `editions/<edition id>/` and the record of changes of all of them.
/// `past_pages`, when given, are those editions' pages as an earlier call
/// made them from the same editions, theme and options.
pub fn render_site(
    latest: Edition,
    past: &[Edition],
    past_pages: Option<&[OutputFile]>,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let story = latest.story;
    let changes = latest.changes;
    let tera = templates::compile(&theme.templates)?;
    let mut diagnostics = Diagnostics::new();
    let mut outputs = plan(story, theme, options, changes, &mut diagnostics);
    for file in past_pages.unwrap_or_default() {
        outputs.push(Output {
            path: file.path.clone(),
            make: Make::Ready(file.contents.clone()),
        });
    }
    for edition in past.iter().filter(|_| past_pages.is_none()) {
        outputs.push(Output {
            path: format!(
                "{}index.html",
                views::edition_folder(edition.story.edition())
            ),
            make: Make::Page {
                template: "index.html",
                data: PageKind::Main(
                    *edition,
                    Place {
                        root: "../../".to_owned(),
                        earlier: Some(views::DateView::of_time(edition.story.edition())),
                    },
                ),
            },
        });
    }
    let record = views::record(latest, past);
    let (pages, others): (Vec<Output>, Vec<Output>) = outputs
        .into_iter()
        .partition(|o| matches!(o.make, Make::Page { .. }));
    let render_pages = || {
        pages
            .into_iter()
            .map(|output| make(output, story, options, &record, &tera, &theme.templates))
            .collect::<Vec<_>>()
    };
    let render_others = || {
        others
            .into_iter()
            .map(|output| make(output, story, options, &record, &tera, &theme.templates))
            .collect::<Vec<_>>()
    };
    // A realistic page takes less time to render than a thread to start;
    // a large one renders its data files on the second core.
    let (pages, others) = if story_size(story) < PARALLEL_FROM_ITEMS {
        (render_pages(), render_others())
    } else {
        std::thread::scope(|scope| {
            let others = scope.spawn(render_others);
            let pages = render_pages();
            let others = others
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (pages, others)
        })
    };
    let mut files = Vec::new();
    for made in pages.into_iter().chain(others) {
        match made {
            Ok(file) => files.push(file),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(files)
}

/// Stories with fewer people, quotes and events than this are rendered on
/// one thread.
const PARALLEL_FROM_ITEMS: usize = 2000;

fn story_size(story: &Story) -> usize {
    story.people.len() + story.quotes.len() + story.timeline.len()
}

/// What the build writes, in order.
fn plan<'a>(
    story: &'a Story,
    theme: &'a Theme,
    options: &'a RenderOptions,
    changes: &'a Changes,
    diagnostics: &mut Diagnostics,
) -> Vec<Output<'a>> {
    let page = |path: &str, template: &'static str, data| Output {
        path: path.to_owned(),
        make: Make::Page { template, data },
    };
    let text = |path: &str, make: Box<dyn FnOnce() -> String + Send + 'a>| Output {
        path: path.to_owned(),
        make: Make::Text(make),
    };
    let mut outputs = vec![
        page(
            "index.html",
            "index.html",
            PageKind::Main(Edition { story, changes }, Place::latest()),
        ),
        page("404.html", "404.html", PageKind::NotFound),
        page("changes.html", "changes.html", PageKind::Changes),
        text(
            "facts.json",
            Box::new(|| FactsJson::from_story(story, changes).to_json()),
        ),
        text("timeline.json", Box::new(|| publish::timeline_json(story))),
        text(
            "robots.txt",
            Box::new(|| publish::robots(options.base_url.as_deref())),
        ),
        // GitHub Pages would otherwise run the site through Jekyll.
        text(".nojekyll", Box::new(String::new)),
    ];
    if let Some(base_url) = options.base_url.as_deref() {
        outputs.push(text(
            "feed.xml",
            Box::new(move || publish::feed(story, base_url)),
        ));
        outputs.push(text(
            "sitemap.xml",
            Box::new(move || publish::sitemap(story, base_url)),
        ));
    }
    for asset in &theme.assets {
        if outputs.iter().any(|o| o.path == asset.path) {
            diagnostics.push(
                Diagnostic::file_error(
                    format!("static/{}", asset.path),
                    "this file would overwrite a file the build writes itself",
                )
                .with_help("rename or remove it"),
            );
            continue;
        }
        outputs.push(Output {
            path: asset.path.clone(),
            make: Make::Asset(asset),
        });
    }
    outputs
}

/// Carry out one entry of the plan.
fn make(
    output: Output,
    story: &Story,
    options: &RenderOptions,
    record: &[views::EditionRecord],
    tera: &tera::Tera,
    templates: &[Template],
) -> Result<OutputFile, Diagnostic> {
    let contents = match output.make {
        Make::Page { template, data } => {
            let (context, size) = match data {
                PageKind::Main(edition, place) => {
                    let mut data = views::page_data(edition.story, options, edition.changes);
                    data.page.changes_url = Some(format!("{}changes.html", place.root));
                    data.page.earlier = place.earlier.map(|as_of| views::EarlierView {
                        as_of,
                        latest_url: format!("{}index.html", place.root),
                    });
                    data.page.root = place.root;
                    (main_context(data)?, page_size_hint(edition.story))
                }
                PageKind::NotFound => (not_found_context(story, options)?, 4096),
                PageKind::Changes => (changes_context(story, options, record)?, 16 * 1024),
            };
            let mut html = Vec::with_capacity(size);
            tera.render_to(template, &context, &mut html)
                .map_err(|error| template_diagnostic(&error, templates, template))?;
            tidy::collapse_blank_lines(&mut html);
            Contents::Bytes(html)
        }
        Make::Text(make) => Contents::Bytes(make().into_bytes()),
        Make::Ready(contents) => contents,
        Make::Asset(asset) => match &asset.source {
            // The default stylesheet keeps its comments in the repository
            // and drops them on the way out: the page has a byte budget.
            AssetSource::BuiltIn(bytes) => match std::str::from_utf8(bytes) {
                Ok(css) if asset.path.ends_with(".css") => {
                    Contents::Bytes(tidy::compact_css(css).into_bytes())
                }
                _ => Contents::Bytes(bytes.to_vec()),
            },
            // A root's own files are published byte for byte.
            AssetSource::File(path) => Contents::Copy(path.clone()),
        },
    };
    Ok(OutputFile {
        path: output.path,
        contents,
    })
}

/// The page data as Tera's values. The data exists twice while it is
/// copied (ours, then Tera's); copying it a field at a time and freeing
/// each field once copied keeps a large story's peak to Tera's copy and one
/// field of ours, not both whole.
fn main_context(data: PageData) -> Result<tera::Context, Diagnostic> {
    let PageData {
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
    match failure {
        None => Ok(context),
        Some(error) => Err(cannot_prepare(&error)),
    }
}

fn not_found_context(story: &Story, options: &RenderOptions) -> Result<tera::Context, Diagnostic> {
    let mut page = views::page_view(story, options);
    // GitHub Pages serves 404.html for a missing file at any depth, so its
    // links to the site's own files start from the base URL.
    page.root = options.base_url.clone().unwrap_or_default();
    let mut context = tera::Context::new();
    let value = tera::Value::try_from_serializable(&page).map_err(|e| cannot_prepare(&e))?;
    context.insert_value("page", value);
    Ok(context)
}

fn changes_context(
    story: &Story,
    options: &RenderOptions,
    record: &[views::EditionRecord],
) -> Result<tera::Context, Diagnostic> {
    let mut page = views::page_view(story, options);
    page.changes_url = Some("changes.html".to_owned());
    let mut context = tera::Context::new();
    let page = tera::Value::try_from_serializable(&page).map_err(|e| cannot_prepare(&e))?;
    context.insert_value("page", page);
    let editions = tera::Value::try_from_serializable(&record).map_err(|e| cannot_prepare(&e))?;
    context.insert_value("editions", editions);
    Ok(context)
}

fn cannot_prepare(error: &tera::Error) -> Diagnostic {
    Diagnostic::file_error(
        "templates",
        format!("cannot prepare the page data: {error}"),
    )
}

/// More than the page is likely to need. A buffer that grows by doubling is
/// copied each time, and the blocks it leaves behind still count towards
/// the process's peak memory (about twice the page, for a large story);
/// reserved but unwritten capacity costs nothing.
fn page_size_hint(story: &Story) -> usize {
    64 * 1024 + 2 * story.article.body.len() + 2048 * story_size(story)
}
