//! `explainer` builds a news explainer page from an article and a file of
//! curated facts.
//!
//! The data flows one way through four stages, each a module with one job:
//! [`load`] reads the story root and keeps source positions, [`validate`]
//! checks the article and facts against each other and collects every
//! problem, [`render`] turns the checked [`model::Story`] into pages in
//! memory, and [`write`] swaps them into the output folder. The library never
//! prints or exits; the binary does that with what these functions return.
//!
//! Rules that several stages need have one home each, which the stages
//! import and which imports no stage: element ids ([`ids`]), link safety
//! ([`links`]), text helpers (`text`), what counts as the article's text
//! (`article`), and what changed since the previous edition (`changes`).
//!
//! What another tool needs is public: [`build`], [`check`],
//! [`render_in_memory`], the checked [`model`], the [`diagnostic`]s, the
//! `facts.json` format ([`facts_json`]) and [`serve`]. Each stage's entry
//! point is public through [`stages`] so that it can be timed on its own
//! (`benches/stages.rs`); the stages' insides are not.

// A diagnostic is a few strings wide; it is built only on the error path,
// so boxing it everywhere would buy nothing.
#![allow(clippy::result_large_err)]

mod article;
pub mod cache;
mod changes;
pub mod date;
pub mod diagnostic;
pub mod draft;
mod editions;
pub mod facts_json;
pub mod ids;
mod images;
pub mod links;
mod load;
pub mod locale;
pub mod model;
mod names;
mod quotes;
mod raw_html;
mod render;
pub mod serve;
mod source;
pub mod starter;
mod text;
mod unicode;
mod validate;
mod write;

/// Each stage's entry point, in the order [`build`] runs them, for timing a
/// stage on its own.
pub mod stages {
    pub use crate::changes::Changes;
    pub use crate::load::{Inputs, load};
    /// The share cards the render stage draws, for timing one card.
    pub use crate::render::share_card;
    pub use crate::render::{Contents, OutputFile, render};
    pub use crate::validate::{Validated, validate};
    pub use crate::write::write_site;
}

pub(crate) use write::absolute;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diagnostic::{Diagnostic, Diagnostics};
pub use render::{Contents, OutputFile, RenderOptions};

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub previous: Previous,
}

/// Where the facts of the previous build come from; what differs from them
/// is marked "New" on the page.
#[derive(Debug, Clone, Default)]
pub enum Previous {
    /// `facts.json` in the output folder, when there is one.
    #[default]
    Output,
    /// A `facts.json` the user named; it must exist.
    File(PathBuf),
    /// Facts read earlier: `serve` reads them once, when it starts, so that
    /// marks stay the same over a session of saves.
    Read(Option<Box<facts_json::FactsJson>>),
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            previous: Previous::Output,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// How a build or check went.
#[derive(Debug)]
pub struct Report {
    /// Warnings (on success) or errors and warnings (on failure).
    pub diagnostics: Diagnostics,
    pub counts: Option<Counts>,
    /// Past editions built from the git history.
    pub editions: usize,
    /// What the editor should know that is no problem (no history to read).
    pub notes: Vec<String>,
    /// Where the site was written; `None` for a check or a failed build.
    pub output: Option<PathBuf>,
    pub timings: Timings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub people: usize,
    pub quotes: usize,
    pub events: usize,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    pub load: Duration,
    pub validate: Duration,
    /// Rendering, while a second thread writes each file as it is made.
    pub render: Duration,
    /// What writing takes after rendering: the files still in flight, and
    /// swapping the new site in.
    pub write: Duration,
    /// The process's peak memory (resident) at the end of each stage, in
    /// bytes, where the system tells it (Linux): which stage sets the peak.
    pub peak_memory: [Option<u64>; 4],
    /// Resized pictures taken from the cache, and made.
    pub pictures_reused: usize,
    pub pictures_made: usize,
}

impl Timings {
    pub fn total(&self) -> Duration {
        self.load + self.validate + self.render + self.write
    }
}

/// Why a build did not succeed: the inputs are wrong (exit 1), the
/// command was (exit 2), or the site could not be written (exit 3: a full
/// disk or a read-only folder is no fault of the story's).
#[derive(Debug)]
pub enum Failure {
    Content(Report),
    Usage(Diagnostic),
    Output(Report),
}

impl Failure {
    /// The process's exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Content(_) => 1,
            Failure::Usage(_) => 2,
            Failure::Output(_) => 3,
        }
    }
}

impl Report {
    /// A report of a build that ended, before any stage, on one problem.
    fn of_one(diagnostic: Diagnostic) -> Report {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(diagnostic);
        Report {
            diagnostics,
            counts: None,
            editions: 0,
            notes: Vec::new(),
            output: None,
            timings: Timings::default(),
        }
    }

    /// The one line a build prints at the end.
    pub fn summary(&self) -> String {
        let took = format_duration(self.timings.total());
        let counts = self.counts.map_or_else(String::new, |c| {
            let editions = match self.editions {
                0 => String::new(),
                1 => ", 1 past edition".to_owned(),
                n => format!(", {n} past editions"),
            };
            format!(
                "{} people, {} quotes, {} timeline events{editions}",
                c.people, c.quotes, c.events
            )
        });
        let warnings = match self.diagnostics.warning_count() {
            0 => String::new(),
            1 => ", 1 warning".to_owned(),
            n => format!(", {n} warnings"),
        };
        match &self.output {
            Some(output) => format!("Built {} ({counts}{warnings}) in {took}", output.display()),
            None if self.diagnostics.has_errors() => {
                let errors = self.diagnostics.error_count();
                format!(
                    "Build failed: {errors} error{}{warnings}; nothing was written",
                    if errors == 1 { "" } else { "s" }
                )
            }
            None => format!("Checked: no errors ({counts}{warnings}) in {took}"),
        }
    }

    /// Time per stage, for `--verbose`, and the peak memory after each
    /// where it is known.
    pub fn stage_times(&self) -> String {
        let t = &self.timings;
        let times = format!(
            "load {}, validate {}, render {}, write {}",
            format_duration(t.load),
            format_duration(t.validate),
            format_duration(t.render),
            format_duration(t.write)
        );
        let mib = |bytes: Option<u64>| bytes.map(|b| format!("{:.0}", b as f64 / 1048576.0));
        let times = match t.peak_memory.map(mib) {
            [Some(load), Some(validate), Some(render), Some(write)] => {
                format!("{times}; peak memory after each {load}, {validate}, {render}, {write} MiB")
            }
            _ => times,
        };
        match (t.pictures_made, t.pictures_reused) {
            (0, 0) => times,
            (made, reused) => {
                format!(
                    "{times}; pictures (resized versions and cards): {made} made, {reused} from the cache"
                )
            }
        }
    }
}

/// The process's peak resident memory so far, from `/proc/self/status`.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn format_duration(d: Duration) -> String {
    if d.as_millis() >= 1000 {
        format!("{:.2} s", d.as_secs_f64())
    } else {
        format!("{:.1} ms", d.as_secs_f64() * 1000.0)
    }
}

/// Check a story and write its site: load → validate → render → write.
pub fn build(options: &BuildOptions) -> Result<Report, Failure> {
    from_where_run(&options.root, build_in_root(options))
}

fn build_in_root(options: &BuildOptions) -> Result<Report, Failure> {
    check_root(&options.root)?;
    let output = options.output_dir();
    write::check_output_location(&options.root, &output).map_err(Failure::Usage)?;
    write::check_replaceable(&write::absolute(&output)).map_err(Failure::Usage)?;
    let base_url = options
        .base_url
        .as_deref()
        // CI variables are often set but empty: that is no address at all.
        .filter(|url| !url.trim().is_empty())
        .map(normalize_base_url)
        .transpose()
        .map_err(Failure::Usage)?;

    let mut warnings = Diagnostics::new();
    // Facts `serve` read once are borrowed, not copied, on every rebuild.
    let previous: Option<Cow<'_, facts_json::FactsJson>> = match &options.previous {
        Previous::Output => load::previous::read(&output.join("facts.json"))
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

/// The same checks as a build, templates included, writing nothing.
pub fn check(root: &Path) -> Result<Report, Failure> {
    let options = RenderOptions {
        cache: Some(story_cache(root)),
        ..RenderOptions::default()
    };
    let checked = check_root(root)
        .and_then(|()| run_stages(root, &options, None, false, &mut Delivery::new(None)));
    from_where_run(root, checked)
}

/// The story's cache of resized pictures (see [`cache`]). `check` uses it
/// too: it resizes to find pictures that do not decode, and the build
/// after it then has nothing left to do.
fn story_cache(root: &Path) -> std::sync::Arc<cache::Cache> {
    std::sync::Arc::new(cache::Cache::at(&root.join(cache::DIR)))
}

/// Diagnostics name files relative to the story root; with `--root`
/// elsewhere they are printed as paths from where the command ran, so that
/// they can be opened (or clicked in a terminal) as they are.
fn from_where_run(root: &Path, result: Result<Report, Failure>) -> Result<Report, Failure> {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        return result;
    }
    let relocate = |diagnostics: Diagnostics| -> Diagnostics {
        let mut moved = Diagnostics::new();
        for mut diagnostic in diagnostics {
            let in_root = ["content/", "templates/", "static/"]
                .iter()
                .any(|folder| diagnostic.file.starts_with(folder));
            if in_root {
                diagnostic.file = root.join(&diagnostic.file).display().to_string();
            }
            moved.push(diagnostic);
        }
        moved
    };
    match result {
        Ok(mut report) => {
            report.diagnostics = relocate(report.diagnostics);
            Ok(report)
        }
        Err(Failure::Content(mut report)) => {
            report.diagnostics = relocate(report.diagnostics);
            Err(Failure::Content(report))
        }
        Err(Failure::Output(mut report)) => {
            report.diagnostics = relocate(report.diagnostics);
            Err(Failure::Output(report))
        }
        usage => usage,
    }
}

/// A site made in memory, and the warnings found on the way.
#[derive(Debug)]
pub struct InMemory {
    pub files: Vec<OutputFile>,
    pub warnings: Diagnostics,
}

/// Validate and render an article and facts file held in memory, with the
/// default theme: every stage but the disk. Fuzzing and tests use it to push
/// arbitrary bytes through the pipeline; an editor's tool can use it to
/// preview a story.
pub fn render_in_memory(
    article: &[u8],
    facts: &[u8],
    options: &RenderOptions,
) -> Result<InMemory, Diagnostics> {
    let mut inputs = load::from_bytes(article, facts)?;
    let validated = validate::validate(&mut inputs, None)?;
    let changes = changes::Changes::none(&validated.story);
    let rendered = render::render(&validated.story, &inputs.theme, options, &changes).map_err(
        |mut errors| {
            errors.extend(validated.warnings.clone());
            errors.sorted()
        },
    )?;
    let page = rendered
        .files
        .iter()
        .find(|file| file.path == "index.html")
        .and_then(|file| match &file.contents {
            Contents::Bytes(bytes) => Some(bytes.as_slice()),
            Contents::Copy(_) => None,
        })
        .unwrap_or_default();
    let missing = missing_ids(&validated, page);
    if missing.has_errors() {
        return Err(missing);
    }
    let mut warnings = validated.warnings.clone();
    warnings.extend(rendered.warnings);
    Ok(InMemory {
        files: rendered.files,
        warnings: warnings.sorted(),
    })
}

/// The facts of an earlier build in `output`, for `serve` to read once;
/// a damaged or missing file is no baseline.
pub(crate) fn previous_in(output: &Path) -> Option<facts_json::FactsJson> {
    load::previous::read(&output.join("facts.json")).unwrap_or(None)
}

/// How many made files may wait for the writer thread.
const FILES_IN_FLIGHT: usize = 64;

/// Where the rendered files go as each is made: to the writer thread for a
/// build, nowhere for `check`. The page is kept for the check of its ids,
/// and the past editions' pages for the next rebuild in this process.
struct Delivery {
    writer: Option<std::sync::mpsc::SyncSender<OutputFile>>,
    page: Vec<u8>,
    editions: Vec<OutputFile>,
    keep_editions: bool,
}

impl Delivery {
    fn new(writer: Option<std::sync::mpsc::SyncSender<OutputFile>>) -> Self {
        Delivery {
            writer,
            page: Vec::new(),
            editions: Vec::new(),
            keep_editions: false,
        }
    }

    fn put(&mut self, file: OutputFile) {
        if file.path == "index.html"
            && let Contents::Bytes(bytes) = &file.contents
        {
            self.page = bytes.clone();
        }
        if self.keep_editions && render::is_edition_page(&file.path) {
            self.editions.push(file.clone());
        }
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
        })
    };

    let started = Instant::now();
    let inputs = load::load(root);
    timings.load = started.elapsed();
    timings.peak_memory[0] = peak_memory();
    let mut inputs = inputs.map_err(|d| fail(d, timings, &notes))?;

    let started = Instant::now();
    let static_files = inputs.theme.static_paths();
    let pictures = inputs.theme.pictures();
    let latest = validate::edition_of(&inputs.article, &inputs.facts);
    let past = editions::read(
        root,
        &static_files,
        &pictures,
        latest.as_ref(),
        previous.filter(|_| seed),
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
                load::FACTS_PATH,
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
        past: std::sync::Arc::clone(&past),
        templates: theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), t.text.clone()))
            .collect(),
        base_url: options.base_url.clone(),
        pictures: picture_files(&theme),
    };
    let mut last_pages = LAST_PAGES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let cached = last_pages
        .as_ref()
        .filter(|(k, _)| *k == key)
        .map(|(_, files)| files.as_slice());
    delivery.keep_editions = cached.is_none();
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
        *last_pages = Some((key, std::mem::take(&mut delivery.editions)));
    }
    drop(last_pages);
    timings.render = started.elapsed();
    timings.peak_memory[2] = peak_memory();
    if let Some(cache) = &options.cache {
        (timings.pictures_reused, timings.pictures_made) = cache.counts();
    }
    let rendered_warnings = rendered.map_err(|mut d| {
        d.extend(warnings.clone());
        fail(d, timings, &notes)
    })?;
    warnings.extend(rendered_warnings);
    let mut missing = missing_ids(&validated, &delivery.page);
    if missing.has_errors() {
        missing.extend(warnings.clone());
        return Err(fail(missing, timings, &notes));
    }
    let report = Report {
        diagnostics: warnings.sorted(),
        counts: Some(counts),
        editions: past_editions.len(),
        notes,
        output: None,
        timings,
    };
    Ok(report)
}

/// The past editions' pages the last build in this process rendered, and
/// from what: `serve` rebuilds on every save, and fifty past editions
/// would otherwise be rendered again each time although none changed.
static LAST_PAGES: std::sync::Mutex<Option<(PagesKey, Vec<OutputFile>)>> =
    std::sync::Mutex::new(None);

struct PagesKey {
    past: std::sync::Arc<editions::Past>,
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
        std::sync::Arc::ptr_eq(&self.past, &other.past)
            && self.templates == other.templates
            && self.base_url == other.base_url
            && self.pictures == other.pictures
    }
}

/// Links to `#id`s the page does not have: only the rendered page knows
/// its ids, as templates can be overridden.
fn missing_ids(validated: &validate::Validated, page: &[u8]) -> Diagnostics {
    validate::missing_ids(
        &validated.fragment_links,
        std::str::from_utf8(page).unwrap_or(""),
    )
}

fn check_root(root: &Path) -> Result<(), Failure> {
    let shown = root.display().to_string();
    let problem = match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() && root.join("content").is_dir() => return Ok(()),
        Ok(meta) if meta.is_dir() && is_content_folder(root) => Diagnostic::file_error(
            &shown,
            "this is the story's content/ folder, not its root",
        )
        .with_help("run from the story root, the folder above (or pass --root ..)"),
        Ok(meta) if meta.is_dir() => Diagnostic::file_error(
            &shown,
            "the story root has no content/ folder",
        )
        .with_help(format!(
            "start a story with `explainer new {shown}` (if it is empty), or pass --root with the folder that holds content/article.md"
        )),
        Ok(_) => Diagnostic::file_error(&shown, "the story root is not a folder")
            .with_help("pass --root with the folder that holds content/article.md"),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Diagnostic::file_error(&shown, "the story root does not exist").with_help(format!(
                "check the path, or start a story there with `explainer new {shown}`"
            ))
        }
        Err(error) => {
            Diagnostic::file_error(&shown, format!("the story root cannot be read: {error}"))
        }
    };
    Err(Failure::Usage(problem))
}

/// A folder named `content` that holds the article: where an editor who
/// `cd`-ed in to edit it runs the build from.
fn is_content_folder(root: &Path) -> bool {
    let named_content = std::fs::canonicalize(root)
        .ok()
        .and_then(|path| path.file_name().map(|n| n == "content"))
        .unwrap_or(false);
    named_content && root.join("article.md").is_file()
}

/// `https://user.github.io/repo` → `https://user.github.io/repo/`.
fn normalize_base_url(url: &str) -> Result<String, Diagnostic> {
    let url = url.trim();
    if let Some(at) = url.find(char::is_whitespace) {
        return Err(Diagnostic::file_error(
            "--base-url",
            format!(
                "`{url}` has a space in it (after `{}`), and an address cannot",
                &url[..at]
            ),
        )
        .with_help(
            "write a space in an address as %20, or quote the value if the shell split it",
        ));
    }
    let lower = url.to_ascii_lowercase();
    let host_start = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    if host_start.is_none_or(|rest| rest.is_empty() || rest.starts_with('/'))
        || url.contains(['"', '<', '>', ' ', '\''])
    {
        return Err(Diagnostic::file_error(
            "--base-url",
            format!("`{url}` is not an http(s) address"),
        )
        .with_help(
            "give the address the site is published at, e.g. https://user.github.io/repo/",
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    })
}
