//! The output folder: what may be written where (never over the inputs,
//! never into a folder the build did not write, never through a link into
//! the inputs), the exit code when it cannot be written, and atomic writing:
//! a build killed at any moment, or two builds racing, leave one whole site,
//! old or new.

use std::os::unix::fs::symlink;

use crate::common::Story;
use crate::common::broken::FACTS;

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
