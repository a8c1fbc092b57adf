//! The story's committed history, read through the `git` program: the
//! article and facts as each commit that touched them had them, oldest
//! first, as plain bytes. What they mean is for later stages to decide.
//!
//! `git` rather than an in-process library: the README gives the
//! measurements behind the choice.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use super::ARTICLE_PATH;
use super::facts_file::{AML_PATH, YAML_PATH};

/// The story's inputs at one commit.
#[derive(Debug, Clone)]
pub struct Commit {
    /// The commit's id, in full.
    pub id: String,
    pub article: Vec<u8>,
    /// The facts file's path and bytes; `None` when the commit has both
    /// forms of it, which no build accepts.
    pub facts: Option<(&'static str, Vec<u8>)>,
}

/// The commits of the story's history, or why there is none to read.
#[derive(Debug)]
pub enum History {
    /// The commits that touched the article or the facts, oldest first:
    /// their ids, which name their contents for good.
    Commits(Log),
    /// A plain folder: no `.git` in the root or any folder above it.
    NotARepository,
    /// There is a `.git`, but the `git` program cannot be run; why.
    NoGit(String),
    /// A shallow clone holds only the newest commits.
    Shallow,
    /// `git` ran and refused, or failed; what it said.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Log {
    /// The root's path inside the work tree (`stories/riyadh/`, or empty).
    prefix: String,
    pub ids: Vec<String>,
    /// Commits from before the story was moved (`git mv`) to `prefix`,
    /// oldest first, each with the story's path then.
    pub moved: Vec<(String, String)>,
}

/// The commits of `root`'s story inputs, without their contents.
pub fn log(root: &Path) -> History {
    // A plain folder is told by looking for `.git`, which costs no process;
    // where there is one, git's own verdict counts (a `.git` it will not
    // read, for "dubious ownership" or a ceiling, is its to explain).
    if !has_git_folder(root) {
        return History::NotARepository;
    }
    // One `git` for three questions: each process costs more than the
    // answer.
    let facts = match git(
        root,
        &[
            "rev-parse",
            "--is-inside-work-tree",
            "--is-shallow-repository",
            "--show-prefix",
        ],
    ) {
        Ok(out) => out,
        Err(Failure::CannotRun(why)) => return History::NoGit(why),
        Err(Failure::Said(said)) => return History::Failed(said),
    };
    // Split on line feeds alone: a folder's name may start or end with a
    // space, which trimming would take from the prefix.
    let mut lines = facts.split('\n');
    match lines.next() {
        Some("true") => {}
        // Inside `.git` itself, or a bare repository: no work tree.
        _ => return History::NotARepository,
    }
    if lines.next() == Some("true") {
        return History::Shallow;
    }
    let prefix = lines.next().unwrap_or("").to_owned();
    // Pathspecs are relative to the root, wherever it sits in the work tree.
    let log = match git(
        root,
        &[
            "log",
            "--format=%H %P",
            "--reverse",
            "--no-show-signature",
            "--",
            ARTICLE_PATH,
            YAML_PATH,
            AML_PATH,
        ],
    ) {
        Ok(log) => log,
        Err(Failure::CannotRun(why)) => return History::NoGit(why),
        // A repository with no commit yet has no history to read.
        Err(_) if git(root, &["rev-parse", "--verify", "-q", "HEAD"]).is_err() => String::new(),
        Err(Failure::Said(said)) => return History::Failed(said),
    };
    let mut ids = Vec::new();
    let mut oldest_has_parent = false;
    for line in log.lines().filter(|l| !l.is_empty()) {
        let mut fields = line.split(' ');
        let Some(id) = fields.next() else { continue };
        if ids.is_empty() {
            oldest_has_parent = fields.any(|f| !f.is_empty());
        }
        ids.push(id.to_owned());
    }
    // A story whose first commit is the repository's first was never
    // moved: only a story that came from elsewhere costs a look for where.
    let moved = match ids.first() {
        Some(oldest) if oldest_has_parent => before_moves(root, &prefix, oldest),
        _ => Vec::new(),
    };
    History::Commits(Log { prefix, ids, moved })
}

/// The commits of every story of a site, in one `git` run rather than
/// two for each story: for each folder under `stories` (a path relative to
/// `site_root`), the ids of the commits that touched anything in it,
/// newest first. `None` when the site is not in a repository, is a
/// shallow clone, or `git` gives no answer: then each story's own [`log`]
/// says why. A site's build keys its cache on these (see
/// `story_cache::story_key`); they are a superset of what [`log`] reads.
pub fn site_commits(
    site_root: &Path,
    stories: &str,
) -> Option<std::collections::BTreeMap<String, Vec<String>>> {
    if !has_git_folder(site_root) {
        return None;
    }
    let facts = git(
        site_root,
        &[
            "rev-parse",
            "--is-inside-work-tree",
            "--is-shallow-repository",
        ],
    )
    .ok()?;
    let mut lines = facts.split('\n');
    if lines.next() != Some("true") || lines.next() != Some("false") {
        return None;
    }
    let log = git(
        site_root,
        &[
            "log",
            "--relative",
            "--name-only",
            "--format=%x01%H",
            "--no-show-signature",
            "--",
            stories,
        ],
    )
    .ok()?;
    let mut commits: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let folder = format!("{stories}/");
    for entry in log.split('\u{1}').filter(|e| !e.is_empty()) {
        let mut lines = entry.lines().filter(|l| !l.is_empty());
        let Some(id) = lines.next() else { continue };
        for path in lines {
            let Some(slug) = path.strip_prefix(&folder).and_then(|p| p.split('/').next()) else {
                continue;
            };
            let ids = commits.entry(slug.to_owned()).or_default();
            if ids.last().is_none_or(|last| last != id) {
                ids.push(id.to_owned());
            }
        }
    }
    Some(commits)
}

/// The commits of the story before it was moved to `prefix` (`git mv
/// stories/old stories/new`), oldest first with the story's path at each:
/// the article's renames, as `git log --follow` finds them, say where it
/// was, and the story's commits there are read as those at its place now.
fn before_moves(root: &Path, prefix: &str, oldest: &str) -> Vec<(String, String)> {
    let Ok(follow) = git(
        root,
        &[
            "log",
            "--follow",
            "--name-only",
            "--format=%x01%H",
            "--no-show-signature",
            "--",
            ARTICLE_PATH,
        ],
    ) else {
        return Vec::new();
    };
    // Newest first: each commit's id and the article's path there.
    let mut paths: Vec<String> = Vec::new();
    for entry in follow.split('\u{1}').filter(|e| !e.is_empty()) {
        let mut lines = entry.lines().filter(|l| !l.is_empty());
        let (Some(_), Some(path)) = (lines.next(), lines.next()) else {
            continue;
        };
        if paths.last().is_none_or(|last| last != path) {
            paths.push(path.to_owned());
        }
    }
    let mut moved: Vec<(String, String)> = Vec::new();
    let mut until = oldest.to_owned();
    let current = format!("{prefix}{ARTICLE_PATH}");
    for path in paths.into_iter().filter(|p| *p != current) {
        // A story moves as a folder; an article renamed on its own is no
        // story there.
        let Some(old_prefix) = path.strip_suffix(ARTICLE_PATH) else {
            break;
        };
        let article = format!(":(top,literal){old_prefix}{ARTICLE_PATH}");
        let yaml = format!(":(top,literal){old_prefix}{YAML_PATH}");
        let aml = format!(":(top,literal){old_prefix}{AML_PATH}");
        let Ok(log) = git(
            root,
            &[
                "log",
                "--format=%H",
                "--no-show-signature",
                &format!("{until}^"),
                "--",
                &article,
                &yaml,
                &aml,
            ],
        ) else {
            break;
        };
        let older: Vec<String> = log
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        let Some(last) = older.last() else { break };
        until = last.clone();
        // Newest first here; the whole list is turned round at the end.
        moved.extend(older.into_iter().map(|id| (id, old_prefix.to_owned())));
    }
    moved.reverse();
    moved
}

/// The story's inputs at each commit of `log`, oldest first. A commit
/// without an article or a facts file (of either form) is left out: it was
/// no story yet.
pub fn read(root: &Path, log: &Log) -> Result<Vec<Commit>, String> {
    if log.ids.is_empty() {
        return Ok(Vec::new());
    }
    let all: Vec<(&str, &str)> = log
        .moved
        .iter()
        .map(|(id, prefix)| (id.as_str(), prefix.as_str()))
        .chain(log.ids.iter().map(|id| (id.as_str(), log.prefix.as_str())))
        .collect();
    // One `git cat-file` for every file of every commit, not two processes
    // per commit: fifty editions would otherwise spend more time starting
    // `git` than reading.
    let mut wanted = String::new();
    for (id, prefix) in &all {
        for path in [ARTICLE_PATH, YAML_PATH, AML_PATH] {
            wanted.push_str(&format!("{id}:{prefix}{path}\n"));
        }
    }
    let blobs = cat_files(root, &wanted)?;
    let mut commits = Vec::with_capacity(all.len());
    let mut blobs = blobs.into_iter();
    for (id, _) in &all {
        let (Some(article), Some(yaml), Some(aml)) = (blobs.next(), blobs.next(), blobs.next())
        else {
            break;
        };
        let facts = match (yaml, aml) {
            (Some(yaml), None) => Some((YAML_PATH, yaml)),
            (None, Some(aml)) => Some((AML_PATH, aml)),
            (Some(_), Some(_)) => None,
            (None, None) => continue,
        };
        if let Some(article) = article {
            commits.push(Commit {
                id: (*id).to_owned(),
                article,
                facts,
            });
        }
    }
    Ok(commits)
}

/// Whether `root` or a folder above it holds `.git` (a folder, or the file
/// a linked work tree or a submodule has), as git looks for it.
fn has_git_folder(root: &Path) -> bool {
    let start = std::fs::canonicalize(root).unwrap_or_else(|_| crate::absolute(root));
    start
        .ancestors()
        .any(|folder| std::fs::symlink_metadata(folder.join(".git")).is_ok())
}

/// Why a `git` command gave no answer.
enum Failure {
    /// The program could not be started.
    CannotRun(String),
    /// It ran and failed; its message.
    Said(String),
}

fn command(root: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(root)
        // The story's own repository, whatever the caller's environment
        // points at; and no pager, no colour, no translated messages.
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env("GIT_PAGER", "cat")
        .env("LC_ALL", "C")
        .args(["-c", "color.ui=false", "-c", "core.quotePath=false"]);
    command
}

fn git(root: &Path, args: &[&str]) -> Result<String, Failure> {
    let output = command(root)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Failure::CannotRun(cannot_run(&e)))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let said = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        Err(Failure::Said(if said.is_empty() {
            format!("git {} failed ({})", args[0], output.status)
        } else {
            said
        }))
    }
}

fn cannot_run(error: &std::io::Error) -> String {
    if error.kind() == std::io::ErrorKind::NotFound {
        "git is not installed (no `git` program on the PATH)".to_owned()
    } else {
        format!("the `git` program cannot be run: {error}")
    }
}

/// The contents of each `<commit>:<path>` line of `wanted`, in order;
/// `None` for a file the commit does not have.
fn cat_files(root: &Path, wanted: &str) -> Result<Vec<Option<Vec<u8>>>, String> {
    let mut child = command(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| cannot_run(&e))?;
    // Written from another thread: git answers as it reads, and a full
    // pipe each way would otherwise stop both.
    let mut stdin = child.stdin.take().ok_or("git cat-file has no input")?;
    let request = wanted.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut out = Vec::new();
    child
        .stdout
        .take()
        .ok_or("git cat-file has no output")?
        .read_to_end(&mut out)
        .map_err(|e| format!("reading from git: {e}"))?;
    let _ = writer.join();
    let status = child.wait().map_err(|e| format!("git cat-file: {e}"))?;
    if !status.success() {
        return Err("git cat-file failed".to_owned());
    }
    parse_batch(&out, wanted.lines().count())
}

/// `git cat-file --batch` output: per request, `<id> <type> <size>\n`,
/// the bytes and `\n`, or `<request> missing\n`.
fn parse_batch(out: &[u8], count: usize) -> Result<Vec<Option<Vec<u8>>>, String> {
    let mut files = Vec::with_capacity(count);
    let mut at = 0;
    for _ in 0..count {
        let end = out[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|n| at + n)
            .ok_or("git cat-file: output cut short")?;
        let header = String::from_utf8_lossy(&out[at..end]).into_owned();
        at = end + 1;
        let fields: Vec<&str> = header.split(' ').collect();
        match fields.as_slice() {
            [_, "blob", size] => {
                let size: usize = size
                    .parse()
                    .map_err(|_| format!("git cat-file: bad header `{header}`"))?;
                let bytes = out
                    .get(at..at + size)
                    .ok_or("git cat-file: output cut short")?;
                files.push(Some(bytes.to_vec()));
                at += size + 1;
            }
            // A path the commit lacks, or one that is not a file there.
            [.., "missing" | "ambiguous"] => files.push(None),
            [_, _kind, size] => {
                let size: usize = size.parse().unwrap_or(0);
                files.push(None);
                at += size + 1;
            }
            _ => return Err(format!("git cat-file: bad header `{header}`")),
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_output_is_split_into_files() {
        let out = b"abc blob 3\nhi\n\nx:y missing\ndef blob 0\n\n";
        let files = parse_batch(out, 3).unwrap();
        assert_eq!(files, [Some(b"hi\n".to_vec()), None, Some(Vec::new())]);
        assert!(parse_batch(b"abc blob 10\nshort\n", 1).is_err());
    }
}
