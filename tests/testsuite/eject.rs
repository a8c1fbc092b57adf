//! `explainer eject`, and the note a build gives when a copied default has
//! fallen behind the built-in.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::common::{Run, Story, repo, run, snapshot};

const MANIFEST: &str = ".explainer-ejected";

fn new_story() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("story");
    run(&["new", root.to_str().unwrap()]).assert_ok();
    (dir, root)
}

fn eject(root: &Path, args: &[&str]) -> Run {
    let mut all = vec!["eject", "--root", root.to_str().unwrap()];
    all.extend(args);
    run(&all)
}

fn build(root: &Path) -> Run {
    let built = run(&["build", "--root", root.to_str().unwrap()]);
    built.assert_ok();
    built
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every file of this repository's `templates/` and `static/`, which are the
/// built-in ones, by path from a root.
/// The built-in files a story uses: not `templates/site/`, the templates
/// of a site's own pages, which no story has.
fn defaults() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for folder in ["templates", "static"] {
        for (path, bytes) in snapshot(&repo().join(folder)) {
            if folder == "templates" && path.starts_with("site") {
                continue;
            }
            files.push((format!("{folder}/{}", path.to_str().unwrap()), bytes));
        }
    }
    files
}

/// The manifest's records, as (path, hash).
fn records(root: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(root.join(MANIFEST))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let (hash, path) = l.split_once("  ").expect("`<sha256>  <path>`");
            (path.to_owned(), hash.to_owned())
        })
        .collect()
}

#[test]
fn eject_copies_every_default_and_the_site_stays_byte_for_byte_the_same() {
    let (_dir, root) = new_story();
    build(&root);
    let before = snapshot(&root.join("public"));

    let ejected = eject(&root, &[]);
    assert_eq!(ejected.code, 0, "{}", ejected.stderr);
    let defaults = defaults();
    assert_eq!(defaults.len(), 20);
    for (path, bytes) in &defaults {
        assert_eq!(&std::fs::read(root.join(path)).unwrap(), bytes, "{path}");
        let shown = root.join(path).display().to_string();
        assert!(
            ejected.stderr.contains(&format!("Copied {shown}\n")),
            "{}",
            ejected.stderr
        );
    }
    let mut wanted: Vec<(String, String)> = defaults
        .iter()
        .map(|(p, b)| (p.clone(), sha256(b)))
        .collect();
    wanted.sort();
    assert_eq!(records(&root), wanted);

    build(&root);
    assert_eq!(
        snapshot(&root.join("public")),
        before,
        "a copy of a default is the default"
    );

    // A second eject finds every file already there and changes nothing.
    let manifest = std::fs::read(root.join(MANIFEST)).unwrap();
    let again = eject(&root, &[]);
    assert_eq!(again.code, 0);
    assert_eq!(
        again.stderr.matches("Already the built-in: ").count(),
        20,
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read(root.join(MANIFEST)).unwrap(), manifest);
}

#[test]
fn eject_copies_the_named_files_by_path_or_bare_name() {
    let (_dir, root) = new_story();
    let ejected = eject(
        &root,
        &["style.css", "templates/quote.html", "static/style.css"],
    );
    assert_eq!(ejected.code, 0, "{}", ejected.stderr);
    let mut written: Vec<String> = snapshot(&root)
        .into_keys()
        .map(|p| p.to_str().unwrap().replace('\\', "/"))
        .filter(|p| p.starts_with("templates/") || p.starts_with("static/"))
        .collect();
    written.sort();
    assert_eq!(written, ["static/style.css", "templates/quote.html"]);
    let paths: Vec<String> = records(&root).into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, ["static/style.css", "templates/quote.html"]);
    assert_eq!(
        ejected.stderr.matches("Copied ").count(),
        2,
        "{}",
        ejected.stderr
    );
}

#[test]
fn eject_leaves_an_edited_file_unless_forced_and_says_so() {
    let (_dir, root) = new_story();
    eject(&root, &["style.css", "quote.html"]).assert_ok();
    let css = root.join("static/style.css");
    let edited = format!(
        "{}\n.mine {{ color: red }}\n",
        std::fs::read_to_string(&css).unwrap()
    );
    std::fs::write(&css, &edited).unwrap();

    let kept = eject(&root, &[]);
    assert_eq!(kept.code, 0, "{}", kept.stderr);
    assert!(
        kept.stderr.contains(&format!(
            "Skipped {}: it differs from the built-in (--force replaces it)",
            css.display()
        )),
        "{}",
        kept.stderr
    );
    assert_eq!(
        kept.stderr.matches("Copied ").count(),
        18,
        "{}",
        kept.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&css).unwrap(),
        edited,
        "an edit is never lost"
    );

    let forced = eject(&root, &["--force", "style.css"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(forced.stderr.trim(), format!("Replaced {}", css.display()));
    assert_eq!(
        std::fs::read(&css).unwrap(),
        std::fs::read(repo().join("static/style.css")).unwrap()
    );
}

#[test]
fn eject_refuses_a_folder_that_is_no_story_root_and_names_that_are_no_default() {
    let dir = tempfile::tempdir().unwrap();
    let refused = eject(dir.path(), &[]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("the story root has no content/ folder"),
        "{}",
        refused.stderr
    );
    assert!(snapshot(dir.path()).is_empty(), "nothing is written");

    let (_dir, root) = new_story();
    let before = snapshot(&root);
    let wrong = eject(
        &root,
        &[
            "styel.css",
            "templates/quote.htm",
            "site.webmanifest",
            "style.css",
        ],
    );
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
    for (name, help) in [
        ("styel.css", "did you mean `style.css`?"),
        (
            "templates/quote.htm",
            "did you mean `templates/quote.html`?",
        ),
        (
            "site.webmanifest",
            "name one of them, or give no name to copy them all",
        ),
    ] {
        let at = wrong
            .stderr
            .find(&format!("--> {name}\n"))
            .unwrap_or_else(|| panic!("{name} not reported:\n{}", wrong.stderr));
        assert!(
            wrong.stderr[at..].contains(help),
            "{name}: {}",
            wrong.stderr
        );
    }
    assert_eq!(
        wrong
            .stderr
            .matches("no built-in template or static file has this name")
            .count(),
        3
    );
    assert_eq!(snapshot(&root), before, "not even the good name is copied");

    let flag = run(&["eject", "--froce"]);
    assert_eq!(flag.code, 2);
}

/// What a story that ejected from an earlier release has: copies of that
/// release's built-ins, recorded with their hashes.
fn as_if_ejected_from_an_earlier_release(root: &Path, files: &[(&str, &str)]) {
    let mut manifest = String::from("# an earlier release's record\n");
    for (path, old) in files {
        std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        std::fs::write(root.join(path), old).unwrap();
        manifest.push_str(&format!("{}  {path}\n", sha256(old.as_bytes())));
    }
    std::fs::write(root.join(MANIFEST), manifest).unwrap();
}

fn built_in(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap()
}

#[test]
fn a_copy_whose_built_in_has_changed_since_is_noted_once() {
    let (_dir, root) = new_story();
    let old_quote = format!(
        "{{# quote.html as an earlier release had it #}}\n{}",
        built_in("templates/quote.html")
    );
    let old_css = format!(
        "{}\n/* an earlier release's rule */\n",
        built_in("static/style.css")
    );
    as_if_ejected_from_an_earlier_release(
        &root,
        &[
            ("templates/quote.html", &old_quote),
            ("static/style.css", &old_css),
        ],
    );
    // The editor changed the stylesheet after copying it.
    std::fs::write(
        root.join("static/style.css"),
        format!("{old_css}.mine {{}}\n"),
    )
    .unwrap();

    let built = build(&root);
    let notes: Vec<&str> = built
        .stderr
        .lines()
        .filter(|l| l.starts_with("note: the built-in"))
        .collect();
    assert_eq!(
        notes,
        [format!(
            "note: the built-in static/style.css, templates/quote.html have changed since they were \
             copied into this story (.explainer-ejected), and the build uses this story's copies as \
             they are: `explainer eject --root {0} --force static/style.css templates/quote.html` \
             takes the new ones, and `git diff` then shows what changed (templates/quote.html was \
             never edited here: nothing of yours is lost there)",
            root.display()
        )
        .as_str()],
        "{}",
        built.stderr
    );
    // The copies are what the build used.
    assert!(
        std::fs::read_to_string(root.join("public/style.css"))
            .unwrap()
            .contains(".mine")
    );

    // Following the note: the copies become the built-ins, and the note goes.
    eject(
        &root,
        &["--force", "static/style.css", "templates/quote.html"],
    )
    .assert_ok();
    let built = build(&root);
    assert!(
        !built.stderr.contains("note: the built-in"),
        "{}",
        built.stderr
    );
}

#[test]
fn no_note_for_a_copy_the_editor_changed_on_this_release_or_one_already_up_to_date() {
    let (_dir, root) = new_story();
    eject(&root, &["style.css", "quote.html"]).assert_ok();
    // Edited after an eject from this very release: the built-in has not
    // moved since, so there is nothing to catch up with.
    let css = root.join("static/style.css");
    std::fs::write(
        &css,
        format!("{}\n.mine {{}}\n", built_in("static/style.css")),
    )
    .unwrap();
    let built = build(&root);
    assert!(
        !built.stderr.contains("note: the built-in"),
        "{}",
        built.stderr
    );

    // Recorded from an earlier release, but the copy is today's built-in.
    as_if_ejected_from_an_earlier_release(&root, &[("templates/quote.html", "{# old #}")]);
    std::fs::write(
        root.join("templates/quote.html"),
        built_in("templates/quote.html"),
    )
    .unwrap();
    let built = build(&root);
    assert!(
        !built.stderr.contains("note: the built-in"),
        "{}",
        built.stderr
    );

    // A record the build cannot read is pointed at, and does no harm.
    std::fs::write(root.join(MANIFEST), "# a record\nnot a record\n").unwrap();
    let built = build(&root);
    assert!(
        built
            .stderr
            .contains("note: .explainer-ejected:2: not a line `explainer eject` writes"),
        "{}",
        built.stderr
    );
}

#[test]
fn this_repository_whose_own_folders_are_the_defaults_gets_no_note() {
    let story = Story::copy_of(".");
    assert!(story.root().join("templates/index.html").is_file());
    let built = story.build();
    built.assert_ok();
    assert!(
        !built.stderr.contains("note: the built-in"),
        "{}",
        built.stderr
    );
    assert!(!built.stderr.contains(MANIFEST), "{}", built.stderr);
}

#[cfg(unix)]
#[test]
fn eject_never_writes_through_a_link_out_of_the_root() {
    let (dir, root) = new_story();
    let outside = dir.path().join("outside.css");
    std::fs::write(&outside, "/* not the story's */").unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("static/style.css")).unwrap();
    let forced = eject(&root, &["--force", "style.css"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "/* not the story's */"
    );
    let css = root.join("static/style.css");
    assert!(
        !std::fs::symlink_metadata(&css)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read(&css).unwrap(),
        std::fs::read(repo().join("static/style.css")).unwrap()
    );

    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, root.join("templates")).unwrap();
    let refused = eject(&root, &["quote.html"]);
    assert_eq!(refused.code, 3, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("linked from outside the story root"),
        "{}",
        refused.stderr
    );
    assert!(snapshot(&elsewhere).is_empty());
}
