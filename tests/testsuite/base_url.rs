//! The base URL, the address the site is published at: given by
//! `--base-url` or `EXPLAINER_BASE_URL` (empty is none), refused with what
//! to write instead when it is no folder's address, and without one nothing
//! absolute is invented.

use crate::common::{Story, run_in_with_env};

#[test]
fn an_empty_base_url_variable_is_no_base_url() {
    let story = Story::base();
    let root = story.root().to_str().unwrap();
    let run = run_in_with_env(
        story.root(),
        &["build", "--root", root],
        ("EXPLAINER_BASE_URL", ""),
    );
    run.assert_ok();
    // No base URL: no feed, as when the variable is not set at all.
    assert!(!story.output().join("feed.xml").exists());
    assert!(story.output().join("index.html").is_file());
}

#[test]
fn a_base_url_with_a_space_says_the_space_is_the_problem() {
    let story = Story::base();
    let run = crate::common::run(&[
        "build",
        "--root",
        story.root().to_str().unwrap(),
        "--base-url",
        "https://user.github.io/my story/",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "`https://user.github.io/my story/` has a space in it (after `https://user.github.io/my`)"
        ) && run.stderr.contains("%20"),
        "{}",
        run.stderr
    );
}

/// A base URL is a folder every address is made from: what would land in
/// the middle of each address, or publish a password, is a usage error that
/// says what to write instead, and nothing is built.
#[test]
fn a_base_url_that_is_not_a_folder_says_what_to_write() {
    let story = Story::base();
    for (given, says) in [
        (
            "https://x.io/repo/?utm=1",
            "give the folder the site is published at: https://x.io/repo/",
        ),
        ("https://x.io/repo/#frag", "has a fragment (`#frag`)"),
        (
            "https://x.io/repo/index.html",
            "ends in a file name (`index.html`)",
        ),
        ("https://x.io/a%zz/", "has a broken escape (`%zz`)"),
        (
            "https://ed:secret@x.io/repo/",
            "without them: https://x.io/repo/",
        ),
        ("https://bücher.example/", "https://xn--bcher-kva.example/"),
    ] {
        let run = story.build_at(given);
        assert_eq!(run.code, 2, "{given}: {}", run.stderr);
        assert!(
            run.stderr.contains("--base-url") && run.stderr.contains(says),
            "{given}: {}",
            run.stderr
        );
        assert!(!story.output().exists(), "{given} built a site");
    }
    // A path outside ASCII is escaped as a browser sends it.
    story.build_at("https://x.io/café").assert_ok();
    let sitemap = std::fs::read_to_string(story.output().join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://x.io/caf%C3%A9/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn without_a_base_url_nothing_absolute_is_invented() {
    let story = Story::base();
    story.build().assert_ok();
    for file in ["feed.xml", "sitemap.xml"] {
        assert!(
            !story.output().join(file).exists(),
            "{file} needs a base URL"
        );
    }
    let page = story.page();
    assert!(!page.contains("rel=\"canonical\""));
    assert!(!page.contains("og:url"));
    assert!(!story.read("public/robots.txt").contains("Sitemap:"));
    assert!(story.read("public/404.html").contains("<a href=\"./\">"));
}
