//! What the editor hears about quotes that are not in the article and
//! people it never names.

use std::collections::HashMap;

use super::facts::PersonAt;
use super::{Checker, Located};
use crate::article;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::ArticleSource;
use crate::model::Person;
use crate::names::NameMatcher;
use crate::quotes::QuoteMatch;
use crate::source::Pos;
use crate::text::{Cut, shorten};

pub(super) fn report_quote(
    checker: &mut Checker,
    quote_text: &str,
    outcome: &QuoteMatch,
    pos: Pos,
    paragraphs: &[article::Paragraph],
    source: &ArticleSource,
) {
    let paragraph_line = |index: usize| {
        source
            .file
            .pos_of_offset(source.body_start + paragraphs[index].offset, 1)
            .line
    };
    let excerpt = |index: usize| shorten(&paragraphs[index].text, 90, Cut::Anywhere);
    // Blocks are named as the page numbers them; a heading has no number.
    let block = |index: usize| match paragraphs[index].number {
        Some(number) => format!("paragraph {}", number + 1),
        None => "a heading".to_owned(),
    };
    match outcome {
        QuoteMatch::Found(_) => {}
        QuoteMatch::Empty => checker.error(
            pos,
            "the quote is empty",
            Some("write the words that were said".into()),
        ),
        QuoteMatch::OutOfOrder(index) => checker.error(
            pos,
            format!(
                "the parts of this quote are in {} of the article, but in another order",
                block(*index)
            ),
            Some(format!(
                "put the parts around the ellipsis in the order of content/article.md line {}",
                paragraph_line(*index)
            )),
        ),
        QuoteMatch::AcrossParagraphs { first, last } => checker.error(
            pos,
            format!(
                "the parts of this quote are in the article, from {} to {}, but an ellipsis (`…`) bridges words within one paragraph only",
                block(*first),
                block(*last)
            ),
            Some(format!(
                "make it one quote per paragraph (content/article.md lines {} and {})",
                paragraph_line(*first),
                paragraph_line(*last)
            )),
        ),
        QuoteMatch::NotFound { closest } => {
            let mut diagnostic = Diagnostic::at(Severity::Error, checker.file, pos, "the quote is not in the article")
                .with_help("quote the article word for word (quote marks, dashes and spacing may differ; `…` stands for words left out), or give the quote a `source`");
            if let Some((index, place)) = set_apart(quote_text, paragraphs) {
                // Not a near miss in some other paragraph: the words are
                // there, in what the article does not say.
                diagnostic = diagnostic
                    .with_note(format!(
                        "its words are in {} (content/article.md line {}), but only in {place}, which is not the article's text",
                        block(index),
                        paragraph_line(index)
                    ))
                    .with_help(match place {
                        SetApartIn::Struck => "struck-out text is what the article withdrew: quote what it says now, or give the quote a `source`",
                        SetApartIn::Alt => "a picture's alt text describes the picture: quote the article's text, or give the quote a `source`",
                        SetApartIn::Code => "inline code is not the article's words: write the quote as text in the article, or give the quote a `source`",
                    });
            } else if let Some(index) = closest {
                diagnostic = diagnostic.with_note(format!(
                    "closest is {} (content/article.md line {}): “{}”",
                    block(*index),
                    paragraph_line(*index),
                    excerpt(*index)
                ));
                if let Some((article, quote)) =
                    crate::quotes::differences(quote_text, &paragraphs[*index].text)
                {
                    diagnostic = diagnostic.with_note(format!(
                        "the words that differ, marked: the article has “{article}”, the quote “{quote}”"
                    ));
                }
            }
            checker.push(diagnostic);
        }
    }
}

/// Where a quote the text blocks lack is found instead.
#[derive(Clone, Copy)]
enum SetApartIn {
    Struck,
    Alt,
    Code,
}

impl std::fmt::Display for SetApartIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SetApartIn::Struck => "struck-out text (`~~…~~`)",
            SetApartIn::Alt => "a picture's alt text",
            SetApartIn::Code => "inline code",
        })
    }
}

/// The first block whose struck-out words, alt text or inline code hold
/// the quote. Only on the error path: one more search per missing quote.
fn set_apart(quote: &str, paragraphs: &[article::Paragraph]) -> Option<(usize, SetApartIn)> {
    let places = [SetApartIn::Struck, SetApartIn::Alt, SetApartIn::Code];
    for place in places {
        let texts: Vec<&str> = paragraphs
            .iter()
            .map(|p| match place {
                SetApartIn::Struck => p.set_apart.struck.as_str(),
                SetApartIn::Alt => p.set_apart.alt.as_str(),
                SetApartIn::Code => p.set_apart.code.as_str(),
            })
            .collect();
        if texts.iter().all(|t| t.is_empty()) {
            continue;
        }
        if let Some(QuoteMatch::Found(index)) = crate::quotes::verify_all(&[quote], &texts)
            .into_iter()
            .next()
        {
            return Some((index, place));
        }
    }
    None
}

/// For each person, whether the article or the caption names them.
pub(super) fn mentioned_people(
    people: &[Person],
    paragraphs: &[&str],
    caption: Option<&str>,
) -> Vec<bool> {
    let matcher = NameMatcher::new(people);
    let mut mentioned = vec![false; people.len()];
    for text in paragraphs.iter().copied().chain(caption) {
        for person in matcher.people_named(text) {
            mentioned[person] = true;
        }
    }
    mentioned
}

pub(super) fn warn_unmentioned(
    checker: &mut Checker,
    people: &[Person],
    read: &[Located<Person, PersonAt>],
    mentioned: &[bool],
    paragraphs: &[article::Paragraph],
) {
    // Only asked for someone the text never names: one more scan, of the
    // alt texts alone.
    let alt_texts: Vec<&str> = paragraphs
        .iter()
        .map(|p| p.set_apart.alt.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let in_alt = if mentioned.iter().all(|&m| m) || alt_texts.is_empty() {
        vec![false; people.len()]
    } else {
        mentioned_people(people, &alt_texts, None)
    };
    // Where each id was first read: `people` holds the first person read
    // with each id.
    let mut read_at: HashMap<&str, &PersonAt> = HashMap::with_capacity(read.len());
    for Located { value: person, at } in read {
        read_at.entry(person.id.as_str()).or_insert(at);
    }
    for ((person, &was_mentioned), &alt_only) in people.iter().zip(mentioned).zip(&in_alt) {
        let Some(at) = read_at.get(person.id.as_str()) else {
            continue;
        };
        // A name holding an invisible character has its own warning.
        if !was_mentioned && at.complete && !person.names().any(super::hygiene::is_flagged) {
            if alt_only {
                checker.warning(
                    at.id,
                    format!(
                        "{} is named only in a picture's alt text, which is not part of the article's text",
                        person.name
                    ),
                    Some("name them in the article's text or the photo caption; their card's “first mention” link needs a mention to lead to".into()),
                );
                continue;
            }
            checker.warning(
                at.id,
                format!("{} is never named in the article", person.name),
                Some("add the way the article names them to `aliases`".into()),
            );
        }
    }
}
