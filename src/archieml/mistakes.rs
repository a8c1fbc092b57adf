//! The mistakes an editor makes in a Google Doc, found and, where the
//! intent is plain, repaired so that one mistake is one message rather
//! than a cascade of "missing field" errors.
//!
//! ArchieML drops whatever is not a command, so each of these leaves the
//! file meaning something else than it says, silently: a bullet or a
//! pasted no-break space turns a key into dropped text; quotes make a key
//! another key; a list of `*` items left open swallows the keys after it;
//! a value of several lines without `:end` keeps only its first; an item
//! without the list's first key merges into the item above it. A repaired
//! file is still reported as an error: other ArchieML readers (a
//! newsroom's own scripts) would not repair it.
//!
//! Repairs replace one character by one, so every line and column of the
//! repaired text is the file's.

use std::collections::BTreeMap;

use super::{
    Document, Fate, MAX_DEPTH, Node, Value, command, is_space, item_line, key_line,
    parse_repairing, scope_line,
};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Pos, SourceFile};

#[derive(Debug, Clone, PartialEq)]
pub struct Mistake {
    pub pos: Pos,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A bullet (`•`, `-`, `*`…) before a key: the line is text.
    BulletBeforeKey {
        bullet: char,
        key: String,
    },
    /// A list item that starts with a bullet other than `*`.
    WrongBullet {
        bullet: char,
        list: String,
    },
    /// A space of another kind (no-break, zero-width…) in a command line,
    /// where only spaces and tabs may be.
    PastedSpace {
        space: char,
        key: String,
    },
    /// A key in quotes (`“name”:`), which is another key.
    QuotedKey {
        key: String,
        bare: String,
    },
    /// A `key:` line inside a list of `*` items, where it is text.
    KeyInList {
        key: String,
        list: String,
        /// Made part of the item above by an `:end`, rather than dropped.
        folded: bool,
    },
    /// Text right after a one-line value, dropped for want of an `:end`.
    NoEnd {
        key: String,
    },
    /// A key written twice in one object, the second replacing the first.
    Repeated {
        key: String,
        first: Pos,
    },
    /// A key an item of a list of objects already has, taken to start the
    /// next item, which lacks the key items start with.
    NewItem {
        key: String,
        first: Pos,
        item_key: String,
    },
    TooDeep,
}

/// Characters documents paste where a space is meant, and invisible ones
/// that split a word: ArchieML takes none of them for a space between a
/// key and its colon.
fn pasted_space(c: char) -> bool {
    c != ' ' && c != '\t' && (is_space(c) || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}'))
}

/// Bullets a document's list formatting, or a writer's habit, puts
/// before a line.
const BULLETS: &[char] = &['•', '●', '◦', '▪', '‣', '∙', '·', '–', '—', '-', '*'];

/// Quotes a document makes of straight ones, and the straight ones.
fn is_quote(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '„' | '‘' | '’' | '‚' | '«' | '»' | '"' | '\''
    )
}

/// The document's tree, repaired, and its mistakes in line order.
pub fn read(text: &str) -> (Node, Vec<Mistake>) {
    let first = parse_repairing(text, &[], true);
    let lines: Vec<&str> = text.split('\n').collect();
    let line_of = |n: usize| lines.get(n.wrapping_sub(1)).copied().unwrap_or("");
    let mut mistakes = Vec::new();
    let mut edits: BTreeMap<usize, String> = BTreeMap::new();
    let mut closes = Vec::new();
    let mut reported_lists = Vec::new();

    for text_line in &first.lines {
        let number = text_line.line;
        let line = line_of(number);
        if text_line.fate == Fate::TooDeep {
            mistakes.push(Mistake {
                pos: Pos::new(number, 1, line.chars().count()),
                kind: Kind::TooDeep,
            });
            continue;
        }
        if text_line.fate == Fate::Folded {
            continue;
        }
        if let Some((list, list_pos)) = &text_line.in_list {
            if let Some((bullet, column, repaired)) = swap_bullet(line, '*')
                && item_line(&repaired).is_some()
            {
                mistakes.push(Mistake {
                    pos: Pos::new(number, column, 1),
                    kind: Kind::WrongBullet {
                        bullet,
                        list: list.clone(),
                    },
                });
                edits.insert(number, repaired);
                continue;
            }
            if let Some(key) = key_line(line)
                && !reported_lists.contains(list_pos)
            {
                reported_lists.push(*list_pos);
                closes.push(number);
                mistakes.push(Mistake {
                    pos: Pos::new(number, key.key_column, key.key.chars().count()),
                    kind: Kind::KeyInList {
                        key: key.key.to_owned(),
                        list: list.clone(),
                        folded: false,
                    },
                });
                continue;
            }
        } else if let Some(mistake) = pasted(line, number) {
            edits.insert(number, mistake.1);
            mistakes.push(mistake.0);
            continue;
        }
        if let Some((key, value_line)) = &text_line.after
            && number == value_line + 1
            && !(text_line.in_list.is_some() && key_line(line).is_some())
        {
            let (column, rest) = (
                line.len() - line.trim_start_matches(is_space).len(),
                line.trim(),
            );
            mistakes.push(Mistake {
                pos: Pos::new(
                    number,
                    line[..column].chars().count() + 1,
                    rest.chars().count(),
                ),
                kind: Kind::NoEnd { key: key.clone() },
            });
        }
    }
    quoted_keys(&first.root, &lines, &mut edits, &mut mistakes);

    let repaired = if edits.is_empty() && closes.is_empty() {
        first
    } else {
        let text: Vec<&str> = lines
            .iter()
            .enumerate()
            .map(|(index, line)| edits.get(&(index + 1)).map_or(*line, String::as_str))
            .collect();
        parse_repairing(&text.join("\n"), &closes, true)
    };
    later_mistakes(&repaired, &lines, &mut mistakes);
    mistakes.sort_by_key(|m| (m.pos.line, m.pos.column));
    (repaired.root, mistakes)
}

/// What the repaired document still holds: keys written twice, and keys
/// an `:end` folded into a list item.
fn later_mistakes(document: &Document, lines: &[&str], mistakes: &mut Vec<Mistake>) {
    for repeat in &document.repeats {
        mistakes.push(Mistake {
            pos: repeat.again,
            kind: match (&repeat.item_key, repeat.split) {
                (Some(item_key), true) => Kind::NewItem {
                    key: repeat.key.clone(),
                    first: repeat.first,
                    item_key: item_key.clone(),
                },
                _ => Kind::Repeated {
                    key: repeat.key.clone(),
                    first: repeat.first,
                },
            },
        });
    }
    for text_line in &document.lines {
        let line = lines.get(text_line.line - 1).copied().unwrap_or("");
        if let (Fate::Folded, Some((list, _)), Some(key)) =
            (text_line.fate, &text_line.in_list, key_line(line))
        {
            mistakes.push(Mistake {
                pos: Pos::new(text_line.line, key.key_column, key.key.chars().count()),
                kind: Kind::KeyInList {
                    key: key.key.to_owned(),
                    list: list.clone(),
                    folded: true,
                },
            });
        }
    }
}

/// `line` with its first character, when that is a bullet followed by a
/// space, replaced by `with`: the bullet, its column and the new line.
fn swap_bullet(line: &str, with: char) -> Option<(char, usize, String)> {
    let rest = line.trim_start_matches(is_space);
    let mut chars = rest.chars();
    let bullet = chars.next().filter(|c| BULLETS.contains(c))?;
    if !chars.next().is_some_and(|c| c == ' ' || c == '\t') {
        return None;
    }
    let at = line.len() - rest.len();
    let column = line[..at].chars().count() + 1;
    let repaired = format!("{}{with}{}", &line[..at], &rest[bullet.len_utf8()..]);
    Some((bullet, column, repaired))
}

/// A dropped line that is a command but for a bullet or a pasted space.
fn pasted(line: &str, number: usize) -> Option<(Mistake, String)> {
    let is_command =
        |l: &str| command(l).is_some() || key_line(l).is_some() || scope_line(l).is_some();
    if let Some((bullet, column, repaired)) = swap_bullet(line, ' ')
        && let Some(key) = key_line(&repaired)
    {
        let mistake = Mistake {
            pos: Pos::new(number, column, 1),
            kind: Kind::BulletBeforeKey {
                bullet,
                key: key.key.to_owned(),
            },
        };
        return Some((mistake, repaired));
    }
    let (at, space) = line.char_indices().find(|&(_, c)| pasted_space(c))?;
    let repaired: String = line
        .chars()
        .map(|c| if pasted_space(c) { ' ' } else { c })
        .collect();
    if !is_command(&repaired) {
        return None;
    }
    let key = key_line(&repaired)
        .map(|k| format!("{}:", k.key))
        .or_else(|| scope_line(&repaired).map(|s| format!("[{}]", s.key)))
        .unwrap_or_else(|| repaired.trim().to_owned());
    let mistake = Mistake {
        pos: Pos::new(number, line[..at].chars().count() + 1, 1),
        kind: Kind::PastedSpace { space, key },
    };
    Some((mistake, repaired))
}

/// Keys with quotes in them: the line is repaired when, the quotes made
/// spaces, it is a key line or a block of the bare key.
fn quoted_keys(
    node: &Node,
    lines: &[&str],
    edits: &mut BTreeMap<usize, String>,
    mistakes: &mut Vec<Mistake>,
) {
    let entries: Box<dyn Iterator<Item = (Option<&crate::load::Key>, &Node)>> = match &node.value {
        Value::Map(entries) => Box::new(entries.iter().map(|(k, n)| (Some(k), n))),
        Value::Seq(items) => Box::new(items.iter().map(|n| (None, n))),
        _ => return,
    };
    for (key, child) in entries {
        if let Some(key) = key.filter(|k| k.name.chars().any(is_quote)) {
            let number = key.pos.line as usize;
            if !edits.contains_key(&number)
                && let Some(line) = lines.get(number.wrapping_sub(1))
            {
                let repaired: String = line
                    .chars()
                    .map(|c| if is_quote(c) { ' ' } else { c })
                    .collect();
                let bare: String = key.name.chars().filter(|c| !is_quote(*c)).collect();
                let reads = key_line(&repaired).is_some()
                    || scope_line(&repaired).is_some_and(|s| !s.key.is_empty());
                mistakes.push(Mistake {
                    pos: key.pos,
                    kind: Kind::QuotedKey {
                        key: key.name.clone(),
                        bare,
                    },
                });
                if reads {
                    edits.insert(number, repaired);
                }
            }
        }
        quoted_keys(child, lines, edits, mistakes);
    }
}

fn describe(c: char) -> String {
    let name = match c {
        '\u{a0}' => "a no-break space",
        '\u{202f}' => "a narrow no-break space",
        '\u{2007}' => "a figure space",
        '\u{200b}' => "a zero-width space",
        '\u{200c}' => "a zero-width non-joiner",
        '\u{200d}' => "a zero-width joiner",
        '\u{2060}' => "a word joiner",
        '\u{feff}' => "a zero-width no-break space",
        _ => "a space of another kind",
    };
    format!("{name} (U+{:04X})", u32::from(c))
}

impl Mistake {
    pub fn severity(&self) -> Severity {
        match self.kind {
            Kind::NoEnd { .. } | Kind::KeyInList { folded: true, .. } | Kind::NewItem { .. } => {
                Severity::Warning
            }
            _ => Severity::Error,
        }
    }

    /// The mistake in an editor's words, at its place in `file`.
    pub fn diagnostic(&self, file: &SourceFile) -> Diagnostic {
        let (message, help) = match &self.kind {
            Kind::BulletBeforeKey { bullet, key } => (
                format!("a `{bullet}` before `{key}:` makes this line text, which ArchieML leaves out"),
                format!("delete the `{bullet}`: a key begins its line (a list's items are `*` lines under a `[list]` line)"),
            ),
            Kind::WrongBullet { bullet, list } => (
                format!("`{bullet}` is not a bullet ArchieML knows: this item of `{list}` is left out"),
                "begin the item with `*` (a document's own bullets do not survive its download as text)".to_owned(),
            ),
            Kind::PastedSpace { space, key } => (
                format!("{} in `{key}` makes this line text, which ArchieML leaves out", describe(*space)),
                "retype the space as an ordinary one (documents paste this character where a space is meant), or delete it".to_owned(),
            ),
            Kind::QuotedKey { key, bare } => (
                format!("the key `{key}` is in quotes, so it is not `{bare}`"),
                format!("write the key bare: `{bare}:`"),
            ),
            Kind::KeyInList { key, list, folded: false } => (
                format!("`{key}:` is inside `{list}`, a list of `*` items, where ArchieML reads it as text and leaves it out"),
                "end the list with a `[]` line before this one".to_owned(),
            ),
            Kind::KeyInList { key, list, folded: true } => (
                format!("`{key}:` became part of an item of `{list}`, a list of `*` items"),
                format!("if it is a key, end the list with a `[]` line before it; if it is text, write `\\{key}:` to say so"),
            ),
            Kind::NoEnd { key } => {
                let what = if key == "*" {
                    "the item above".to_owned()
                } else {
                    format!("`{key}`")
                };
                (
                    format!("this line is not part of {what}: without `:end`, a value ends with its first line"),
                    "to continue the value, put `:end` on a line of its own after its last line; a note that is not part of it is set apart with a blank line".to_owned(),
                )
            }
            Kind::Repeated { key, first } => (
                format!("`{key}` is written a second time here, and replaces the first (line {})", first.line),
                format!("a key may appear once in an object; delete or rename one `{key}:`"),
            ),
            Kind::NewItem { key, first, item_key } => (
                format!("`{key}:` again (the item above has it on line {}): read as the start of the next item, which has no `{item_key}:` before it", first.line),
                format!("begin each item with `{item_key}:`, as the first one does: ArchieML starts a new item only there, and other ArchieML readers would make this item part of the one above"),
            ),
            Kind::TooDeep => (
                format!("this nests more than {MAX_DEPTH} levels deep, and is left out"),
                "look for a `[.list]` or `{.object}` line that was meant to close a block (`[]`, `{}`)".to_owned(),
            ),
        };
        Diagnostic::at(self.severity(), file, self.pos, message).with_help(help)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(u32, u32, Kind)> {
        read(text)
            .1
            .into_iter()
            .map(|m| (m.pos.line, m.pos.column, m.kind))
            .collect()
    }

    fn json(text: &str) -> serde_json::Value {
        Document {
            root: read(text).0,
            lines: Vec::new(),
            repeats: Vec::new(),
        }
        .json()
    }

    #[test]
    fn a_bullet_before_a_key_is_found_and_repaired() {
        let text = "[people]\nid: a\n• name: Ada\n- role: r\n";
        assert_eq!(
            kinds(text),
            vec![
                (
                    3,
                    1,
                    Kind::BulletBeforeKey {
                        bullet: '•',
                        key: "name".into()
                    }
                ),
                (
                    4,
                    1,
                    Kind::BulletBeforeKey {
                        bullet: '-',
                        key: "role".into()
                    }
                ),
            ]
        );
        assert_eq!(
            json(text),
            serde_json::json!({"people": [{"id": "a", "name": "Ada", "role": "r"}]})
        );
        // In a value that `:end` closes, the same line is text, as meant.
        assert!(kinds("summary: a\n- note: b\n:end").is_empty());
    }

    #[test]
    fn a_document_bullet_in_a_list_is_found_and_repaired() {
        let text = "[aliases]\n• Ada\n* Lovelace\n";
        assert_eq!(
            kinds(text),
            vec![(
                2,
                1,
                Kind::WrongBullet {
                    bullet: '•',
                    list: "aliases".into()
                }
            )]
        );
        assert_eq!(
            json(text),
            serde_json::json!({"aliases": ["Ada", "Lovelace"]})
        );
    }

    #[test]
    fn pasted_spaces_in_a_key_line_are_found_and_repaired() {
        assert_eq!(
            kinds("name\u{a0}: Ada\nrole:\u{a0}ok\n[\u{200b}people]"),
            vec![
                (
                    1,
                    5,
                    Kind::PastedSpace {
                        space: '\u{a0}',
                        key: "name:".into()
                    }
                ),
                (
                    3,
                    2,
                    Kind::PastedSpace {
                        space: '\u{200b}',
                        key: "[people]".into()
                    }
                ),
            ]
        );
        assert_eq!(json("name\u{a0}: Ada"), serde_json::json!({"name": "Ada"}));
    }

    #[test]
    fn quoted_keys_are_found_and_repaired() {
        assert_eq!(
            kinds("“name”: Ada\n\"role\": r"),
            vec![
                (
                    1,
                    1,
                    Kind::QuotedKey {
                        key: "“name”".into(),
                        bare: "name".into()
                    }
                ),
                (
                    2,
                    1,
                    Kind::QuotedKey {
                        key: "\"role\"".into(),
                        bare: "role".into()
                    }
                ),
            ]
        );
        assert_eq!(json("“name”: Ada"), serde_json::json!({"name": "Ada"}));
    }

    #[test]
    fn a_list_left_open_is_one_mistake_and_closed_where_the_keys_begin() {
        let text = "[people]\nid: a\n[.aliases]\n* A\nrole: r\ngroup: g\n\nid: b\n[]\n[]";
        assert_eq!(
            kinds(text),
            vec![(
                5,
                1,
                Kind::KeyInList {
                    key: "role".into(),
                    list: "aliases".into(),
                    folded: false
                }
            )]
        );
        assert_eq!(
            json(text),
            serde_json::json!({"people": [
                {"id": "a", "aliases": ["A"], "role": "r", "group": "g"},
                {"id": "b"}
            ]})
        );
        assert_eq!(
            kinds("[takeaways]\n* A\nnote: b\n:end"),
            vec![(
                3,
                1,
                Kind::KeyInList {
                    key: "note".into(),
                    list: "takeaways".into(),
                    folded: true
                }
            )]
        );
    }

    #[test]
    fn text_right_after_a_value_wants_an_end_and_a_set_apart_note_does_not() {
        assert_eq!(
            kinds("summary: First.\nSecond.\nname: x"),
            vec![(
                2,
                1,
                Kind::NoEnd {
                    key: "summary".into()
                }
            )]
        );
        assert!(kinds("summary: First.\n\nA note for the desk.\nname: x").is_empty());
        assert!(kinds("Notes before the first key.\nname: x").is_empty());
    }

    #[test]
    fn an_item_that_does_not_begin_with_the_first_key_is_its_own_and_reported() {
        let text = "[people]\nid: a\nname: A\n\nname: B\nid: b\nrole: r\n\nname: C\n[]";
        assert_eq!(
            kinds(text),
            vec![
                (
                    5,
                    1,
                    Kind::NewItem {
                        key: "name".into(),
                        first: Pos::new(3, 1, 4),
                        item_key: "id".into()
                    }
                ),
                (
                    9,
                    1,
                    Kind::NewItem {
                        key: "name".into(),
                        first: Pos::new(5, 1, 4),
                        item_key: "id".into()
                    }
                ),
            ]
        );
        assert_eq!(
            json(text),
            serde_json::json!({"people": [
                {"id": "a", "name": "A"},
                {"name": "B", "id": "b", "role": "r"},
                {"name": "C"}
            ]})
        );
        let file = SourceFile::new("content/facts.aml", "");
        let mistake = read(text).1.remove(0);
        assert_eq!(mistake.severity(), Severity::Warning);
        assert!(
            mistake
                .diagnostic(&file)
                .help
                .unwrap()
                .contains("only there")
        );
        // Outside a list, the later value replaces the first, and that is
        // an error, as in YAML.
        assert_eq!(
            kinds("name: A\nname: B"),
            vec![(
                2,
                1,
                Kind::Repeated {
                    key: "name".into(),
                    first: Pos::new(1, 1, 4)
                }
            )]
        );
    }
}
