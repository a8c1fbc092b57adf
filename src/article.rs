//! The article's Markdown as text: how it is parsed and what counts as a
//! text block (see [`is_text_block`]). Quote checking, name finding and
//! rendering all number blocks through here, so a quote's paragraph and
//! the page's `#p-N` anchor always agree.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The one set of Markdown options the article is read with.
pub fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, options())
}

/// Footnotes stay off: their labels become element ids, and a label such as
/// `[^person-x]` would shadow the page's stable anchors.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// A text block's plain text (what a reader reads: no markup) and where
/// it starts in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    pub offset: usize,
    /// Its number on the page (`p-1` is 0); `None` for a heading, whose
    /// anchor is its own `section-…` id.
    pub number: Option<usize>,
    /// What the block holds that is not its text, kept to say where a
    /// quote or a name was found when it is not in the text: struck-out
    /// words, pictures' alt text, and inline code.
    pub set_apart: SetApart,
}

/// A text block's words that are not its text (see [`Paragraph`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetApart {
    pub struck: String,
    pub alt: String,
    pub code: String,
}

/// What points at a link target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Link,
    Picture,
}

/// The one rule for where a quote may be found and where a name counts as
/// named: the article's text blocks, which are its paragraphs (block quotes'
/// included), list items, table cells and headings. Each but a heading is
/// numbered in the order it starts, and the page gives it that anchor
/// (`<p id="p-1">`, `<li id="p-2">`, `<td id="p-3">`); a list item's text is
/// its own words, not those of the paragraphs or lists inside it. Text in
/// `~~strikethrough~~` is text the article withdrew and belongs to no block;
/// code, raw HTML blocks and HTML comments are not text blocks either, and
/// a picture's alt text and inline code are no part of a block's text (an
/// attribute, and a program's words, not the article's).
pub fn is_text_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::Heading { .. }
    )
}

pub fn ends_text_block(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_)
    )
}

/// Whether a text block that starts with `tag` is numbered (has a `p-N`).
pub fn is_numbered(tag: &Tag) -> bool {
    is_text_block(tag) && !matches!(tag, Tag::Heading { .. })
}

/// Markdown as one line of plain text, as a reader reads it, inline code
/// and alt text included: a feed entry's title from an update's words.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut blocks = 0;
    let mut struck = 0usize;
    for event in parser(markdown) {
        match event {
            Event::Start(tag) if is_text_block(&tag) => {
                if blocks > 0 {
                    text.push(' ');
                }
                blocks += 1;
            }
            Event::Start(Tag::Strikethrough) => struck += 1,
            Event::End(TagEnd::Strikethrough) => struck = struck.saturating_sub(1),
            _ if struck > 0 => {}
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&crate::raw_html::without_comments(&t));
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Every text block of the body (see [`is_text_block`]), in order.
pub fn paragraphs(markdown: &str) -> Vec<Paragraph> {
    paragraphs_and_links(markdown, |_, _, _| {})
}

/// The same, also handing every link and picture target, with where it
/// is, to `on_link`: validation needs both, and one parse of a long
/// article is a good part of the time it takes to check it.
pub fn paragraphs_and_links(
    markdown: &str,
    mut on_link: impl FnMut(&str, Range<usize>, Target),
) -> Vec<Paragraph> {
    let mut blocks: Vec<Paragraph> = Vec::new();
    // Indexes into `blocks` of the blocks open around the current event,
    // innermost last: text belongs to the innermost.
    let mut open: Vec<usize> = Vec::new();
    let mut numbered = 0;
    let mut struck = 0usize;
    let mut in_picture = 0usize;
    for (event, range) in parser(markdown).into_offset_iter() {
        let innermost = open.last().copied();
        // Words set apart go to the block's record of them, not its text.
        let apart = |blocks: &mut Vec<Paragraph>, text: &str, code: bool| {
            if let Some(p) = innermost.and_then(|i| blocks.get_mut(i)) {
                let kept = if struck > 0 {
                    &mut p.set_apart.struck
                } else if in_picture > 0 {
                    &mut p.set_apart.alt
                } else if code {
                    &mut p.set_apart.code
                } else {
                    return false;
                };
                kept.push_str(text);
                kept.push(' ');
            }
            true
        };
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => on_link(&dest_url, range, Target::Link),
            Event::Start(Tag::Image { dest_url, .. }) => {
                in_picture += 1;
                on_link(&dest_url, range, Target::Picture);
            }
            Event::End(TagEnd::Image) => in_picture = in_picture.saturating_sub(1),
            Event::Start(tag) if is_text_block(&tag) => {
                let number = is_numbered(&tag).then(|| {
                    numbered += 1;
                    numbered - 1
                });
                blocks.push(Paragraph {
                    text: String::new(),
                    offset: range.start,
                    number,
                    set_apart: SetApart::default(),
                });
                open.push(blocks.len() - 1);
            }
            Event::End(tag) if ends_text_block(&tag) => {
                open.pop();
            }
            Event::Start(Tag::Strikethrough) => struck += 1,
            Event::End(TagEnd::Strikethrough) => struck = struck.saturating_sub(1),
            Event::Text(text) => {
                if !apart(&mut blocks, &text, false)
                    && let Some(p) = innermost.and_then(|i| blocks.get_mut(i))
                {
                    p.text.push_str(&text);
                }
            }
            // A space in the text where the code was, so that the words
            // either side of it stay apart.
            Event::Code(code) => {
                if !apart(&mut blocks, &code, true)
                    && let Some(p) = innermost.and_then(|i| blocks.get_mut(i))
                {
                    p.text.push(' ');
                }
            }
            // Raw HTML is shown as text, so its words can be quoted; its
            // comments are never shown, so theirs cannot.
            Event::Html(text) | Event::InlineHtml(text) => {
                let current = innermost
                    .filter(|_| struck == 0 && in_picture == 0)
                    .and_then(|i| blocks.get_mut(i));
                if let Some(p) = current {
                    p.text.push_str(&crate::raw_html::without_comments(&text));
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                let current = innermost
                    .filter(|_| struck == 0)
                    .and_then(|i| blocks.get_mut(i));
                if let Some(p) = current {
                    p.text.push(' ');
                }
            }
            _ => {}
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_plain_text_in_order() {
        let body =
            "# Head\n\nOne *two*\nthree `x`.\n\n> Quoted [link](https://e.org).\n\n- tight item\n";
        let ps = paragraphs(body);
        let texts: Vec<(&str, Option<usize>)> =
            ps.iter().map(|p| (p.text.as_str(), p.number)).collect();
        assert_eq!(
            texts,
            [
                ("Head", None),
                // Inline code is set apart, not text.
                ("One two three .", Some(0)),
                ("Quoted link.", Some(1)),
                ("tight item", Some(2))
            ]
        );
        assert_eq!(&body[ps[1].offset..ps[1].offset + 3], "One");
        assert_eq!(ps[1].set_apart.code, "x ");
        let pictured = paragraphs("See ![Ann Lee at work](a.png) ~~and Bo~~.");
        assert_eq!(pictured[0].text, "See  .");
        assert_eq!(pictured[0].set_apart.alt, "Ann Lee at work ");
        assert_eq!(pictured[0].set_apart.struck, "and Bo ");
    }

    #[test]
    fn items_cells_and_struck_text_follow_the_rule() {
        let body =
            "- outer\n  - inner\n\n| a | ~~b~~ c |\n|---|---|\n| d | e |\n\n- loose\n\n- two\n";
        let texts: Vec<(String, Option<usize>)> = paragraphs(body)
            .into_iter()
            .map(|p| (p.text, p.number))
            .collect();
        let expected: Vec<(String, Option<usize>)> = [
            "outer", "inner", "a", " c", "d", "e", "", "loose", "", "two",
        ]
        .iter()
        .enumerate()
        .map(|(n, t)| ((*t).to_owned(), Some(n)))
        .collect();
        assert_eq!(texts, expected);
    }
}
