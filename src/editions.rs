//! Every past edition of a story, from its git history: the story as it
//! stood at the last commit of each edition, checked, with what changed
//! since the edition before. The latest edition (the working tree,
//! uncommitted changes included) is then compared with the newest of them.
//!
//! An edition is named by the time of its newest update or correction (see
//! [`crate::model::Story::edition`]); commits that add none refine the same
//! edition, so only the last of them is an edition readers saw.

use std::path::Path;
use std::sync::Arc;

use crate::changes::Changes;
use crate::date::Timestamp;
use crate::facts_json::FactsJson;
use crate::images::Probes;
use crate::load::history::{self, History};
use crate::load::{self, ArticleSource, FactsSource};
use crate::model::Story;
use crate::validate;

/// One past edition, ready to render.
pub struct PastEdition {
    pub story: Story,
    pub changes: Changes,
}

/// What the history gives a build.
pub struct Past {
    /// Oldest first.
    pub editions: Vec<PastEdition>,
    /// The facts of the newest past edition, which the latest is compared
    /// with; `None` when there is none.
    pub previous: Option<FactsJson>,
    /// Whether there was a history to read at all; without one the build
    /// falls back to the previous build's facts.json.
    pub read: bool,
    /// What the build should tell the editor, once.
    pub note: Option<String>,
}

/// What the last call of [`read`] with this memory worked out, and from
/// what. A history's commits never change, so while no commit is added,
/// `serve` rebuilding on every save reuses the past editions instead of
/// reading and checking fifty of them again. Its owner (`serve`, for a
/// session) keeps it; a build on its own starts with an empty one.
#[derive(Default)]
pub struct LastRead(Option<(CacheKey, Arc<Past>)>);

#[derive(PartialEq)]
struct CacheKey {
    root: std::path::PathBuf,
    log: history::Log,
    static_files: Vec<String>,
    latest: Option<i64>,
    seed: Option<String>,
}

/// Read and check the past editions of the story at `root`, whose working
/// tree is of the edition `latest`; `last` is what the previous call with
/// it read, reused when nothing it was read from changed. `seed` is a facts.json named on the
/// command line: the ids it published carry forward into the oldest
/// edition, for a story whose links were shared before its history was
/// read.
pub fn read(
    root: &Path,
    static_files: &[&str],
    pictures: &Probes,
    latest: Option<&Timestamp>,
    seed: Option<&FactsJson>,
    last: &mut LastRead,
) -> Arc<Past> {
    let none = |read: bool, note: Option<String>| {
        Arc::new(Past {
            editions: Vec::new(),
            previous: None,
            read,
            note,
        })
    };
    let log = match history::log(root) {
        History::Commits(log) => log,
        History::NotARepository => {
            return none(
                false,
                Some(
                    "the story is not in a git repository: past editions are not built, \
                     and New marks come from the previous build's facts.json"
                        .to_owned(),
                ),
            );
        }
        History::Shallow => {
            return none(
                false,
                Some(
                    "this is a shallow clone, so past editions are not built; fetch the whole \
                     history with `git fetch --unshallow` (on GitHub Actions, `fetch-depth: 0` \
                     in actions/checkout)"
                        .to_owned(),
                ),
            );
        }
        History::Failed(error) => return none(false, Some(failed(&error))),
    };
    let key = CacheKey {
        root: root.to_path_buf(),
        log,
        static_files: static_files.iter().map(|s| (*s).to_owned()).collect(),
        latest: latest.map(Timestamp::unix_seconds),
        // The seed's whole text would do, but its edition and ids are what
        // the past editions take from it.
        seed: seed.map(|s| {
            format!(
                "{} {:?}",
                s.edition,
                crate::ids::of_published(s).collect::<Vec<_>>()
            )
        }),
    };
    if let Some((cached, past)) = last.0.as_ref()
        && *cached == key
    {
        return Arc::clone(past);
    }
    let commits = match history::read(root, &key.log) {
        Ok(commits) => commits,
        Err(error) => return none(false, Some(failed(&error))),
    };
    let past = Arc::new(check(&commits, static_files, pictures, latest, seed));
    last.0 = Some((key, Arc::clone(&past)));
    past
}

fn failed(error: &str) -> String {
    format!("cannot read the git history ({error}): past editions are not built")
}

fn check(
    commits: &[history::Commit],
    static_files: &[&str],
    pictures: &Probes,
    latest: Option<&Timestamp>,
    seed: Option<&FactsJson>,
) -> Past {
    // The last commit of each edition, oldest edition first.
    let mut last_of_each: Vec<(Timestamp, ArticleSource, FactsSource)> = Vec::new();
    for commit in commits {
        let Ok((article, facts)) = load::story_at(commit) else {
            continue;
        };
        let Some(at) = validate::edition_of(&article, &facts) else {
            continue;
        };
        match last_of_each.last_mut() {
            Some(last) if last.0.unix_seconds() == at.unix_seconds() => {
                *last = (at, article, facts);
            }
            _ => {
                // An edition that comes back (its newest update removed, then
                // restored) is the one readers last saw at that time.
                last_of_each.retain(|(t, _, _)| t.unix_seconds() != at.unix_seconds());
                last_of_each.push((at, article, facts));
            }
        }
    }
    // The working tree continues the newest editions it is not past.
    if let Some(latest) = latest {
        last_of_each.retain(|(t, _, _)| t.unix_seconds() < latest.unix_seconds());
    }

    let mut editions = Vec::with_capacity(last_of_each.len());
    let mut previous: Option<FactsJson> = None;
    let mut broken = 0;
    for (_, article, facts) in &mut last_of_each {
        let memory = previous.as_ref().or(seed);
        // The story's own translations (`i18n/`) are not read from history:
        // a past edition is shown in the words of the locale alone.
        let checked =
            validate::validate_sources(article, facts, &[], static_files, pictures, memory);
        let Ok(checked) = checked else {
            // A commit that does not build was never published.
            broken += 1;
            continue;
        };
        let story = checked.story;
        // The seed names ids, not what readers saw before the oldest
        // edition: that one has nothing to be marked against.
        let changes = previous.as_ref().map_or_else(
            || Changes::none(&story),
            |previous| Changes::since(&story, previous),
        );
        previous = Some(crate::changes::facts_json(&story, &changes));
        editions.push(PastEdition { story, changes });
    }
    let note = (broken > 0).then(|| {
        format!(
            "{broken} past edition{} in the git history do{} not build and {} left out",
            if broken == 1 { "" } else { "s" },
            if broken == 1 { "es" } else { "" },
            if broken == 1 { "is" } else { "are" },
        )
    });
    Past {
        editions,
        previous,
        read: true,
        note,
    }
}
