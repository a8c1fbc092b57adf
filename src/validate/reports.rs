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
                "the parts of this quote are in paragraph {} of the article, but in another order",
                index + 1
            ),
            Some(format!(
                "put the parts around the ellipsis in the order of content/article.md line {}",
                paragraph_line(*index)
            )),
        ),
        QuoteMatch::NotFound { closest } => {
            let mut diagnostic = Diagnostic::at(Severity::Error, checker.file, pos, "the quote is not in the article")
                .with_help("quote the article word for word (quote marks, dashes and spacing may differ; `…` stands for words left out), or give the quote a `source`");
            if let Some(index) = closest {
                diagnostic = diagnostic.with_note(format!(
                    "closest is paragraph {} (content/article.md line {}): “{}”",
                    index + 1,
                    paragraph_line(*index),
                    excerpt(*index)
                ));
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
        if !was_mentioned && at.complete {
            checker.warning(
                at.id,
                format!("{} is never named in the article", person.name),
                Some("add the way the article names them to `aliases`".into()),
            );
        }
    }
}
