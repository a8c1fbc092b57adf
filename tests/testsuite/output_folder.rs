//! The output folder: what may be written where (never over the inputs,
//! never into a folder the build did not write, never through a link into
//! the inputs), the exit code when it cannot be written, and atomic writing:
//! a build killed at any moment, or two builds racing, leave one whole site,
//! old or new.

use crate::common::Story;

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
