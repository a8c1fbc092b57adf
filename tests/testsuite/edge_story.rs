//! A story written to exercise the edges: accented and non-Latin names,
//! curly against straight quotes, an ellipsis quote, partial dates out of
//! order, HTML and script in every text field, names inside longer words.

use crate::common::{Story, between};

fn built() -> String {
    let story = Story::copy_of("tests/fixtures/edge");
    let run = story.build();
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    story.page()
}

/// Every tag in the page, as (name, attribute names, attribute values).
/// Escaped text never holds a raw `<`, so each `<` starts real markup.
fn tags(page: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    for chunk in page.split('<').skip(1) {
        let tag = &chunk[..chunk.find('>').expect("unclosed tag")];
        if tag.starts_with('/') || tag.starts_with('!') {
            continue;
        }
        let mut rest = tag.trim_end_matches('/');
        let name_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        let mut attrs = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            let key_end = rest.find(['=', ' ']).unwrap_or(rest.len());
            let key = rest[..key_end].to_ascii_lowercase();
            rest = &rest[key_end..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix('=') {
                let quoted = after
                    .strip_prefix('"')
                    .expect("attribute values are quoted");
                let end = quoted.find('"').expect("closing quote");
                value = quoted[..end].to_owned();
                rest = &quoted[end + 1..];
            }
            attrs.push((key, value));
        }
        out.push((name, attrs));
    }
    out
}

#[test]
fn no_payload_becomes_live_markup() {
    let page = built();
    let allowed = [
        "html",
        "head",
        "meta",
        "title",
        "link",
        "body",
        "a",
        "header",
        "p",
        "h1",
        "h2",
        "h3",
        "h5",
        "aside",
        "h4",
        "span",
        "time",
        "figure",
        "figcaption",
        "section",
        "ul",
        "ol",
        "li",
        "nav",
        "main",
        "article",
        "div",
        "img",
        "blockquote",
        "footer",
        "strong",
        "em",
        "code",
    ];
    for (name, attrs) in tags(&page) {
        // Three scripts, and nothing else, may be in the page: its own
        // extras, and two blocks of data that must stay JSON: the JSON-LD
        // and the extras' words.
        if name == "script" {
            let extras = [
                ("src".to_owned(), "explainer.js".to_owned()),
                ("defer".to_owned(), String::new()),
            ];
            let data = [("type".to_owned(), "application/ld+json".to_owned())];
            let words = [
                ("type".to_owned(), "application/json".to_owned()),
                ("id".to_owned(), "explainer-words".to_owned()),
            ];
            assert!(
                attrs == extras || attrs == data || attrs == words,
                "unexpected <script {attrs:?}> in the page"
            );
            continue;
        }
        assert!(
            allowed.contains(&name.as_str()),
            "unexpected <{name}> in the page"
        );
        for (key, value) in attrs {
            assert!(
                !key.starts_with("on"),
                "event handler {key}={value} on <{name}>"
            );
            assert!(
                !value.to_ascii_lowercase().contains("javascript:"),
                "{key}={value}"
            );
            if key == "href" || key == "src" {
                assert!(
                    explainer::links::is_safe_url(&value),
                    "{key}={value} on <{name}>"
                );
            }
        }
    }
    let opening = "<script type=\"application/ld+json\">";
    let json_ld = &between(&page, opening, "</script>")[opening.len()..];
    let json_ld: serde_json::Value = serde_json::from_str(json_ld).expect("JSON-LD parses");
    assert!(
        json_ld["headline"]
            .as_str()
            .is_some_and(|h| h.contains("<script>alert('title')</script>")),
        "{json_ld}"
    );
    // Each payload is there, as text.
    for marker in [
        "title", "dek", "caption", "role", "summary", "context", "quote", "event", "takeaway",
        "article", "inline", "credit",
    ] {
        assert!(
            page.contains(&format!("alert(&#39;{marker}&#39;)"))
                || page.contains(&format!("alert('{marker}')")),
            "{marker} payload missing"
        );
    }
}

#[test]
fn names_link_whole_words_only_accents_and_scripts_included() {
    let page = built();
    let link = |prefix: &str, id: &str| {
        format!(
            "<a class=\"mention\" id=\"{prefix}{id}\" href=\"#person-{id}\" data-person=\"{id}\">"
        )
    };
    let mention = |id: &str| link("mention-", id);
    // The caption links its own first mentions; the article still links its.
    let caption = between(&page, "<figcaption>", "</figcaption>");
    assert!(caption.contains(&format!(
        "{}José Núñez</a>",
        link("caption-mention-", "jose-nunez")
    )));
    assert!(caption.contains(&format!(
        "{}李小龙</a>",
        link("caption-mention-", "li-xiaolong")
    )));
    let article = between(&page, "<article id=\"article\"", "</article>");
    assert!(article.contains(&format!("{}José Núñez</a> told", mention("jose-nunez"))));
    assert!(article.contains(&format!("{}李小龙</a> said", mention("li-xiaolong"))));
    // A straight apostrophe in the facts finds the curly one in the text.
    assert!(article.contains(&format!("{}Renée O’Brien</a>", mention("renee-obrien"))));
    // "Ann" is not linked inside "Annual" or "Anne", nor in the heading or
    // the code span, but is at "Ann Lee voted".
    assert!(article.contains("The Annual report, which Anne wrote"));
    assert!(article.contains(&format!("{}Ann Lee</a> voted no.", mention("ann-lee"))));
    assert!(article.contains("<code>Ann Lee</code>"));
    assert!(article.contains("id=\"section-ann-lee-in-a-heading\">Ann Lee in a heading</h3>"));
    // Already linked text is left alone.
    assert!(article.contains("<a href=\"https://example.org/jose\">José Núñez's page</a>"));
}

#[test]
fn quotes_match_across_typography_and_ellipses() {
    let page = built();
    let quotes = between(&page, "id=\"quotes\"", "</section>");
    // Four quotes are in the article; the fifth has an outside source.
    assert_eq!(quotes.matches("Read it in the report").count(), 4);
    assert!(quotes.contains("href=\"#p-1\""));
    assert!(quotes.contains("href=\"#p-3\""));
    assert!(
        quotes.contains("Source: <a href=\"https://example.org/minutes\">Minutes &lt;i&gt;</a>")
    );
    assert!(quotes.contains("<time datetime=\"2026-05\">May 2026</time>"));
}

#[test]
fn partial_dates_sort_and_show_at_their_precision() {
    let page = built();
    let timeline = between(&page, "id=\"timeline\"", "</section>");
    let order: Vec<&str> = timeline
        .split("<time datetime=\"")
        .skip(1)
        .map(|s| &s[..s.find('<').unwrap()])
        .collect();
    assert_eq!(
        order,
        [
            "1987\">1987",
            "2019-08\">August 2019",
            "2026-05-13\">13 May 2026",
            "2026-05-13T09:30:00+02:00\">13 May 2026 at 09:30 GMT+2",
            "2027-01\">January 2027",
        ]
    );
    assert!(between(timeline, "id=\"event-next-review\"", "</li>").contains("Upcoming"));
}

#[test]
fn header_times_match_their_machine_readable_form() {
    let page = built();
    let header = between(&page, "<header", "</header>");
    assert!(header.contains(
        "Published <time datetime=\"2026-05-13T09:30:00+02:00\">13 May 2026 at 09:30 GMT+2</time>"
    ));
    assert!(header.contains(
        "Updated <time datetime=\"2026-05-14T08:00:00Z\">14 May 2026 at 08:00 GMT+0</time>"
    ));
    // A name stays text; one with a `url` links to it, escaped.
    assert!(
        header.contains(
            "By Zoë &lt;b&gt;Bold&lt;/b&gt; and <a href=\"https://example.org/staff/lukasz?x=1&amp;y=2\">Łukasz Nowak</a>"
        ),
        "{header}"
    );
}

#[test]
fn names_and_quotes_in_another_language_say_so() {
    let page = built();
    let card = between(&page, "id=\"person-li-xiaolong\"", "</li>");
    assert!(card.contains("<h4 lang=\"zh-Hans\">李小龙</h4>"));
    let quote = between(&page, "id=\"quote-我们会继续努力\"", "</li>");
    assert!(quote.contains("<blockquote lang=\"zh\">"));
    assert!(quote.contains("href=\"#person-li-xiaolong\" lang=\"zh-Hans\">李小龙</a>"));
    // Only what the facts mark changes language; the rest is the page's.
    assert_eq!(
        page.matches(" lang=\"zh\"").count(),
        2,
        "the quote and its card excerpt"
    );
    assert!(!between(&page, "id=\"person-jose-nunez\"", "</li>").contains(" lang="));
}

#[test]
fn a_link_with_characters_a_url_may_not_hold_is_encoded() {
    let page = built();
    assert!(page.contains("href=\"https://example.org/wire?a=1&amp;b=%222%22\""));
}
