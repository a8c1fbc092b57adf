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
pub mod share_card;
mod templates;
mod tidy;
mod views;

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::PathBuf;

use crate::changes::Changes;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts_json::FactsJson;
use crate::ids;
use crate::load::{Asset, AssetSource, Template, Theme};
use crate::locale::Locale;
use crate::model::Story;

use cards::Cards;
use templates::template_diagnostic;
use views::{Embed, PageData, Part};

/// Every file of the site, and what the editor should hear about it.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub files: Vec<OutputFile>,
    /// Warnings only: with an error nothing is rendered.
    pub warnings: Diagnostics,
}

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
    /// Leave out the pictures the build draws (the share card), which the
    /// page still names: for a tool that reads only the markup, as the
    /// script-injection tests do a thousand times over.
    pub skip_pictures: bool,
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
    /// A picture drawn by the build.
    Picture(Box<dyn FnOnce() -> share_card::Drawn + 'a>),
    /// A file of the theme's `static/`.
    Asset(&'a Asset),
    /// A file made by an earlier build from the same inputs.
    Ready(Contents),
}

/// Which data a page's template sees.
enum PageKind<'a> {
    /// The whole explainer, of the latest edition.
    Latest,
    /// The whole explainer as a past edition was.
    Past(Edition<'a>, Place),
    /// One part of the latest edition on a page of its own.
    Embed(&'a Embed),
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

/// The template of every embed page; `embed.kind` says which part it shows.
const EMBED_TEMPLATE: &str = "embed.html";

/// Every file of the site. Items are marked as `changes` says.
pub fn render(
    story: &Story,
    theme: &Theme,
    options: &RenderOptions,
    changes: &Changes,
) -> Result<Rendered, Diagnostics> {
    render_site(Edition { story, changes }, &[], None, theme, options)
}

/// Whether a file of the site is a past edition's page, which
/// [`render_site`] can be given back while the past editions and the theme
/// stay the same.
pub fn is_edition_page(path: &str) -> bool {
    path.starts_with(views::EDITIONS)
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
) -> Result<Rendered, Diagnostics> {
    let mut files = Vec::new();
    let warnings = render_site_into(latest, past, past_pages, theme, options, &mut |file| {
        files.push(file)
    })?;
    Ok(Rendered { files, warnings })
}

/// [`render_site`], handing each file to `put` as soon as it is made, so
/// that the writer can write it and nothing holds every file at once (a
/// large story's embed pages are tens of thousands); it returns the
/// warnings. On an error, `put` has been given some files but not all:
/// they are not a site.
pub fn render_site_into(
    latest: Edition,
    past: &[Edition],
    past_pages: Option<&[OutputFile]>,
    theme: &Theme,
    options: &RenderOptions,
    put: &mut dyn FnMut(OutputFile),
) -> Result<Diagnostics, Diagnostics> {
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
    // The resized pictures' files go into the plan; the rest of `pictures`
    // (which version is shown where) is read by the views.
    let picture_files = std::mem::take(&mut pictures.files);
    let record = views::record(latest, past, &locale);
    let latest = Latest::prepare(latest, options, &locale, &tera, &theme.templates, &pictures)
        .map_err(|d| diagnostics.push(d))
        .ok();
    let from = PlanFrom {
        story,
        theme,
        options,
        locale: &locale,
        changes,
        latest: latest.as_ref(),
    };
    let mut outputs = plan(from, picture_files, &pictures, &mut diagnostics);
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
                data: PageKind::Past(
                    *edition,
                    Place {
                        root: "../../".to_owned(),
                        earlier: Some(views::DateView::of_time(edition.story.edition(), &locale)),
                    },
                ),
            },
        });
    }
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
        latest: latest.as_ref(),
        tera: &tera,
        templates: &theme.templates,
        pictures: &pictures,
    };
    // A mistake in the template every embed page shares fails them all the
    // same way: it is told once.
    let mut told = std::collections::HashSet::new();
    for output in outputs {
        match make(output, &site, &mut diagnostics) {
            Ok(file) => put(file),
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
    Ok(diagnostics)
}

fn story_size(story: &Story) -> usize {
    story.people.len() + story.quotes.len() + story.timeline.len()
}

/// What the latest edition's files are made from.
struct PlanFrom<'a> {
    story: &'a Story,
    theme: &'a Theme,
    options: &'a RenderOptions,
    locale: &'a Locale,
    changes: &'a Changes,
    /// The latest edition's views and cards, unless they failed.
    latest: Option<&'a Latest<'a>>,
}

/// What the build writes, in order.
fn plan<'a>(
    from: PlanFrom<'a>,
    picture_files: Vec<OutputFile>,
    pictures: &pictures::Pictures,
    diagnostics: &mut Diagnostics,
) -> Vec<Output<'a>> {
    let PlanFrom {
        story,
        theme,
        options,
        locale,
        changes,
        latest,
    } = from;
    let page = |path: &str, template: &'static str, data| Output {
        path: path.to_owned(),
        make: Make::Page { template, data },
    };
    let text = |path: &str, make: Box<dyn FnOnce() -> String + 'a>| Output {
        path: path.to_owned(),
        make: Make::Text(make),
    };
    let mut outputs = Vec::new();
    if let Some(latest) = latest {
        for embed in &latest.embeds {
            outputs.push(page(
                &ids::embed_path(&embed.id),
                EMBED_TEMPLATE,
                PageKind::Embed(embed),
            ));
            if let Some(base_url) = options.base_url.as_deref() {
                outputs.push(text(
                    &ids::oembed_path(&embed.id),
                    Box::new(move || oembed(embed, story, base_url)),
                ));
                // A quote shared on its own shows as that quote. Only with
                // a base URL: a card is shared by its absolute address, and
                // each costs tens of milliseconds to draw the first time.
                if let (Part::Quote(i), false) = (embed.part, options.skip_pictures) {
                    outputs.push(Output {
                        path: ids::quote_card_path(&embed.id),
                        make: Make::Picture(Box::new(move || {
                            let words = quoted(story, i, locale);
                            let card = quote_card(story, i, &words, locale);
                            draw_cached(options, &share_card::quote_card_words(&card), || {
                                share_card::draw_quote_card(&card)
                            })
                        })),
                    });
                }
            }
        }
        if let (Some(base_url), Some(summary)) =
            (options.base_url.as_deref(), latest.embeds.first())
        {
            outputs.push(text(
                ids::MAIN_OEMBED,
                Box::new(move || oembed(summary, story, base_url)),
            ));
        }
        // After the embeds: the main page takes the cards they show, so
        // that a large story's cards are not held twice while it renders.
        outputs.push(page("index.html", "index.html", PageKind::Latest));
    }
    outputs.extend([
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
    ]);
    if let (views::ShareImage::Drawn, false) = (views::share_image(story), options.skip_pictures) {
        outputs.push(Output {
            path: views::SHARE_CARD.to_owned(),
            make: Make::Picture(Box::new(|| {
                let date = card_date(story, locale);
                let card = story_card(story, locale, &date);
                draw_cached(options, &share_card::story_card_words(&card), || {
                    share_card::story_card(&card)
                })
            })),
        });
    }
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
    for file in picture_files {
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

/// The story's card, in the page's words and direction.
fn story_card<'a>(
    story: &'a Story,
    locale: &'a Locale,
    date: &'a str,
) -> share_card::StoryCard<'a> {
    let article = &story.article;
    share_card::StoryCard {
        kicker: locale.word("kicker"),
        title: &article.title,
        dek: article.description.as_deref(),
        publisher: story.publisher(),
        date,
        lang: &article.lang,
        direction: locale.direction,
    }
}

/// The story's `index`-th quote in the language's quotation marks.
fn quoted(story: &Story, index: usize, locale: &Locale) -> String {
    let text = crate::quotes::without_marks(&story.quotes[index].text);
    format!(
        "{}{text}{}",
        locale.word("quote_open"),
        locale.word("quote_close")
    )
}

/// The card of the story's `index`-th quote: its `words`, who said it and
/// the story's title.
fn quote_card<'a>(
    story: &'a Story,
    index: usize,
    words: &'a str,
    locale: &Locale,
) -> share_card::QuoteCard<'a> {
    let quote = &story.quotes[index];
    let speaker = &story.people[quote.speaker];
    share_card::QuoteCard {
        words,
        speaker: &speaker.name,
        role: Some(speaker.role.as_str()).filter(|role| !role.is_empty()),
        story_title: &story.article.title,
        lang: quote.lang.as_deref().unwrap_or(&story.article.lang),
        direction: locale.direction,
    }
}

/// A card from the story's cache when it has one.
fn draw_cached(
    options: &RenderOptions,
    words: &[&str],
    draw: impl FnOnce() -> share_card::Drawn,
) -> share_card::Drawn {
    match options.cache.as_deref() {
        Some(cache) => share_card::cached(cache, words, draw),
        None => draw(),
    }
}

/// The day of publication as the page writes it, without the time: the
/// card is a picture of the masthead, not a record.
fn card_date(story: &Story, locale: &Locale) -> String {
    let day = crate::date::Timestamp {
        time: None,
        ..story.article.published.clone()
    };
    locale.dates.timestamp(&day)
}

/// What every entry of the plan is made from.
struct Site<'a> {
    story: &'a Story,
    options: &'a RenderOptions,
    locale: &'a Locale,
    record: &'a [views::EditionRecord],
    /// The latest edition's views and cards, unless they failed.
    latest: Option<&'a Latest<'a>>,
    tera: &'a tera::Tera,
    templates: &'a [Template],
    pictures: &'a pictures::Pictures,
}

/// Carry out one entry of the plan.
fn make(output: Output, site: &Site, warnings: &mut Diagnostics) -> Result<OutputFile, Diagnostic> {
    let Site {
        story,
        options,
        locale,
        record,
        latest,
        tera,
        templates,
        pictures,
    } = *site;
    let contents = match output.make {
        Make::Page { template, data } => {
            let (context, size) = match data {
                PageKind::Latest => {
                    let latest = latest.ok_or_else(|| unprepared(&output.path))?;
                    let Some(data) = latest.data.borrow_mut().take() else {
                        return Err(unprepared(&output.path));
                    };
                    (
                        main_context(data, latest.cards.take(), locale)?,
                        page_size_hint(story),
                    )
                }
                PageKind::Embed(embed) => {
                    let latest = latest.ok_or_else(|| unprepared(&output.path))?;
                    (
                        latest.embed_context(embed, options)?,
                        embed_size_hint(embed.part, &latest.cards.borrow()),
                    )
                }
                PageKind::Past(edition, place) => {
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
                    if !place.root.is_empty() {
                        views::place_page(
                            &mut data.page,
                            edition.story,
                            options,
                            &place.root,
                            pictures,
                        );
                    }
                    data.page.root = place.root;
                    data.page.script_words = publish::script_words_without_embeds(locale);
                    let cards = cards::render(&data, locale, tera, templates)?;
                    (
                        main_context(data, cards, locale)?,
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
        Make::Picture(draw) => {
            let drawn = draw();
            if !drawn.missing.is_empty() {
                warnings.push(missing_glyphs(&output.path, &drawn.missing));
            }
            Contents::Bytes(drawn.png)
        }
        Make::Ready(contents) => contents,
        Make::Asset(asset) => match &asset.source {
            // The default stylesheets keep their comments in the repository
            // and drop them on the way out, and the scripts come minified:
            // the page has a byte budget.
            AssetSource::BuiltIn { published, .. } => match std::str::from_utf8(published) {
                Ok(css) if asset.path.ends_with(".css") => {
                    Contents::Bytes(tidy::compact_css(css).into_bytes())
                }
                _ => Contents::Bytes(published.to_vec()),
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

/// The latest edition's views and cards, made once before the plan is
/// carried out: the main page takes the views, and every embed shows the
/// cards the main page shows.
struct Latest<'a> {
    /// Until the main page takes them.
    data: RefCell<Option<PageData<'a>>>,
    /// Until the main page takes them: it is made after every embed.
    cards: RefCell<Cards>,
    embeds: Vec<Embed>,
    /// The person embeds' group headings, per person.
    groups_of_people: Vec<&'a str>,
    /// The sections' group headings and ids, for the who's-who embed.
    groups: Vec<(&'a str, String, Vec<usize>)>,
    takeaways: Vec<String>,
    /// What every embed page sees besides its part: `page` and `t`.
    globals: tera::Context,
}

impl<'a> Latest<'a> {
    fn prepare(
        edition: Edition<'a>,
        options: &RenderOptions,
        locale: &'a Locale,
        tera: &tera::Tera,
        templates: &[Template],
        pictures: &'a pictures::Pictures,
    ) -> Result<Latest<'a>, Diagnostic> {
        let mut data = views::page_data(
            edition.story,
            options,
            locale,
            edition.changes,
            pictures,
            "",
        );
        data.page.changes_url = Some("changes.html".to_owned());
        let cards = cards::render(&data, locale, tera, templates)?;
        let mut globals = tera::Context::new();
        globals.insert_value("page", value(views::EmbedPageView::of(&data.page))?);
        globals.insert_value("t", value(locale.words())?);
        let embeds = views::embeds(&data, locale);
        let groups_of_people = data.people.iter().map(|p| p.group).collect();
        // The cards are made from these views, and the embeds named: a large
        // story's views need not be held while its thousands of embeds are
        // rendered.
        data.people = Vec::new();
        data.quotes = Vec::new();
        data.timeline = Vec::new();
        Ok(Latest {
            embeds,
            groups_of_people,
            groups: data
                .groups
                .iter()
                .map(|g| (g.name, g.id.clone(), g.people.clone()))
                .collect(),
            takeaways: data.takeaways.clone(),
            globals,
            cards: RefCell::new(cards),
            data: RefCell::new(Some(data)),
        })
    }

    /// An embed page sees `page` and `t` as every page does, `embed` (which
    /// part it is and its title), and the finished HTML of what it shows:
    /// `card` for one person, quote or event (and `group`, a person's
    /// group), `groups` or `cards` for a section, `takeaways` for the
    /// summary.
    fn embed_context(
        &self,
        embed: &Embed,
        options: &RenderOptions,
    ) -> Result<tera::Context, Diagnostic> {
        let mut context = self.globals.clone();
        let view = views::EmbedView::of(embed, options.base_url.as_deref(), !options.skip_pictures);
        context.insert_value("embed", value(view)?);
        let cards = &*self.cards.borrow();
        // The main page takes the cards once every embed is made; a card
        // missing here is a mistake in the plan's order, told, not a panic.
        fn card<'c>(cards: &'c [String], i: usize, embed: &Embed) -> Result<&'c str, Diagnostic> {
            cards
                .get(i)
                .map(String::as_str)
                .ok_or_else(|| unprepared(&ids::embed_path(&embed.id)))
        }
        match embed.part {
            Part::Summary => context.insert_value("takeaways", value(&self.takeaways)?),
            Part::WhosWho => {
                let groups: Vec<_> = self
                    .groups
                    .iter()
                    .map(|(name, id, people)| {
                        Ok(views::EmbedGroup {
                            name,
                            id,
                            cards: people
                                .iter()
                                .map(|&i| card(&cards.people, i, embed))
                                .collect::<Result<_, _>>()?,
                        })
                    })
                    .collect::<Result<_, Diagnostic>>()?;
                context.insert_value("groups", value(groups)?);
            }
            Part::Quotes => context.insert_value("cards", value(&cards.quotes)?),
            Part::Timeline => context.insert_value("cards", value(&cards.timeline)?),
            Part::Person(i) => {
                context.insert_value("card", value(card(&cards.people, i, embed)?)?);
                context.insert_value("group", value(self.groups_of_people[i])?);
            }
            Part::Quote(i) => context.insert_value("card", value(card(&cards.quotes, i, embed)?)?),
            Part::Event(i) => {
                context.insert_value("card", value(card(&cards.timeline, i, embed)?)?)
            }
        }
        Ok(context)
    }
}

/// An oEmbed response for an embed page.
fn oembed(embed: &Embed, story: &Story, base_url: &str) -> String {
    publish::oembed(&publish::OEmbed {
        title: &embed.title,
        src: format!("{base_url}{}", ids::embed_path(&embed.id)),
        width: views::OEMBED_WIDTH,
        height: embed.height,
        provider_name: story.publisher(),
        base_url,
    })
}

fn unprepared(path: &str) -> Diagnostic {
    Diagnostic::file_error(
        path,
        "internal error: this page's data was not made (an error above says why)",
    )
}

/// The page data as Tera's values, with the finished HTML of its cards;
/// the rest is copied a field at a time, each field freed once copied.
fn main_context(
    data: PageData,
    mut cards: Cards,
    locale: &Locale,
) -> Result<tera::Context, Diagnostic> {
    let page = value(&data.page)?;
    let words = value(locale.words())?;
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

/// One warning for a picture, naming every character it could not draw.
fn missing_glyphs(path: &str, missing: &[char]) -> Diagnostic {
    let named: Vec<String> = missing
        .iter()
        .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
        .collect();
    Diagnostic::file_error(
        crate::load::ARTICLE_PATH,
        format!(
            "{path} shows {} as an empty box: no font the build ships has {}",
            named.join(", "),
            if missing.len() == 1 { "it" } else { "them" }
        ),
    )
    .with_severity(crate::diagnostic::Severity::Warning)
    .with_help(
        "give the story its own card with `share_image`, or write the text without the character",
    )
}

fn cannot_prepare(error: &tera::Error) -> Diagnostic {
    Diagnostic::file_error(
        "templates",
        format!("cannot prepare the page data: {error}"),
    )
}

/// An embed of a section holds all of its cards; one of a single item is
/// small.
fn embed_size_hint(part: Part, cards: &Cards) -> usize {
    let all = |cards: &[String]| cards.iter().map(String::len).sum::<usize>();
    2048 + match part {
        Part::WhosWho => all(&cards.people),
        Part::Quotes => all(&cards.quotes),
        Part::Timeline => all(&cards.timeline),
        Part::Person(i) => cards.people.get(i).map_or(0, String::len),
        Part::Quote(i) => cards.quotes.get(i).map_or(0, String::len),
        Part::Event(i) => cards.timeline.get(i).map_or(0, String::len),
        Part::Summary => 4096,
    }
}

/// More than the page is likely to need. A buffer that grows by doubling is
/// copied each time, and the blocks it leaves behind still count towards
/// the process's peak memory (about twice the page, for a large story);
/// reserved but unwritten capacity costs nothing.
fn page_size_hint(story: &Story) -> usize {
    64 * 1024 + 2 * story.article.body.len() + 2048 * story_size(story)
}
