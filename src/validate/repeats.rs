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
    times: &[(Timestamp, Pos)],
    noun: &str,
) {
    for (at, pos) in times {
        if at.unix_seconds() < published.unix_seconds() {
            checker.warning(
                *pos,
                format!(
                    "this {noun}, {}, is earlier than `published` ({})",
                    at.iso(),
                    published.iso()
                ),
                Some(format!(
                    "check the date: {} comes after the story it {}",
                    if noun == "update" {
                        "an update"
                    } else {
                        "a correction"
                    },
                    if noun == "update" {
                        "updates"
                    } else {
                        "corrects"
                    }
                )),
            );
        }
    }
}

/// How far past the build's clock an update or correction may be before
/// it looks like a typo (a year or a month slipped) rather than a time
/// zone or a clock a little ahead.
const AHEAD: i64 = 24 * 3600;

/// Updates and corrections dated after tomorrow. The clock decides only
/// this warning, never a byte of the output, so the same inputs still
/// build the same site on any day.
pub fn in_the_future(checker: &mut Checker, times: &[(Timestamp, Pos)], noun: &str) {
    let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) else {
        return;
    };
    let now = i64::try_from(now.as_secs()).unwrap_or(i64::MAX);
    for (at, pos) in times {
        if at.unix_seconds() > now.saturating_add(AHEAD) {
            checker.warning(
                *pos,
                format!("this {noun}, {}, is dated in the future", at.iso()),
                Some(format!(
                    "check the year and month: the {noun} is shown as published then, and its edition is named by it"
                )),
            );
        }
    }
}

/// An update's or correction's `at` that is a day alone.
pub fn without_time(checker: &mut Checker, at: &Timestamp, pos: Pos, noun: &str) {
    if at.time.is_none() {
        checker.warning(
            pos,
            format!("this {noun}'s `at` is a day without a time"),
            Some(format!(
                "write the time and its zone (`{}T09:30:00Z`, or `…-05:00`): the {noun} names the edition, and with a day alone it counts as midnight UTC, before anything else that day",
                at.iso()
            )),
        );
    }
}
