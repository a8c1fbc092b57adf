//! Broken input that a one-line edit of the table in `errors.rs` cannot
//! make: bytes that are not UTF-8, files and folders that are missing or
//! unreadable, broken templates, symbolic links, output folders that are
//! not folders. Each names the file, and the last good output survives.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{Run, Story, snapshot};

const FACTS: &str = "content/facts.yaml";
const ARTICLE: &str = "content/article.md";

/// Build a good story, break it with `breakage`, and check the build fails
/// with each of `wanted` in its message and the old output untouched.
fn fails_keeping_output(breakage: impl FnOnce(&Story), wanted: &[&str]) -> Run {
    let story = Story::base();
    story.build().assert_ok();
    let good = snapshot(&story.output());
    breakage(&story);
    let run = story.build();
    run.assert_fails_with(wanted);
    assert!(
        snapshot(&story.output()) == good,
        "the last good output changed"
    );
    run
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
fn template_syntax_errors_and_unknown_names_point_at_the_template() {
    for (template, text, wanted) in [
        (
            "templates/quote.html",
            "<li>\n{{ quote.text \n</li>\n",
            "templates/quote.html:",
        ),
        (
            "templates/person.html",
            "<li>\n{% for x in person.quotes %}\n</li>\n",
            "templates/person.html:",
        ),
        (
            "templates/event.html",
            "<li>\n\n{{ no_such_variable }}</li>\n",
            "templates/event.html:3:",
        ),
        (
            "templates/index.html",
            "<p>{% include \"missing.html\" %}</p>\n",
            "missing.html",
        ),
    ] {
        fails_keeping_output(|story| story.write(template, text.as_bytes()), &[wanted]);
    }
}

#[test]
fn a_template_that_is_not_utf8_is_named() {
    fails_keeping_output(
        |story| story.write("templates/quote.html", b"<li>\xff</li>"),
        &["templates/quote.html", "not valid UTF-8"],
    );
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

// Paths: `image` and `photo.src` name files under static/ and nothing else.

#[test]
fn image_paths_that_leave_static_are_refused() {
    for path in [
        "../content/facts.yaml",
        "static/../content/facts.yaml",
        "people/../../content/facts.yaml",
        "/etc/passwd",
        "./people/berg.jpg",
        "people\\\\..\\\\..\\\\secret",
        "file:///etc/passwd",
        "https://example.org/berg.jpg",
    ] {
        fails_keeping_output(
            |story| {
                story.write("static/people/berg.jpg", b"jpg");
                story.edit(
                    FACTS,
                    "    aliases: [Berg]\n",
                    &format!("    aliases: [Berg]\n    image: \"{path}\"\n"),
                );
            },
            &[
                "content/facts.yaml:8:12",
                "`image` must name a file under static/",
            ],
        );
        fails_keeping_output(
            |story| {
                story.edit(
                    ARTICLE,
                    "authors:",
                    &format!("photo: {{caption: Tunnel, src: \"{path}\"}}\nauthors:"),
                );
            },
            &[
                "content/article.md:5:",
                "`src` must name a file under static/",
            ],
        );
    }
}

#[test]
fn an_image_under_static_builds() {
    let story = Story::base();
    let picture = crate::common::jpeg(40, 30);
    story.write("static/people/berg.jpg", &picture);
    story.edit(
        FACTS,
        "    aliases: [Berg]\n",
        "    aliases: [Berg]\n    image: static/people/berg.jpg\n",
    );
    story.edit(
        ARTICLE,
        "authors:",
        "photo: {caption: Tunnel, src: people/berg.jpg}\nauthors:",
    );
    story.build().assert_ok();
    assert!(story.page().contains("src=\"people/berg.jpg\""));
    // Smaller than any resized version: the photo is the file itself.
    assert_eq!(
        std::fs::read(story.output().join("people/berg.jpg")).unwrap(),
        picture
    );
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
