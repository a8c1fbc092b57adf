//! `explainer export-facts`: a story's facts in the other form, ArchieML
//! from YAML or YAML from ArchieML, for a newsroom moving its facts into a
//! Google Doc or out of one. Both forms read into the same tree, so a
//! conversion is that tree written out again: the story built from either
//! file is the same page, byte for byte (a test holds it to that).

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::draft::output::scalar;
use crate::load::facts_file;
pub use crate::load::facts_file::Format;
use crate::load::{self, ARTICLE_PATH, FactsSource, Node, Value};

/// Why nothing was exported: the command was wrong (exit 2), or the facts
/// have errors to fix first (exit 1).
#[derive(Debug)]
pub enum Failure {
    Usage(Diagnostic),
    Content(Diagnostics),
}

/// The converted facts and the warnings reading them gave.
#[derive(Debug)]
pub struct Exported {
    pub text: String,
    pub warnings: Diagnostics,
}

/// Convert the facts of the story at `root` to `format` and, with
/// `output`, write them there: never over one of the story's inputs.
pub fn run(root: &Path, format: Format, output: Option<&Path>) -> Result<Exported, Failure> {
    if !root.is_dir() {
        return Err(Failure::Usage(
            Diagnostic::file_error(root.display().to_string(), "the story root is not a folder")
                .with_help("pass --root with the folder that holds content/"),
        ));
    }
    if let Some(output) = output
        && let Some(input) = story_input(root, output)
    {
        return Err(Failure::Usage(
            Diagnostic::file_error(
                output.display().to_string(),
                format!("refusing to overwrite {input}, an input of the story"),
            )
            .with_help("write the converted facts elsewhere, check them, then replace the old file with them"),
        ));
    }
    let one = |d: Diagnostic| {
        let mut all = Diagnostics::new();
        all.push(d);
        Failure::Content(all)
    };
    let facts = facts_file::locate(root)
        .and_then(|from| load::read_source(root, from.path()))
        .and_then(load::parse_facts)
        .map_err(one)?;
    let exported = convert(&facts, format)?;
    if let Some(path) = output {
        std::fs::write(path, &exported.text).map_err(|error| {
            Failure::Usage(Diagnostic::file_error(
                path.display().to_string(),
                format!("cannot write: {error}"),
            ))
        })?;
    }
    Ok(exported)
}

/// Parsed facts written in `format`. Facts with errors in their reading
/// (an ArchieML file's mistakes) are not converted: the conversion would
/// carry the repairs over silently.
pub fn convert(facts: &FactsSource, format: Format) -> Result<Exported, Failure> {
    let mut errors = Diagnostics::new();
    let mut warnings = Diagnostics::new();
    for note in &facts.notes {
        if note.severity == Severity::Error {
            errors.push(note.clone());
        } else {
            warnings.push(note.clone());
        }
    }
    if errors.has_errors() {
        return Err(Failure::Content(errors));
    }
    let text = match format {
        Format::Yaml => to_yaml(&facts.root),
        Format::ArchieMl => crate::archieml::write::write(&facts.root).map_err(|refused| {
            let mut all = Diagnostics::new();
            all.push(
                Diagnostic::at(Severity::Error, &facts.file, refused.pos, refused.message)
                    .with_help("change it in the YAML to a form ArchieML has (text, lists of text, objects, lists of objects)"),
            );
            Failure::Content(all)
        })?,
    };
    Ok(Exported { text, warnings })
}

/// The story input `output` would replace, if it names one that exists.
fn story_input(root: &Path, output: &Path) -> Option<String> {
    let output = output.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    let relative = output.strip_prefix(&root).ok()?;
    let inputs = [ARTICLE_PATH, facts_file::YAML_PATH, facts_file::AML_PATH];
    let is_input = inputs.iter().any(|i| relative == Path::new(i))
        || ["templates", "static", "i18n"]
            .iter()
            .any(|dir| relative.starts_with(dir));
    is_input.then(|| relative.display().to_string())
}

/// A tree as block-style YAML that the YAML loader reads back as the same
/// tree: text as the draft writes it (plain where YAML leaves it alone,
/// quoted elsewhere), and text of several lines as a `|-` block.
pub fn to_yaml(root: &Node) -> String {
    let mut lines = Vec::new();
    match &root.value {
        Value::Map(entries) => {
            for (index, (key, node)) in entries.iter().enumerate() {
                if index > 0 && !matches!(node.value, Value::Null | Value::Str(_)) {
                    lines.push(String::new());
                }
                yaml_entry(&mut lines, "", &scalar(&key.name), node);
            }
        }
        Value::Null => {}
        _ => yaml_entry(&mut lines, "", "", root),
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// `lead` is `key:` or `-` (or nothing, at the top); what follows it on
/// its line or below, at `indent`.
fn yaml_entry(lines: &mut Vec<String>, indent: &str, key: &str, node: &Node) {
    let lead = if key.is_empty() {
        indent.to_owned()
    } else {
        format!("{indent}{key}:")
    };
    let inner = format!("{indent}  ");
    match &node.value {
        Value::Null => lines.push(lead),
        Value::Seq(items) if items.is_empty() => lines.push(format!("{lead} []")),
        Value::Map(entries) if entries.is_empty() => lines.push(format!("{lead} {{}}")),
        Value::Seq(items) => {
            lines.push(lead);
            for item in items {
                yaml_item(lines, &inner, item);
            }
        }
        Value::Map(entries) => {
            lines.push(lead);
            for (key, value) in entries {
                yaml_entry(lines, &inner, &scalar(&key.name), value);
            }
        }
        scalar_value => lines.push(format!("{lead} {}", yaml_scalar(scalar_value, &inner))),
    }
}

/// One `- ` item of a list at `indent`.
fn yaml_item(lines: &mut Vec<String>, indent: &str, node: &Node) {
    let inner = format!("{indent}  ");
    match &node.value {
        Value::Map(entries) if !entries.is_empty() => {
            for (index, (key, value)) in entries.iter().enumerate() {
                let mut nested = Vec::new();
                yaml_entry(&mut nested, &inner, &scalar(&key.name), value);
                if index == 0 {
                    // The first key shares the `- ` line.
                    nested[0] = format!("{indent}- {}", &nested[0][inner.len()..]);
                }
                lines.extend(nested);
            }
        }
        Value::Seq(items) if !items.is_empty() => {
            lines.push(format!("{indent}-"));
            for item in items {
                yaml_item(lines, &inner, item);
            }
        }
        _ => {
            let mut nested = Vec::new();
            yaml_entry(&mut nested, &inner, "", node);
            let first = nested[0].trim_start().to_owned();
            nested[0] = format!(
                "{indent}-{}{first}",
                if first.is_empty() { "" } else { " " }
            );
            lines.extend(nested);
        }
    }
}

/// A scalar: numbers and true/false as themselves, text by [`scalar`], or
/// as a `|-` block when it has several lines a block keeps exactly.
fn yaml_scalar(value: &Value, indent: &str) -> String {
    match value {
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Float(n) if n.is_finite() => format!("{n:?}"),
        Value::Float(n) if n.is_nan() => ".nan".to_owned(),
        Value::Float(n) => if *n > 0.0 { ".inf" } else { "-.inf" }.to_owned(),
        Value::Str(text) if block_keeps(text) => {
            let body: Vec<String> = text
                .split('\n')
                .map(|line| {
                    if line.is_empty() {
                        String::new()
                    } else {
                        format!("{indent}{line}")
                    }
                })
                .collect();
            format!("|-\n{}", body.join("\n"))
        }
        Value::Str(text) => scalar(text),
        Value::Null | Value::Seq(_) | Value::Map(_) => String::new(),
    }
}

/// Whether a `|-` block reads back as exactly `text`: more than one line,
/// none of them starting with a space (which would change the block's
/// indent) or blank but for spaces, no trailing newline, and nothing a
/// YAML file may not hold as it is.
fn block_keeps(text: &str) -> bool {
    text.contains('\n')
        && !text.ends_with('\n')
        && !text.starts_with('\n')
        && text.split('\n').all(|line| {
            !line.starts_with([' ', '\t'])
                && line.trim_end() == line
                && !line.chars().any(|c| c.is_control() && c != '\t')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn yaml_round_trip(yaml: &str) {
        let file = SourceFile::new("facts.yaml", yaml);
        let tree = load::yaml::parse(&file, yaml, 1).unwrap();
        let written = to_yaml(&tree);
        let again = load::yaml::parse(&SourceFile::new("x.yaml", &written), &written, 1)
            .unwrap_or_else(|d| panic!("{written}\n{d}"));
        assert_eq!(shape(&again), shape(&tree), "{written}");
    }

    /// A tree without its positions.
    fn shape(node: &Node) -> String {
        match &node.value {
            Value::Seq(items) => format!(
                "[{}]",
                items.iter().map(shape).collect::<Vec<_>>().join(",")
            ),
            Value::Map(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{:?}:{}", k.name, shape(v)))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn yaml_written_reads_back_the_same() {
        yaml_round_trip("a: 1\nb: true\nc: text\nd:\ne: []\nf: {}\n");
        yaml_round_trip(
            "people:\n  - id: a\n    aliases: [x, y]\n    links:\n      - title: t\n        url: 'https://e.com/?a=b#c'\n  - id: b\n    aliases: []\n",
        );
        yaml_round_trip(
            "summary: |-\n  one: two\n\n  - three\n  # four\nsecond: \"  lead\\nand\\ttab \"\nlist:\n  - \"2014\"\n  - - nested\n  -\n",
        );
    }
}
