//! Reading typed values out of the YAML tree, reporting every mismatch with
//! its position and carrying on, so one run lists them all.

use crate::date::{DateError, PartialDate, Timestamp};
use crate::diagnostic::{Diagnostic, Diagnostics, Severity, did_you_mean};
use crate::links::is_safe_url;
use crate::load::{Key, Node, Value};
use crate::source::{Pos, SourceFile};
use crate::text::{Cut, shorten};

pub struct Checker<'a> {
    pub file: &'a SourceFile,
    pub diagnostics: &'a mut Diagnostics,
}

/// A mapping whose keys have been checked against the fields it may have.
pub struct Fields<'n> {
    entries: &'n [(Key, Node)],
    pub pos: Pos,
}

impl<'n> Fields<'n> {
    pub fn get(&self, name: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(key, _)| key.name == name)
            .map(|(_, node)| node)
    }

    pub fn key_pos(&self, name: &str) -> Option<Pos> {
        self.entries
            .iter()
            .find(|(key, _)| key.name == name)
            .map(|(key, _)| key.pos)
    }
}

impl<'a> Checker<'a> {
    pub fn new(file: &'a SourceFile, diagnostics: &'a mut Diagnostics) -> Self {
        Checker { file, diagnostics }
    }

    /// Where `field`'s value is written in this file, named `file`, for
    /// the model to keep (see [`crate::model::WrittenAt`]).
    pub fn written_at(
        &self,
        file: &'static str,
        fields: &Fields,
        field: &str,
    ) -> Option<crate::model::WrittenAt> {
        let node = fields.get(field)?;
        Some(crate::model::WrittenAt {
            file,
            location: self.file.location(node.pos),
        })
    }

    pub fn error(&mut self, pos: Pos, message: impl Into<String>, help: Option<String>) {
        self.report(Severity::Error, pos, message, help);
    }

    pub fn warning(&mut self, pos: Pos, message: impl Into<String>, help: Option<String>) {
        self.report(Severity::Warning, pos, message, help);
    }

    fn report(
        &mut self,
        severity: Severity,
        pos: Pos,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let mut diagnostic = Diagnostic::at(severity, self.file, pos, message);
        diagnostic.help = help;
        self.diagnostics.push(diagnostic);
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        let help = match (&node.value, expected) {
            (Value::Int(_) | Value::Float(_) | Value::Bool(_), "text") => {
                Some("put the value in quotes to make it text, e.g. \"2014\"".to_owned())
            }
            (Value::Str(_) | Value::Map(_), "a list") => {
                Some("write a list with one `- ` line per item, or [a, b]".to_owned())
            }
            (Value::Seq(_), "a mapping") => {
                Some("write `key: value` lines here, without the leading `- `".to_owned())
            }
            _ => None,
        };
        self.error(
            node.pos,
            format!("{what} must be {expected}, found {}", node.value.kind()),
            help,
        );
    }

    /// A mapping with only the `allowed` keys; every other key is reported,
    /// with the closest allowed one as a suggestion.
    pub fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        allowed: &[&str],
    ) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            self.wrong_type(node, what, "a mapping");
            return None;
        };
        for (key, _) in entries {
            if !allowed.contains(&key.name.as_str()) {
                let help = match did_you_mean(&key.name, allowed.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("{what} may have: {}", allowed.join(", ")),
                };
                self.error(
                    key.pos,
                    format!("unknown field `{}` in {what}", key.name),
                    Some(help),
                );
            }
        }
        Some(Fields {
            entries,
            pos: node.pos,
        })
    }

    /// The items of a list; an empty value (`quotes:`) is an empty list.
    pub fn list<'n>(&mut self, node: &'n Node, what: &str) -> &'n [Node] {
        match &node.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            _ => {
                self.wrong_type(node, what, "a list");
                &[]
            }
        }
    }

    /// Non-empty text.
    pub fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Str(text) if text.trim().is_empty() => {
                self.error(node.pos, format!("{what} is empty"), None);
                None
            }
            Value::Str(text) => Some(text.trim().to_owned()),
            Value::Null => {
                self.error(
                    node.pos,
                    format!("{what} is empty"),
                    Some("write the value after the colon".into()),
                );
                None
            }
            _ => {
                self.wrong_type(node, what, "text");
                None
            }
        }
    }

    /// `true` or `false`. ArchieML has only text, so there the words
    /// `true` and `false` count too.
    pub fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        match &node.value {
            Value::Bool(b) => Some(*b),
            Value::Str(text) if text.trim() == "true" => Some(true),
            Value::Str(text) if text.trim() == "false" => Some(false),
            _ => {
                self.error(
                    node.pos,
                    format!("{what} must be true or false, found {}", node.value.kind()),
                    Some(format!(
                        "write `{}: true` or leave the line out",
                        what.trim_matches('`')
                    )),
                );
                None
            }
        }
    }

    /// A BCP 47 language tag, as far as a page needs one to be right: a
    /// primary language of 2–3 letters (or `x`/`i` for private and legacy
    /// tags) and subtags of 1–8 letters or digits, so a screen reader is
    /// never told to switch to a language that does not exist in form.
    pub fn language_tag(&mut self, node: &Node, what: &str) -> Option<String> {
        let tag = self.text(node, what)?;
        if crate::locale::is_language_tag(&tag) {
            return Some(tag);
        }
        let help = match crate::locale::suggest_tag(&tag) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "use a tag such as en, fr, pt-BR or zh-Hant".into(),
        };
        self.error(
            node.pos,
            format!("`{tag}` is not a language tag"),
            Some(help),
        );
        None
    }

    pub fn required<'n>(&mut self, fields: &Fields<'n>, key: &str, what: &str) -> Option<&'n Node> {
        let node = fields.get(key);
        if node.is_none() {
            self.error(
                fields.pos,
                format!("{what} is missing `{key}`"),
                Some(format!("add a `{key}:` line")),
            );
        }
        node
    }

    pub fn required_text(&mut self, fields: &Fields, key: &str, what: &str) -> Option<String> {
        let node = self.required(fields, key, what)?;
        self.text(node, &format!("`{key}`"))
    }

    pub fn optional_text(&mut self, fields: &Fields, key: &str) -> Option<String> {
        let node = fields.get(key)?;
        self.text(node, &format!("`{key}`"))
    }

    /// A list of non-empty texts.
    pub fn text_list(&mut self, fields: &Fields, key: &str) -> Vec<(String, Pos)> {
        let Some(node) = fields.get(key) else {
            return Vec::new();
        };
        let what = format!("`{key}`");
        self.list(node, &what)
            .iter()
            .filter_map(|item| {
                self.text(item, &format!("an entry of {what}"))
                    .map(|t| (t, item.pos))
            })
            .collect()
    }

    /// `1987`, `2019-08` or `2026-05-13`, quoted or not.
    pub fn partial_date(&mut self, node: &Node, what: &str) -> Option<PartialDate> {
        let parsed = match &node.value {
            Value::Int(year) => PartialDate::from_year(*year),
            Value::Str(text) => PartialDate::parse(text),
            // YAML reads `0999` as a number, not as the year an editor
            // zero-padded.
            Value::Float(_) => {
                self.error(
                    node.pos,
                    format!("{what} must be a date, found a number"),
                    Some("a year before 1000 is written with four digits in quotes: `date: \"0999\"`".into()),
                );
                return None;
            }
            _ => {
                self.wrong_type(node, what, "a date");
                return None;
            }
        };
        let date = self.date_result(node.pos, what, parsed)?;
        // `"0999"` says the year is meant; `1` or `999` may be a slip.
        let padded = matches!(&node.value, Value::Str(text)
            if text.trim().split('-').next().is_some_and(|year| year.len() == 4));
        if date.year < 1000 && !padded {
            self.warning(
                node.pos,
                format!("{what} is in the year {}, more than a thousand years ago", date.year),
                Some("if that is meant, write the year with four digits in quotes (`\"0999\"`) to say so; if not, check the date for a digit lost".into()),
            );
        }
        Some(date)
    }

    /// A day or an RFC 3339 date-time with a time zone.
    pub fn timestamp(&mut self, node: &Node, what: &str) -> Option<Timestamp> {
        let parsed = match &node.value {
            Value::Str(text) => Timestamp::parse(text),
            Value::Int(year) => Err(DateError::NeedsDay(year.to_string())),
            _ => {
                self.wrong_type(node, what, "a date");
                return None;
            }
        };
        self.date_result(node.pos, what, parsed)
    }

    fn date_result<T>(&mut self, pos: Pos, what: &str, parsed: Result<T, DateError>) -> Option<T> {
        parsed
            .map_err(|error| {
                self.error(
                    pos,
                    format!("{what}: {error}"),
                    Some(error.help().to_owned()),
                )
            })
            .ok()
    }

    /// A URL a reader may follow: http(s) or mailto, or a relative link.
    pub fn link_target(&mut self, pos: Pos, url: &str, what: &str) -> bool {
        if is_safe_url(url) {
            return true;
        }
        self.error(
            pos,
            format!(
                "{what} links to `{}`, which is not a web address",
                shorten(url, 60, Cut::Anywhere)
            ),
            Some("links may use https:, http: or mailto:, or be relative".into()),
        );
        false
    }
}
