//! Which link targets a page may carry, and how they are written into it.
//! Validation refuses an unsafe link with a located error; rendering applies
//! the same rule again, so a page stays safe even when handed unchecked text.

/// Only web and mail links, and relative ones: never `javascript:`,
/// `data:` and the like.
pub fn is_safe_url(url: &str) -> bool {
    let trimmed = url.trim();
    let end_of_scheme = trimmed.find([':', '/', '?', '#']);
    match end_of_scheme {
        Some(i) if trimmed[i..].starts_with(':') => {
            let scheme = &trimmed[..i];
            ["http", "https", "mailto"]
                .iter()
                .any(|s| scheme.eq_ignore_ascii_case(s))
        }
        _ => !trimmed.chars().any(char::is_control),
    }
}

/// A target on another site (or one that is not safe at all): a picture
/// there would make every reader's browser call that site.
pub fn is_remote(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http:")
        || lower.starts_with("https:")
        || lower.starts_with("//")
        || !is_safe_url(url)
}

/// A checked link as an `href`: characters a URL may not hold as they are
/// (spaces, quotes, angle brackets, letters outside ASCII …) percent-encoded,
/// the way pulldown-cmark writes the article's links, so the page is valid
/// HTML whatever the facts say. `%` is left alone: it is already an escape.
pub fn href(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_graphic() && !"\"<>\\^`{|}".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_are_safe() {
        for ok in [
            "https://e.org",
            "HTTP://e.org",
            "mailto:a@b.c",
            "#person-x",
            "static/a.pdf",
            "/x?y=a:b",
        ] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "data:text/html,x",
            "vbscript:x",
            "java\tscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }

    #[test]
    fn remote_targets() {
        assert!(is_remote("https://e.org/a.png"));
        assert!(is_remote("//cdn.e.org/a.png"));
        assert!(is_remote("javascript:x"));
        assert!(!is_remote("maps/basin.png"));
    }

    #[test]
    fn hrefs_percent_encode_what_a_url_may_not_hold() {
        assert_eq!(
            href("https://e.org/a?b=1&c=2#d"),
            "https://e.org/a?b=1&c=2#d"
        );
        assert_eq!(
            href("https://e.org/a b\"c\"<>"),
            "https://e.org/a%20b%22c%22%3C%3E"
        );
        assert_eq!(
            href("https://fr.wikipedia.org/wiki/Éole"),
            "https://fr.wikipedia.org/wiki/%C3%89ole"
        );
        assert_eq!(
            href("https://e.org/already%20encoded"),
            "https://e.org/already%20encoded"
        );
    }
}
