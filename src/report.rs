//! What a build or check tells its caller: the diagnostics, the counts,
//! the time and memory of each stage, and why it failed when it did. The
//! binary prints these; the library never does.

use std::path::PathBuf;
use std::time::Duration;

use crate::diagnostic::{Diagnostic, Diagnostics};

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
    /// For a site: its stories, and how many came from the cache.
    pub site: Option<SiteCounts>,
}

/// How a site's build went, story by story.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SiteCounts {
    pub stories: usize,
    /// Rendered by this build.
    pub built: usize,
    /// Copied from the cache, their inputs unchanged.
    pub from_cache: usize,
    pub people: usize,
    /// The bytes the site takes on disk.
    pub bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    pub(crate) fn of_one(diagnostic: Diagnostic) -> Report {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(diagnostic);
        Report {
            diagnostics,
            counts: None,
            editions: 0,
            notes: Vec::new(),
            output: None,
            timings: Timings::default(),
            site: None,
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
        let counts = match &self.site {
            Some(site) => {
                let stories = match site.stories {
                    1 => "1 story".to_owned(),
                    n => format!("{n} stories"),
                };
                let size = match (site.bytes, &self.output) {
                    (0, _) | (_, None) => String::new(),
                    (bytes, Some(_)) => format!(", {}", human_size(bytes)),
                };
                format!("{stories}, {} shared people; {counts}{size}", site.people)
            }
            None => counts,
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
        let times = match (t.pictures_made, t.pictures_reused) {
            (0, 0) => times,
            (made, reused) => {
                format!(
                    "{times}; pictures (resized versions and cards): {made} made, {reused} from the cache"
                )
            }
        };
        match &self.site {
            Some(site) => format!(
                "{times}; stories: {} built, {} from the cache",
                site.built, site.from_cache
            ),
            None => times,
        }
    }
}

/// `12.3 MB`, in the units GitHub Pages states its limit in.
pub(crate) fn human_size(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb >= 1000.0 {
        format!("{:.2} GB", mb / 1000.0)
    } else {
        format!("{mb:.1} MB")
    }
}

/// The process's peak resident memory so far, from `/proc/self/status`.
pub(crate) fn peak_memory() -> Option<u64> {
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
