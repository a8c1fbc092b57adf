//! A person's role in the article's own words, and the group it names.
//!
//! Four shapes, in the order they are trusted: a capitalised title before
//! the name ("Labor Minister Grace Whitfield"), an apposition after it
//! ("Priyanka Rao, an economist at the Meridian Institute,"), one before it
//! ("Trump's national security adviser, Michael Waltz,"), and a common
//! noun before it ("economist Priyanka Rao").

use std::ops::Range;

use super::lexicon;
use super::people::{People, word_span};
use super::text::Paragraph;

#[derive(Debug, Clone)]
pub struct Role {
    pub text: String,
    /// 0 is the most trusted shape.
    pub rank: u8,
    /// The party written as "D-Ore." after a name, if any. A role whose
    /// `text` is empty carries only that: "Ann Cole, D-Ore., who …".
    pub party: Option<&'static str>,
}

/// Every role the article gives each person, best first.
pub fn find(texts: &[Paragraph], people: &People) -> Vec<Vec<Role>> {
    let mut roles: Vec<Vec<Role>> = vec![Vec::new(); people.found.len()];
    for mention in &people.mentions {
        let paragraph = &texts[mention.text];
        let found = [
            title_before(paragraph, mention.title.clone(), mention.words.start),
            apposition_after(paragraph, mention.words.clone()),
            apposition_before(paragraph, mention.title.clone(), mention.words.start),
            noun_before(paragraph, mention.title.clone(), mention.words.start),
        ];
        for role in found.into_iter().flatten() {
            let list = &mut roles[mention.person];
            if !list.iter().any(|r| r.text == role.text) {
                list.push(role);
            }
        }
    }
    for list in &mut roles {
        // Stable: among equals, the first the article gives.
        list.sort_by_key(|r| r.rank);
    }
    roles
}

/// The group a person's roles name: a country, a party, an organisation.
pub fn group(roles: &[Role]) -> Option<String> {
    let words_of = |role: &Role| -> Vec<String> {
        role.text
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
                    .to_owned()
            })
            .collect()
    };
    for role in roles {
        for word in words_of(role) {
            let stem = word.trim_end_matches("’s").trim_end_matches("'s");
            let stem = stem.strip_prefix("then-").unwrap_or(stem);
            if let Some(country) = lexicon::nationality(stem) {
                return Some(country.to_owned());
            }
        }
    }
    for role in roles {
        if let Some(party) = role.party {
            return Some(party.to_owned());
        }
        for word in role.text.split_whitespace() {
            if word.chars().next().is_some_and(char::is_uppercase)
                && let Some(party) = lexicon::party(word)
            {
                return Some(party.to_owned());
            }
        }
    }
    roles.iter().find_map(|role| organisation(&role.text))
}

/// The first run of capitalised words in a role that is not a title
/// ("Harlan Shipping Co." in "Harlan Shipping Co. CEO"), nor a person's
/// possessive ("Trump's").
fn organisation(role: &str) -> Option<String> {
    let words: Vec<&str> = role.split_whitespace().collect();
    let mut index = 0;
    while index < words.len() {
        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        if !capital(words[index]) {
            index += 1;
            continue;
        }
        let start = index;
        while index < words.len()
            && (capital(words[index])
                || matches!(words[index], "of" | "and" | "for" | "&")
                    && index + 1 < words.len()
                    && capital(words[index + 1]))
        {
            index += 1;
        }
        let mut run = &words[start..index];
        let ends_possessive = run
            .last()
            .is_some_and(|w| w.ends_with("’s") || w.ends_with("'s"));
        while let Some(last) = run.last() {
            let bare = last.trim_end_matches([',', '.']);
            if lexicon::is_title(bare) && !lexicon::is_non_person_word(bare)
                || matches!(*last, "of" | "and" | "for")
            {
                run = &run[..run.len() - 1];
            } else {
                break;
            }
        }
        let all_titles = run.iter().all(|w| {
            matches!(*w, "of" | "and" | "for" | "&")
                || lexicon::is_title(w.strip_prefix("then-").unwrap_or(w))
                    && !lexicon::is_non_person_word(w)
        });
        if !run.is_empty() && !ends_possessive && !all_titles {
            return Some(run.join(" ").trim_end_matches(',').to_owned());
        }
    }
    None
}

/// "U.S. Secretary of State" before "Marco Rubio", and a modifier such as
/// "then-" or "former" before that.
fn title_before(paragraph: &Paragraph, title: Range<usize>, name_start: usize) -> Option<Role> {
    let mut start = title.start;
    // Sentence openings and honorifics are not part of a role.
    while start < name_start {
        let word = paragraph.word(start);
        let bare = word.strip_prefix("then-").unwrap_or(word);
        if (lexicon::is_title(bare) || lexicon::is_role_noun(bare)) && !lexicon::is_honorific(bare)
            || lexicon::nationality(bare).is_some()
        {
            break;
        }
        if bare.chars().next().is_some_and(char::is_uppercase)
            && !lexicon::is_function_word(bare)
            && !lexicon::is_calendar_word(bare)
        {
            break;
        }
        start += 1;
    }
    let mut end = name_start;
    while end > start && lexicon::is_honorific(paragraph.word(end - 1)) {
        end -= 1;
    }
    // "Saudi Foreign Minister Prince Faisal": the prince is in the name
    // ("Prince Faisal"), the minister is the role.
    if end > start + 1
        && matches!(
            paragraph.word(end - 1),
            "Prince" | "Princess" | "Sheikh" | "Sheikha" | "Emir" | "King" | "Queen"
        )
        && (start..end - 1).any(|w| lexicon::is_role_noun(paragraph.word(w)))
    {
        end -= 1;
    }
    if start >= end {
        return None;
    }
    let has_title = (start..end).any(|w| {
        let word = paragraph.word(w);
        let bare = word.strip_prefix("then-").unwrap_or(word);
        (lexicon::is_title(bare) || lexicon::is_role_noun(bare)) && !lexicon::is_honorific(bare)
    });
    if !has_title || lexicon::is_function_word(paragraph.word(end - 1)) {
        return None;
    }
    while start > 0
        && start == title.start
        && paragraph.gap_before(start).chars().all(char::is_whitespace)
        && matches!(
            paragraph.word(start - 1).to_lowercase().as_str(),
            "former" | "acting" | "interim" | "outgoing" | "incoming" | "then" | "deputy"
        )
    {
        start -= 1;
    }
    Some(Role {
        text: paragraph.text[word_span(paragraph, start..end)].to_owned(),
        rank: 0,
        party: None,
    })
}

/// "Priyanka Rao, an economist at the Meridian Institute, said": the words
/// between the name's comma and the next one, when they name a role.
fn apposition_after(paragraph: &Paragraph, name: Range<usize>) -> Option<Role> {
    let last = name.end - 1;
    if paragraph.words[last].possessive || paragraph.gap_after(last).trim() != "," {
        return None;
    }
    let mut start = name.end;
    let mut party = None;
    // An age or a party ("54," or "D-Ore.,") may stand first.
    for _ in 0..2 {
        let word = (start < paragraph.words.len()).then(|| paragraph.word(start))?;
        let is_age = word.chars().all(|c| c.is_ascii_digit());
        let is_party = party_of(word);
        if (is_age || is_party.is_some())
            && paragraph
                .gap_after(start)
                .trim_start_matches('.')
                .trim_start()
                .starts_with(',')
        {
            party = party.or(is_party);
            start += 1;
        } else {
            break;
        }
    }
    let mut end = start;
    while end < paragraph.words.len() && end - start < 14 {
        let word = paragraph.word(end);
        let relative = matches!(word, "who" | "which" | "whose" | "whom" | "that");
        if paragraph.words[end].quote.is_some()
            || end > start && (lexicon::is_speech_verb(word) || relative)
        {
            break;
        }
        end += 1;
        let gap = paragraph.gap_after(end - 1);
        if gap.contains([',', ';', '.', ':', '—', '–', '(', ')', '“', '”', '"']) {
            break;
        }
    }
    let phrase: Vec<&str> = (start..end).map(|w| paragraph.word(w)).collect();
    let first = phrase.first()?.to_lowercase();
    let refused = [
        "who",
        "which",
        "whose",
        "that",
        "and",
        "but",
        "or",
        "said",
        "says",
        "left",
        "right",
        "second",
        "third",
        "fourth",
        "center",
        "centre",
        "top",
        "bottom",
        "front",
        "back",
        "foreground",
        "background",
        "in",
        "on",
        "at",
        "with",
        "from",
        "to",
        "for",
        "as",
        "while",
        "when",
        "after",
        "before",
        "also",
        "too",
        "however",
        "though",
        "meanwhile",
        "then",
        "now",
        "who's",
    ];
    // "Fatima Qureshi, who runs a falafel stall at the festival": the
    // least trusted shape, for someone the article describes no other way.
    if matches!(first.as_str(), "who" | "whose")
        && phrase.len() >= 3
        && !phrase.iter().any(|w| lexicon::is_speech_verb(w))
        && paragraph
            .gap_after(end - 1)
            .trim_start()
            .starts_with([',', '.', ';'])
    {
        return Some(Role {
            text: paragraph.text[word_span(paragraph, start..end)].to_owned(),
            rank: 4,
            party,
        });
    }
    if refused.contains(&first.as_str()) || lexicon::is_speech_verb(&first) {
        return party.map(|party| Role {
            text: String::new(),
            rank: 9,
            party: Some(party),
        });
    }
    // A role is named in its first few words: "an economist at …", "the
    // city's planning director", "chief executive of …".
    let names_role = phrase.iter().take(6).any(|w| {
        lexicon::is_role_noun(w)
            || lexicon::is_title(w)
                && w.chars().next().is_some_and(char::is_uppercase)
                && !lexicon::is_honorific(w)
    });
    if !names_role || phrase.iter().take(6).any(|w| lexicon::is_speech_verb(w)) {
        return None;
    }
    Some(Role {
        text: paragraph.text[word_span(paragraph, start..end)].to_owned(),
        rank: 1,
        party,
    })
}

/// "D-Ore." after a name: Democrat from Oregon.
fn party_of(word: &str) -> Option<&'static str> {
    let (letter, state) = word.split_once('-')?;
    if !state.chars().next().is_some_and(char::is_uppercase) || state.len() > 6 {
        return None;
    }
    match letter {
        "D" => Some("Democratic Party"),
        "R" => Some("Republican Party"),
        "I" => Some("Independent"),
        _ => None,
    }
}

/// "Trump's national security adviser, Michael Waltz": a role ending just
/// before the comma in front of the name.
fn apposition_before(
    paragraph: &Paragraph,
    title: Range<usize>,
    name_start: usize,
) -> Option<Role> {
    // "…’s chief executive, Dr. Samuel Obi": an honorific may stand
    // between the comma and the name.
    let lead = title.start.min(name_start);
    if (lead..name_start).any(|w| !lexicon::is_honorific(paragraph.word(w)))
        || lead == 0
        || paragraph.gap_before(lead).trim() != ","
    {
        return None;
    }
    let end = lead;
    if !lexicon::is_role_noun(paragraph.word(end - 1)) {
        return None;
    }
    let start = walk_back_over_role(paragraph, end - 1);
    Some(Role {
        text: paragraph.text[word_span(paragraph, start..end)].to_owned(),
        rank: 2,
        party: None,
    })
}

/// "special Mideast envoy Steven Witkoff", "Washington Post journalist
/// Jamal Khashoggi".
fn noun_before(paragraph: &Paragraph, title: Range<usize>, name_start: usize) -> Option<Role> {
    if title.start < name_start || name_start == 0 {
        return None;
    }
    let noun = name_start - 1;
    let word = paragraph.word(noun);
    if !paragraph
        .gap_before(name_start)
        .chars()
        .all(char::is_whitespace)
        || !word.chars().next().is_some_and(char::is_lowercase)
        || !lexicon::is_role_noun(word)
    {
        return None;
    }
    let start = walk_back_over_role(paragraph, noun);
    Some(Role {
        text: paragraph.text[word_span(paragraph, start..name_start)].to_owned(),
        rank: 3,
        party: None,
    })
}

/// From a role's noun back over its modifiers, capitalised words and a
/// possessive ("Putin's foreign affairs adviser"), to where the role
/// starts; a leading "his" or "the" is left out.
fn walk_back_over_role(paragraph: &Paragraph, noun: usize) -> usize {
    let mut start = noun;
    while start > 0 && noun - start < 9 {
        let previous = start - 1;
        if !paragraph
            .gap_after(previous)
            .chars()
            .all(char::is_whitespace)
            || paragraph.words[previous].quote != paragraph.words[noun].quote
        {
            break;
        }
        let word = paragraph.word(previous);
        let lower = word.to_lowercase();
        // "founder and chairman", "president and chief executive"
        if matches!(word, "and" | "&")
            && previous > 0
            && lexicon::is_role_noun(paragraph.word(previous - 1))
            && paragraph
                .gap_after(previous - 1)
                .chars()
                .all(char::is_whitespace)
        {
            start = previous - 1;
            continue;
        }
        let possessive = paragraph.words[previous].possessive;
        let capital = paragraph.is_capitalised(previous) && !lexicon::is_function_word(word);
        let belongs = capital
            || possessive && !lexicon::is_function_word(word)
            || lexicon::is_role_modifier(&lower)
            || lexicon::is_role_noun(&lower) && !possessive;
        // "Neighbouring cafe owner": one more noun, when what stands
        // before it clearly opens the role (a capital, a possessive, "the").
        let compound_noun = !belongs
            && start == noun
            && previous > 0
            && word.chars().all(|c| c.is_lowercase())
            && !lexicon::is_function_word(word)
            && !lexicon::is_preposition(word)
            && !lexicon::is_speech_verb(word)
            && !word.ends_with("ed")
            && paragraph
                .gap_after(previous - 1)
                .chars()
                .all(char::is_whitespace)
            && {
                let opener = paragraph.word(previous - 1);
                paragraph.is_capitalised(previous - 1)
                    || paragraph.words[previous - 1].possessive
                    || matches!(opener, "the" | "a" | "an" | "his" | "her" | "their" | "its")
            };
        if !belongs && !compound_noun {
            break;
        }
        // "the opposition's finance spokesman": a lower-case possessor
        // ends the role.
        if possessive && !capital {
            start = previous;
            break;
        }
        start = previous;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::people;

    fn roles_of(text: &str) -> Vec<(String, Vec<String>, Option<String>)> {
        let texts = [Paragraph::new(text)];
        let people = people::find(&texts, &[]);
        let roles = find(&texts, &people);
        people
            .found
            .iter()
            .zip(&roles)
            .map(|(f, r)| {
                (
                    f.name.clone(),
                    r.iter()
                        .filter(|r| !r.text.is_empty())
                        .map(|r| r.text.clone())
                        .collect(),
                    group(r),
                )
            })
            .collect()
    }

    #[test]
    fn the_four_shapes() {
        let found = roles_of(
            "Labor Minister Grace Whitfield met Priyanka Rao, an economist at the Meridian Institute, and Trump’s national security adviser, Michael Waltz, as well as Washington Post journalist Jamal Khashoggi and Harlan Shipping Co. CEO Dana Ruiz.",
        );
        let expect = |name: &str, role: &str, group: Option<&str>| {
            (
                name.to_owned(),
                vec![role.to_owned()],
                group.map(str::to_owned),
            )
        };
        assert_eq!(
            found,
            [
                expect("Grace Whitfield", "Labor Minister", None),
                expect(
                    "Priyanka Rao",
                    "an economist at the Meridian Institute",
                    Some("Meridian Institute")
                ),
                expect("Michael Waltz", "Trump’s national security adviser", None),
                expect(
                    "Jamal Khashoggi",
                    "Washington Post journalist",
                    Some("Washington Post")
                ),
                expect(
                    "Dana Ruiz",
                    "Harlan Shipping Co. CEO",
                    Some("Harlan Shipping Co.")
                ),
            ]
        );
    }

    #[test]
    fn nationality_and_party_give_the_group() {
        let found = roles_of(
            "Russian Foreign Minister Sergei Lavrov met Sen. Ann Cole, D-Ore., and then-U.S. Secretary of State Antony Blinken.",
        );
        assert_eq!(found[0].2.as_deref(), Some("Russia"));
        assert_eq!(found[1].2.as_deref(), Some("Democratic Party"));
        assert_eq!(found[1].1, ["Sen."]);
        assert_eq!(found[2].1, ["then-U.S. Secretary of State"]);
        assert_eq!(found[2].2.as_deref(), Some("United States"));
    }
}
