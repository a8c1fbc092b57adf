//! Finding the people an article names: runs of capitalised words, split
//! into the title before a name and the name itself, with organisations,
//! places, days and sentence openings set aside; then the ways one person
//! is named ("Michael Waltz", "Mike Waltz", "Waltz") gathered into one.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::lexicon::{self, Gender};
use super::text::Paragraph;

/// A person as the article names them.
#[derive(Debug, Clone)]
pub struct Found {
    /// The first full form the article gives ("Marco Rubio").
    pub name: String,
    /// Every other form the article uses, in order of appearance.
    pub aliases: Vec<String>,
    pub gender: Option<Gender>,
}

/// One place where a person is named.
#[derive(Debug, Clone)]
pub struct Mention {
    pub text: usize,
    /// The words of the name.
    pub words: Range<usize>,
    /// The words of the capitalised run before the name ("U.S. Secretary of
    /// State" before "Marco Rubio"): a title, when there is one.
    pub title: Range<usize>,
    pub person: usize,
}

#[derive(Debug, Default)]
pub struct People {
    pub found: Vec<Found>,
    /// In text order.
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A word of a title or a nationality: "Secretary", "U.S.".
    Title,
    /// A word that makes the run an organisation or a place.
    Thing,
    /// Not part of any name: a day, a month, a sentence's first word.
    Stop,
    Particle,
    Name,
}

/// A name found in one place, before it is known whose it is.
struct Candidate {
    text: usize,
    run: Range<usize>,
    name: Range<usize>,
    parts: Vec<String>,
}

pub fn find(texts: &[Paragraph], authors: &[String]) -> People {
    let lowercase_words = lowercase_words(texts);
    let speakers = lone_speakers(texts);
    let mut candidates = Vec::new();
    for (index, paragraph) in texts.iter().enumerate() {
        for run in runs(paragraph) {
            if let Some(candidate) = name_in_run(paragraph, index, run, &lowercase_words, &speakers)
            {
                candidates.push(candidate);
            }
        }
    }

    let mut people = People::default();
    let mut surnames: Vec<String> = Vec::new();
    let mut givens: Vec<String> = Vec::new();
    let mut parts_of: Vec<Vec<String>> = Vec::new();
    // Full names first, in order, so that "Rubio" finds "Marco Rubio"
    // even in a caption that names him before the body does.
    let mut person_of: Vec<Option<usize>> = vec![None; candidates.len()];
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_given: HashMap<String, Vec<usize>> = HashMap::new();
    for (at, candidate) in candidates.iter().enumerate() {
        if candidate.parts.len() < 2 {
            continue;
        }
        let form = candidate.parts.join(" ");
        // Only people who share the surname or the given name can be the
        // same person: a map of each keeps long articles linear.
        let mut alike: Vec<usize> = by_surname
            .get(surname(&candidate.parts))
            .into_iter()
            .chain(by_given.get(candidate.parts[0].as_str()))
            .flatten()
            .copied()
            .collect();
        alike.sort_unstable();
        let existing = alike
            .into_iter()
            .find(|&p| same_person(&parts_of[p], &candidate.parts));
        let person = match existing {
            Some(person) => {
                let found = &mut people.found[person];
                if found.name != form && !found.aliases.contains(&form) {
                    found.aliases.push(form);
                }
                person
            }
            None => {
                people.found.push(Found {
                    name: form,
                    aliases: Vec::new(),
                    gender: None,
                });
                let index = people.found.len() - 1;
                surnames.push(surname(&candidate.parts).to_owned());
                givens.push(candidate.parts[0].clone());
                parts_of.push(candidate.parts.clone());
                by_surname
                    .entry(surname(&candidate.parts).to_owned())
                    .or_default()
                    .push(index);
                by_given
                    .entry(candidate.parts[0].clone())
                    .or_default()
                    .push(index);
                index
            }
        };
        person_of[at] = Some(person);
    }

    // A surname two people share names neither of them on its own; a
    // mention of it is taken to mean the one named last.
    let shared_surnames: HashSet<&str> = by_surname
        .iter()
        .filter(|(_, people)| people.len() > 1)
        .map(|(surname, _)| surname.as_str())
        .collect();
    let mut last_seen: Vec<usize> = vec![0; surnames.len()];
    let mut orphans: Vec<(usize, String)> = Vec::new();
    for (at, candidate) in candidates.iter().enumerate() {
        if let Some(person) = person_of[at] {
            last_seen[person] = at + 1;
            continue;
        }
        if candidate.parts.len() != 1 {
            continue;
        }
        let word = &candidate.parts[0];
        let paragraph = &texts[candidate.text];
        // The title just before the name, as in "Prince Faisal".
        let title_word = candidate
            .name
            .start
            .checked_sub(1)
            .filter(|&w| w >= candidate.run.start)
            .map(|w| paragraph.word(w))
            .filter(|w| lexicon::is_title(w) && lexicon::nationality(w).is_none());
        let titled = title_word.is_some();
        let same_surname: &[usize] = by_surname.get(word.as_str()).map_or(&[], Vec::as_slice);
        let person = match same_surname {
            [one] => Some(*one),
            [] if titled => by_given.get(word.as_str()).and_then(|p| p.first().copied()),
            [] => None,
            several => several
                .iter()
                .copied()
                .max_by_key(|&p| (last_seen[p], std::cmp::Reverse(p))),
        };
        let title =
            &paragraph.text[word_span(paragraph, candidate.run.start..candidate.name.start)];
        match person {
            Some(person) => {
                person_of[at] = Some(person);
                last_seen[person] = at + 1;
                let found = &mut people.found[person];
                let ambiguous = shared_surnames.contains(word.as_str());
                // "Prince Faisal", "Mayor Duarte": a title with the name is
                // another way the article names them; the bare name is one
                // only where it stands alone.
                let form = match title_word {
                    Some(title_word) => format!("{title_word} {word}"),
                    None if ambiguous => String::new(),
                    None => word.clone(),
                };
                if !form.is_empty() && found.name != form && !found.aliases.contains(&form) {
                    found.aliases.push(form);
                }
            }
            None if titled && has_person_title(title) => orphans.push((at, word.clone())),
            None => {}
        }
    }
    // Someone the article names only with a title and a surname ("Mayor
    // Duarte") is a person too.
    for (at, word) in orphans {
        let existing = people.found.iter().position(|f| f.name == word);
        let person = existing.unwrap_or_else(|| {
            people.found.push(Found {
                name: word.clone(),
                aliases: Vec::new(),
                gender: None,
            });
            people.found.len() - 1
        });
        person_of[at] = Some(person);
    }

    // The byline's authors are not people of the story.
    let is_author = |found: &Found| {
        std::iter::once(&found.name)
            .chain(&found.aliases)
            .any(|form| authors.iter().any(|a| a.trim().eq_ignore_ascii_case(form)))
    };
    let keep: Vec<bool> = people.found.iter().map(|f| !is_author(f)).collect();
    let mut renumber = vec![usize::MAX; keep.len()];
    let mut kept = Vec::new();
    for (index, found) in people.found.drain(..).enumerate() {
        if keep[index] {
            renumber[index] = kept.len();
            kept.push(found);
        }
    }
    people.found = kept;

    for (at, candidate) in candidates.into_iter().enumerate() {
        let Some(person) = person_of[at]
            .map(|p| renumber[p])
            .filter(|&p| p != usize::MAX)
        else {
            continue;
        };
        let paragraph = &texts[candidate.text];
        if people.found[person].gender.is_none() {
            people.found[person].gender = (candidate.run.start..candidate.name.start)
                .find_map(|w| lexicon::honorific_gender(paragraph.word(w)));
        }
        people.mentions.push(Mention {
            text: candidate.text,
            title: candidate.run.start..candidate.name.start.max(candidate.run.start),
            words: candidate.name,
            person,
        });
    }
    people
}

/// The byte range that words `words` of `paragraph` cover.
pub fn word_span(paragraph: &Paragraph, words: Range<usize>) -> Range<usize> {
    if words.is_empty() {
        return 0..0;
    }
    paragraph.words[words.start].range.start..paragraph.words[words.end - 1].range.end
}

fn has_person_title(title: &str) -> bool {
    // A title only a person holds ("Mayor", "Sen.", "Dr."), unlike
    // "Health" in "the Health Bulletin".
    title.split_whitespace().next_back().is_some_and(|w| {
        (lexicon::is_role_noun(w) || lexicon::is_honorific(w) || w.ends_with('.'))
            && lexicon::is_title(w)
            && !lexicon::is_non_person_word(w)
    })
}

fn surname(parts: &[String]) -> &str {
    parts
        .iter()
        .rev()
        .find(|p| !lexicon::is_name_suffix(p))
        .map_or("", String::as_str)
}

/// Two full names name one person when they share the surname and the
/// given name (or its familiar form: Mike and Michael), or when one is the
/// other with words left out at the end ("Faisal bin Farhan").
fn same_person(a: &[String], b: &[String]) -> bool {
    let given_alike = |x: &str, y: &str| {
        lexicon::same_given_name(x, y)
            || strsim::jaro_winkler(&x.to_lowercase(), &y.to_lowercase()) >= 0.9
    };
    if surname(a) == surname(b) && given_alike(&a[0], &b[0]) {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // "Vasquez de la Torre" is "Elena Vasquez de la Torre" without her
    // given name: a surname of several words.
    let compound_surname =
        long.ends_with(short) && short.iter().any(|w| lexicon::is_name_particle(w));
    compound_surname
        || short.len() >= 2
            && long.starts_with(short)
            && lexicon::is_name_particle(&long[short.len()])
}

/// Capitalised words that stand alone before a speech verb ("Mills
/// told reporters") or after an honorific ("Mr. Mills"): surnames.
fn lone_speakers<'a>(texts: &[Paragraph<'a>]) -> HashSet<&'a str> {
    let mut words = HashSet::new();
    for paragraph in texts {
        for index in 0..paragraph.words.len() {
            let word = paragraph.word(index);
            let after = (index + 1 < paragraph.words.len()).then(|| paragraph.word(index + 1));
            let alone = index == 0
                || paragraph.starts_sentence(index)
                || !paragraph.is_capitalised(index - 1);
            let titled = index > 0 && lexicon::is_honorific(paragraph.word(index - 1));
            if paragraph.is_capitalised(index)
                && (alone && after.is_some_and(lexicon::is_speech_verb) || titled)
            {
                words.insert(word);
            }
        }
    }
    words
}

/// Words that begin with a small letter somewhere in the article: a
/// capitalised "Speaking" at a sentence's start is the same word.
pub(super) fn lowercase_words(texts: &[Paragraph]) -> HashSet<String> {
    let mut words = HashSet::new();
    for paragraph in texts {
        for index in 0..paragraph.words.len() {
            let word = paragraph.word(index);
            if word.chars().next().is_some_and(char::is_lowercase) {
                words.insert(word.to_owned());
            }
        }
    }
    words
}

/// Runs of capitalised words with nothing but spaces between them; name
/// particles ("bin", "van") and the "of" of a title ("Secretary of State")
/// join a run when a capital follows.
fn runs(paragraph: &Paragraph) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let count = paragraph.words.len();
    let mut index = 0;
    while index < count {
        // "van der Berg said": a surname's particles lead its run even
        // where no given name comes before them.
        let particles = leading_particles(paragraph, index);
        if particles == 0 && !starts_name_word(paragraph, index) {
            index += 1;
            continue;
        }
        let start = index;
        let mut end = index + particles + 1;
        loop {
            let last = end - 1;
            if end >= count
                || paragraph.words[last].possessive
                || !joins(paragraph.gap_after(last))
                || paragraph.words[last].quote != paragraph.words[end].quote
            {
                break;
            }
            if starts_name_word(paragraph, end) {
                end += 1;
                continue;
            }
            // A particle or a title's "of" inside a run, when a capital
            // follows it.
            let word = paragraph.word(end);
            let inner = lexicon::is_name_particle(word)
                || matches!(word, "of" | "for" | "the") && lexicon::is_title(paragraph.word(last));
            let capital_follows = end + 1 < count
                && joins(paragraph.gap_after(end))
                && starts_name_word(paragraph, end + 1);
            if inner && capital_follows {
                end += 2;
                continue;
            }
            // "Vasquez de la Torre", "von der Leyen": particles in a row.
            let mut after = end;
            while after < count
                && lexicon::is_name_particle(paragraph.word(after))
                && joins(paragraph.gap_after(after))
            {
                after += 1;
            }
            if after > end + 1 && after < count && starts_name_word(paragraph, after) {
                end = after + 1;
                continue;
            }
            // "Speaker of the House"
            let of_the = matches!(word, "of" | "for")
                && lexicon::is_title(paragraph.word(last))
                && end + 2 < count
                && paragraph.word(end + 1) == "the"
                && joins(paragraph.gap_after(end))
                && joins(paragraph.gap_after(end + 1))
                && starts_name_word(paragraph, end + 2);
            if of_the {
                end += 3;
                continue;
            }
            break;
        }
        runs.push(start..end);
        index = end;
    }
    runs
}

/// How many particles that may begin a surname ("van der", "de", "bin")
/// start at `index` and lead to a capitalised word; 0 when they do not.
fn leading_particles(paragraph: &Paragraph, index: usize) -> usize {
    let count = paragraph.words.len();
    if !lexicon::starts_surname(paragraph.word(index)) || paragraph.is_capitalised(index) {
        return 0;
    }
    let mut after = index;
    while after < count
        && lexicon::is_name_particle(paragraph.word(after))
        && !paragraph.is_capitalised(after)
        && joins(paragraph.gap_after(after))
    {
        after += 1;
    }
    if after < count && after > index && starts_name_word(paragraph, after) {
        after - index
    } else {
        0
    }
}

fn joins(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(char::is_whitespace)
}

fn starts_name_word(paragraph: &Paragraph, index: usize) -> bool {
    let word = paragraph.word(index);
    paragraph.is_capitalised(index)
        || ["al-", "el-", "d’", "d'"].iter().any(|p| {
            word.strip_prefix(p)
                .is_some_and(super::text::is_capitalised)
        })
}

fn classify(paragraph: &Paragraph, index: usize, lowercase_words: &HashSet<String>) -> Class {
    let word = paragraph.word(index);
    let bare = word
        .strip_prefix("then-")
        .or_else(|| word.strip_prefix("ex-"))
        .unwrap_or(word);
    if lexicon::is_calendar_word(bare) {
        return Class::Stop;
    }
    if lexicon::nationality(bare).is_some() || lexicon::is_title(bare) || bare != word {
        return Class::Title;
    }
    // "Analyst Sophie Tremblay", "Nurse Imani Cole": a common noun that is
    // capitalised only because it opens the sentence.
    if paragraph.starts_sentence(index) && lexicon::is_role_noun(bare) {
        return Class::Title;
    }
    if lexicon::is_name_particle(word) && !paragraph.is_capitalised(index) {
        return Class::Particle;
    }
    // "Halden Biologics", "Apex Robotics"
    if lexicon::is_non_person_word(bare) || bare.len() > 6 && bare.ends_with("ics") {
        return Class::Thing;
    }
    let letters: Vec<char> = bare.chars().filter(|c| c.is_alphabetic()).collect();
    let acronym = letters.len() >= 2
        && letters.iter().all(|c| c.is_uppercase())
        && !lexicon::is_name_suffix(bare)
        || bare.chars().any(|c| c.is_ascii_digit());
    if acronym {
        return Class::Thing;
    }
    if paragraph.starts_sentence(index)
        && (lexicon::is_function_word(bare) || lowercase_words.contains(&bare.to_lowercase()))
    {
        return Class::Stop;
    }
    if lexicon::is_function_word(bare) {
        return Class::Stop;
    }
    Class::Name
}

/// The name in a run: its last stretch of name words, unless an
/// organisation's word follows it ("Grace Whitfield Foundation") or a
/// place's word begins it ("New Haven").
fn name_in_run(
    paragraph: &Paragraph,
    text: usize,
    run: Range<usize>,
    lowercase_words: &HashSet<String>,
    speakers: &HashSet<&str>,
) -> Option<Candidate> {
    let classes: Vec<Class> = run
        .clone()
        .map(|w| classify(paragraph, w, lowercase_words))
        .collect();
    let mut classes = classes;
    // "Gary Mills": a word that is also an organisation's ("mills") is a
    // surname when the article has it speak on its own ("Mills told").
    if let Some(last) = classes.len().checked_sub(1)
        && classes[last] == Class::Thing
        && (last == 0 || classes[last - 1] == Class::Name)
        && speakers.contains(paragraph.word(run.start + last))
    {
        classes[last] = Class::Name;
    }
    // "Martin Luther King Jr.": the word before a suffix is a name, even
    // one that is also a title.
    for at in 1..classes.len() {
        if lexicon::is_name_suffix(paragraph.word(run.start + at))
            && classes[at - 1] == Class::Title
        {
            classes[at - 1] = Class::Name;
        }
    }
    let mut end = classes.len();
    while end > 0
        && classes[end - 1] != Class::Name
        && !is_suffix_after_name(paragraph, &run, &classes, end - 1)
    {
        if classes[end - 1] == Class::Thing {
            return None;
        }
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    let mut start = end;
    while start > 0 && matches!(classes[start - 1], Class::Name | Class::Particle) {
        start -= 1;
    }
    // Particles lead a name only when it is a surname with them, "van der
    // Berg" or "de Villiers": not an English "do" or "la" before a capital.
    while start < end
        && classes[start] == Class::Particle
        && !lexicon::starts_surname(paragraph.word(run.start + start))
    {
        start += 1;
    }
    if start == end
        || (start..end).all(|w| {
            let word = paragraph.word(run.start + w);
            lexicon::is_name_suffix(word) || classes[w] == Class::Particle
        })
    {
        return None;
    }
    // A name is what comes after any title; a run such as "Arab League"
    // whose name words are followed by an organisation's is not a person.
    if classes[end..].contains(&Class::Thing) {
        return None;
    }
    let first = paragraph.word(run.start + start);
    if lexicon::is_place_start(first) && end - start >= 2 {
        return None;
    }
    // "the Federation of Small Employers", "Bank of New England": words
    // after an organisation's "of" are more of its name.
    if start == 0 && continues_a_name(paragraph, run.start) {
        return None;
    }
    let parts: Vec<String> = (run.start + start..run.start + end)
        .map(|w| paragraph.word(w).to_owned())
        .collect();
    Some(Candidate {
        text,
        run: run.start..run.start + end,
        name: run.start + start..run.start + end,
        parts,
    })
}

fn continues_a_name(paragraph: &Paragraph, first: usize) -> bool {
    let mut at = first;
    if at >= 2 && paragraph.word(at - 1) == "the" && joins(paragraph.gap_after(at - 2)) {
        at -= 1;
    }
    at >= 2
        && matches!(paragraph.word(at - 1), "of" | "for")
        && joins(paragraph.gap_after(at - 2))
        && joins(paragraph.gap_after(at - 1))
        && paragraph.is_capitalised(at - 2)
        && lexicon::is_non_person_word(paragraph.word(at - 2))
}

/// "Jr." after a name word belongs to the name.
fn is_suffix_after_name(
    paragraph: &Paragraph,
    run: &Range<usize>,
    classes: &[Class],
    at: usize,
) -> bool {
    at > 0
        && classes[at - 1] == Class::Name
        && lexicon::is_name_suffix(paragraph.word(run.start + at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(texts: &[&str]) -> Vec<(String, Vec<String>)> {
        let paragraphs: Vec<Paragraph> = texts.iter().map(|t| Paragraph::new(t)).collect();
        find(&paragraphs, &["Dana Byline".to_owned()])
            .found
            .into_iter()
            .map(|f| (f.name, f.aliases))
            .collect()
    }

    #[test]
    fn titles_organisations_places_and_days_are_not_names() {
        let found = names(&[
            "Labor Minister Grace Whitfield met Harlan Shipping Co. and the Meridian Institute at the Port of Calder on Tuesday.",
            "Whitfield said Dana Byline, who wrote this, was at Diriyah Palace with New Haven officials and the Arab League.",
        ]);
        assert_eq!(
            found,
            [("Grace Whitfield".to_owned(), vec!["Whitfield".to_owned()])]
        );
    }

    #[test]
    fn forms_of_one_name_are_one_person_and_shared_surnames_are_no_alias() {
        let found = names(&[
            "National Security Adviser Michael Waltz and Joe Biden spoke. Mike Waltz, Hunter Biden and Prince Faisal bin Farhan Al Saud too.",
            "Waltz and Biden left; Prince Faisal stayed.",
        ]);
        assert_eq!(
            found,
            [
                (
                    "Michael Waltz".to_owned(),
                    vec!["Mike Waltz".to_owned(), "Waltz".to_owned()]
                ),
                ("Joe Biden".to_owned(), vec![]),
                ("Hunter Biden".to_owned(), vec![]),
                (
                    "Faisal bin Farhan Al Saud".to_owned(),
                    vec!["Prince Faisal".to_owned()]
                ),
            ]
        );
    }
}
