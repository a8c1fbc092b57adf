//! A site of many stories (`site.yaml`, `people.yaml`, `stories/<slug>/`):
//! the fixture in tests/fixtures/site has three, one in French, two that
//! share two people.

use std::path::{Path, PathBuf};

use crate::common::{Run, Story, run, run_in, snapshot};

const BASE_URL: &str = "https://ledger.example/desk/";

fn site() -> Story {
    Story::copy_of_tree("tests/fixtures/site")
}

fn build(site: &Story) -> Run {
    run(&[
        "build",
        "--root",
        site.root().to_str().unwrap(),
        "--base-url",
        BASE_URL,
        "--verbose",
    ])
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every link of `page` (a file under `output`) to the site's own files
/// leads to a file that exists, and its `#fragment` to an element of it.
fn assert_links_resolve(output: &Path, page: &str) -> usize {
    let html = scraper::Html::parse_document(&read(&output.join(page)));
    let links = scraper::Selector::parse("a[href]").unwrap();
    let from = output.join(page);
    let dir = from.parent().unwrap();
    let mut checked = 0;
    for link in html.select(&links) {
        let href = link.value().attr("href").unwrap();
        if href.contains("://") || href.starts_with("mailto:") {
            continue;
        }
        let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
        let target: PathBuf = if path.is_empty() {
            from.clone()
        } else {
            dir.join(path)
        };
        let target = if target.is_dir() {
            target.join("index.html")
        } else {
            target
        };
        assert!(target.is_file(), "{page}: {href} leads to no file");
        if !fragment.is_empty() {
            let text = read(&target);
            assert!(
                text.contains(&format!("id=\"{fragment}\"")),
                "{page}: {href}: no element `{fragment}` in {}",
                target.display()
            );
        }
        checked += 1;
    }
    checked
}

#[test]
fn a_site_builds_each_story_the_desk_and_a_page_per_shared_person() {
    let site = site();
    build(&site).assert_ok().assert_said(&[
        "3 stories, 2 shared people",
        "stories: 3 built, 0 from the cache",
    ]);
    let output = site.output();
    for story in ["tunnel", "budget", "pont"] {
        for file in ["index.html", "changes.html", "facts.json", "feed.xml"] {
            assert!(output.join(story).join(file).is_file(), "{story}/{file}");
        }
    }
    // Each story's own links are absolute under its folder.
    let tunnel = read(&output.join("tunnel/index.html"));
    assert!(tunnel.contains("https://ledger.example/desk/tunnel/"));
    // The desk: the most recently updated first, each story in its own
    // language, and a plain list without JavaScript.
    let desk = read(&output.join("index.html"));
    assert!(desk.starts_with("<!doctype html>\n<html lang=\"en\""));
    let order: Vec<usize> = [
        "Le pont du port",
        "The tunnel inquiry",
        "Where the harbour budget went",
    ]
    .iter()
    .map(|title| desk.find(title).unwrap_or_else(|| panic!("{title}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(desk.contains("<li lang=\"fr\" dir=\"ltr\">"));
    assert!(desk.contains("class=\"status final\">Final</span>"));
    assert!(desk.contains("class=\"status developing\">Developing</span>"));
    assert!(desk.contains("<form class=\"search\" role=\"search\" action=\"#\" hidden"));
    assert!(
        desk.contains("25 novembre 2025"),
        "a story's date is in its language"
    );
    assert!(assert_links_resolve(&output, "index.html") >= 5);
    // Each shared person's page links to every story, quote and event
    // they are in, by the stable ids of the story's page.
    let lena = read(&output.join("people/lena-okafor/index.html"));
    for wanted in [
        "tunnel/index.html#person-lena-okafor",
        "budget/index.html#person-lena-okafor",
        "pont/index.html#person-lena-okafor",
        "Deputy engineer",
        "Ingénieure en chef",
        "fermé par prudence",
    ] {
        assert!(lena.contains(wanted), "{wanted}");
    }
    // Each quote in the quotation marks of its story's page.
    assert!(lena.contains("«\u{a0}fermé par prudence\u{a0}»"), "{lena}");
    let tomas = read(&output.join("people/tomas-berg/index.html"));
    assert!(tomas.contains("tunnel/index.html#quote-safe-on-budget"));
    assert!(tomas.contains("“safe and on budget”"), "{tomas}");
    assert!(tomas.contains("Council meeting"));
    assert!(!tomas.contains("pont/index.html"), "not in that story");
    for person in ["lena-okafor", "tomas-berg"] {
        assert!(assert_links_resolve(&output, &format!("people/{person}/index.html")) >= 4);
    }
    // The site's feed and sitemap cover every story and person.
    let feed = read(&output.join("feed.xml"));
    assert!(feed.contains("<id>https://ledger.example/desk/tunnel/#update-"));
    let sitemap = read(&output.join("sitemap.xml"));
    for loc in [
        "https://ledger.example/desk/</loc>",
        "https://ledger.example/desk/pont/</loc>",
        "https://ledger.example/desk/budget/changes.html</loc>",
        "https://ledger.example/desk/people/tomas-berg/</loc>",
    ] {
        assert!(sitemap.contains(loc), "{loc}");
    }
    assert!(output.join(".nojekyll").is_file());
    // GitHub Pages answers a missing address anywhere with the root's.
    assert!(read(&output.join("404.html")).contains("<h1>Page not found</h1>"));
    // The search index, with a record for a quote at its stable id.
    assert!(output.join("pagefind/pagefind.js").is_file());
    assert!(output.join("pagefind/pagefind-entry.json").is_file());
    assert!(output.join("search.js").is_file());
}

#[test]
fn a_shared_person_is_listed_by_id_and_may_have_a_role_at_the_time() {
    let site = site();
    build(&site).assert_ok();
    let output = site.output();
    let tunnel = read(&output.join("tunnel/index.html"));
    let budget = read(&output.join("budget/index.html"));
    assert!(tunnel.contains("id=\"person-lena-okafor\""));
    assert!(tunnel.contains("Mayor since 2021"), "the shared summary");
    // The card's name is the shared one, the role the story's own.
    assert!(tunnel.contains("Lena Okafor") && tunnel.contains(">Engineer<"));
    assert!(budget.contains("Deputy engineer"));
    // A mention by a shared alias is linked as the story's own would be.
    assert!(budget.contains("Tomas Berg"));
}

#[test]
fn a_broken_story_stops_the_build_and_is_named_from_the_site_root() {
    let site = site();
    build(&site).assert_ok();
    let before = snapshot(&site.output());
    site.edit(
        "stories/tunnel/content/facts.yaml",
        "  - id: tomas-berg\n",
        "  - id: tomas-burg\n",
    );
    site.edit(
        "stories/budget/content/facts.yaml",
        "  - id: lena-okafor\n",
        "  - id: lena-okafor\n    name: Lena Okafor\n",
    );
    let run = build(&site);
    run.assert_fails_with(&[
        "stories/tunnel/content/facts.yaml:3:9",
        "`tomas-burg` is in neither this story's people nor the site's people.yaml",
        "did you mean `tomas-berg`",
        "stories/budget/content/facts.yaml:5:5",
        "`lena-okafor` is a person of the site's people.yaml",
        "stories with errors: stories/budget, stories/tunnel; nothing was written",
    ]);
    assert_eq!(snapshot(&site.output()), before, "the last good site stays");
    // From the site root, as an editor runs it, the names are the same.
    let run = run_in(site.root(), &["check"]);
    run.assert_fails_with(&["stories/tunnel/content/facts.yaml:3:9"]);
}

#[test]
fn a_quote_of_a_shared_person_the_story_does_not_list_says_how_to_list_them() {
    let site = site();
    site.edit(
        "stories/pont/content/facts.yaml",
        "  - speaker: jean-roux\n",
        "  - speaker: tomas-berg\n",
    );
    build(&site).assert_fails_with(&[
        "stories/pont/content/facts.yaml:14:",
        "`tomas-berg` is a person of the site's people.yaml whom this story does not list",
        "help: list `- id: tomas-berg` under people (it is in people.yaml)",
    ]);
}

#[test]
fn a_problem_of_the_site_s_static_files_is_named_from_the_site_root_once() {
    let site = site();
    site.write(
        "static/seal.svg",
        br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
    );
    let run = build(&site);
    run.assert_fails_with(&["static/seal.svg is an SVG with script in it"]);
    assert!(
        !run.stderr.contains("stories/tunnel/static/seal.svg"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("is an SVG with script in it").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn the_site_s_files_are_checked_with_located_errors() {
    let site = site();
    site.edit("site.yaml", "lang: en", "lang: english");
    site.edit(
        "people.yaml",
        "    group: Engineers\n",
        "    grup: Engineers\n",
    );
    build(&site).assert_fails_with(&["site.yaml:3:7", "people.yaml:"]);
    assert!(!site.output().exists());
}

#[test]
fn an_unchanged_story_comes_from_the_cache_byte_for_byte() {
    let site = site();
    build(&site).assert_ok();
    build(&site).assert_ok();
    // Rendered from nothing, with the facts of the last build.
    std::fs::remove_dir_all(site.root().join(".cache")).unwrap();
    build(&site)
        .assert_ok()
        .assert_said(&["stories: 3 built, 0 from the cache"]);
    let clean = snapshot(&site.output());
    build(&site)
        .assert_ok()
        .assert_said(&["stories: 0 built, 3 from the cache"]);
    assert_eq!(snapshot(&site.output()), clean);
    // The files are linked from the cache, not copied.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        for file in ["tunnel/index.html", "pagefind/pagefind-entry.json"] {
            let links = std::fs::metadata(site.output().join(file)).unwrap().nlink();
            assert!(links >= 2, "{file} has {links} link");
        }
    }
    // One story edited: only it is rendered, and the desk shows the edit.
    site.edit(
        "stories/budget/content/article.md",
        "title: Where the harbour budget went",
        "title: Where the harbour's budget went",
    );
    build(&site)
        .assert_ok()
        .assert_said(&["stories: 1 built, 2 from the cache"]);
    assert!(
        read(&site.output().join("index.html")).contains("Where the harbour&#39;s budget went")
    );
    // A shared person's card changed: every story listing them is rendered.
    site.edit("people.yaml", "Mayor since 2021", "Mayor since 2020");
    build(&site)
        .assert_ok()
        .assert_said(&["stories: 2 built, 1 from the cache"]);
    assert_same_as_clean(&site);
}

/// What a run told, without the lines that give its times and sizes.
fn told(run: &Run) -> String {
    run.stderr
        .lines()
        .filter(|line| !line.starts_with("Built ") && !line.starts_with("  load "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The site as it is now built with its cache is the site a build from
/// nothing writes (with the same previous facts), file for file and
/// warning for warning; and it is left as that clean build left it.
fn assert_same_as_clean(site: &Story) {
    let cached = build(site);
    cached.assert_ok();
    let files = snapshot(&site.output());
    std::fs::remove_dir_all(site.root().join(".cache")).unwrap();
    let clean = build(site);
    clean.assert_ok().assert_said(&["0 from the cache"]);
    assert_eq!(snapshot(&site.output()), files, "the files");
    assert_eq!(told(&cached), told(&clean), "the warnings");
}

/// Built, then built again to read its own facts: from then on, an
/// unchanged story comes from the cache.
fn settle(site: &Story) {
    build(site).assert_ok();
    build(site).assert_ok();
}

#[test]
fn the_cache_follows_each_input_a_story_is_built_from() {
    let site = site();
    // A shared person only one story lists.
    site.edit(
        "people.yaml",
        "people:\n",
        "people:\n  - id: ana-silva\n    name: Ana Silva\n    role: Auditor\n    group: Council\n",
    );
    site.edit(
        "stories/pont/content/facts.yaml",
        "people:\n",
        "people:\n  - id: ana-silva\n",
    );
    settle(&site);
    build(&site)
        .assert_ok()
        .assert_said(&["stories: 0 built, 3 from the cache"]);
    // Her card edited: only the story that lists her is rendered again.
    site.edit("people.yaml", "role: Auditor", "role: Chief auditor");
    build(&site)
        .assert_ok()
        .assert_said(&["stories: 1 built, 2 from the cache"]);
    assert!(read(&site.output().join("pont/index.html")).contains("Chief auditor"));
    settle(&site);
    // A static file of one story's: that story.
    site.write("stories/budget/static/notes.txt", b"sources, by line\n");
    build(&site)
        .assert_ok()
        .assert_said(&["stories: 1 built, 2 from the cache"]);
    assert!(site.output().join("budget/notes.txt").is_file());
    settle(&site);
    // The site's templates: every story.
    let page = std::fs::read_to_string("templates/takeaways.html").unwrap();
    site.write(
        "templates/takeaways.html",
        format!("<!-- the desk's -->\n{page}").as_bytes(),
    );
    build(&site)
        .assert_ok()
        .assert_said(&["stories: 3 built, 0 from the cache"]);
    settle(&site);
    // The site's static files and words: every story.
    site.write("static/desk.txt", b"the desk\n");
    build(&site)
        .assert_ok()
        .assert_said(&["stories: 3 built, 0 from the cache"]);
    settle(&site);
    // The facts the last build wrote, which the New marks come from.
    std::fs::remove_file(site.output().join("tunnel/facts.json")).unwrap();
    build(&site)
        .assert_ok()
        .assert_said(&["stories: 1 built, 2 from the cache"]);
    assert_same_as_clean(&site);
}

#[test]
fn a_story_from_the_cache_tells_the_warnings_it_told_when_rendered() {
    let site = site();
    // A warning of rendering (a character no font of the share cards
    // has) and one of the checks (an alias that is a common word).
    site.edit(
        "stories/tunnel/content/article.md",
        "title: The tunnel inquiry",
        "title: The tunnel inquiry \u{13000}",
    );
    site.edit(
        "stories/pont/content/facts.yaml",
        "aliases: [Roux]",
        "aliases: [Roux, Will]",
    );
    settle(&site);
    let run = build(&site);
    run.assert_ok().assert_said(&[
        "stories: 0 built, 3 from the cache",
        "no font the build ships has",
        "stories/tunnel/content/article.md:2:",
        "the alias `Will` is also a common word",
        "stories/pont/content/facts.yaml:",
        "2 warnings",
    ]);
    assert_same_as_clean(&site);
}

#[test]
fn a_new_story_in_a_site_uses_the_site_s_look() {
    let site = site();
    let run = run_in(site.root(), &["new", "stories/ferry"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.root()
            .join("stories/ferry/content/article.md")
            .is_file()
    );
    assert!(
        !site.root().join("stories/ferry/.github").exists(),
        "the site publishes it"
    );
    // The example article names Tomas Berg, a person of the site's: the
    // draft lists him by id, with the role the article gives him.
    let facts = read(&site.root().join("stories/ferry/content/facts.yaml"));
    assert!(
        facts.contains("  - id: tomas-berg\n    role: Councillor\n"),
        "{facts}"
    );
    build(&site).assert_ok().assert_said(&["4 stories"]);
    assert!(site.output().join("ferry/index.html").is_file());
}

/// `git` in `root`, with a fixed author and date.
fn git(root: &Path, args: &[&str]) {
    crate::common::git(root, args, "2025-12-01T08:00:00Z");
}

#[test]
fn in_a_repository_a_commit_re_renders_only_the_story_it_touched() {
    let site = site();
    git(site.root(), &["init", "-q"]);
    std::fs::write(site.root().join(".gitignore"), "public/\n.cache/\n").unwrap();
    git(site.root(), &["add", "-A"]);
    git(site.root(), &["commit", "-q", "-m", "The desk"]);
    settle(&site);
    build(&site)
        .assert_ok()
        .assert_said(&["stories: 0 built, 3 from the cache"]);
    // Edited and built, then committed with nothing more changed on disk:
    // the commit is a new edition of that story alone.
    site.edit(
        "stories/pont/content/article.md",
        "title: Le pont du port",
        "title: Le pont du port, rouvert",
    );
    settle(&site);
    git(site.root(), &["commit", "-q", "-am", "Pont: reopened"]);
    build(&site)
        .assert_ok()
        .assert_said(&["stories: 1 built, 2 from the cache"]);
    assert_same_as_clean(&site);
}

#[test]
fn a_story_without_a_publisher_of_its_own_has_the_site_s_and_its_standards() {
    let site = site();
    site.write(
        "site.yaml",
        b"title: The Harbour Desk
description: Explainers from the city desk, kept up to date.
lang: en
publisher:
  name: The Harbour Ledger
  url: https://ledger.example/
  policies:
    corrections: https://ledger.example/corrections
    ethics: https://ledger.example/ethics
  social: [https://social.example/@ledger]
  contact: https://ledger.example/contact
",
    );
    // How it was reported needs a publisher: the site's is one.
    site.edit(
        "stories/tunnel/content/article.md",
        "authors: [Ada Byrne]\n",
        "authors: [Ada Byrne]\nbackstory: Reporters read the council's minutes.\n",
    );
    build(&site).assert_ok();
    let output = site.output();
    let page = read(&output.join("tunnel/index.html"));
    assert!(
        page.contains("\"correctionsPolicy\":\"https://ledger.example/corrections\""),
        "the JSON-LD publisher's policies"
    );
    assert!(page.contains("\"publishingPrinciples\":\"https://ledger.example/ethics\""));
    assert!(
        page.contains("href=\"https://ledger.example/ethics\""),
        "the footer's standards line"
    );
    assert!(page.contains("Reporters read the council"));
    assert_eq!(
        read(&output.join("trust.txt")),
        "# trust.txt for The Harbour Ledger\nsocial=https://social.example/@ledger\ncontact=https://ledger.example/contact\n",
        "at the site's root, where JournalList looks"
    );
}
