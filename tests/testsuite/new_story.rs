//! `explainer new`: a new story holds only what an editor writes, builds as
//! it is, and an occupied folder is refused.

use crate::common::{run_in, snapshot};

#[test]
fn a_new_story_holds_only_what_an_editor_writes_builds_as_it_is_and_an_occupied_folder_is_refused()
{
    // As the README has it: `explainer new ../next-story`, then a build
    // with `--root ../next-story`, from the folder beside it.
    let dir = tempfile::tempdir().unwrap();
    let here = dir.path().join("here");
    std::fs::create_dir(&here).unwrap();
    let created = run_in(&here, &["new", "../next-story"]);
    assert_eq!(created.code, 0, "{}", created.stderr);
    let root = dir.path().join("next-story");
    let files: Vec<String> = snapshot(&root)
        .keys()
        .map(|p| p.to_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(
        files,
        [
            ".github/workflows/pages.yml",
            ".gitignore",
            "README.md",
            "content/article.md",
            "content/facts.yaml",
        ],
        "the templates and static files stay built in"
    );
    for file in &files {
        assert!(created.stderr.contains(file.as_str()), "{}", created.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(root.join(".gitignore")).unwrap(),
        "/public\n/.cache\n"
    );
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("explainer {}", env!("CARGO_PKG_VERSION"))),
        "{readme}"
    );

    let built = run_in(&here, &["build", "--root", "../next-story"]);
    built.assert_ok();
    assert!(!built.stderr.contains("warning"), "{}", built.stderr);
    assert!(
        built.stderr.contains("Built ../next-story/public"),
        "{}",
        built.stderr
    );
    assert!(root.join("public/style.css").is_file());

    let again = run_in(&here, &["new", "../next-story"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("not empty"));
    assert_eq!(
        std::fs::read_to_string(root.join("README.md")).unwrap(),
        readme,
        "a refused `new` writes nothing"
    );
}
