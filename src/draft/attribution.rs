//! Quoted passages and who said them.
//!
//! A passage's speaker is read from the words around it, in this order:
//! after it (`“…,” Kowalczyk said`, `“…,” said Rao`, `“…,” she said`,
//! `“…,” the minister said`, `“…,” according to Rao`), then before it in
//! the same sentence (`Rao said in a statement: “…”`, `Rao told reporters
//! that “…”`). "He" and "she" are the paragraph's last speaker, else the
//! person it last named as a subject, else the previous paragraph's; "the
//! minister" is the person whose role has those words.

use std::collections::HashMap;

use super::lexicon::{self, Gender};
use super::people::People;
use super::roles::Role;
use super::text::Paragraph;

#[derive(Debug, Clone)]
pub struct Passage {
    /// The article paragraph (0-based).
    pub paragraph: usize,
    pub text: String,
    pub speaker: Option<usize>,
}

enum Speaker {
    Person(usize),
    Pronoun(Option<Gender>),
    /// The lower-case words of "the Russian foreign minister".
    Described(Vec<String>),
}

/// Every quoted passage of the body's paragraphs (`body` of them come
/// first in `texts`), in order, with its speaker when the words say.
pub fn find(
    texts: &[Paragraph],
    body: usize,
    people: &People,
    roles: &[Vec<Role>],
) -> Vec<Passage> {
    let mut mentions_in: Vec<HashMap<usize, usize>> = vec![HashMap::new(); texts.len()];
    let mut mention_ends: Vec<HashMap<usize, (usize, usize)>> = vec![HashMap::new(); texts.len()];
    for mention in &people.mentions {
        let lead = mention.title.start.min(mention.words.start);
        mentions_in[mention.text].insert(lead, mention.person);
        mentions_in[mention.text].insert(mention.words.start, mention.person);
        mention_ends[mention.text].insert(mention.words.end - 1, (lead, mention.person));
    }
    let role_words: Vec<Vec<String>> = roles
        .iter()
        .map(|list| {
            list.iter()
                .flat_map(|r| r.text.split_whitespace().map(normal_word))
                .collect()
        })
        .collect();

    let last_mention_in: HashMap<usize, usize> =
        people.mentions.iter().map(|m| (m.text, m.person)).collect();
    let mut passages = Vec::new();
    let mut previous_focus: Option<usize> = None;
    let mut last_named: Option<usize> = None;
    for (index, paragraph) in texts.iter().enumerate().take(body) {
        let context = Context {
            paragraph,
            starts: &mentions_in[index],
            ends: &mention_ends[index],
        };
        let mut last_speaker: Option<usize> = None;
        let mut previous_end = 0;
        for passage in &paragraph.passages {
            let inner = paragraph.text[passage.inner.clone()].trim();
            let text = inner
                .trim_end_matches([',', ' ', '\u{a0}'])
                .trim_start_matches(['…', '.', ' ']);
            if !text.chars().any(char::is_alphanumeric) {
                continue;
            }
            let at_word = paragraph
                .words
                .iter()
                .position(|w| w.range.start >= passage.outer.start)
                .unwrap_or(paragraph.words.len());
            let speaker = context
                .after(passage.outer.end)
                .or_else(|| context.before(passage.outer.start, passage.sentence))
                .or_else(|| {
                    // “We won,” he said. “Now I want a shower.”: a sentence
                    // that is all quotation goes on with the last speaker,
                    // unless someone else is named in between.
                    let continues = last_speaker.is_some()
                        && context.is_whole_sentence(passage)
                        && !context.names_another_between(
                            previous_end,
                            passage.outer.start,
                            last_speaker,
                        );
                    continues.then(|| Speaker::Person(last_speaker.unwrap_or_default()))
                });
            let resolved = speaker.and_then(|speaker| match speaker {
                Speaker::Person(person) => Some(person),
                Speaker::Pronoun(gender) => {
                    let fits = |person: &usize| {
                        gender.is_none()
                            || people.found[*person].gender.is_none()
                            || people.found[*person].gender == gender
                    };
                    last_speaker
                        .filter(fits)
                        .or_else(|| context.last_subject(at_word).filter(fits))
                        .or_else(|| context.last_named(at_word).filter(fits))
                        .or(previous_focus.filter(fits))
                }
                Speaker::Described(words) => {
                    let matches: Vec<usize> = (0..role_words.len())
                        .filter(|&p| words.iter().all(|w| role_words[p].contains(w)))
                        .collect();
                    match matches.as_slice() {
                        [] => None,
                        [one] => Some(*one),
                        several => last_named
                            .filter(|p| several.contains(p))
                            .or(Some(several[0])),
                    }
                }
            });
            if resolved.is_some() {
                last_speaker = resolved;
            }
            previous_end = passage.outer.end;
            passages.push(Passage {
                paragraph: index,
                text: text.to_owned(),
                speaker: resolved,
            });
        }
        previous_focus = last_speaker
            .or_else(|| context.last_subject(paragraph.words.len()))
            .or(previous_focus);
        if let Some(&last) = last_mention_in.get(&index) {
            last_named = Some(last);
        }
    }
    passages
}

fn normal_word(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .replace('’', "'")
}

struct Context<'a> {
    paragraph: &'a Paragraph<'a>,
    /// Word index → person, for the first word of each mention (its title
    /// included).
    starts: &'a HashMap<usize, usize>,
    /// Word index → (first word with its title, person), for the last
    /// word of each mention.
    ends: &'a HashMap<usize, (usize, usize)>,
}

impl Context<'_> {
    fn word(&self, index: usize) -> &str {
        self.paragraph.word(index)
    }

    fn lower(&self, index: usize) -> String {
        normal_word(self.word(index))
    }

    fn in_quote(&self, index: usize) -> bool {
        self.paragraph.words[index].quote.is_some()
    }

    /// The attribution that follows a passage: `, Rao said`, `, said Rao`,
    /// `, she said`, `, the minister said`, `, according to Rao`.
    fn after(&self, end: usize) -> Option<Speaker> {
        let words = &self.paragraph.words;
        let first = words.iter().position(|w| w.range.start >= end)?;
        let between = &self.paragraph.text[end..words[first].range.start];
        if between.contains(['“', '„', '«']) || self.in_quote(first) || between.contains(['(', ';'])
        {
            return None;
        }
        if self.opens_its_own_quotation(end, first) {
            return None;
        }
        if lexicon::is_according(self.word(first)) && self.lower(first + 1) == "to" {
            return self.speaker_at(first + 2).map(|(s, _)| s);
        }
        if lexicon::is_speech_verb(self.word(first)) {
            return self.speaker_at(first + 1).map(|(s, _)| s);
        }
        let (speaker, next) = self.speaker_at(first)?;
        self.verb_follows(next).then_some(speaker)
    }

    /// Whether the words from `first` on, after a passage ending at `end`,
    /// start a sentence that holds a quotation of its own: in `Berg said
    /// the wall “will hold.” Cruz said “we were never asked.”`, "Cruz
    /// said" is the second quotation's attribution, not the first's.
    fn opens_its_own_quotation(&self, end: usize, first: usize) -> bool {
        let words = &self.paragraph.words;
        let sentence = words[first].sentence;
        let passage_sentence = words[..first]
            .iter()
            .rev()
            .find(|w| w.range.end <= end)
            .map(|w| w.sentence);
        passage_sentence != Some(sentence)
            && self
                .paragraph
                .passages
                .iter()
                .any(|p| p.outer.start >= end && p.sentence == sentence)
    }

    /// A speech verb at `index`, perhaps after an adverb or two ("later
    /// said", "said Tuesday" needs nothing), or after an apposition
    /// between commas ("Rao, an economist, said").
    fn verb_follows(&self, index: usize) -> bool {
        let count = self.paragraph.words.len();
        let mut at = index;
        if at > 0 && at <= count && self.paragraph.gap_after(at - 1).trim() == "," {
            // Skip "an economist at the Meridian Institute,".
            let mut scan = at;
            while scan < count && scan - at < 15 {
                if self.paragraph.gap_after(scan).trim() == "," {
                    return scan + 1 < count && lexicon::is_speech_verb(self.word(scan + 1));
                }
                scan += 1;
            }
            return false;
        }
        for _ in 0..3 {
            if at >= count || self.in_quote(at) {
                return false;
            }
            if lexicon::is_speech_verb(self.word(at)) {
                return true;
            }
            let word = self.word(at);
            let adverb = word.chars().next().is_some_and(char::is_lowercase)
                && word.ends_with("ly")
                || matches!(
                    word,
                    "also"
                        | "later"
                        | "then"
                        | "again"
                        | "once"
                        | "has"
                        | "had"
                        | "have"
                        | "would"
                        | "will"
                );
            if !adverb
                || !self
                    .paragraph
                    .gap_after(at)
                    .chars()
                    .all(char::is_whitespace)
            {
                return false;
            }
            at += 1;
        }
        false
    }

    /// Who is named at `index`, and the word after the naming.
    fn speaker_at(&self, index: usize) -> Option<(Speaker, usize)> {
        if index >= self.paragraph.words.len() || self.in_quote(index) {
            return None;
        }
        if let Some(&person) = self.starts.get(&index) {
            let end = (index..self.paragraph.words.len())
                .find(|w| self.ends.get(w).is_some_and(|&(_, p)| p == person))
                .map_or(index + 1, |w| w + 1);
            return Some((Speaker::Person(person), end));
        }
        // "Civic Alliance leader Mateo Brandt", "former mayor Ann Lee": a
        // role in front of the name.
        let mut ahead = index;
        while ahead < self.paragraph.words.len()
            && ahead - index < 6
            && self
                .paragraph
                .gap_after(ahead)
                .chars()
                .all(char::is_whitespace)
            && !self.in_quote(ahead)
        {
            let word = self.word(ahead);
            let in_role = self.paragraph.is_capitalised(ahead)
                || lexicon::is_role_modifier(word)
                || lexicon::is_role_noun(word);
            if !in_role || lexicon::is_speech_verb(word) {
                break;
            }
            ahead += 1;
            if self.starts.contains_key(&ahead) {
                let role_ends_here = lexicon::is_role_noun(self.word(ahead - 1))
                    || lexicon::is_title(self.word(ahead - 1));
                if role_ends_here {
                    return self.speaker_at(ahead);
                }
            }
        }
        match self.lower(index).as_str() {
            "he" => return Some((Speaker::Pronoun(Some(Gender::Male)), index + 1)),
            "she" => return Some((Speaker::Pronoun(Some(Gender::Female)), index + 1)),
            "the" | "a" | "an" => {}
            _ => return None,
        }
        // "the Russian foreign minister": up to five words, the last a role.
        let mut end = index + 1;
        while end < self.paragraph.words.len() && end - index <= 5 {
            if !self
                .paragraph
                .gap_before(end)
                .chars()
                .all(char::is_whitespace)
            {
                break;
            }
            if lexicon::is_role_noun(self.word(end)) {
                let next = end + 1;
                let more = next < self.paragraph.words.len()
                    && lexicon::is_role_noun(self.word(next))
                    && self
                        .paragraph
                        .gap_before(next)
                        .chars()
                        .all(char::is_whitespace);
                if !more {
                    let words = (index + 1..=end).map(|w| self.lower(w)).collect();
                    return Some((Speaker::Described(words), next));
                }
            }
            end += 1;
        }
        None
    }

    /// The attribution before a passage in its sentence: the subject of
    /// the last speech verb before it (`Rao said in a statement: “…”`), or
    /// `according to Rao`.
    fn before(&self, start: usize, sentence: usize) -> Option<Speaker> {
        let words = &self.paragraph.words;
        let until = words
            .iter()
            .position(|w| w.range.start >= start)
            .unwrap_or(words.len());
        let from = words[..until]
            .iter()
            .rposition(|w| w.sentence != sentence)
            .map_or(0, |w| w + 1);
        for index in from..until {
            if !self.in_quote(index)
                && lexicon::is_according(self.word(index))
                && index + 1 < until
                && self.lower(index + 1) == "to"
                && let Some((speaker, _)) = self.speaker_at(index + 2)
            {
                return Some(speaker);
            }
        }
        let verb = (from..until)
            .rev()
            .find(|&w| !self.in_quote(w) && lexicon::is_speech_verb(self.word(w)))?;
        self.subject_before(from, verb)
    }

    /// The nearest subject before word `verb`: a person not after a
    /// preposition and not possessive, "he" or "she", or "the minister".
    fn subject_before(&self, from: usize, verb: usize) -> Option<Speaker> {
        if verb > from
            && let Some((Speaker::Described(words), next)) = self.described_ending_at(from, verb)
            && next == verb
        {
            return Some(Speaker::Described(words));
        }
        for index in (from..verb).rev() {
            if self.in_quote(index) {
                continue;
            }
            if let Some(&(first, person)) = self.ends.get(&index) {
                if self.paragraph.words[index].possessive {
                    continue;
                }
                if first > 0 && self.is_governed(first - 1) || !self.is_subject_position(first) {
                    continue;
                }
                return Some(Speaker::Person(person));
            }
            match self.lower(index).as_str() {
                "he" if index == from || !self.is_governed(index - 1) => {
                    return Some(Speaker::Pronoun(Some(Gender::Male)));
                }
                "she" if index == from || !self.is_governed(index - 1) => {
                    return Some(Speaker::Pronoun(Some(Gender::Female)));
                }
                _ => {}
            }
        }
        None
    }

    /// "the … minister" ending just before `verb`.
    fn described_ending_at(&self, from: usize, verb: usize) -> Option<(Speaker, usize)> {
        let noun = verb - 1;
        if !lexicon::is_role_noun(self.word(noun)) {
            return None;
        }
        let determiner = (from.max(noun.saturating_sub(5))..noun)
            .rev()
            .find(|&w| matches!(self.lower(w).as_str(), "the" | "a" | "an"))?;
        self.speaker_at(determiner)
    }

    /// Whether the word before a name makes it an object, not the one who
    /// speaks: "as Rubio", "which Whitfield backed".
    fn is_governed(&self, before: usize) -> bool {
        let word = self.lower(before);
        lexicon::is_preposition(&word) || matches!(word.as_str(), "which" | "that" | "whom" | "who")
    }

    /// Whether a passage is a sentence of its own: nothing but quotation
    /// marks and spaces before it since the last sentence's end.
    fn is_whole_sentence(&self, passage: &super::text::Passage) -> bool {
        let words = &self.paragraph.words;
        let Some(first) = words
            .iter()
            .position(|w| w.range.start >= passage.outer.start)
        else {
            return false;
        };
        first == 0 || words[first - 1].sentence != words[first].sentence
    }

    fn names_another_between(&self, from: usize, to: usize, speaker: Option<usize>) -> bool {
        self.paragraph
            .words
            .iter()
            .enumerate()
            .any(|(index, word)| {
                word.range.start >= from
                    && word.range.end <= to
                    && self.starts.get(&index).is_some_and(|&p| Some(p) != speaker)
            })
    }

    /// The last person named before word `until`, as anything.
    fn last_named(&self, until: usize) -> Option<usize> {
        (0..until.min(self.paragraph.words.len()))
            .rev()
            .find_map(|index| {
                (!self.in_quote(index))
                    .then(|| self.ends.get(&index).map(|&(_, person)| person))
                    .flatten()
            })
    }

    /// Whether a name starting at word `first` stands where a clause's
    /// subject does: at the start of a sentence or after a comma, a
    /// conjunction or a quotation, not straight after a verb or a
    /// preposition ("ordered Hale", "led by Svensson").
    fn is_subject_position(&self, first: usize) -> bool {
        // "Neighbouring cafe owner Stefan Novak said": the role before the
        // name is part of the subject.
        let mut first = first;
        while first > 0
            && first.checked_sub(1).is_some_and(|before| {
                self.is_role_word(before)
                    || lexicon::is_role_noun(self.word(first))
                        && self.word(before).chars().all(char::is_lowercase)
                        && !lexicon::is_function_word(self.word(before))
                        && !lexicon::is_preposition(self.word(before))
                        && !lexicon::is_speech_verb(self.word(before))
            })
            && self
                .paragraph
                .gap_after(first - 1)
                .chars()
                .all(char::is_whitespace)
        {
            first -= 1;
        }
        if first == 0 || self.paragraph.starts_sentence(first) {
            return true;
        }
        let gap = self.paragraph.gap_before(first);
        if gap.contains([',', ';', ':', '—', '–', '(', '”', '"']) {
            return true;
        }
        matches!(
            self.lower(first - 1).as_str(),
            "and"
                | "but"
                | "when"
                | "while"
                | "after"
                | "before"
                | "because"
                | "since"
                | "if"
                | "though"
                | "although"
                | "so"
                | "then"
                | "later"
                | "also"
                | "meanwhile"
        )
    }

    fn is_role_word(&self, index: usize) -> bool {
        let word = self.word(index);
        !self.in_quote(index)
            && !lexicon::is_function_word(word)
            && !lexicon::is_speech_verb(word)
            && (lexicon::is_role_noun(word)
                || lexicon::is_role_modifier(word)
                || self.paragraph.is_capitalised(index)
                || self.paragraph.words[index].possessive)
    }

    /// The last person named as a subject before word `until`, outside
    /// quotations.
    fn last_subject(&self, until: usize) -> Option<usize> {
        (0..until.min(self.paragraph.words.len()))
            .rev()
            .find_map(|index| {
                if self.in_quote(index) || self.paragraph.words[index].possessive {
                    return None;
                }
                let (first, person) = *self.ends.get(&index)?;
                (first == 0 || !self.is_governed(first - 1) && self.is_subject_position(first))
                    .then_some(person)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{people, roles};

    fn speakers(texts: &[&str]) -> Vec<(String, Option<String>)> {
        let paragraphs: Vec<Paragraph> = texts.iter().map(|t| Paragraph::new(t)).collect();
        let people = people::find(&paragraphs, &[]);
        let roles = roles::find(&paragraphs, &people);
        find(&paragraphs, paragraphs.len(), &people, &roles)
            .into_iter()
            .map(|p| (p.text, p.speaker.map(|s| people.found[s].name.clone())))
            .collect()
    }

    #[test]
    fn the_shapes_of_attribution() {
        let found = speakers(&[
            "Labor Minister Grace Whitfield spoke first. “We will not back down,” Whitfield said.",
            "“It is a bad deal,” said Priyanka Rao, an economist at the Meridian Institute.",
            "Tomas Kowalczyk said in a statement: “The port stays open.” Later he told reporters that the plan was “a disgrace.”",
            "“We are ready,” she said.",
            "“Talks go on,” the labor minister said, according to aides.",
            "The union called it “theft,” and nobody claimed the phrase “Project Fear.”",
        ]);
        let by = |text: &str, who: Option<&str>| (text.to_owned(), who.map(str::to_owned));
        assert_eq!(
            found,
            [
                by("We will not back down", Some("Grace Whitfield")),
                by("It is a bad deal", Some("Priyanka Rao")),
                by("The port stays open.", Some("Tomas Kowalczyk")),
                by("a disgrace.", Some("Tomas Kowalczyk")),
                by("We are ready", Some("Tomas Kowalczyk")),
                by("Talks go on", Some("Grace Whitfield")),
                by("theft", None),
                by("Project Fear.", None),
            ]
        );
    }
}
