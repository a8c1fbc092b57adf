//! Checking that a curated quote is really in the article.
//!
//! Both sides are compared after folding the typography that differs between
//! a wire copy and a hand-typed facts file: curly and straight quotes and
//! apostrophes, dashes, runs of white space. An ellipsis in the quote stands
//! for words left out within the same paragraph. All quotes are looked up in
//! one pass over the article with a multi-pattern automaton, so checking ten
//! thousand quotes costs about as much as checking one.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::names::continues_word;

/// What became of one quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteMatch {
    /// Found, in this paragraph (0-based).
    Found(usize),
    /// Every part is in this paragraph, but not in the quote's order.
    OutOfOrder(usize),
    /// Not in the article; the paragraph that shares most words with it.
    NotFound { closest: Option<usize> },
    /// The parts around its ellipses are in the article, in order, but in
    /// different paragraphs (the first and last of them), and an ellipsis
    /// only bridges words within one.
    AcrossParagraphs { first: usize, last: usize },
    /// Nothing left once quote marks, punctuation and ellipses are removed.
    Empty,
}

/// Fold typography so that a facts file typed with straight quotes matches a
/// wire story set with curly ones.
pub fn normalize(text: &str) -> String {
    // Most of an article is ASCII that stays as it is: such runs are copied
    // whole, and only the other characters go through the folding below.
    let plain = |b: u8| b.is_ascii() && !matches!(b, b'-' | b'`' | b' ' | b'\t'..=b'\r');
    // French sets a space before these; a facts file may not.
    let spaced_after = |b: u8| matches!(b, b';' | b':' | b'!' | b'?');
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    let mut at = 0;
    while at < bytes.len() {
        // A single space between two such characters also stays as it is.
        let mut end = at;
        while let Some(&b) = bytes.get(end) {
            if plain(b) {
                end += 1;
            } else if b == b' '
                && (end > at || !last_space)
                && bytes
                    .get(end + 1)
                    .is_some_and(|&next| plain(next) && !spaced_after(next))
            {
                end += 2;
            } else {
                break;
            }
        }
        if end > at {
            if spaced_after(bytes[at]) && out.ends_with(' ') {
                out.pop();
            }
            out.push_str(&text[at..end]);
            last_space = false;
            at = end;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        let original = c;
        let c = match fold(c) {
            Folded::Ellipsis => {
                out.push_str("...");
                last_space = false;
                continue;
            }
            Folded::Skip => continue,
            Folded::Char(c) => c,
        };
        if c == '-' && out.ends_with('-') {
            // `--` typed for a dash
            continue;
        }
        if closes_spaced(original) && out.ends_with(' ') {
            out.pop();
        }
        if opens_spaced(original) {
            // Nor any space after an opening guillemet: « oui » is «oui».
            out.push(c);
            last_space = true;
            continue;
        }
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

enum Folded {
    Char(char),
    Ellipsis,
    /// Left out of the comparison.
    Skip,
}

/// One character as quote checking sees it: every language's quotation
/// marks as `"` or `'` (“ ” „ « » 「 」 『 』 and the single ones), every
/// dash as `-`, every kind of space (French no-break spaces included) as a
/// space.
fn fold(c: char) -> Folded {
    Folded::Char(match c {
        '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' | '‹' | '›' | '「' | '」' | '﹁' | '﹂' => {
            '\''
        }
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' | '『' | '』' | '﹃' | '﹄' | '＂' => {
            '"'
        }
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        '…' => return Folded::Ellipsis,
        // A soft hyphen only says where a long word may break.
        '\u{ad}' => return Folded::Skip,
        c if c.is_whitespace() => ' ',
        c => c,
    })
}

/// Marks French typography spaces off from the word before (`Non !`,
/// `mot »`); the space is dropped, as a facts file may be typed without.
fn closes_spaced(c: char) -> bool {
    matches!(c, ';' | ':' | '!' | '?' | '»' | '›')
}

/// An opening guillemet, after which French sets a space.
fn opens_spaced(c: char) -> bool {
    matches!(c, '«' | '‹')
}

/// A quote as the page shows it, inside the page's own quotation marks:
/// without the marks a facts file may have typed around it (`«…»`, `“…”`,
/// `「…」`, with French spaces), when nothing between them is a mark too
/// (`"No," he said, "never"` keeps its own).
pub fn without_marks(quote: &str) -> &str {
    const MARKS: &str = "\"'“”„‟«»‹›「」『』‘’‚";
    let trimmed = quote.trim();
    let mut chars = trimmed.chars();
    let (Some(first), Some(last)) = (chars.next(), chars.next_back()) else {
        return trimmed;
    };
    let inner = chars.as_str();
    let is_mark = |c: char| MARKS.contains(c) && c != '’';
    // Single marks inside are too often apostrophes (« l'été ») to count.
    let is_double = |c: char| is_mark(c) && !"'‘‚".contains(c);
    if is_mark(first) && is_mark(last) && !inner.contains(is_double) {
        return inner.trim();
    }
    // A stray mark at one edge, its partner lost in the paste
    // (`“safe and on budget`): the page's own marks stand for it, rather
    // than the page showing `““safe and on budget”`.
    if trimmed.chars().filter(|&c| is_double(c)).count() == 1 {
        if is_double(first) {
            return trimmed[first.len_utf8()..].trim_start();
        }
        if is_double(last) {
            return trimmed[..trimmed.len() - last.len_utf8()].trim_end();
        }
    }
    trimmed
}

/// The parts of a quote between its ellipses, each trimmed of the quote
/// marks and punctuation that a quotation carries at its edges.
pub fn fragments(quote: &str) -> Vec<String> {
    normalize(quote)
        .split("...")
        .map(|part| {
            part.trim_matches(|c: char| c.is_whitespace() || "\"',.;:!?".contains(c))
                .to_owned()
        })
        .filter(|part| !part.is_empty())
        .collect()
}

/// [`normalize`], with the byte offset in `text` of each byte of the
/// folded text: where a quote found in the folded text is in the original.
/// One character at a time, so slower; only for passages a quote was
/// found in.
pub fn normalize_mapped(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map: Vec<usize> = Vec::with_capacity(text.len());
    let mut last_space = true;
    let pop = |out: &mut String, map: &mut Vec<usize>| {
        if let Some(c) = out.pop() {
            map.truncate(map.len() - c.len_utf8());
        }
    };
    let push = |out: &mut String, map: &mut Vec<usize>, c: char, at: usize| {
        out.push(c);
        map.extend(std::iter::repeat_n(at, c.len_utf8()));
    };
    for (at, original) in text.char_indices() {
        let c = match fold(original) {
            Folded::Ellipsis => {
                for _ in 0..3 {
                    push(&mut out, &mut map, '.', at);
                }
                last_space = false;
                continue;
            }
            Folded::Skip => continue,
            Folded::Char(c) => c,
        };
        if c == '-' && out.ends_with('-') {
            continue;
        }
        if closes_spaced(original) && out.ends_with(' ') {
            pop(&mut out, &mut map);
        }
        if opens_spaced(original) {
            push(&mut out, &mut map, c, at);
            last_space = true;
            continue;
        }
        if c == ' ' {
            if !last_space {
                push(&mut out, &mut map, ' ', at);
            }
            last_space = true;
        } else {
            push(&mut out, &mut map, c, at);
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        pop(&mut out, &mut map);
    }
    (out, map)
}

/// Where in `passage` a quote found in it is: the byte range from its
/// first word to its last (ellipses and what they leave out included).
pub fn locate(quote: &str, passage: &str) -> Option<(usize, usize)> {
    let parts = fragments(quote);
    let (folded, map) = normalize_mapped(passage);
    let mut from = 0;
    let mut start = None;
    let mut end = 0;
    for part in &parts {
        let found_end = find_whole(&folded, part, from)?;
        start.get_or_insert(found_end - part.len());
        end = found_end;
        from = found_end;
    }
    let start = map[start?];
    let last = map[end - 1];
    let end = last + passage[last..].chars().next().map_or(0, char::len_utf8);
    Some((start, end))
}

/// Look up every quote in the article's paragraphs.
pub fn verify_all<P: AsRef<str>>(quotes: &[&str], paragraphs: &[P]) -> Vec<QuoteMatch> {
    let normalized: Vec<String> = paragraphs.iter().map(|p| normalize(p.as_ref())).collect();
    let parts: Vec<Vec<String>> = quotes.iter().map(|q| fragments(q)).collect();

    // One automaton over the distinct beginnings of the first fragments;
    // each hit records the paragraph it was in, and only those paragraphs
    // are then searched for the whole quote. A beginning rather than the
    // whole fragment: the automaton's size, and the time to build it, grow
    // with the patterns' total length, and a few words already pick out
    // the right paragraphs.
    let mut first_index: HashMap<&str, usize> = HashMap::new();
    let mut firsts: Vec<&str> = Vec::new();
    for part in parts.iter().filter_map(|p| p.first()) {
        first_index.entry(key(part)).or_insert_with(|| {
            firsts.push(key(part));
            firsts.len() - 1
        });
    }
    let mut seen_in: Vec<Vec<usize>> = vec![Vec::new(); firsts.len()];
    if let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&firsts)
    {
        for (index, paragraph) in normalized.iter().enumerate() {
            for hit in automaton.find_overlapping_iter(paragraph) {
                let list = &mut seen_in[hit.pattern().as_usize()];
                if list.last() != Some(&index) {
                    list.push(index);
                }
            }
        }
    }

    parts
        .iter()
        .map(|parts| {
            let Some(first) = parts.first() else {
                return QuoteMatch::Empty;
            };
            let candidates = &seen_in[first_index[key(first)]];
            if let Some(&found) = candidates
                .iter()
                .find(|&&p| in_order(&normalized[p], parts))
            {
                return QuoteMatch::Found(found);
            }
            if let Some(&p) = candidates.iter().find(|&&p| {
                parts
                    .iter()
                    .all(|part| find_whole(&normalized[p], part, 0).is_some())
            }) {
                return QuoteMatch::OutOfOrder(p);
            }
            if let Some((first, last)) = across_paragraphs(parts, &normalized) {
                return QuoteMatch::AcrossParagraphs { first, last };
            }
            QuoteMatch::NotFound {
                closest: closest_paragraph(parts, &normalized),
            }
        })
        .collect()
}

/// The beginning of a fragment that the automaton looks for.
fn key(fragment: &str) -> &str {
    const KEY_BYTES: usize = 40;
    if fragment.len() <= KEY_BYTES {
        return fragment;
    }
    let mut end = KEY_BYTES;
    while !fragment.is_char_boundary(end) {
        end -= 1;
    }
    &fragment[..end]
}

fn in_order(paragraph: &str, parts: &[String]) -> bool {
    let mut from = 0;
    parts
        .iter()
        .all(|part| match find_whole(paragraph, part, from) {
            Some(end) => {
                from = end;
                true
            }
            None => false,
        })
}

/// The end of the first occurrence of `part` at or after `from` that does
/// not begin or end inside a word: "he will resign" is not in "she will
/// resign soon".
fn find_whole(paragraph: &str, part: &str, from: usize) -> Option<usize> {
    let tail = paragraph.get(from..)?;
    tail.match_indices(part)
        .map(|(at, _)| from + at)
        .find_map(|start| {
            let end = start + part.len();
            let cuts = |outside: Option<char>, edge: Option<char>| {
                outside.zip(edge).is_some_and(|(o, e)| continues_word(o, e))
            };
            let cuts_word_before =
                cuts(paragraph[..start].chars().next_back(), part.chars().next());
            let cuts_word_after = cuts(paragraph[end..].chars().next(), part.chars().next_back());
            (!cuts_word_before && !cuts_word_after).then_some(end)
        })
}

/// Where each part of a quote is, when every part is in the article in
/// order but no one paragraph holds them all: the first and last paragraph.
fn across_paragraphs(parts: &[String], paragraphs: &[String]) -> Option<(usize, usize)> {
    if parts.len() < 2 {
        return None;
    }
    let mut at = 0;
    let mut first = None;
    for part in parts {
        at = (at..paragraphs.len()).find(|&p| find_whole(&paragraphs[p], part, 0).is_some())?;
        first.get_or_insert(at);
    }
    first.filter(|&first| first != at).map(|first| (first, at))
}

/// The words of a quote that differ from the passage of `paragraph` it
/// was most likely taken from, each side marked with `[` `]`: what the
/// article says and what the quote says, for a note beside the error.
/// `None` when no passage shares half the quote's words, in order.
pub fn differences(quote: &str, paragraph: &str) -> Option<(String, String)> {
    const MOST_WORDS: usize = 80;
    // Word comparisons at most, so that a story with many wrong quotes in
    // long paragraphs still fails promptly: a note is not worth a wait.
    const BUDGET: usize = 5_000_000;
    let quote = fragments(quote).join(" ... ");
    let paragraph = normalize(paragraph);
    let quoted: Vec<&str> = quote.split(' ').collect();
    let said: Vec<&str> = paragraph.split(' ').collect();
    let span = quoted.len() + 2;
    if quoted.is_empty()
        || quoted.len() > MOST_WORDS
        || said.len().saturating_mul(quoted.len()).saturating_mul(span) > BUDGET
    {
        return None;
    }
    let bare = |word: &str| {
        word.trim_matches(|c: char| "\"',.;:!?()".contains(c))
            .to_owned()
    };
    let quoted_bare: Vec<String> = quoted.iter().map(|w| bare(w)).collect();
    let said_bare: Vec<String> = said.iter().map(|w| bare(w)).collect();
    // The window of the paragraph, a little longer than the quote, whose
    // longest common run of words with the quote is longest.
    let (mut best, mut best_start) = (0, 0);
    for start in 0..said.len() {
        let end = (start + span).min(said.len());
        let shared = common_words(&quoted_bare, &said_bare[start..end]).len();
        if shared > best {
            (best, best_start) = (shared, start);
        }
    }
    if best * 2 < quoted.len() {
        return None;
    }
    let end = (best_start + span).min(said.len());
    let pairs = common_words(&quoted_bare, &said_bare[best_start..end]);
    // From the first shared word to the last, on the article's side.
    let (first, last) = (pairs.first()?.1, pairs.last()?.1);
    let window = &said[best_start + first..=best_start + last];
    let pairs: Vec<(usize, usize)> = pairs.iter().map(|&(q, s)| (q, s - first)).collect();
    let mark = |words: &[&str], kept: &mut dyn Iterator<Item = usize>| {
        let kept: Vec<usize> = kept.collect();
        let mut out = String::new();
        let mut open = false;
        for (i, word) in words.iter().enumerate() {
            let differs = !kept.contains(&i);
            if !out.is_empty() {
                out.push(' ');
            }
            if differs && !open {
                out.push('[');
                open = true;
            } else if !differs && open {
                out.pop();
                out.push_str("] ");
                open = false;
            }
            out.push_str(word);
        }
        if open {
            out.push(']');
        }
        out
    };
    let article = mark(window, &mut pairs.iter().map(|&(_, s)| s));
    // The article's own quote marks at the passage's edges would only
    // stand beside the note's.
    let article = article.trim_matches(|c| c == '"' || c == '\'').to_owned();
    let quote = mark(&quoted, &mut pairs.iter().map(|&(q, _)| q));
    (article != quote).then_some((article, quote))
}

/// The longest common subsequence of two word lists, as index pairs.
fn common_words(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let mut table = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i][j] = if a[i] == b[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// The paragraph sharing the most distinct words with the quote: a pointer
/// for the editor to where the quote probably came from.
fn closest_paragraph(parts: &[String], paragraphs: &[String]) -> Option<usize> {
    let words = |text: &str| -> Vec<String> {
        let mut words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 2)
            .map(str::to_lowercase)
            .collect();
        words.sort();
        words.dedup();
        words
    };
    let quote_words = words(&parts.join(" "));
    paragraphs
        .iter()
        .enumerate()
        .map(|(index, p)| {
            let paragraph_words = words(p);
            let shared = quote_words
                .iter()
                .filter(|w| paragraph_words.binary_search(w).is_ok())
                .count();
            (shared, index)
        })
        .filter(|(shared, _)| *shared > 0)
        // The earliest paragraph wins a tie.
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, index)| index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(quote: &str, paragraphs: &[&str]) -> QuoteMatch {
        let paragraphs: Vec<String> = paragraphs.iter().map(|p| (*p).to_owned()).collect();
        verify_all(&[quote], &paragraphs).remove(0)
    }

    #[test]
    fn typography_is_folded() {
        let article = [
            "Lavrov said that “the conversation was very useful.”",
            "Waltz said “there’s going to be a discussion — of territory.”",
        ];
        assert_eq!(
            check("\"The conversation was very useful\"", &article),
            QuoteMatch::NotFound { closest: Some(0) }
        );
        assert_eq!(
            check("the conversation was very useful.", &article),
            QuoteMatch::Found(0)
        );
        assert_eq!(
            check(
                "there's going to be a  discussion -- of territory",
                &article
            ),
            QuoteMatch::Found(1)
        );
        assert_eq!(
            check("there's going to be a  discussion - of territory", &article),
            QuoteMatch::Found(1)
        );
    }

    #[test]
    fn an_ellipsis_across_paragraphs_is_named() {
        let article = ["We seek peace, he said.", "Then: Russia must end it."];
        assert_eq!(
            check("We seek peace … Russia must end it", &article),
            QuoteMatch::AcrossParagraphs { first: 0, last: 1 }
        );
        assert_eq!(
            check("Russia must end it … We seek peace", &article),
            QuoteMatch::NotFound { closest: Some(1) }
        );
    }

    #[test]
    fn the_words_that_differ_are_marked() {
        let paragraph =
            "Engineer Lena Okafor disagreed: “The lining was never tested. We warned them twice.”";
        assert_eq!(
            differences("The lining was always tested.", paragraph),
            Some((
                "The lining was [never] tested.".to_owned(),
                "The lining was [always] tested".to_owned()
            ))
        );
        assert_eq!(
            differences("We warned them all twice", paragraph),
            Some((
                "We warned them twice.".to_owned(),
                "We warned them [all] twice".to_owned()
            ))
        );
        assert_eq!(
            differences("The lining tested", paragraph),
            Some((
                "The lining [was never] tested.".to_owned(),
                "The lining tested".to_owned()
            ))
        );
        assert_eq!(differences("Nothing like it at all", paragraph), None);
    }

    #[test]
    fn soft_hyphens_are_not_letters() {
        let article = ["“The lin\u{ad}ing was never tes\u{ad}ted,” she said."];
        assert_eq!(
            check("The lining was never tested", &article),
            QuoteMatch::Found(0)
        );
        assert_eq!(
            check("The li\u{ad}ning was never tested", &article),
            QuoteMatch::Found(0)
        );
    }

    #[test]
    fn ellipsis_joins_parts_of_one_paragraph_in_order() {
        let article = [
            "“We seek peace,” Macron wrote. “Russia must end its aggression.”",
            "Another paragraph.",
        ];
        assert_eq!(
            check("We seek peace … Russia must end its aggression", &article),
            QuoteMatch::Found(0)
        );
        assert_eq!(
            check("We seek peace... Russia must end", &article),
            QuoteMatch::Found(0)
        );
        assert_eq!(
            check("Russia must end its aggression … We seek peace", &article),
            QuoteMatch::OutOfOrder(0)
        );
        assert_eq!(
            check("We seek peace … Another paragraph", &article),
            QuoteMatch::AcrossParagraphs { first: 0, last: 1 }
        );
        assert_eq!(check(" … “” ", &article), QuoteMatch::Empty);
    }

    /// The folding as first written, one character at a time: the fast
    /// path must give the same text for every input.
    fn normalize_char_by_char(text: &str) -> String {
        let mut out = String::new();
        let mut last_space = true;
        for original in text.chars() {
            let c = match original {
                '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' | '‹' | '›' | '「' | '」' | '﹁' | '﹂' => {
                    '\''
                }
                '“' | '”' | '„' | '‟' | '″' | '«' | '»' | '『' | '』' | '﹃' | '﹄' | '＂' => {
                    '"'
                }
                '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
                '…' => {
                    out.push_str("...");
                    last_space = false;
                    continue;
                }
                '\u{ad}' => continue,
                c if c.is_whitespace() => ' ',
                c => c,
            };
            if c == '-' && out.ends_with('-') {
                continue;
            }
            if matches!(original, ';' | ':' | '!' | '?' | '»' | '›') && out.ends_with(' ') {
                out.pop();
            }
            if matches!(original, '«' | '‹') {
                out.push(c);
                last_space = true;
                continue;
            }
            if c == ' ' {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
            } else {
                out.push(c);
                last_space = false;
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }

    #[test]
    fn fast_folding_matches_char_by_char_folding() {
        let alphabet: Vec<char> =
            "ab Z.-–—`’“…\t\n\r\u{a0}\u{202f}\u{1c}é\u{301}- '\"x\u{ad}«»‹›„「」『』!?;:"
                .chars()
                .collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..400 {
            let text: String = (0..len % 40)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            assert_eq!(normalize(&text), normalize_char_by_char(&text), "{text:?}");
            let (mapped, map) = normalize_mapped(&text);
            assert_eq!(mapped, normalize(&text), "{text:?}");
            assert_eq!(map.len(), mapped.len());
        }
        for text in [
            "  a  b  ",
            "a b  c",
            " a b",
            "a b ",
            "a - b",
            "a -- b",
            "a–-—b",
            "--",
            " … ",
            "x\u{2028}y",
            "a \u{ad} b",
            "-\u{ad}-",
            "« oui »",
            "«\u{a0}Non\u{202f}!\u{a0}»",
            "a ?",
            "a  ?",
            "? a",
            " ;",
        ] {
            assert_eq!(normalize(text), normalize_char_by_char(text), "{text:?}");
        }
    }

    #[test]
    fn every_languages_quotation_marks_and_french_spacing_fold() {
        let article = [
            "Le ministre a déclaré\u{a0}: «\u{a0}Nous ne céderons pas\u{202f}! C’est non.\u{a0}»",
            "Sie sagte: „Wir bleiben‚ sagt er‘ hier.“",
            "首相は「前向きに検討する」と述べた。",
            "قال الوزير: «لن نتراجع».",
        ];
        for (quote, paragraph) in [
            ("Nous ne céderons pas! C'est non.", 0),
            ("« Nous ne céderons pas ! C’est non. »", 0),
            ("\"Wir bleiben, sagt er' hier\"", 4),
            ("Wir bleiben‚ sagt er' hier", 1),
            ("前向きに検討する", 2),
            ("『前向きに検討する』", 2),
            ("検討する", 2),
            ("لن نتراجع", 3),
        ] {
            let found = check(quote, &article);
            if paragraph < article.len() {
                assert_eq!(found, QuoteMatch::Found(paragraph), "{quote}");
            } else {
                assert!(matches!(found, QuoteMatch::NotFound { .. }), "{quote}");
            }
        }
    }

    #[test]
    fn marks_typed_around_a_quote_are_left_to_the_page() {
        assert_eq!(without_marks("«\u{a0}Non\u{202f}!\u{a0}»"), "Non\u{202f}!");
        assert_eq!(without_marks("“It’s fine”"), "It’s fine");
        assert_eq!(without_marks("「検討する」"), "検討する");
        assert_eq!(without_marks("It’s fine"), "It’s fine");
        assert_eq!(
            without_marks("\"No,\" he said, \"never\""),
            "\"No,\" he said, \"never\""
        );
        assert_eq!(without_marks("«"), "«");
        assert_eq!(without_marks("“safe and on budget"), "safe and on budget");
        assert_eq!(without_marks("safe and on budget” "), "safe and on budget");
        assert_eq!(without_marks("He said “no"), "He said “no");
        assert_eq!(without_marks("« l'été »"), "l'été");
    }

    #[test]
    fn long_quotes_sharing_a_beginning_are_told_apart() {
        let shared = "The council was told about the cracks in the lining";
        let article = [
            format!("“{shared} in March,” she said."),
            format!("“{shared} in May,” he said. Later: “{shared} in June.”"),
        ];
        let quotes = [
            format!("{shared} in May"),
            format!("{shared} in March"),
            format!("{shared} in June"),
            format!("{shared} in April"),
        ];
        let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
        assert_eq!(
            verify_all(&quotes, &article),
            [
                QuoteMatch::Found(1),
                QuoteMatch::Found(0),
                QuoteMatch::Found(1),
                QuoteMatch::NotFound { closest: Some(0) },
            ]
        );
    }

    #[test]
    fn a_found_quote_is_located_in_the_original_text() {
        let passage = "Well, thank you. This is the first step of a long and difficult journey, but an important one.";
        let (start, end) = locate("“This is the first step … difficult journey”", passage).unwrap();
        assert_eq!(
            &passage[start..end],
            "This is the first step of a long and difficult journey"
        );
        let french = "Il a dit\u{a0}: «\u{a0}Non\u{202f}! » puis « Jamais ».";
        let (start, end) = locate("Non!", french).unwrap();
        // Punctuation at a quote's edges is not compared, so not marked.
        assert_eq!(&french[start..end], "Non");
        assert_eq!(locate("never said", passage), None);
    }

    #[test]
    fn quotes_start_and_end_on_whole_words() {
        let article = ["Marco Rubio said she will resign soon."];
        assert_eq!(check("she will resign", &article), QuoteMatch::Found(0));
        for invented in ["he will resign", "e will res", "a", "rco … ill"] {
            assert!(
                matches!(check(invented, &article), QuoteMatch::NotFound { .. }),
                "{invented}"
            );
        }
    }
}
