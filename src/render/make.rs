//! Carrying out one entry of the plan: a template rendered with its data,
//! a serializer run, a picture drawn, a static file taken as it is.

use std::cell::RefCell;

use super::context::{self, value};
use super::latest::Latest;
use super::pictures::Pictures;
use super::plan::{Make, Output, PageKind};
use super::share_card::Fonts;
use super::templates::template_diagnostic;
use super::{Contents, OutputFile, RenderOptions, cards, glyphs, publish, tidy, views};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::layout;
use crate::load::{AssetSource, Template};
use crate::locale::Locale;
use crate::model::Story;

/// What every entry of the plan is made from.
pub struct Site<'a> {
    pub story: &'a Story,
    pub options: &'a RenderOptions,
    pub locale: &'a Locale,
    pub record: &'a [views::EditionRecord],
    /// The latest edition's views and cards, unless they failed.
    pub latest: Option<&'a Latest<'a>>,
    pub tera: &'a tera::Tera,
    pub templates: &'a [Template],
    pub pictures: &'a Pictures,
    /// This build's fonts, read when the first picture is drawn.
    pub fonts: RefCell<Fonts>,
}

/// Carry out one entry of the plan.
pub fn make(
    output: Output,
    site: &Site,
    warnings: &mut Diagnostics,
) -> Result<OutputFile, Diagnostic> {
    let contents = match output.make {
        Make::Page { template, data } => {
            let (context, size) = page_context(&output.path, data, site)?;
            let mut html = Vec::with_capacity(size);
            site.tera
                .render_to(template, &context, &mut html)
                .map_err(|error| template_diagnostic(&error, site.templates, template))?;
            tidy::collapse_blank_lines(&mut html);
            tidy::drop_breaks_beside_blocks(&mut html);
            Contents::Bytes(html)
        }
        Make::Text(make) => Contents::Bytes(make().into_bytes()),
        Make::Picture(draw, texts) => {
            let drawn = draw(&mut site.fonts.borrow_mut());
            for warning in glyphs::missing(&output.path, &drawn.missing, &texts) {
                // The title is on every quote's card too: told once.
                if !warnings.iter().any(|told| glyphs::same(told, &warning)) {
                    warnings.push(warning);
                }
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

/// A page's context, and about how many bytes it will be.
fn page_context(
    path: &str,
    data: PageKind,
    site: &Site,
) -> Result<(tera::Context, usize), Diagnostic> {
    let Site {
        story,
        options,
        locale,
        ..
    } = *site;
    let unprepared = || {
        Diagnostic::file_error(
            path,
            "internal error: this page's data was not made (an error above says why)",
        )
    };
    Ok(match data {
        PageKind::Latest(context) => (context, page_size_hint(story)),
        PageKind::Embed(embed) => {
            let latest = site.latest.ok_or_else(unprepared)?;
            (
                latest.embed_context(embed, options)?,
                latest.embed_size_hint(embed.part),
            )
        }
        PageKind::Removed(removed) => {
            let latest = site.latest.ok_or_else(unprepared)?;
            let record: Vec<String> = site.record.iter().map(|e| e.id.clone()).collect();
            (
                latest.removed_context(removed, story, options, &record, locale)?,
                4096,
            )
        }
        PageKind::Past(edition) => {
            let mut data = views::page_data(
                edition.story,
                options,
                locale,
                edition.changes,
                site.pictures,
                path,
            );
            let root = layout::root_from(path);
            let record: Vec<String> = site.record.iter().map(|e| e.id.clone()).collect();
            data.page.earlier = Some(views::EarlierView {
                as_of: views::DateView::of_time(edition.story.edition(), locale),
                latest_url: format!("{root}{}", layout::PAGE),
                corrected_later: views::corrected_later(
                    story,
                    edition.story,
                    &record,
                    &root,
                    locale,
                ),
            });
            data.page.script_words = publish::script_words_without_embeds(locale);
            let cards = cards::render(&data, locale, site.tera, site.templates)?;
            (
                context::main_page(data, &cards, locale)?,
                page_size_hint(edition.story),
            )
        }
        PageKind::NotFound => {
            // GitHub Pages serves 404.html for a missing file at any depth,
            // so its links to the site's own files start from the base URL.
            let root = options.base_url.as_deref().unwrap_or_default();
            let page = views::page_view(story, options, locale, site.pictures, root);
            (context::globals(page, locale)?, 4096)
        }
        PageKind::Transcript(index) => {
            let root = layout::root_from(path);
            let mut page = views::page_view(story, options, locale, site.pictures, &root);
            page.changes_url = Some(format!("{root}{}", layout::CHANGES));
            let transcript = views::transcript_view(story, index, locale, path);
            let size = 4096
                + 2 * story.sources[index]
                    .turns
                    .iter()
                    .map(|t| t.text.len() + 200)
                    .sum::<usize>();
            let mut context = context::globals(page, locale)?;
            context.insert_value("transcript", value(&transcript)?);
            (context, size)
        }
        PageKind::Changes => {
            let mut page = views::page_view(story, options, locale, site.pictures, "");
            page.changes_url = Some(layout::CHANGES.to_owned());
            let mut context = context::globals(page, locale)?;
            context.insert_value("editions", value(site.record)?);
            (context, 16 * 1024)
        }
    })
}

/// More than the page is likely to need. A buffer that grows by doubling is
/// copied each time, and the blocks it leaves behind still count towards
/// the process's peak memory (about twice the page, for a large story);
/// reserved but unwritten capacity costs nothing.
fn page_size_hint(story: &Story) -> usize {
    let items = story.people.len() + story.quotes.len() + story.timeline.len();
    64 * 1024 + 2 * story.article.body.len() + 2048 * items
}
