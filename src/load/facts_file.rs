//! Which file holds a story's facts: `content/facts.yaml`, or
//! `content/facts.aml` (ArchieML, as written in a Google Doc). Both read
//! into the same positioned tree, so the checks, and every line and column
//! they report, are the same for either; only the file's name differs.

use std::path::Path;

use super::FactsSource;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

pub const YAML_PATH: &str = "content/facts.yaml";
pub const AML_PATH: &str = "content/facts.aml";

/// The two forms the facts may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    ArchieMl,
}

impl Format {
    /// The file a story holds its facts in, in this form.
    pub fn path(self) -> &'static str {
        match self {
            Format::Yaml => YAML_PATH,
            Format::ArchieMl => AML_PATH,
        }
    }

    /// The form of a file, by its name: `.aml` is ArchieML, anything else
    /// YAML (the fuzz targets and tests name no file at all).
    pub fn of(name: &str) -> Format {
        if name.ends_with(".aml") {
            Format::ArchieMl
        } else {
            Format::Yaml
        }
    }

    /// `aml` or `yaml`, as `--format` takes it.
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "aml" | "archieml" => Some(Format::ArchieMl),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        }
    }
}

/// The facts file of the story at `root`. With neither there, YAML, whose
/// "not found" then names the file most stories have; with both, an error:
/// two files would each be half the truth.
pub fn locate(root: &Path) -> Result<Format, Diagnostic> {
    let yaml = root.join(YAML_PATH).exists();
    let aml = root.join(AML_PATH).exists();
    match (yaml, aml) {
        (true, true) => Err(both()),
        (false, true) => Ok(Format::ArchieMl),
        _ => Ok(Format::Yaml),
    }
}

/// The error for a story (or a commit of it) that has both files.
pub fn both() -> Diagnostic {
    Diagnostic::file_error(
        AML_PATH,
        format!("the story has both {YAML_PATH} and {AML_PATH}: keep one"),
    )
    .with_help(
        "delete the one you no longer edit (`explainer export-facts --format aml` or `--format yaml` converts one into the other first)",
    )
}

/// Parse a facts file in the form its name says.
pub fn parse(file: SourceFile) -> Result<FactsSource, Diagnostic> {
    match Format::of(&file.name) {
        Format::Yaml => {
            let root = super::yaml::parse(&file, &file.text, 1)?;
            Ok(FactsSource {
                file,
                root,
                notes: Vec::new(),
            })
        }
        Format::ArchieMl => {
            let (root, mistakes) = crate::archieml::mistakes::read(&file.text);
            let notes = mistakes.iter().map(|m| m.diagnostic(&file)).collect();
            Ok(FactsSource { file, root, notes })
        }
    }
}

/// The file's short name, as messages about the whole file say it
/// (`facts.aml is empty`).
pub fn short_name(file: &SourceFile) -> &str {
    file.name.rsplit('/').next().unwrap_or(&file.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn mistakes_in_an_archieml_file_become_located_notes() {
        let file = SourceFile::new(AML_PATH, "[people]\nid: a\n• name: Ada\n");
        let facts = parse(file).unwrap();
        assert_eq!(facts.notes.len(), 1);
        let note = &facts.notes[0];
        assert_eq!(note.severity, Severity::Error);
        assert_eq!(note.file, AML_PATH);
        let location = note.location.as_ref().unwrap();
        assert_eq!((location.line, location.column), (3, 1));
    }
}
