//! A site of many stories: a root with `site.yaml`, each story a story
//! root under `stories/<slug>/`. Each story is built as a story on its own
//! is (load → validate → render), with the site's look, words and shared
//! people under its own, its files written under `<slug>/` as they are
//! made; then the site's own pages (the desk, each shared person's page,
//! the feed and sitemap, the search index). Stories are built on every
//! core, one story per core at a time, so that the memory a build takes
//! grows with its largest story, not with how many there are; the search
//! index is made beside them. A story whose inputs are unchanged is
//! neither loaded, nor checked, nor rendered: its files are linked from
//! the cache ([`crate::story_cache`]), with what the site's pages need of
//! it.
//!
//! One story with an error stops the build: nothing is written, and the
//! message names the story's files as they are opened from the site root
//! (`stories/ilva/content/facts.yaml:12:5`).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::desk::{self, SiteConfig, StoryEntry};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::load::Node;
use crate::options::BuildOptions;
use crate::output::OutputFile;
use crate::pipeline::{self, InSite, Memory, SiteStory};
use crate::render::RenderOptions;
use crate::render::search::{self, Indexer};
use crate::report::{Counts, Failure, Report, SiteCounts, Timings, human_size, peak_memory};
use crate::source::SourceFile;
use crate::{cache, layout, load, story_cache, text, validate, write};

/// Where a site's stories are.
pub const STORIES: &str = "stories";
/// GitHub Pages refuses a site over 1 GB; the build warns well before.
const SIZE_WARNING: u64 = 800 * 1000 * 1000;
/// What a site's template is named with in a story's messages, so that
/// they name it from the site root.
const SITE_LAYER: &str = "./";
/// How a built-in template's origin ends.
const BUILT_IN: &str = "(built in)";
/// How many made files may wait for the writer thread.
const FILES_IN_FLIGHT: usize = 64;

/// Whether `root` is a site rather than a story.
pub fn is_site(root: &Path) -> bool {
    root.join(layout::SITE_FILE).is_file()
}

/// Everything the site gives its stories, read and checked.
struct SiteInputs {
    config: SiteConfig,
    shared: Arc<load::Shared>,
    /// The site's own look, with the templates of its pages.
    theme: load::Theme,
    slugs: Vec<String>,
}

/// A YAML file of the site's, read and parsed with its positions.
fn read_yaml(root: &Path, path: &str) -> Result<(SourceFile, Node), Diagnostic> {
    let file = load::read_source(root, path)?;
    let node = load::yaml::parse(&file, &file.text, 1)?;
    Ok((file, node))
}

/// Read `site.yaml`, `people.yaml`, the site's `templates/`, `static/` and
/// `i18n/`, and the list of stories: every problem in one run.
fn read_site(root: &Path) -> Result<SiteInputs, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let theme = load::theme_over(root, load::site_defaults())
        .map_err(|d| diagnostics.extend(d))
        .ok();
    let static_files: Vec<&str> = theme.as_ref().map(|t| t.static_paths()).unwrap_or_default();
    let pictures = theme.as_ref().map(|t| t.pictures()).unwrap_or_default();
    let config = read_yaml(root, layout::SITE_FILE)
        .map_err(|d| diagnostics.push(d))
        .ok()
        .and_then(|(file, node)| {
            validate::site_config(&file, &node, &static_files, &pictures)
                .map_err(|d| diagnostics.extend(d))
                .ok()
        });
    let people = if root.join(validate::SHARED_PEOPLE).is_file() {
        read_yaml(root, validate::SHARED_PEOPLE)
            .map_err(|d| diagnostics.push(d))
            .ok()
            .and_then(|(file, node)| {
                validate::shared_people(&file, &node, &static_files, &pictures)
                    .map_err(|d| diagnostics.extend(d))
                    .ok()
            })
    } else {
        Some(Vec::new())
    };
    let translations = load::site_translations(root)
        .and_then(|sources| validate::shared_translations(&sources))
        .map_err(|d| diagnostics.extend(d))
        .ok();
    let slugs = list_stories(root, &mut diagnostics);
    drop((static_files, pictures));
    match (config, people, translations, theme) {
        (Some(config), Some(people), Some(translations), Some(theme))
            if !diagnostics.has_errors() =>
        {
            // A story's messages about a template of the site's name it
            // from the site root, not under the story (see `in_story`).
            let mut for_stories = theme.for_stories();
            for template in &mut for_stories.templates {
                if !template.origin.ends_with(BUILT_IN) {
                    template.origin = format!("{SITE_LAYER}{}", template.origin);
                }
            }
            let shared = Arc::new(load::Shared {
                theme: for_stories,
                translations,
                people,
                publisher: config.publisher.clone(),
            });
            Ok(SiteInputs {
                config,
                shared,
                theme,
                slugs,
            })
        }
        _ => Err(diagnostics.sorted()),
    }
}

/// The folders of `stories/`, by name: each a story, named by a slug.
fn list_stories(root: &Path, diagnostics: &mut Diagnostics) -> Vec<String> {
    let dir = root.join(STORIES);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) => {
            diagnostics.push(
                Diagnostic::file_error(format!("{STORIES}/"), format!("cannot read: {error}"))
                    .with_help(format!(
                        "a site keeps each story in {STORIES}/<slug>/; start one with `explainer new {STORIES}/<slug>`"
                    )),
            );
            return Vec::new();
        }
    };
    let mut slugs: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    slugs.sort();
    slugs.retain(|slug| {
        let shown = format!("{STORIES}/{slug}/");
        if !text::is_slug(slug) {
            diagnostics.push(
                Diagnostic::file_error(
                    &shown,
                    "a story's folder name is its address: it must be a slug",
                )
                .with_help(format!(
                    "rename it to {STORIES}/{}/ (lowercase letters, digits and hyphens)",
                    text::slug(slug, text::Letters::Ascii)
                )),
            );
            return false;
        }
        if layout::SITE_FOLDERS.contains(&slug.as_str()) {
            diagnostics.push(
                Diagnostic::file_error(
                    &shown,
                    format!("`{slug}` is the name of a folder the site writes itself"),
                )
                .with_help("give the story another folder name"),
            );
            return false;
        }
        true
    });
    if slugs.is_empty() && !diagnostics.has_errors() {
        diagnostics.push(
            Diagnostic::file_error(format!("{STORIES}/"), "the site has no stories")
                .with_help(format!("start one with `explainer new {STORIES}/<slug>`")),
        );
    }
    slugs
}

/// One story's outcome.
type Outcome = Result<pipeline::SiteStoryBuilt, Failure>;

/// Build every story and the site's pages into `output`, or write nothing.
/// `_memory` is not used: a site's stories are not held between builds
/// (see `build_stories`); the story cache makes an unchanged one cheap.
pub(crate) fn build_site(options: &BuildOptions, _memory: &mut Memory) -> Result<Report, Failure> {
    let root = &options.root;
    let output = options.output_dir();
    write::check_output_location(root, &output).map_err(Failure::Usage)?;
    let stories_dir = write::absolute(&root.join(STORIES));
    let absolute_output = write::absolute(&output);
    if stories_dir.starts_with(&absolute_output) || absolute_output.starts_with(&stories_dir) {
        return Err(Failure::Usage(
            Diagnostic::file_error(
                output.display().to_string(),
                "refusing to write the site here: the output folder would hold or replace stories/",
            )
            .with_help("choose an output folder outside stories/, such as public/"),
        ));
    }
    write::check_replaceable(&absolute_output).map_err(Failure::Usage)?;
    let base_url = options.base_url().map_err(Failure::Usage)?;

    let started = Instant::now();
    let site = read_site(root).map_err(|d| Failure::Content(failed_report(d, Vec::new())))?;
    let mut timings = Timings {
        load: started.elapsed(),
        ..Timings::default()
    };

    let staging = write::Staging::begin(&output)
        .map_err(|diagnostic| Failure::Output(Report::of_one(diagnostic)))?;
    let (sender, files) = std::sync::mpsc::sync_channel::<OutputFile>(FILES_IN_FLIGHT);
    let cache_dir = root.join(cache::DIR);
    let started = Instant::now();
    let (outcomes, pages, written) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || write::write_each(staging, files));
        let mut site_files = story_cache::SiteFiles::at(&cache_dir);
        let indexer = Indexer::start(&site.config.lang);
        let mut outcomes = build_stories(
            root,
            &site,
            base_url.as_deref(),
            &output,
            &cache_dir,
            &sender,
            &indexer,
        );
        // Taken, not copied: the reports are all that is left to read.
        let mut entries: Vec<StoryEntry> = outcomes
            .iter_mut()
            .filter_map(|(_, o)| o.as_mut().ok().and_then(|b| b.entry.take()))
            .collect();
        let all_built = entries.len() == outcomes.len();
        let pages = if all_built {
            desk::newest_first(&mut entries);
            site_pages(
                &site,
                &entries,
                base_url.as_deref(),
                &mut site_files,
                indexer,
                &sender,
            )
        } else {
            Ok(())
        };
        drop(sender);
        let written = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // Every file is linked into the new site: the stories rendered
        // now may be kept (their files stay where the site links them from
        // until they are).
        for (_, outcome) in &mut outcomes {
            if let Ok(built) = outcome
                && let Some((recording, kept)) = built.to_keep.take()
            {
                recording.finish(kept);
            }
        }
        // A build that made no site pages (a story failed) keeps the last
        // one's.
        if all_built && pages.is_ok() {
            site_files.prune();
        }
        (outcomes, pages, written)
    });
    timings.render = started.elapsed();
    timings.peak_memory[2] = peak_memory();

    let mut report = gather(root, outcomes, timings)?;
    if let Err(diagnostics) = pages {
        report.diagnostics.extend(diagnostics);
        report.output = None;
        return Err(Failure::Content(report));
    }
    let started = Instant::now();
    let written = written.and_then(write::Staging::commit);
    report.timings.write = started.elapsed();
    report.timings.peak_memory[3] = peak_memory();
    if let Err(diagnostic) = written {
        report.diagnostics.push(diagnostic);
        return Err(Failure::Output(report));
    }
    let bytes = folder_size(&output);
    if let Some(counts) = &mut report.site {
        counts.bytes = bytes;
        counts.people = site.shared.people.len();
    }
    if bytes > SIZE_WARNING {
        report.diagnostics.push(
            Diagnostic::file_error(
                output.display().to_string(),
                format!(
                    "the site takes {} on disk; GitHub Pages refuses a site over 1 GB",
                    human_size(bytes)
                ),
            )
            .with_severity(Severity::Warning)
            .with_help("build the stories on several runners and publish them to more than one site, or move past editions elsewhere (README, Sites)"),
        );
    }
    report.output = Some(output);
    Ok(report)
}

/// The site's checks, writing nothing: every story's, and the site's
/// files'.
pub(crate) fn check_site(root: &Path) -> Result<Report, Failure> {
    let started = Instant::now();
    let site = read_site(root).map_err(|d| Failure::Content(failed_report(d, Vec::new())))?;
    let mut timings = Timings {
        load: started.elapsed(),
        ..Timings::default()
    };
    let started = Instant::now();
    // On every core, one story per core at a time, as a build does.
    let outcomes = on_every_core(&site.slugs, |slug| {
        let story_root = root.join(STORIES).join(slug);
        crate::root::check_root(&story_root)
            .and_then(|()| pipeline::check_site_story(&story_root, Arc::clone(&site.shared)))
    });
    let outcomes: Vec<(String, Outcome)> = site.slugs.iter().cloned().zip(outcomes).collect();
    timings.validate = started.elapsed();
    let mut report = gather(root, outcomes, timings)?;
    report.output = None;
    Ok(report)
}

/// Build each story on its own thread, as many at once as there are
/// cores; the outcomes in the stories' order.
fn build_stories(
    root: &Path,
    site: &SiteInputs,
    base_url: Option<&str>,
    output: &Path,
    cache_dir: &Path,
    sender: &std::sync::mpsc::SyncSender<OutputFile>,
    indexer: &Indexer,
) -> Vec<(String, Outcome)> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(site.slugs.len())
        .max(1);
    let next = AtomicUsize::new(0);
    // The outcomes so far, and how many of the first have been indexed.
    let outcomes: Mutex<(BTreeMap<usize, Outcome>, usize)> = Mutex::new((BTreeMap::new(), 0));
    // Each story is indexed for the search as soon as every story before
    // it is: in the stories' order, whichever is built first, so that the
    // index is the same on every build, and made beside the building.
    let done = |index: usize, outcome: Outcome| {
        let mut guard = lock(&outcomes);
        let (outcomes, indexed) = &mut *guard;
        outcomes.insert(index, outcome);
        while let Some(outcome) = outcomes.get(indexed) {
            if let Ok(pipeline::SiteStoryBuilt {
                entry: Some(entry), ..
            }) = outcome
            {
                for record in search::story_records(entry, &site.shared.people) {
                    indexer.add(record);
                }
            }
            *indexed += 1;
        }
    };
    let site_key = story_cache::site_key(root, base_url, false);
    let site_commits = load::history::site_commits(root, STORIES);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            scope.spawn(|| {
                let sender = sender;
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(slug) = site.slugs.get(index) else {
                        break;
                    };
                    // Each story's memory (its past editions, read and
                    // rendered) is dropped with it: holding every story's
                    // at once would make the peak grow with the number of
                    // stories, and an unchanged story comes from the
                    // cache instead.
                    let mut story_memory = Memory::default();
                    let story_root = root.join(STORIES).join(slug);
                    let previous_path = output.join(slug).join(layout::FACTS_JSON);
                    let key = story_cache::story_key(
                        &site_key,
                        &story_root,
                        &previous_path,
                        site_commits.as_ref(),
                    );
                    let store = story_cache::Store::at(cache_dir, slug);
                    if let Some(outcome) = from_cache(&store, &key, slug, site, &sender) {
                        done(index, outcome);
                        continue;
                    }
                    let previous = load::previous::read(&previous_path).unwrap_or(None);
                    let story = SiteStory {
                        root: &story_root,
                        render: RenderOptions {
                            base_url: base_url.map(|base| format!("{base}{slug}/")),
                            skip_pictures: false,
                            cache: Some(Arc::new(cache::Cache::at(&story_root.join(cache::DIR)))),
                        },
                        previous,
                        shared: Arc::clone(&site.shared),
                        in_site: InSite {
                            slug: slug.clone(),
                            store,
                            key,
                        },
                    };
                    let outcome =
                        pipeline::build_site_story(story, Some(sender.clone()), &mut story_memory);
                    done(index, outcome);
                }
            });
        }
    });
    let (mut outcomes, _) = outcomes.into_inner().unwrap_or_else(|e| e.into_inner());
    site.slugs
        .iter()
        .enumerate()
        .map(|(index, slug)| {
            let outcome = outcomes.remove(&index).unwrap_or_else(|| {
                Err(Failure::Content(Report::of_one(Diagnostic::file_error(
                    format!("{STORIES}/{slug}/"),
                    "the story was not built",
                ))))
            });
            (slug.clone(), outcome)
        })
        .collect()
}

/// A story whose inputs are unchanged, from the cache: its files linked
/// into the site under `<slug>/`, and what its build told and gave the
/// site's pages, as it was. `None` when the cache has no such story.
fn from_cache(
    store: &story_cache::Store,
    key: &str,
    slug: &str,
    site: &SiteInputs,
    sender: &std::sync::mpsc::SyncSender<OutputFile>,
) -> Option<Outcome> {
    let (files, kept) = store.kept(key, |listed| {
        story_cache::people(listed, &site.shared.people)
    })?;
    for file in files {
        let _ = sender.send(OutputFile {
            path: format!("{slug}/{}", file.path),
            contents: file.contents,
        });
    }
    Some(Ok(pipeline::SiteStoryBuilt {
        report: kept.told.report(),
        entry: Some(kept.entry),
        from_cache: true,
        to_keep: None,
    }))
}

/// `each` of every slug, on as many threads as there are cores, each
/// taking the next slug when it is done; the results in the slugs' order.
fn on_every_core<T: Send>(slugs: &[String], each: impl Fn(&str) -> T + Sync) -> Vec<T> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(slugs.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<BTreeMap<usize, T>> = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(slug) = slugs.get(index) else { break };
                    let result = each(slug);
                    lock(&results).insert(index, result);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_values()
        .collect()
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The site's own pages and its search index, sent to the writer.
fn site_pages(
    site: &SiteInputs,
    entries: &[StoryEntry],
    base_url: Option<&str>,
    kept: &mut story_cache::SiteFiles,
    index: Indexer,
    sender: &std::sync::mpsc::SyncSender<OutputFile>,
) -> Result<(), Diagnostics> {
    let mut put = |file: OutputFile| {
        let _ = sender.send(kept.link(file));
    };
    crate::render::site::render(
        &crate::render::site::From {
            config: &site.config,
            stories: entries,
            people: &site.shared.people,
            theme: &site.theme,
            base_url,
            search: true,
        },
        Some(index),
        &mut put,
    )
}

/// The stories' outcomes as one report: their warnings, or, when any
/// failed, every failed story's errors, each named from the site root.
fn gather(
    root: &Path,
    outcomes: Vec<(String, Outcome)>,
    mut timings: Timings,
) -> Result<Report, Failure> {
    let mut diagnostics = Diagnostics::new();
    // Each note with the stories it is about, in the order first told.
    let mut told: Vec<(String, Vec<String>)> = Vec::new();
    let stories = outcomes.len();
    let mut failed: Vec<String> = Vec::new();
    let mut counts = Counts {
        people: 0,
        quotes: 0,
        events: 0,
    };
    let mut site = SiteCounts {
        stories: outcomes.len(),
        ..SiteCounts::default()
    };
    let mut editions = 0;
    let mut output_failure = false;
    let mut of_site: Vec<Diagnostic> = Vec::new();
    for (slug, outcome) in outcomes {
        let (report, built) = match outcome {
            Ok(built) => {
                if built.from_cache {
                    site.from_cache += 1;
                } else {
                    site.built += 1;
                }
                (built.report, true)
            }
            Err(Failure::Content(report)) => (report, false),
            Err(Failure::Output(report)) => {
                output_failure = true;
                (report, false)
            }
            Err(Failure::Usage(diagnostic)) => (Report::of_one(diagnostic), false),
        };
        if !built {
            failed.push(format!("{STORIES}/{slug}"));
        }
        if let Some(c) = report.counts {
            counts.people += c.people;
            counts.quotes += c.quotes;
            counts.events += c.events;
        }
        editions += report.editions;
        timings.pictures_reused += report.timings.pictures_reused;
        timings.pictures_made += report.timings.pictures_made;
        for note in report.notes {
            match told.iter_mut().find(|(n, _)| *n == note) {
                Some((_, about)) => about.push(format!("{STORIES}/{slug}")),
                None => told.push((note, vec![format!("{STORIES}/{slug}")])),
            }
        }
        for mut diagnostic in report.diagnostics {
            diagnostic.file = in_story(root, &slug, &diagnostic.file);
            // A problem of a file of the site's is every story's: told once.
            if !diagnostic.file.starts_with(STORIES) {
                if of_site.contains(&diagnostic) {
                    continue;
                }
                of_site.push(diagnostic.clone());
            }
            diagnostics.push(diagnostic);
        }
    }
    // A note every story has (no git history) is told once.
    let notes = told
        .into_iter()
        .map(|(note, about)| {
            if about.len() == stories && stories > 1 {
                format!("every story: {note}")
            } else {
                format!("{}: {note}", about.join(", "))
            }
        })
        .collect();
    let report = Report {
        diagnostics: diagnostics.sorted(),
        counts: Some(counts),
        editions,
        notes,
        output: None,
        timings,
        site: Some(site),
    };
    if failed.is_empty() {
        return Ok(report);
    }
    let mut report = report;
    report.notes.push(format!(
        "{} with errors: {}; nothing was written",
        if failed.len() == 1 {
            "a story"
        } else {
            "stories"
        },
        failed.join(", ")
    ));
    report.counts = None;
    if output_failure {
        Err(Failure::Output(report))
    } else {
        Err(Failure::Content(report))
    }
}

/// A file a story's message names, as it is opened from the site root:
/// the story's own files are under `stories/<slug>/`; the site's
/// (`people.yaml`, its templates) are named from the site root already.
/// A static file a story has from the site's `static/` (which its own
/// lies over, file by file) is named as the site's: it is there, not in
/// the story, that the editor opens it.
fn in_story(root: &Path, slug: &str, file: &str) -> String {
    if let Some(of_site) = file.strip_prefix(SITE_LAYER) {
        return of_site.to_owned();
    }
    let of_story = load::INPUT_FOLDERS.iter().any(|folder| {
        file.strip_prefix(folder)
            .is_some_and(|rest| rest.starts_with('/'))
    });
    if of_story && !file.ends_with(BUILT_IN) {
        let of_site = file.starts_with("static/")
            && !root.join(STORIES).join(slug).join(file).exists()
            && root.join(file).exists();
        if of_site {
            return file.to_owned();
        }
        format!("{STORIES}/{slug}/{file}")
    } else {
        file.to_owned()
    }
}

fn failed_report(diagnostics: Diagnostics, notes: Vec<String>) -> Report {
    Report {
        diagnostics,
        counts: None,
        editions: 0,
        notes,
        output: None,
        timings: Timings::default(),
        site: None,
    }
}

/// The bytes of every file under `folder`.
fn folder_size(folder: &Path) -> u64 {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}
