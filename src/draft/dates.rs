//! The dates an article mentions — "Feb. 24, 2022", "March 10", "in
//! 2014", "Tuesday" — as dates a timeline can start from. A weekday is the
//! last such day on or before the article's date, the way a news report
//! uses it; a date without a year is in the article's year.

use crate::date::{civil_from_days, days_from_civil};
use crate::locale::MonthWords;

use super::text::Paragraph;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// `2014`, `2023-03` or `2025-02-18`.
    pub iso: String,
    pub paragraph: usize,
    /// The sentence it is in.
    pub sentence: String,
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn number(word: &str, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    let digits = word
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| range.contains(n))
}

/// Dates in the body's paragraphs, by date and then by where they are.
/// `published` is the article's own day, for weekdays and missing years;
/// `months` the article's language's month names.
pub fn find(
    paragraphs: &[Paragraph],
    published: Option<(u16, u8, u8)>,
    months: &MonthWords,
) -> Vec<DateMention> {
    let mut found = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let count = paragraph.words.len();
        // The word after `at` that is part of a date, past the words the
        // language puts between day, month and year ("18 de febrero").
        let after = |at: usize| (at + 1..count).find(|&i| !months.is_connector(paragraph.word(i)));
        let day_at = |i: Option<usize>| i.and_then(|i| number(paragraph.word(i), 1..=31));
        let year_at = |i: Option<usize>| i.and_then(|i| number(paragraph.word(i), 1000..=2999));
        let month_at = |i: Option<usize>| i.and_then(|i| months.month_of(paragraph.word(i)));
        let mut skip_until = 0;
        for at in 0..count {
            if at < skip_until {
                continue;
            }
            let word = paragraph.word(at);
            let next = |n: usize| (at + n < count).then(|| paragraph.word(at + n));
            let mut iso = None;
            let mut day_month = None;
            if let Some(month) = months.month_of(word) {
                if let Some(day) = day_at(after(at)) {
                    day_month = Some((day, month, after(at).unwrap_or(at)));
                } else if let Some(year) = year_at(after(at)) {
                    iso = Some(format!("{year:04}-{month:02}"));
                    skip_until = after(at).unwrap_or(at) + 1;
                }
                // "May" alone is too often the verb.
            } else if let Some(day) = number(word, 1..=31)
                && let Some(month) = month_at(after(at))
            {
                day_month = Some((day, month, after(at).unwrap_or(at)));
            }
            if let Some((day, month, last)) = day_month {
                let year = year_at(after(last));
                let year = year.or(published.map(|p| u32::from(p.0)));
                if let Some(year) = year {
                    iso = Some(format!("{year:04}-{month:02}-{day:02}"));
                    skip_until = after(last)
                        .filter(|_| year_at(after(last)).is_some())
                        .unwrap_or(last)
                        + 1;
                }
            } else if let Some(weekday) = WEEKDAYS
                .iter()
                .position(|d| word.eq_ignore_ascii_case(d) && word.starts_with(char::is_uppercase))
            {
                let dated_next = next(1).and_then(|w| months.month_of(w)).is_some();
                if !dated_next && let Some(published) = published {
                    let after = at > 0 && paragraph.word(at - 1).eq_ignore_ascii_case("next");
                    iso = Some(weekday_near(published, weekday, after));
                }
            } else if let Some(year) = number(word, 1800..=2100)
                && word.len() == 4
            {
                iso = Some(format!("{year:04}"));
            }
            if let Some(iso) = iso {
                let mention = DateMention {
                    iso,
                    paragraph: index,
                    sentence: sentence_of(paragraph, at),
                };
                if !found.contains(&mention) {
                    found.push(mention);
                }
            }
        }
    }
    found.sort_by(|a, b| a.iso.cmp(&b.iso).then(a.paragraph.cmp(&b.paragraph)));
    found
}

/// The weekday (0 is Monday) on or before `day`, or after it for "next".
fn weekday_near(day: (u16, u8, u8), weekday: usize, after: bool) -> String {
    let days = days_from_civil(i64::from(day.0), i64::from(day.1), i64::from(day.2));
    // 1970-01-01 was a Thursday (3).
    let today = (days + 3).rem_euclid(7);
    let target = weekday as i64;
    let shift = if after {
        let forward = (target - today).rem_euclid(7);
        if forward == 0 { 7 } else { forward }
    } else {
        -(today - target).rem_euclid(7)
    };
    let (y, m, d) = civil_from_days(days + shift);
    format!("{y:04}-{m:02}-{d:02}")
}

fn sentence_of(paragraph: &Paragraph, at: usize) -> String {
    let sentence = paragraph.words[at].sentence;
    let first = paragraph
        .words
        .iter()
        .position(|w| w.sentence == sentence)
        .unwrap_or(at);
    let last = paragraph
        .words
        .iter()
        .rposition(|w| w.sentence == sentence)
        .unwrap_or(at);
    let end = paragraph.words[last].full.end;
    let tail = &paragraph.text[end..];
    let stop = tail
        .char_indices()
        .take_while(|(_, c)| !c.is_whitespace())
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    paragraph.text[paragraph.words[first].range.start..end + stop].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_weekdays_and_years() {
        let paragraphs = [
            Paragraph::new("The talks on Tuesday followed the Feb. 24, 2022, invasion."),
            Paragraph::new("He visited in 2023 and will return March 10, next Monday."),
            Paragraph::new("Talks resumed in March 2023. Prices may rise."),
        ];
        let found: Vec<(String, usize)> =
            find(&paragraphs, Some((2025, 2, 19)), &MonthWords::new("en"))
                .into_iter()
                .map(|d| (d.iso, d.paragraph))
                .collect();
        assert_eq!(
            found,
            [
                ("2022-02-24".to_owned(), 0),
                ("2023".to_owned(), 1),
                ("2023-03".to_owned(), 2),
                ("2025-02-18".to_owned(), 0),
                ("2025-02-24".to_owned(), 1),
                ("2025-03-10".to_owned(), 1),
            ]
        );
    }

    fn isos(text: &str, lang: &str) -> Vec<String> {
        let paragraphs = [Paragraph::new(text)];
        find(&paragraphs, Some((2025, 2, 19)), &MonthWords::new(lang))
            .into_iter()
            .map(|d| d.iso)
            .collect()
    }

    #[test]
    fn dates_in_the_articles_own_language_and_order() {
        assert_eq!(
            isos(
                "Le sommet du 18 février 2025 suivait celui de mars 2023.",
                "fr"
            ),
            ["2023-03", "2025-02-18"]
        );
        assert_eq!(
            isos(
                "La reunión del 18 de febrero de 2025 y la del 3 de marzo.",
                "es"
            ),
            ["2025-02-18", "2025-03-03"]
        );
        assert_eq!(
            isos("Talks on 18 February 2025 and on Sept. 9, 2024.", "en-GB"),
            ["2024-09-09", "2025-02-18"]
        );
        // Capitalised month names make "may" the verb no month.
        assert_eq!(
            isos("Prices may 3 times rise in May 2024.", "en"),
            ["2024-05"]
        );
        // A language without CLDR dates reads English's months.
        assert_eq!(isos("On March 10, 2024.", "x-klingon"), ["2024-03-10"]);
    }
}
