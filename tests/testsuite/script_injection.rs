//! Script injection: every payload in every text and address field of the
//! front matter, the article and the facts, one at a time. The page, every
//! embed page and the frame each oEmbed response hands its host are parsed
//! as a browser would (html5ever, through `scraper`) and must hold no
//! element, event handler or script URL that the payload brought in. A
//! payload may instead be refused with an error, as `javascript:` links are.
//!
//! The edge story (`tests/fixtures/edge`) has HTML and script in every text
//! field at once; every tag of its page is read and none may be live.

use std::collections::BTreeSet;

use scraper::{Html, Node};

use crate::common::{between, edge};

pub(crate) const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"jav&#x09;ascript:alert(1)\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "\" onmouseover=\"alert(1)",
    "' onfocus='alert(1)' autofocus='",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "<style>@import 'javascript:alert(1)';</style>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<a href=\" javascript:alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "javascript:alert(1)",
    "&#x6A;&#x61;vascript:alert(1)",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6a;avascript&colon;alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click]( javascript:alert(1) \"t\")",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    "<javascript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "[x](vbscript:msgbox(1))",
    "{{ page.title }}{% raw %}<script>alert(1)</script>",
    "`<b onclick=alert(1)>` and <b onclick=alert(1)>bold</b>",
];

const ARTICLE: &str = "---
title: '@title@'
description: '@description@'
published: 2025-11-20
authors: [Ada Byrne, '@author@', {name: '@authorname@', url: '@authorurl@', same_as: ['@sameasurl@']}]
source: {name: '@source@', url: '@sourceurl@'}
photo: {caption: 'Tomas Berg @caption@', credit: '@credit@', alt: '@alt@'}
publisher:
  name: '@publisher@'
  url: '@publisherurl@'
  policies: {ethics: '@ethicsurl@', corrections: '@correctionsurl@', fact_checking: '@factcheckingurl@'}
  social: ['@socialurl@']
  contact: '@contacturl@'
  disclosure: '@disclosureurl@'
dateline: '@dateline@'
backstory: '@backstory@'
---

Mayor Tomas Berg said the tunnel was “safe and on budget” at the March meeting.

Council notes: @body@

## @heading@
";

const FACTS: &str = "groups: [Council, '@groups@']
people:
  - id: tomas-berg
    name: Tomas Berg
    role: '@role@'
    group: Council
    aliases: [Berg, '@alias@']
    summary: '@summary@'
    links: [{title: '@linktitle@', url: '@linkurl@'}]
  - id: other-person
    name: '@name@'
    role: Other
    group: '@group@'
quotes:
  - speaker: tomas-berg
    text: safe and on budget
    context: '@context@'
  - speaker: tomas-berg
    text: '@quote@'
    source: {name: '@quotesource@', url: '@quoteurl@'}
timeline:
  - date: 2024-03-02
    title: '@eventtitle@'
    summary: '@eventsummary@'
    people: [tomas-berg]
    source: {name: '@eventsource@', url: '@eventurl@'}
takeaways: ['@takeaway@']
known: ['@known@', {id: vote, text: '@knowntext@'}]
unknown: ['@unknown@']
updates:
  - at: 2025-11-21T10:00:00Z
    text: '@update@'
    key: true
";

/// Every `@field@` in the two files.
fn fields() -> Vec<String> {
    let mut fields = Vec::new();
    for text in [ARTICLE, FACTS] {
        let mut parts = text.split('@');
        parts.next();
        while let (Some(name), Some(_)) = (parts.next(), parts.next()) {
            fields.push(name.to_owned());
        }
    }
    fields
}

/// The files with `payload` in `target` and a plain value everywhere else.
/// Single-quoted YAML takes any text; only `'` needs doubling.
fn story(target: &str, payload: &str) -> (String, String) {
    let fill = |text: &str| {
        let mut out = text.to_owned();
        for field in fields() {
            let value = if field == target {
                payload.to_owned()
            } else if field.ends_with("url") {
                "https://example.org/".to_owned()
            } else {
                format!("Plain {field}")
            };
            // The body and heading are Markdown, not YAML.
            let value = if !matches!(field.as_str(), "body" | "heading") {
                value.replace('\'', "''")
            } else {
                value
            };
            out = out.replace(&format!("@{field}@"), &value);
        }
        out
    };
    (fill(ARTICLE), fill(FACTS))
}

/// What the page may hold that the benign story's page does not: the
/// elements Markdown makes from text.
const MARKDOWN_ELEMENTS: &[&str] = &["a", "strong", "em", "code", "del", "p", "br"];
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "srcset",
    "xlink:href",
    "background",
];

/// The base URL the pages are built with, so that the oEmbed responses are
/// written too.
const BASE_URL: &str = "https://example.org/x/";
const OWN_SCRIPTS: &[&str] = &[
    "explainer.js",
    "embed.js",
    "https://example.org/x/embed-host.js",
];

const OWN_FRAME_STYLE: &str = "width:100%;border:0";

/// The page, each embed page, and the `html` of each oEmbed response, which
/// a host puts into its own page as it is.
fn documents(site: &explainer::InMemory) -> Vec<(String, Html)> {
    let mut documents = Vec::new();
    for file in &site.files {
        let text =
            String::from_utf8(file.read().expect("in memory").into_owned()).expect("UTF-8 file");
        if file.path == "index.html"
            || file.path.starts_with("embed/") && file.path.ends_with(".html")
        {
            documents.push((file.path.clone(), Html::parse_document(&text)));
        } else if file.path.ends_with(".json") && text.contains("\"rich\"") {
            let oembed: serde_json::Value = serde_json::from_str(&text).expect("oEmbed is JSON");
            let html = oembed["html"].as_str().expect("oEmbed html");
            documents.push((file.path.clone(), Html::parse_fragment(html)));
        }
    }
    documents
}

pub(crate) fn element_names(doc: &Html) -> BTreeSet<String> {
    doc.tree
        .values()
        .filter_map(|node| match node {
            Node::Element(el) => Some(el.name().to_owned()),
            _ => None,
        })
        .collect()
}

/// Every way the page could run a script or load a script URL.
pub(crate) fn live_markup(doc: &Html, allowed: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for node in doc.tree.values() {
        let Node::Element(el) = node else { continue };
        let name = el.name();
        // The pages have scripts of their own, so `script` is in every
        // allowed set; any other script is live markup.
        // (and a JSON block of explainer.js's words, which runs nothing)
        let own_script = name == "script"
            && (OWN_SCRIPTS.contains(&el.attr("src").unwrap_or_default())
                || el.attr("type") == Some("application/ld+json")
                || (el.attr("type") == Some("application/json")
                    && el.attr("id") == Some("explainer-words")));
        if !allowed.contains(name) || name == "script" && !own_script {
            found.push(format!("element <{name}>"));
        }
        for (attr, value) in el.attrs() {
            let attr = attr.to_ascii_lowercase();
            // The oEmbed frame's own style, which fits it to the host's
            // column, is the only one allowed.
            let own_style = name == "iframe" && attr == "style" && value == OWN_FRAME_STYLE;
            if attr.starts_with("on") || attr == "srcdoc" || attr == "style" && !own_style {
                found.push(format!("<{name} {attr}=…>"));
            }
            // Browsers drop white space and control characters anywhere in
            // a URL's scheme, and match it in any case.
            let url: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            let scripted = ["javascript:", "vbscript:", "data:"]
                .iter()
                .any(|scheme| url.starts_with(scheme));
            if URL_ATTRIBUTES.contains(&attr.as_str()) && scripted {
                found.push(format!("<{name} {attr}=\"{value}\">"));
            }
        }
    }
    found
}

#[test]
fn no_payload_in_any_field_becomes_live_markup() {
    // The markup is what is checked; drawing 1,800 share cards would
    // double the test's time.
    let options = explainer::RenderOptions {
        base_url: Some(BASE_URL.to_owned()),
        skip_pictures: true,
        ..Default::default()
    };
    let pages = |(article, facts): (String, String)| -> Result<Vec<(String, Html)>, String> {
        match explainer::render_in_memory(article.as_bytes(), facts.as_bytes(), &options) {
            Ok(site) => Ok(documents(&site)),
            Err(diagnostics) => Err(format!("{diagnostics:?}")),
        }
    };
    let fields = fields();
    assert_eq!(fields.len(), 44, "{fields:?}");
    let baseline = pages(story("none", "")).expect("the benign story builds");
    assert!(
        baseline.len() > 10,
        "the page, its embeds and oEmbed responses"
    );
    let mut allowed: BTreeSet<String> = baseline
        .iter()
        .flat_map(|(_, doc)| element_names(doc))
        .collect();
    allowed.extend(MARKDOWN_ELEMENTS.iter().map(|s| (*s).to_owned()));
    for (path, doc) in &baseline {
        assert!(live_markup(doc, &allowed).is_empty(), "{path}");
    }

    let cases: Vec<(&str, &String)> = PAYLOADS
        .iter()
        .flat_map(|payload| fields.iter().map(move |field| (*payload, field)))
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let results: Vec<(usize, usize, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .chunks(cases.len().div_ceil(threads))
            .map(|chunk| {
                let (pages, allowed) = (&pages, &allowed);
                scope.spawn(move || {
                    let (mut built, mut refused, mut failures) = (0, 0, Vec::new());
                    for &(payload, field) in chunk {
                        match pages(story(field, payload)) {
                            Ok(documents) => {
                                built += 1;
                                for (path, doc) in documents {
                                    let live = live_markup(&doc, allowed);
                                    if !live.is_empty() {
                                        failures.push(format!(
                                            "{payload:?} in {field}, {path}: {live:?}"
                                        ));
                                    }
                                }
                            }
                            // Refusing a script URL is a fine answer; any
                            // other error means the payload broke the story
                            // some other way.
                            Err(errors)
                                if errors.contains("not a web address")
                                    || errors.contains("must be a whole web address")
                                    || errors.contains("links to") =>
                            {
                                refused += 1;
                            }
                            Err(errors) => {
                                failures.push(format!("{payload:?} in {field} failed: {errors}"));
                            }
                        }
                    }
                    (built, refused, failures)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    let built: usize = results.iter().map(|r| r.0).sum();
    let refused: usize = results.iter().map(|r| r.1).sum();
    let failures: Vec<String> = results.into_iter().flat_map(|r| r.2).collect();
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!(
        "{} payloads × {} fields: {built} built clean, {refused} refused",
        PAYLOADS.len(),
        fields.len()
    );
    assert!(PAYLOADS.len() >= 30);
    assert!(built > refused, "built {built}, refused {refused}");
}

/// The check itself must see what a browser would run, or passing proves
/// nothing.
#[test]
fn the_checker_sees_live_markup() {
    let allowed: BTreeSet<String> = ["html", "head", "body", "p", "a"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    for html in [
        "<p><script>alert(1)</script></p>",
        "<p><img src=x onerror=alert(1)></p>",
        "<p onclick=alert(1)>x</p>",
        "<a href=\"&#106;ava&#x09;script:alert(1)\">x</a>",
        "<a href=\" JAVASCRIPT:alert(1)\">x</a>",
        "<a href=\"data:text/html,x\">x</a>",
    ] {
        assert!(
            !live_markup(&Html::parse_document(html), &allowed).is_empty(),
            "{html}"
        );
    }
    // With `script` allowed, as it is on the real page, only the page's own
    // two scripts pass.
    let mut with_scripts = allowed.clone();
    with_scripts.insert("script".to_owned());
    let own = "<script src=\"explainer.js\" defer></script><script type=\"application/ld+json\">{}</script>";
    assert!(live_markup(&Html::parse_document(own), &with_scripts).is_empty());
    for html in [
        "<p><script>alert(1)</script></p>",
        "<script src=\"x.js\"></script>",
    ] {
        assert!(
            !live_markup(&Html::parse_document(html), &with_scripts).is_empty(),
            "{html}"
        );
    }
    let inert = "<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1)</p>";
    assert!(live_markup(&Html::parse_document(inert), &allowed).is_empty());
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
    let page = edge::page();
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
        "h4",
        "h5",
        "aside",
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

/// A removed item's notice quotes its correction and carries the story's
/// title: every payload in either, built as the notice is (with the
/// previous edition's facts), stays text on the notice page and in the
/// frame its oEmbed response hands a host.
#[test]
fn no_payload_becomes_live_markup_on_a_removed_item_s_notice() {
    let story = crate::common::Story::base();
    story.build_at(BASE_URL).assert_ok();
    let previous = story.root().join("previous-facts.json");
    std::fs::copy(story.output().join("facts.json"), &previous).unwrap();
    let article = crate::common::BASE_ARTICLE;
    let facts = crate::common::BASE_FACTS.replace(
        "  - speaker: tomas-berg\n    text: safe and on budget\n",
        "",
    );
    // A payload may be refused with a located error instead.
    let notice = |payload: &str| -> Option<Vec<(String, Html)>> {
        let quoted = payload.replace('\'', "''");
        story.write(
            "content/article.md",
            article
                .replace(
                    "title: The tunnel inquiry",
                    &format!("title: 'The tunnel {quoted}'"),
                )
                .as_bytes(),
        );
        story.write(
            "content/facts.yaml",
            format!(
                "{facts}corrections:\n  - at: 2025-11-21T10:00:00Z\n    text: 'Withdrawn: {quoted}'\n    item: quote-safe-and-on\n"
            )
            .as_bytes(),
        );
        let run = crate::common::run(&[
            "build",
            "--root",
            story.root().to_str().unwrap(),
            "--base-url",
            BASE_URL,
            "--previous",
            previous.to_str().unwrap(),
        ]);
        if run.code != 0 {
            assert!(run.stderr.contains("content/"), "{payload}: {}", run.stderr);
            return None;
        }
        let page = story.read("public/embed/quote-safe-and-on.html");
        let oembed: serde_json::Value =
            serde_json::from_str(&story.read("public/embed/quote-safe-and-on.json")).unwrap();
        assert!(page.contains("embed-removed"), "not a notice: {page}");
        Some(vec![
            ("notice".to_owned(), Html::parse_document(&page)),
            (
                "its oEmbed frame".to_owned(),
                Html::parse_fragment(oembed["html"].as_str().unwrap()),
            ),
        ])
    };
    let mut allowed: BTreeSet<String> = notice("plain")
        .expect("the benign notice builds")
        .iter()
        .flat_map(|(_, doc)| element_names(doc))
        .collect();
    allowed.extend(MARKDOWN_ELEMENTS.iter().map(|s| (*s).to_owned()));
    let mut refused = 0;
    for payload in PAYLOADS {
        let Some(documents) = notice(payload) else {
            refused += 1;
            continue;
        };
        for (what, doc) in documents {
            let live = live_markup(&doc, &allowed);
            assert!(live.is_empty(), "{payload} on the {what}: {live:?}");
        }
    }
    assert!(refused * 2 < PAYLOADS.len(), "{refused} payloads refused");
}
