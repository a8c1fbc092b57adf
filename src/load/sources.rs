//! The transcripts the facts name (`sources:`, each with a `file` under
//! `content/sources/`), read and parsed. Which sources there are, and
//! whether each entry is well formed, is the validate stage's to check;
//! this reads every `file` it can find in the facts' tree, so that a
//! broken transcript is told in the same run as the rest.

use std::path::Path;

use super::{FactsSource, Node, decode, io_diagnostic};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::source::{Pos, SourceFile};
use crate::transcript::{self, Cue, Format, MAX_BYTES};

/// Where transcripts live, from the story root.
pub const SOURCES_DIR: &str = "content/sources";

/// One transcript file, as the facts' `file:` names it.
#[derive(Debug, Clone)]
pub struct TranscriptSource {
    /// The `file` value as written (`rubio-riyadh-briefing.vtt`).
    pub name: String,
    pub format: Format,
    /// The file, as messages name it; `None` when it could not be read.
    pub file: Option<SourceFile>,
    /// Its cues, when it was read and parsed without a problem.
    pub cues: Option<Vec<Cue>>,
}

/// Every transcript the facts name, each read once; what is wrong with any
/// is told in `findings`, at the `file:` value for a file that cannot be
/// read, in the transcript itself for what is wrong in it.
pub fn read(root: &Path, facts: &FactsSource, findings: &mut Diagnostics) -> Vec<TranscriptSource> {
    let mut read: Vec<TranscriptSource> = Vec::new();
    let items = facts.root.field("sources").map_or(&[][..], Node::items);
    for item in items {
        let Some(node) = item.field("file") else {
            continue;
        };
        let Some(name) = node.as_str() else { continue };
        if read.iter().any(|t| t.name == name) {
            continue;
        }
        let at = |message: String, help: &str| {
            Diagnostic::at(Severity::Error, &facts.file, node.pos, message).with_help(help)
        };
        let Some(format) = Format::of(name) else {
            findings.push(at(
                format!("`{name}` is not a transcript format the build reads"),
                "give a WebVTT file (.vtt), SubRip (.srt) or plain text (.txt or .md)",
            ));
            continue;
        };
        let mut source = TranscriptSource {
            name: name.to_owned(),
            format,
            file: None,
            cues: None,
        };
        match read_one(root, name, node.pos, facts) {
            Ok(file) => {
                match transcript::parse(format, &file.text) {
                    Ok(cues) => source.cues = Some(cues),
                    Err(problems) => {
                        for problem in problems {
                            let mut diagnostic = Diagnostic::at(
                                Severity::Error,
                                &file,
                                Pos::new(problem.line, problem.column, problem.width),
                                problem.message,
                            );
                            if let Some(help) = problem.help {
                                diagnostic = diagnostic.with_help(help);
                            }
                            findings.push(diagnostic);
                        }
                    }
                }
                source.file = Some(file);
            }
            Err(diagnostic) => findings.push(diagnostic),
        }
        read.push(source);
    }
    read
}

/// The file `name` under `content/sources/`: it must stay inside that
/// folder (no `..`, no absolute path, no link out of it), exist, be at
/// most [`MAX_BYTES`] and be UTF-8.
fn read_one(
    root: &Path,
    name: &str,
    pos: Pos,
    facts: &FactsSource,
) -> Result<SourceFile, Diagnostic> {
    let at = |message: String, help: String| {
        Diagnostic::at(Severity::Error, &facts.file, pos, message).with_help(help)
    };
    let relative = format!("{SOURCES_DIR}/{name}");
    let escapes = name.starts_with('/')
        || name.contains('\\')
        || name.contains(':')
        || name
            .split('/')
            .any(|part| part == ".." || part == "." || part.is_empty());
    if escapes {
        return Err(at(
            format!("`file` must name a file under {SOURCES_DIR}/"),
            format!("write the file's name within {SOURCES_DIR}/, such as briefing.vtt"),
        ));
    }
    let folder = root.join(SOURCES_DIR);
    let path = folder.join(name);
    let metadata = match std::fs::metadata(&path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let near = std::fs::read_dir(&folder).ok().and_then(|entries| {
                let names: Vec<String> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect();
                crate::diagnostic::did_you_mean(name, names.iter().map(String::as_str))
                    .map(str::to_owned)
            });
            return Err(at(
                format!("{relative} does not exist"),
                near.map_or_else(
                    || format!("put the transcript in the story's {SOURCES_DIR}/ folder"),
                    |near| format!("did you mean `{near}`?"),
                ),
            ));
        }
        Err(error) => return Err(io_diagnostic(&relative, &path, &error)),
    };
    // A symbolic link may point anywhere: what is read must be inside.
    let inside = match (path.canonicalize(), folder.canonicalize()) {
        (Ok(file), Ok(folder)) => file.starts_with(folder),
        _ => false,
    };
    if !inside {
        return Err(at(
            format!("{relative} leads outside {SOURCES_DIR}/"),
            format!("copy the transcript into {SOURCES_DIR}/ rather than linking to it"),
        ));
    }
    if !metadata.is_file() {
        return Err(at(
            format!("{relative} is not a file"),
            "name the transcript file itself".to_owned(),
        ));
    }
    if metadata.len() > MAX_BYTES {
        return Err(at(
            format!(
                "{relative} is {} MB; a transcript may be at most {} MB",
                metadata.len() / 1_000_000,
                MAX_BYTES / 1024 / 1024
            ),
            "a transcript is the words said; keep the recording itself elsewhere and link it with `url`".to_owned(),
        ));
    }
    let bytes = std::fs::read(&path).map_err(|error| io_diagnostic(&relative, &path, &error))?;
    decode(&relative, bytes)
}
