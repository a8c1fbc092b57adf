//! `explainer --version` names the commit it was built from when it is
//! built from a git checkout of this repository: a binary found on a
//! machine, or a release asset, can then be traced to its source. Built from
//! a crates tarball, or where git is not installed, it names the version
//! alone; nothing here can fail the build. A new commit reruns this script,
//! and so recompiles this crate (never its dependencies).

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let line = match commit(&manifest_dir) {
        Some(commit) => format!("{version} ({commit})"),
        None => version,
    };
    println!("cargo:rustc-env=EXPLAINER_VERSION_LINE={line}");
}

/// The short hash of HEAD, and a rerun whenever HEAD moves; `None` outside a
/// checkout of this very folder.
fn commit(manifest_dir: &Path) -> Option<String> {
    // A crate unpacked inside some other repository (a vendored copy) must
    // not take that repository's commit for its own.
    let top = git(manifest_dir, &["rev-parse", "--show-toplevel"])?;
    if Path::new(&top).canonicalize().ok()? != manifest_dir.canonicalize().ok()? {
        return None;
    }
    // HEAD names the branch; the branch's ref (loose, or in packed-refs once
    // git packs it) moves with every commit. Only files that exist are
    // watched: Cargo reruns a script on every build for one that does not.
    let mut watched = vec![git(manifest_dir, &["rev-parse", "--git-path", "HEAD"])?];
    if let Some(branch) = git(manifest_dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.extend(git(manifest_dir, &["rev-parse", "--git-path", &branch]));
    }
    watched.extend(git(
        manifest_dir,
        &["rev-parse", "--git-path", "packed-refs"],
    ));
    for path in watched {
        let path = manifest_dir.join(path);
        if path.is_file() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    git(manifest_dir, &["rev-parse", "--short", "HEAD"])
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (output.status.success() && !text.is_empty()).then(|| text.to_owned())
}
