//! Stage 3: the checked story and the theme into finished files, in memory.
//! Nothing here touches the disk.
//!
//! What a build writes is a plan ([`plan`]): a list of outputs, each a path
//! of [`crate::layout`] and how to make it (a template with its data, a
//! serializer, a drawn picture or a static file). A new page is one more
//! entry. The plan is carried out one entry at a time ([`make`]), in any
//! order: what several entries share (the latest edition's cards, which the
//! page and its embeds both show) is made once beforehand ([`latest`]) and
//! borrowed.

mod card_data;
mod cards;
mod context;
mod glyphs;
mod latest;
mod make;
pub mod markdown;
mod pictures;
mod plan;
mod publish;
pub mod search;
pub mod share_card;
pub mod site;
mod templates;
mod tidy;
mod views;

use crate::changes::Changes;
use crate::diagnostic::Diagnostics;
use crate::load::Theme;
use crate::locale::Locale;
use crate::model::Story;
pub use crate::output::{Contents, OutputFile};

/// Every file of the site, and what the editor should hear about it.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub files: Vec<OutputFile>,
    /// Warnings only: with an error nothing is rendered.
    pub warnings: Diagnostics,
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

/// Every file of the site. Items are marked as `changes` says.
pub fn render(
    story: &Story,
    theme: &Theme,
    options: &RenderOptions,
    changes: &Changes,
) -> Result<Rendered, Diagnostics> {
    render_site(Edition { story, changes }, &[], None, theme, options)
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
    let (prepared, page) =
        match latest::Latest::prepare(latest, options, &locale, &tera, &theme.templates, &pictures)
        {
            Ok((prepared, page)) => (Some(prepared), Some(page)),
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                (None, None)
            }
        };
    let outputs = plan::plan(
        plan::From {
            latest,
            past,
            past_pages,
            theme,
            options,
            locale: &locale,
            prepared: prepared.as_ref(),
            page,
            pictures: &pictures,
        },
        picture_files,
        &mut diagnostics,
    );
    // One output at a time. Rendering the data files on the second core
    // beside the page was measured at the largest benchmark size: a little
    // faster, but 163 MiB at the peak instead of 139, as facts.json and the
    // page were held at once. The second core renders the page's cards
    // instead (see `cards`).
    let site = make::Site {
        story,
        options,
        locale: &locale,
        record: &record,
        latest: prepared.as_ref(),
        tera: &tera,
        templates: &theme.templates,
        pictures: &pictures,
        fonts: Default::default(),
    };
    // A mistake in the template every embed page shares fails them all the
    // same way: it is told once.
    let mut told = std::collections::HashSet::new();
    for output in outputs {
        match make::make(output, &site, &mut diagnostics) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout;

    use crate::test_support::story;

    fn paths(options: &RenderOptions, past: &[Edition]) -> Vec<String> {
        let (story, theme) = story();
        let changes = Changes::none(&story);
        let latest = Edition {
            story: &story,
            changes: &changes,
        };
        render_site(latest, past, None, &theme, options)
            .unwrap()
            .files
            .into_iter()
            .map(|f| f.path)
            .collect()
    }

    #[test]
    fn the_plan_names_each_file_once_in_the_layout() {
        let plain = paths(&RenderOptions::default(), &[]);
        let unique: std::collections::HashSet<&String> = plain.iter().collect();
        assert_eq!(unique.len(), plain.len(), "{plain:?}");
        for fixed in layout::ALWAYS {
            assert!(plain.iter().any(|p| p == fixed), "{fixed} missing");
        }
        for embed in [
            "summary",
            "whos-who",
            "quotes",
            "timeline",
            "person-tomas-berg",
        ] {
            assert!(plain.contains(&layout::embed_page(embed)), "{embed}");
        }
        // Only a base URL makes the files that need absolute addresses.
        for absolute in [layout::FEED, layout::SITEMAP, layout::MAIN_OEMBED] {
            assert!(!plain.iter().any(|p| p == absolute), "{absolute}");
        }
        let published = paths(
            &RenderOptions {
                base_url: Some("https://news.example/tunnel/".into()),
                ..RenderOptions::default()
            },
            &[],
        );
        for absolute in [layout::FEED, layout::SITEMAP, layout::MAIN_OEMBED] {
            assert!(published.iter().any(|p| p == absolute), "{absolute}");
        }
        let quote_cards = published.iter().filter(|p| p.ends_with(".png")).count();
        assert_eq!(
            quote_cards, 2,
            "the story's card and its quote's: {published:?}"
        );
        // Every file the build makes itself has one of the layout's shapes;
        // the rest are the theme's static files.
        let (_, theme) = story();
        for path in &published {
            let is_static = theme.assets.iter().any(|a| &a.path == path);
            assert!(is_static || layout::may_write(path), "{path}");
        }
    }

    #[test]
    fn a_past_edition_is_two_more_entries_of_the_plan_its_page_and_its_facts() {
        let (story, _) = story();
        let mut earlier = story.clone();
        earlier.article.published = crate::date::Timestamp::parse("2025-11-19").unwrap();
        let changes = Changes::none(&earlier);
        let past = [Edition {
            story: &earlier,
            changes: &changes,
        }];
        let with_past = paths(&RenderOptions::default(), &past);
        let page = layout::edition_page(earlier.edition());
        assert_eq!(page, "editions/20251119T000000Z/index.html");
        assert_eq!(with_past.iter().filter(|p| **p == page).count(), 1);
        let facts = layout::edition_facts(earlier.edition());
        assert_eq!(facts, "editions/20251119T000000Z/facts.json");
        assert_eq!(with_past.iter().filter(|p| **p == facts).count(), 1);
        assert_eq!(
            with_past.len(),
            paths(&RenderOptions::default(), &[]).len() + 2
        );
    }
}
