//! What an SVG may hold to be published. Shown with `<img>`, an SVG runs no
//! script and loads nothing; the same file opened on its own (a reader's
//! "open image in new tab", or a link to it) is a document on the site's
//! origin, which on GitHub Pages all of a user's project sites share. So
//! the check is an allow-list, not a hunt for `<script>`: every element
//! must be one of SVG's own drawing, structure, paint, filter or animation
//! elements (an `<iframe srcdoc>` inside `<foreignObject>` is not), and
//! what could load or run something is refused wherever it is written:
//!
//! - an `on…` event attribute, and a `javascript:` address in any value;
//! - an element of HTML, XSLT, XInclude or any namespace not listed (the
//!   drawing programs' own, Inkscape's and Sketch's, and RDF metadata are);
//! - `<foreignObject>`, whose content is HTML;
//! - an `href` that leaves the file: only `#id`, but a link (`<a>`) may go
//!   to an `http(s)` or `mailto:` address (a click, not a load), and an
//!   `<image>` may hold a PNG, JPEG, GIF or WebP as a `data:` address
//!   (a picture inside an SVG runs nothing); a tracker image on another
//!   host is refused like any other outside reference;
//! - animation (`<set>`, `<animate>`) of `href`, of `style` or of an event
//!   attribute, which would change them after the check;
//! - CSS that loads: `@import`, `@font-face`, a `url(…)` other than
//!   `url(#id)`, `image-set(…)`, and a CSS escape (`\75 rl(` is `url(`) in
//!   a `style` attribute or element;
//! - `xml:base`, which moves where `#id` points, and the `xml-stylesheet`
//!   processing instruction, which loads a stylesheet or an XSLT program.

use super::Problem;

/// SVG 1.1 and SVG 2's elements that draw, group, paint, filter or animate.
const ELEMENTS: &[&str] = &[
    "a",
    "animate",
    "animateMotion",
    "animateTransform",
    "circle",
    "clipPath",
    "defs",
    "desc",
    "ellipse",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feImage",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
    "filter",
    "g",
    "image",
    "line",
    "linearGradient",
    "marker",
    "mask",
    "metadata",
    "mpath",
    "path",
    "pattern",
    "polygon",
    "polyline",
    "radialGradient",
    "rect",
    "set",
    "stop",
    "style",
    "svg",
    "switch",
    "symbol",
    "text",
    "textPath",
    "title",
    "tspan",
    "use",
    "view",
];

const SVG: &str = "http://www.w3.org/2000/svg";
const XLINK: &str = "http://www.w3.org/1999/xlink";
const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// Namespaces whose elements and attributes browsers neither show nor run:
/// metadata and the drawing programs' notes to themselves.
const INERT_NAMESPACES: &[&str] = &[
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/",
    "http://web.resource.org/cc/",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.inkscape.org/namespaces/inkscape",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://ns.adobe.com/",
];

fn is_inert(namespace: &str) -> bool {
    INERT_NAMESPACES.iter().any(|ns| namespace.starts_with(ns))
}

const ANIMATIONS: &[&str] = &["animate", "animateMotion", "animateTransform", "set"];

/// Raster pictures an `<image>` may hold as a `data:` address.
const DATA_PICTURES: &[&str] = &[
    "data:image/png;base64,",
    "data:image/jpeg;base64,",
    "data:image/gif;base64,",
    "data:image/webp;base64,",
];

/// How deep elements may nest. The XML parser descends one call per
/// level, so a file of nothing but `<g>` thousands deep overflowed the
/// stack and killed the build; drawing programs nest a few dozen levels.
pub const MAX_DEPTH: usize = 256;

/// What must be refused before the text is parsed at all: nesting deeper
/// than [`MAX_DEPTH`], and an entity declaration whose value holds markup
/// or a reference. The parser here reads such a value as text, but XML's
/// rules, and the browsers that follow them, read it as markup where the
/// entity is used: `<!ENTITY s "&#60;script&#62;…">` then `&s;` is a
/// `<script>` element to them, which the allow-list never saw. Drawing
/// programs declare entities only for namespace addresses.
pub fn check_text(text: &str) -> Result<(), Problem> {
    let line = |at: usize| 1 + text[..at].bytes().filter(|&b| b == b'\n').count();
    let mut from = 0;
    while let Some(found) = text[from..].find("<!ENTITY") {
        let start = from + found;
        let end = declaration_end(text, start);
        let declaration = &text[start..end];
        let value_starts = declaration.find(['"', '\'']);
        let holds_markup =
            value_starts.is_some_and(|at| declaration[at + 1..].contains(['<', '&']));
        let external = ["SYSTEM", "PUBLIC"].iter().any(|w| {
            value_starts
                .map_or(declaration, |at| &declaration[..at])
                .contains(w)
        });
        if holds_markup || external {
            return Err(Problem::Loads(format!(
                "an entity declaration on line {} that {}",
                line(start),
                if external {
                    "names an outside file"
                } else {
                    "holds markup or a reference, which browsers read as elements where it is used"
                }
            )));
        }
        from = end;
    }
    let (depth, at) = deepest(text);
    if depth > MAX_DEPTH {
        return Err(Problem::BadSvg(format!(
            "its elements are nested more than {MAX_DEPTH} deep (on line {})",
            line(at)
        )));
    }
    Ok(())
}

/// Where the declaration starting at `start` ends: after the `>` that is
/// outside its quoted value, or at the end of the text.
fn declaration_end(text: &str, start: usize) -> usize {
    let mut quote = None;
    for (i, c) in text[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return start + i + 1,
            _ => {}
        }
    }
    text.len()
}

/// The deepest nesting of elements in `text`, counted from its markup
/// without parsing it, and the offset where that depth is reached. It
/// never counts less than the parser will descend: comments, CDATA,
/// instructions and the doctype are skipped only to their first possible
/// end, and quoted attribute values to their closing quote.
fn deepest(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let skip_to = |from: usize, end: &[u8]| {
        bytes[from..]
            .windows(end.len())
            .position(|w| w == end)
            .map_or(bytes.len(), |at| from + at + end.len())
    };
    let (mut depth, mut deepest, mut deepest_at) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &bytes[i..];
        if rest.starts_with(b"<!--") {
            i = skip_to(i + 4, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            i = skip_to(i + 9, b"]]>");
        } else if rest.starts_with(b"<?") {
            i = skip_to(i + 2, b"?>");
        } else if rest.starts_with(b"<!") {
            // A doctype, with or without an internal subset: its first
            // possible end.
            let subset = rest.iter().position(|&b| b == b'[');
            let close = rest.iter().position(|&b| b == b'>');
            i = match (subset, close) {
                (Some(open), Some(close)) if open < close => skip_to(i + open, b"]>"),
                _ => close.map_or(bytes.len(), |close| i + close + 1),
            };
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            i = skip_to(i + 2, b">");
        } else {
            depth += 1;
            if depth > deepest {
                (deepest, deepest_at) = (depth, i);
            }
            // To the tag's end, over quoted values; `/>` closes it.
            let mut j = i + 1;
            let mut quote = None;
            while j < bytes.len() {
                match (quote, bytes[j]) {
                    (None, q @ (b'"' | b'\'')) => quote = Some(q),
                    (Some(q), b) if b == q => quote = None,
                    (None, b'>') => break,
                    _ => {}
                }
                j += 1;
            }
            if j > i + 1 && bytes.get(j - 1) == Some(&b'/') && quote.is_none() {
                depth -= 1;
            }
            i = j + 1;
        }
    }
    (deepest, deepest_at)
}

/// The first thing in `document` that could load or run something, if any.
pub fn check(document: &roxmltree::Document) -> Result<(), Problem> {
    let line = |at: usize| document.text_pos_at(at).row;
    for node in document.descendants() {
        if node.is_pi()
            && let Some(pi) = node.pi()
            && pi.target.eq_ignore_ascii_case("xml-stylesheet")
        {
            return Err(Problem::Loads(format!(
                "an xml-stylesheet instruction on line {}, which loads a stylesheet or a program",
                line(node.range().start)
            )));
        }
        if !node.is_element() {
            continue;
        }
        let tag = node.tag_name();
        let name = tag.name();
        let at = line(node.range().start);
        match tag.namespace() {
            Some(SVG) => {}
            Some(ns) if is_inert(ns) => {}
            Some(ns) => {
                return Err(Problem::Loads(format!(
                    "a <{name}> element of {ns} on line {at}: only SVG's own elements may be published"
                )));
            }
            None => {
                return Err(Problem::Loads(format!(
                    "a <{name}> element outside the SVG namespace on line {at}"
                )));
            }
        }
        if tag.namespace() == Some(SVG) {
            if name.eq_ignore_ascii_case("script") {
                return Err(Problem::Script(format!("a <script> element on line {at}")));
            }
            if name == "foreignObject" {
                return Err(Problem::Loads(format!(
                    "a <foreignObject> on line {at}, which holds HTML"
                )));
            }
            if !ELEMENTS.contains(&name) {
                return Err(Problem::Loads(format!(
                    "a <{name}> element on line {at}, which is not one of SVG's drawing elements"
                )));
            }
            if name == "style" {
                let css: String = node.children().filter_map(|child| child.text()).collect();
                css_loads(&css, true)
                    .map_err(|what| Problem::Loads(format!("{what} in <style> on line {at}")))?;
            }
        }
        for attribute in node.attributes() {
            check_attribute(&attribute, name, line(attribute.range().start))?;
        }
    }
    Ok(())
}

fn check_attribute(attribute: &roxmltree::Attribute, tag: &str, line: u32) -> Result<(), Problem> {
    let name = attribute.name();
    let value = attribute.value();
    let namespace = attribute.namespace();
    if name.len() > 2
        && name[..2].eq_ignore_ascii_case("on")
        && namespace.is_none_or(|ns| !is_inert(ns))
    {
        return Err(Problem::Script(format!(
            "an `{name}` attribute on <{tag}>, line {line}"
        )));
    }
    if is_script_address(value) {
        return Err(Problem::Script(format!(
            "a javascript: address in `{name}` on <{tag}>, line {line}"
        )));
    }
    if namespace == Some(XML) && name == "base" {
        return Err(Problem::Loads(format!(
            "`xml:base` on <{tag}>, line {line}, which moves where its references point"
        )));
    }
    let is_href = name == "href" && (namespace.is_none() || namespace == Some(XLINK));
    if is_href {
        let target = value.trim();
        let allowed = target.starts_with('#')
            || (tag == "a" && link_address(target))
            || (tag == "image"
                && DATA_PICTURES
                    .iter()
                    .any(|p| starts_with_ignoring_case(target, p)));
        if !allowed {
            let shown: String = target.chars().take(60).collect();
            return Err(Problem::Loads(format!(
                "`{name}=\"{shown}\"` on <{tag}>, line {line}: an SVG may refer only to its own parts (`#id`)"
            )));
        }
    }
    if ANIMATIONS.contains(&tag) && name == "attributeName" {
        let target = value.trim();
        let local = target.rsplit(':').next().unwrap_or(target);
        let changes_what_was_checked = local.eq_ignore_ascii_case("href")
            || local.eq_ignore_ascii_case("style")
            || (local.len() > 2 && local[..2].eq_ignore_ascii_case("on"));
        if changes_what_was_checked {
            return Err(Problem::Loads(format!(
                "<{tag}> on line {line} animates `{target}`, which could make it load or run something"
            )));
        }
    }
    let is_style = name == "style" && namespace.is_none();
    if namespace.is_some_and(is_inert) {
        return Ok(());
    }
    if let Err(what) = css_loads(value, is_style) {
        return Err(Problem::Loads(format!(
            "{what} in `{name}` on <{tag}>, line {line}"
        )));
    }
    Ok(())
}

/// An address a link may go to: the web, or mail.
fn link_address(target: &str) -> bool {
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| starts_with_ignoring_case(target, scheme))
}

fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// What in a piece of CSS (a `style`, or a presentation attribute such as
/// `fill="url(#g)"`) would load something, if anything. `whole_css` is a
/// stylesheet or `style` attribute, where escapes and at-rules may be.
fn css_loads(css: &str, whole_css: bool) -> Result<(), String> {
    let lower = css.to_ascii_lowercase();
    if whole_css {
        if css.contains('\\') {
            return Err("a CSS escape, which can hide an address,".to_owned());
        }
        for rule in ["@import", "@font-face"] {
            if lower.contains(rule) {
                return Err(format!("`{rule}`"));
            }
        }
    }
    for loader in [
        "image-set(",
        "-webkit-image-set(",
        "cross-fade(",
        "element(",
        "image(",
        "src(",
    ] {
        if lower.contains(loader) {
            return Err(format!("`{loader}…)`"));
        }
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("url(") {
        rest = &rest[at + 4..];
        let target = rest
            .trim_start()
            .trim_start_matches(['"', '\''])
            .trim_start();
        if !target.starts_with('#') {
            let shown: String = target.chars().take_while(|c| *c != ')').take(60).collect();
            return Err(format!(
                "`url({shown})`, which loads from outside the file,"
            ));
        }
    }
    Ok(())
}

/// `javascript:` as a browser reads it: letters in any case, with tabs,
/// newlines and leading spaces ignored.
fn is_script_address(value: &str) -> bool {
    let squeezed: String = value
        .trim_start()
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(11)
        .collect();
    squeezed.eq_ignore_ascii_case("javascript:")
}

#[cfg(test)]
mod tests {
    use super::super::{Problem, svg as picture};
    use super::{check_text, deepest};

    const OPEN: &str =
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">"#;

    fn refused(body: &str) -> String {
        match picture(&format!("{OPEN}{body}</svg>")) {
            Err(Problem::Loads(what) | Problem::Script(what)) => what,
            other => panic!("{body}: {other:?}"),
        }
    }

    #[test]
    fn nesting_is_counted_as_the_parser_will_descend() {
        assert_eq!(deepest("<svg><g><g/></g><g></g></svg>").0, 3);
        // What looks like markup inside comments and values is not, but
        // a `/>` in a value closes nothing.
        assert_eq!(
            deepest("<svg><!-- <g><g> --><g a=\"/>\" b='>'><g></g></g></svg>").0,
            3
        );
        let deep = format!("<svg>{}{}</svg>", "<g>".repeat(300), "</g>".repeat(300));
        assert_eq!(deepest(&deep).0, 301);
        assert!(matches!(check_text(&deep), Err(Problem::BadSvg(_))));
        let fine = format!("<svg>{}{}</svg>", "<g>".repeat(200), "</g>".repeat(200));
        assert!(check_text(&fine).is_ok());
    }

    #[test]
    fn entities_that_hold_markup_or_files_are_refused_and_namespaces_pass() {
        for dtd in [
            r#"<!ENTITY s "&#60;script&#62;alert(1)&#60;/script&#62;">"#,
            r#"<!ENTITY s '<script>alert(1)</script>'>"#,
            r#"<!ENTITY s "&t;">"#,
            r#"<!ENTITY s SYSTEM "file:///etc/passwd">"#,
            r#"<!ENTITY % p PUBLIC "x" "https://t.example/p.dtd">"#,
        ] {
            let text =
                format!("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n{dtd}\n]>\n{OPEN}&s;</svg>");
            match picture(&text) {
                Err(Problem::Loads(what)) => assert!(what.contains("line 3"), "{what}"),
                other => panic!("{dtd}: {other:?}"),
            }
        }
        // As Illustrator writes them.
        let text = format!(
            "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [\n<!ENTITY ns_svg \"http://www.w3.org/2000/svg\">\n]>\n{OPEN}<rect width=\"1\" height=\"1\"/></svg>"
        );
        assert!(picture(&text).is_ok(), "{:?}", picture(&text));
    }

    #[test]
    fn what_could_load_or_run_is_refused_wherever_it_is() {
        for (body, says) in [
            (
                r#"<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"/></foreignObject>"#,
                "<foreignObject> on line 1, which holds HTML",
            ),
            (
                r#"<g><h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="https://x.io/"/></g>"#,
                "<iframe> element of http://www.w3.org/1999/xhtml",
            ),
            (r#"<embed src="x"/>"#, "<embed> element on line 1"),
            (r#"<object data="x"/>"#, "<object> element"),
            (
                r#"<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="https://x.io/"/>"#,
                "<include> element of http://www.w3.org/2001/XInclude",
            ),
            (
                r#"<image href="https://tracker.example/p.gif"/>"#,
                "`href=\"https://tracker.example/p.gif\"` on <image>",
            ),
            (
                r#"<use xlink:href="other.svg#a"/>"#,
                "may refer only to its own parts",
            ),
            (
                r#"<image href="data:text/html;base64,PHNjcmlwdD4="/>"#,
                "on <image>",
            ),
            (r#"<a href="data:text/html,x"><text>x</text></a>"#, "on <a>"),
            (
                r##"<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>"##,
                "animates `href`",
            ),
            (
                r##"<a href="#x"><animate attributeName="xlink:href" values="https://x.io/"/></a>"##,
                "animates `xlink:href`",
            ),
            (
                r#"<rect><set attributeName="onclick" to="x"/></rect>"#,
                "animates `onclick`",
            ),
            (
                r#"<style>@import "https://x.io/a.css";</style>"#,
                "`@import` in <style>",
            ),
            (
                r#"<style>rect { fill: url( "https://x.io/t.png" ) }</style>"#,
                "`url(https://x.io/t.png\" )`",
            ),
            (
                r#"<style>rect { background: \75 rl(https://x.io/) }</style>"#,
                "a CSS escape",
            ),
            (
                r#"<rect style="fill:url(https://x.io/p)"/>"#,
                "in `style` on <rect>",
            ),
            (
                r#"<rect fill="url(https://x.io/p#g)"/>"#,
                "in `fill` on <rect>",
            ),
            (
                r#"<rect style="background-image: image-set('x.png' 1x)"/>"#,
                "`image-set(…)`",
            ),
            (
                r##"<g xml:base="https://x.io/"><use href="#a"/></g>"##,
                "`xml:base`",
            ),
            (
                r#"<rect onClick="x()"/>"#,
                "an `onClick` attribute on <rect>",
            ),
        ] {
            let what = refused(body);
            assert!(what.contains(says), "{body}: {what}");
        }
        let stylesheet =
            format!("<?xml-stylesheet type=\"text/xsl\" href=\"https://x.io/t.xsl\"?>{OPEN}</svg>");
        assert!(matches!(picture(&stylesheet), Err(Problem::Loads(_))));
        let no_namespace = r#"<svg><rect/></svg>"#;
        assert!(matches!(picture(no_namespace), Err(Problem::Loads(_))));
    }

    #[test]
    fn drawings_as_programs_export_them_pass() {
        let inkscape = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
            xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
            xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
            xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#"
            xmlns:dc="http://purl.org/dc/elements/1.1/" width="200" height="100">
          <sodipodi:namedview inkscape:zoom="2"/>
          <metadata><rdf:RDF><cc:Work><dc:title>Basin</dc:title></cc:Work></rdf:RDF></metadata>
          <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>
            <filter id="f"><feGaussianBlur stdDeviation="2"/></filter></defs>
          <style>.river { stroke: url(#g); }</style>
          <g inkscape:label="Layer 1" inkscape:groupmode="layer" style="fill:url('#g');filter:url(#f)">
            <path class="river" d="M0 0L10 10"/><use xlink:href="#g"/>
            <image width="4" height="4" href="data:image/png;base64,iVBORw0KGgo="/>
            <a href="https://example.org/"><text>Source <tspan>here</tspan></text></a>
            <rect width="4" height="4"><animate attributeName="opacity" values="0;1" dur="2s"/></rect>
          </g>
        </svg>"##;
        assert_eq!(picture(inkscape).unwrap().size, Some((200, 100)));
        let favicon = include_str!("../../static/favicon.svg");
        assert!(picture(favicon).is_ok());
    }
}
