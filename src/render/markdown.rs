//! Markdown to HTML, working on pulldown-cmark's events rather than on
//! finished HTML: paragraphs get anchors, the first mention of each person
//! becomes a link to their card, and raw HTML is shown as text.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd, html};

use crate::article;
use crate::ids::{self, MentionIn};
use crate::links::{is_remote, is_safe_url};
use crate::locale::Direction;
use crate::model::Person;
use crate::names::NameMatcher;
use crate::raw_html;

/// A heading of the article, for the table of contents.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub id: String,
    pub text: String,
    pub level: u8,
}

/// Tracks which people have been linked already within one text (the
/// caption, or the article), so only the first mention there links.
pub struct Mentions<'a> {
    matcher: &'a NameMatcher,
    people: &'a [Person],
    /// Which text this is, for the mentions' element ids.
    text: MentionIn,
    /// Per person: the anchor of their first mention, once linked.
    pub first: Vec<Option<String>>,
    /// The page's direction: a name in the other one is isolated.
    direction: Direction,
}

impl<'a> Mentions<'a> {
    /// The article body's mentions.
    pub fn article(matcher: &'a NameMatcher, people: &'a [Person]) -> Self {
        Self::new(matcher, people, MentionIn::Article)
    }

    /// The photo caption's mentions.
    pub fn caption(matcher: &'a NameMatcher, people: &'a [Person]) -> Self {
        Self::new(matcher, people, MentionIn::Caption)
    }

    fn new(matcher: &'a NameMatcher, people: &'a [Person], text: MentionIn) -> Self {
        Mentions {
            matcher,
            people,
            text,
            first: vec![None; people.len()],
            direction: Direction::Ltr,
        }
    }

    /// For a page written right to left.
    pub fn in_direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }

    /// Split a text into plain text and links for first mentions.
    fn link<'t>(&mut self, text: CowStr<'t>, out: &mut Vec<Event<'t>>) {
        let mut done = 0;
        for mention in self.matcher.find(&text) {
            if self.first[mention.person].is_some() {
                continue;
            }
            let id = &self.people[mention.person].id;
            let anchor = ids::mention(self.text, id);
            let card = ids::person(id);
            if mention.range.start > done {
                out.push(Event::Text(
                    text[done..mention.range.start].to_owned().into(),
                ));
            }
            let name = &text[mention.range.clone()];
            let dir = match crate::locale::text_direction(name) {
                Some(d) if d != self.direction => format!(" dir=\"{}\"", d.as_str()),
                _ => String::new(),
            };
            // Ids are slugs, so they need no escaping inside the attributes.
            out.push(Event::InlineHtml(
                format!(
                    "<a class=\"mention\"{dir} id=\"{anchor}\" href=\"#{card}\" data-person=\"{id}\">"
                )
                .into(),
            ));
            out.push(Event::Text(text[mention.range.clone()].to_owned().into()));
            out.push(Event::InlineHtml("</a>".into()));
            self.first[mention.person] = Some(anchor);
            done = mention.range.end;
        }
        if done == 0 {
            out.push(Event::Text(text));
        } else if done < text.len() {
            out.push(Event::Text(text[done..].to_owned().into()));
        }
    }

    /// Plain text (a photo caption) with its first mentions linked.
    pub fn link_plain_text(&mut self, text: &str) -> String {
        let mut events = Vec::new();
        self.link(CowStr::from(text.to_owned()), &mut events);
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter());
        out
    }
}

/// The article body as HTML, and its headings.
pub fn render_article(body: &str, mentions: &mut Mentions) -> (String, Vec<Heading>) {
    let mut events: Vec<Event> = Vec::new();
    let mut headings: Vec<Heading> = Vec::new();
    let mut heading_ids = ids::Unique::new();
    let mut paragraph = 0;
    // Nesting depth of places where names must not be linked.
    let mut no_link_depth = 0usize;
    let mut heading_start: Option<usize> = None;
    let mut images_as_links: Vec<bool> = Vec::new();
    // Tables, to write their cells with the block anchors (the HTML writer
    // would write them without).
    let mut table_alignments: Vec<pulldown_cmark::Alignment> = Vec::new();
    let mut in_table_head = false;
    let mut cell = 0;

    for event in raw_html::hide_comments(article::parser(body)) {
        match event {
            // Numbered as `article::paragraphs` numbers them: one rule.
            Event::Start(Tag::Paragraph) => {
                let id = ids::paragraph(paragraph);
                paragraph += 1;
                events.push(Event::Html(format!("<p id=\"{id}\">").into()));
            }
            Event::End(TagEnd::Paragraph) => events.push(Event::Html("</p>\n".into())),
            Event::Start(Tag::Item) => {
                paragraph += 1;
                events.push(Event::Html(format!("<li id=\"p-{paragraph}\">").into()));
            }
            Event::End(TagEnd::Item) => events.push(Event::Html("</li>\n".into())),
            Event::Start(Tag::Table(alignments)) => {
                table_alignments = alignments.clone();
                events.push(Event::Start(Tag::Table(alignments)));
            }
            Event::Start(Tag::TableHead) => {
                in_table_head = true;
                cell = 0;
                events.push(Event::Start(Tag::TableHead));
            }
            Event::End(TagEnd::TableHead) => {
                in_table_head = false;
                events.push(Event::End(TagEnd::TableHead));
            }
            Event::Start(Tag::TableRow) => {
                cell = 0;
                events.push(Event::Start(Tag::TableRow));
            }
            Event::Start(Tag::TableCell) => {
                paragraph += 1;
                let element = if in_table_head { "th" } else { "td" };
                let align = match table_alignments.get(cell) {
                    Some(pulldown_cmark::Alignment::Left) => " style=\"text-align: left\"",
                    Some(pulldown_cmark::Alignment::Center) => " style=\"text-align: center\"",
                    Some(pulldown_cmark::Alignment::Right) => " style=\"text-align: right\"",
                    _ => "",
                };
                events.push(Event::Html(
                    format!("<{element} id=\"p-{paragraph}\"{align}>").into(),
                ));
            }
            Event::End(TagEnd::TableCell) => {
                cell += 1;
                let element = if in_table_head { "th" } else { "td" };
                events.push(Event::Html(format!("</{element}>").into()));
            }
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                no_link_depth += 1;
                heading_start = Some(events.len());
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                no_link_depth = no_link_depth.saturating_sub(1);
                if let Some(start) = heading_start.take() {
                    let text: String = events[start + 1..]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let id = heading_ids.take(ids::heading_base(&text));
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                        *slot = Some(id.clone().into());
                    }
                    headings.push(Heading {
                        id,
                        text,
                        level: level as u8,
                    });
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            // Struck-out text is withdrawn: no one is named in it.
            Event::Start(tag @ (Tag::Link { .. } | Tag::CodeBlock(_) | Tag::Strikethrough)) => {
                no_link_depth += 1;
                events.push(Event::Start(tag));
            }
            Event::End(tag @ (TagEnd::Link | TagEnd::CodeBlock | TagEnd::Strikethrough)) => {
                no_link_depth = no_link_depth.saturating_sub(1);
                events.push(Event::End(tag));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // Alt text is an attribute: no links inside it.
                no_link_depth += 1;
                let remote = is_remote(&dest_url);
                images_as_links.push(remote);
                events.push(Event::Start(if remote {
                    // A picture from another site would make every reader's
                    // browser call that site; show it as a link instead.
                    Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }
                } else {
                    Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }
                }));
            }
            Event::End(TagEnd::Image) => {
                no_link_depth = no_link_depth.saturating_sub(1);
                let as_link = images_as_links.pop().unwrap_or(false);
                events.push(Event::End(if as_link {
                    TagEnd::Link
                } else {
                    TagEnd::Image
                }));
            }
            Event::Start(Tag::HtmlBlock) => {
                events.push(Event::Html("<p class=\"raw-html\">".into()))
            }
            Event::End(TagEnd::HtmlBlock) => events.push(Event::Html("</p>\n".into())),
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            Event::Text(text) if no_link_depth == 0 => mentions.link(text, &mut events),
            other => events.push(other),
        }
    }
    // The page's title is the only h1 and "The report" is an h2: the body's
    // top heading level becomes h3 and the rest follow, so the outline
    // skips no level.
    let top = headings.iter().map(|h| h.level).min().unwrap_or(3);
    let shift = |level: u8| (level + 3 - top).min(6);
    for event in &mut events {
        match event {
            Event::Start(Tag::Heading { level, .. }) | Event::End(TagEnd::Heading(level)) => {
                *level = heading_level(shift(*level as u8));
            }
            _ => {}
        }
    }
    for heading in &mut headings {
        heading.level = shift(heading.level);
    }
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    (out, headings)
}

/// Where a fact's HTML goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Inside a line of the page (a takeaway, a quote's context): a single
    /// paragraph loses its `<p>`.
    Inline,
    /// A block of its own (a summary, an update).
    Blocks,
}

/// Markdown from facts.yaml: raw HTML as text, pictures as links, and no
/// `javascript:` links (validation refuses them; this keeps the page safe
/// even if it is handed unchecked text).
pub fn render_fact(markdown: &str, layout: Layout) -> String {
    let mut events: Vec<Event> = raw_html::hide_comments(article::parser(markdown))
        .map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            // Pictures become links: no request to another site.
            Event::Start(
                Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }
                | Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                },
            ) => Event::Start(Tag::Link {
                link_type,
                dest_url: safe(dest_url),
                title,
                id,
            }),
            Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
            Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
            Event::Start(Tag::Heading { .. }) => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::Heading(_)) => Event::End(TagEnd::Paragraph),
            other => other,
        })
        .collect();
    let paragraphs = events
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::Paragraph)))
        .count();
    if layout == Layout::Inline
        && paragraphs == 1
        && matches!(events.first(), Some(Event::Start(Tag::Paragraph)))
        && matches!(events.last(), Some(Event::End(TagEnd::Paragraph)))
    {
        events.remove(0);
        events.pop();
    }
    let mut out = String::with_capacity(markdown.len() + 16);
    html::push_html(&mut out, events.into_iter());
    out.trim_end().to_owned()
}

fn safe(url: CowStr) -> CowStr {
    if is_safe_url(&url) {
        url
    } else {
        CowStr::from("#")
    }
}

fn heading_level(number: u8) -> HeadingLevel {
    match number {
        0..=3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, name: &str, aliases: &[&str]) -> Person {
        Person {
            id: id.into(),
            name: name.into(),
            role: "Role".into(),
            group: "G".into(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            summary: None,
            image: None,
            links: Vec::new(),
            lang: None,
            name_at: None,
            role_at: None,
        }
    }

    #[test]
    fn first_mentions_link_outside_links_headings_and_code() {
        let people = [person("ann-lee", "Ann Lee", &["Lee"])];
        let matcher = NameMatcher::new(&people);
        let mut mentions = Mentions::article(&matcher, &people);
        let body = "# Lee speaks\n\nSee [Lee](https://e.org), `Lee` and Leeds.\n\nThen Lee’s turn. Lee again.\n";
        let (html, headings) = render_article(body, &mut mentions);
        assert_eq!(headings[0].id, "section-lee-speaks");
        assert!(
            html.contains("<h3 id=\"section-lee-speaks\">Lee speaks</h3>"),
            "{html}"
        );
        assert!(html.contains("<p id=\"p-1\">See <a href=\"https://e.org\">Lee</a>, <code>Lee</code> and Leeds.</p>"), "{html}");
        assert!(html.contains("<p id=\"p-2\">Then <a class=\"mention\" id=\"mention-ann-lee\" href=\"#person-ann-lee\" data-person=\"ann-lee\">Lee</a>’s turn. Lee again.</p>"), "{html}");
        assert_eq!(mentions.first[0].as_deref(), Some("mention-ann-lee"));
    }

    #[test]
    fn blocks_are_numbered_as_the_article_walk_numbers_them() {
        let people = [person("ann-lee", "Ann Lee", &["Lee"])];
        let matcher = NameMatcher::new(&people);
        let mut mentions = Mentions::article(&matcher, &people);
        let body = "# Top\n\nOne.\n\n- tight ~~Lee~~\n  - nested\n\n> quoted\n\n| h | :c: |\n|---|:---:|\n| Lee | x |\n\n1. loose\n\n2. two\n";
        let (html, _) = render_article(body, &mut mentions);
        let blocks = article::paragraphs(body);
        let numbered: Vec<usize> = blocks.iter().filter_map(|b| b.number).collect();
        assert_eq!(numbered, (0..numbered.len()).collect::<Vec<_>>());
        for n in 1..=numbered.len() {
            assert!(
                html.contains(&format!(" id=\"p-{n}\"")),
                "p-{n} missing: {html}"
            );
        }
        assert!(
            !html.contains(&format!(" id=\"p-{}\"", numbered.len() + 1)),
            "{html}"
        );
        // The struck-out mention is not linked; the one in the table is.
        assert!(html.contains("<del>Lee</del>"), "{html}");
        assert!(
            html.contains("<td id=\"p-7\"><a class=\"mention\""),
            "{html}"
        );
        assert!(
            html.contains("<th id=\"p-6\" style=\"text-align: center\">"),
            "{html}"
        );
    }

    #[test]
    fn repeated_headings_get_numbered_ids() {
        let mut unique = ids::Unique::new();
        let made: Vec<String> = ["Voices", "Voices 2", "Voices", "Voices", "voices"]
            .iter()
            .map(|t| unique.take(ids::heading_base(t)))
            .collect();
        assert_eq!(
            made,
            [
                "section-voices",
                "section-voices-2",
                "section-voices-3",
                "section-voices-4",
                "section-voices-5"
            ]
        );
    }

    #[test]
    fn raw_html_is_text() {
        let people: [Person; 0] = [];
        let matcher = NameMatcher::new(&people);
        let mut mentions = Mentions::article(&matcher, &people);
        let (html, _) = render_article(
            "<script>alert(1)</script>\n\nHi <b onclick=x>there</b>\n",
            &mut mentions,
        );
        assert!(!html.contains("<script") && !html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert_eq!(
            render_fact(
                "Hi <img src=x onerror=alert(1)> [x](javascript:alert(1))",
                Layout::Inline
            ),
            "Hi &lt;img src=x onerror=alert(1)&gt; <a href=\"#\">x</a>"
        );
    }
}
