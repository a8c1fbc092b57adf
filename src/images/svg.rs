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

    const OPEN: &str =
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">"#;

    fn refused(body: &str) -> String {
        match picture(&format!("{OPEN}{body}</svg>")) {
            Err(Problem::Loads(what) | Problem::Script(what)) => what,
            other => panic!("{body}: {other:?}"),
        }
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
