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
use crate::diagnostic::{Diagnostic, Severity};
use crate::facts_json::FactsJson;
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
    /// What is wrong in the history as the working tree continues it: a
    /// published edition the story has since gone back on.
    pub warnings: Vec<Diagnostic>,
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
    /// Each transcript's name and text.
    transcripts: Vec<(String, Option<String>)>,
    seed: Option<String>,
    /// The site's shared people, as the story's past facts may list them.
    shared: Option<String>,
}

/// Read and check the past editions of the story at `root`, whose working
/// tree is of the edition `latest`; `last` is what the previous call with
/// it read, reused when nothing it was read from changed. `seed` is a facts.json named on the
/// command line: the ids it published carry forward into the oldest
/// edition, for a story whose links were shared before its history was
/// read.
pub fn read(
    root: &Path,
    surroundings: &validate::Surroundings,
    latest: Option<&Timestamp>,
    seed: Option<&FactsJson>,
    last: &mut LastRead,
) -> Arc<Past> {
    let validate::Surroundings {
        static_files,
        transcripts,
        shared,
        ..
    } = *surroundings;
    let none = |read: bool, note: Option<String>| {
        Arc::new(Past {
            editions: Vec::new(),
            previous: None,
            read,
            note,
            warnings: Vec::new(),
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
        History::NoGit(why) => {
            return none(
                false,
                Some(format!(
                    "{why}, so the story's git history cannot be read: past editions are not \
                     built, and New marks come from the previous build's facts.json"
                )),
            );
        }
        History::Failed(said) => return none(false, Some(failed(&said))),
    };
    let key = CacheKey {
        root: root.to_path_buf(),
        log,
        static_files: static_files.iter().map(|s| (*s).to_owned()).collect(),
        latest: latest.map(Timestamp::unix_seconds),
        transcripts: transcripts
            .iter()
            .map(|t| (t.name.clone(), t.file.as_ref().map(|f| f.text.clone())))
            .collect(),
        // The seed's whole text would do, but its edition and ids are what
        // the past editions take from it.
        seed: seed.map(|s| {
            format!(
                "{} {:?}",
                s.edition,
                crate::ids::of_published(s).collect::<Vec<_>>()
            )
        }),
        shared: shared.map(|people| format!("{people:?}")),
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
    let past = Arc::new(check(&commits, surroundings, latest, seed));
    last.0 = Some((key, Arc::clone(&past)));
    past
}

/// What git said, each line indented under the note's first: its advice
/// (`git config --global --add safe.directory …`) is the fix.
fn failed(said: &str) -> String {
    let said: Vec<String> = said.lines().map(|line| format!("    {line}")).collect();
    format!(
        "git would not read the story's history, so past editions are not built and New \
         marks come from the previous build's facts.json; git said:\n{}",
        said.join("\n")
    )
}

/// `transcripts` are the working tree's: a transcript is what was said,
/// which no later edition changes, so past editions are checked against
/// the same ones.
fn check(
    commits: &[history::Commit],
    surroundings: &validate::Surroundings,
    latest: Option<&Timestamp>,
    seed: Option<&FactsJson>,
) -> Past {
    // Each edition's commits, in commit order, oldest edition first. All of
    // them are kept, not only the last: an edition is what the last commit
    // of it that builds had, and which that is is known only once they are
    // checked.
    let mut by_edition: Vec<(Timestamp, Vec<Candidate>)> = Vec::new();
    let mut unreadable: Vec<&str> = Vec::new();
    for commit in commits {
        let Ok((article, facts)) = load::story_at(commit) else {
            unreadable.push(&commit.id);
            continue;
        };
        let Some(at) = validate::edition_of(&article, &facts) else {
            unreadable.push(&commit.id);
            continue;
        };
        let candidate = Candidate {
            id: &commit.id,
            article,
            facts,
        };
        match by_edition.last_mut() {
            Some(last) if last.0.unix_seconds() == at.unix_seconds() => {
                last.1.push(candidate);
            }
            _ => {
                // An edition that comes back (its newest update removed, then
                // restored) is the one readers last saw at that time.
                by_edition.retain(|(t, _)| t.unix_seconds() != at.unix_seconds());
                by_edition.push((at, vec![candidate]));
            }
        }
    }
    // Oldest first by time, not by when each was last committed: a commit
    // that went back to an earlier edition leaves the later one behind it.
    by_edition.sort_by_key(|(t, _)| t.unix_seconds());
    let mut warnings = Vec::new();
    // The working tree continues the newest editions it is not past; those
    // it is behind were published and are gone from it.
    if let Some(latest) = latest {
        for (t, candidates) in &by_edition {
            if t.unix_seconds() > latest.unix_seconds() {
                warnings.push(vanished(t, latest, candidates));
            }
        }
        by_edition.retain(|(t, _)| t.unix_seconds() < latest.unix_seconds());
    }

    let mut editions = Vec::with_capacity(by_edition.len());
    let mut previous: Option<FactsJson> = None;
    let mut broken = 0;
    for (_, candidates) in &mut by_edition {
        let memory = previous.as_ref().or(seed);
        // The newest commit of the edition that builds; a commit that does
        // not build was never published, and the one before it stayed up.
        let checked = candidates.iter_mut().rev().find_map(|candidate| {
            // The story's own translations (`i18n/`) are not read from
            // history: a past edition is shown in the words of the locale
            // alone.
            validate::validate_sources(
                &candidate.article,
                &mut candidate.facts,
                &[],
                surroundings,
                memory,
            )
            .ok()
        });
        let Some(checked) = checked else {
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
    let mut notes = Vec::new();
    if broken > 0 {
        notes.push(format!(
            "{broken} past edition{} in the git history do{} not build at any of {} commits and {} left out",
            if broken == 1 { "" } else { "s" },
            if broken == 1 { "es" } else { "" },
            if broken == 1 { "its" } else { "their" },
            if broken == 1 { "is" } else { "are" },
        ));
    }
    if !unreadable.is_empty() {
        let named: Vec<&str> = unreadable.iter().map(|id| short(id)).collect();
        notes.push(format!(
            "{} in the git history cannot be read as a story (its article or facts do not parse) and {} left out: {}",
            if unreadable.len() == 1 {
                "a commit".to_owned()
            } else {
                format!("{} commits", unreadable.len())
            },
            if unreadable.len() == 1 { "is" } else { "are" },
            named.join(", ")
        ));
    }
    Past {
        editions,
        previous,
        read: true,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
        warnings,
    }
}

/// A commit of the history, loaded but not yet checked.
struct Candidate<'c> {
    id: &'c str,
    article: ArticleSource,
    facts: FactsSource,
}

/// A commit id as `git log --oneline` shows it.
fn short(id: &str) -> &str {
    id.get(..7).unwrap_or(id)
}

/// A published edition the working tree has gone back on: the update or
/// correction that named it was deleted since.
fn vanished(at: &Timestamp, latest: &Timestamp, candidates: &[Candidate]) -> Diagnostic {
    let last = candidates.last().map_or("", |c| short(c.id));
    Diagnostic::file_error(
        crate::load::FACTS_PATH,
        format!(
            "the edition of {} (commit {last}) was published, but the story now goes back to {}: \
             the update or correction that started it was deleted",
            at.iso(),
            latest.iso()
        ),
    )
    .with_severity(Severity::Warning)
    .with_help(
        "restore it: readers saw that edition, and its page and record are no longer built; \
         to take back what it said, add a correction",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::facts_file::YAML_PATH;
    use crate::test_support::{ARTICLE, FACTS};

    /// A commit of the small story, with these updates (YAML list items)
    /// and facts otherwise as they are, or `facts` as given.
    fn commit(id: &str, facts: String) -> history::Commit {
        history::Commit {
            id: format!("{id:0<40}"),
            article: ARTICLE.as_bytes().to_vec(),
            facts: Some((YAML_PATH, facts.into_bytes())),
        }
    }

    fn with_update(at: &str, text: &str) -> String {
        format!("{FACTS}updates:\n  - at: {at}\n    text: {text}\n")
    }

    fn past(commits: &[history::Commit], latest: &str) -> Past {
        let latest = Timestamp::parse(latest).unwrap();
        let pictures = crate::images::Probes::new();
        let surroundings = validate::Surroundings {
            static_files: &[],
            pictures: &pictures,
            transcripts: &[],
            shared: None,
            site_publisher: None,
        };
        check(commits, &surroundings, Some(&latest), None)
    }

    #[test]
    fn an_edition_is_its_last_commit_and_the_latest_is_not_one() {
        let commits = [
            commit("a1", FACTS.to_owned()),
            commit("b1", with_update("2025-11-21T09:00:00Z", "Adds the mayor.")),
            // The same edition, refined: only this one was read last.
            commit(
                "b2",
                with_update("2025-11-21T09:00:00Z", "Adds the mayor.")
                    .replace("role: Mayor", "role: Former mayor"),
            ),
        ];
        let past = past(&commits, "2025-11-22T10:00:00Z");
        let times: Vec<String> = past
            .editions
            .iter()
            .map(|e| e.story.edition().iso())
            .collect();
        assert_eq!(times, ["2025-11-20", "2025-11-21T09:00:00Z"]);
        assert_eq!(past.editions[1].story.people[0].role, "Former mayor");
        // The newest past edition is what the latest is compared with.
        let previous = past.previous.expect("the newest edition's facts");
        assert_eq!(previous.edition, "2025-11-21T09:00:00Z");
        assert!(past.note.is_none(), "{:?}", past.note);
        // Only the working tree's own edition is left out: it is the latest.
        let same = super::tests::past(&commits, "2025-11-21T09:00:00Z");
        assert_eq!(same.editions.len(), 1);
    }

    #[test]
    fn a_commit_that_does_not_build_leaves_its_edition_to_the_one_before() {
        let good = with_update("2025-11-21T09:00:00Z", "Adds the mayor.");
        let broken = good.replace("speaker: tomas-berg", "speaker: tomas-bergg");
        let commits = [
            commit("a1", FACTS.to_owned()),
            commit("b1", good),
            commit("b2", broken),
        ];
        let past = past(&commits, "2025-11-22T10:00:00Z");
        assert_eq!(past.editions.len(), 2, "the edition is kept");
        assert_eq!(past.editions[1].story.quotes[0].speaker, 0);
        assert!(past.note.is_none(), "{:?}", past.note);
    }

    #[test]
    fn a_commit_that_does_not_parse_is_named_once() {
        let commits = [
            commit("a1", FACTS.to_owned()),
            commit("c0ffee1", "people: [unclosed\n".to_owned()),
        ];
        let past = past(&commits, "2025-11-22T10:00:00Z");
        assert_eq!(past.editions.len(), 1);
        let note = past.note.expect("a note");
        assert!(note.contains("c0ffee1"), "{note}");
        assert!(
            note.contains("a commit in the git history cannot be read as a story"),
            "{note}"
        );
    }

    #[test]
    fn an_edition_newer_than_the_working_tree_is_warned_about() {
        let commits = [
            commit("a1", FACTS.to_owned()),
            commit("b1", with_update("2025-11-21T09:00:00Z", "Adds the mayor.")),
        ];
        // The update behind the newer edition was deleted since.
        let past = past(&commits, "2025-11-20");
        assert!(past.editions.is_empty());
        assert_eq!(past.warnings.len(), 1, "{:?}", past.warnings);
    }
}
