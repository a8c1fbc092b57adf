//! Drops the indentation and blank lines that template tags leave behind.
//! Outside `pre`, `textarea`, `script` and `style` a run of white space shows
//! as one space whatever it holds, so this never changes what a reader sees;
//! it takes about a twentieth off the shipped page, which has a byte budget.

const RAW: &[&str] = &["pre", "textarea", "script", "style"];

pub fn collapse_blank_lines(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        let (plain, raw, after) = split_at_raw(rest);
        tidy(plain, &mut out);
        out.push_str(raw);
        rest = after;
    }
    out
}

/// Text before the next raw element, the raw element itself (up to and
/// including its end tag, or the rest of the text if it is never closed),
/// and what follows.
fn split_at_raw(text: &str) -> (&str, &str, &str) {
    let lower = text.to_ascii_lowercase();
    let start = RAW
        .iter()
        .filter_map(|tag| {
            let open = format!("<{tag}");
            let mut from = 0;
            while let Some(at) = lower[from..].find(&open) {
                let at = from + at;
                let next = lower.as_bytes().get(at + open.len());
                if matches!(next, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
                    return Some((at, *tag));
                }
                from = at + open.len();
            }
            None
        })
        .min_by_key(|(at, _)| *at);
    let Some((at, tag)) = start else {
        return (text, "", "");
    };
    let close = format!("</{tag}");
    let end = lower[at..].find(&close).map_or(text.len(), |i| {
        let from = at + i;
        lower[from..].find('>').map_or(text.len(), |j| from + j + 1)
    });
    (&text[..at], &text[at..end], &text[end..])
}

/// Each run of white space that holds a line break becomes that one line
/// break; runs within a line are left as they are.
fn tidy(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_whitespace()) {
        out.push_str(&rest[..start]);
        let run = &rest[start..];
        let len = run
            .find(|c: char| !c.is_ascii_whitespace())
            .unwrap_or(run.len());
        if run[..len].contains('\n') {
            out.push('\n');
        } else {
            out.push_str(&run[..len]);
        }
        rest = &run[len..];
    }
    out.push_str(rest);
}

/// A stylesheet without comments, indentation or line breaks. Strings are
/// copied untouched; a run of white space becomes one space, and none is
/// kept next to `{`, `}`, `;` or `,`, where CSS never needs it (it does
/// elsewhere: `a :hover`, `calc(1rem - 1px)`, `and (`).
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
    let after_separator = out.is_empty() || out.ends_with(['{', '}', ';', ',']);
    if std::mem::take(space) && !after_separator && !"{};,".contains(next) {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_and_blank_lines_go() {
        let html = "<ul>\n  <li>a</li>\n    \n\n  <li>b</li>  \n</ul>\n";
        assert_eq!(
            collapse_blank_lines(html),
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
        );
    }

    #[test]
    fn preformatted_text_is_kept() {
        let html = "<p>x</p>\n  <PRE class=\"c\"><code>  a\n\n    b\n</code></PRE>\n  <p>y</p>\n<pref>\n  z";
        assert_eq!(
            collapse_blank_lines(html),
            "<p>x</p>\n<PRE class=\"c\"><code>  a\n\n    b\n</code></PRE>\n<p>y</p>\n<pref>\nz"
        );
        let open = "<p>x</p>\n<textarea>\n  never closed";
        assert_eq!(collapse_blank_lines(open), open);
    }

    #[test]
    fn stylesheets_lose_comments_and_spacing_but_not_meaning() {
        let css = "/* head */\n:root {\n  --x: 1rem;  /* why */\n}\n.a :hover, .b > p {\n  width: calc(1rem - 1px);\n  content: \"/* kept */  \\\"  \";\n}\n@media (prefers-color-scheme: dark) and (min-width: 2rem) { a { b: c } }\n";
        assert_eq!(
            compact_css(css),
            ":root{--x: 1rem;}.a :hover,.b > p{width: calc(1rem - 1px);content: \"/* kept */  \\\"  \";}@media (prefers-color-scheme: dark) and (min-width: 2rem){a{b: c}}\n"
        );
    }

    #[test]
    fn words_on_either_side_of_a_line_break_stay_apart() {
        assert_eq!(collapse_blank_lines("one\n   \n  two"), "one\ntwo");
    }
}
