//! ArchieML 1.0 (archieml.org), the newsroom's format for structured text
//! written in a Google Doc, read into the same positioned tree the YAML
//! loader makes: the validate stage reads either without knowing which.
//!
//! The format never fails: a line is a command (`key:`, `[list]`, `{obj}`,
//! `*`, `[]`, `{}`, `:end`, `:skip`, `:endskip`, `:ignore`) or text, and text
//! is kept only when `:end` makes it part of a value. That forgiveness is
//! what makes it writable by editors, and what lets a mistake (a bullet
//! before a key, a missing `:end`) silently drop a fact; so besides the
//! tree, the parser reports what became of every line of text it dropped
//! or folded into a value, and [`mistakes`] turns that into located
//! messages.
//!
//! The contract is the format's shared test suite (`test/1.0` of the
//! archieml.org repository); the README gives the result. Where the spec's
//! prose and the reference parser differ on whitespace, the reference is
//! followed, as the suite is: leading whitespace of any Unicode kind (a
//! pasted no-break space) is ignored, while between a key and its colon
//! only spaces and tabs are.
//!
//! ArchieML values are text; an empty value (`key:` with nothing after it)
//! becomes [`Value::Null`], as the same line does in YAML, so the schema's
//! "is empty" and "empty list" rules hold for both formats.

pub mod mistakes;
pub mod write;

use std::collections::HashMap;

pub use crate::load::{Key, Node, Value};
use crate::source::Pos;

/// How deep the tree may nest, as for YAML: nested blocks and dotted keys
/// past it are dropped (and reported), so that no input can make the
/// recursive stages after this one run out of stack.
pub const MAX_DEPTH: usize = crate::load::yaml::MAX_DEPTH;

/// The tree of a document, and what happened to its text lines.
#[derive(Debug, Clone)]
pub struct Document {
    pub root: Node,
    pub lines: Vec<TextLine>,
    /// Keys written a second time in the same object, the later winning.
    pub repeats: Vec<Repeat>,
}

/// A `key:` line that replaced a value an earlier line gave the same key
/// of the same object.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeat {
    /// The key as written, dots and all.
    pub key: String,
    pub first: Pos,
    pub again: Pos,
    /// In a list of objects, the key that starts each item.
    pub item_key: Option<String>,
    /// Whether the key started a new item instead (a repair: see
    /// [`parse_repairing`]).
    pub split: bool,
}

/// A non-blank line of text outside `:skip` blocks and freeform lists:
/// neither a command nor part of the tree, unless `:end` folded it into a
/// value.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// 1-based.
    pub line: usize,
    pub fate: Fate,
    /// The list the line was read in, if that holds `*` items or nothing
    /// yet: its name and where it was opened. In a list of items, `key:`
    /// lines are text.
    pub in_list: Option<(String, Pos)>,
    /// The value this line followed, when one was open: its key (or `*`
    /// for a list item) and the line the value started on.
    pub after: Option<(String, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Dropped, as text between commands is.
    Dropped,
    /// Made part of the value above it by an `:end`.
    Folded,
    /// A block or dotted key nested past [`MAX_DEPTH`], left out.
    TooDeep,
}

/// Parse a whole document. Never fails: see the module's opening comment.
pub fn parse(text: &str) -> Document {
    parse_repairing(text, &[], false)
}

/// [`parse`], repairing as [`mistakes`] does: with a `[]` read before each
/// of the `close_lists_before` lines (1-based, in order) that is in a list
/// of `*` items, so that one missing `[]` is one error and not one per key
/// it swallowed; and, with `split_items`, a key an item of a list of
/// objects already has starting the next item, as the editor who left out
/// the item's first key meant (ArchieML would replace the first value).
pub(crate) fn parse_repairing(
    text: &str,
    close_lists_before: &[usize],
    split_items: bool,
) -> Document {
    let mut parser = Parser::new();
    parser.split_items = split_items;
    let mut closes = close_lists_before.iter().peekable();
    let mut pieces = text.split('\n').enumerate().peekable();
    while let Some((index, line)) = pieces.next() {
        let mut close = false;
        while let Some(&n) = closes.next_if(|&&n| n <= index + 1) {
            close |= n == index + 1;
        }
        let in_items = parser.stack.last().map(|f| f.kind) == Some(Some(ListKind::Items));
        if close && in_items && !parser.skipping {
            let closer = ScopeLine {
                list: true,
                nested: false,
                freeform: false,
                key: "",
                key_column: 1,
            };
            parser.scope(&closer, index + 1);
        }
        if !parser.line(line, index + 1, pieces.peek().is_some()) {
            break;
        }
    }
    parser.flush();
    let root = parser.arena.node(ROOT);
    let root = match &root.value {
        Value::Map(entries) if entries.is_empty() => Node {
            value: Value::Null,
            pos: root.pos,
        },
        _ => root,
    };
    Document {
        root,
        lines: parser.lines,
        repeats: parser.repeats,
    }
}

impl Document {
    /// [`to_json`] of the whole document: `{}` when it holds nothing.
    pub fn json(&self) -> serde_json::Value {
        match self.root.value {
            Value::Null => serde_json::Value::Object(serde_json::Map::new()),
            _ => to_json(&self.root),
        }
    }
}

/// The document as JSON, the way ArchieML's own tools give it (empty values
/// as empty strings): what the shared test suite compares.
pub fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as Json;
    match &node.value {
        Value::Null => Json::String(String::new()),
        Value::Bool(b) => Json::String(b.to_string()),
        Value::Int(n) => Json::String(n.to_string()),
        Value::Float(n) => Json::String(n.to_string()),
        Value::Str(s) => Json::String(s.clone()),
        Value::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|(key, value)| (key.name.clone(), to_json(value)))
                .collect(),
        ),
    }
}

/// What the spec calls whitespace at the ends of a line, where the
/// reference parser's `\s` reads any Unicode space.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// Between a key and its colon, and inside brackets, only these.
fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r')
}

/// A key is a run of anything but whitespace, brackets, braces, colons and
/// backslashes (the reference parser's rule; the spec's prose is narrower,
/// but the suite has keys such as `π` and `🐶`).
pub(crate) fn is_key_char(c: char) -> bool {
    !(is_space(c) || matches!(c, '\0' | '\u{200b}' | '[' | '\\' | ']' | '{' | '}' | ':'))
}

/// A line, after its leading whitespace: the column (1-based, in
/// characters) where that starts, and the rest.
fn after_indent(line: &str) -> (usize, &str) {
    let rest = line.trim_start_matches(is_space);
    let column = line[..line.len() - rest.len()].chars().count() + 1;
    (column, rest)
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    End,
    Ignore,
    Skip,
    EndSkip,
}

/// `:end`, `:skip`, `:endskip` or `:ignore`, any case, anything after.
pub(crate) fn command(line: &str) -> Option<Command> {
    let rest = after_indent(line).1.strip_prefix(':')?;
    let word = rest.trim_start_matches(is_gap).as_bytes();
    let starts = |prefix: &str| {
        word.len() >= prefix.len() && word[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    };
    // `endskip` before `end`, which it starts with.
    if starts("endskip") {
        Some(Command::EndSkip)
    } else if starts("ignore") {
        Some(Command::Ignore)
    } else if starts("skip") {
        Some(Command::Skip)
    } else if starts("end") {
        Some(Command::End)
    } else {
        None
    }
}

/// A `key: value` line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KeyLine<'a> {
    pub key: &'a str,
    pub key_column: usize,
    /// The rest of the line after the colon, its leading whitespace gone.
    pub value: &'a str,
    pub value_column: usize,
}

pub(crate) fn key_line(line: &str) -> Option<KeyLine<'_>> {
    let (key_column, rest) = after_indent(line);
    let key_end = rest.find(|c| !is_key_char(c)).unwrap_or(rest.len());
    if key_end == 0 {
        return None;
    }
    let (key, after) = rest.split_at(key_end);
    let after = after.trim_start_matches(is_gap).strip_prefix(':')?;
    let value = after.trim_start_matches(is_space);
    let value_column = line[..line.len() - value.len()].chars().count() + 1;
    Some(KeyLine {
        key,
        key_column,
        value,
        value_column,
    })
}

/// A `* item` line: the item and its column.
pub(crate) fn item_line(line: &str) -> Option<(&str, usize)> {
    let (_, rest) = after_indent(line);
    let after = rest.strip_prefix('*')?;
    let value = after.trim_start_matches(is_space);
    let column = line[..line.len() - value.len()].chars().count() + 1;
    Some((value, column))
}

/// A `[list]`, `{object}`, `[]` or `{}` line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ScopeLine<'a> {
    pub list: bool,
    /// `.`: nested in the open block rather than replacing it.
    pub nested: bool,
    /// `+`: a freeform list.
    pub freeform: bool,
    /// Empty for `[]` and `{}`.
    pub key: &'a str,
    pub key_column: usize,
}

pub(crate) fn scope_line(line: &str) -> Option<ScopeLine<'_>> {
    let (_, rest) = after_indent(line);
    let list = match rest.chars().next()? {
        '[' => true,
        '{' => false,
        _ => return None,
    };
    let rest = rest[1..].trim_start_matches(is_gap);
    let flags_end = rest.find(|c| c != '+' && c != '.').unwrap_or(rest.len());
    let (flags, rest) = rest.split_at(flags_end);
    let rest = rest.trim_start_matches(is_gap);
    let key_end = rest.find(|c| !is_key_char(c)).unwrap_or(rest.len());
    let (key, after) = rest.split_at(key_end);
    if !after.trim_start_matches(is_gap).starts_with([']', '}']) {
        return None;
    }
    let key_column = line[..line.len() - rest.len()].chars().count() + 1;
    Some(ScopeLine {
        list,
        nested: flags.contains('.'),
        freeform: flags.contains('+'),
        key,
        key_column,
    })
}

// The tree is built in an arena so that, as in the reference parser, the
// open block and the open value are references that stay valid (if
// detached) whatever a later line replaces: a path from the root would
// follow the replacement instead.
type Id = usize;
const ROOT: Id = 0;

#[derive(Debug)]
enum Slot {
    Text(String),
    Map {
        entries: Vec<(Key, Id)>,
        /// Each key's index in `entries`: a document may hold many keys.
        index: HashMap<String, usize>,
    },
    List(Vec<Id>),
}

#[derive(Debug)]
struct Arena {
    slots: Vec<(Slot, Pos, usize)>,
}

impl Arena {
    fn add(&mut self, slot: Slot, pos: Pos, depth: usize) -> Id {
        self.slots.push((slot, pos, depth));
        self.slots.len() - 1
    }

    fn new_map(&mut self, pos: Pos, depth: usize) -> Id {
        self.add(
            Slot::Map {
                entries: Vec::new(),
                index: HashMap::new(),
            },
            pos,
            depth,
        )
    }

    fn depth(&self, id: Id) -> usize {
        self.slots[id].2
    }

    fn get(&self, map: Id, name: &str) -> Option<Id> {
        match &self.slots[map].0 {
            Slot::Map { entries, index } => index.get(name).map(|&i| entries[i].1),
            _ => None,
        }
    }

    fn is_map(&self, id: Id) -> bool {
        matches!(self.slots[id].0, Slot::Map { .. })
    }

    /// Set `name` in `map` to `value`, in the place the key already had if
    /// it had one; returns where it was written before.
    fn set(&mut self, map: Id, key: Key, value: Id) -> Option<Pos> {
        let Slot::Map { entries, index } = &mut self.slots[map].0 else {
            return None;
        };
        match index.get(&key.name) {
            Some(&i) => {
                let before = entries[i].0.pos;
                entries[i] = (key, value);
                Some(before)
            }
            None => {
                index.insert(key.name.clone(), entries.len());
                entries.push((key, value));
                None
            }
        }
    }

    fn push(&mut self, list: Id, value: Id) {
        if let Slot::List(items) = &mut self.slots[list].0 {
            items.push(value);
        }
    }

    fn node(&self, id: Id) -> Node {
        let (slot, pos, _) = &self.slots[id];
        let value = match slot {
            Slot::Text(text) if text.is_empty() => Value::Null,
            Slot::Text(text) => Value::Str(text.clone()),
            Slot::Map { entries, .. } => Value::Map(
                entries
                    .iter()
                    .map(|(key, id)| (key.clone(), self.node(*id)))
                    .collect(),
            ),
            Slot::List(items) => Value::Seq(items.iter().map(|&id| self.node(id)).collect()),
        };
        Node { value, pos: *pos }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    /// `* item` lines.
    Items,
    /// `key: value` lines, a new item at each repeat of the first key.
    Objects,
    Freeform,
}

/// An open block.
#[derive(Debug, Clone)]
struct Frame {
    list: Option<Id>,
    kind: Option<ListKind>,
    first_key: Option<String>,
    /// The list's name and where it was opened, for messages.
    name: (String, Pos),
    plus: bool,
    /// The object keys went into before the block opened.
    outer: Id,
}

impl Frame {
    fn is_freeform(&self) -> bool {
        self.plus && self.list.is_some()
    }
}

/// The value text lines may still be added to, by an `:end`.
#[derive(Debug, Default)]
struct Buffer {
    /// The text node the value went into, its key and its first line.
    target: Option<(Id, String, usize)>,
    text: String,
    lines: Vec<(usize, Option<(String, Pos)>)>,
}

struct Parser {
    arena: Arena,
    scope: Id,
    stack: Vec<Frame>,
    buffer: Buffer,
    skipping: bool,
    lines: Vec<TextLine>,
    repeats: Vec<Repeat>,
    split_items: bool,
}

impl Parser {
    fn new() -> Self {
        let mut arena = Arena { slots: Vec::new() };
        arena.new_map(Pos::new(1, 1, 1), 0);
        Parser {
            arena,
            scope: ROOT,
            stack: Vec::new(),
            buffer: Buffer::default(),
            skipping: false,
            lines: Vec::new(),
            repeats: Vec::new(),
            split_items: false,
        }
    }

    /// One line; false once `:ignore` ends the document.
    fn line(&mut self, line: &str, number: usize, newline: bool) -> bool {
        if let Some(command) = command(line) {
            return self.command(command);
        }
        if self.skipping {
            return true;
        }
        let top_kind = self.stack.last().and_then(|f| f.kind);
        let in_list = self.stack.last().is_some_and(|f| f.list.is_some());
        let freeform = self.stack.last().is_some_and(Frame::is_freeform);
        if top_kind != Some(ListKind::Items)
            && let Some(key) = key_line(line)
        {
            self.key(&key, number);
        } else if let Some((value, column)) = item_line(line)
            .filter(|_| in_list && !freeform && matches!(top_kind, None | Some(ListKind::Items)))
        {
            self.item(value, column, number);
        } else if let Some(scope) = scope_line(line) {
            self.scope(&scope, number);
        } else {
            self.text(line, number, newline);
        }
        true
    }

    /// Empty the buffer: its lines are dropped.
    fn flush(&mut self) {
        let buffer = std::mem::take(&mut self.buffer);
        let after = buffer.target.map(|(_, key, line)| (key, line));
        for (line, in_list) in buffer.lines {
            self.lines.push(TextLine {
                line,
                fate: Fate::Dropped,
                in_list,
                after: after.clone(),
            });
        }
    }

    /// Open `text` as the value lines may be added to with `:end`; what
    /// follows it on its line (trailing spaces, the newline) starts the
    /// buffer so the value's second line stays a line of its own.
    fn open_value(&mut self, id: Id, key: String, number: usize, rest: &str) {
        let value = rest.trim_end_matches(is_space);
        if let Slot::Text(text) = &mut self.arena.slots[id].0 {
            *text = value.to_owned();
        }
        self.buffer.target = Some((id, key, number));
        self.buffer.text = format!("{}\n", &rest[value.len()..]);
    }

    fn key(&mut self, line: &KeyLine, number: usize) {
        self.flush();
        let key_pos = Pos::new(number, line.key_column, chars(line.key));
        self.start_item(line.key, key_pos);
        let freeform = self.stack.last().is_some_and(Frame::is_freeform);
        let value = line.value.trim_end_matches(is_space);
        let value_pos = Pos::new(number, line.value_column, chars(value));
        let name = if freeform { "value" } else { line.key };
        let Some((map, last, last_pos)) = self.walk(self.scope, name, key_pos, freeform) else {
            return;
        };
        let depth = self.arena.depth(map) + 1;
        let id = self.arena.add(Slot::Text(String::new()), value_pos, depth);
        let before = self.arena.set(
            map,
            Key {
                name: last,
                pos: last_pos,
            },
            id,
        );
        if let Some(first) = before {
            self.repeats.push(Repeat {
                key: line.key.to_owned(),
                first,
                again: last_pos,
                item_key: self.stack.last().and_then(|f| f.first_key.clone()),
                split: false,
            });
        }
        self.open_value(id, line.key.to_owned(), number, line.value);
    }

    /// The object a dotted `name` goes into from `map`, made as needed (a
    /// value in the way is replaced, the later line winning), and the last
    /// part of the name with its position. `None` past [`MAX_DEPTH`].
    fn walk(
        &mut self,
        mut map: Id,
        name: &str,
        pos: Pos,
        verbatim: bool,
    ) -> Option<(Id, String, Pos)> {
        let parts: Vec<&str> = if verbatim {
            vec![name]
        } else {
            name.split('.').collect()
        };
        if self.arena.depth(map) + parts.len() > MAX_DEPTH {
            self.lines.push(TextLine {
                line: pos.line as usize,
                fate: Fate::TooDeep,
                in_list: None,
                after: None,
            });
            return None;
        }
        let mut column = pos.column as usize;
        let (last, inner) = parts.split_last()?;
        for part in inner {
            let part_pos = Pos::new(pos.line as usize, column, chars(part));
            column += chars(part) + 1;
            map = match self
                .arena
                .get(map, part)
                .filter(|&id| self.arena.is_map(id))
            {
                Some(inner) => inner,
                None => {
                    let depth = self.arena.depth(map) + 1;
                    let inner = self.arena.new_map(part_pos, depth);
                    self.arena.set(
                        map,
                        Key {
                            name: (*part).to_owned(),
                            pos: part_pos,
                        },
                        inner,
                    );
                    inner
                }
            };
        }
        Some((
            map,
            (*last).to_owned(),
            Pos::new(pos.line as usize, column, chars(last)),
        ))
    }

    /// In a list of objects, a new item starts at the first key and at each
    /// repeat of it; in a freeform list, at every key.
    fn start_item(&mut self, key: &str, pos: Pos) {
        let Some(frame) = self.stack.last_mut() else {
            return;
        };
        let Some(list) = frame.list else {
            return;
        };
        let kind = *frame.kind.get_or_insert(ListKind::Objects);
        if kind == ListKind::Items {
            return;
        }
        let first_key = frame.first_key.clone();
        let freeform = frame.is_freeform();
        let starts = match first_key.as_deref() {
            None => true,
            Some(_) if self.split_items && !freeform => {
                let had = self.written_at(self.scope, key);
                if let (Some(first), Some(first_key)) = (had, &first_key)
                    && first_key != key
                {
                    self.repeats.push(Repeat {
                        key: key.to_owned(),
                        first,
                        again: pos,
                        item_key: Some(first_key.clone()),
                        split: true,
                    });
                }
                had.is_some()
            }
            Some(first) => first == key,
        };
        let Some(frame) = self.stack.last_mut() else {
            return;
        };
        if !freeform && frame.first_key.is_none() {
            frame.first_key = Some(key.to_owned());
        }
        if starts {
            let depth = self.arena.depth(list) + 1;
            let item = self.arena.new_map(pos, depth);
            self.arena.push(list, item);
            self.scope = item;
        }
        if freeform {
            let depth = self.arena.depth(self.scope) + 1;
            let id = self.arena.add(Slot::Text(key.to_owned()), pos, depth);
            self.arena.set(
                self.scope,
                Key {
                    name: "type".to_owned(),
                    pos,
                },
                id,
            );
        }
    }

    /// Where the object `map` was given the dotted `key`, if it was.
    fn written_at(&self, map: Id, key: &str) -> Option<Pos> {
        let mut map = map;
        let mut parts = key.split('.').peekable();
        while let Some(part) = parts.next() {
            let Slot::Map { entries, index } = &self.arena.slots[map].0 else {
                return None;
            };
            let &i = index.get(part)?;
            if parts.peek().is_none() {
                return Some(entries[i].0.pos);
            }
            map = entries[i].1;
        }
        None
    }

    fn item(&mut self, value: &str, column: usize, number: usize) {
        self.flush();
        let Some(frame) = self.stack.last_mut() else {
            return;
        };
        frame.kind = Some(ListKind::Items);
        let Some(list) = frame.list else {
            return;
        };
        let trimmed = value.trim_end_matches(is_space);
        let depth = self.arena.depth(list) + 1;
        let id = self.arena.add(
            Slot::Text(String::new()),
            Pos::new(number, column, chars(trimmed)),
            depth,
        );
        self.arena.push(list, id);
        self.open_value(id, "*".to_owned(), number, value);
    }

    fn command(&mut self, command: Command) -> bool {
        if self.skipping && !matches!(command, Command::EndSkip | Command::Ignore) {
            self.flush();
            return true;
        }
        match command {
            Command::End => {
                if let Some((id, _, _)) = self.buffer.target.clone() {
                    let buffer = std::mem::take(&mut self.buffer);
                    let after = buffer.target.map(|(_, key, line)| (key, line));
                    let folded = unescape(&buffer.text);
                    if let Slot::Text(text) = &mut self.arena.slots[id].0 {
                        text.push_str(folded.trim_end_matches(is_space));
                    }
                    for (line, in_list) in buffer.lines {
                        self.lines.push(TextLine {
                            line,
                            fate: Fate::Folded,
                            in_list,
                            after: after.clone(),
                        });
                    }
                }
                true
            }
            Command::Ignore => false,
            Command::Skip => {
                self.skipping = true;
                self.flush();
                true
            }
            Command::EndSkip => {
                self.skipping = false;
                self.flush();
                true
            }
        }
    }

    fn scope(&mut self, line: &ScopeLine, number: usize) {
        self.flush();
        if line.key.is_empty() {
            let frame = self.stack.pop();
            self.scope = frame.map_or(ROOT, |f| f.outer);
            return;
        }
        let pos = Pos::new(number, line.key_column, chars(line.key));
        // Inside a freeform list a block's name is taken as written, dots
        // and all, even by a block that closes the list (the suite's
        // `all.0` has `[00068.simple]` so): the reference parser decides
        // on the list open before the line.
        let in_freeform = self.stack.last().is_some_and(|f| f.plus);
        let mut key_scope = ROOT;
        if line.nested {
            self.start_item(line.key, pos);
            if !self.stack.is_empty() {
                key_scope = self.scope;
            }
        } else {
            self.scope = ROOT;
            self.stack.clear();
        }
        let nested_freeform = in_freeform && line.nested;
        let name = if nested_freeform { "value" } else { line.key };
        let Some((map, last, last_pos)) = self.walk(key_scope, name, pos, in_freeform) else {
            return;
        };
        let depth = self.arena.depth(map) + 1;
        let mut frame = Frame {
            list: None,
            kind: None,
            first_key: None,
            name: (line.key.to_owned(), pos),
            plus: line.freeform && line.list,
            outer: self.scope,
        };
        let key = Key {
            name: last,
            pos: last_pos,
        };
        if line.list {
            let list = self.arena.add(Slot::List(Vec::new()), pos, depth);
            self.arena.set(map, key, list);
            frame.list = Some(list);
            if frame.plus {
                frame.kind = Some(ListKind::Freeform);
            }
        } else {
            // A block named again reopens the object, unless it nests: then
            // it starts afresh, as the reference parser does.
            let existing = self
                .arena
                .get(map, &key.name)
                .filter(|&id| !line.nested && self.arena.is_map(id));
            let object = match existing {
                Some(object) => object,
                None => {
                    let object = self.arena.new_map(pos, depth);
                    self.arena.set(map, key, object);
                    object
                }
            };
            self.scope = object;
        }
        if line.nested {
            self.stack.push(frame);
        } else {
            self.stack = vec![frame];
        }
    }

    fn text(&mut self, line: &str, number: usize, newline: bool) {
        let blank = line.chars().all(is_space);
        if let Some(frame) = self.stack.last().filter(|f| f.is_freeform()) {
            if !blank && let Some(list) = frame.list {
                let (column, rest) = after_indent(line);
                let value = rest.trim_end_matches(is_space);
                let pos = Pos::new(number, column, chars(value));
                let depth = self.arena.depth(list) + 1;
                let item = self.arena.new_map(pos, depth);
                for (name, text) in [("type", "text"), ("value", value)] {
                    let id = self.arena.add(Slot::Text(text.to_owned()), pos, depth + 1);
                    self.arena.set(
                        item,
                        Key {
                            name: name.to_owned(),
                            pos,
                        },
                        id,
                    );
                }
                self.arena.push(list, item);
            }
            return;
        }
        self.buffer.text.push_str(line);
        if newline {
            self.buffer.text.push('\n');
        }
        if !blank {
            let in_list = self
                .stack
                .last()
                .filter(|f| f.list.is_some() && matches!(f.kind, None | Some(ListKind::Items)))
                .map(|f| f.name.clone());
            self.buffer.lines.push((number, in_list));
        }
    }
}

/// The lines of a value after its first, with the backslash that escapes
/// a line (the first thing on it after any whitespace) taken off.
fn unescape(buffer: &str) -> String {
    let mut out = String::with_capacity(buffer.len());
    for piece in buffer.split_inclusive('\n') {
        let rest = piece.trim_start_matches(is_space);
        let indent = &piece[..piece.len() - rest.len()];
        match rest.strip_prefix('\\') {
            Some(after) => {
                out.push_str(indent);
                out.push_str(after);
            }
            None => out.push_str(piece),
        }
    }
    out
}

#[cfg(test)]
mod tests;

/// Everything this module does to one document, with the promises that
/// hold for any text: the mistakes are found and each renders as a
/// message, and a document written out by [`write`] reads back as the same
/// values. What the fuzz target and the tests that replay its inputs run.
pub fn exercise(text: &str) -> Result<(), String> {
    let file = crate::source::SourceFile::new(crate::load::facts_file::AML_PATH, text);
    let (_, found) = mistakes::read(&file.text);
    for mistake in &found {
        if mistake.diagnostic(&file).render().is_empty() {
            return Err(format!("{mistake:?} renders as nothing"));
        }
    }
    let document = parse(&file.text);
    if let Ok(written) = write::write(&document.root) {
        let again = parse(&written).json();
        if again != document.json() {
            return Err(format!(
                "written out, the document reads back as {again}, not {}:\n{written}",
                document.json()
            ));
        }
    }
    Ok(())
}
