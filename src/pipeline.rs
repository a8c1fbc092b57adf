//! The build itself: load → validate → render → write, each stage timed,
//! the files written on a second thread as rendering makes them, and what
//! a build can hand the next one in the same process ([`Memory`]).

use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::diagnostic::{self, Diagnostic, Diagnostics};
use crate::options::{BuildOptions, Previous};
use crate::output::OutputFile;
use crate::render::{self, RenderOptions};
use crate::report::{Counts, Failure, Report, Timings, peak_memory};
use crate::{
    cache, changes, desk, editions, facts_json, layout, load, story_cache, text, validate, write,
};

/// What one build in a process can hand the next: the past editions read
/// from the git history, and their pages. `serve` keeps one for its
/// session, so a save re-renders none of fifty unchanged past editions; a
/// build on its own starts with an empty one. Each owner has its own, so
/// two builds in one process (two stories of a site, two tests) never wait
/// for each other.
#[derive(Default)]
pub struct Memory {
    editions: editions::LastRead,
    past_pages: Option<(PagesKey, Vec<OutputFile>)>,
}

impl std::fmt::Debug for Memory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memory")
            .field(
                "past_pages",
                &self.past_pages.as_ref().map(|(_, p)| p.len()),
            )
            .finish_non_exhaustive()
    }
}

/// How many made files may wait for the writer thread.
const FILES_IN_FLIGHT: usize = 64;

pub(crate) fn build_in_root(
    options: &BuildOptions,
    memory: &mut Memory,
) -> Result<Report, Failure> {
    crate::root::check_root(&options.root)?;
    let output = options.output_dir();
    write::check_output_location(&options.root, &output).map_err(Failure::Usage)?;
    write::check_replaceable(&write::absolute(&output)).map_err(Failure::Usage)?;
    let base_url = options.base_url().map_err(Failure::Usage)?;

    let mut warnings = Diagnostics::new();
    // Facts `serve` read once are borrowed, not copied, on every rebuild.
    let previous: Option<Cow<'_, facts_json::FactsJson>> = match &options.previous {
        Previous::Output => load::previous::read(&output.join(layout::FACTS_JSON))
            .unwrap_or_else(|mut diagnostic| {
                // A damaged file in our own output costs only the marks.
                diagnostic.severity = diagnostic::Severity::Warning;
                warnings.push(diagnostic.with_note("nothing is marked as new in this build"));
                None
            })
            .map(Cow::Owned),
        Previous::File(path) => match load::previous::read(path) {
            Ok(Some(facts)) => Some(Cow::Owned(facts)),
            Ok(None) => {
                return Err(Failure::Usage(
                    Diagnostic::file_error(path.display().to_string(), "no such file")
                        .with_help("--previous names the facts.json of an earlier build"),
                ));
            }
            Err(diagnostic) => return Err(Failure::Content(Report::of_one(diagnostic))),
        },
        Previous::Read(facts) => facts.as_deref().map(Cow::Borrowed),
    };

    // A facts.json named on the command line carries its ids into the
    // history's oldest edition; one that is merely in the output folder
    // does not, so that the same history always gives the same site.
    let seed = matches!(options.previous, Previous::File(_));
    let staging = write::Staging::begin(&output)
        .map_err(|diagnostic| Failure::Output(Report::of_one(diagnostic)))?;
    // The files are written on a second thread as rendering makes them: a
    // large story's tens of thousands of files spend their time waiting on
    // the filesystem, which rendering need not wait for. The channel is
    // short, so a slow disk holds rendering back rather than piling files up
    // in memory.
    let (sender, files) = std::sync::mpsc::sync_channel(FILES_IN_FLIGHT);
    let (stages, written, waited) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || write::write_each(staging, files));
        let mut delivery = Delivery::new(Some(sender));
        let stages = run_stages(
            &options.root,
            &RenderOptions {
                base_url,
                skip_pictures: false,
                cache: Some(story_cache(&options.root)),
            },
            previous.as_deref(),
            seed,
            &mut delivery,
            memory,
            None,
        );
        drop(delivery);
        let started = Instant::now();
        let written = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (stages, written, started.elapsed())
    });
    // A failed stage drops the staging folder unused: the last good site
    // stays.
    let mut report = stages?;
    report.diagnostics.extend(warnings);
    let started = Instant::now();
    let written = written.and_then(write::Staging::commit);
    report.timings.write = waited + started.elapsed();
    report.timings.peak_memory[3] = peak_memory();
    match written {
        Ok(()) => {
            report.output = Some(output);
            Ok(report)
        }
        Err(diagnostic) => {
            report.diagnostics.push(diagnostic);
            Err(Failure::Output(report))
        }
    }
}

pub(crate) fn check_in_root(root: &Path) -> Result<Report, Failure> {
    let options = RenderOptions {
        cache: Some(story_cache(root)),
        ..RenderOptions::default()
    };
    crate::root::check_root(root)?;
    run_stages(
        root,
        &options,
        None,
        false,
        &mut Delivery::new(None),
        &mut Memory::default(),
        None,
    )
}

/// The story's cache of resized pictures (see [`cache`]). `check` uses it
/// too: it resizes to find pictures that do not decode, and the build
/// after it then has nothing left to do.
fn story_cache(root: &Path) -> Arc<cache::Cache> {
    Arc::new(cache::Cache::at(&root.join(cache::DIR)))
}

/// The facts of an earlier build in `output`, for `serve` to read once;
/// a damaged or missing file is no baseline.
pub(crate) fn previous_in(output: &Path) -> Option<facts_json::FactsJson> {
    load::previous::read(&output.join(layout::FACTS_JSON)).unwrap_or(None)
}

/// Where the rendered files go as each is made: to the writer thread for a
/// build, nowhere for `check`. The page's ids are kept for the check of
/// links to them (when there are such links: a large story's page is tens
/// of megabytes, not worth holding for nothing), every path for the check
/// of links to files, and the past editions' pages for the next build with
/// the same memory.
struct Delivery {
    writer: Option<std::sync::mpsc::SyncSender<OutputFile>>,
    page_ids: Option<BTreeSet<String>>,
    paths: HashSet<String>,
    editions: Vec<OutputFile>,
    keep_editions: bool,
    /// For a story of a site: its folder in the site, where each of its
    /// files is sent, and where its files are kept between builds.
    in_site: Option<InSite>,
    /// The story's files as they are made, for the cache.
    recording: Option<story_cache::Recording>,
    /// The site's pages' view of the story, once it is checked.
    entry: Option<desk::StoryEntry>,
    /// The ids of the story's people, once it is checked.
    listed: Vec<String>,
}

/// What a story of a site is built with, beside what a story on its own is.
pub(crate) struct InSite {
    /// Its folder in the site: `stories/<slug>/` in, `<slug>/` out.
    pub slug: String,
    pub store: story_cache::Store,
    /// What its files are kept under (see [`story_cache::story_key`]).
    pub key: String,
}

impl Delivery {
    fn new(writer: Option<std::sync::mpsc::SyncSender<OutputFile>>) -> Self {
        Delivery {
            writer,
            page_ids: None,
            paths: HashSet::new(),
            editions: Vec::new(),
            keep_editions: false,
            in_site: None,
            recording: None,
            entry: None,
            listed: Vec::new(),
        }
    }

    fn put(&mut self, file: OutputFile) {
        if file.path == layout::PAGE
            && let (Some(ids), Some(bytes)) = (&mut self.page_ids, file.bytes())
        {
            let page = String::from_utf8_lossy(bytes);
            ids.extend(validate::ids_in(&page).into_iter().map(str::to_owned));
        }
        if self.keep_editions && layout::is_edition_page(&file.path) {
            self.editions.push(file.clone());
        }
        self.paths.insert(file.path.clone());
        let mut file = file;
        // A file kept in the cache is linked from there into the site: one
        // file on disk rather than two, and its bytes are not held while
        // it waits for the writer.
        if let Some(recording) = &mut self.recording
            && let Some(kept) = recording.keep(&file)
        {
            file.contents = crate::output::Contents::Link(kept);
        }
        let file = match &self.in_site {
            Some(site) => OutputFile {
                path: format!("{}/{}", site.slug, file.path),
                contents: file.contents,
            },
            None => file,
        };
        // A writer that stopped has an error to tell, told once the stages
        // are done; what is left of the site is not written.
        if let Some(writer) = &self.writer
            && writer.send(file).is_err()
        {
            self.writer = None;
        }
    }
}

/// Load, validate and render into `delivery`, timing each stage.
///
/// `previous` is the previous build's facts; with a git history the
/// previous edition comes from the history instead, and `previous` is
/// used only when `seed` says the user named it, for its ids.
fn run_stages(
    root: &Path,
    options: &RenderOptions,
    previous: Option<&facts_json::FactsJson>,
    seed: bool,
    delivery: &mut Delivery,
    memory: &mut Memory,
    shared: Option<Arc<load::Shared>>,
) -> Result<Report, Failure> {
    let mut timings = Timings::default();
    let mut notes = Vec::new();
    let fail = |diagnostics: Diagnostics, timings: Timings, notes: &[String]| {
        Failure::Content(Report {
            diagnostics: diagnostics.sorted(),
            counts: None,
            editions: 0,
            notes: notes.to_vec(),
            output: None,
            timings,
            site: None,
        })
    };

    let started = Instant::now();
    let shared_people = shared.as_ref().map(|s| s.people.clone());
    let site_publisher = shared.as_ref().and_then(|s| s.publisher.clone());
    let inputs = load::load_in(root, shared);
    timings.load = started.elapsed();
    timings.peak_memory[0] = peak_memory();
    let mut inputs = inputs.map_err(|d| fail(d, timings, &notes))?;
    // What the editor should hear of the theme (a copy of a default that
    // has drifted from it), once.
    notes.append(&mut inputs.theme.notes);

    let started = Instant::now();
    let static_files = inputs.theme.static_paths();
    let pictures = inputs.theme.pictures();
    let latest = validate::edition_of(&inputs.article, &inputs.facts);
    let surroundings = validate::Surroundings {
        static_files: &static_files,
        pictures: &pictures,
        transcripts: &inputs.transcripts,
        shared: shared_people.as_deref(),
        site_publisher: site_publisher.as_ref(),
    };
    let past = editions::read(
        root,
        &surroundings,
        latest.as_ref(),
        previous.filter(|_| seed),
        &mut memory.editions,
    );
    notes.extend(past.note.clone());
    let previous = if past.read {
        past.previous.as_ref()
    } else {
        previous
    };
    let validated = validate::validate(&mut inputs, previous);
    timings.validate = started.elapsed();
    timings.peak_memory[1] = peak_memory();
    let validated = validated.map_err(|d| fail(d, timings, &notes))?;
    // The parsed files are done with once the story is checked; freeing them
    // now keeps them from adding to the peak of rendering a large story.
    let load::Inputs {
        theme,
        article,
        facts,
        ..
    } = inputs;
    let facts_name = facts.file.name.clone();
    drop((article, facts));
    let story = &validated.story;
    let counts = Counts {
        people: story.people.len(),
        quotes: story.quotes.len(),
        events: story.timeline.len(),
    };

    let changes = previous.map_or_else(
        || changes::Changes::none(story),
        |previous| changes::Changes::since(story, previous),
    );
    let mut warnings = validated.warnings.clone();
    past.warnings.iter().for_each(|w| warnings.push(w.clone()));
    for removed in changes.unannounced_removals(story) {
        warnings.push(
            Diagnostic::file_error(
                &facts_name,
                format!(
                    "`{}` (“{}”) was removed without a correction or an update that says so",
                    removed.id,
                    text::shorten(&removed.words.text, 60, text::Cut::AfterWord)
                ),
            )
            .with_severity(diagnostic::Severity::Warning)
            .with_help(format!(
                "add a correction with `item: {}`, or an update, so readers know it was withdrawn",
                removed.id
            )),
        );
    }
    let started = Instant::now();
    let past_editions: Vec<render::Edition> = past
        .editions
        .iter()
        .map(|e| render::Edition {
            story: &e.story,
            changes: &e.changes,
        })
        .collect();
    let key = PagesKey {
        past: Arc::clone(&past),
        templates: theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), t.text.clone()))
            .collect(),
        base_url: options.base_url.clone(),
        pictures: picture_files(&theme),
    };
    let cached = memory
        .past_pages
        .as_ref()
        .filter(|(k, _)| *k == key)
        .map(|(_, files)| files.as_slice());
    delivery.keep_editions = cached.is_none();
    if let Some(site) = &delivery.in_site {
        let shared: Vec<&str> = shared_people
            .iter()
            .flatten()
            .map(|p| p.id.as_str())
            .collect();
        delivery.entry = Some(desk::StoryEntry::of(&site.slug, story, &shared));
        delivery.listed = story.people.iter().map(|p| p.id.clone()).collect();
        delivery.recording = site.store.record(&site.key);
    }
    let links_to_ids = validated
        .held_links
        .iter()
        .any(|link| matches!(link.target, validate::Held::Fragment(_)));
    delivery.page_ids = links_to_ids.then(BTreeSet::new);
    let rendered = render::render_site_into(
        render::Edition {
            story,
            changes: &changes,
        },
        &past_editions,
        cached,
        &theme,
        options,
        &mut |file| delivery.put(file),
    );
    if rendered.is_ok() && delivery.keep_editions {
        memory.past_pages = Some((key, std::mem::take(&mut delivery.editions)));
    }
    timings.render = started.elapsed();
    timings.peak_memory[2] = peak_memory();
    if let Some(cache) = &options.cache {
        (timings.pictures_reused, timings.pictures_made) = cache.counts();
    }
    let rendered_warnings = rendered.map_err(|mut d| {
        d.extend(warnings.clone());
        fail(d, timings, &notes)
    });
    let rendered_warnings = match rendered_warnings {
        Ok(warnings) => warnings,
        Err(failure) => {
            if let Some(recording) = delivery.recording.take() {
                recording.abandon();
            }
            return Err(failure);
        }
    };
    warnings.extend(rendered_warnings);
    let page_ids = delivery.page_ids.take().unwrap_or_default();
    let mut missing = validate::missing_targets(
        &validated.held_links,
        &page_ids.iter().map(String::as_str).collect(),
        &delivery.paths,
    );
    if missing.has_errors() {
        if let Some(recording) = delivery.recording.take() {
            recording.abandon();
        }
        missing.extend(warnings.clone());
        return Err(fail(missing, timings, &notes));
    }
    // The recording is finished by the caller, which has the story's whole
    // entry (see `build_site_story`).
    Ok(story_report(
        warnings,
        counts,
        past_editions.len(),
        notes,
        timings,
    ))
}

/// What a story's build tells, whether it was rendered or came from the
/// cache.
fn story_report(
    warnings: Diagnostics,
    counts: Counts,
    editions: usize,
    notes: Vec<String>,
    timings: Timings,
) -> Report {
    Report {
        diagnostics: warnings.sorted(),
        counts: Some(counts),
        editions,
        notes,
        output: None,
        timings,
        site: None,
    }
}

/// What the past editions' pages were made from: while it is the same,
/// the pages are.
struct PagesKey {
    past: Arc<editions::Past>,
    templates: Vec<(String, String)>,
    base_url: Option<String>,
    /// The pictures' files as they stood: the past editions' pages name
    /// their resized versions, whose names change with their bytes.
    pictures: Vec<(String, Option<(u64, std::time::SystemTime)>)>,
}

/// Each picture of the theme, with its file's size and time of change.
fn picture_files(theme: &load::Theme) -> Vec<(String, Option<(u64, std::time::SystemTime)>)> {
    theme
        .assets
        .iter()
        .filter(|a| a.picture.is_some())
        .map(|a| {
            let stamp = match &a.source {
                load::AssetSource::File(path) => std::fs::metadata(path)
                    .ok()
                    .and_then(|m| Some((m.len(), m.modified().ok()?))),
                load::AssetSource::BuiltIn { .. } => None,
            };
            (a.path.clone(), stamp)
        })
        .collect()
}

impl PartialEq for PagesKey {
    fn eq(&self, other: &Self) -> bool {
        // The same past editions are the same object: `editions::read`
        // hands out the one it keeps while the history is unchanged.
        Arc::ptr_eq(&self.past, &other.past)
            && self.templates == other.templates
            && self.base_url == other.base_url
            && self.pictures == other.pictures
    }
}

/// One story of a site, built as [`build_in_root`] builds a story on its
/// own, its files sent to the site's writer under `<slug>/`.
pub(crate) struct SiteStory<'a> {
    pub root: &'a Path,
    pub render: RenderOptions,
    /// The facts of the story's last build, for its New marks.
    pub previous: Option<facts_json::FactsJson>,
    pub shared: Arc<load::Shared>,
    pub in_site: InSite,
}

/// What building one story of a site gave.
pub(crate) struct SiteStoryBuilt {
    pub report: Report,
    /// What the site's pages show of it; `None` for a check.
    pub entry: Option<desk::StoryEntry>,
    pub from_cache: bool,
    /// The story's files as the cache is keeping them, and what to keep
    /// with them: finished once the writer has linked every one of them
    /// into the site (see [`story_cache::Recording::finish`]).
    pub to_keep: Option<(story_cache::Recording, story_cache::Kept)>,
}

/// The checks of one story of a site, writing nothing.
pub(crate) fn check_site_story(
    root: &Path,
    shared: Arc<load::Shared>,
) -> Result<SiteStoryBuilt, Failure> {
    let options = RenderOptions {
        cache: Some(story_cache(root)),
        ..RenderOptions::default()
    };
    let report = run_stages(
        root,
        &options,
        None,
        false,
        &mut Delivery::new(None),
        &mut Memory::default(),
        Some(shared),
    )?;
    Ok(SiteStoryBuilt {
        report,
        entry: None,
        from_cache: false,
        to_keep: None,
    })
}

pub(crate) fn build_site_story(
    story: SiteStory,
    writer: Option<std::sync::mpsc::SyncSender<OutputFile>>,
    memory: &mut Memory,
) -> Result<SiteStoryBuilt, Failure> {
    crate::root::check_root(story.root)?;
    let mut delivery = Delivery::new(writer);
    delivery.in_site = Some(story.in_site);
    let shared = story.shared;
    let report = run_stages(
        story.root,
        &story.render,
        story.previous.as_ref(),
        false,
        &mut delivery,
        memory,
        Some(Arc::clone(&shared)),
    )?;
    let mut entry = delivery.entry.take().ok_or_else(|| {
        Failure::Content(Report::of_one(Diagnostic::file_error(
            story.root.display().to_string(),
            "the story was not checked",
        )))
    })?;
    let mut pages: Vec<String> = delivery
        .paths
        .iter()
        .filter(|p| p.ends_with(".html") && *p != layout::NOT_FOUND)
        .filter(|p| !p.starts_with(layout::EMBED_FOLDER))
        .cloned()
        .collect();
    pages.sort();
    entry.pages = pages;
    let to_keep = delivery.recording.take().map(|recording| {
        let listed = std::mem::take(&mut delivery.listed);
        (
            recording,
            story_cache::Kept {
                people: story_cache::people(&listed, &shared.people),
                listed,
                entry: entry.clone(),
                told: story_cache::Told::of(&report),
            },
        )
    });
    Ok(SiteStoryBuilt {
        report,
        entry: Some(entry),
        from_cache: false,
        to_keep,
    })
}
