//! The same thing written twice where once was meant: a quote listed
//! twice, a person named twice in one event, two updates at one instant
//! (their ids, and so the "New" marks, would then depend on their order in
//! the file), and an update from before the story was published.

use std::collections::HashMap;

use crate::date::Timestamp;
use crate::quotes;
use crate::source::Pos;

use super::schema::Checker;

/// Quotes whose words are the same once typography is folded (the way
/// they are found in the article), whoever is said to have said them.
pub fn repeated_quotes<'q>(checker: &mut Checker, quotes: impl Iterator<Item = (&'q str, Pos)>) {
    let mut first: HashMap<String, Pos> = HashMap::new();
    for (text, pos) in quotes {
        let words = quotes::fragments(text).join(" … ");
        if words.is_empty() {
            continue;
        }
        match first.get(&words) {
            Some(earlier) => checker.error(
                pos,
                format!(
                    "this quote is listed twice (first on line {})",
                    earlier.line
                ),
                Some(
                    "remove one of them; a quote said on two occasions needs only one entry".into(),
                ),
            ),
            None => {
                first.insert(words, pos);
            }
        }
    }
}

/// An event's `people` naming one person twice.
pub fn repeated_people(checker: &mut Checker, people: &[(String, Pos)]) {
    for (index, (id, pos)) in people.iter().enumerate() {
        if people[..index].iter().any(|(earlier, _)| earlier == id) {
            checker.error(
                *pos,
                format!("`{id}` is listed twice in this event's `people`"),
                Some("remove the second one".into()),
            );
        }
    }
}

/// Updates at the same instant, in any zone.
pub fn same_instant(checker: &mut Checker, updates: &[(Timestamp, Pos)]) {
    let mut first: HashMap<i64, Pos> = HashMap::new();
    for (at, pos) in updates {
        match first.get(&at.unix_seconds()) {
            Some(earlier) => checker.error(
                *pos,
                format!(
                    "two updates at the same instant, {} (the other is on line {})",
                    at.utc_rfc3339(),
                    earlier.line
                ),
                Some("give each update its own time, or make them one update; which is newer decides what the page marks as new".into()),
            ),
            None => {
                first.insert(at.unix_seconds(), *pos);
            }
        }
    }
}

/// Updates dated before the story was published: a typo in the date,
/// nearly always.
pub fn before_published(
    checker: &mut Checker,
    published: &Timestamp,
    updates: &[(Timestamp, Pos)],
) {
    for (at, pos) in updates {
        if at.unix_seconds() < published.unix_seconds() {
            checker.warning(
                *pos,
                format!(
                    "this update, {}, is earlier than `published` ({})",
                    at.iso(),
                    published.iso()
                ),
                Some("check the date: an update comes after the story it updates".into()),
            );
        }
    }
}
