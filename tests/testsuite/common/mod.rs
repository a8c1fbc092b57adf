//! Helpers shared by the integration tests: story folders in temporary
//! directories, the real binary, and snapshots of an output folder.
#![allow(dead_code)]

pub mod broken;
pub mod draft_score;
pub mod edge;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const BASE_ARTICLE: &str = "---
title: The tunnel inquiry
description: What the council knew.
published: 2025-11-20
authors: [Ada Byrne]
---

Mayor Tomas Berg said the tunnel was “safe and on budget” at the March meeting.

Engineer Lena Okafor disagreed: “The lining was never tested. We warned them twice.”
";

pub const BASE_FACTS: &str = "groups: [Council, Engineers]
people:
  - id: tomas-berg
    name: Tomas Berg
    role: Mayor
    group: Council
    aliases: [Berg]
  - id: lena-okafor
    name: Lena Okafor
    role: Engineer
    group: Engineers
quotes:
  - speaker: tomas-berg
    text: safe and on budget
  - speaker: lena-okafor
    text: The lining was never tested.
timeline:
  - date: 2024-03-02
    title: Council meeting
    people: [tomas-berg]
  - date: 2019
    title: Tunnel approved
";

/// A story root in a temporary folder, deleted when dropped.
pub struct Story {
    pub dir: tempfile::TempDir,
}

impl Story {
    pub fn new(article: &str, facts: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let story = Story { dir };
        story.write("content/article.md", article.as_bytes());
        story.write("content/facts.yaml", facts.as_bytes());
        story
    }

    pub fn base() -> Self {
        Story::new(BASE_ARTICLE, BASE_FACTS)
    }

    /// A copy of a story folder in this repository (`.` for the shipped one).
    pub fn copy_of(relative: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let from = repo().join(relative);
        for sub in ["content", "templates", "static", "i18n"] {
            if from.join(sub).is_dir() {
                copy_dir(&from.join(sub), &dir.path().join(sub));
            }
        }
        Story { dir }
    }

    /// A copy of a whole folder of this repository (a site).
    pub fn copy_of_tree(relative: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join(relative), dir.path());
        Story { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, relative: &str, bytes: &[u8]) {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root().join(relative)).unwrap()
    }

    /// Replace the first `from` in a file, failing loudly if it is not there
    /// (a mutation that changes nothing would make its test meaningless).
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert!(text.contains(from), "`{from}` not in {relative}");
        self.write(relative, text.replacen(from, to, 1).as_bytes());
    }

    /// Add `text` at the end of a file.
    pub fn append(&self, relative: &str, text: &str) {
        let before = self.read(relative);
        self.write(relative, format!("{before}{text}").as_bytes());
    }

    pub fn build(&self) -> Run {
        run(&["build", "--root", self.root().to_str().unwrap()])
    }

    /// `build` as the Pages workflow runs it, with the address the site is
    /// published at.
    pub fn build_at(&self, base_url: &str) -> Run {
        run(&[
            "build",
            "--root",
            self.root().to_str().expect("a UTF-8 temp path"),
            "--base-url",
            base_url,
        ])
    }

    pub fn check(&self) -> Run {
        run(&["check", "--root", self.root().to_str().unwrap()])
    }

    pub fn page(&self) -> String {
        std::fs::read_to_string(self.output().join("index.html")).expect("index.html was written")
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, 0, "build failed:\n{}", self.stderr);
        self
    }

    /// What was printed says each of `wanted` (a warning, a note), whatever
    /// the exit code.
    pub fn assert_said(&self, wanted: &[&str]) -> &Self {
        for w in wanted {
            assert!(
                self.stderr.contains(w),
                "`{w}` missing from:\n{}",
                self.stderr
            );
        }
        self
    }

    /// The story was at fault (exit 1), and the message says each of
    /// `wanted`.
    pub fn assert_fails_with(&self, wanted: &[&str]) -> &Self {
        assert_eq!(self.code, 1, "{}", self.stderr);
        for w in wanted {
            assert!(
                self.stderr.contains(w),
                "`{w}` missing from:\n{}",
                self.stderr
            );
        }
        self
    }
}

pub fn run(args: &[&str]) -> Run {
    run_in(Path::new("."), args)
}

/// `run` from the folder `dir`, for relative paths as a user types them.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_with(dir, args, None)
}

/// `run_in` with one extra environment variable.
pub fn run_in_with_env(dir: &Path, args: &[&str], env: (&str, &str)) -> Run {
    run_with(dir, args, Some(env))
}

fn run_with(dir: &Path, args: &[&str], env: Option<(&str, &str)>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_explainer"));
    command
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("EXPLAINER_BASE_URL");
    if let Some((name, value)) = env {
        command.env(name, value);
    }
    let output = command.output().expect("run explainer");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A small real JPEG, `width`×`height`, for a photo or a portrait: the
/// build reads every picture a story names.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    use image::ImageEncoder;
    let pixels: Vec<u8> = (0..width * height * 3)
        .map(|i| (i * 7 % 256) as u8)
        .collect();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .write_image(&pixels, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// Every file under a folder with its bytes, to compare outputs exactly.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The text between `start` and the next `end` after it.
pub fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` not found"));
    let rest = &text[from..];
    let to = rest.find(end).unwrap_or(rest.len());
    &rest[..to]
}

pub mod generated;
pub mod pictures;

impl Story {
    /// The generated story at `scale` (see [`generated::story`]).
    pub fn generated(scale: usize) -> Self {
        let (article, facts) = generated::story(scale);
        Story::new(&article, &facts)
    }
}

/// The built `facts.json`, parsed.
pub fn facts_json(story: &Story) -> serde_json::Value {
    serde_json::from_str(&story.read("public/facts.json")).expect("facts.json is JSON")
}

/// Add an update at `at` to the story's facts.
pub fn with_update(story: &Story, at: &str) {
    let facts = story.read("content/facts.yaml");
    let item = format!("  - at: {at}\n    text: More on the lining.\n");
    let facts = match facts.split_once("updates:\n") {
        Some((head, tail)) => format!("{head}updates:\n{item}{tail}"),
        None => format!("{facts}updates:\n{item}"),
    };
    story.write("content/facts.yaml", facts.as_bytes());
}

/// `git` with a fixed author and dates, so that the history, and so the
/// output, is the same on every run.
pub fn git(root: &Path, args: &[&str], date: &str) {
    let status = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=Editor",
            "-c",
            "user.email=editor@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(root)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// Commit every change under `root` at `date`.
pub fn commit_all(root: &Path, message: &str, date: &str) {
    git(root, &["add", "-A"], date);
    git(root, &["commit", "-q", "-m", message], date);
}

/// A repository at `root` that ignores the output folder.
pub fn init(root: &Path) {
    git(root, &["init", "-q"], "2025-11-20T08:00:00Z");
    std::fs::write(root.join(".gitignore"), "public/\n").unwrap();
}

impl Story {
    /// The base story in a repository of its own, its first report
    /// committed on 20 November 2025.
    pub fn base_in_git() -> Story {
        let story = Story::base();
        init(story.root());
        commit_all(story.root(), "First report", "2025-11-20T08:00:00Z");
        story
    }
}

/// The page's JSON-LD, parsed.
pub fn json_ld(page: &str) -> serde_json::Value {
    let opening = "<script type=\"application/ld+json\">";
    let json = &between(page, opening, "</script>")[opening.len()..];
    serde_json::from_str(json).expect("JSON-LD is JSON")
}
