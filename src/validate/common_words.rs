//! Aliases that are also everyday words. Mentions are matched as whole
//! words, capitals included, so an alias "May" links every "May" that
//! starts a sentence or names the month to one person; a month, a weekday
//! or a word such as "Will" or "Rose" says so before the page does.

use crate::source::Pos;

use super::schema::Checker;

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Names that are also common English words, capitalised at the start of
/// a sentence or in a headline. Surnames such as Brown or King are left
/// out: an article names people by them all the time.
const WORDS: &[&str] = &[
    "Will", "Rose", "Mark", "Bill", "Frank", "Grace", "Hope", "Faith", "Joy", "Dawn", "Drew",
    "Ray", "Guy", "Pat", "Sue", "Rob", "Jack", "Art", "Chase", "Rich", "Long", "Little",
];

fn kind_of(word: &str) -> Option<&'static str> {
    if MONTHS.contains(&word) {
        Some("a month")
    } else if WEEKDAYS.contains(&word) {
        Some("a day of the week")
    } else if WORDS.contains(&word) {
        Some("a common word")
    } else {
        None
    }
}

/// Warn about each of a person's aliases that is such a word.
pub fn warn_about_aliases(checker: &mut Checker, name: Option<&str>, aliases: &[(String, Pos)]) {
    for (alias, pos) in aliases {
        let Some(kind) = kind_of(alias.trim()) else {
            continue;
        };
        let who = name.unwrap_or("this person");
        checker.warning(
            *pos,
            format!(
                "the alias `{alias}` is also {kind}: every “{alias}” in the article, at the start of a sentence or not, will link to {who}"
            ),
            Some(format!(
                "use the longer form the article uses, such as `{}` or a title and surname",
                name.unwrap_or(alias)
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_weekdays_and_words_are_told() {
        assert_eq!(kind_of("May"), Some("a month"));
        assert_eq!(kind_of("Sunday"), Some("a day of the week"));
        assert_eq!(kind_of("Will"), Some("a common word"));
        assert_eq!(kind_of("Rubio"), None);
        // Only the capitalised word: "may" is never a mention of "May".
        assert_eq!(kind_of("may"), None);
    }
}
