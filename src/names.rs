//! Finding people's names in running text, as whole words.
//!
//! One automaton over every name and alias scans a text once, however many
//! people there are; a match counts only when it is not part of a longer
//! word ("Ann" never matches inside "Annual", "José" never inside "Josée"),
//! while a following apostrophe ("Trump’s") still ends the word.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::Person;

pub struct NameMatcher {
    automaton: Option<AhoCorasick>,
    /// For each pattern, the people it names: one, or several when
    /// namesakes share it.
    owners: Vec<Vec<usize>>,
}

/// A name found in a text: where, and whose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub range: Range<usize>,
    pub person: usize,
}

impl NameMatcher {
    pub fn new(people: &[Person]) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut pattern_of: HashMap<String, usize> = HashMap::new();
        for (index, person) in people.iter().enumerate() {
            for name in person.names() {
                for variant in apostrophe_variants(name) {
                    if variant.is_empty() {
                        continue;
                    }
                    // One pattern per spelling: a name two people share
                    // stays one pattern that names both.
                    let at = *pattern_of.entry(variant.clone()).or_insert_with(|| {
                        patterns.push(variant);
                        owners.push(Vec::new());
                        owners.len() - 1
                    });
                    if owners[at].last() != Some(&index) {
                        owners[at].push(index);
                    }
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
        NameMatcher { automaton, owners }
    }

    /// Whole-word mentions in `text` that name one person, left to right,
    /// the longest name winning where two overlap ("Vladimir Putin" over
    /// "Putin"). A name namesakes share is not a mention of either: the
    /// text does not say which one it means.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.names_in(text)
            .into_iter()
            .filter_map(|(range, pattern)| match self.owners[pattern].as_slice() {
                [person] => Some(Mention {
                    range,
                    person: *person,
                }),
                _ => None,
            })
            .collect()
    }

    /// Everyone `text` names, namesakes included.
    pub fn people_named(&self, text: &str) -> impl Iterator<Item = usize> + '_ {
        self.names_in(text)
            .into_iter()
            .flat_map(|(_, pattern)| self.owners[pattern].iter().copied())
    }

    /// Whole-word names in `text`, as (range, pattern), overlaps resolved.
    fn names_in(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut found: Vec<(Range<usize>, usize)> = automaton
            .find_overlapping_iter(text)
            .filter(|m| is_whole_word(text, m.range()))
            .map(|m| (m.range(), m.pattern().as_usize()))
            .collect();
        found.sort_by(|(a, _), (b, _)| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut chosen: Vec<(Range<usize>, usize)> = Vec::with_capacity(found.len());
        for (range, pattern) in found {
            if chosen
                .last()
                .is_none_or(|(last, _)| range.start >= last.end)
            {
                chosen.push((range, pattern));
            }
        }
        chosen
    }
}

/// A name written with a straight apostrophe also matches the curly one, and
/// the other way round (O'Brien, O’Brien).
fn apostrophe_variants(name: &str) -> Vec<String> {
    let name = name.trim();
    if name.contains(['\'', '’']) {
        vec![name.replace('’', "'"), name.replace('\'', "’")]
    } else {
        vec![name.to_owned()]
    }
}

/// Not inside a longer word. Chinese, Japanese, Thai and the other scripts
/// written without spaces have no word boundaries to find, so at an edge
/// where the name or its neighbour is in such a script, the name stands as
/// it is: 習近平は is 習近平 followed by は, and so is Annは.
fn is_whole_word(text: &str, range: Range<usize>) -> bool {
    let name = &text[range.clone()];
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let joined = |outside: Option<char>, edge: Option<char>| match (outside, edge) {
        (Some(o), Some(e)) => continues_word(o, e),
        _ => false,
    };
    !joined(before, name.chars().next()) && !joined(after, name.chars().next_back())
}

/// Whether `outside`, next to a text's `edge` character, would make the
/// text part of a longer word.
pub(crate) fn continues_word(outside: char, edge: char) -> bool {
    is_word_char(outside) && is_word_char(edge) && !(is_unspaced(outside) || is_unspaced(edge))
}

/// Letters of scripts written without spaces between words: Han (with
/// the ideographic iteration mark), kana, Thai, Lao, Khmer, Myanmar.
fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}' | '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}' | '\u{20000}'..='\u{3FFFF}'
        | '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{109F}' | '\u{1780}'..='\u{17FF}')
}

/// Letters, digits and combining accents belong to a word; an accent
/// written as a separate combining mark after a name makes it another word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || c == '_'
        || matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, aliases: &[&str]) -> Person {
        Person {
            id: name.to_lowercase().replace(' ', "-"),
            name: name.into(),
            role: String::new(),
            group: String::new(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            summary: None,
            image: None,
            links: Vec::new(),
            lang: None,
            name_at: None,
            role_at: None,
        }
    }

    fn names_found(matcher: &NameMatcher, text: &str) -> Vec<String> {
        matcher
            .find(text)
            .into_iter()
            .map(|m| text[m.range].to_owned())
            .collect()
    }

    #[test]
    fn whole_words_only_longest_first() {
        let people = [
            person("Vladimir Putin", &["Putin"]),
            person("Ann Lee", &["Ann"]),
        ];
        let matcher = NameMatcher::new(&people);
        assert_eq!(
            names_found(&matcher, "Vladimir Putin met Putin’s aide"),
            ["Vladimir Putin", "Putin"]
        );
        assert!(names_found(&matcher, "Annual report by Anne").is_empty());
        assert_eq!(names_found(&matcher, "(Ann)"), ["Ann"]);
    }

    #[test]
    fn a_shared_name_names_both_and_links_neither() {
        let people = [
            person("Rosa Petrov", &["Petrov"]),
            person("Rosa Petrov Jr", &[]),
            person("Ivan Petrov", &["Petrov"]),
        ];
        let matcher = NameMatcher::new(&people);
        let text = "Petrov met Rosa Petrov Jr and Ivan Petrov.";
        assert_eq!(
            names_found(&matcher, text),
            ["Rosa Petrov Jr", "Ivan Petrov"]
        );
        let mut named: Vec<usize> = matcher.people_named(text).collect();
        named.sort_unstable();
        assert_eq!(named, [0, 1, 2, 2]);
    }

    #[test]
    fn names_in_scripts_without_spaces_match_inside_the_run() {
        let people = [
            person("習近平", &[]),
            person("岸田文雄", &["岸田"]),
            person("ทักษิณ ชินวัตร", &["ทักษิณ"]),
            person("Ann", &[]),
        ];
        let matcher = NameMatcher::new(&people);
        assert_eq!(
            names_found(&matcher, "習近平国家主席は岸田首相と会談した。"),
            ["習近平", "岸田"]
        );
        assert_eq!(names_found(&matcher, "นายทักษิณกล่าวว่า"), ["ทักษิณ"]);
        // A Latin name still needs its boundaries, next to CJK or not.
        assert_eq!(names_found(&matcher, "Annは"), ["Ann"]);
        assert!(names_found(&matcher, "Anne").is_empty());
    }

    #[test]
    fn accents_and_apostrophes() {
        let people = [
            person("José Núñez", &[]),
            person("Seán O'Brien", &[]),
            person("Jose", &[]),
        ];
        let matcher = NameMatcher::new(&people);
        assert_eq!(
            names_found(&matcher, "José Núñez and Seán O’Brien"),
            ["José Núñez", "Seán O’Brien"]
        );
        assert!(names_found(&matcher, "Jose\u{301} spoke").is_empty());
        assert!(names_found(&matcher, "Joseé").is_empty());
    }
}
