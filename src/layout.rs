//! The site's layout: where every file the build writes goes, and how a
//! page at one depth reaches the rest of the site. The plan names its
//! outputs with these, the views link with them, local links are checked
//! against them, and `serve` and the writer read them: one home, so a page
//! added here is a page every stage knows.
//!
//! Every link a page makes to the site's own files is relative (the site
//! works from `file://` and under any subpath), so a page's depth decides
//! what its links start with: [`root_from`].

use crate::date::Timestamp;

/// The explainer itself.
pub const PAGE: &str = "index.html";
/// GitHub Pages serves it for any missing address, at any depth.
pub const NOT_FOUND: &str = "404.html";
/// The record of changes, edition by edition.
pub const CHANGES: &str = "changes.html";
pub const FACTS_JSON: &str = "facts.json";
/// The timeline in TimelineJS's format.
pub const TIMELINE_JSON: &str = "timeline.json";
pub const ROBOTS: &str = "robots.txt";
/// Tells GitHub Pages not to run the site through Jekyll.
pub const NO_JEKYLL: &str = ".nojekyll";
/// Only with a base URL, as both need absolute addresses.
pub const FEED: &str = "feed.xml";
pub const SITEMAP: &str = "sitemap.xml";
/// The story's card, drawn by the build when it has no picture to share.
pub const SHARE_CARD: &str = "share-card.png";
/// The main page's oEmbed response.
pub const MAIN_OEMBED: &str = "oembed.json";
/// JournalList's trust.txt, only when the publisher gives its accounts,
/// contact or disclosure.
pub const TRUST_TXT: &str = "trust.txt";

/// Where embed pages live; their links to the site's own files climb out
/// of it.
pub const EMBED_FOLDER: &str = "embed";
/// Where past editions live, one folder each.
pub const EDITIONS_FOLDER: &str = "editions";
/// Where the resized versions of the pictures live.
pub const IMAGES_FOLDER: &str = "images";
/// Where the transcripts' pages live, one per source.
pub const SOURCES_FOLDER: &str = "sources";

/// A site's file of its own, at its root: the desk is [`PAGE`] there.
pub const SITE_FILE: &str = "site.yaml";
/// Where each shared person's page lives in a site.
pub const PEOPLE_FOLDER: &str = "people";
/// The search index of a site, as Pagefind writes it.
pub const SEARCH_FOLDER: &str = "pagefind";
/// The desk's script that asks the search index.
pub const SEARCH_SCRIPT: &str = "search.js";
/// The site's icon, at its root.
pub const FAVICON: &str = "favicon.svg";

/// The folder names a site keeps for its own files: no story may have one.
pub const SITE_FOLDERS: &[&str] = &[PEOPLE_FOLDER, SEARCH_FOLDER];

/// A story's page in a site: `<slug>/index.html`.
pub fn story_page(slug: &str) -> String {
    format!("{slug}/{PAGE}")
}

/// A story's file in a site: `<slug>/<path>`.
pub fn in_story(slug: &str, path: &str) -> String {
    format!("{slug}/{path}")
}

/// A shared person's page: `people/<id>/index.html`.
pub fn person_page(id: &str) -> String {
    format!("{PEOPLE_FOLDER}/{id}/{PAGE}")
}

/// The files every build writes, whatever the story holds (with a base
/// URL, [`FEED`] and [`SITEMAP`] too).
pub const ALWAYS: &[&str] = &[
    PAGE,
    NOT_FOUND,
    CHANGES,
    FACTS_JSON,
    TIMELINE_JSON,
    ROBOTS,
    NO_JEKYLL,
];

/// The standalone page of one part of the explainer: `embed/<element
/// id>.html`, so `#person-marco-rubio` is embedded from
/// `embed/person-marco-rubio.html`.
pub fn embed_page(element_id: &str) -> String {
    format!("{EMBED_FOLDER}/{element_id}.html")
}

/// The static oEmbed response beside an embed page: `embed/<element
/// id>.json`.
pub fn embed_oembed(element_id: &str) -> String {
    format!("{EMBED_FOLDER}/{element_id}.json")
}

/// A quote's card, beside its embed page: `embed/<quote id>.png`, the
/// picture its embed page is shared with.
pub fn quote_card(quote_id: &str) -> String {
    format!("{EMBED_FOLDER}/{quote_id}.png")
}

/// `editions/<id>/`, the folder of the edition of that time, named by
/// [`crate::ids::edition`].
pub fn edition_folder(at: &Timestamp) -> String {
    format!("{EDITIONS_FOLDER}/{}/", crate::ids::edition(at))
}

/// A past edition's page.
pub fn edition_page(at: &Timestamp) -> String {
    format!("{}{PAGE}", edition_folder(at))
}

/// A past edition's facts, beside its page.
pub fn edition_facts(at: &Timestamp) -> String {
    format!("{}{FACTS_JSON}", edition_folder(at))
}

/// Whether a file of the site is a past edition's (its page or its facts).
pub fn is_edition_page(path: &str) -> bool {
    path.strip_prefix(EDITIONS_FOLDER)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// A transcript's page: `sources/<source id>.html`.
pub fn transcript_page(source_id: &str) -> String {
    format!("{SOURCES_FOLDER}/{source_id}.html")
}

/// A resized version of a picture: `images/<name>-<width>.<extension>`.
pub fn image_version(name: &str, width: u32, extension: &str) -> String {
    format!("{IMAGES_FOLDER}/{name}-{width}.{extension}")
}

/// What a page at `path` puts before a path of the site to reach it:
/// nothing at the top, `../../` for `editions/<id>/index.html`.
pub fn root_from(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Whether the build may write a file at `path` (relative to the output
/// folder): one of its fixed files, or a file of one of its folders named
/// the way it names them. Which of those a given build writes depends on
/// the story (its ids, its editions) and the base URL: a link that passes
/// here is checked again against the finished plan.
pub fn may_write(path: &str) -> bool {
    if ALWAYS.contains(&path) || [FEED, SITEMAP, SHARE_CARD, MAIN_OEMBED, TRUST_TXT].contains(&path)
    {
        return true;
    }
    let in_folder = |folder: &str| {
        path.strip_prefix(folder)
            .and_then(|rest| rest.strip_prefix('/'))
    };
    if let Some(name) = in_folder(EMBED_FOLDER) {
        return !name.contains('/')
            && [".html", ".json", ".png"]
                .iter()
                .any(|ext| name.ends_with(ext));
    }
    if let Some(name) = in_folder(SOURCES_FOLDER) {
        return !name.contains('/') && name.ends_with(".html");
    }
    if let Some(rest) = in_folder(EDITIONS_FOLDER) {
        return rest
            .split_once('/')
            .is_some_and(|(_, file)| file == PAGE || file == FACTS_JSON || file.is_empty());
    }
    in_folder(IMAGES_FOLDER).is_some_and(|name| !name.is_empty() && !name.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_links_up_by_its_depth() {
        assert_eq!(root_from(PAGE), "");
        assert_eq!(root_from(&embed_page("quote-x")), "../");
        assert_eq!(root_from(&transcript_page("briefing")), "../");
        let at = Timestamp::parse("2025-02-19T00:00:00Z").unwrap();
        assert_eq!(edition_page(&at), "editions/20250219T000000Z/index.html");
        assert_eq!(root_from(&edition_page(&at)), "../../");
        assert!(is_edition_page(&edition_page(&at)));
        assert!(!is_edition_page("editions.html"));
    }

    #[test]
    fn a_site_page_links_up_by_its_depth() {
        assert_eq!(root_from(&person_page("ada-byrne")), "../../");
        assert_eq!(
            format!("{}{}", root_from(&person_page("x")), story_page("ilva")),
            "../../ilva/index.html"
        );
    }

    #[test]
    fn the_shapes_of_written_files_are_known() {
        for path in [
            "changes.html",
            "feed.xml",
            "embed/whos-who.html",
            "embed/quote-x.png",
            "editions/20250219T000000Z/index.html",
            "images/abc-320.webp",
            "sources/rubio-briefing.html",
        ] {
            assert!(may_write(path), "{path}");
        }
        for path in [
            "story.html",
            "embed/x/y.html",
            "embed/x.txt",
            "editions/x.html",
            "sources/x.vtt",
        ] {
            assert!(!may_write(path), "{path}");
        }
    }
}
