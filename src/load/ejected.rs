//! `.explainer-ejected`: which built-in templates and static files
//! `explainer eject` copied into a story root, each with the SHA-256 of the
//! built-in as it was copied.
//!
//! A root's copy of a default takes the default's place, so it also stops
//! the story from receiving the next release's fix to that file. The file's
//! age on disk cannot say whether the copy is older than the built-in (git
//! sets every checkout's times to now); the hash recorded at the copy can:
//! when the built-in's hash is no longer the recorded one, the built-in has
//! changed since, and a copy that differs from the new built-in has drifted.
//! A root with no record (this repository, whose `templates/` and `static/`
//! are the defaults themselves, or a copy made by hand) is never told
//! anything: nothing says its files were ever the built-ins.

use std::fmt::Write as _;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::theme::{DEFAULT_STATIC, DEFAULT_TEMPLATES};

/// The record's name, in the story root.
pub const MANIFEST: &str = ".explainer-ejected";

/// One copied file: its path from the story root (`templates/index.html`,
/// `static/style.css`) and the SHA-256 of the built-in it was copied from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub path: String,
    pub sha256: String,
}

/// A built-in file as `eject` copies it: its path from the story root, and
/// its bytes as this repository's `templates/` and `static/` hold them (the
/// scripts unminified: they are to be read and changed).
#[derive(Debug, Clone)]
pub struct BuiltIn {
    pub path: String,
    pub bytes: &'static [u8],
}

/// Every built-in file, templates first, each in the order of its list.
pub fn built_ins() -> Vec<BuiltIn> {
    let templates = DEFAULT_TEMPLATES.iter().map(|(name, text)| BuiltIn {
        path: format!("templates/{name}"),
        bytes: text.as_bytes(),
    });
    let statics = DEFAULT_STATIC.iter().map(|(name, bytes)| BuiltIn {
        path: format!("static/{name}"),
        bytes,
    });
    templates.chain(statics).collect()
}

pub fn sha256(bytes: &[u8]) -> String {
    crate::cache::hex(&Sha256::digest(bytes))
}

/// The records in the root's manifest (none when it has none), and a line
/// for each line of it that is not a record, with its line number.
pub fn read(root: &Path) -> (Vec<Record>, Vec<String>) {
    match std::fs::read_to_string(root.join(MANIFEST)) {
        Ok(text) => parse(&text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => (Vec::new(), Vec::new()),
        Err(error) => (
            Vec::new(),
            vec![format!(
                "{MANIFEST}: cannot be read ({error}); it is ignored"
            )],
        ),
    }
}

fn parse(text: &str) -> (Vec<Record>, Vec<String>) {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let record = line
            .split_once(char::is_whitespace)
            .and_then(|(hash, path)| {
                let is_hash = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
                let path = path.trim();
                (is_hash && !path.is_empty()).then(|| Record {
                    path: path.to_owned(),
                    sha256: hash.to_ascii_lowercase(),
                })
            });
        match record {
            Some(record) => records.push(record),
            None => problems.push(format!(
                "{MANIFEST}:{}: not a line `explainer eject` writes (`<sha256>  <path>`); it is ignored",
                index + 1
            )),
        }
    }
    (records, problems)
}

/// The manifest's text: a comment saying what it is, then one
/// `<sha256>  <path>` line per record, by path, so that it diffs well.
pub fn render(records: &[Record]) -> String {
    let mut records = records.to_vec();
    records.sort_by(|a, b| a.path.cmp(&b.path));
    records.dedup_by(|a, b| a.path == b.path);
    let mut text = format!(
        "# Written by `explainer eject` (explainer {}): the SHA-256 of each\n\
         # built-in file as it was copied here, which tells a build when a later\n\
         # release has changed the built-in. Keep it in git with the copies.\n",
        env!("CARGO_PKG_VERSION")
    );
    for record in &records {
        let _ = writeln!(text, "{}  {}", record.sha256, record.path);
    }
    text
}

/// What the build tells the editor about the root's copies: one note
/// naming every copy whose built-in has changed since it was copied and
/// which differs from the built-in now, and a note for each line of the
/// manifest that is not a record.
pub fn drift_notes(root: &Path) -> Vec<String> {
    let (records, mut notes) = read(root);
    let built_ins = built_ins();
    let mut drifted = Vec::new();
    let mut untouched = Vec::new();
    for record in &records {
        let Some(built_in) = built_ins.iter().find(|b| b.path == record.path) else {
            continue;
        };
        if sha256(built_in.bytes) == record.sha256 {
            continue;
        }
        // A copy since deleted leaves the built-in in use; one that is the
        // new built-in already has nothing to catch up with.
        let Ok(copy) = std::fs::read(root.join(&record.path)) else {
            continue;
        };
        if copy == built_in.bytes {
            continue;
        }
        if sha256(&copy) == record.sha256 {
            untouched.push(record.path.as_str());
        }
        drifted.push(record.path.as_str());
    }
    drifted.sort_unstable();
    untouched.sort_unstable();
    if !drifted.is_empty() {
        notes.insert(0, drift_note(root, &drifted, &untouched));
    }
    notes
}

fn drift_note(root: &Path, drifted: &[&str], untouched: &[&str]) -> String {
    let (they, have, copies) = if drifted.len() == 1 {
        ("it was", "has", "this story's copy")
    } else {
        ("they were", "have", "this story's copies")
    };
    let root_flag = if root.as_os_str().is_empty() || root == Path::new(".") {
        String::new()
    } else {
        format!(" --root {}", root.display())
    };
    let mut note = format!(
        "the built-in {} {have} changed since {they} copied into this story ({MANIFEST}), \
         and the build uses {copies} as they are: `explainer eject{root_flag} --force {}` \
         takes the new {}, and `git diff` then shows what changed",
        drifted.join(", "),
        drifted.join(" "),
        if drifted.len() == 1 { "one" } else { "ones" },
    );
    if !untouched.is_empty() {
        let _ = write!(
            note,
            " ({} {} never edited here: nothing of yours is lost there)",
            untouched.join(", "),
            if untouched.len() == 1 { "was" } else { "were" }
        );
    }
    note
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rendered_manifest_reads_back_and_bad_lines_are_located() {
        let records = vec![
            Record {
                path: "static/style.css".into(),
                sha256: "ab".repeat(32),
            },
            Record {
                path: "templates/index.html".into(),
                sha256: "cd".repeat(32),
            },
        ];
        let text = render(&records);
        assert_eq!(parse(&text), (records, Vec::new()));

        let (read, problems) = parse(&format!("{text}not a hash  static/x.css\n"));
        assert_eq!(read.len(), 2);
        assert_eq!(
            problems,
            [format!(
                "{MANIFEST}:6: not a line `explainer eject` writes (`<sha256>  <path>`); it is ignored"
            )]
        );
    }
}
