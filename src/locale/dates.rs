//! Dates as CLDR writes them for a locale, with ICU4X and its compiled data:
//! month names, the order of day, month and year, the numbering system
//! (Persian digits for `fa`, Western ones for `ar`, Arabic-Indic ones for
//! `ar-EG` or `ar-u-nu-arab`) and the 12- or 24-hour clock (`-u-hc-h12` to choose).
//! Always the Gregorian calendar, as `<time datetime>` is: a partial date
//! such as a year has no single year in another calendar.

use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{self, zone};
use icu_datetime::pattern::FixedCalendarDateTimeNames;
use icu_datetime::{DateTimeFormatterPreferences, FixedCalendarDateTimeFormatter};
use icu_locale::Locale as IcuLocale;
use icu_locale::subtags::{language, region};
use icu_time::zone::UtcOffset;
use icu_time::{Time, ZonedDateTime};
use writeable::TryWriteable;

use crate::date::{PartialDate, Timestamp};

type Formatter<F> = Option<FixedCalendarDateTimeFormatter<Gregorian, F>>;

/// One formatter per precision, made once per build.
pub struct DateFormats {
    prefs: DateTimeFormatterPreferences,
    year: Formatter<fieldsets::Y>,
    month: Formatter<fieldsets::YM>,
    day: Formatter<fieldsets::YMD>,
    time: Formatter<fieldsets::Combo<fieldsets::YMDT, zone::LocalizedOffsetShort>>,
}

impl DateFormats {
    /// Formats for `tag`. A tag CLDR has no dates for (`x-klingon`, or a
    /// language it lacks) would get CLDR's root formats, `2026 M03 4`,
    /// which no reader writes; it gets ISO 8601 instead (`2026-03-04`,
    /// `2026-03-04 17:48 UTC+01:00`), which every reader can read and which
    /// cannot give a wrong month name.
    pub fn new(tag: &str) -> Self {
        let locale = icu_locale(tag);
        let formats = Self::for_locale(&locale);
        if formats.writes_as(&Self::for_locale(&IcuLocale::UNKNOWN)) {
            return DateFormats {
                prefs: formats.prefs,
                year: None,
                month: None,
                day: None,
                time: None,
            };
        }
        formats
    }

    fn for_locale(locale: &IcuLocale) -> Self {
        let prefs = DateTimeFormatterPreferences::from(locale);
        DateFormats {
            prefs,
            year: FixedCalendarDateTimeFormatter::try_new(prefs, fieldsets::Y::long()).ok(),
            month: FixedCalendarDateTimeFormatter::try_new(prefs, fieldsets::YM::long()).ok(),
            day: FixedCalendarDateTimeFormatter::try_new(prefs, fieldsets::YMD::long()).ok(),
            time: FixedCalendarDateTimeFormatter::try_new(
                prefs,
                fieldsets::YMD::long()
                    .with_time_hm()
                    .with_zone(zone::LocalizedOffsetShort),
            )
            .ok(),
        }
    }

    /// Whether a day is written as `other` writes it: ICU4X
    /// gives a locale it has no data for the root's formats without saying
    /// so, and this is how that is seen.
    fn writes_as(&self, other: &DateFormats) -> bool {
        let Ok(day) = Date::try_new_gregorian(2026, 3, 4) else {
            return false;
        };
        // The day alone: ICU4X 2.4 fails an assertion formatting a month
        // and year in some locales (`pt-BR`) in a debug build (see
        // `month_and_year`).
        let show = |formats: &DateFormats| formats.day.as_ref().map(|f| f.format(&day).to_string());
        show(self) == show(other)
    }

    /// `1987`, `August 2019`, `13 May 2026`, at the date's own precision.
    pub fn partial(&self, date: &PartialDate) -> String {
        let iso = Date::try_new_gregorian(
            i32::from(date.year),
            date.month.unwrap_or(1),
            date.day.unwrap_or(1),
        );
        let formatted = match (iso, date.month, date.day) {
            (Ok(d), Some(_), Some(_)) => self.day.as_ref().map(|f| f.format(&d).to_string()),
            (Ok(d), Some(_), None) => self.month.as_ref().and_then(|f| self.month_and_year(f, &d)),
            (Ok(d), None, _) => self.year.as_ref().map(|f| f.format(&d).to_string()),
            (Err(_), ..) => None,
        };
        formatted.unwrap_or_else(|| date.iso())
    }

    /// ICU4X 2.4's month-and-year formatter, in some locales (`pt`,
    /// `pt-BR`: `MMMM 'de' y`), is made without the number formatter its
    /// pattern's year needs: a release build writes the year in plain
    /// digits, a debug build fails an assertion. The same pattern, through
    /// names loaded for it and written fallibly, has no such gap.
    fn month_and_year(
        &self,
        formatter: &FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YM>,
        date: &Date<Gregorian>,
    ) -> Option<String> {
        let pattern = formatter.format(date).pattern();
        let mut names =
            FixedCalendarDateTimeNames::<Gregorian, fieldsets::YM>::try_new(self.prefs).ok()?;
        let written = names.include_for_pattern(&pattern).ok()?.format(date);
        let text = written.try_write_to_string().ok()?;
        Some(text.into_owned())
    }

    /// A day, or a date-time with its hour, minute and UTC offset in the
    /// zone the editor wrote.
    pub fn timestamp(&self, t: &Timestamp) -> String {
        let Ok(date) = Date::try_new_gregorian(i32::from(t.year), t.month, t.day) else {
            return t.iso();
        };
        let formatted = match &t.time {
            None => self.day.as_ref().map(|f| f.format(&date).to_string()),
            Some(time) => {
                let offset = UtcOffset::try_from_seconds(i32::from(time.offset_minutes) * 60);
                let clock = Time::try_new(time.hour, time.minute, time.second, 0);
                match (offset, clock, &self.time) {
                    (Ok(zone), Ok(time), Some(f)) => {
                        Some(f.format(&ZonedDateTime { date, time, zone }).to_string())
                    }
                    _ => None,
                }
            }
        };
        formatted.unwrap_or_else(|| iso_readable(t))
    }
}

/// How a language writes months in the dates of running text, read off
/// CLDR's own long and abbreviated dates (`February 18, 2025`,
/// `Feb 18, 2025`; `18 février 2025`, `18 févr. 2025`; `18 de febrero de
/// 2025`), so that a rule reading dates in an article has no month table
/// of its own. A language CLDR has no dates for gets English's.
pub struct MonthWords {
    /// Each month's words, lower-cased, without a final full stop.
    names: Vec<Vec<String>>,
    /// The words every month's date has between its numbers: `de` in
    /// Spanish and Portuguese, none in English.
    connectors: Vec<String>,
    /// Whether the language capitalises month names (English does, French
    /// does not): where it does, `may` the verb is no month.
    capitalised: bool,
}

impl MonthWords {
    pub fn new(tag: &str) -> Self {
        let read = Self::read(&icu_locale(tag));
        match read {
            Some(words) if DateFormats::new(tag).day.is_some() => words,
            _ => Self::read(&icu_locale("en")).unwrap_or(MonthWords {
                names: vec![Vec::new(); 12],
                connectors: Vec::new(),
                capitalised: true,
            }),
        }
    }

    fn read(locale: &IcuLocale) -> Option<Self> {
        let prefs = DateTimeFormatterPreferences::from(locale);
        let long =
            FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(prefs, fieldsets::YMD::long())
                .ok()?;
        let medium = FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(
            prefs,
            fieldsets::YMD::medium(),
        )
        .ok()?;
        let mut names = vec![Vec::new(); 12];
        let mut connectors: Option<Vec<String>> = None;
        let mut capitalised = false;
        for (index, words) in names.iter_mut().enumerate() {
            let month = u8::try_from(index + 1).ok()?;
            let date = Date::try_new_gregorian(2025, month, 18).ok()?;
            let mut all = Vec::new();
            for written in [
                long.format(&date).to_string(),
                medium.format(&date).to_string(),
            ] {
                let tokens: Vec<&str> = written
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|t| !t.is_empty() && !t.chars().any(char::is_numeric))
                    .collect();
                capitalised |= tokens
                    .first()
                    .is_some_and(|t| t.starts_with(char::is_uppercase));
                all.extend(tokens.iter().map(|t| t.to_lowercase()));
            }
            connectors = Some(match connectors {
                None => all.clone(),
                Some(before) => before.into_iter().filter(|c| all.contains(c)).collect(),
            });
            *words = all;
        }
        let connectors = connectors.unwrap_or_default();
        for words in &mut names {
            words.retain(|w| !connectors.contains(w));
            words.dedup();
        }
        Some(MonthWords {
            names,
            connectors,
            capitalised,
        })
    }

    /// The month (1–12) a word of running text names: a month's name or
    /// abbreviation, or a longer abbreviation with its full stop (AP's
    /// `Sept.`).
    pub fn month_of(&self, word: &str) -> Option<u8> {
        if self.capitalised && !word.starts_with(char::is_uppercase) {
            return None;
        }
        let lower = word.to_lowercase();
        let bare = lower.strip_suffix('.').unwrap_or(&lower);
        let cut_short = lower.ends_with('.') && bare.chars().count() >= 3;
        let index = self
            .names
            .iter()
            .position(|names| names.iter().any(|n| n == bare))
            .or_else(|| {
                cut_short.then(|| {
                    self.names
                        .iter()
                        .position(|names| names.iter().any(|n| n.starts_with(bare)))
                })?
            })?;
        u8::try_from(index + 1).ok()
    }

    /// Whether a word is one a date puts between its numbers.
    pub fn is_connector(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.connectors.contains(&lower)
    }
}

/// ISO 8601 with a space for the `T` and the offset named as UTC's:
/// `2026-03-04 17:48 UTC+01:00`.
fn iso_readable(t: &Timestamp) -> String {
    let date = format!("{:04}-{:02}-{:02}", t.year, t.month, t.day);
    let Some(time) = &t.time else {
        return date;
    };
    let offset = i32::from(time.offset_minutes);
    let zone = if offset == 0 {
        "UTC".to_owned()
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        format!("UTC{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60)
    };
    format!("{date} {:02}:{:02} {zone}", time.hour, time.minute)
}

/// The tag as ICU4X reads it. A bare `en` dates as British and
/// international English newsrooms do (`18 February 2025`, `17:48`), the
/// page's own style from before it had locales; `en-US` gives
/// `February 18, 2025` and `5:48 PM`.
fn icu_locale(tag: &str) -> IcuLocale {
    let mut locale = IcuLocale::try_from_str(tag).unwrap_or(IcuLocale::UNKNOWN);
    if locale.id.language == language!("en") && locale.id.region.is_none() {
        locale.id.region = Some(region!("GB"));
    }
    locale
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partial(tag: &str, date: &str) -> String {
        DateFormats::new(tag).partial(&PartialDate::parse(date).unwrap())
    }

    fn stamp(tag: &str, t: &str) -> String {
        DateFormats::new(tag).timestamp(&Timestamp::parse(t).unwrap())
    }

    #[test]
    fn each_precision_as_cldr_writes_it() {
        assert_eq!(partial("en", "1987"), "1987");
        assert_eq!(partial("en", "2019-08"), "August 2019");
        assert_eq!(partial("en", "2026-05-13"), "13 May 2026");
        assert_eq!(partial("en-US", "2026-05-13"), "May 13, 2026");
        assert_eq!(partial("fr", "2019-08"), "août 2019");
        assert_eq!(partial("fr", "2026-05-01"), "1 mai 2026");
        assert_eq!(partial("de", "2026-05-13"), "13. Mai 2026");
        assert_eq!(partial("ja", "1987"), "1987年");
        assert_eq!(partial("ja", "2026-05-13"), "2026年5月13日");
        assert_eq!(partial("zh-Hans", "2019-08"), "2019年8月");
        assert_eq!(partial("ru", "2019-08"), "август 2019\u{202f}г.");
        assert_eq!(partial("pl", "2026-05-13"), "13 maja 2026");
        assert_eq!(partial("pt-BR", "2019-08"), "agosto de 2019");
        assert_eq!(partial("pt", "2019-08"), "agosto de 2019");
        assert_eq!(partial("fa", "2019-08"), "اوت ۲۰۱۹");
    }

    #[test]
    fn numbering_systems_follow_the_locale_and_the_tag() {
        // CLDR writes Arabic with Western digits, as most Arabic newsrooms
        // do; `-u-nu-arab` asks for Arabic-Indic ones.
        assert_eq!(partial("ar", "2026-05-13"), "13 مايو 2026");
        assert_eq!(partial("ar-u-nu-arab", "2026-05-13"), "١٣ مايو ٢٠٢٦");
        assert_eq!(partial("ar-EG", "2026-05"), "مايو ٢٠٢٦");
        assert_eq!(partial("fa", "1987"), "۱۹۸۷");
    }

    #[test]
    fn times_keep_the_zone_written_and_the_locale_clock() {
        assert_eq!(
            stamp("en", "2025-02-18T17:48:00-05:00"),
            "18 February 2025 at 17:48 GMT-5"
        );
        assert_eq!(
            stamp("en-US", "2025-02-18T17:48:00-05:00"),
            "February 18, 2025 at 5:48\u{202f}PM GMT-5"
        );
        assert_eq!(
            stamp("fr", "2025-02-18T17:48:00+01:00"),
            "18 février 2025 à 17:48 UTC+1"
        );
        assert_eq!(stamp("en", "2025-02-18"), "18 February 2025");
    }

    #[test]
    fn a_language_cldr_has_no_dates_for_gets_iso_dates() {
        assert_eq!(partial("x-klingon", "2026-03-04"), "2026-03-04");
        assert_eq!(partial("tlh", "2026-03"), "2026-03");
        assert_eq!(
            stamp("x-klingon", "2026-03-04T17:48:00+01:00"),
            "2026-03-04 17:48 UTC+01:00"
        );
        assert_eq!(partial("en-x-house", "2026-03-04"), "4 March 2026");
    }
}
