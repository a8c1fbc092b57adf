//! Stage 3: the checked story and the theme into finished files, in memory.
//! Nothing here touches the disk.
//!
//! What a build writes is a plan: a list of outputs, each a path and how to
//! make it (a template with its data, a serializer, or a static file). A new
//! page is one more entry in [`plan`].

mod cards;
pub mod markdown;
mod pictures;
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
use crate::locale::Locale;
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
    /// Where resized pictures are kept between builds; `None` makes them
    /// every time.
    pub cache: Option<std::sync::Arc<crate::cache::Cache>>,
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
    Text(Box<dyn FnOnce() -> String + 'a>),
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
    let locale = Locale::new(&story.article.lang, &story.translations);
    let stories: Vec<&Story> = std::iter::once(story)
        .chain(past.iter().map(|e| e.story))
        .collect();
    let no_cache = crate::cache::Cache::none();
    let cache = options.cache.as_deref().unwrap_or(&no_cache);
    let mut pictures = pictures::prepare(&stories, theme, cache)?;
    let mut diagnostics = Diagnostics::new();
    let mut outputs = plan(
        story,
        theme,
        options,
        &locale,
        changes,
        &mut pictures,
        &mut diagnostics,
    );
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
                        earlier: Some(views::DateView::of_time(edition.story.edition(), &locale)),
                    },
                ),
            },
        });
    }
    let record = views::record(latest, past, &locale);
    // One output at a time, in order. Rendering the data files on the
    // second core beside the page was measured at the largest benchmark
    // size: a little faster, but 163 MiB at the peak instead of 139, as
    // facts.json and the page were held at once. The second core renders
    // the page's cards instead (see `cards`).
    let site = Site {
        story,
        options,
        locale: &locale,
        record: &record,
        tera: &tera,
        templates: &theme.templates,
        pictures: &pictures,
    };
    let made: Vec<Result<OutputFile, Diagnostic>> = outputs
        .into_iter()
        .map(|output| make(output, &site))
        .collect();
    let mut files = Vec::new();
    for made in made {
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

fn story_size(story: &Story) -> usize {
    story.people.len() + story.quotes.len() + story.timeline.len()
}

/// What the build writes, in order.
fn plan<'a>(
    story: &'a Story,
    theme: &'a Theme,
    options: &'a RenderOptions,
    locale: &'a Locale,
    changes: &'a Changes,
    pictures: &mut pictures::Pictures,
    diagnostics: &mut Diagnostics,
) -> Vec<Output<'a>> {
    let page = |path: &str, template: &'static str, data| Output {
        path: path.to_owned(),
        make: Make::Page { template, data },
    };
    let text = |path: &str, make: Box<dyn FnOnce() -> String + 'a>| Output {
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
        text(
            "timeline.json",
            Box::new(|| publish::timeline_json(story, locale)),
        ),
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
    for file in std::mem::take(&mut pictures.files) {
        outputs.push(Output {
            path: file.path,
            make: Make::Ready(file.contents),
        });
    }
    // A picture shown only in its resized versions is not published
    // itself: nothing on the page would load it.
    for asset in theme
        .assets
        .iter()
        .filter(|a| !pictures.unshipped.contains(&a.path))
    {
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

/// What every entry of the plan is made from.
struct Site<'a> {
    story: &'a Story,
    options: &'a RenderOptions,
    locale: &'a Locale,
    record: &'a [views::EditionRecord],
    tera: &'a tera::Tera,
    templates: &'a [Template],
    pictures: &'a pictures::Pictures,
}

/// Carry out one entry of the plan.
fn make(output: Output, site: &Site) -> Result<OutputFile, Diagnostic> {
    let Site {
        story,
        options,
        locale,
        record,
        tera,
        templates,
        pictures,
    } = *site;
    let contents = match output.make {
        Make::Page { template, data } => {
            let (context, size) = match data {
                PageKind::Main(edition, place) => {
                    let mut data = views::page_data(
                        edition.story,
                        options,
                        locale,
                        edition.changes,
                        pictures,
                        &place.root,
                    );
                    data.page.changes_url = Some(format!("{}changes.html", place.root));
                    data.page.earlier = place.earlier.map(|as_of| views::EarlierView {
                        as_of,
                        latest_url: format!("{}index.html", place.root),
                    });
                    data.page.root = place.root;
                    (
                        main_context(data, locale, tera, templates)?,
                        page_size_hint(edition.story),
                    )
                }
                PageKind::NotFound => (not_found_context(story, options, locale, pictures)?, 4096),
                PageKind::Changes => (
                    changes_context(story, options, locale, record, pictures)?,
                    16 * 1024,
                ),
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
            // The default stylesheet and script keep their comments in the
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

/// The page data as Tera's values. The repeated parts are rendered first,
/// each on its own (see [`cards`]), and the page sees their HTML; the rest
/// is copied a field at a time, each field freed once copied.
fn main_context(
    data: PageData,
    locale: &Locale,
    tera: &tera::Tera,
    templates: &[Template],
) -> Result<tera::Context, Diagnostic> {
    let page = value(&data.page)?;
    let words = value(locale.words())?;
    let mut globals = tera::Context::new();
    globals.insert_value("page", page.clone());
    globals.insert_value("t", words.clone());
    let parts = cards::Parts::new(tera, templates, globals);
    let mut cards = parts.render(&data)?;
    let PageData {
        page: _,
        article,
        takeaways,
        toc,
        mut groups,
        people,
        quotes,
        timeline,
        updates,
        counts,
    } = data;
    drop((people, quotes, timeline));
    for group in &mut groups {
        group.cards = group
            .people
            .iter()
            .map(|&i| std::mem::take(&mut cards.people[i]))
            .collect();
    }
    let mut context = tera::Context::new();
    // Each `value(x)` takes `x` by value, so it is freed as soon as it is
    // copied.
    context.insert_value("groups", value(groups)?);
    context.insert_value("quote_cards", value(cards.quotes)?);
    context.insert_value("event_cards", value(cards.timeline)?);
    context.insert_value("article", value(article)?);
    context.insert_value("updates", value(updates)?);
    context.insert_value("takeaways", value(takeaways)?);
    context.insert_value("toc", value(toc)?);
    context.insert_value("counts", value(counts)?);
    context.insert_value("page", page);
    context.insert_value("t", words);
    Ok(context)
}

fn value<T: serde::Serialize>(data: T) -> Result<tera::Value, Diagnostic> {
    tera::Value::try_from_serializable(&data).map_err(|e| cannot_prepare(&e))
}

fn not_found_context(
    story: &Story,
    options: &RenderOptions,
    locale: &Locale,
    pictures: &pictures::Pictures,
) -> Result<tera::Context, Diagnostic> {
    let mut page = views::page_view(story, options, locale, pictures);
    // GitHub Pages serves 404.html for a missing file at any depth, so its
    // links to the site's own files start from the base URL.
    page.root = options.base_url.clone().unwrap_or_default();
    let mut context = tera::Context::new();
    context.insert_value("page", value(page)?);
    context.insert_value("t", value(locale.words())?);
    Ok(context)
}

fn changes_context(
    story: &Story,
    options: &RenderOptions,
    locale: &Locale,
    record: &[views::EditionRecord],
    pictures: &pictures::Pictures,
) -> Result<tera::Context, Diagnostic> {
    let mut page = views::page_view(story, options, locale, pictures);
    page.changes_url = Some("changes.html".to_owned());
    let mut context = tera::Context::new();
    context.insert_value("page", value(page)?);
    context.insert_value("t", value(locale.words())?);
    context.insert_value("editions", value(record)?);
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
