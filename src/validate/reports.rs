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
            if let Some(index) = closest {
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
) {
    // Where each id was first read: `people` holds the first person read
    // with each id.
    let mut read_at: HashMap<&str, &PersonAt> = HashMap::with_capacity(read.len());
    for Located { value: person, at } in read {
        read_at.entry(person.id.as_str()).or_insert(at);
    }
    for (person, &was_mentioned) in people.iter().zip(mentioned) {
        let Some(at) = read_at.get(person.id.as_str()) else {
            continue;
        };
        // A name holding an invisible character has its own warning.
        if !was_mentioned && at.complete && !person.names().any(super::hygiene::is_flagged) {
            checker.warning(
                at.id,
                format!("{} is never named in the article", person.name),
                Some("add the way the article names them to `aliases`".into()),
            );
        }
    }
}
