//! The files that carry the story beyond the page: the Atom feed, the
//! sitemap, robots.txt, the JSON-LD block, timeline.json for TimelineJS, and
//! the oEmbed responses.
//! They are data formats, so they are built here in Rust rather than in the
//! theme's templates.

use serde::Serialize;
use serde_json::{Value, json};

use super::{Edition, markdown};
use crate::facts_json::{EditionJson, FactsJson};
use crate::layout;
use crate::links::{is_remote, is_safe_url};
use crate::locale::Locale;
use crate::model::{Publisher, Story};
use crate::text::{Cut, shorten};

/// Atom, one entry per update. Entry ids are the update's address on the
/// page, which depends only on the base URL and the update's time.
/// A key event's entry has the category `key`, a correction's the category
/// `correction` and the word before its title, each labelled in the page's
/// language.
pub fn feed(story: &Story, base_url: &str, locale: &Locale) -> String {
    let article = &story.article;
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&article.lang)
    ));
    xml.push_str(&format!("  <id>{}</id>\n", escape(base_url)));
    xml.push_str(&format!("  <title>{}</title>\n", escape(&article.title)));
    if let Some(description) = &article.description {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", escape(description)));
    }
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(base_url)
    ));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}feed.xml\"/>\n",
        escape(base_url)
    ));
    xml.push_str(&format!(
        "  <updated>{}</updated>\n",
        story.edition().utc_rfc3339()
    ));
    // Atom wants an author for every entry; the feed's covers them all.
    for name in feed_authors(story) {
        xml.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            escape(&name)
        ));
    }
    xml.push_str(&format!(
        "  <generator>explainer {}</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    // Corrections are entries too: a reader who follows the story by its
    // feed must hear of them as of any update.
    struct Entry<'a> {
        id: String,
        at: &'a crate::date::Timestamp,
        text: &'a str,
        kind: EntryKind,
    }
    #[derive(PartialEq)]
    enum EntryKind {
        Update,
        KeyEvent,
        Correction,
    }
    let mut entries: Vec<Entry> = crate::ids::updates_newest_first(story)
        .into_iter()
        .map(|(id, u)| Entry {
            id,
            at: &u.at,
            text: u.text.as_str(),
            kind: if u.key {
                EntryKind::KeyEvent
            } else {
                EntryKind::Update
            },
        })
        .chain(
            crate::ids::corrections_newest_first(story)
                .into_iter()
                .map(|(id, c)| Entry {
                    id,
                    at: &c.at,
                    text: c.text.as_str(),
                    kind: EntryKind::Correction,
                }),
        )
        .collect();
    entries.sort_by_key(|entry| std::cmp::Reverse(entry.at.unix_seconds()));
    for Entry { id, at, text, kind } in entries {
        let address = format!("{base_url}#{id}");
        let mut title = crate::article::plain_text(text);
        if kind == EntryKind::Correction {
            title = format!(
                "{}{}{title}",
                locale.word("correction"),
                locale.word("colon")
            );
        }
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <id>{}</id>\n", escape(&address)));
        xml.push_str(&format!(
            "    <title>{}</title>\n",
            escape(&shorten(&title, 100, Cut::AfterWord))
        ));
        let category = match kind {
            EntryKind::Update => None,
            EntryKind::KeyEvent => Some(("key", "key_event")),
            EntryKind::Correction => Some(("correction", "correction")),
        };
        if let Some((term, word)) = category {
            xml.push_str(&format!(
                "    <category term=\"{term}\" label=\"{}\"/>\n",
                escape(locale.word(word))
            ));
        }
        xml.push_str(&format!("    <updated>{}</updated>\n", at.utc_rfc3339()));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&address)
        ));
        xml.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            escape(&markdown::render_fact(text, markdown::Layout::Blocks))
        ));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

fn feed_authors(story: &Story) -> Vec<String> {
    if story.article.authors.is_empty() {
        vec![story.publisher().to_owned()]
    } else {
        story
            .article
            .authors
            .iter()
            .map(|a| a.name.clone())
            .collect()
    }
}

/// The main page, and each transcript's page.
pub fn sitemap(story: &Story, base_url: &str) -> String {
    let lastmod = story.edition().utc_rfc3339();
    let url = |address: &str| {
        format!(
            "\x20 <url>\n\
             \x20   <loc>{}</loc>\n\
             \x20   <lastmod>{lastmod}</lastmod>\n\
             \x20 </url>\n",
            escape(address)
        )
    };
    let mut urls = url(base_url);
    for source in &story.sources {
        urls.push_str(&url(&format!(
            "{base_url}{}",
            crate::layout::transcript_page(&source.id)
        )));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n\
         {urls}\
         </urlset>\n"
    )
}

pub fn robots(base_url: Option<&str>) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base_url {
        text.push_str(&format!("\nSitemap: {base}sitemap.xml\n"));
    }
    text
}

/// The schema.org `LiveBlogPosting` of a story still developing, with one
/// `liveBlogUpdate` per update, or the `NewsArticle` of one that is `final`
/// (with its `coverageEndTime`), ready to sit inside a `<script>` element.
/// `address` makes a path under `static/` into the link the page gives it.
pub fn json_ld(
    story: &Story,
    base_url: Option<&str>,
    image_url: Option<&str>,
    address: &dyn Fn(&str) -> String,
) -> String {
    let article = &story.article;
    let mut fields = serde_json::Map::new();
    let mut put = |key: &str, value: Value| {
        fields.insert(key.to_owned(), value);
    };
    put("@context", json!("https://schema.org"));
    // Google's LIVE badge reads `LiveBlogPosting`: the story says it is
    // developing until `final` says it is over.
    match &article.final_at {
        None => {
            put("@type", json!("LiveBlogPosting"));
            put("coverageStartTime", json!(article.published.iso()));
            let updates = live_blog_updates(story, base_url);
            if !updates.is_empty() {
                put("liveBlogUpdate", Value::Array(updates));
            }
        }
        Some(end) => {
            put("@type", json!("NewsArticle"));
            put("coverageEndTime", json!(end.iso()));
        }
    }
    put("headline", json!(article.title));
    if let Some(description) = &article.description {
        put("description", json!(description));
    }
    put("datePublished", json!(article.published.iso()));
    put("dateModified", json!(story.edition().iso()));
    put("inLanguage", json!(article.lang));
    put(
        "author",
        article
            .authors
            .iter()
            .map(|author| {
                let mut person = json!({ "@type": "Person", "name": author.name });
                if let Some(url) = author.url.as_deref().filter(|u| is_safe_url(u)) {
                    person["url"] = json!(url);
                }
                let same_as: Vec<&String> =
                    author.same_as.iter().filter(|u| is_safe_url(u)).collect();
                if !same_as.is_empty() {
                    person["sameAs"] = json!(same_as);
                }
                person
            })
            .collect(),
    );
    let mut publisher = json!({ "@type": "Organization", "name": story.publisher() });
    if let Some(given) = &article.publisher {
        // Checked when read; checked again so the block stays safe when
        // handed a story from elsewhere.
        if let Some(url) = given.url.as_deref().filter(|u| is_safe_url(u)) {
            publisher["url"] = json!(url);
        }
        if let Some(logo) = given.logo.as_deref().filter(|u| is_safe_url(u)) {
            let logo = if is_remote(logo) {
                logo.to_owned()
            } else {
                address(logo)
            };
            publisher["logo"] = json!({ "@type": "ImageObject", "url": logo });
        }
        for (policy, url) in given.policies.iter().filter(|(_, u)| is_safe_url(u)) {
            publisher[policy_property(*policy)] = json!(url);
        }
        if let Some(url) = given.principles().filter(|u| is_safe_url(u)) {
            publisher["publishingPrinciples"] = json!(url);
        }
        let social: Vec<&String> = given.social.iter().filter(|u| is_safe_url(u)).collect();
        if !social.is_empty() {
            publisher["sameAs"] = json!(social);
        }
    }
    put("publisher", publisher);
    if let Some(base) = base_url {
        put("url", json!(base));
        put("mainEntityOfPage", json!(base));
    }
    if let Some(image) = image_url {
        put("image", json!([image]));
    }
    if let Some(backstory) = &article.backstory {
        put("backstory", json!(crate::article::plain_text(backstory)));
    }
    if let Some(dateline) = &article.dateline {
        put("dateline", json!(dateline));
    }
    let corrections = crate::ids::corrections_newest_first(story);
    if !corrections.is_empty() {
        put(
            "correction",
            corrections
                .iter()
                .map(|(_, c)| {
                    json!({
                        "@type": "CorrectionComment",
                        "text": c.text,
                        "datePublished": c.at.iso(),
                    })
                })
                .collect(),
        );
    }
    // Each key quote checked against a transcript, as a `Quotation` based
    // on it. (Quotes from the article are its own words, already the
    // article's; listing them too would cost the page weight it has not
    // to spare.)
    let quotations: Vec<Value> = story
        .quotes
        .iter()
        .filter_map(|quote| {
            let from = quote.from.as_ref()?;
            let source = &story.sources[from.source];
            let mut based_on = json!({ "@type": "CreativeWork", "name": source.title });
            if let Some(base) = base_url {
                based_on["url"] = json!(format!(
                    "{base}{}",
                    crate::layout::transcript_page(&source.id)
                ));
            }
            if let Some(at) = &source.at {
                based_on["dateCreated"] = json!(at.iso());
            }
            Some(json!({
                "@type": "Quotation",
                "text": crate::quotes::without_marks(&quote.text),
                "spokenByCharacter": {
                    "@type": "Person",
                    "name": story.people[quote.speaker].name,
                },
                "isBasedOn": based_on,
            }))
        })
        .collect();
    if !quotations.is_empty() {
        put("hasPart", Value::Array(quotations));
    }
    let value = Value::Object(fields);
    script_safe(&value.to_string())
}

/// The schema.org property of the Trust Project's indicator each policy
/// page is.
fn policy_property(policy: crate::model::Policy) -> &'static str {
    use crate::model::Policy;
    match policy {
        Policy::Corrections => "correctionsPolicy",
        Policy::Ethics => "ethicsPolicy",
        Policy::Masthead => "masthead",
        Policy::Feedback => "actionableFeedbackPolicy",
        Policy::Ownership => "ownershipFundingInfo",
        Policy::Diversity => "diversityPolicy",
        Policy::FactChecking => "verificationFactCheckingPolicy",
    }
}

/// JournalList's trust.txt: the publisher's accounts, contact and
/// disclosure, one `key=value` line each; `None` when the publisher gives
/// none of them.
pub fn trust_txt(story: &Story) -> Option<String> {
    trust_txt_of(story.article.publisher.as_ref()?)
}

/// `trust.txt` for `publisher`, when it gives an account, a contact or a
/// disclosure.
pub fn trust_txt_of(publisher: &Publisher) -> Option<String> {
    // Checked when read; a value that would break its line is left out
    // all the same.
    let fits = |value: &&String| !value.chars().any(|c| c.is_whitespace() || c.is_control());
    let mut lines = String::new();
    for url in publisher.social.iter().filter(fits) {
        lines.push_str(&format!("social={url}\n"));
    }
    for contact in publisher.contact.iter().filter(fits) {
        lines.push_str(&format!("contact={contact}\n"));
    }
    for disclosure in publisher.disclosure.iter().filter(fits) {
        lines.push_str(&format!("disclosure={disclosure}\n"));
    }
    (!lines.is_empty()).then(|| format!("# trust.txt for {}\n{lines}", one_line(&publisher.name)))
}

/// A name on one line of a text file.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One schema.org `BlogPosting` per update, newest first, as the page
/// lists them; each one's `url` is its stable anchor on the page, when the
/// page has an address.
fn live_blog_updates(story: &Story, base_url: Option<&str>) -> Vec<Value> {
    crate::ids::updates_newest_first(story)
        .into_iter()
        .map(|(id, update)| {
            let body = crate::article::plain_text(&update.text);
            // Google shows at most 110 characters of a headline (the ellipsis one).
            let mut posting = json!({
                "@type": "BlogPosting",
                "headline": shorten(&body, 109, Cut::AfterWord),
                "articleBody": body,
                "datePublished": update.at.iso(),
            });
            if let Some(base) = base_url {
                posting["url"] = json!(format!("{base}#{id}"));
            }
            posting
        })
        .collect()
}

/// timeline.json in Knight Lab TimelineJS's format, so a newsroom can drop
/// the checked timeline into a TimelineJS embed. Typed records rather than
/// a `serde_json::Value` tree, which for a large timeline took several
/// times the file's size; fields are in alphabetical order, as the file has
/// always had them.
pub fn timeline_json(story: &Story, locale: &Locale) -> String {
    let source_word = html_escape(locale.word("source"));
    #[derive(Serialize)]
    struct Document<'a> {
        events: Vec<TimelineEvent<'a>>,
        title: Title,
    }
    #[derive(Serialize)]
    struct Title {
        text: Text,
    }
    #[derive(Serialize)]
    struct TimelineEvent<'a> {
        /// The date in the page's words: TimelineJS would otherwise show
        /// its own English ones.
        display_date: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        group: Option<&'a str>,
        start_date: StartDate,
        text: Text,
        unique_id: String,
    }
    #[derive(Serialize)]
    struct StartDate {
        #[serde(skip_serializing_if = "Option::is_none")]
        day: Option<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        month: Option<u8>,
        year: u16,
    }
    #[derive(Serialize)]
    struct Text {
        headline: String,
        text: String,
    }
    let events = story
        .timeline
        .iter()
        .map(|event| {
            let mut text = event
                .summary
                .as_deref()
                .map(|s| markdown::render_fact(s, markdown::Layout::Blocks))
                .unwrap_or_default();
            if let Some(source) = &event.source {
                let name = html_escape(&source.name);
                text.push_str(&match &source.url {
                    Some(url) => {
                        format!(
                            "<p>{source_word} <a href=\"{}\">{name}</a></p>",
                            html_escape(url)
                        )
                    }
                    None => format!("<p>{source_word} {name}</p>"),
                });
            }
            TimelineEvent {
                display_date: locale.dates.partial(&event.date),
                group: event
                    .people
                    .first()
                    .map(|&first| story.people[first].group.as_str()),
                start_date: StartDate {
                    day: event.date.day,
                    month: event.date.month,
                    year: event.date.year,
                },
                text: Text {
                    headline: html_escape(&event.title),
                    text,
                },
                unique_id: event.id.clone(),
            }
        })
        .collect();
    let article = &story.article;
    let document = Document {
        events,
        title: Title {
            text: Text {
                headline: html_escape(&article.title),
                text: article
                    .description
                    .as_deref()
                    .map(html_escape)
                    .unwrap_or_default(),
            },
        },
    };
    let capacity = 4096
        + story
            .timeline
            .iter()
            .map(|e| 512 + 2 * (e.title.len() + e.summary.as_ref().map_or(0, String::len)))
            .sum::<usize>();
    crate::facts_json::pretty_json(&document, capacity)
}

/// The words explainer.js shows, as the JSON the page carries for it.
pub fn script_words(locale: &Locale) -> String {
    script_safe(&serde_json::to_string(&locale.script_words()).unwrap_or_default())
}

/// The same without the embed buttons' words, for a past edition: its
/// items are embedded from the latest edition, where they may have changed
/// or gone, so it offers no embed code (explainer.js adds the buttons only
/// when it has their words).
pub fn script_words_without_embeds(locale: &Locale) -> String {
    let mut words = locale.script_words();
    words.retain(|key, _| !EMBED_WORDS.contains(key) && !key.starts_with("of_this_"));
    script_safe(&serde_json::to_string(&words).unwrap_or_default())
}

const EMBED_WORDS: &[&str] = &["copy_embed", "embed_copied"];

/// A page or file of the site as `facts.json` names it: absolute with a
/// base URL (the page itself is the base URL, as its canonical link
/// says), else relative to the site's root, the same in every copy.
fn site_address(base_url: Option<&str>, path: &str) -> String {
    match base_url {
        Some(base) if path == layout::PAGE => base.to_owned(),
        Some(base) => format!("{base}{path}"),
        None => path.to_owned(),
    }
}

/// The latest edition's `facts.json`: its facts, its page's address, and
/// every edition (`past` oldest first) with its page and facts.
pub fn facts_json(latest: Edition, past: &[Edition], base_url: Option<&str>) -> String {
    let mut editions = vec![EditionJson {
        edition: latest.story.edition().iso(),
        url: site_address(base_url, layout::PAGE),
        facts: site_address(base_url, layout::FACTS_JSON),
    }];
    editions.extend(past.iter().rev().map(|e| {
        let at = e.story.edition();
        EditionJson {
            edition: at.iso(),
            url: site_address(base_url, &layout::edition_page(at)),
            facts: site_address(base_url, &layout::edition_facts(at)),
        }
    }));
    FactsJson {
        url: Some(site_address(base_url, layout::PAGE)),
        editions,
        ..crate::changes::facts_json(latest.story, latest.changes)
    }
    .to_json()
}

/// A past edition's `facts.json`, beside its page: the facts it published,
/// and its page's address.
pub fn edition_facts_json(edition: Edition, base_url: Option<&str>) -> String {
    FactsJson {
        url: Some(site_address(
            base_url,
            &layout::edition_page(edition.story.edition()),
        )),
        ..crate::changes::facts_json(edition.story, edition.changes)
    }
    .to_json()
}

/// What an oEmbed response describes: one embed page and how to frame it.
pub struct OEmbed<'a> {
    /// The embed's title, plain text.
    pub title: &'a str,
    /// The embed page's absolute address.
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub provider_name: &'a str,
    pub base_url: &'a str,
}

/// The host page's script that sizes each frame to the height its page
/// reports, a static file of the theme.
pub const EMBED_HOST_SCRIPT: &str = "embed-host.js";

/// A static oEmbed 1.0 response of type `rich`: the frame, with the script
/// that sizes it to its content (the README's "Embedding").
pub fn oembed(embed: &OEmbed) -> String {
    // The response's `html` goes straight into the host's page: every value
    // in it is escaped here.
    let html = format!(
        "<iframe src=\"{src}\" title=\"{title}\" width=\"{width}\" height=\"{height}\" \
         style=\"width:100%;border:0\"></iframe>\
         <script src=\"{base}{EMBED_HOST_SCRIPT}\" async></script>",
        src = html_escape(&embed.src),
        title = html_escape(embed.title),
        width = embed.width,
        height = embed.height,
        base = html_escape(embed.base_url),
    );
    let document = json!({
        "version": "1.0",
        "type": "rich",
        "title": embed.title,
        "provider_name": embed.provider_name,
        "provider_url": embed.base_url,
        "width": embed.width,
        "height": embed.height,
        "html": html,
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// `</script>` inside a JSON string would end the script element early.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Text escaped for XML, as the site's feed and sitemap need it too.
pub fn escape_xml(text: &str) -> String {
    escape(text)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids outright; text from YAML can hold
            // them, and one would make the whole feed unreadable.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// TimelineJS puts headline and text into the page as HTML.
pub(crate) fn html_escape(text: &str) -> String {
    escape(text).replace("&apos;", "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_close_its_script_element() {
        assert_eq!(
            script_safe(r#"{"a":"</script><b>&"}"#),
            r#"{"a":"\u003c/script\u003e\u003cb\u003e\u0026"}"#
        );
    }

    #[test]
    fn an_oembed_frame_escapes_every_value() {
        let json = oembed(&OEmbed {
            title: r#"Tom & "Jerry" <script> · O'Neil"#,
            src: "https://e.org/x/embed/quote-a.html".into(),
            width: 700,
            height: 300,
            provider_name: "The Ledger",
            base_url: "https://e.org/x/",
        });
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["title"], r#"Tom & "Jerry" <script> · O'Neil"#);
        assert_eq!(value["type"], "rich");
        assert_eq!(value["width"], 700);
        let html = value["html"].as_str().unwrap();
        assert!(
            html.contains(r#"title="Tom &amp; &quot;Jerry&quot; &lt;script&gt; · O&#39;Neil""#),
            "{html}"
        );
        assert!(html.ends_with(r#"<script src="https://e.org/x/embed-host.js" async></script>"#));
    }

    #[test]
    fn past_editions_carry_no_embed_words() {
        let locale = Locale::new("en", &[]);
        assert!(script_words(&locale).contains("\"copy_embed\""));
        let past = script_words_without_embeds(&locale);
        assert!(
            !past.contains("embed") && !past.contains("of_this"),
            "{past}"
        );
        assert!(past.contains("\"copy_link\""), "{past}");
    }

    #[test]
    fn xml_escape_drops_forbidden_control_characters() {
        assert_eq!(escape("a\u{1}<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
    }
}
