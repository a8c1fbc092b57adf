//! A draft on top of curated facts: the file exactly as the editor left it,
//! with only the people and quotes the article has and the facts lack
//! added at the end of their lists, each marked `# new in the article`.

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::load::{FactsSource, Node, Value};
use crate::quotes;

use super::output::{comment_text, person_entry, quote_entry};
use super::{DraftPerson, Findings};

pub const NEW_MARK: &str = "# new in the article";

/// Someone the facts already hold.
struct Known {
    id: String,
    forms: Vec<String>,
}

pub fn merge(
    findings: &Findings,
    facts: &FactsSource,
) -> Result<(String, Diagnostics), Diagnostics> {
    let mut warnings = Diagnostics::new();
    let entries = match &facts.root.value {
        Value::Map(entries) => entries.as_slice(),
        Value::Null => &[],
        other => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.push(
                Diagnostic::at(
                    Severity::Error,
                    &facts.file,
                    facts.root.pos,
                    format!(
                        "{} must be a mapping (`people:`, `quotes:`, …), found {}",
                        crate::load::facts_file::short_name(&facts.file),
                        other.kind()
                    ),
                )
                .with_help("fix the file, or move it aside to draft the facts afresh"),
            );
            return Err(diagnostics);
        }
    };
    let known = known_people(facts.root.field("people"));
    let known_quotes: Vec<Vec<String>> = facts
        .root
        .field("quotes")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|q| q.field("text")?.as_str())
        .map(quotes::fragments)
        .collect();

    // Who in the draft the facts already hold, and by which id.
    let mut id_of: Vec<Option<String>> = Vec::with_capacity(findings.people.len());
    let mut ids = crate::ids::Unique::new();
    for k in &known {
        ids.reserve(k.id.clone());
    }
    let mut new_people: Vec<DraftPerson> = Vec::new();
    for person in &findings.people {
        if let Some(k) = known.iter().find(|k| names_same(person, k)) {
            id_of.push(Some(k.id.clone()));
            continue;
        }
        let mut person = person.clone();
        person.id = ids.take(super::id_base(person.id));
        id_of.push(Some(person.id.clone()));
        new_people.push(person);
    }
    // A quote's `from` only where the facts list that source already: the
    // merge adds people and quotes, not sources.
    let known_sources: Vec<&str> = facts
        .root
        .field("sources")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|s| s.field("id")?.as_str())
        .collect();
    let new_quotes: Vec<(String, &str, Option<&str>)> = findings
        .quotes
        .iter()
        .filter(|q| !is_known_quote(&q.text, &known_quotes))
        .filter_map(|q| {
            let from = q.from.as_deref().filter(|f| known_sources.contains(f));
            Some((id_of[q.speaker].clone()?, q.text.as_str(), from))
        })
        .collect();

    let mut lines: Vec<String> = facts.file.text.lines().map(str::to_owned).collect();
    let mut insertions: Vec<(usize, Vec<String>)> = Vec::new();
    let mut appended: Vec<String> = Vec::new();
    let sections: [(&str, Vec<Vec<String>>); 2] = [
        (
            "people",
            new_people.iter().map(|p| person_entry(p, "")).collect(),
        ),
        (
            "quotes",
            new_quotes
                .iter()
                .map(|(id, text, from)| quote_entry(id, text, *from, ""))
                .collect(),
        ),
    ];
    for (name, new_entries) in sections {
        if new_entries.is_empty() {
            continue;
        }
        let indent_entries = |indent: &str| -> Vec<String> {
            new_entries
                .iter()
                .flat_map(|entry| {
                    std::iter::once(format!("{indent}{NEW_MARK}"))
                        .chain(entry.iter().map(|line| format!("{indent}{line}")))
                })
                .collect()
        };
        let Some(at) = entries.iter().position(|(k, _)| k.name == name) else {
            appended.push(String::new());
            appended.push(format!("{name}:"));
            appended.extend(indent_entries("  "));
            continue;
        };
        let (key, node) = &entries[at];
        let key_line = (key.pos.line as usize).clamp(1, lines.len().max(1));
        let key_indent = key.pos.column.saturating_sub(1) as usize;
        let after_colon = lines
            .get(key_line - 1)
            .and_then(|l| {
                l.split_once(':')
                    .map(|(_, rest)| rest.trim_start().to_owned())
            })
            .unwrap_or_default();
        match &node.value {
            Value::Seq(items) if !items.is_empty() && !after_colon.starts_with('[') => {
                let first_line = lines
                    .get((items[0].pos.line as usize).saturating_sub(1))
                    .cloned()
                    .unwrap_or_default();
                let dash = first_line.find('-').unwrap_or(key_indent + 2);
                let indent = " ".repeat(dash);
                let next_key_line = entries
                    .iter()
                    .map(|(k, _)| k.pos.line as usize)
                    .filter(|&l| l > key_line)
                    .min();
                let mut insert_at = next_key_line
                    .map_or(lines.len(), |l| l - 1)
                    .min(lines.len());
                // Comments and blank lines just above the next key belong to it.
                while insert_at > key_line {
                    let line = lines[insert_at - 1].trim_start();
                    let column = lines[insert_at - 1].len() - line.len();
                    if line.is_empty() || line.starts_with('#') && column <= key_indent {
                        insert_at -= 1;
                    } else {
                        break;
                    }
                }
                // Entries the editor keeps apart with a blank line get one too.
                let spaced = items.get(1).is_some_and(|second| {
                    let line = (second.pos.line as usize).saturating_sub(2);
                    lines.get(line).is_some_and(|l| l.trim().is_empty())
                });
                let mut block = Vec::new();
                for line in indent_entries(&indent) {
                    if spaced && line.trim_start() == NEW_MARK {
                        block.push(String::new());
                    }
                    block.push(line);
                }
                insertions.push((insert_at, block));
            }
            Value::Null | Value::Seq(_)
                if after_colon.is_empty()
                    || after_colon.starts_with("[]")
                    || after_colon.starts_with('#') =>
            {
                if after_colon.starts_with("[]") {
                    let line = &mut lines[key_line - 1];
                    if let Some(open) = line.find("[]") {
                        line.replace_range(open..open + 2, "");
                        let trimmed = line.trim_end().to_owned();
                        *line = trimmed;
                    }
                }
                let indent = " ".repeat(key_indent + 2);
                insertions.push((key_line, indent_entries(&indent)));
            }
            _ => {
                warnings.push(
                    Diagnostic::at(
                        Severity::Warning,
                        &facts.file,
                        key.pos,
                        format!("`{name}` is written inline, so the new entries are added as comments at the end"),
                    )
                    .with_help(format!("write `{name}:` as a list with one `- ` line per entry to have them added in place")),
                );
                appended.push(String::new());
                appended.push(format!("# {NEW_MARK}, for `{name}`:"));
                appended.extend(
                    indent_entries("  ")
                        .into_iter()
                        .map(|l| format!("# {}", comment_text(&l, 500))),
                );
            }
        }
    }
    insertions.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    for (at, new_lines) in insertions {
        let at = at.min(lines.len());
        lines.splice(at..at, new_lines);
    }
    lines.extend(appended);
    let mut text = lines.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    Ok((text, warnings))
}

fn known_people(node: Option<&Node>) -> Vec<Known> {
    node.map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|item| {
            let id = item.field("id")?.as_str()?.to_owned();
            let aliases = item.field("aliases").map(Node::items).unwrap_or_default();
            let forms = item
                .field("name")
                .into_iter()
                .chain(aliases)
                .filter_map(Node::as_str)
                .map(str::to_owned)
                .collect();
            Some(Known { id, forms })
        })
        .collect()
}

/// A drafted person is someone the facts hold when their full name, or
/// another full form of it, is one of that person's names. A surname
/// alone is not enough: a new Biden is not the Biden the facts know.
fn names_same(person: &DraftPerson, known: &Known) -> bool {
    let full = std::iter::once(&person.name)
        .chain(&person.aliases)
        .filter(|f| f.split_whitespace().count() >= 2 || **f == person.name);
    let mut found = false;
    for form in full {
        found |= known
            .forms
            .iter()
            .any(|k| k.trim().eq_ignore_ascii_case(form));
    }
    found
}

/// A passage the facts quote already, in whole or in part.
fn is_known_quote(text: &str, known: &[Vec<String>]) -> bool {
    let passage = quotes::normalize(text);
    let passage_parts = quotes::fragments(text);
    known.iter().any(|fragments| {
        fragments.iter().any(|f| passage.contains(f.as_str()))
            || passage_parts
                .iter()
                .any(|p| fragments.iter().any(|f| f.contains(p.as_str())))
    })
}
