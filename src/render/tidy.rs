//! Drops the indentation and blank lines that template tags leave behind.
//! Outside `pre`, `textarea`, `script` and `style` a run of white space shows
//! as one space whatever it holds, so this never changes what a reader sees;
//! it takes about a twentieth off the shipped page, which has a byte budget.

const RAW: &[&str] = &["pre", "textarea", "script", "style"];

/// In place: the page is squeezed inside its own buffer, since a large
/// story's page is tens of megabytes and a copy would add to the peak.
/// White space and tags are ASCII, so multi-byte characters pass through
/// whole and the text stays UTF-8.
pub fn collapse_blank_lines(html: &mut Vec<u8>) {
    let len = html.len();
    let (mut read, mut write) = (0, 0);
    // Only a line break or a tag can start something to change: the bytes
    // between are moved up whole (most of a page is text and tags).
    while let Some(found) = memchr::memchr2(b'\n', b'<', &html[read..]) {
        let at = read + found;
        html.copy_within(read..at, write);
        write += at - read;
        if html[at] == b'<' {
            let end = match raw_tag_at(&html[at..]) {
                Some(tag) => end_of_element(html, at, tag),
                None => at + 1,
            };
            html.copy_within(at..end, write);
            write += end - at;
            read = end;
            continue;
        }
        // The white space run holding this line break becomes the line
        // break alone: what it had before the break was copied already,
        // and is taken back; a raw element's content ends with its end
        // tag's `>`, so it is never reached.
        while write > 0 && html[write - 1].is_ascii_whitespace() {
            write -= 1;
        }
        html[write] = b'\n';
        write += 1;
        read = at + 1;
        while read < len && html[read].is_ascii_whitespace() {
            read += 1;
        }
    }
    html.copy_within(read..len, write);
    write += len - read;
    html.truncate(write);
}

/// Elements a browser lays out as blocks (or, in the head, not at all):
/// white space beside one of their tags shows as nothing.
const BLOCKS: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "body",
    "title",
    "meta",
    "link",
    "header",
    "main",
    "footer",
    "section",
    "article",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "blockquote",
    "ul",
    "ol",
    "li",
    "div",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
];

/// In place, after [`collapse_blank_lines`]: drops each line break that
/// sits between two tags when one of them is a block's (`</p>⏎<ul>`,
/// `<li>⏎<time>`), where it shows as nothing; a break between inline tags
/// (`</a>⏎<a>`, a space a reader sees) stays, and so does one between two
/// list items, which a stylesheet may set in a line. Raw elements are left
/// as they are. About 600 bytes of the shipped page.
pub fn drop_breaks_beside_blocks(html: &mut Vec<u8>) {
    let len = html.len();
    let (mut read, mut write) = (0, 0);
    // The tag that ended just before `write`, if the last byte written
    // ends one.
    let mut last_tag: Option<(bool, &'static str)> = None;
    while let Some(found) = memchr::memchr2(b'\n', b'<', &html[read..]) {
        let at = read + found;
        if at > read {
            last_tag = None;
        }
        html.copy_within(read..at, write);
        write += at - read;
        if html[at] == b'<' {
            let end = match raw_tag_at(&html[at..]) {
                Some(tag) => end_of_element(html, at, tag),
                None => html[at..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(len, |n| at + n + 1),
            };
            let tag = tag_at(&html[at..end]);
            html.copy_within(at..end, write);
            write += end - at;
            read = end;
            last_tag = (html[end - 1] == b'>').then_some(tag).flatten();
            continue;
        }
        let next = (at + 1 < len && html[at + 1] == b'<')
            .then(|| tag_at(&html[at + 1..]))
            .flatten();
        let invisible = match (last_tag, next) {
            (Some((_, "li")), Some((_, "li"))) => false,
            (Some((_, a)), Some((_, b))) => BLOCKS.contains(&a) || BLOCKS.contains(&b),
            _ => false,
        };
        if !invisible {
            html[write] = b'\n';
            write += 1;
        }
        last_tag = None;
        read = at + 1;
    }
    html.copy_within(read..len, write);
    write += len - read;
    html.truncate(write);
}

/// The name of the tag `text` starts with, lower case, if it is one of
/// [`BLOCKS`] or any other (named `"inline"`): `(closing, name)`.
fn tag_at(text: &[u8]) -> Option<(bool, &'static str)> {
    let rest = text.strip_prefix(b"<")?;
    let (closing, rest) = match rest.strip_prefix(b"/") {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let name_len = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'!'))
        .unwrap_or(rest.len());
    if name_len == 0 {
        return None;
    }
    let name = &rest[..name_len];
    let block = BLOCKS
        .iter()
        .copied()
        .find(|block| name.eq_ignore_ascii_case(block.as_bytes()));
    Some((closing, block.unwrap_or("inline")))
}

/// The raw element `text` starts with, if it starts with one's start tag.
fn raw_tag_at(text: &[u8]) -> Option<&'static str> {
    RAW.iter().copied().find(|tag| {
        text.len() > tag.len() + 1
            && text[1..=tag.len()].eq_ignore_ascii_case(tag.as_bytes())
            && matches!(
                text[tag.len() + 1],
                b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/'
            )
    })
}

/// Just past the end tag of the raw element that starts at `start`, or the
/// end of the text if it is never closed.
fn end_of_element(html: &[u8], start: usize, tag: &str) -> usize {
    let mut at = start + 1;
    while let Some(offset) = html[at..].windows(2).position(|w| w == b"</") {
        let close = at + offset;
        let name = close + 2..close + 2 + tag.len();
        if html
            .get(name.clone())
            .is_some_and(|n| n.eq_ignore_ascii_case(tag.as_bytes()))
        {
            return html[name.end..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(html.len(), |n| name.end + n + 1);
        }
        at = close + 2;
    }
    html.len()
}

/// A stylesheet without comments, indentation or line breaks. Strings are
/// copied untouched; a run of white space becomes one space, and none is
/// kept next to `{`, `}`, `;`, `,` or `>`, nor after `:` or before `!`,
/// where CSS never needs it (it does elsewhere: `a :hover`,
/// `calc(1rem - 1px)`, `a + b` inside `calc`, `and (`); a block's last `;`
/// goes, as CSS allows.
pub fn compact_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            '"' | '\'' => {
                push_space(&mut out, &mut space, c);
                out.push(c);
                let mut escaped = false;
                for d in chars.by_ref() {
                    out.push(d);
                    if escaped {
                        escaped = false;
                    } else if d == '\\' {
                        escaped = true;
                    } else if d == c {
                        break;
                    }
                }
            }
            '}' => {
                space = false;
                if out.ends_with(';') {
                    out.pop();
                }
                out.push('}');
            }
            c => {
                push_space(&mut out, &mut space, c);
                out.push(c);
            }
        }
    }
    out.push('\n');
    out
}

fn push_space(out: &mut String, space: &mut bool, next: char) {
    let after_separator = out.is_empty() || out.ends_with(['{', '}', ';', ',', '>', ':']);
    if std::mem::take(space) && !after_separator && !"{};,>!".contains(next) {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first version of [`collapse_blank_lines`], a run at a time,
    /// kept as the oracle of the faster one.
    fn reference(html: &mut Vec<u8>) {
        let len = html.len();
        let (mut read, mut write) = (0, 0);
        while read < len {
            let byte = html[read];
            if byte == b'<'
                && let Some(tag) = raw_tag_at(&html[read..])
            {
                let end = end_of_element(html, read, tag);
                html.copy_within(read..end, write);
                write += end - read;
                read = end;
            } else if byte.is_ascii_whitespace() {
                let run_end = html[read..]
                    .iter()
                    .position(|b| !b.is_ascii_whitespace())
                    .map_or(len, |n| read + n);
                if html[read..run_end].contains(&b'\n') {
                    html[write] = b'\n';
                    write += 1;
                } else {
                    html.copy_within(read..run_end, write);
                    write += run_end - read;
                }
                read = run_end;
            } else {
                let run_end = html[read + 1..]
                    .iter()
                    .position(|&b| b == b'<' || b.is_ascii_whitespace())
                    .map_or(len, |n| read + 1 + n);
                html.copy_within(read..run_end, write);
                write += run_end - read;
                read = run_end;
            }
        }
        html.truncate(write);
    }

    #[test]
    fn the_fast_collapse_matches_the_first_one_on_every_mix() {
        // Every string of up to six pieces drawn from the ones that matter.
        let pieces = [
            "a",
            " ",
            "\n",
            "\t",
            "\r\n",
            "<p>",
            "<pre>",
            "</pre>",
            "<script>",
            "</script>",
            "é",
            "<",
            "<textarea x>",
            "</TEXTAREA>",
            "\x0c",
        ];
        let mut cases = vec![String::new()];
        for _ in 0..4 {
            let mut longer = Vec::new();
            for case in &cases {
                for piece in pieces {
                    longer.push(format!("{case}{piece}"));
                }
            }
            cases.extend(longer);
            cases.sort();
            cases.dedup();
        }
        assert!(cases.len() > 50_000);
        for case in &cases {
            let (mut fast, mut slow) = (case.clone().into_bytes(), case.clone().into_bytes());
            collapse_blank_lines(&mut fast);
            reference(&mut slow);
            assert_eq!(fast, slow, "{case:?}");
        }
    }

    fn collapsed(html: &str) -> String {
        let mut bytes = html.as_bytes().to_vec();
        collapse_blank_lines(&mut bytes);
        String::from_utf8(bytes).expect("still UTF-8")
    }

    fn without_block_breaks(html: &str) -> String {
        let mut bytes = html.as_bytes().to_vec();
        drop_breaks_beside_blocks(&mut bytes);
        String::from_utf8(bytes).expect("still UTF-8")
    }

    #[test]
    fn breaks_beside_blocks_go_and_breaks_a_reader_sees_stay() {
        assert_eq!(
            without_block_breaks(
                "<!doctype html>\n<html>\n<ul>\n<li>a</li>\n<li>b\n<a>x</a>\n<a>y</a>\n</li>\n</ul>\n<p class=\"m\">\n<span>s</span>\n<span>t</span>\n</p>\ntext\n<p>"
            ),
            "<!doctype html><html><ul><li>a</li>\n<li>b\n<a>x</a>\n<a>y</a></li></ul><p class=\"m\"><span>s</span>\n<span>t</span></p>\ntext\n<p>"
        );
    }

    #[test]
    fn preformatted_and_script_text_keeps_its_breaks() {
        let html =
            "<div>\n<pre>\n<p>\n</pre>\n<script>\n<p>\n</script>\n<textarea>\n</textarea>\n</div>";
        assert_eq!(
            without_block_breaks(html),
            "<div><pre>\n<p>\n</pre>\n<script>\n<p>\n</script>\n<textarea>\n</textarea></div>"
        );
    }

    #[test]
    fn indentation_and_blank_lines_go() {
        let html = "<ul>\n  <li>a</li>\n    \n\n  <li>b</li>  \n</ul>\n";
        assert_eq!(collapsed(html), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
    }

    #[test]
    fn preformatted_text_is_kept() {
        let html = "<p>x</p>\n  <PRE class=\"c\"><code>  a\n\n    b\n</code></PRE>\n  <p>y</p>\n<pref>\n  z";
        assert_eq!(
            collapsed(html),
            "<p>x</p>\n<PRE class=\"c\"><code>  a\n\n    b\n</code></PRE>\n<p>y</p>\n<pref>\nz"
        );
        let open = "<p>x</p>\n<textarea>\n  never closed";
        assert_eq!(collapsed(open), open);
    }

    #[test]
    fn stylesheets_lose_comments_and_spacing_but_not_meaning() {
        let css = "/* head */\n:root {\n  --x: 1rem;  /* why */\n}\n.a :hover, .b > p {\n  width: calc(1rem - 1px + 2%);\n  content: \"/* kept */  \\\"  \";\n  margin: 0 !important;\n}\n@media (prefers-color-scheme: dark) and (min-width: 2rem) { a + b { b: c } }\n";
        assert_eq!(
            compact_css(css),
            ":root{--x:1rem}.a :hover,.b>p{width:calc(1rem - 1px + 2%);content:\"/* kept */  \\\"  \";margin:0!important}@media (prefers-color-scheme:dark) and (min-width:2rem){a + b{b:c}}\n"
        );
    }

    #[test]
    fn multi_byte_text_and_unclosed_tags_survive() {
        assert_eq!(
            collapsed("é\n  ü <p>\t \n  李</p>\n<script>"),
            "é\nü <p>\n李</p>\n<script>"
        );
        assert_eq!(collapsed("<"), "<");
        assert_eq!(collapsed("<pre"), "<pre");
    }

    #[test]
    fn words_on_either_side_of_a_line_break_stay_apart() {
        assert_eq!(collapsed("one\n   \n  two"), "one\ntwo");
    }
}
