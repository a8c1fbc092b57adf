//! The dates an article mentions — "Feb. 24, 2022", "March 10", "in
//! 2014", "Tuesday" — as dates a timeline can start from. A weekday is the
//! last such day on or before the article's date, the way a news report
//! uses it; a date without a year is in the article's year.

use crate::date::{civil_from_days, days_from_civil};

use super::text::Paragraph;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// `2014`, `2023-03` or `2025-02-18`.
    pub iso: String,
    pub paragraph: usize,
    /// The sentence it is in.
    pub sentence: String,
}

const MONTHS: &[&[&str]] = &[
    &["january", "jan."],
    &["february", "feb.", "feb"],
    &["march", "mar."],
    &["april", "apr."],
    &["may"],
    &["june", "jun."],
    &["july", "jul."],
    &["august", "aug.", "aug"],
    &["september", "sept.", "sep.", "sept"],
    &["october", "oct.", "oct"],
    &["november", "nov.", "nov"],
    &["december", "dec.", "dec"],
];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn month_of(word: &str) -> Option<u8> {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let lower = word.to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&lower.as_str()))
        .and_then(|i| u8::try_from(i + 1).ok())
}

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
/// `published` is the article's own day, for weekdays and missing years.
pub fn find(paragraphs: &[Paragraph], published: Option<(u16, u8, u8)>) -> Vec<DateMention> {
    let mut found = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let count = paragraph.words.len();
        let mut skip_until = 0;
        for at in 0..count {
            if at < skip_until {
                continue;
            }
            let word = paragraph.word(at);
            let next = |n: usize| (at + n < count).then(|| paragraph.word(at + n));
            let mut iso = None;
            if let Some(month) = month_of(word) {
                if let Some(day) = next(1).and_then(|w| number(w, 1..=31)) {
                    let year = next(2).and_then(|w| number(w, 1000..=2999));
                    let year = year.or(published.map(|p| u32::from(p.0)));
                    if let Some(year) = year {
                        iso = Some(format!("{year:04}-{month:02}-{day:02}"));
                        skip_until = at + 3;
                    }
                } else if let Some(year) = next(1).and_then(|w| number(w, 1000..=2999)) {
                    iso = Some(format!("{year:04}-{month:02}"));
                    skip_until = at + 2;
                }
                // "May" alone is too often the verb.
            } else if let Some(weekday) = WEEKDAYS
                .iter()
                .position(|d| word.eq_ignore_ascii_case(d) && word.starts_with(char::is_uppercase))
            {
                let dated_next = next(1).and_then(month_of).is_some();
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
        let found: Vec<(String, usize)> = find(&paragraphs, Some((2025, 2, 19)))
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
}
