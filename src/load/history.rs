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
    /// A plain folder, or `git` is not installed.
    NotARepository,
    /// A shallow clone holds only the newest commits.
    Shallow,
    /// `git` ran and failed; what it said.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Log {
    /// The root's path inside the work tree (`stories/riyadh/`, or empty).
    prefix: String,
    pub ids: Vec<String>,
}

/// The commits of `root`'s story inputs, without their contents.
pub fn log(root: &Path) -> History {
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
        Err(_) => return History::NotARepository,
    };
    let mut lines = facts.lines();
    if lines.next() != Some("true") {
        return History::NotARepository;
    }
    if lines.next() == Some("true") {
        return History::Shallow;
    }
    let prefix = lines.next().unwrap_or("").trim().to_owned();
    // Pathspecs are relative to the root, wherever it sits in the work tree.
    let log = match git(
        root,
        &[
            "log",
            "--format=%H",
            "--reverse",
            "--no-show-signature",
            "--",
            ARTICLE_PATH,
            YAML_PATH,
            AML_PATH,
        ],
    ) {
        Ok(log) => log,
        // A repository with no commit yet has no history to read.
        Err(_) if git(root, &["rev-parse", "--verify", "-q", "HEAD"]).is_err() => String::new(),
        Err(error) => return History::Failed(error),
    };
    History::Commits(Log {
        prefix,
        ids: log
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

/// The story's inputs at each commit of `log`, oldest first. A commit
/// without an article or a facts file (of either form) is left out: it was
/// no story yet.
pub fn read(root: &Path, log: &Log) -> Result<Vec<Commit>, String> {
    if log.ids.is_empty() {
        return Ok(Vec::new());
    }
    // One `git cat-file` for every file of every commit, not two processes
    // per commit: fifty editions would otherwise spend more time starting
    // `git` than reading.
    let mut wanted = String::new();
    for id in &log.ids {
        for path in [ARTICLE_PATH, YAML_PATH, AML_PATH] {
            wanted.push_str(&format!("{id}:{}{path}\n", log.prefix));
        }
    }
    let blobs = cat_files(root, &wanted)?;
    let mut commits = Vec::with_capacity(log.ids.len());
    let mut blobs = blobs.into_iter();
    while let (Some(article), Some(yaml), Some(aml)) = (blobs.next(), blobs.next(), blobs.next()) {
        let facts = match (yaml, aml) {
            (Some(yaml), None) => Some((YAML_PATH, yaml)),
            (None, Some(aml)) => Some((AML_PATH, aml)),
            (Some(_), Some(_)) => None,
            (None, None) => continue,
        };
        if let Some(article) = article {
            commits.push(Commit { article, facts });
        }
    }
    Ok(commits)
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

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = command(root)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
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
        .map_err(|e| format!("cannot run git: {e}"))?;
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
