//! YAML into a tree that remembers where every key and value stood.
//!
//! The facts are read into this generic tree rather than straight into typed
//! structs so that the validate stage can report *every* wrong type, missing
//! field and unknown key in one run, each with its line and column; a derived
//! `Deserialize` stops at the first.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Pos, SourceFile};

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

/// Reading a tree whose shape is not yet checked: each answer is empty
/// (or `None`) where the node is not of the kind asked for, so a reader
/// that only looks (the edition's time, the draft's merge) needs no
/// matching of its own. Checking, with located errors, is the validate
/// stage's.
impl Node {
    /// A mapping's entries; none for any other value.
    pub fn entries(&self) -> &[(Key, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The entry of a mapping with the key `name`, key included.
    pub fn entry(&self, name: &str) -> Option<&(Key, Node)> {
        self.entries().iter().find(|(key, _)| key.name == name)
    }

    /// The value of a mapping's key `name`.
    pub fn field(&self, name: &str) -> Option<&Node> {
        self.entry(name).map(|(_, node)| node)
    }

    /// A list's items; none for any other value.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    /// The text, when the value is text.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(text) => Some(text),
            _ => None,
        }
    }
}

impl Value {
    /// What a user would call this kind of value, for "expected …, found …".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// How deep YAML may nest: the facts schema is six levels deep.
pub const MAX_DEPTH: usize = 64;
/// The most values a file may hold, aliases expanded: a story of 100,000
/// facts has about a million.
pub const MAX_NODES: usize = 4_000_000;

/// Limits that keep hostile input (alias bombs, absurd nesting) from eating
/// the machine. Written out, a YAML value takes at least two bytes, so a
/// file of `len` bytes holds fewer than `len` values; the node budget allows
/// that plus a margin, which leaves aliases (the only way to get more values
/// than bytes) little room to multiply.
fn options(len: usize) -> serde_saphyr::Options {
    let max_nodes = len.saturating_add(100_000).min(MAX_NODES);
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_nodes: max_nodes,
            // Every node is at most a start and an end event.
            max_events: max_nodes.saturating_mul(2).saturating_add(1_000),
            max_aliases: 10_000,
        },
    }
}

/// Parse `text` (a whole file, or a front matter block starting at
/// `first_line` of `source`) into a tree.
pub fn parse(source: &SourceFile, text: &str, first_line: usize) -> Result<Node, Diagnostic> {
    let line_shift = u32::try_from(first_line.saturating_sub(1)).unwrap_or(0);
    match serde_saphyr::from_str_with_options::<Option<ChildNode>>(text, options(text.len())) {
        Ok(Some(ChildNode(mut root))) => {
            if line_shift > 0 {
                shift_lines(&mut root, line_shift);
            }
            Ok(root)
        }
        Ok(None) => Ok(Node {
            value: Value::Null,
            pos: Pos::new(first_line, 1, 1),
        }),
        Err(error) if is_second_document(&error) => {
            let found_at = error
                .location()
                .map_or(usize::MAX, |loc| loc.line() as usize);
            Err(second_document(source, text, first_line, found_at))
        }
        Err(error) => {
            let mut pos = error
                .location()
                .map_or(Pos::new(1, 1, 1), |loc| raw_pos(&loc));
            pos.line = pos.line.saturating_add(line_shift);
            Err(
                Diagnostic::at(Severity::Error, source, pos, yaml_message(&error))
                    .with_help(yaml_help(&error)),
            )
        }
    }
}

fn is_second_document(error: &serde_saphyr::Error) -> bool {
    error
        .without_snippet()
        .to_string()
        .contains("multiple YAML documents")
}

/// A `---` line in a facts file starts a second YAML document, which the
/// parser reports in its own API's terms; say it in the editor's, at the
/// line that does it.
fn second_document(
    source: &SourceFile,
    text: &str,
    first_line: usize,
    found_at: usize,
) -> Diagnostic {
    // The last `---` before where the parser saw the second document; a
    // `---` on the very first line only opens the first.
    let is_separator = |line: &str| line == "---" || line.starts_with("--- ");
    let separators: Vec<usize> = text
        .lines()
        .enumerate()
        .skip(1)
        .filter(|(_, line)| is_separator(line))
        .map(|(index, _)| index + 1)
        .collect();
    let separator = separators
        .iter()
        .rev()
        .find(|&&line| line <= found_at)
        .or(separators.first())
        .map_or(first_line, |line| first_line + line - 1);
    Diagnostic::at(
        Severity::Error,
        source,
        Pos::new(separator, 1, 3),
        format!(
            "this `---` starts a second YAML document; {} must be one",
            source.name
        ),
    )
    .with_help("delete the `---` line (or put the text after it into the first document)")
}

/// Move a tree parsed from a front matter block to the file's own lines.
fn shift_lines(node: &mut Node, by: u32) {
    node.pos.line = node.pos.line.saturating_add(by);
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| shift_lines(n, by)),
        Value::Map(entries) => entries.iter_mut().for_each(|(key, n)| {
            key.pos.line = key.pos.line.saturating_add(by);
            shift_lines(n, by);
        }),
        _ => {}
    }
}

/// The parser's message without its own location prefix and snippet (the
/// diagnostic adds both, shifted to the file's lines).
fn yaml_message(error: &serde_saphyr::Error) -> String {
    if let Some(limit) = limit_message(error) {
        return limit;
    }
    let full = error.without_snippet().to_string();
    let first = full.lines().next().unwrap_or("invalid YAML").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let message = match first.split_once(": ") {
        Some((prefix, rest)) if prefix.starts_with("line ") => rest,
        _ => first,
    };
    // The parser counts lines from the start of what it was given, which for
    // front matter is not the file's; the diagnostic gives the real place.
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => message,
    };
    // Advice about the parser's options is for programmers, not editors.
    let message = message
        .split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(message);
    format!("invalid YAML: {}", message.trim_end_matches(','))
}

/// A limit from [`options`] in words, or `None` for other errors. The
/// parser's breach reaches us as text (it passes through serde's own error
/// type on the way), so it is recognised by its wording.
fn limit_message(error: &serde_saphyr::Error) -> Option<String> {
    let text = error.without_snippet().to_string();
    let breach = text.split("budget breached: ").nth(1).unwrap_or("");
    let message = if breach.starts_with("Depth") || text.contains("recursion limit") {
        format!("the YAML nests more than {MAX_DEPTH} levels deep")
    } else if breach.starts_with("Events") || breach.starts_with("Nodes") {
        format!(
            "the YAML holds too many values once its aliases are expanded (the limit grows with the file's size, up to {MAX_NODES})"
        )
    } else if breach.starts_with("Alias") || breach.starts_with("RecordedAnchor") {
        "the YAML uses too many aliases (`*name`)".to_owned()
    } else if breach.starts_with("ScalarBytes") {
        "the YAML holds more than 64 MiB of text".to_owned()
    } else if !breach.is_empty() {
        format!(
            "the YAML is over a parser limit ({})",
            breach.split(" at line").next().unwrap_or(breach)
        )
    } else {
        return None;
    };
    Some(message)
}

fn is_limit(error: &serde_saphyr::Error) -> bool {
    let text = error.without_snippet().to_string();
    text.contains("budget breached") || text.contains("recursion limit")
}

fn yaml_help(error: &serde_saphyr::Error) -> String {
    let message = error.without_snippet().to_string();
    if is_limit(error) {
        "this is far beyond what a story needs; look for unclosed brackets, runaway indentation, or aliases that repeat other aliases".into()
    } else if message.contains("duplicate") {
        "each key may appear once per mapping; remove or rename one of them".into()
    } else if message.contains("tab") {
        "YAML indents with spaces, not tabs".into()
    } else {
        "check the indentation, quotes and brackets around this line".into()
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// A child node: read with its span, then turned into a [`Node`] straight
/// away so the tree does not keep serde-saphyr's two locations per node.
struct ChildNode(Node);

impl<'de> Deserialize<'de> for ChildNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(deserializer)?;
        Ok(ChildNode(Node {
            value: spanned.value,
            pos: raw_pos(&spanned.referenced),
        }))
    }
}

struct ChildKey(Key);

impl<'de> Deserialize<'de> for ChildKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<String>::deserialize(deserializer)?;
        Ok(ChildKey(Key {
            name: spanned.value,
            pos: raw_pos(&spanned.referenced),
        }))
    }
}

fn raw_pos(loc: &serde_saphyr::Location) -> Pos {
    Pos::new(
        loc.line() as usize,
        loc.column() as usize,
        loc.span().len() as usize,
    )
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Value::deserialize(deserializer)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(i128::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    // The file is NFC already; an escape (`"e\u0301"`) can still make a
    // decomposed value.
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(crate::unicode::nfc_str(v).into_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(crate::unicode::nfc(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(ChildNode(node)) = seq.next_element()? {
            items.push(node);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some((ChildKey(key), ChildNode(node))) = map.next_entry()? {
            entries.push((key, node));
        }
        Ok(Value::Map(entries))
    }
}
