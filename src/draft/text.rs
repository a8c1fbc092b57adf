//! A paragraph cut into words, quoted passages and sentences: what the
//! drafting rules look at. Offsets are byte offsets into the paragraph's
//! plain text (see [`crate::article::paragraphs`]).

use std::ops::Range;

use crate::names::is_word_char;

/// One word, with a possessive `’s` split off.
#[derive(Debug, Clone)]
pub struct Word {
    /// The word without its possessive ending.
    pub range: Range<usize>,
    /// The word and its possessive ending, if any.
    pub full: Range<usize>,
    pub possessive: bool,
    /// The index of the quoted passage it is inside, if any.
    pub quote: Option<usize>,
    /// The index of its sentence in the paragraph.
    pub sentence: usize,
}

/// A quoted passage: where its marks are, and the words between them.
#[derive(Debug, Clone)]
pub struct Passage {
    /// From the opening mark to the closing one, both included.
    pub outer: Range<usize>,
    /// Between the marks.
    pub inner: Range<usize>,
    pub sentence: usize,
}

#[derive(Debug)]
pub struct Paragraph<'a> {
    pub text: &'a str,
    pub words: Vec<Word>,
    pub passages: Vec<Passage>,
}

impl<'a> Paragraph<'a> {
    pub fn new(text: &'a str) -> Self {
        let passages = passages(text);
        let mut words = words(text);
        for word in &mut words {
            word.quote = passages
                .iter()
                .position(|p| p.inner.start <= word.range.start && word.range.end <= p.inner.end);
        }
        let mut paragraph = Paragraph {
            text,
            words,
            passages,
        };
        paragraph.number_sentences();
        paragraph
    }

    pub fn word(&self, index: usize) -> &'a str {
        &self.text[self.words[index].range.clone()]
    }

    /// What stands between word `index` and the next one (punctuation,
    /// quote marks, spaces); the rest of the text after the last word.
    pub fn gap_after(&self, index: usize) -> &'a str {
        let start = self.words[index].full.end;
        let end = self
            .words
            .get(index + 1)
            .map_or(self.text.len(), |w| w.range.start);
        &self.text[start..end.max(start)]
    }

    pub fn gap_before(&self, index: usize) -> &'a str {
        let end = self.words[index].range.start;
        let start = index
            .checked_sub(1)
            .map_or(0, |previous| self.words[previous].full.end);
        &self.text[start.min(end)..end]
    }

    pub fn is_capitalised(&self, index: usize) -> bool {
        is_capitalised(self.word(index))
    }

    /// Whether word `index` begins a sentence (or follows an opening quote
    /// mark that does).
    pub fn starts_sentence(&self, index: usize) -> bool {
        index == 0 || self.words[index - 1].sentence != self.words[index].sentence || {
            let gap = self.gap_before(index);
            gap.contains(['“', '"', '„', '«', '(', ':'])
        }
    }

    /// Sentences end at `.`, `?` or `!` outside quotation marks before a
    /// capital, and after a quotation that ends with one of them.
    fn number_sentences(&mut self) {
        let mut sentence = 0;
        let count = self.words.len();
        for index in 0..count {
            self.words[index].sentence = sentence;
            if index + 1 == count {
                break;
            }
            let gap = self.gap_after(index);
            let next_capital = self.is_capitalised(index + 1);
            let inside = self.words[index].quote.is_some() && self.words[index + 1].quote.is_some();
            // A full stop that ended an abbreviation ("U.S.") is in the
            // word, not the gap, so a capital after it does not end the
            // sentence.
            let ends = !inside && next_capital && gap.contains(['.', '?', '!']);
            if ends {
                sentence += 1;
            }
        }
        for passage in &mut self.passages {
            passage.sentence = self
                .words
                .iter()
                .find(|w| w.range.start >= passage.outer.start)
                .or(self.words.last())
                .map_or(0, |w| w.sentence);
        }
    }
}

pub fn is_capitalised(word: &str) -> bool {
    let bare = word
        .strip_prefix("then-")
        .or_else(|| word.strip_prefix("ex-"))
        .unwrap_or(word);
    bare.chars().next().is_some_and(char::is_uppercase)
}

/// Abbreviations whose full stop belongs to the word.
fn keeps_full_stop(word: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "mr", "mrs", "ms", "mx", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt",
        "sgt", "maj", "adm", "cmdr", "det", "rev", "st", "ft", "mt", "jr", "sr", "co", "corp",
        "inc", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "no", "vs", "ave", "blvd", "rd", "mme", "m", "dept", "univ", "assn",
    ];
    let lower = word.to_lowercase();
    word.chars().count() == 1 && word.chars().all(char::is_uppercase)
        || word.contains('.')
        || ABBREVIATIONS.contains(&lower.as_str())
}

fn words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        // Inner apostrophes, hyphens, full stops and a plus belong to the
        // word: O’Brien, Al-Aiban, U.S, OPEC+.
        while let Some(&(at, next)) = chars.peek() {
            if is_word_char(next) {
                end = at + next.len_utf8();
                chars.next();
                continue;
            }
            let after = text[at + next.len_utf8()..].chars().next();
            if matches!(next, '\'' | '’' | '-' | '.' | '&') && after.is_some_and(is_word_char) {
                end = at + next.len_utf8();
                chars.next();
                continue;
            }
            break;
        }
        if text[end..].starts_with('.') && keeps_full_stop(&text[start..end]) {
            end += 1;
            chars.next();
        }
        if text[end..].starts_with('+') {
            end += 1;
            chars.next();
        }
        let word = &text[start..end];
        let (bare_end, possessive) = if let Some(stem) = word
            .strip_suffix("’s")
            .or_else(|| word.strip_suffix("'s"))
            .filter(|stem| !stem.is_empty())
        {
            (start + stem.len(), true)
        } else if text[end..].starts_with(['’', '\''])
            && word.ends_with('s')
            && !text[end..].chars().nth(1).is_some_and(is_word_char)
        {
            // "the countries’ diplomats"
            let mark = text[end..].chars().next().map_or(0, char::len_utf8);
            let full_end = end + mark;
            chars.next();
            words.push(Word {
                range: start..end,
                full: start..full_end,
                possessive: true,
                quote: None,
                sentence: 0,
            });
            continue;
        } else {
            (end, false)
        };
        words.push(Word {
            range: start..bare_end,
            full: start..end,
            possessive,
            quote: None,
            sentence: 0,
        });
    }
    words
}

/// Quoted passages: “…”, "…", „…“ and «…», each closed by its own mark or,
/// failing that, by the paragraph's end (a quotation that runs on into the
/// next paragraph). A straight mark opens before a word and closes after
/// one, so a stray mark cannot swap the inside and the outside.
fn passages(text: &str) -> Vec<Passage> {
    let mut passages = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (at, c) in text.char_indices() {
        match open {
            None => {
                if matches!(c, '“' | '„' | '«') || c == '"' && opens_here(text, at) {
                    open = Some((at, c));
                }
            }
            Some((start, opener)) => {
                let closes = match opener {
                    '“' => matches!(c, '”' | '"'),
                    '"' => matches!(c, '"' | '”'),
                    '„' => matches!(c, '“' | '”'),
                    _ => c == '»',
                };
                if closes {
                    let inner = start + opener.len_utf8()..at;
                    passages.push(Passage {
                        outer: start..at + c.len_utf8(),
                        inner,
                        sentence: 0,
                    });
                    open = None;
                }
            }
        }
    }
    if let Some((start, opener)) = open {
        passages.push(Passage {
            outer: start..text.len(),
            inner: start + opener.len_utf8()..text.len(),
            sentence: 0,
        });
    }
    passages
}

/// A straight quote mark opens a quotation when it stands before a word
/// and not after one.
fn opens_here(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + 1..].chars().next();
    !before.is_some_and(is_word_char) && after.is_some_and(|c| !c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_abbreviations_and_split_possessives() {
        let p = Paragraph::new("U.S. Sen. Ann O’Brien’s aide met Harlan Shipping Co. on Feb. 3.");
        let words: Vec<&str> = (0..p.words.len()).map(|i| p.word(i)).collect();
        assert_eq!(
            words,
            [
                "U.S.",
                "Sen.",
                "Ann",
                "O’Brien",
                "aide",
                "met",
                "Harlan",
                "Shipping",
                "Co.",
                "on",
                "Feb.",
                "3"
            ]
        );
        assert!(p.words[3].possessive);
        assert!(p.words.iter().all(|w| w.sentence == 0));
    }

    #[test]
    fn passages_and_sentences() {
        let p = Paragraph::new(
            "“We listened. We heard,” he said. Rao said \"it works\" and left. “Unclosed",
        );
        let inner: Vec<&str> = p
            .passages
            .iter()
            .map(|q| &p.text[q.inner.clone()])
            .collect();
        assert_eq!(inner, ["We listened. We heard,", "it works", "Unclosed"]);
        let sentences: Vec<usize> = p.passages.iter().map(|q| q.sentence).collect();
        assert_eq!(sentences, [0, 1, 2]);
    }
}
