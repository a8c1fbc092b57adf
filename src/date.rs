//! Dates as newsrooms write them: a year, a month or a day for background
//! events, and a day or an RFC 3339 date-time for publication times.
//! Small enough to write out rather than pull in a date library.

use std::cmp::Ordering;
use std::fmt;

/// English month names: the build's messages, and aliases that are months.
pub(crate) const MONTHS: [&str; 12] = [
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

/// `1987`, `2019-08` or `2026-05-13`, shown at its own precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let text = text.trim();
        let mut parts = text.split('-');
        let year = parse_year(parts.next().unwrap_or(""), text)?;
        let month = parts
            .next()
            .map(|m| parse_number(m, 2, "month", text))
            .transpose()?;
        let day = parts
            .next()
            .map(|d| parse_number(d, 2, "day", text))
            .transpose()?;
        if parts.next().is_some() {
            return Err(DateError::Shape(text.to_owned()));
        }
        if let Some(month) = month {
            if !(1..=12).contains(&month) {
                return Err(DateError::Month(month));
            }
            if let Some(day) = day {
                let last = days_in_month(year, month);
                if day == 0 || day > last {
                    return Err(DateError::Day {
                        year,
                        month,
                        day,
                        last,
                    });
                }
            }
        }
        Ok(PartialDate { year, month, day })
    }

    pub fn from_year(year: i128) -> Result<Self, DateError> {
        u16::try_from(year)
            .ok()
            .filter(|y| (1..=9999).contains(y))
            .map(|year| PartialDate {
                year,
                month: None,
                day: None,
            })
            .ok_or_else(|| DateError::Shape(year.to_string()))
    }

    /// The machine-readable form for `<time datetime>`: `1987`, `2019-08`,
    /// `2026-05-13`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    pub fn precision(&self) -> &'static str {
        match (self.month, self.day) {
            (Some(_), Some(_)) => "day",
            (Some(_), None) => "month",
            _ => "year",
        }
    }

    /// The first day the date covers, for ordering: `2019` sorts before
    /// `2019-01-05`, which sorts before `2019-02`.
    pub fn start(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    /// True when the whole of this date lies after `day`.
    pub fn is_after(&self, day: (u16, u8, u8)) -> bool {
        match (self.month, self.day) {
            (Some(m), Some(d)) => (self.year, m, d) > day,
            (Some(m), None) => (self.year, m) > (day.0, day.1),
            _ => self.year > day.0,
        }
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.start().cmp(&other.start())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A publication time: a whole day, or a date-time with its time zone as
/// written (`2025-02-18T17:48:00-05:00`, `…Z`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Timestamp {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub time: Option<TimeOfDay>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Offset from UTC in minutes.
    pub offset_minutes: i16,
}

impl Timestamp {
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let text = text.trim();
        let (date_part, time_part) = match text.find(['T', 't', ' ']) {
            Some(i) => (&text[..i], Some(&text[i + 1..])),
            None => (text, None),
        };
        // The whole text, not the part before a `T` or space: `last Tuesday`
        // is not a date, rather than `las`.
        let date = PartialDate::parse(date_part).map_err(|error| match error {
            DateError::Shape(_) => DateError::Shape(text.to_owned()),
            other => other,
        })?;
        let (Some(month), Some(day)) = (date.month, date.day) else {
            return Err(DateError::NeedsDay(text.to_owned()));
        };
        let time = time_part.map(parse_time).transpose()?;
        Ok(Timestamp {
            year: date.year,
            month,
            day,
            time,
        })
    }

    pub fn day(&self) -> (u16, u8, u8) {
        (self.year, self.month, self.day)
    }

    /// RFC 3339, as written (a date alone stays a date).
    pub fn iso(&self) -> String {
        let date = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        match &self.time {
            None => date,
            Some(t) => format!(
                "{date}T{:02}:{:02}:{:02}{}",
                t.hour,
                t.minute,
                t.second,
                offset_iso(t.offset_minutes)
            ),
        }
    }

    /// Seconds since 1970 in UTC, for ordering updates (a bare date counts as
    /// its midnight UTC).
    pub fn unix_seconds(&self) -> i64 {
        let days = days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let (seconds, offset) = self.time.as_ref().map_or((0, 0), |t| {
            (
                i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second),
                i64::from(t.offset_minutes) * 60,
            )
        });
        days * 86_400 + seconds - offset
    }

    /// The instant in UTC, `2025-02-18T22:48:00Z`, for feeds and sitemaps,
    /// which want a full date-time (a bare date counts as its midnight UTC).
    pub fn utc_rfc3339(&self) -> String {
        let (date, (hour, minute, second)) = utc_parts(self.unix_seconds());
        format!("{date}T{hour:02}:{minute:02}:{second:02}Z")
    }

    /// `20250218T224800Z`: the instant as a compact token for element ids and
    /// feed entry ids, which must not change when the page is rebuilt.
    pub fn utc_token(&self) -> String {
        let (date, (hour, minute, second)) = utc_parts(self.unix_seconds());
        format!("{}T{hour:02}{minute:02}{second:02}Z", date.replace('-', ""))
    }
}

fn utc_parts(unix_seconds: i64) -> (String, (i64, i64, i64)) {
    let days = unix_seconds.div_euclid(86_400);
    let seconds = unix_seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    (
        format!("{year:04}-{month:02}-{day:02}"),
        (seconds / 3600, seconds % 3600 / 60, seconds % 60),
    )
}

fn parse_time(text: &str) -> Result<TimeOfDay, DateError> {
    let bad = || DateError::Time(text.to_owned());
    let zone_at = text
        .find(['Z', 'z', '+', '-'])
        .ok_or_else(|| DateError::NoZone(text.to_owned()))?;
    let (clock, zone) = text.split_at(zone_at);
    let mut fields = clock.split(':');
    let hour = parse_number(fields.next().ok_or_else(bad)?, 2, "hour", text).map_err(|_| bad())?;
    let minute =
        parse_number(fields.next().ok_or_else(bad)?, 2, "minute", text).map_err(|_| bad())?;
    let second = match fields.next() {
        // Fractions of a second are allowed and dropped: no page shows them.
        Some(s) => {
            let (whole, fraction) = s.split_once('.').unwrap_or((s, "0"));
            if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            parse_number(whole, 2, "second", text).map_err(|_| bad())?
        }
        None => 0,
    };
    if fields.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return Err(bad());
    }
    let offset_minutes = if zone.eq_ignore_ascii_case("z") {
        0
    } else {
        let sign: i16 = if zone.starts_with('-') { -1 } else { 1 };
        let (h, m) = zone[1..]
            .split_once(':')
            .ok_or_else(|| DateError::Zone(zone.to_owned()))?;
        let h = parse_number(h, 2, "hour", zone).map_err(|_| DateError::Zone(zone.to_owned()))?;
        let m = parse_number(m, 2, "minute", zone).map_err(|_| DateError::Zone(zone.to_owned()))?;
        if h > 23 || m > 59 {
            return Err(DateError::Zone(zone.to_owned()));
        }
        sign * (i16::from(h) * 60 + i16::from(m))
    };
    Ok(TimeOfDay {
        hour,
        minute,
        second,
        offset_minutes,
    })
}

fn offset_iso(minutes: i16) -> String {
    if minutes == 0 {
        return "Z".into();
    }
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

fn parse_year(text: &str, whole: &str) -> Result<u16, DateError> {
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::Shape(whole.to_owned()));
    }
    match text.parse::<u16>() {
        Ok(year) if year > 0 => Ok(year),
        _ => Err(DateError::Shape(whole.to_owned())),
    }
}

fn parse_number(text: &str, digits: usize, _what: &str, whole: &str) -> Result<u8, DateError> {
    if text.len() != digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::Shape(whole.to_owned()));
    }
    text.parse().map_err(|_| DateError::Shape(whole.to_owned()))
}

pub fn month_name(month: u8) -> &'static str {
    MONTHS
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of `days_from_civil` (Howard Hinnant's algorithm).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Shape(String),
    Month(u8),
    Day {
        year: u16,
        month: u8,
        day: u8,
        last: u8,
    },
    NeedsDay(String),
    NoZone(String),
    Zone(String),
    Time(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Shape(text) => write!(f, "`{text}` is not a date"),
            DateError::Month(m) => write!(f, "there is no month {m}"),
            DateError::Day {
                year,
                month,
                day,
                last,
            } => {
                write!(
                    f,
                    "{} {year} has {last} days, so day {day} does not exist",
                    month_name(*month)
                )
            }
            DateError::NeedsDay(text) => write!(f, "`{text}` needs a full date (YYYY-MM-DD)"),
            DateError::NoZone(text) => write!(f, "the time `{text}` has no time zone"),
            DateError::Zone(zone) => write!(f, "`{zone}` is not a time zone offset"),
            DateError::Time(text) => write!(f, "`{text}` is not a time of day"),
        }
    }
}

impl DateError {
    /// What to write instead.
    pub fn help(&self) -> &'static str {
        match self {
            DateError::NoZone(_) | DateError::Zone(_) => {
                "add the offset from UTC, e.g. 2025-02-18T17:48:00Z or 2025-02-18T12:48:00-05:00"
            }
            DateError::NeedsDay(_) => {
                "write the day as YYYY-MM-DD, or a date-time as 2025-02-18T17:48:00Z"
            }
            DateError::Time(_) => {
                "write the time as HH:MM or HH:MM:SS after a `T`, e.g. 2025-02-18T17:48:00Z"
            }
            _ => "write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2014, 2019-08 or 2025-02-18",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_convert_to_utc_across_day_and_year_boundaries() {
        let t = Timestamp::parse("2024-12-31T21:30:00-05:00").unwrap();
        assert_eq!(t.utc_rfc3339(), "2025-01-01T02:30:00Z");
        assert_eq!(t.utc_token(), "20250101T023000Z");
        let t = Timestamp::parse("2024-03-01T00:30:00+01:00").unwrap();
        assert_eq!(t.utc_rfc3339(), "2024-02-29T23:30:00Z");
        assert_eq!(
            Timestamp::parse("2025-02-19").unwrap().utc_rfc3339(),
            "2025-02-19T00:00:00Z"
        );
    }

    #[test]
    fn partial_dates_keep_their_precision() {
        assert_eq!(PartialDate::parse("1987").unwrap().precision(), "year");
        assert_eq!(PartialDate::parse("2019-08").unwrap().precision(), "month");
        assert_eq!(PartialDate::parse("2026-05-13").unwrap().precision(), "day");
        assert_eq!(PartialDate::parse("2019-08").unwrap().iso(), "2019-08");
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(matches!(
            PartialDate::parse("2026-02-30"),
            Err(DateError::Day { last: 28, .. })
        ));
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert!(matches!(
            PartialDate::parse("2026-13"),
            Err(DateError::Month(13))
        ));
        assert!(matches!(
            PartialDate::parse("last spring"),
            Err(DateError::Shape(_))
        ));
        assert!(PartialDate::parse("2025-2-3").is_err());
    }

    #[test]
    fn timestamps_need_a_zone_and_keep_it() {
        let t = Timestamp::parse("2025-02-18T17:48:00-05:00").unwrap();
        assert_eq!(t.iso(), "2025-02-18T17:48:00-05:00");
        assert!(matches!(
            Timestamp::parse("2025-02-18T17:48:00"),
            Err(DateError::NoZone(_))
        ));
        assert!(matches!(
            Timestamp::parse("2025-02-18T17:48+5"),
            Err(DateError::Zone(_))
        ));
        assert!(Timestamp::parse("2025-02-18T10:00:00.250Z").is_ok());
        assert!(matches!(
            Timestamp::parse("2025-02-18T10:00:00.abcZ"),
            Err(DateError::Time(_))
        ));
        assert!(matches!(
            Timestamp::parse("2025-02"),
            Err(DateError::NeedsDay(_))
        ));
        assert_eq!(
            Timestamp::parse("1970-01-02").unwrap().unix_seconds(),
            86_400
        );
        assert_eq!(
            Timestamp::parse("2025-02-18T17:00:00-05:00")
                .unwrap()
                .unix_seconds(),
            Timestamp::parse("2025-02-18T22:00:00Z")
                .unwrap()
                .unix_seconds()
        );
    }

    #[test]
    fn partial_dates_sort_by_their_first_day() {
        let mut dates: Vec<_> = ["2019-08", "2014", "2019", "2019-01-05"]
            .iter()
            .map(|d| PartialDate::parse(d).unwrap())
            .collect();
        dates.sort();
        let order: Vec<_> = dates.iter().map(PartialDate::iso).collect();
        assert_eq!(order, ["2014", "2019", "2019-01-05", "2019-08"]);
    }
}
