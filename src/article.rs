//! The article's Markdown as text: how it is parsed and what counts as a
//! paragraph. Quote checking and rendering both number paragraphs through
//! here, so a quote's paragraph and the page's `#p-N` anchor always agree.

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

/// A paragraph's plain text (what a reader reads: no markup) and where it
/// starts in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    pub offset: usize,
}

/// What points at a link target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Link,
    Picture,
}

/// Every paragraph of the body, in order; the index is the paragraph's
/// number on the page (`p-1` is index 0).
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
    let mut paragraphs = Vec::new();
    let mut current: Option<Paragraph> = None;
    for (event, range) in parser(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => on_link(&dest_url, range, Target::Link),
            Event::Start(Tag::Image { dest_url, .. }) => on_link(&dest_url, range, Target::Picture),
            Event::Start(Tag::Paragraph) => {
                current = Some(Paragraph {
                    text: String::new(),
                    offset: range.start,
                })
            }
            Event::End(TagEnd::Paragraph) => paragraphs.extend(current.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(p) = current.as_mut() {
                    p.text.push_str(&text);
                }
            }
            // Raw HTML is shown as text, so its words can be quoted; its
            // comments are never shown, so theirs cannot.
            Event::Html(text) | Event::InlineHtml(text) => {
                if let Some(p) = current.as_mut() {
                    p.text.push_str(&crate::raw_html::without_comments(&text));
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = current.as_mut() {
                    p.text.push(' ');
                }
            }
            _ => {}
        }
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_plain_text_in_order() {
        let body =
            "# Head\n\nOne *two*\nthree `x`.\n\n> Quoted [link](https://e.org).\n\n- tight item\n";
        let ps = paragraphs(body);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].text, "One two three x.");
        assert_eq!(ps[1].text, "Quoted link.");
        assert_eq!(&body[ps[0].offset..ps[0].offset + 3], "One");
    }
}
