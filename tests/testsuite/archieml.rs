//! facts.aml: ArchieML read in place of facts.yaml, its shared test suite,
//! converting a story's facts between the two forms, and the mistakes an
//! editor makes in a Google Doc.

use std::path::{Path, PathBuf};

use crate::common::{BASE_FACTS, Story, repo, run, snapshot};

/// ArchieML's shared suite (`test/1.0` of the archieml.org repository),
/// when a copy is at hand: `EXPLAINER_ARCHIEML_SUITE` names its folder, or
/// CI puts `shared/` beside the project. The suite is not part of this
/// repository.
fn suite_folder() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("EXPLAINER_ARCHIEML_SUITE") {
        return Some(PathBuf::from(dir));
    }
    let beside = repo().join("../shared/archieml/test/1.0");
    beside.is_dir().then_some(beside)
}

/// The cases ArchieML 1.0's suite has and this parser is meant to differ
/// on, with why (see README, ArchieML). None, today.
const DIFFERS_ON: &[&str] = &[];

/// One case of the suite: each `.aml` file is itself ArchieML, with a
/// `test` (what it shows) and a `result` (the JSON the rest must give).
fn run_case(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut got = explainer::archieml::parse(&text).json();
    let object = got.as_object_mut().ok_or("not an object")?;
    object.remove("test");
    let expected = object.remove("result").ok_or("the case has no `result`")?;
    let expected: serde_json::Value = serde_json::from_str(expected.as_str().unwrap_or(""))
        .map_err(|e| format!("its `result` is not JSON: {e}"))?;
    if got == expected {
        Ok(())
    } else {
        Err(format!("expected {expected}\n     got {got}"))
    }
}

#[test]
fn the_archieml_suite_passes_when_present() {
    let Some(folder) = suite_folder() else {
        println!(
            "skipped: no copy of ArchieML's test/1.0 (set EXPLAINER_ARCHIEML_SUITE, or put it at ../shared/archieml/test/1.0)"
        );
        return;
    };
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "aml"))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no .aml cases in {}", folder.display());
    let mut failures = Vec::new();
    let mut passed = 0;
    for case in &cases {
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        match run_case(case) {
            Ok(()) => passed += 1,
            Err(_) if DIFFERS_ON.contains(&name.as_str()) => {}
            Err(why) => failures.push(format!("{name}: {why}")),
        }
    }
    println!("ArchieML suite: {passed} of {} cases pass", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The base story's facts (`common::BASE_FACTS`) as an editor would write
/// them in a Google Doc.
const BASE_AML: &str = "Facts for the tunnel story. Lines like this one are notes.

[groups]
* Council
* Engineers
[]

[people]
id: tomas-berg
name: Tomas Berg
role: Mayor
group: Council
[.aliases]
* Berg
[]

id: lena-okafor
name: Lena Okafor
role: Engineer
group: Engineers
[]

[quotes]
speaker: tomas-berg
text: safe and on budget

speaker: lena-okafor
text: The lining was never tested.
[]

[timeline]
date: 2024-03-02
title: Council meeting
[.people]
* tomas-berg
[]

date: 2019
title: Tunnel approved
[]
";

const AML: &str = "content/facts.aml";

fn aml_story() -> Story {
    let story = Story::base();
    std::fs::remove_file(story.root().join("content/facts.yaml")).unwrap();
    story.write(AML, BASE_AML.as_bytes());
    story
}

#[test]
fn a_story_builds_from_facts_aml_as_from_facts_yaml() {
    let yaml = Story::base();
    yaml.build().assert_ok();
    let aml = aml_story();
    let run = aml.build();
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert_eq!(snapshot(&aml.output()), snapshot(&yaml.output()));
}

#[test]
fn what_is_known_and_not_reads_from_a_doc_as_from_yaml() {
    let yaml = Story::base();
    let facts = yaml.read("content/facts.yaml");
    yaml.write(
        "content/facts.yaml",
        format!("{facts}known:\n  - The lining was never tested.\nunknown:\n  - id: reopening\n    text: When the tunnel will reopen.\n").as_bytes(),
    );
    yaml.build().assert_ok();
    let aml = aml_story();
    let doc = aml.read(AML);
    aml.write(
        AML,
        format!("{doc}\n[known]\n* The lining was never tested.\n[]\n\n[unknown]\nid: reopening\ntext: When the tunnel will reopen.\n[]\n").as_bytes(),
    );
    aml.build().assert_ok();
    assert!(aml.page().contains("<li id=\"unknown-reopening\">"));
    assert_eq!(snapshot(&aml.output()), snapshot(&yaml.output()));
}

#[test]
fn a_story_with_both_facts_files_is_told_to_keep_one() {
    let story = aml_story();
    story.write("content/facts.yaml", BASE_FACTS.as_bytes());
    story
        .build()
        .assert_fails_with(&["content/facts.yaml and content/facts.aml", "keep one"]);
    assert!(!story.output().exists());
}

/// A mistake made in the Doc, and what the build must then say.
struct Case {
    name: &'static str,
    from: &'static str,
    to: &'static str,
    expect: &'static [&'static str],
    /// The errors the mistake makes: one, but for a misspelt key, which
    /// is also a missing one.
    errors: usize,
}

const CASES: &[Case] = &[
    Case {
        name: "misspelt key",
        from: "role: Engineer",
        to: "rloe: Engineer",
        expect: &[
            "content/facts.aml:19:1",
            "unknown field `rloe`",
            "did you mean `role`?",
        ],
        errors: 2,
    },
    Case {
        name: "bullet before a key",
        from: "name: Lena Okafor",
        to: "• name: Lena Okafor",
        expect: &[
            "content/facts.aml:18:1",
            "a `•` before `name:`",
            "delete the `•`",
        ],
        errors: 1,
    },
    Case {
        name: "hyphen before a key",
        from: "role: Mayor",
        to: "- role: Mayor",
        expect: &["content/facts.aml:11:1", "a `-` before `role:`"],
        errors: 1,
    },
    Case {
        name: "document bullet on a list item",
        from: "* Berg",
        to: "● Berg",
        expect: &[
            "content/facts.aml:14:1",
            "`●` is not a bullet ArchieML knows",
            "begin the item with `*`",
        ],
        errors: 1,
    },
    Case {
        name: "no-break space before the colon",
        from: "group: Council",
        to: "group\u{a0}: Council",
        expect: &[
            "content/facts.aml:12:6",
            "a no-break space (U+00A0) in `group:`",
            "retype the space",
        ],
        errors: 1,
    },
    Case {
        name: "zero-width space in a list's line",
        from: "[quotes]",
        to: "[\u{200b}quotes]",
        expect: &[
            "content/facts.aml:23:2",
            "a zero-width space (U+200B) in `[quotes]`",
        ],
        errors: 1,
    },
    Case {
        name: "smart quotes around a key",
        from: "title: Council meeting",
        to: "“title”: Council meeting",
        expect: &[
            "content/facts.aml:33:1",
            "the key `“title”` is in quotes",
            "write the key bare: `title:`",
        ],
        errors: 1,
    },
    Case {
        name: "a list of items left open",
        from: "* Berg\n[]\n",
        to: "* Berg\n",
        expect: &[
            "content/facts.aml:16:1",
            "`id:` is inside `aliases`, a list of `*` items",
            "end the list with a `[]` line",
        ],
        errors: 1,
    },
    Case {
        name: "a key written twice",
        from: "[groups]",
        to: "groups: Council\ngroups: Engineers\n[groups]",
        expect: &[
            "content/facts.aml:4:1",
            "`groups` is written a second time here",
        ],
        errors: 1,
    },
];

#[test]
fn every_mistake_made_in_a_doc_is_located_and_the_last_good_output_survives() {
    let story = aml_story();
    story.build().assert_ok();
    let good_output = snapshot(&story.output());
    let mut failures = Vec::new();
    for case in CASES {
        story.edit(AML, case.from, case.to);
        let run = story.build();
        let missing: Vec<_> = case
            .expect
            .iter()
            .filter(|e| !run.stderr.contains(*e))
            .collect();
        let count = if case.errors == 1 {
            "Build failed: 1 error;".to_owned()
        } else {
            format!("Build failed: {} errors;", case.errors)
        };
        let counted = run.stderr.contains(&count);
        if run.code != 1 || !missing.is_empty() || !counted {
            failures.push(format!(
                "{}: exit {} (want 1), {count} {counted}, missing {missing:?} in:\n{}",
                case.name, run.code, run.stderr
            ));
        }
        if snapshot(&story.output()) != good_output {
            failures.push(format!("{}: the last good output changed", case.name));
        }
        story.write(AML, BASE_AML.as_bytes());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn mistakes_that_lose_no_fact_are_warned_of_and_the_page_is_the_same() {
    let good = aml_story();
    good.build().assert_ok();
    for (from, to, expect) in [
        (
            "title: Tunnel approved\n",
            "title: Tunnel approved\nafter a vote of the council\n",
            &[
                "warning: this line is not part of `title`",
                "content/facts.aml:40:1",
                "put `:end` on a line of its own",
            ][..],
        ),
        (
            "id: lena-okafor\nname: Lena Okafor\n",
            "name: Lena Okafor\nid: lena-okafor\n",
            &[
                "warning: `name:` again",
                "content/facts.aml:17:1",
                "begin each item with `id:`",
            ][..],
        ),
    ] {
        let story = aml_story();
        story.edit(AML, from, to);
        let run = story.build();
        run.assert_ok();
        for e in expect {
            assert!(
                run.stderr.contains(e),
                "`{e}` missing from:\n{}",
                run.stderr
            );
        }
        assert_eq!(snapshot(&story.output()), snapshot(&good.output()));
    }
}

/// `export-facts` into a file, and what it said.
fn export(root: &Path, format: &str, output: &Path) -> crate::common::Run {
    run(&[
        "export-facts",
        "--format",
        format,
        "--root",
        root.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ])
}

#[test]
fn the_shipped_story_converted_to_archieml_and_back_builds_the_same_page_byte_for_byte() {
    let yaml = Story::copy_of(".");
    yaml.build().assert_ok();
    let expected = snapshot(&yaml.output());
    assert!(expected.len() > 3);

    let aml = Story::copy_of(".");
    std::fs::remove_file(aml.root().join("content/facts.yaml")).unwrap();
    export(yaml.root(), "aml", &aml.root().join(AML)).assert_ok();
    aml.build().assert_ok();
    assert_eq!(
        snapshot(&aml.output()),
        expected,
        "facts.aml builds another site"
    );

    let back = Story::copy_of(".");
    let converted = export(
        aml.root(),
        "yaml",
        &back.root().join("content/converted.yaml"),
    );
    converted.assert_ok();
    std::fs::rename(
        back.root().join("content/converted.yaml"),
        back.root().join("content/facts.yaml"),
    )
    .unwrap();
    back.build().assert_ok();
    assert_eq!(
        snapshot(&back.output()),
        expected,
        "the YAML converted back builds another site"
    );

    // Printed, the conversion is the same text.
    let printed = run(&[
        "export-facts",
        "--format",
        "aml",
        "--root",
        yaml.root().to_str().unwrap(),
    ]);
    assert_eq!(printed.code, 0, "{}", printed.stderr);
    assert_eq!(printed.stdout, aml.read(AML));
}

#[test]
fn export_never_overwrites_an_input_of_the_story() {
    let story = aml_story();
    let root = story.root();
    for input in [AML, "content/article.md"] {
        let refused = export(root, "yaml", &root.join(input));
        assert_eq!(refused.code, 2, "{}", refused.stderr);
        assert!(
            refused.stderr.contains("refusing to overwrite"),
            "{}",
            refused.stderr
        );
    }
    assert_eq!(story.read(AML), BASE_AML);
    let bad = run(&[
        "export-facts",
        "--format",
        "toml",
        "--root",
        root.to_str().unwrap(),
    ]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("use `aml` or `yaml`"), "{}", bad.stderr);
    // Facts with mistakes are not converted: the repairs would go unseen.
    story.edit(AML, "name: Lena Okafor", "• name: Lena Okafor");
    let broken = run(&[
        "export-facts",
        "--format",
        "yaml",
        "--root",
        root.to_str().unwrap(),
    ]);
    assert_eq!(broken.code, 1);
    assert!(
        broken.stderr.contains("content/facts.aml:18:1"),
        "{}",
        broken.stderr
    );
    assert!(broken.stdout.is_empty());
}

#[test]
fn a_draft_in_archieml_builds_as_it_is() {
    let story = Story::base();
    std::fs::remove_file(story.root().join("content/facts.yaml")).unwrap();
    let root = story.root().to_str().unwrap();
    let drafted = run(&["draft", "--root", root, "--format", "aml"]);
    assert_eq!(drafted.code, 0, "{}", drafted.stderr);
    assert!(
        drafted
            .stdout
            .contains("[people]\nid: tomas-berg\nname: Tomas Berg"),
        "{}",
        drafted.stdout
    );
    story.write(AML, drafted.stdout.as_bytes());
    let built = story.build();
    built.assert_ok();
    assert!(
        !built.stderr.contains("warning: this line"),
        "{}",
        built.stderr
    );
    // With facts.aml there, a draft is ArchieML unless told otherwise, and
    // never written over it.
    let again = run(&["draft", "--root", root]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("[people]"), "{}", again.stdout);
    let refused = run(&[
        "draft",
        "--root",
        root,
        "--output",
        story.root().join(AML).to_str().unwrap(),
    ]);
    assert_eq!(refused.code, 2);
    assert!(
        refused
            .stderr
            .contains("refusing to overwrite content/facts.aml"),
        "{}",
        refused.stderr
    );
}
