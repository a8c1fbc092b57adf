//! A tree written out as ArchieML that [`super::parse`] reads back as the
//! same values: what `explainer export-facts --format aml` and
//! `explainer draft --format aml` write.
//!
//! Lists and objects are written as blocks (`[people]` … `[]`, `{.source}`
//! … `{}`), each item of a list of objects starting with the same key (the
//! one ArchieML starts a new item at), and values of more than one line
//! end with `:end`, any of their lines that would read as a command
//! escaped with a backslash. Nothing is indented: in a Google Doc, indents
//! are easy to lose and, inside a value, they are part of the text.

use super::{Node, Value, command, is_key_char, is_space, item_line, key_line, scope_line};
use crate::source::Pos;

/// A part of the tree ArchieML has no way to say, and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Unwritable {
    pub pos: Pos,
    pub message: String,
}

/// `root` (a mapping, or nothing) as an ArchieML document.
pub fn write(root: &Node) -> Result<String, Unwritable> {
    let mut out = Writer {
        lines: Vec::new(),
        nested: false,
    };
    match &root.value {
        Value::Null => {}
        Value::Map(entries) => {
            for (index, (key, node)) in entries.iter().enumerate() {
                if index > 0 {
                    out.lines.push(String::new());
                }
                out.entry(&key.name, key.pos, node)?;
            }
        }
        other => {
            return Err(Unwritable {
                pos: root.pos,
                message: format!(
                    "an ArchieML document is a set of keys, and this one is {}",
                    other.kind()
                ),
            });
        }
    }
    let mut text = out.lines.join("\n");
    text.push('\n');
    Ok(text)
}

struct Writer {
    lines: Vec<String>,
    /// Inside a block: blocks opened here nest (`[.name]`) rather than
    /// starting again from the top.
    nested: bool,
}

/// A value in the words ArchieML keeps: all of it is text.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some(String::new()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Int(n) => Some(n.to_string()),
        Value::Float(n) => Some(n.to_string()),
        Value::Str(s) => Some(s.clone()),
        Value::Seq(_) | Value::Map(_) => None,
    }
}

impl Writer {
    fn entry(&mut self, name: &str, pos: Pos, node: &Node) -> Result<(), Unwritable> {
        check_key(name, pos)?;
        let dot = if self.nested { "." } else { "" };
        match &node.value {
            Value::Map(entries) => {
                self.lines.push(format!("{{{dot}{name}}}"));
                let outer = std::mem::replace(&mut self.nested, true);
                for (key, value) in entries {
                    self.entry(&key.name, key.pos, value)?;
                }
                self.nested = outer;
                self.lines.push("{}".to_owned());
            }
            Value::Seq(items) => {
                self.lines.push(format!("[{dot}{name}]"));
                let outer = std::mem::replace(&mut self.nested, true);
                self.list(name, node.pos, items)?;
                self.nested = outer;
                self.lines.push("[]".to_owned());
            }
            scalar => {
                let text = text_of(scalar).unwrap_or_default();
                self.value(&format!("{name}:"), &text);
            }
        }
        Ok(())
    }

    fn list(&mut self, name: &str, pos: Pos, items: &[Node]) -> Result<(), Unwritable> {
        if items.iter().all(|item| text_of(&item.value).is_some()) {
            for item in items {
                self.value("*", &text_of(&item.value).unwrap_or_default());
            }
            return Ok(());
        }
        let mut objects = Vec::with_capacity(items.len());
        for item in items {
            match &item.value {
                Value::Map(entries) if !entries.is_empty() => objects.push(entries),
                Value::Map(_) => {
                    return Err(Unwritable {
                        pos: item.pos,
                        message: format!(
                            "an empty item of `{name}` cannot be written in ArchieML: an item starts at its first key"
                        ),
                    });
                }
                other => {
                    return Err(Unwritable {
                        pos: item.pos,
                        message: format!(
                            "`{name}` mixes {} with objects, which ArchieML cannot write: a list holds `*` items or objects",
                            other.kind()
                        ),
                    });
                }
            }
        }
        // ArchieML starts an item at each repeat of the list's first key, so
        // every item must begin with the same one: the first item's first
        // key that every item has.
        let Some(first) = objects[0]
            .iter()
            .map(|(key, _)| key.name.as_str())
            .find(|name| {
                objects
                    .iter()
                    .all(|o| o.iter().any(|(k, _)| k.name == *name))
            })
        else {
            return Err(Unwritable {
                pos,
                message: format!(
                    "the items of `{name}` share no key, and ArchieML starts each item with the same one"
                ),
            });
        };
        for (index, entries) in objects.iter().enumerate() {
            if index > 0 {
                self.lines.push(String::new());
            }
            let lead = entries.iter().filter(|(key, _)| key.name == first);
            let rest = entries.iter().filter(|(key, _)| key.name != first);
            for (key, value) in lead.chain(rest) {
                self.entry(&key.name, key.pos, value)?;
            }
        }
        Ok(())
    }

    /// `lead` (`key:` or `*`) and the text; a text of several lines ends
    /// with `:end`.
    fn value(&mut self, lead: &str, text: &str) {
        // Trimmed as the reader trims: the first line's leading spaces and
        // the end; a first line that is empty stays, and so does the
        // newline after it.
        let text = text
            .trim_start_matches(|c| is_space(c) && c != '\n')
            .trim_end_matches(is_space);
        let mut lines = text.split('\n');
        let first = lines.next().unwrap_or("");
        self.lines.push(if first.is_empty() {
            lead.to_owned()
        } else {
            format!("{lead} {first}")
        });
        let mut more = false;
        for line in lines {
            more = true;
            self.lines.push(escaped(line));
        }
        if more {
            self.lines.push(":end".to_owned());
        }
    }
}

/// A line of a value after its first, with a backslash after its indent
/// when it would otherwise read as a command, or begins with a backslash
/// the reader would take off.
fn escaped(line: &str) -> String {
    let rest = line.trim_start_matches(is_space);
    let special = rest.starts_with('\\')
        || command(line).is_some()
        || key_line(line).is_some()
        || item_line(line).is_some()
        || scope_line(line).is_some();
    if special {
        let indent = &line[..line.len() - rest.len()];
        format!("{indent}\\{rest}")
    } else {
        line.to_owned()
    }
}

/// A key ArchieML reads back as the same one key: a word of key
/// characters, without the dots that would nest it or the `+` that would
/// make a freeform list of it.
fn check_key(name: &str, pos: Pos) -> Result<(), Unwritable> {
    let fine = !name.is_empty()
        && name.chars().all(is_key_char)
        && !name.contains('.')
        && !name.starts_with('+');
    if fine {
        Ok(())
    } else {
        Err(Unwritable {
            pos,
            message: format!(
                "the key `{name}` cannot be written in ArchieML, whose keys are single words without dots"
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn round_trip(text: &str) {
        let first = parse(text).json();
        let written = write(&parse(text).root).unwrap();
        assert_eq!(parse(&written).json(), first, "{text}\nwrote:\n{written}");
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        round_trip("name: Ada\nsource.name: AP\n[groups]\n* A\n* B\n[]");
        round_trip(
            "[people]\nid: a\n[.aliases]\n* A\n[]\n{.source}\nname: n\n{}\nid: b\n[.aliases]\n[]\n[]",
        );
        round_trip("[rows]\n[.cells]\n* 1\n[]\n[]");
        round_trip(
            "summary: one\n* not an item\n:end of it\n\\escaped\nkey: no\n[x]\n{y}\n  indented\n\n:end",
        );
        round_trip("[takeaways]\n* one\n* star inside\\\n\\* two\n:end\n[]");
        round_trip("empty:\n[none]\n[]\n{nothing}\n{}");
    }

    #[test]
    fn each_item_starts_with_a_key_every_item_has() {
        let yaml =
            "quotes:\n- speaker: a\n  text: t\n  id: q1\n- id: q2\n  speaker: b\n  text: u\n";
        let file = crate::source::SourceFile::new("facts.yaml", yaml);
        let tree = crate::load::yaml::parse(&file, yaml, 1).unwrap();
        // `speaker` starts both items once written, though one listed
        // `id` first.
        let written = write(&tree).unwrap();
        assert!(
            written.contains(
                "[quotes]\nspeaker: a\ntext: t\nid: q1\n\nspeaker: b\nid: q2\ntext: u\n[]"
            ),
            "{written}"
        );
    }

    #[test]
    fn what_archieml_cannot_say_is_refused_with_its_place() {
        let key = |name: &str| crate::load::Key {
            name: name.to_owned(),
            pos: Pos::new(3, 5, name.len()),
        };
        let node = |value| Node {
            value,
            pos: Pos::new(4, 7, 1),
        };
        let dotted = node(Value::Map(vec![(key("a.b"), node(Value::Null))]));
        let refused = write(&dotted).unwrap_err();
        assert_eq!(refused.pos, Pos::new(3, 5, 3));
        assert!(refused.message.contains("`a.b`"), "{}", refused.message);
        let mixed = node(Value::Map(vec![(
            key("list"),
            node(Value::Seq(vec![
                node(Value::Str("text".into())),
                node(Value::Map(vec![(key("k"), node(Value::Null))])),
            ])),
        )]));
        assert!(write(&mixed).unwrap_err().message.contains("mixes"));
        let strangers = node(Value::Map(vec![(
            key("list"),
            node(Value::Seq(vec![
                node(Value::Map(vec![(key("a"), node(Value::Null))])),
                node(Value::Map(vec![(key("b"), node(Value::Null))])),
            ])),
        )]));
        assert!(
            write(&strangers)
                .unwrap_err()
                .message
                .contains("share no key")
        );
        assert!(write(&node(Value::Seq(Vec::new()))).is_err());
    }
}
