//! Raw HTML in Markdown is shown as text, never run; its comments are the
//! editors' private notes ("legal says cut this") and are left out of every
//! output file altogether. The article's paragraph walk and both Markdown
//! renderers go through here, so a note is never quoted, named or shown.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

const OPEN: &str = "<!--";
const CLOSE: &str = "-->";

/// `raw` without its HTML comments. A comment left open runs to the end of
/// `raw`: the browser would have hidden the rest too, so the editor meant it
/// hidden.
pub fn without_comments(raw: &str) -> Cow<'_, str> {
    if !raw.contains(OPEN) {
        return Cow::Borrowed(raw);
    }
    let mut kept = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(start) = rest.find(OPEN) {
        kept.push_str(&rest[..start]);
        let inside = &rest[start + OPEN.len()..];
        // `<!-->` and `<!--->` are complete (empty) comments in HTML.
        let close = if let Some(after) = inside.strip_prefix('>') {
            Some((0, after))
        } else if let Some(after) = inside.strip_prefix("->") {
            Some((0, after))
        } else {
            inside
                .find(CLOSE)
                .map(|end| (end, &inside[end + CLOSE.len()..]))
        };
        match close {
            Some((_, after)) => rest = after,
            None => return Cow::Owned(kept),
        }
    }
    kept.push_str(rest);
    Cow::Owned(kept)
}

/// Markdown source with the comments of its raw HTML taken out, for text
/// that is stored as Markdown (facts.json carries the facts' Markdown as
/// written). Only comments Markdown reads as HTML go: `<!--` in a code span
/// is the editor's text. Each comment leaves its line breaks behind, so the
/// blocks around it stay apart.
pub fn strip_comments(markdown: &str, options: Options) -> Cow<'_, str> {
    if !markdown.contains(OPEN) {
        return Cow::Borrowed(markdown);
    }
    let mut html_spans = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) => html_spans.push(range),
            _ => {}
        }
    }
    let mut out = String::with_capacity(markdown.len());
    let mut done = 0;
    for span in html_spans {
        if span.start < done {
            continue;
        }
        out.push_str(&markdown[done..span.start]);
        let raw = &markdown[span.clone()];
        let visible = without_comments(raw);
        if let Cow::Owned(visible) = &visible {
            out.push_str(visible);
            // The line breaks the comments held.
            let breaks = raw.matches('\n').count() - visible.matches('\n').count();
            out.extend(std::iter::repeat_n('\n', breaks));
        } else {
            out.push_str(raw);
        }
        done = span.end;
    }
    out.push_str(&markdown[done..]);
    Cow::Owned(out)
}

/// Markdown events with raw HTML's comments taken out: a block of nothing
/// but comments disappears (no empty box on the page), and the lines of any
/// other block come as one `Html` event, so a comment over several lines is
/// seen whole.
pub fn hide_comments<'a, I: Iterator<Item = Event<'a>>>(events: I) -> HideComments<'a, I> {
    HideComments {
        events,
        pending: Vec::new(),
    }
}

pub struct HideComments<'a, I> {
    events: I,
    /// What comes after a block's `Start`, in reverse.
    pending: Vec<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for HideComments<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.pending.pop() {
            return Some(event);
        }
        loop {
            match self.events.next()? {
                Event::Start(Tag::HtmlBlock) => {
                    let mut lines = String::new();
                    for event in self.events.by_ref() {
                        match event {
                            Event::Html(line) | Event::Text(line) => lines.push_str(&line),
                            _ => break,
                        }
                    }
                    let visible = without_comments(&lines);
                    if !visible.trim().is_empty() {
                        self.pending.push(Event::End(TagEnd::HtmlBlock));
                        self.pending
                            .push(Event::Html(CowStr::from(visible.into_owned())));
                        return Some(Event::Start(Tag::HtmlBlock));
                    }
                }
                Event::InlineHtml(raw) => match without_comments(&raw) {
                    Cow::Borrowed(_) => return Some(Event::InlineHtml(raw)),
                    Cow::Owned(visible) if !visible.is_empty() => {
                        return Some(Event::InlineHtml(CowStr::from(visible)));
                    }
                    Cow::Owned(_) => {}
                },
                other => return Some(other),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_cut_and_the_rest_kept() {
        assert_eq!(without_comments("no comment"), "no comment");
        assert_eq!(without_comments("a <!-- x\ny --> b"), "a  b");
        assert_eq!(without_comments("<!-- a -->b<!-- c -->d"), "bd");
        assert_eq!(without_comments("a<!-->b<!--->c"), "abc");
        assert_eq!(without_comments("keep <!-- never closed"), "keep ");
        assert_eq!(without_comments("<!-- a -- b -->c"), "c");
    }

    #[test]
    fn markdown_keeps_code_and_line_breaks() {
        let md = "A `<!-- shown -->` <!-- cut --> b\n<!-- x\ny -->\nc\n";
        assert_eq!(
            strip_comments(md, Options::empty()),
            "A `<!-- shown -->`  b\n\n\nc\n"
        );
        assert_eq!(strip_comments("plain", Options::empty()), "plain");
    }

    fn shown(markdown: &str) -> Vec<Event<'_>> {
        hide_comments(pulldown_cmark::Parser::new(markdown)).collect()
    }

    #[test]
    fn a_block_of_only_comments_leaves_nothing() {
        assert_eq!(
            shown("<!-- one\n\ntwo -->\nafter\n"),
            [
                Event::Start(Tag::Paragraph),
                Event::Text("after".into()),
                Event::End(TagEnd::Paragraph)
            ]
        );
        assert_eq!(
            shown("<div>\n<!-- c -->\n</div>\n"),
            [
                Event::Start(Tag::HtmlBlock),
                Event::Html("<div>\n\n</div>\n".into()),
                Event::End(TagEnd::HtmlBlock)
            ]
        );
        assert_eq!(
            shown("a <!-- x\ny --> b <!--k-->"),
            [
                Event::Start(Tag::Paragraph),
                Event::Text("a ".into()),
                Event::Text(" b ".into()),
                Event::End(TagEnd::Paragraph)
            ]
        );
    }
}
