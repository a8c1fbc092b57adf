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
    stage::validate(&mut inputs.clone(), None)
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
    bencher
        .with_inputs(|| inputs.clone())
        .bench_local_values(|mut inputs| stage::validate(&mut inputs, None).is_ok());
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
    .expect("the story renders")
    .files;
    let out = tempfile::tempdir().expect("temp dir");
    let output = out.path().join("public");
    bencher.bench(|| stage::write_site(&output, &files).is_ok());
}

/// A whole build, as `serve` makes one on every save, of the shipped story
/// with this many past editions in its git history (each commit adds an
/// update). The first build reads and checks the history; the ones timed
/// here find it unchanged and reuse what the first worked out, as `serve`
/// does while no commit is added.
#[divan::bench(args = [0, 50], sample_count = 10)]
fn build_with_editions(bencher: Bencher, editions: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let from = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content");
    std::fs::create_dir_all(root.join("content")).expect("content/");
    for file in ["article.md", "facts.yaml"] {
        std::fs::copy(from.join(file), root.join("content").join(file)).expect("copy");
    }
    if editions > 0 {
        let git = |args: &[&str], date: &str| {
            let status = std::process::Command::new("git")
                .args([
                    "-c",
                    "user.name=Bench",
                    "-c",
                    "user.email=bench@example.org",
                ])
                .args(["-c", "commit.gpgsign=false"])
                .args(args)
                .current_dir(root)
                .env("GIT_AUTHOR_DATE", date)
                .env("GIT_COMMITTER_DATE", date)
                .status()
                .expect("git runs");
            assert!(status.success(), "git {args:?}");
        };
        git(&["init", "-q"], "2025-03-01T00:00:00Z");
        std::fs::write(root.join(".gitignore"), "public/\n").expect(".gitignore");
        let facts = root.join("content/facts.yaml");
        for n in 0..editions {
            let at = format!("2025-03-{:02}T{:02}:00:00Z", 11 + n / 24, n % 24);
            let text = std::fs::read_to_string(&facts).expect("facts");
            let text = text.replacen(
                "updates:\n",
                &format!("updates:\n  - at: {at}\n    text: Edition {n}.\n"),
                1,
            );
            std::fs::write(&facts, text).expect("facts");
            git(&["add", "-A"], &at);
            git(&["commit", "-q", "-m", "edition"], &at);
        }
    }
    let options = explainer::BuildOptions::new(root);
    explainer::build(&options).expect("the story builds");
    bencher.bench(|| explainer::build(&options).is_ok());
}

/// One share card, drawn and encoded, in each kind of script the cards
/// lay out differently: Latin, Arabic (joined, right to left) and
/// Chinese (a font of 9,800 ideographs, lines broken anywhere).
#[divan::bench(args = ["latin", "arabic", "cjk"], sample_count = 20)]
fn share_card(bencher: Bencher, script: &str) {
    use explainer::locale::Direction;
    use stage::share_card::{Fonts, StoryCard, story_card};
    let card = match script {
        "latin" => StoryCard {
            kicker: "Explainer",
            title: "Russia and US agree to start working toward ending the war in Ukraine and improving ties",
            dek: Some(
                "Top U.S. and Russian diplomats met in Riyadh, Saudi Arabia, and agreed to pursue three broad goals, in talks that reflected a sharp shift in U.S. policy under President Donald Trump. No Ukrainian officials took part.",
            ),
            publisher: "explainer",
            date: "19 February 2025",
            lang: "en",
            direction: Direction::Ltr,
        },
        "arabic" => StoryCard {
            kicker: "شرح",
            title: "روسيا والولايات المتحدة تتفقان على بدء العمل لإنهاء الحرب في أوكرانيا وتحسين العلاقات",
            dek: Some(
                "اجتمع كبار الدبلوماسيين الأمريكيين والروس في الرياض واتفقوا على السعي لتحقيق ثلاثة أهداف عامة، في محادثات عكست تحولا حادا في سياسة الولايات المتحدة.",
            ),
            publisher: "وكالة أسوشيتد برس",
            date: "19 فبراير 2025",
            lang: "ar",
            direction: Direction::Rtl,
        },
        _ => StoryCard {
            kicker: "解读",
            title: "俄罗斯和美国同意开始努力结束乌克兰战争并改善关系",
            dek: Some(
                "美俄高级外交官在沙特阿拉伯利雅得会面，同意追求三大目标。这次会谈反映出特朗普总统领导下美国政策的急剧转变，乌克兰官员没有参加。",
            ),
            publisher: "美联社",
            date: "2025年2月19日",
            lang: "zh-Hans",
            direction: Direction::Ltr,
        },
    };
    // The fonts are read on the first card; the times are of the cards
    // after, as a build draws them.
    let mut fonts = Fonts::new();
    story_card(&mut fonts, &card);
    bencher.bench_local(|| story_card(&mut fonts, &card).png.len());
}
