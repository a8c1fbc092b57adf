//! `explainer eject`: copy built-in templates and static files into a story
//! root, for an editor who wants to change the look. A copy takes the
//! built-in's place in every later build, so it is made only when asked
//! for, never over an edited file unless forced, and recorded with the
//! built-in's hash in `.explainer-ejected` so that a build can say when a
//! later release has changed the built-in under it (see
//! [`crate::load::ejected`]).

use std::path::Path;

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::load::ejected::{self, BuiltIn, MANIFEST, Record};

/// What to do with a root's file that differs from the built-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    /// Leave it, and say so.
    Keep,
    /// Replace it with the built-in (`--force`).
    Replace,
}

/// What an eject did, file by file (paths from the story root).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Ejected {
    /// Copied where there was no file.
    pub written: Vec<String>,
    /// There already, byte for byte the built-in.
    pub unchanged: Vec<String>,
    /// A different file, replaced (`--force`).
    pub replaced: Vec<String>,
    /// A different file, left as it was.
    pub skipped: Vec<String>,
}

/// Why nothing, or not everything, was copied: the command was wrong
/// (exit 2; nothing was written), or a file could not be written (exit 3).
#[derive(Debug)]
pub enum Failure {
    Usage(Vec<Diagnostic>),
    Output(Diagnostic),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Output(_) => 3,
        }
    }
}

/// Copy the built-in files `names` names (all of them when it is empty) into
/// `root`. Every name is checked before anything is written, and every
/// wrong one is reported.
pub fn eject(root: &Path, names: &[String], edited: Edited) -> Result<Ejected, Failure> {
    let mut problems = Vec::new();
    if let Err(crate::Failure::Usage(diagnostic)) = crate::root::check_root(root) {
        problems.push(diagnostic);
    }
    let built_ins = ejected::built_ins();
    let chosen: Vec<&BuiltIn> = if names.is_empty() {
        built_ins.iter().collect()
    } else {
        let mut chosen = Vec::new();
        for name in names {
            match resolve(name, &built_ins) {
                Ok(built_in) if chosen.iter().any(|c: &&BuiltIn| c.path == built_in.path) => {}
                Ok(built_in) => chosen.push(built_in),
                Err(problem) => problems.push(problem),
            }
        }
        chosen
    };
    if !problems.is_empty() {
        return Err(Failure::Usage(problems));
    }

    let (mut records, _) = ejected::read(root);
    let recorded = sorted(records.clone());
    let mut done = Ejected::default();
    for built_in in chosen {
        let existing = match std::fs::read(root.join(&built_in.path)) {
            Ok(bytes) => Some(bytes),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => return Err(Failure::Output(cannot(root, &built_in.path, &error))),
        };
        let list = match existing {
            Some(bytes) if bytes == built_in.bytes => &mut done.unchanged,
            Some(_) if edited == Edited::Keep => {
                done.skipped.push(built_in.path.clone());
                continue;
            }
            Some(_) => {
                write(root, &built_in.path, built_in.bytes)?;
                &mut done.replaced
            }
            None => {
                write(root, &built_in.path, built_in.bytes)?;
                &mut done.written
            }
        };
        list.push(built_in.path.clone());
        records.retain(|r| r.path != built_in.path);
        records.push(Record {
            path: built_in.path.clone(),
            sha256: ejected::sha256(built_in.bytes),
        });
    }
    let records = sorted(records);
    if records != recorded {
        write(root, MANIFEST, ejected::render(&records).as_bytes())?;
    }
    Ok(done)
}

fn sorted(mut records: Vec<Record>) -> Vec<Record> {
    records.sort_by(|a, b| a.path.cmp(&b.path));
    records
}

/// The built-in a name means: its path from the root (`templates/index.html`,
/// `static/style.css`) or, where only one has it, its bare file name.
fn resolve<'a>(name: &str, built_ins: &'a [BuiltIn]) -> Result<&'a BuiltIn, Diagnostic> {
    let wanted = name.replace('\\', "/");
    let wanted = wanted.trim_start_matches("./");
    if let Some(exact) = built_ins.iter().find(|b| b.path == wanted) {
        return Ok(exact);
    }
    let bare: Vec<&BuiltIn> = built_ins
        .iter()
        .filter(|b| b.path.rsplit('/').next() == Some(wanted))
        .collect();
    match bare.as_slice() {
        [one] => Ok(one),
        [] => {
            let candidates = built_ins.iter().flat_map(|b| {
                let file = b.path.rsplit('/').next().unwrap_or(&b.path);
                [b.path.as_str(), file]
            });
            let known = built_ins
                .iter()
                .map(|b| b.path.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let problem =
                Diagnostic::file_error(name, "no built-in template or static file has this name")
                    .with_note(format!("the built-in files are {known}"));
            Err(match did_you_mean(wanted, candidates) {
                Some(close) => problem.with_help(format!("did you mean `{close}`?")),
                None => problem.with_help("name one of them, or give no name to copy them all"),
            })
        }
        several => Err(Diagnostic::file_error(
            name,
            format!(
                "more than one built-in file has this name: {}",
                several
                    .iter()
                    .map(|b| b.path.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .with_help("name it with its folder")),
    }
}

fn write(root: &Path, relative: &str, bytes: &[u8]) -> Result<(), Failure> {
    let path = root.join(relative);
    let failed = |error: std::io::Error| Failure::Output(cannot(root, relative, &error));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(failed)?;
        // The build publishes nothing from a folder linked in from outside
        // the root, and eject writes nothing there either.
        let inside = parent.canonicalize().map_err(failed)?;
        if !inside.starts_with(root.canonicalize().map_err(failed)?) {
            return Err(Failure::Output(
                Diagnostic::file_error(
                    path.display().to_string(),
                    "is in a folder linked from outside the story root: nothing is written there",
                )
                .with_help("make the folder a real one inside the story"),
            ));
        }
    }
    // A symbolic link is replaced by the file, never written through.
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        std::fs::remove_file(&path).map_err(failed)?;
    }
    std::fs::write(&path, bytes).map_err(failed)
}

fn cannot(root: &Path, relative: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::file_error(
        root.join(relative).display().to_string(),
        format!("cannot write: {error}"),
    )
}
