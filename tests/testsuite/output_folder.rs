//! The output folder: what may be written where (never over the inputs,
//! never into a folder the build did not write, never through a link into
//! the inputs), the exit code when it cannot be written, and atomic writing:
//! a build killed at any moment, or two builds racing, leave one whole site,
//! old or new.

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::broken::FACTS;
use crate::common::{Story, snapshot};

#[test]
fn output_folder_may_not_hold_the_inputs() {
    let story = Story::base();
    for output in [
        story.root().to_path_buf(),
        story.root().join("content"),
        story.root().join("static"),
        story.root().join("i18n"),
        story.root().join("i18n/site"),
        story.root().parent().unwrap().to_path_buf(),
    ] {
        let run = crate::common::run(&[
            "build",
            "--root",
            story.root().to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 2, "{}: {}", output.display(), run.stderr);
        assert!(
            run.stderr.contains("refusing to write the site here"),
            "{}",
            run.stderr
        );
    }
    assert!(story.root().join("content/facts.yaml").exists());
}

#[test]
fn a_folder_explainer_did_not_write_is_never_replaced() {
    let story = Story::base();
    story.write("mine/notes.txt", b"precious");
    let run = crate::common::run(&[
        "build",
        "--root",
        story.root().to_str().unwrap(),
        "--output",
        story.root().join("mine").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("did not write"), "{}", run.stderr);
    assert_eq!(story.read("mine/notes.txt"), "precious");
}

#[test]
fn an_output_path_that_is_a_file_or_an_input_is_refused() {
    let story = Story::base();
    story.write("site.html", b"mine");
    let root = story.root().to_str().unwrap();
    for output in [
        story.root().join("site.html"),
        story.root().join("templates"),
        story.root().join("content/public"),
        story.root().join("public/../content"),
    ] {
        let run = crate::common::run(&[
            "build",
            "--root",
            root,
            "--output",
            output.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 2, "{}: {}", output.display(), run.stderr);
        assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    }
    assert_eq!(story.read("site.html"), "mine");
    assert!(story.root().join(FACTS).is_file());
}

#[test]
fn an_output_folder_that_is_a_link_into_the_inputs_is_refused() {
    let story = Story::base();
    symlink(story.root().join("content"), story.root().join("public")).unwrap();
    let run = story.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(story.root().join(FACTS).is_file());
}

#[test]
fn an_output_folder_that_is_a_dangling_link_is_called_one() {
    let story = Story::base();
    symlink(story.root().join("gone"), story.root().join("public")).unwrap();
    let run = story.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("refusing to replace a symbolic link to something that does not exist"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("gone"), "{}", run.stderr);
    assert!(!run.stderr.contains("a file"), "{}", run.stderr);
    assert!(story.root().join("public").symlink_metadata().is_ok());
}

#[test]
fn a_site_that_cannot_be_written_exits_3() {
    let story = Story::base();
    // Nothing can create a folder in /proc, whoever runs the test.
    let run = crate::common::run(&[
        "build",
        "--root",
        story.root().to_str().unwrap(),
        "--output",
        "/proc/explainer-site",
    ]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("/proc") && run.stderr.contains("cannot "),
        "{}",
        run.stderr
    );
}

// Atomic writing: the folder is always one whole site.

type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

/// A story whose output takes a while to write: a few hundred static files.
fn heavy_story(title: &str) -> Story {
    let story = Story::base();
    story.edit(
        "content/article.md",
        "title: The tunnel inquiry",
        &format!("title: {title}"),
    );
    let chunk = title.repeat(64 * 1024 / title.len());
    for i in 0..300 {
        story.write(&format!("static/files/{i:03}.txt"), chunk.as_bytes());
    }
    story
}

fn build_into(story: &Story, output: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_explainer"));
    command
        .args(["build", "--root"])
        .arg(story.root())
        .arg("--output")
        .arg(output)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Leftovers of a build beside the output folder.
fn leftovers(output: &Path) -> Vec<String> {
    let name = output.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::read_dir(output.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{name}.explainer-")))
        .collect()
}

/// A small generator, seeded from the clock: each run kills at other
/// moments, and a failure prints the seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn whole_site(output: &Path, sites: &[&Snapshot]) -> bool {
    output.is_dir() && sites.contains(&&snapshot(output))
}

#[test]
fn a_build_killed_at_any_moment_leaves_one_whole_site() {
    let out_dir = tempfile::tempdir().unwrap();
    let output = out_dir.path().join("site");
    let (a, b) = (heavy_story("Alpha"), heavy_story("Bravo"));
    assert!(build_into(&a, &output).status().unwrap().success());
    let site_a = snapshot(&output);
    let started = Instant::now();
    assert!(build_into(&b, &output).status().unwrap().success());
    let took = started.elapsed().as_micros().max(1) as u64;
    let site_b = snapshot(&output);
    assert_ne!(site_a, site_b);

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = Rng(seed);
    let mut killed = 0;
    for round in 0..25 {
        let story = if round % 2 == 0 { &a } else { &b };
        let mut child = build_into(story, &output).spawn().unwrap();
        // Anywhere from start-up to a little past the usual finish.
        std::thread::sleep(Duration::from_micros(rng.below(took * 5 / 4)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        assert!(
            whole_site(&output, &[&site_a, &site_b]),
            "round {round} (seed {seed}): the output is not one whole site"
        );
    }
    assert!(killed > 0, "no build was killed; the story is too quick");
    assert!(build_into(&a, &output).status().unwrap().success());
    assert_eq!(snapshot(&output), site_a);
    assert_eq!(leftovers(&output), Vec::<String>::new());
}

#[test]
fn two_builds_racing_on_one_folder_leave_one_whole_site() {
    let out_dir = tempfile::tempdir().unwrap();
    let output = out_dir.path().join("site");
    let (a, b) = (heavy_story("Alpha"), heavy_story("Bravo"));
    assert!(build_into(&a, &output).status().unwrap().success());
    let site_a = snapshot(&output);
    assert!(build_into(&b, &output).status().unwrap().success());
    let site_b = snapshot(&output);
    std::fs::remove_dir_all(&output).unwrap();

    // The first round starts with no output folder at all: both try to
    // create it.
    for round in 0..6 {
        let mut first = build_into(&a, &output).spawn().unwrap();
        let mut second = build_into(&b, &output).spawn().unwrap();
        let (first, second) = (first.wait().unwrap(), second.wait().unwrap());
        assert!(
            first.success() && second.success(),
            "round {round}: {first} {second}"
        );
        assert!(
            whole_site(&output, &[&site_a, &site_b]),
            "round {round}: the output is not one whole site"
        );
        assert_eq!(leftovers(&output), Vec::<String>::new());
    }
}
