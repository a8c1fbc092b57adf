//! Which `Host:` names the preview answers to.
//!
//! A preview listening on loopback is out of other machines' reach, but
//! not out of a web page's: a page on `evil.example` can point its own
//! name at 127.0.0.1 once it has loaded (DNS rebinding) and then read the
//! preview as its own origin, an embargoed story included. The browser
//! still sends `Host: evil.example`, so answering only the names a loopback
//! address goes by closes that door.
//!
//! Bound to an address other machines can reach, the server is open to
//! anyone who can reach it, by any name the machine has on the network (a
//! name this program cannot know: DNS, `/etc/hosts` elsewhere, mDNS…), so
//! there every `Host:` is answered; rebinding would gain nothing a direct
//! request does not.

use std::net::SocketAddr;

/// The host names a request may give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hosts {
    Any,
    /// These names, with this port or none.
    Only {
        names: Vec<String>,
        port: u16,
    },
}

impl Hosts {
    pub fn for_address(address: SocketAddr) -> Hosts {
        if !address.ip().is_loopback() {
            return Hosts::Any;
        }
        let mut names = vec![
            "localhost".to_owned(),
            "127.0.0.1".to_owned(),
            "[::1]".to_owned(),
        ];
        let bound = match address {
            SocketAddr::V4(v4) => v4.ip().to_string(),
            SocketAddr::V6(v6) => format!("[{}]", v6.ip()),
        };
        if !names.contains(&bound) {
            names.push(bound);
        }
        Hosts::Only {
            names,
            port: address.port(),
        }
    }

    /// Whether a request naming `host` (the `Host:` header, `None` when it
    /// has none) is answered.
    pub fn allows(&self, host: Option<&str>) -> bool {
        let Hosts::Only { names, port } = self else {
            return true;
        };
        let Some((name, given_port)) = host.and_then(split_host) else {
            return false;
        };
        // `localhost.` is the same name written in full.
        let name = name.strip_suffix('.').unwrap_or(name);
        names.iter().any(|n| n.eq_ignore_ascii_case(name)) && given_port.is_none_or(|p| p == *port)
    }

    /// The plain text a refused request gets: what it named, and the names
    /// that are answered.
    pub fn refusal(&self, host: Option<&str>) -> String {
        let Hosts::Only { names, port } = self else {
            return String::new();
        };
        let named = match host {
            Some(host) => format!("this request names the host `{host}`"),
            None => "this request names no host".to_owned(),
        };
        format!(
            "explainer serve answers only as {} (with or without :{port}), and {named}.\n\
             A page on another site may be trying to read this preview through its own name \
             (DNS rebinding), so it is refused. Open http://localhost:{port}/ instead; to \
             preview from other machines, start serve with --bind and this machine's network \
             address.\n",
            names.join(", ")
        )
    }
}

/// `name` and, when given, the port of a `Host:` value; `None` when it is
/// not one (a port that is no number, an unclosed `[`).
fn split_host(host: &str) -> Option<(&str, Option<u16>)> {
    let host = host.trim();
    let (name, port) = if host.starts_with('[') {
        let end = host.find(']')? + 1;
        let (name, rest) = host.split_at(end);
        match rest {
            "" => (name, None),
            rest => (name, Some(rest.strip_prefix(':')?)),
        }
    } else {
        match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    let port = match port {
        Some(port) => Some(port.parse().ok()?),
        None => None,
    };
    (!name.is_empty()).then_some((name, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> Hosts {
        Hosts::for_address("127.0.0.1:7373".parse().unwrap())
    }

    #[test]
    fn loopback_answers_its_own_names_only() {
        let hosts = loopback();
        for good in [
            "localhost",
            "localhost:7373",
            "LocalHost:7373",
            "localhost.:7373",
            "127.0.0.1",
            "127.0.0.1:7373",
            "[::1]",
            "[::1]:7373",
        ] {
            assert!(hosts.allows(Some(good)), "{good}");
        }
        for bad in [
            "evil.example",
            "evil.example:7373",
            "localhost:8080",
            "localhost.evil.example",
            "127.0.0.1.nip.io:7373",
            "[::1",
            "[::1]x",
            "localhost:port",
            "",
            ":7373",
        ] {
            assert!(!hosts.allows(Some(bad)), "{bad}");
        }
        assert!(!hosts.allows(None));
    }

    #[test]
    fn another_loopback_address_is_answered_as_itself() {
        let hosts = Hosts::for_address("127.0.0.2:80".parse().unwrap());
        assert!(hosts.allows(Some("127.0.0.2")));
        let hosts = Hosts::for_address("[::1]:80".parse().unwrap());
        assert!(hosts.allows(Some("[::1]:80")));
        assert!(hosts.allows(Some("localhost")));
    }

    #[test]
    fn an_address_others_can_reach_answers_any_name() {
        for address in ["0.0.0.0:7373", "[::]:7373", "192.168.1.5:7373"] {
            let hosts = Hosts::for_address(address.parse().unwrap());
            assert_eq!(hosts, Hosts::Any, "{address}");
            assert!(hosts.allows(Some("laptop.local:7373")));
            assert!(hosts.allows(None));
        }
    }

    #[test]
    fn the_refusal_says_what_was_named_and_what_is_answered() {
        let text = loopback().refusal(Some("evil.example:7373"));
        assert!(text.contains("`evil.example:7373`"), "{text}");
        assert!(text.contains("localhost, 127.0.0.1, [::1]"), "{text}");
        assert!(text.contains("DNS rebinding"), "{text}");
    }
}
