//! Time of each stage — load, validate, render, write — on the shipped
//! story and on generated stories of 1, 10 and 100 times a realistic page,
//! so that a regression in one stage shows on its own.
//!
//! `cargo bench` runs them all; `cargo bench -- render` only the render
//! stage. The whole process against other generators is timed by
//! `scripts/bench-peers.sh`.

#[path = "../tests/testsuite/common/generated.rs"]
mod generated;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use explainer::RenderOptions;
use explainer::stages::{self as stage, Changes};

fn main() {
    divan::main();
}

/// `shipped`, or the scale of a generated story.
const STORIES: &[&str] = &["shipped", "1", "10", "100"];

/// Story roots, written once per run into a folder deleted at exit.
fn root(story: &str) -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"));
    if story == "shipped" {
        return PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    }
    let root = dir.path().join(format!("scale-{story}"));
    if !root.exists() {
        let scale = story.parse().expect("a scale");
        let (article, facts) = generated::story(scale);
        std::fs::create_dir_all(root.join("content")).expect("content/");
        std::fs::write(root.join("content/article.md"), article).expect("article");
        std::fs::write(root.join("content/facts.yaml"), facts).expect("facts");
    }
    root
}

fn inputs(root: &Path) -> stage::Inputs {
    stage::load(root).expect("the story loads")
}

fn story(inputs: &stage::Inputs) -> explainer::model::Story {
    stage::validate(inputs, None)
        .expect("the story is valid")
        .story
}

#[divan::bench(args = STORIES, sample_count = 10)]
fn load(bencher: Bencher, story: &str) {
    let root = root(story);
    bencher.bench(|| stage::load(&root).is_ok());
}

#[divan::bench(args = STORIES, sample_count = 10)]
fn validate(bencher: Bencher, story: &str) {
    let inputs = inputs(&root(story));
    bencher.bench(|| stage::validate(&inputs, None).is_ok());
}

#[divan::bench(args = STORIES, sample_count = 10)]
fn render(bencher: Bencher, name: &str) {
    let inputs = inputs(&root(name));
    let story = story(&inputs);
    let options = RenderOptions::default();
    let changes = Changes::none(&story);
    bencher.bench(|| stage::render(&story, &inputs.theme, &options, &changes).is_ok());
}

#[divan::bench(args = STORIES, sample_count = 10)]
fn write(bencher: Bencher, name: &str) {
    let inputs = inputs(&root(name));
    let story = story(&inputs);
    let files = stage::render(
        &story,
        &inputs.theme,
        &RenderOptions::default(),
        &Changes::none(&story),
    )
    .expect("the story renders");
    let out = tempfile::tempdir().expect("temp dir");
    let output = out.path().join("public");
    bencher.bench(|| stage::write_site(&output, &files).is_ok());
}
