//! How close `explainer draft` comes to what a person reading the article
//! writes down: the people it names, their roles, and the quoted passages
//! with their speakers. The expected answers are in
//! `tests/fixtures/draft/<article>/expected.yaml`, written by hand.
//!
//! Shared by `tests/draft.rs` and `benches/draft_quality.rs`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use explainer::draft::{self, Findings};
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    /// The article, relative to the expected file.
    article: String,
    people: Vec<ExpectedPerson>,
    quotes: Vec<ExpectedQuote>,
}

#[derive(Deserialize)]
struct ExpectedPerson {
    name: String,
    /// The roles the article gives; empty when it gives none.
    #[serde(default)]
    roles: Vec<String>,
}

#[derive(Deserialize)]
struct ExpectedQuote {
    text: String,
    speaker: String,
}

#[derive(Debug, Clone, Default)]
pub struct Score {
    pub article: String,
    pub people_expected: usize,
    pub people_drafted: usize,
    /// Expected people the draft has.
    pub people_found: usize,
    /// Of those, with one of the article's roles.
    pub roles_right: usize,
    pub quotes_expected: usize,
    pub quotes_drafted: usize,
    pub quotes_found: usize,
    /// Of those, with the right speaker.
    pub speakers_right: usize,
    /// What was missed or wrong, for reading.
    pub notes: Vec<String>,
}

impl Score {
    pub fn add(&mut self, other: &Score) {
        self.people_expected += other.people_expected;
        self.people_drafted += other.people_drafted;
        self.people_found += other.people_found;
        self.roles_right += other.roles_right;
        self.quotes_expected += other.quotes_expected;
        self.quotes_drafted += other.quotes_drafted;
        self.quotes_found += other.quotes_found;
        self.speakers_right += other.speakers_right;
    }

    pub fn people_recall(&self) -> f64 {
        ratio(self.people_found, self.people_expected)
    }
    /// The share of drafted people who are not people of the story.
    pub fn false_people(&self) -> f64 {
        1.0 - ratio(self.people_found, self.people_drafted)
    }
    pub fn role_accuracy(&self) -> f64 {
        ratio(self.roles_right, self.people_found)
    }
    pub fn quote_recall(&self) -> f64 {
        ratio(self.quotes_found, self.quotes_expected)
    }
    pub fn quote_precision(&self) -> f64 {
        ratio(self.quotes_found, self.quotes_drafted)
    }
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speakers_right, self.quotes_found)
    }

    pub fn row(&self) -> String {
        format!(
            "| {} | {}/{} ({:.0}%) | {:.0}% | {}/{} ({:.0}%) | {}/{} ({:.0}%) | {:.0}% | {}/{} ({:.0}%) |",
            self.article,
            self.people_found,
            self.people_expected,
            100.0 * self.people_recall(),
            100.0 * self.false_people(),
            self.roles_right,
            self.people_found,
            100.0 * self.role_accuracy(),
            self.quotes_found,
            self.quotes_expected,
            100.0 * self.quote_recall(),
            100.0 * self.quote_precision(),
            self.speakers_right,
            self.quotes_found,
            100.0 * self.speaker_accuracy(),
        )
    }
}

pub const HEADER: &str = "| article | people found | false people | right role | passages found | passage precision | right speaker |\n|---|---|---|---|---|---|---|";

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The articles the rules were written against: the shipped story first,
/// then the test articles, each with its expected file.
pub fn development_cases() -> Vec<PathBuf> {
    fixtures(&["shipped", "politics", "business", "local", "court"])
}

/// Articles written after the rules of the round before, measured on
/// them as they came (the README keeps those figures), then used to fix
/// the rules they showed wrong.
pub fn later_rounds() -> Vec<(&'static str, Vec<PathBuf>)> {
    vec![
        (
            "second round",
            fixtures(&["election", "earnings", "festival"]),
        ),
        ("third round", fixtures(&["vaccine", "derby", "robbery"])),
    ]
}

/// Articles written after the rules were frozen and never used to change
/// them: how the rules do on text they were not fitted to.
pub fn held_out_cases() -> Vec<PathBuf> {
    fixtures(&["strike", "housing", "airline"])
}

pub fn cases() -> Vec<PathBuf> {
    let mut all = development_cases();
    for (_, cases) in later_rounds() {
        all.extend(cases);
    }
    all.extend(held_out_cases());
    all
}

fn fixtures(names: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/draft");
    names
        .iter()
        .map(|name| root.join(name).join("expected.yaml"))
        .collect()
}

/// The article an expected file describes.
pub fn article_of(expected_path: &Path) -> PathBuf {
    let expected: Expected =
        serde_saphyr::from_str(&std::fs::read_to_string(expected_path).unwrap()).unwrap();
    expected_path.parent().unwrap().join(expected.article)
}

pub fn findings(article_path: &Path) -> Findings {
    let text = std::fs::read_to_string(article_path).unwrap();
    draft::analyse_text(&text).unwrap()
}

fn role_key(role: &str) -> String {
    let lower = role.to_lowercase().replace('’', "'");
    let lower = lower.trim();
    ["the ", "a ", "an ", "his ", "her ", "their "]
        .iter()
        .find_map(|article| lower.strip_prefix(article))
        .unwrap_or(lower)
        .to_owned()
}

fn quote_key(text: &str) -> String {
    draft::fragments(text).join(" … ")
}

pub fn score(expected_path: &Path) -> Score {
    let expected: Expected =
        serde_saphyr::from_str(&std::fs::read_to_string(expected_path).unwrap()).unwrap();
    let findings = findings(&expected_path.parent().unwrap().join(&expected.article));
    let name = expected_path
        .parent()
        .and_then(Path::file_name)
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut score = Score {
        article: name,
        people_expected: expected.people.len(),
        people_drafted: findings.people.len(),
        quotes_expected: expected.quotes.len(),
        quotes_drafted: findings.quotes.len(),
        ..Score::default()
    };
    let drafted_index = |name: &str| {
        findings
            .people
            .iter()
            .position(|p| p.name == name || p.aliases.iter().any(|a| a == name))
    };
    for person in &expected.people {
        let Some(index) = drafted_index(&person.name) else {
            score.notes.push(format!("missed person {}", person.name));
            continue;
        };
        score.people_found += 1;
        let drafted = &findings.people[index].role;
        let right = match drafted {
            None => person.roles.is_empty(),
            Some(role) => person.roles.iter().any(|r| role_key(r) == role_key(role)),
        };
        if right {
            score.roles_right += 1;
        } else {
            score.notes.push(format!(
                "role of {}: drafted {:?}, the article says {:?}",
                person.name, drafted, person.roles
            ));
        }
    }
    for person in &findings.people {
        let expected_person = expected
            .people
            .iter()
            .any(|e| e.name == person.name || person.aliases.contains(&e.name));
        if !expected_person {
            score.notes.push(format!("false person {}", person.name));
        }
    }
    for quote in &expected.quotes {
        let key = quote_key(&quote.text);
        let Some(drafted) = findings.quotes.iter().find(|q| quote_key(&q.text) == key) else {
            score.notes.push(format!("missed passage “{}”", quote.text));
            continue;
        };
        score.quotes_found += 1;
        let speaker = &findings.people[drafted.speaker];
        if speaker.name == quote.speaker || speaker.aliases.contains(&quote.speaker) {
            score.speakers_right += 1;
        } else {
            score.notes.push(format!(
                "speaker of “{}”: drafted {}, the article says {}",
                quote.text, speaker.name, quote.speaker
            ));
        }
    }
    for quote in &findings.quotes {
        let key = quote_key(&quote.text);
        if !expected.quotes.iter().any(|q| quote_key(&q.text) == key) {
            score.notes.push(format!(
                "passage not in the expected list: “{}”",
                quote.text
            ));
        }
    }
    score
}
