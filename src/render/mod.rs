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
use crate::ids;
use crate::load::{Asset, AssetSource, Template, Theme};
use crate::model::Story;

use templates::template_diagnostic;
use views::{PageData, Part};

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

/// One file of the plan, before it is made.
struct Output<'a> {
    path: String,
    make: Make<'a>,
}

enum Make<'a> {
    /// A page: a template and the data it sees.
    Page {
        template: &'static str,
        data: PageKind,
    },
    /// A data file, made by a serializer.
    Text(Box<dyn FnOnce() -> String + Send + 'a>),
    /// A file of the theme's `static/`.
    Asset(&'a Asset),
}

/// Which data a page's template sees.
#[derive(Clone, Copy)]
enum PageKind {
    /// The whole explainer.
    Main,
    /// Only `page`: the 404 page is small, and copying the whole story's
    /// data for it would double the peak memory of a large one.
    NotFound,
    /// One part of the explainer on a page of its own: the main page's data
    /// (shared, not copied) and `embed`, which says which part.
    Embed(Part),
    /// The oEmbed response for a part: its title, from the same template
    /// as the embed page's, made into JSON.
    OEmbed(Part),
}

impl PageKind {
    fn template(self) -> &'static str {
        match self {
            PageKind::Main => "index.html",
            PageKind::NotFound => "404.html",
            PageKind::Embed(_) => EMBED_TEMPLATE,
            PageKind::OEmbed(_) => EMBED_TITLE_TEMPLATE,
        }
    }
}

const EMBED_TEMPLATE: &str = "embed.html";
/// An embed's title, for its page, its frame and its oEmbed response.
const EMBED_TITLE_TEMPLATE: &str = "embed-title.html";

/// Every file of the site. Items are marked as `changes` says.
pub fn render(
    story: &Story,
    theme: &Theme,
    options: &RenderOptions,
    changes: &Changes,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let tera = templates::compile(&theme.templates)?;
    let mut diagnostics = Diagnostics::new();
    let outputs = plan(story, theme, options, changes, &mut diagnostics);
    let (pages, others): (Vec<Output>, Vec<Output>) = outputs
        .into_iter()
        .partition(|o| matches!(o.make, Make::Page { .. }));
    let render_pages = || {
        // The main page and every embed see the same data: made once, and
        // shared by the embeds (Tera's values are reference-counted).
        match SharedData::new(story, options, changes) {
            Ok(shared) => pages
                .into_iter()
                .map(|output| {
                    make(
                        output,
                        story,
                        options,
                        Some(&shared),
                        &tera,
                        &theme.templates,
                    )
                })
                .collect::<Vec<_>>(),
            Err(diagnostic) => vec![Err(diagnostic)],
        }
    };
    let render_others = || {
        others
            .into_iter()
            .map(|output| make(output, story, options, None, &tera, &theme.templates))
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
    // A mistake in a template the embeds share fails every embed page the
    // same way: it is told once.
    let mut told = std::collections::HashSet::new();
    for made in pages.into_iter().chain(others) {
        match made {
            Ok(file) => files.push(file),
            Err(diagnostic) => {
                if told.insert(format!("{diagnostic:?}")) {
                    diagnostics.push(diagnostic);
                }
            }
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
    let page = |path: &str, data: PageKind| Output {
        path: path.to_owned(),
        make: Make::Page {
            template: data.template(),
            data,
        },
    };
    let text = |path: &str, make: Box<dyn FnOnce() -> String + Send + 'a>| Output {
        path: path.to_owned(),
        make: Make::Text(make),
    };
    let mut outputs = vec![
        page("index.html", PageKind::Main),
        page("404.html", PageKind::NotFound),
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
    for part in views::parts(story) {
        let id = part.element_id(story);
        outputs.push(page(&ids::embed_path(&id), PageKind::Embed(part)));
        if options.base_url.is_some() {
            outputs.push(page(&ids::oembed_path(&id), PageKind::OEmbed(part)));
        }
    }
    if let Some(base_url) = options.base_url.as_deref() {
        outputs.push(page(ids::MAIN_OEMBED, PageKind::OEmbed(Part::Summary)));
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

/// Carry out one entry of the plan. Pages need the data they share,
/// `shared`; the data files and static files do not.
fn make(
    output: Output,
    story: &Story,
    options: &RenderOptions,
    shared: Option<&SharedData>,
    tera: &tera::Tera,
    templates: &[Template],
) -> Result<OutputFile, Diagnostic> {
    let contents = match output.make {
        Make::Page { template, data } => {
            let Some(shared) = shared else {
                return Err(Diagnostic::file_error(
                    output.path,
                    "internal error: a page was made without the page data",
                ));
            };
            let (context, size) = match data {
                PageKind::Main => (shared.main.clone(), page_size_hint(story)),
                PageKind::NotFound => (not_found_context(story, options)?, 4096),
                PageKind::Embed(part) | PageKind::OEmbed(part) => (
                    shared.embed_context(part, story, options)?,
                    embed_size_hint(part, story),
                ),
            };
            let mut html = Vec::with_capacity(size);
            tera.render_to(template, &context, &mut html)
                .map_err(|error| template_diagnostic(&error, templates, template))?;
            if let PageKind::OEmbed(part) = data {
                Contents::Bytes(oembed(part, &html, story, options).into_bytes())
            } else {
                tidy::collapse_blank_lines(&mut html);
                // Every embed page is held until the site is written, tens
                // of thousands of them for a large story: none may keep
                // more room than it uses.
                if let PageKind::Embed(_) = data {
                    html.shrink_to_fit();
                }
                Contents::Bytes(html)
            }
        }
        Make::Text(make) => Contents::Bytes(make().into_bytes()),
        Make::Asset(asset) => match &asset.source {
            // The default stylesheet and scripts keep their comments in the
            // repository and drop them on the way out: the page has a byte
            // budget.
            AssetSource::BuiltIn(bytes) => match std::str::from_utf8(bytes) {
                Ok(css) if asset.path.ends_with(".css") => {
                    Contents::Bytes(tidy::compact_css(css).into_bytes())
                }
                Ok(js) if asset.path.ends_with(".js") => {
                    Contents::Bytes(tidy::compact_js(js).into_bytes())
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

/// What the main page and the embeds see, made once per build.
struct SharedData {
    main: tera::Context,
    event_items: Vec<usize>,
}

impl SharedData {
    fn new(story: &Story, options: &RenderOptions, changes: &Changes) -> Result<Self, Diagnostic> {
        let mut data = views::page_data(story, options, changes);
        let event_items = std::mem::take(&mut data.event_items);
        Ok(SharedData {
            main: main_context(data)?,
            event_items,
        })
    }

    /// The main page's context and `embed`: a copy of a handful of
    /// reference-counted values, however large the story.
    fn embed_context(
        &self,
        part: Part,
        story: &Story,
        options: &RenderOptions,
    ) -> Result<tera::Context, Diagnostic> {
        let mut context = self.main.clone();
        let embed = views::embed_view(part, story, &self.event_items, options);
        let value = tera::Value::try_from_serializable(&embed).map_err(|e| cannot_prepare(&e))?;
        context.insert_value("embed", value);
        Ok(context)
    }
}

/// An oEmbed response, around the title its template rendered.
fn oembed(part: Part, title_html: &[u8], story: &Story, options: &RenderOptions) -> String {
    let base_url = options.base_url.as_deref().unwrap_or_default();
    publish::oembed(&publish::OEmbed {
        title_html: &String::from_utf8_lossy(title_html),
        src: format!("{base_url}{}", ids::embed_path(&part.element_id(story))),
        width: views::OEMBED_WIDTH,
        height: views::estimated_height(part, story),
        provider_name: story.publisher(),
        base_url,
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
        event_items: _,
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

fn cannot_prepare(error: &tera::Error) -> Diagnostic {
    Diagnostic::file_error(
        "templates",
        format!("cannot prepare the page data: {error}"),
    )
}

/// An embed of a section holds all of its items; one of a single item, or
/// an oEmbed title, is small.
fn embed_size_hint(part: Part, story: &Story) -> usize {
    let items = match part {
        Part::WhosWho => story.people.len(),
        Part::Quotes => story.quotes.len(),
        Part::Timeline => story.timeline.len(),
        _ => 0,
    };
    8 * 1024 + 2048 * items
}

/// More than the page is likely to need. A buffer that grows by doubling is
/// copied each time, and the blocks it leaves behind still count towards
/// the process's peak memory (about twice the page, for a large story);
/// reserved but unwritten capacity costs nothing.
fn page_size_hint(story: &Story) -> usize {
    64 * 1024 + 2 * story.article.body.len() + 2048 * story_size(story)
}
