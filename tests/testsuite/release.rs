//! Releases and what depends on their names: the release workflow's assets,
//! the Pages workflow `explainer new` gives a story (which downloads one of
//! them), `cargo binstall`'s metadata, and `--version`.
//!
//! The workflows cannot run here, so the tests read them as YAML and work
//! out what they would do: the names the upload action gives the assets
//! (`$bin-$target`, `.tar.gz` off Windows, `.zip` on it, `<archive>.sha256`
//! beside each; see taiki-e/upload-rust-binary-action's main.sh) against
//! the names the story's workflow and binstall ask for.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::common::{repo, run};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");
const UPLOAD_ACTION: &str = "taiki-e/upload-rust-binary-action@";

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).expect("the workflow parses as YAML")
}

fn text<'a>(value: &'a Value, what: &str) -> &'a str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {value}"))
}

/// A release asset: its archive and the checksum file beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Asset {
    archive: String,
    checksum: String,
}

/// What the release workflow uploads for each target of its matrix.
fn release_assets() -> BTreeMap<String, Asset> {
    let release =
        yaml(&std::fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap());
    let tags = &release["on"]["push"]["tags"];
    assert_eq!(
        tags,
        &serde_json::json!(["v*"]),
        "stories download from tag v<version>"
    );

    let jobs = release["jobs"].as_object().expect("jobs");
    let (job, step) = jobs
        .values()
        .find_map(|job| {
            let step = job["steps"].as_array()?.iter().find(|step| {
                step["uses"]
                    .as_str()
                    .is_some_and(|uses| uses.starts_with(UPLOAD_ACTION))
            })?;
            Some((job, step))
        })
        .expect("a job uploads the binaries");
    let with = &step["with"];
    let bin = text(&with["bin"], "bin");
    let archive = with["archive"].as_str().unwrap_or("$bin-$target");
    assert!(
        !archive.contains("$tag"),
        "an asset's name must follow from version and target alone"
    );
    assert_eq!(text(&with["target"], "target"), "${{ matrix.target }}");
    let checksums: Vec<&str> = text(&with["checksum"], "checksum")
        .split([',', ' '])
        .filter(|s| !s.is_empty())
        .collect();
    assert!(checksums.contains(&"sha256"), "{checksums:?}");
    // The formats the names below assume are the action's defaults, and
    // the story's workflow unpacks the binary from the archive's top.
    for input in ["tar", "tar-xz", "zip", "leading-dir", "bin-leading-dir"] {
        assert!(
            with.get(input).is_none(),
            "`{input}` changes the assets' names or layout"
        );
    }

    let targets = job["strategy"]["matrix"]["include"]
        .as_array()
        .expect("a matrix of targets");
    targets
        .iter()
        .map(|entry| {
            let target = text(&entry["target"], "target");
            let name = archive.replace("$bin", bin).replace("$target", target);
            let extension = if target.contains("-windows") {
                "zip"
            } else {
                "tar.gz"
            };
            let asset = Asset {
                archive: format!("{name}.{extension}"),
                checksum: format!("{name}.sha256"),
            };
            (target.to_owned(), asset)
        })
        .collect()
}

#[test]
fn the_release_covers_linux_macos_and_windows() {
    let targets: Vec<String> = release_assets().into_keys().collect();
    assert_eq!(
        targets,
        [
            "aarch64-apple-darwin",
            "aarch64-unknown-linux-musl",
            "x86_64-apple-darwin",
            "x86_64-pc-windows-msvc",
            "x86_64-unknown-linux-musl",
        ]
    );
}

#[test]
fn a_new_storys_workflow_downloads_what_the_release_uploads_and_compiles_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("story");
    run(&["new", root.to_str().unwrap()]).assert_ok();
    let workflow =
        yaml(&std::fs::read_to_string(root.join(".github/workflows/pages.yml")).unwrap());

    assert_eq!(
        text(&workflow["env"]["EXPLAINER_VERSION"], "EXPLAINER_VERSION"),
        VERSION,
        "pinned to the release that made the story"
    );
    let steps = workflow["jobs"]["build"]["steps"]
        .as_array()
        .expect("build steps");
    let install = steps
        .iter()
        .find(|step| step["env"].get("ARCHIVE").is_some())
        .expect("a step downloads the release");
    let env = &install["env"];
    let wanted = Asset {
        archive: text(&env["ARCHIVE"], "ARCHIVE").to_owned(),
        checksum: text(&env["CHECKSUM"], "CHECKSUM").to_owned(),
    };
    assert_eq!(
        release_assets().get("x86_64-unknown-linux-musl"),
        Some(&wanted),
        "the story downloads the x86_64 Linux asset by the name the release gives it"
    );
    assert_eq!(
        text(&env["RELEASE"], "RELEASE"),
        format!("{REPOSITORY}/releases/download/v${{{{ env.EXPLAINER_VERSION }}}}")
    );
    let script: Vec<&str> = text(&install["run"], "run").lines().collect();
    for line in [
        r#"curl --fail --location --silent --show-error --retry 3 --remote-name "$RELEASE/$ARCHIVE""#,
        r#"curl --fail --location --silent --show-error --retry 3 --remote-name "$RELEASE/$CHECKSUM""#,
        r#"sha256sum --check --strict "$CHECKSUM""#,
        r#"tar -xzf "$ARCHIVE" -C explainer-bin"#,
    ] {
        assert!(script.contains(&line), "`{line}` not in {script:#?}");
    }
    // The checksum is checked before the archive is opened.
    let at = |line: &str| script.iter().position(|l| l.starts_with(line)).unwrap();
    assert!(at("sha256sum") < at("tar "));

    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(uses.contains(&"actions/checkout@v4"));
    let checkout = steps
        .iter()
        .find(|s| s["uses"] == "actions/checkout@v4")
        .unwrap();
    assert_eq!(
        checkout["with"]["fetch-depth"], 0,
        "every past edition needs the history"
    );
    let pages = steps.iter().find(|s| s["id"] == "pages").unwrap();
    assert_eq!(pages["uses"], "actions/configure-pages@v5");
    let build = steps
        .iter()
        .find(|s| s["env"].get("EXPLAINER_BASE_URL").is_some())
        .expect("a build step with the Pages address");
    assert_eq!(
        build["env"]["EXPLAINER_BASE_URL"],
        "${{ steps.pages.outputs.base_url }}"
    );
    assert!(
        text(&build["run"], "run")
            .lines()
            .any(|l| l == "explainer build")
    );
    assert!(
        uses.iter()
            .any(|u| u.starts_with("actions/upload-pages-artifact@"))
    );
    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["steps"][0]["uses"], "actions/deploy-pages@v4");

    for step in steps {
        let words = format!("{} {}", step["uses"], step["run"]);
        for toolchain in ["cargo", "rustup", "rust-toolchain", "rustc"] {
            assert!(!words.contains(toolchain), "no Rust toolchain: {words}");
        }
    }
}

/// The URL `cargo binstall` downloads for `target`, from Cargo.toml's
/// `[package.metadata.binstall]` (read with `cargo metadata`, which reads
/// Cargo.toml as Cargo itself does), overrides applied.
fn binstall_url(package: &Value, target: &str) -> String {
    let meta = &package["metadata"]["binstall"];
    let get = |key: &str| {
        meta["overrides"][target][key]
            .as_str()
            .or_else(|| meta[key].as_str())
            .unwrap_or_else(|| panic!("no {key} for {target}"))
            .to_owned()
    };
    let suffix = match get("pkg-fmt").as_str() {
        "tgz" => ".tar.gz",
        "zip" => ".zip",
        other => panic!("pkg-fmt {other} is not what the release uploads"),
    };
    assert_eq!(
        get("bin-dir"),
        "{ bin }{ binary-ext }",
        "the binary is at the archive's top"
    );
    get("pkg-url")
        .replace("{ repo }", text(&package["repository"], "repository"))
        .replace("{ version }", VERSION)
        .replace("{ name }", text(&package["name"], "name"))
        .replace("{ target }", target)
        .replace("{ archive-suffix }", suffix)
}

#[test]
fn cargo_binstall_finds_the_release_assets() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ])
        .current_dir(repo())
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).unwrap();
    let package = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "explainer")
        .unwrap();
    assert_eq!(package["repository"], REPOSITORY);

    let assets = release_assets();
    let released = |archive: &str| format!("{REPOSITORY}/releases/download/v{VERSION}/{archive}");
    for (target, asset) in &assets {
        assert_eq!(
            binstall_url(package, target),
            released(&asset.archive),
            "{target}"
        );
    }
    // A glibc Linux machine takes the static build.
    for (gnu, musl) in [
        ("x86_64-unknown-linux-gnu", "x86_64-unknown-linux-musl"),
        ("aarch64-unknown-linux-gnu", "aarch64-unknown-linux-musl"),
    ] {
        assert_eq!(
            binstall_url(package, gnu),
            released(&assets[musl].archive),
            "{gnu}"
        );
    }
}

#[test]
fn version_names_the_release_and_the_commit_it_was_built_from() {
    let shown = run(&["--version"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    let commit = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(repo())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8(o.stdout).unwrap().trim().to_owned());
    let expected = match commit {
        Some(commit) => format!("explainer {VERSION} ({commit})\n"),
        None => format!("explainer {VERSION}\n"),
    };
    assert_eq!(shown.stdout, expected);
}
