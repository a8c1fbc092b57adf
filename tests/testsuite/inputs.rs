//! The story's files as files: missing, not UTF-8 (with the byte offset,
//! line and column), a folder where a file belongs, unreadable, with a byte
//! order mark and CRLF line ends, holding a merge left unfinished; symbolic
//! links in `static/` and their loops; the root (missing, without
//! `content/`, or `content/` itself).

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::broken::{
    ARTICLE, Case, FACTS, every_case_fails_keeping_output, fails_keeping_output,
};
use crate::common::{Story, snapshot};

const CASES: &[Case] = &[Case {
    name: "merge conflict markers in the article",
    file: ARTICLE,
    from: "Mayor Tomas Berg said",
    to: "<<<<<<< HEAD\nMayor Tomas Berg said\n=======\nThe mayor said\n>>>>>>> theirs\n",
    expect: &["content/article.md:8:1", "an unfinished git merge"],
}];

#[test]
fn every_broken_input_is_reported_and_the_last_good_output_survives() {
    every_case_fails_keeping_output(CASES);
}

#[test]
fn files_that_are_missing_or_not_utf8_are_named() {
    let story = Story::base();
    std::fs::remove_file(story.root().join(FACTS)).unwrap();
    let run = story.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/facts.yaml not found"),
        "{}",
        run.stderr
    );

    let story = Story::base();
    let mut bytes = story.read(FACTS).into_bytes();
    bytes.splice(50..50, [0xff, 0xfe]);
    story.write(FACTS, &bytes);
    let run = story.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/facts.yaml is not valid UTF-8: bad byte at offset 50"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/facts.yaml:3:"),
        "{}",
        run.stderr
    );
}

#[test]
fn byte_order_mark_and_crlf_build() {
    let story = Story::base();
    let crlf = |s: &str| format!("\u{feff}{}", s.replace('\n', "\r\n"));
    story.write(ARTICLE, crlf(crate::common::BASE_ARTICLE).as_bytes());
    story.write(FACTS, crlf(crate::common::BASE_FACTS).as_bytes());
    story.build().assert_ok();
    // Positions still point at the right line and column.
    story.edit(FACTS, "speaker: tomas-berg", "speaker: tomas-burg");
    assert!(story.build().stderr.contains("content/facts.yaml:13:14"));
}

fn insert_bytes(story: &Story, file: &str, at: usize, bytes: &[u8]) {
    let mut text = story.read(file).into_bytes();
    text.splice(at..at, bytes.iter().copied());
    story.write(file, &text);
}

#[test]
fn invalid_utf8_in_the_article_body_gives_the_offset_and_line() {
    let at = crate::common::BASE_ARTICLE.find("Engineer").unwrap();
    fails_keeping_output(
        |story| insert_bytes(story, ARTICLE, at, &[0xc3, 0x28]),
        &[
            &format!("content/article.md is not valid UTF-8: bad byte at offset {at}"),
            "content/article.md:10:1",
            "save the file as UTF-8",
        ],
    );
}

#[test]
fn invalid_utf8_in_the_front_matter_gives_the_offset_and_line() {
    let at = crate::common::BASE_ARTICLE.find("inquiry").unwrap();
    fails_keeping_output(
        |story| insert_bytes(story, ARTICLE, at, &[0xff]),
        &[
            &format!("bad byte at offset {at}"),
            "content/article.md:2:19",
        ],
    );
}

#[test]
fn latin1_facts_are_refused_with_the_offset() {
    let at = crate::common::BASE_FACTS.find("Okafor").unwrap();
    fails_keeping_output(
        // "Okafor" → "Ok\xe4for", as an editor saving in Latin-1 writes "ä".
        |story| insert_bytes(story, FACTS, at + 2, &[0xe4]),
        &[&format!(
            "content/facts.yaml is not valid UTF-8: bad byte at offset {}",
            at + 2
        )],
    );
}

#[test]
fn a_root_without_content_says_how_to_start_one() {
    let story = Story::base();
    story.build().assert_ok();
    let good = snapshot(&story.output());
    std::fs::remove_dir_all(story.root().join("content")).unwrap();
    let run = story.build();
    // Not a story at all: a usage error, not a fault in one.
    assert_eq!(run.code, 2, "{}", run.stderr);
    for wanted in [
        "error: the story root has no content/ folder",
        &format!("explainer new {}", story.root().display()),
        "pass --root",
    ] {
        assert!(
            run.stderr.contains(wanted),
            "`{wanted}` missing from:\n{}",
            run.stderr
        );
    }
    assert!(
        snapshot(&story.output()) == good,
        "the last good output changed"
    );
}

#[test]
fn missing_article_is_named() {
    fails_keeping_output(
        |story| std::fs::remove_file(story.root().join(ARTICLE)).unwrap(),
        &["content/article.md not found"],
    );
}

#[test]
fn a_folder_where_a_file_belongs_is_named() {
    fails_keeping_output(
        |story| {
            std::fs::remove_file(story.root().join(FACTS)).unwrap();
            std::fs::create_dir(story.root().join(FACTS)).unwrap();
        },
        &["content/facts.yaml is a folder, not a file"],
    );
}

/// Whether file permissions bind this process: they do not for root, which
/// the tests may well run as (in a container, say).
fn permissions_bind(dir: &Path) -> bool {
    let probe = dir.join("probe");
    std::fs::write(&probe, b"x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let bind = std::fs::read(&probe).is_err();
    std::fs::remove_file(&probe).unwrap();
    bind
}

#[test]
fn unreadable_files_are_named_or_read_by_a_superuser() {
    let story = Story::base();
    story.build().assert_ok();
    let good = snapshot(&story.output());
    if !permissions_bind(story.root()) {
        // As root, mode 000 does not stop reading: the build must simply
        // work. The message for a real refusal is checked by the loader's
        // own unit test of its error mapping.
        let path = story.root().join(FACTS);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        story.build().assert_ok();
        eprintln!("running as a superuser: mode 000 does not bind");
        return;
    }
    for (path, message) in [
        (
            FACTS,
            "content/facts.yaml cannot be read: permission denied",
        ),
        (
            ARTICLE,
            "content/article.md cannot be read: permission denied",
        ),
    ] {
        let full = story.root().join(path);
        std::fs::set_permissions(&full, std::fs::Permissions::from_mode(0o000)).unwrap();
        let run = story.build();
        std::fs::set_permissions(&full, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains(message), "{}", run.stderr);
        assert!(snapshot(&story.output()) == good);
    }
    story.write("static/secret.css", b"x");
    let dir = story.root().join("static");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = story.build();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("static"), "{}", run.stderr);
}

#[test]
fn a_link_in_static_that_leads_outside_the_root_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.jpg"), b"secret").unwrap();
    fails_keeping_output(
        |story| {
            berg_image_linked_to(story, &outside.path().join("secret.jpg"));
        },
        &["static/berg.jpg", "links to a file outside the story root"],
    );
    // The same with static/ itself a link to the outside folder.
    fails_keeping_output(
        |story| symlink(outside.path(), story.root().join("static")).unwrap(),
        &["links to a file outside the story root"],
    );
}

#[test]
fn a_link_in_static_to_a_file_inside_the_root_is_fine() {
    let story = Story::base();
    story.write("pictures/berg.jpg", &crate::common::jpeg(40, 40));
    berg_image_linked_to(&story, &story.root().join("pictures/berg.jpg"));
    story.build().assert_ok();
}

/// Give Tomas Berg the picture `static/berg.jpg`, a symbolic link to `target`.
fn berg_image_linked_to(story: &Story, target: &std::path::Path) {
    std::fs::create_dir_all(story.root().join("static")).unwrap();
    symlink(target, story.root().join("static/berg.jpg")).unwrap();
    story.edit(
        FACTS,
        "    aliases: [Berg]\n",
        "    aliases: [Berg]\n    image: berg.jpg\n",
    );
}

#[test]
fn symbolic_link_loops_in_static_and_templates_end_in_an_error() {
    for folder in ["static", "templates"] {
        let started = Instant::now();
        let run = fails_keeping_output(
            |story| {
                let dir = story.root().join(folder).join("sub");
                std::fs::create_dir_all(&dir).unwrap();
                symlink(story.root().join(folder), dir.join("loop")).unwrap();
                symlink(dir.join("b"), dir.join("a")).unwrap();
                symlink(dir.join("a"), dir.join("b")).unwrap();
            },
            &["symbolic link loop"],
        );
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_root_that_does_not_exist_is_called_that() {
    let run = crate::common::run(&["build", "--root", "/no/such/story"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: the story root does not exist")
            && run.stderr.contains("/no/such/story")
            && run.stderr.contains("explainer new /no/such/story"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("not a folder"), "{}", run.stderr);
}

#[test]
fn building_inside_content_says_to_run_from_the_folder_above() {
    let story = Story::base();
    let content = story.root().join("content");
    let run = crate::common::run(&["build", "--root", content.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("this is the story's content/ folder, not its root"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("run from the story root, the folder above")
    );
}
