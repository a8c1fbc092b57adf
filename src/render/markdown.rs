//! Markdown to HTML, working on pulldown-cmark's events rather than on
//! finished HTML: paragraphs get anchors, the first mention of each person
//! becomes a link to their card, and raw HTML is shown as text.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd, html};

use crate::article;
use crate::locale::Direction;
use crate::model::Person;
use crate::names::NameMatcher;
use crate::validate::is_safe_url;

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
    /// Starts each mention's element id: `mention-` in the article.
    anchor_prefix: &'static str,
    /// Per person: the anchor of their first mention, once linked.
    pub first: Vec<Option<String>>,
    /// The page's direction: a name in the other one is isolated.
    direction: Direction,
}

impl<'a> Mentions<'a> {
    pub fn new(
        matcher: &'a NameMatcher,
        people: &'a [Person],
        anchor_prefix: &'static str,
    ) -> Self {
        Mentions {
            matcher,
            people,
            anchor_prefix,
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
            let anchor = format!("{}{id}", self.anchor_prefix);
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
                format!("<a class=\"mention\"{dir} id=\"{anchor}\" href=\"#person-{id}\" data-person=\"{id}\">").into(),
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
    let mut heading_ids = HeadingIds::default();
    let mut paragraph = 0;
    // Nesting depth of places where names must not be linked.
    let mut no_link_depth = 0usize;
    let mut heading_start: Option<usize> = None;
    let mut images_as_links: Vec<bool> = Vec::new();

    for event in article::parser(body) {
        match event {
            Event::Start(Tag::Paragraph) => {
                paragraph += 1;
                events.push(Event::Html(format!("<p id=\"p-{paragraph}\">").into()));
            }
            Event::End(TagEnd::Paragraph) => events.push(Event::Html("</p>\n".into())),
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
                    let id = heading_ids.unique(&text);
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
            Event::Start(tag @ (Tag::Link { .. } | Tag::CodeBlock(_))) => {
                no_link_depth += 1;
                events.push(Event::Start(tag));
            }
            Event::End(tag @ (TagEnd::Link | TagEnd::CodeBlock)) => {
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

/// Markdown from facts.yaml: raw HTML as text, pictures as links, and no
/// `javascript:` links (validation refuses them; this keeps the page safe
/// even if it is handed unchecked text).
pub fn render_fact(markdown: &str, inline: bool) -> String {
    let mut events: Vec<Event> =
        pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_STRIKETHROUGH)
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
    if inline
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

fn is_remote(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http:")
        || lower.starts_with("https:")
        || lower.starts_with("//")
        || !is_safe_url(url)
}

fn heading_level(number: u8) -> HeadingLevel {
    match number {
        0..=3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Heading ids, numbered from the second use of a text on (`section-x`,
/// `section-x-2`, …). A set and a counter per text rather than a scan of
/// the ids so far: an article with a thousand "Voices" headings would
/// otherwise take a million comparisons per heading.
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
    /// Per base id, the last number tried; ids only ever get taken, so the
    /// search can go on from there.
    last: HashMap<String, usize>,
}

impl HeadingIds {
    fn unique(&mut self, text: &str) -> String {
        let base = format!("section-{}", crate::slug::slug(text, false));
        let n = self.last.entry(base.clone()).or_insert(1);
        let mut id = if *n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        while self.used.contains(&id) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        id
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
        }
    }

    #[test]
    fn first_mentions_link_outside_links_headings_and_code() {
        let people = [person("ann-lee", "Ann Lee", &["Lee"])];
        let matcher = NameMatcher::new(&people);
        let mut mentions = Mentions::new(&matcher, &people, "mention-");
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
    fn repeated_headings_get_numbered_ids() {
        let mut ids = HeadingIds::default();
        let made: Vec<String> = ["Voices", "Voices 2", "Voices", "Voices", "voices"]
            .iter()
            .map(|t| ids.unique(t))
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
        let mut mentions = Mentions::new(&matcher, &people, "mention-");
        let (html, _) = render_article(
            "<script>alert(1)</script>\n\nHi <b onclick=x>there</b>\n",
            &mut mentions,
        );
        assert!(!html.contains("<script") && !html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert_eq!(
            render_fact(
                "Hi <img src=x onerror=alert(1)> [x](javascript:alert(1))",
                true
            ),
            "Hi &lt;img src=x onerror=alert(1)&gt; <a href=\"#\">x</a>"
        );
    }
}
