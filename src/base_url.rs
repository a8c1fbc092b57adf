//! The address the site is published at (`--base-url`), in one place.
//!
//! Every absolute address of the site is this base followed by a file's
//! path, so the base must be a folder: a query, a fragment or a file name
//! at its end would land in the middle of every address made from it
//! (`https://x.io/repo/?utm=1index.html`). Those are refused, as are a user
//! name or password (they would be published on every page, in the feed and
//! the sitemap) and a broken `%` escape. What has one right spelling is
//! written that way: the scheme and host in lower case, characters outside
//! ASCII in the path as UTF-8 percent-escapes (what a browser sends), and a
//! closing `/`.
//!
//! A host outside ASCII is refused with its ASCII (punycode) form as the
//! advice rather than converted: IDNA's mapping (UTS 46) has cases a small
//! rule gets wrong, and the host is the part where a wrong guess sends
//! readers to somebody else's site. The `url` crate would bring that mapping
//! and its tables for this one check; the rules here are a page long.

use crate::diagnostic::Diagnostic;

/// `url` as the site's base: an http(s) folder address ending in `/`.
pub fn normalize(url: &str) -> Result<String, Diagnostic> {
    let url = url.trim();
    if let Some(at) = url.find(char::is_whitespace) {
        return Err(refused(
            format!(
                "`{url}` has a space in it (after `{}`), and an address cannot",
                &url[..at]
            ),
            "write a space in an address as %20, or quote the value if the shell split it",
        ));
    }
    let Some((scheme, rest)) = split_scheme(url) else {
        return Err(not_an_address(url));
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at(authority_end);
    let host = host(url, authority)?;
    let (path, query, fragment) = split_path(after);
    let folder = suggested_folder(scheme, &host, path);
    if let Some(query) = query {
        return Err(refused(
            format!(
                "`{url}` has a query (`?{query}`): the site's addresses are made by adding file names to the base URL, so it would end up inside each of them"
            ),
            format!("give the folder the site is published at: {folder}"),
        ));
    }
    if let Some(fragment) = fragment {
        return Err(refused(
            format!(
                "`{url}` has a fragment (`#{fragment}`): the site's addresses are made by adding file names to the base URL, so it would end up inside each of them"
            ),
            format!("give the folder the site is published at: {folder}"),
        ));
    }
    let path = path_of(url, path)?;
    let last = path.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        return Err(refused(
            format!(
                "`{url}` ends in a file name (`{last}`), but the base URL is the folder the site's files are put in"
            ),
            format!(
                "give the folder the page is published in, {folder}; if `{last}` is itself a folder, end the address with `/`"
            ),
        ));
    }
    let slash = if path.ends_with('/') { "" } else { "/" };
    Ok(format!("{scheme}://{host}{path}{slash}"))
}

fn refused(message: impl Into<String>, help: impl Into<String>) -> Diagnostic {
    Diagnostic::file_error("--base-url", message).with_help(help)
}

fn not_an_address(url: &str) -> Diagnostic {
    refused(
        format!("`{url}` is not an http(s) address"),
        "give the address the site is published at, e.g. https://user.github.io/repo/",
    )
}

/// The scheme in lower case, and what follows `://`.
fn split_scheme(url: &str) -> Option<(&'static str, &str)> {
    let colon = url.find("://")?;
    let scheme = match url[..colon].to_ascii_lowercase().as_str() {
        "https" => "https",
        "http" => "http",
        _ => return None,
    };
    Some((scheme, &url[colon + 3..]))
}

/// The host and port, checked: in lower case, with no credentials.
fn host(url: &str, authority: &str) -> Result<String, Diagnostic> {
    if let Some(at) = authority.rfind('@') {
        let without = url.replacen(&authority[..=at], "", 1);
        return Err(refused(
            format!(
                "`{url}` has a user name or password in it (`{}`), which would be published on every page, in the feed and in the sitemap",
                &authority[..=at]
            ),
            format!("give the public address without them: {without}"),
        ));
    }
    // `[::1]:8000`: the port follows the bracket, not the last colon.
    let (name, port) = match authority.rfind(':') {
        Some(colon) if !authority[colon..].contains(']') => {
            (&authority[..colon], Some(&authority[colon + 1..]))
        }
        _ => (authority, None),
    };
    if name.is_empty() {
        return Err(not_an_address(url));
    }
    if let Some(port) = port
        && (port.is_empty()
            || !port.bytes().all(|b| b.is_ascii_digit())
            || port.parse::<u32>().map_or(true, |p| p > 65_535))
    {
        return Err(refused(
            format!("`{url}` has a port (`:{port}`) that is not a number from 0 to 65535"),
            "write the port as digits after the host, e.g. https://example.org:8443/repo/",
        ));
    }
    if !name.is_ascii() {
        let help = ascii_host(name).map_or_else(
            || {
                "write the host in its ASCII (punycode) form, as the domain's registrar shows it"
                    .to_owned()
            },
            |ascii| {
                format!(
                    "write the host in its ASCII form: {}",
                    url.replacen(name, &ascii, 1)
                )
            },
        );
        return Err(refused(
            format!(
                "`{url}` has a host outside ASCII (`{name}`), which feeds, sitemaps and some crawlers do not read"
            ),
            help,
        ));
    }
    let bracketed = name.starts_with('[') && name.ends_with(']');
    let fine = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_');
    let ipv6 = |b: u8| b.is_ascii_hexdigit() || matches!(b, b':' | b'.');
    let valid = if bracketed {
        name[1..name.len() - 1].bytes().all(ipv6)
    } else {
        name.bytes().all(fine)
    };
    if !valid {
        return Err(refused(
            format!("`{url}` has a host (`{name}`) with characters a host name cannot have"),
            "give the address the site is published at, e.g. https://user.github.io/repo/",
        ));
    }
    let mut host = name.to_ascii_lowercase();
    if let Some(port) = port {
        host.push(':');
        host.push_str(port);
    }
    Ok(host)
}

/// The path, and the query and fragment when there are any.
fn split_path(after: &str) -> (&str, Option<&str>, Option<&str>) {
    let (before_fragment, fragment) = match after.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (after, None),
    };
    let (path, query) = match before_fragment.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (before_fragment, None),
    };
    (path, query, fragment)
}

/// What to write instead, for the help of a refused address: the folder
/// the path names, without a file name at its end.
fn suggested_folder(scheme: &str, host: &str, path: &str) -> String {
    let folder = match path.rsplit_once('/') {
        Some((folder, last)) if last.contains('.') => folder,
        _ => path.trim_end_matches('/'),
    };
    format!("{scheme}://{host}{folder}/")
}

/// The path with its escapes checked and anything outside ASCII escaped.
fn path_of(url: &str, path: &str) -> Result<String, Diagnostic> {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|pair| pair.iter().all(u8::is_ascii_hexdigit));
                let Some(pair) = hex else {
                    let written: String = path[i..].chars().take(3).collect();
                    return Err(refused(
                        format!(
                            "`{url}` has a broken escape (`{written}`): a `%` must be followed by two hex digits"
                        ),
                        "write a percent sign itself as %25, and a character as its escape, e.g. %20 for a space",
                    ));
                };
                out.push('%');
                out.push_str(&String::from_utf8_lossy(pair).to_ascii_uppercase());
                i += 3;
                continue;
            }
            b'"' | b'<' | b'>' | b'\'' | b'\\' | 0..=0x1f | 0x7f => {
                return Err(not_an_address(url));
            }
            b'{' | b'}' | b'|' | b'^' | b'`' | 0x80.. => out.push_str(&format!("%{b:02X}")),
            _ => out.push(b as char),
        }
        i += 1;
    }
    if out
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Err(refused(
            format!("`{url}` has `.` or `..` in its path"),
            "give the folder the site is published at as it is reached, without `.` or `..`",
        ));
    }
    Ok(out)
}

/// A host in its ASCII form: each label outside ASCII, in lower case and
/// NFC, as `xn--` and its punycode. `None` when a label cannot be.
fn ascii_host(host: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let host: String = host.to_lowercase().nfc().collect();
    let labels: Option<Vec<String>> = host
        .split('.')
        .map(|label| {
            if label.is_ascii() {
                Some(label.to_owned())
            } else {
                punycode(label).map(|code| format!("xn--{code}"))
            }
        })
        .collect();
    Some(labels?.join("."))
}

/// RFC 3492's encoding of one label.
fn punycode(label: &str) -> Option<String> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    let adapt = |delta: u32, points: u32, first: bool| {
        let mut delta = if first { delta / 700 } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + 38)
    };
    let digit = |d: u32| {
        char::from(if d < 26 {
            b'a' + d as u8
        } else {
            b'0' + (d - 26) as u8
        })
    };
    let code_points: Vec<u32> = label.chars().map(u32::from).collect();
    let mut out: String = label.chars().filter(char::is_ascii).collect();
    let basic = out.len() as u32;
    let mut handled = basic;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias) = (128u32, 0u32, 72u32);
    while (handled as usize) < code_points.len() {
        let m = code_points.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &code_points {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(url: &str) -> String {
        let refused = normalize(url).unwrap_err();
        format!("{} | {}", refused.message, refused.help.unwrap_or_default())
    }

    #[test]
    fn a_folder_gets_its_slash_and_its_one_spelling() {
        assert_eq!(
            normalize("https://x.io/repo").unwrap(),
            "https://x.io/repo/"
        );
        assert_eq!(
            normalize("HTTPS://X.IO/Repo/").unwrap(),
            "https://x.io/Repo/"
        );
        assert_eq!(
            normalize("http://[::1]:8000").unwrap(),
            "http://[::1]:8000/"
        );
        assert_eq!(
            normalize("https://x.io/café/%e2%80%94/").unwrap(),
            "https://x.io/caf%C3%A9/%E2%80%94/"
        );
        assert_eq!(
            normalize("https://x.io/v1.2/").unwrap(),
            "https://x.io/v1.2/"
        );
    }

    #[test]
    fn what_would_land_inside_every_address_is_refused() {
        let query = help("https://x.io/repo/?utm=1");
        assert!(
            query.contains("query (`?utm=1`)") && query.contains("https://x.io/repo/"),
            "{query}"
        );
        let fragment = help("https://x.io/repo/#frag");
        assert!(fragment.contains("fragment (`#frag`)"), "{fragment}");
        let file = help("https://x.io/repo/index.html");
        assert!(
            file.contains("file name (`index.html`)")
                && file.contains("published in, https://x.io/repo/;"),
            "{file}"
        );
        let escape = help("https://x.io/a%zzb/");
        assert!(escape.contains("broken escape (`%zz`)"), "{escape}");
        assert!(help("https://x.io/a%2/").contains("(`%2/`)"));
        let secret = help("https://user:pass@x.io/repo/");
        assert!(
            secret.contains("(`user:pass@`)")
                && secret.contains("without them: https://x.io/repo/"),
            "{secret}"
        );
        assert!(help("https://x.io:99999/").contains("port"));
        assert!(help("https://x.io/../up/").contains("`..`"));
        assert!(help("javascript:alert(1)").contains("not an http(s) address"));
        assert!(help("https:///path").contains("not an http(s) address"));
    }

    #[test]
    fn a_host_outside_ascii_is_answered_with_its_ascii_form() {
        assert_eq!(punycode("münchen").as_deref(), Some("mnchen-3ya"));
        assert_eq!(punycode("bücher").as_deref(), Some("bcher-kva"));
        assert_eq!(punycode("例え").as_deref(), Some("r8jz45g"));
        let idn = help("https://Bücher.example/repo/");
        assert!(idn.contains("https://xn--bcher-kva.example/repo/"), "{idn}");
    }
}
