//! What the build writes: one entry per file, each a path of
//! [`crate::layout`] and how to make it. The entries are independent of one
//! another, so the order they are listed in is only the order they are
//! written in.

use super::card_data;
use super::latest::Latest;
use super::pictures::Pictures;
use super::share_card::{self, Fonts};
use super::views::{self, Embed, Part, RemovedEmbed};
use super::{Contents, Edition, OutputFile, RenderOptions, publish};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::layout;
use crate::load::{Asset, Theme};
use crate::locale::Locale;
use crate::model::Story;

/// One file of the plan, before it is made.
pub struct Output<'a> {
    pub path: String,
    pub make: Make<'a>,
}

pub enum Make<'a> {
    /// A page: a template and the data it sees.
    Page {
        template: &'static str,
        data: PageKind<'a>,
    },
    /// A data file, made by a serializer.
    Text(Box<dyn FnOnce() -> String + 'a>),
    /// A picture drawn by the build, with the build's fonts, and the
    /// story's texts it draws.
    Picture(
        Box<dyn FnOnce(&mut Fonts) -> share_card::Drawn + 'a>,
        Vec<card_data::CardText<'a>>,
    ),
    /// A file of the theme's `static/`.
    Asset(&'a Asset),
    /// A file made by an earlier build from the same inputs.
    Ready(Contents),
}

/// Which data a page's template sees.
pub enum PageKind<'a> {
    /// The whole explainer, of the latest edition, with its context: the
    /// entry owns it, so that it is freed as soon as the page is made.
    Latest(tera::Context),
    /// The whole explainer as a past edition was.
    Past(Edition<'a>),
    /// One part of the latest edition on a page of its own.
    Embed(&'a Embed),
    /// The notice at the embed address of an item earlier editions had.
    Removed(&'a RemovedEmbed),
    /// Only `page`: the 404 page is small, and copying the whole story's
    /// data for it would double the peak memory of a large one.
    NotFound,
    /// The record of changes, edition by edition.
    Changes,
    /// The page of one transcript: an index into [`Story::sources`].
    Transcript(usize),
}

/// The template of every embed page; `embed.kind` says which part it shows.
const EMBED_TEMPLATE: &str = "embed.html";

/// The template of a removed item's notice, a template of its own so that
/// a theme with its own `embed.html` from before gets it too.
const REMOVED_TEMPLATE: &str = "removed.html";

/// What the plan is made from.
pub struct From<'a> {
    pub latest: Edition<'a>,
    /// Oldest first.
    pub past: &'a [Edition<'a>],
    /// The past editions' pages, when an earlier build made them from the
    /// same editions and theme.
    pub past_pages: Option<&'a [OutputFile]>,
    pub theme: &'a Theme,
    pub options: &'a RenderOptions,
    pub locale: &'a Locale,
    /// The latest edition's views and cards, unless they failed.
    pub prepared: Option<&'a Latest<'a>>,
    /// The main page's context, made with them.
    pub page: Option<tera::Context>,
    pub pictures: &'a Pictures,
}

/// Every file of the site.
pub fn plan<'a>(
    from: From<'a>,
    picture_files: Vec<OutputFile>,
    diagnostics: &mut Diagnostics,
) -> Vec<Output<'a>> {
    let From {
        latest,
        past,
        past_pages,
        theme,
        options,
        locale,
        prepared,
        page: page_context,
        pictures,
    } = from;
    let story = latest.story;
    let page = |path: &str, template: &'static str, data| Output {
        path: path.to_owned(),
        make: Make::Page { template, data },
    };
    let text = |path: &str, make: Box<dyn FnOnce() -> String + 'a>| Output {
        path: path.to_owned(),
        make: Make::Text(make),
    };
    let mut outputs = Vec::new();
    if let Some(context) = page_context {
        outputs.push(page(layout::PAGE, "index.html", PageKind::Latest(context)));
    }
    if let Some(prepared) = prepared {
        for embed in &prepared.embeds {
            outputs.push(page(
                &layout::embed_page(&embed.id),
                EMBED_TEMPLATE,
                PageKind::Embed(embed),
            ));
            if let Some(base_url) = options.base_url.as_deref() {
                outputs.push(text(
                    &layout::embed_oembed(&embed.id),
                    Box::new(move || {
                        oembed((&embed.title, &embed.id, embed.height), story, base_url)
                    }),
                ));
                // A quote shared on its own shows as that quote. Only with
                // a base URL: a card is shared by its absolute address, and
                // each costs tens of milliseconds to draw the first time.
                if let (Part::Quote(i), false) = (embed.part, options.skip_pictures) {
                    outputs.push(Output {
                        path: layout::quote_card(&embed.id),
                        make: Make::Picture(
                            Box::new(move |fonts| {
                                let card = card_data::quote_card(story, i, locale);
                                card_data::draw_cached(
                                    options,
                                    &share_card::quote_card_words(&card),
                                    || share_card::draw_quote_card(fonts, &card),
                                )
                            }),
                            card_data::quote_card_texts(story, i),
                        ),
                    });
                }
            }
        }
        for removed in &prepared.removed {
            outputs.push(page(
                &layout::embed_page(&removed.id),
                REMOVED_TEMPLATE,
                PageKind::Removed(removed),
            ));
            if let Some(base_url) = options.base_url.as_deref() {
                outputs.push(text(
                    &layout::embed_oembed(&removed.id),
                    Box::new(move || {
                        oembed(
                            (&removed.title, &removed.id, views::REMOVED_HEIGHT),
                            story,
                            base_url,
                        )
                    }),
                ));
            }
        }
        if let (Some(base_url), Some(summary)) =
            (options.base_url.as_deref(), prepared.embeds.first())
        {
            outputs.push(text(
                layout::MAIN_OEMBED,
                Box::new(move || {
                    oembed(
                        (&summary.title, &summary.id, summary.height),
                        story,
                        base_url,
                    )
                }),
            ));
        }
    }
    outputs.extend([
        page(layout::NOT_FOUND, "404.html", PageKind::NotFound),
        page(layout::CHANGES, "changes.html", PageKind::Changes),
    ]);
    outputs.extend(story.sources.iter().enumerate().map(|(index, source)| {
        page(
            &layout::transcript_page(&source.id),
            "transcript.html",
            PageKind::Transcript(index),
        )
    }));
    outputs.extend([
        text(
            layout::FACTS_JSON,
            Box::new(move || publish::facts_json(latest, past, options.base_url.as_deref())),
        ),
        text(
            layout::TIMELINE_JSON,
            Box::new(|| publish::timeline_json(story, locale)),
        ),
        text(
            layout::ROBOTS,
            Box::new(|| publish::robots(options.base_url.as_deref())),
        ),
        // GitHub Pages would otherwise run the site through Jekyll.
        text(layout::NO_JEKYLL, Box::new(String::new)),
    ]);
    if let Some(trust) = publish::trust_txt(story) {
        outputs.push(text(layout::TRUST_TXT, Box::new(move || trust)));
    }
    if let (views::ShareImage::Drawn, false) = (views::share_image(story), options.skip_pictures) {
        outputs.push(Output {
            path: layout::SHARE_CARD.to_owned(),
            make: Make::Picture(
                Box::new(|fonts| {
                    let date = card_data::card_date(story, locale);
                    let card = card_data::story_card(story, locale, &date);
                    card_data::draw_cached(options, &share_card::story_card_words(&card), || {
                        share_card::story_card(fonts, &card)
                    })
                }),
                card_data::story_card_texts(story),
            ),
        });
    }
    if let Some(base_url) = options.base_url.as_deref() {
        outputs.push(text(
            layout::FEED,
            Box::new(move || publish::feed(story, base_url, locale)),
        ));
        outputs.push(text(
            layout::SITEMAP,
            Box::new(move || publish::sitemap(story, base_url)),
        ));
    }
    match past_pages {
        Some(pages) => outputs.extend(pages.iter().map(|file| Output {
            path: file.path.clone(),
            make: Make::Ready(file.contents.clone()),
        })),
        // Each past edition's page and facts; an earlier build's, kept
        // with the same editions, has both.
        None => outputs.extend(past.iter().flat_map(|edition| {
            let at = edition.story.edition();
            [
                page(
                    &layout::edition_page(at),
                    "index.html",
                    PageKind::Past(*edition),
                ),
                text(
                    &layout::edition_facts(at),
                    Box::new(move || {
                        publish::edition_facts_json(*edition, options.base_url.as_deref())
                    }),
                ),
            ]
        })),
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

/// An oEmbed response for an embed page: its title, id and height.
fn oembed((title, id, height): (&str, &str, u32), story: &Story, base_url: &str) -> String {
    publish::oembed(&publish::OEmbed {
        title,
        src: format!("{base_url}{}", layout::embed_page(id)),
        width: views::OEMBED_WIDTH,
        height,
        provider_name: story.publisher(),
        base_url,
    })
}
