//! facts.aml: ArchieML read in place of facts.yaml, its shared test suite,
//! converting a story's facts between the two forms, and the mistakes an
//! editor makes in a Google Doc.

use std::path::{Path, PathBuf};

use crate::common::repo;

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
    let expected = object
        .remove("result")
        .ok_or("the case has no `result`")?;
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
