//! A site's own pages: the desk (every story, the most recently updated
//! first), a page for each shared person with every story, quote and
//! event they are in, and the site's feed and sitemap. Like a story's,
//! they are a plan ([`plan`]): one entry per file, each a path of
//! [`crate::layout`] and how to make it, carried out one at a time.
//!
//! The pages are in the site's `lang`; each story's title and dek keep
//! their story's language (`lang` on the story's item).

use serde::Serialize;

use super::markdown::{self, Layout};
use super::{OutputFile, templates};
use crate::desk::{SiteConfig, StoryEntry};
use crate::diagnostic::Diagnostics;
use crate::layout;
use crate::load::{Asset, Theme};
use crate::locale::Locale;
use crate::model::Person;

/// What the site's pages are made from.
pub struct From<'a> {
    pub config: &'a SiteConfig,
    /// The most recently updated first (see [`crate::desk::newest_first`]).
    pub stories: &'a [StoryEntry],
    pub people: &'a [Person],
    /// The site's look: the defaults with its `templates/` and `static/`.
    pub theme: &'a Theme,
    pub base_url: Option<&'a str>,
    /// Whether a search index is written beside the pages.
    pub search: bool,
}

/// One file of the site's own.
struct Output<'a> {
    path: String,
    make: Make<'a>,
}

enum Make<'a> {
    Desk,
    NotFound,
    Person(&'a Person),
    Text(Box<dyn FnOnce() -> String + 'a>),
    Asset(&'a Asset),
}

fn plan<'a>(from: &From<'a>) -> Vec<Output<'a>> {
    let mut outputs = vec![Output {
        path: layout::PAGE.to_owned(),
        make: Make::Desk,
    }];
    for person in from.people {
        outputs.push(Output {
            path: layout::person_page(&person.id),
            make: Make::Person(person),
        });
    }
    // GitHub Pages shows the site's root 404 page for a missing address
    // anywhere in it.
    outputs.push(Output {
        path: layout::NOT_FOUND.to_owned(),
        make: Make::NotFound,
    });
    // GitHub Pages reads these at the site's root only.
    outputs.push(Output {
        path: layout::NO_JEKYLL.to_owned(),
        make: Make::Text(Box::new(String::new)),
    });
    let base_url = from.base_url;
    outputs.push(Output {
        path: layout::ROBOTS.to_owned(),
        make: Make::Text(Box::new(move || super::publish::robots(base_url))),
    });
    if let Some(base_url) = from.base_url {
        let (config, stories, people) = (from.config, from.stories, from.people);
        outputs.push(Output {
            path: layout::FEED.to_owned(),
            make: Make::Text(Box::new(move || feed(config, stories, base_url))),
        });
        outputs.push(Output {
            path: layout::SITEMAP.to_owned(),
            make: Make::Text(Box::new(move || sitemap(stories, people, base_url))),
        });
    }
    // JournalList's crawlers look for it at the root of the site.
    if let Some(trust) = from
        .config
        .publisher
        .as_ref()
        .and_then(super::publish::trust_txt_of)
    {
        outputs.push(Output {
            path: layout::TRUST_TXT.to_owned(),
            make: Make::Text(Box::new(move || trust)),
        });
    }
    if let Some(icon) = from.theme.assets.iter().find(|a| a.path == layout::FAVICON) {
        outputs.push(Output {
            path: layout::FAVICON.to_owned(),
            make: Make::Asset(icon),
        });
    }
    if from.search {
        let script = from
            .theme
            .templates
            .iter()
            .find(|t| t.name == SEARCH_TEMPLATE)
            .map(|t| t.text.as_str())
            .unwrap_or_default();
        outputs.push(Output {
            path: layout::SEARCH_SCRIPT.to_owned(),
            make: Make::Text(Box::new(move || script.to_owned())),
        });
    }
    outputs
}

/// The desk's search: Pagefind's own JavaScript API, loaded only when
/// someone types; the plain list of stories stays as it is for a reader
/// without JavaScript (the form is shown by this script only). A template
/// of the site's look, published as it is written.
const SEARCH_TEMPLATE: &str = "site/search.js";

/// Every file of the site's own, each handed to `put` as it is made, with
/// the search index `index` holds the stories' records of (see
/// [`super::search::Indexer`]).
pub fn render(
    from: &From,
    index: Option<super::search::Indexer>,
    put: &mut dyn FnMut(OutputFile),
) -> Result<(), Diagnostics> {
    let tera = templates::compile(&from.theme.templates)?;
    let locale = Locale::new(&from.config.lang, &[]);
    let mut diagnostics = Diagnostics::new();
    for output in plan(from) {
        let made = match output.make {
            Make::Desk => page(
                &tera,
                from,
                &locale,
                &output.path,
                "site/desk.html",
                |ctx| {
                    ctx.insert("stories", &desk_stories(from.stories, &output.path));
                    ctx.insert("people", &people_list(from.people, &output.path));
                },
            ),
            Make::NotFound => page(&tera, from, &locale, &output.path, "site/404.html", |_| {}),
            Make::Person(person) => page(
                &tera,
                from,
                &locale,
                &output.path,
                "site/person.html",
                |ctx| {
                    ctx.insert("person", &PersonCard::of(person));
                    ctx.insert(
                        "stories",
                        &person_stories(person, from.stories, &output.path),
                    );
                },
            ),
            Make::Text(make) => Ok(make().into_bytes()),
            Make::Asset(asset) => Ok(match &asset.source {
                crate::load::AssetSource::BuiltIn { published, .. } => published.to_vec(),
                crate::load::AssetSource::File(path) => match std::fs::read(path) {
                    Ok(bytes) => bytes,
                    Err(error) => {
                        diagnostics.push(crate::diagnostic::Diagnostic::file_error(
                            format!("static/{}", asset.path),
                            format!("cannot read: {error}"),
                        ));
                        continue;
                    }
                },
            }),
        };
        match made {
            Ok(bytes) => put(OutputFile {
                path: output.path,
                contents: super::Contents::Bytes(bytes),
            }),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if let Some(indexer) = index {
        // The stories' records are in; the people's come last, with each
        // story's role.
        for record in super::search::people_records(from.stories, from.people) {
            indexer.add(record);
        }
        match indexer.finish() {
            Ok(files) => files.into_iter().for_each(&mut *put),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(())
    }
}

#[derive(Serialize)]
struct PageGlobals<'a> {
    lang: &'a str,
    dir: &'a str,
    root: String,
    search: bool,
    feed: Option<String>,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    publisher: Option<&'a str>,
}

fn page(
    tera: &tera::Tera,
    from: &From,
    locale: &Locale,
    path: &str,
    template: &str,
    fill: impl FnOnce(&mut tera::Context),
) -> Result<Vec<u8>, crate::diagnostic::Diagnostic> {
    let globals = PageGlobals {
        lang: &from.config.lang,
        dir: locale.direction.as_str(),
        root: layout::root_from(path),
        search: from.search,
        feed: from.base_url.map(|base| format!("{base}{}", layout::FEED)),
    };
    let mut context = super::context::globals(globals, locale)?;
    context.insert(
        "site",
        &SiteView {
            title: &from.config.title,
            description: from.config.description.as_deref(),
            publisher: from.config.publisher.as_ref().map(|p| p.name.as_str()),
        },
    );
    fill(&mut context);
    tera.render(template, &context)
        .map(String::into_bytes)
        .map_err(|error| templates::template_diagnostic(&error, &from.theme.templates, template))
}

#[derive(Serialize)]
struct DeskStory<'a> {
    href: String,
    title: &'a str,
    description: Option<&'a str>,
    lang: &'a str,
    dir: &'static str,
    updated: String,
    updated_iso: String,
    #[serde(rename = "final")]
    is_final: bool,
}

fn desk_stories<'a>(stories: &'a [StoryEntry], from_path: &str) -> Vec<DeskStory<'a>> {
    let root = layout::root_from(from_path);
    stories
        .iter()
        .map(|story| {
            // A story's date is in its own language, as its title is.
            let dates = crate::locale::Locale::new(&story.lang, &[]);
            DeskStory {
                href: format!("{root}{}", layout::story_page(&story.slug)),
                title: &story.title,
                description: story.description.as_deref(),
                lang: &story.lang,
                dir: dates.direction.as_str(),
                updated: dates.dates.timestamp(&story.last_update),
                updated_iso: story.last_update.utc_rfc3339(),
                is_final: story.final_at.is_some(),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct PersonLink<'a> {
    href: String,
    name: &'a str,
    lang: Option<&'a str>,
}

fn people_list<'a>(people: &'a [Person], from_path: &str) -> Vec<PersonLink<'a>> {
    let root = layout::root_from(from_path);
    let mut list: Vec<PersonLink> = people
        .iter()
        .map(|p| PersonLink {
            href: format!("{root}{}", layout::person_page(&p.id)),
            name: &p.name,
            lang: p.lang.as_deref(),
        })
        .collect();
    list.sort_by(|a, b| a.name.cmp(b.name));
    list
}

#[derive(Serialize)]
struct PersonCard<'a> {
    element_id: String,
    name: &'a str,
    role: &'a str,
    group: &'a str,
    summary: Option<String>,
    lang: Option<&'a str>,
    links: Vec<LinkView<'a>>,
}

#[derive(Serialize)]
struct LinkView<'a> {
    title: &'a str,
    url: &'a str,
}

impl<'a> PersonCard<'a> {
    fn of(person: &'a Person) -> Self {
        PersonCard {
            element_id: crate::ids::person(&person.id),
            name: &person.name,
            role: &person.role,
            group: &person.group,
            summary: person
                .summary
                .as_deref()
                .map(|s| markdown::render_fact(s, Layout::Blocks)),
            lang: person.lang.as_deref(),
            links: person
                .links
                .iter()
                .map(|l| LinkView {
                    title: &l.title,
                    url: &l.url,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct PersonStory<'a> {
    href: String,
    title: &'a str,
    lang: &'a str,
    dir: &'static str,
    role: &'a str,
    /// The quotation marks of the story's page.
    quote_open: &'a str,
    quote_close: &'a str,
    quotes: Vec<ItemLink<'a>>,
    events: Vec<EventLink<'a>>,
}

#[derive(Serialize)]
struct ItemLink<'a> {
    href: String,
    text: &'a str,
}

#[derive(Serialize)]
struct EventLink<'a> {
    href: String,
    date: String,
    title: &'a str,
}

fn person_stories<'a>(
    person: &Person,
    stories: &'a [StoryEntry],
    from_path: &str,
) -> Vec<PersonStory<'a>> {
    let root = layout::root_from(from_path);
    stories
        .iter()
        .filter_map(|story| {
            let seen = story.people.iter().find(|p| p.id == person.id)?;
            let page = format!("{root}{}", layout::story_page(&story.slug));
            // Each story's items are in its own language, dates too.
            let locale = crate::locale::Locale::new(&story.lang, &[]);
            Some(PersonStory {
                href: format!("{page}#{}", crate::ids::person(&person.id)),
                title: &story.title,
                lang: &story.lang,
                dir: locale.direction.as_str(),
                role: &seen.role,
                quote_open: &story.quote_marks.0,
                quote_close: &story.quote_marks.1,
                quotes: seen
                    .quotes
                    .iter()
                    .map(|(id, text)| ItemLink {
                        href: format!("{page}#{id}"),
                        text,
                    })
                    .collect(),
                events: seen
                    .events
                    .iter()
                    .map(|(id, date, title)| EventLink {
                        href: format!("{page}#{id}"),
                        date: locale.dates.partial(date),
                        title,
                    })
                    .collect(),
            })
        })
        .collect()
}

/// The whole site's Atom feed: every story's updates, newest first, each
/// linking to the update on its story's page.
fn feed(config: &SiteConfig, stories: &[StoryEntry], base_url: &str) -> String {
    let esc = super::publish::escape_xml;
    let mut entries: Vec<(&StoryEntry, &str, &crate::date::Timestamp, &str)> = Vec::new();
    for story in stories {
        for (id, at, text) in &story.updates {
            entries.push((story, id, at, text));
        }
    }
    entries.sort_by(|a, b| {
        (b.2.unix_seconds(), a.0.slug.as_str(), a.1).cmp(&(
            a.2.unix_seconds(),
            b.0.slug.as_str(),
            b.1,
        ))
    });
    let updated = stories
        .iter()
        .map(|s| &s.last_update)
        .max_by_key(|t| t.unix_seconds());
    let author = config
        .publisher
        .as_ref()
        .map_or(config.title.as_str(), |p| p.name.as_str());
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        esc(&config.lang)
    ));
    xml.push_str(&format!("  <id>{}</id>\n", esc(base_url)));
    xml.push_str(&format!("  <title>{}</title>\n", esc(&config.title)));
    if let Some(description) = &config.description {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", esc(description)));
    }
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        esc(base_url)
    ));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}{}\"/>\n",
        esc(base_url),
        layout::FEED
    ));
    if let Some(updated) = updated {
        xml.push_str(&format!("  <updated>{}</updated>\n", updated.utc_rfc3339()));
    }
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        esc(author)
    ));
    for (story, id, at, text) in entries {
        let address = format!("{base_url}{}/#{id}", story.slug);
        let title = format!(
            "{}: {}",
            story.title,
            crate::text::shorten(
                &crate::article::plain_text(text),
                100,
                crate::text::Cut::AfterWord
            )
        );
        xml.push_str(&format!("  <entry xml:lang=\"{}\">\n", esc(&story.lang)));
        xml.push_str(&format!("    <id>{}</id>\n", esc(&address)));
        xml.push_str(&format!("    <title>{}</title>\n", esc(&title)));
        xml.push_str(&format!("    <updated>{}</updated>\n", at.utc_rfc3339()));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            esc(&address)
        ));
        xml.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            esc(&markdown::render_fact(text, Layout::Blocks))
        ));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// Every page of every story and of every shared person.
fn sitemap(stories: &[StoryEntry], people: &[Person], base_url: &str) -> String {
    let esc = super::publish::escape_xml;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |loc: String, lastmod: Option<String>| {
        xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", esc(&loc)));
        if let Some(lastmod) = lastmod {
            xml.push_str(&format!("    <lastmod>{lastmod}</lastmod>\n"));
        }
        xml.push_str("  </url>\n");
    };
    let newest = stories
        .iter()
        .map(|s| &s.last_update)
        .max_by_key(|t| t.unix_seconds());
    url(base_url.to_owned(), newest.map(|t| t.utc_rfc3339()));
    for story in stories {
        for page in &story.pages {
            // `index.html` is the folder's own address.
            let page = page.strip_suffix(layout::PAGE).unwrap_or(page);
            let lastmod = page.is_empty().then(|| story.last_update.utc_rfc3339());
            url(format!("{base_url}{}/{page}", story.slug), lastmod);
        }
    }
    for person in people {
        url(
            format!("{base_url}{}/{}/", layout::PEOPLE_FOLDER, person.id),
            None,
        );
    }
    xml.push_str("</urlset>\n");
    xml
}
