//! `explainer serve`, started for real on a free port and spoken to over
//! plain TCP, as a browser would.

use std::cell::RefCell;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::Story;

/// Generous: the machines running the tests are shared and slow at times.
const PATIENCE: Duration = Duration::from_secs(20);

struct Server {
    child: Child,
    address: String,
    log: mpsc::Receiver<String>,
    /// Every line read from the log so far.
    seen: RefCell<Vec<String>>,
}

impl Server {
    fn start(story: &Story) -> Server {
        let root = story.root().to_str().unwrap();
        Server::start_with(story, &["--root", root])
    }

    /// With these arguments after `serve --port 0`, run in the story root.
    fn start_with(story: &Story, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_explainer"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(story.root())
            .env("NO_COLOR", "1")
            .stderr(Stdio::piped())
            .spawn()
            .expect("start serve");
        let (lines, log) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            address: String::new(),
            log,
            seen: RefCell::default(),
        };
        let line = server.wait_for_log("Serving on http://");
        let start = line.find("http://").unwrap() + "http://".len();
        server.address = line[start..start + line[start..].find('/').unwrap()].to_owned();
        server
    }

    fn wait_for_log(&self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.log.recv_timeout(left) {
                Ok(line) => {
                    self.seen.borrow_mut().push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("the server never printed `{needle}`");
    }

    /// A raw request, so that paths reach the server exactly as written.
    fn get(&self, path: &str) -> (u16, String) {
        self.get_as(path, &self.address)
    }

    /// A request naming `host` in its `Host:` header.
    fn get_as(&self, path: &str, host: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response[9..12].parse().unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, body)| body.to_owned())
            .unwrap_or_default();
        (status, body)
    }

    /// The event stream, read line by line on a thread.
    fn events(&self) -> mpsc::Receiver<String> {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "GET /__explainer/events?since=1 HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.address
        )
        .unwrap();
        let (lines, events) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        events
    }

    fn interrupt(&mut self) -> std::process::ExitStatus {
        Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "serve did not stop on Ctrl-C");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Wait for the event stream to carry `event: <name>`; return its data.
fn next_event(events: &mpsc::Receiver<String>, name: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    let mut current: Option<String> = None;
    let mut data = String::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let Ok(line) = events.recv_timeout(left) else {
            break;
        };
        if let Some(event) = line.strip_prefix("event: ") {
            current = Some(event.to_owned());
            data.clear();
        } else if let Some(more) = line.strip_prefix("data: ") {
            data.push_str(more);
            data.push('\n');
        } else if line.is_empty() && current.as_deref() == Some(name) {
            return data;
        }
    }
    panic!("no `{name}` event arrived");
}

fn poll_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_the_page_with_the_reload_script_on_the_wire_only() {
    let story = Story::base();
    let server = Server::start(&story);
    let (status, page) = server.get("/");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>The tunnel inquiry</h1>"));
    assert!(page.contains("/__explainer/events?since=1"));
    assert!(
        !story.page().contains("__explainer"),
        "the script reached the built file"
    );

    let (status, css) = server.get("/style.css");
    assert_eq!(status, 200);
    assert!(!css.contains("__explainer"));

    let (status, page) = server.get("/no/such/page");
    assert_eq!(status, 404);
    assert!(
        page.contains("<h1>Page not found</h1>"),
        "not the site's 404 page: {page}"
    );
}

#[test]
fn paths_outside_the_output_folder_are_refused_in_every_spelling() {
    let story = Story::base();
    story.write("secret.txt", b"the story root's own file");
    let server = Server::start(&story);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/.%2e/secret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/..\\secret.txt",
        "/../content/facts.yaml",
        "/%252e%252e/secret.txt",
        "/a%00b",
    ] {
        let (status, body) = server.get(path);
        assert!(status == 404 || status == 400, "{path} answered {status}");
        assert!(
            !body.contains("the story root's own file"),
            "{path} escaped"
        );
        assert!(!body.contains("root:"), "{path} reached /etc/passwd");
    }
}

#[test]
fn a_symbolic_link_in_the_output_folder_is_not_followed_out() {
    let story = Story::base();
    story.write("secret.txt", b"the story root's own file");
    let server = Server::start(&story);
    std::os::unix::fs::symlink(
        story.root().join("secret.txt"),
        story.output().join("leak.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(story.root(), story.output().join("root")).unwrap();
    for path in ["/leak.txt", "/root/secret.txt", "/root/content/facts.yaml"] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("the story root's own file"),
            "{path} escaped"
        );
    }
}

#[test]
fn malformed_and_slow_requests_neither_crash_nor_block_the_server() {
    let story = Story::base();
    let server = Server::start(&story);

    // A client that sends half a request and then nothing.
    let mut slow = TcpStream::connect(&server.address).unwrap();
    write!(slow, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ").unwrap();

    let raw = |bytes: &[u8]| {
        let mut stream = TcpStream::connect(&server.address).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let _ = stream.write_all(bytes);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response).into_owned()
    };
    let garbage = raw(b"\x00\xff\xfe GARBAGE \r\n\r\n");
    assert!(
        garbage.is_empty() || garbage.starts_with("HTTP/1.1 400"),
        "{garbage}"
    );
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Huge: {}\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let huge = raw(huge.as_bytes());
    assert!(
        huge.is_empty() || huge.starts_with("HTTP/1.1 431"),
        "{huge}"
    );

    // Meanwhile, everyone else is served.
    let (status, page) = server.get("/");
    assert_eq!(status, 200);
    assert!(page.contains("The tunnel inquiry"));
    drop(slow);
}

#[test]
fn edits_reach_the_page_and_a_broken_edit_keeps_the_last_good_one() {
    let story = Story::base();
    let server = Server::start(&story);
    let events = server.events();

    story.edit(
        "content/facts.yaml",
        "role: Engineer",
        "role: Chief engineer",
    );
    next_event(&events, "reload");
    let (_, page) = server.get("/");
    assert!(page.contains("Chief engineer"));

    story.edit(
        "content/facts.yaml",
        "speaker: lena-okafor",
        "speaker: lena-okafr",
    );
    let error = next_event(&events, "failed");
    assert!(error.contains("did you mean `lena-okafor`?"), "{error}");
    assert!(error.contains("content/facts.yaml:"), "{error}");
    server.wait_for_log("Build failed");
    let (status, page) = server.get("/");
    assert_eq!(status, 200);
    assert!(
        page.contains("Chief engineer"),
        "the last good page is gone"
    );

    story.edit(
        "content/facts.yaml",
        "speaker: lena-okafr",
        "speaker: lena-okafor",
    );
    next_event(&events, "reload");

    // An editor that saves by writing a new file and renaming it over the
    // old one.
    let facts = story
        .read("content/facts.yaml")
        .replace("Chief engineer", "Site engineer");
    story.write("content/.facts.yaml.tmp", facts.as_bytes());
    std::fs::rename(
        story.root().join("content/.facts.yaml.tmp"),
        story.root().join("content/facts.yaml"),
    )
    .unwrap();
    poll_until("the renamed file is served", || {
        server.get("/").1.contains("Site engineer")
    });
}

#[test]
fn a_page_from_an_older_build_reloads_as_soon_as_it_connects() {
    let story = Story::base();
    let server = Server::start(&story);
    story.edit("content/facts.yaml", "role: Mayor", "role: Former mayor");
    server.wait_for_log("Changed:");
    server.wait_for_log("Built");
    // This page was sent at generation 1; the server is at 2 now.
    next_event(&server.events(), "reload");
}

#[test]
fn ctrl_c_stops_the_server_cleanly_with_pages_open() {
    let story = Story::base();
    let mut server = Server::start(&story);
    let _open_page = server.events();
    std::thread::sleep(Duration::from_millis(200));
    let status = server.interrupt();
    assert!(status.success(), "{status}");
    server.wait_for_log("Stopped.");
}

#[test]
fn a_name_no_file_can_have_is_not_found_like_any_other() {
    let story = Story::base();
    let server = Server::start(&story);
    let long_segment = format!("/{}", "a".repeat(300));
    let long_path = "/ab".repeat(1500);
    for path in [
        long_segment.as_str(),
        &format!("{long_segment}/index.html"),
        &long_path,
        "/index.html/inside-a-file",
    ] {
        let (status, page) = server.get(path);
        assert_eq!(status, 404, "{}…", &path[..20.min(path.len())]);
        assert!(
            page.contains("<h1>Page not found</h1>"),
            "not the site's 404 page: {page}"
        );
    }
}

#[test]
fn only_the_names_loopback_goes_by_are_answered() {
    let story = Story::base();
    let server = Server::start(&story);
    let port = server.address.rsplit(':').next().unwrap().to_owned();
    for host in [
        format!("localhost:{port}"),
        "localhost".to_owned(),
        format!("LOCALHOST:{port}"),
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_owned(),
        format!("[::1]:{port}"),
    ] {
        let (status, page) = server.get_as("/", &host);
        assert_eq!(status, 200, "{host}");
        assert!(page.contains("The tunnel inquiry"), "{host}");
    }
    // A page on another site that has pointed its own name at 127.0.0.1.
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_owned(),
        format!("localhost.evil.example:{port}"),
        "localhost:1".to_owned(),
    ] {
        for path in ["/", "/__explainer/events?since=0", "/facts.json"] {
            let (status, body) = server.get_as(path, &host);
            assert_eq!(status, 421, "{host} {path}");
            assert!(body.contains(&format!("`{host}`")), "{body}");
            assert!(body.contains("DNS rebinding"), "{body}");
            assert!(!body.contains("tunnel"), "{body}");
        }
    }
}

#[test]
fn bound_to_all_interfaces_it_prints_an_address_others_reach_and_answers_any_name() {
    let story = Story::base();
    let root = story.root().to_str().unwrap();
    let server = Server::start_with(&story, &["--bind", "0.0.0.0", "--root", root]);
    let banner = server.seen.borrow().last().cloned().unwrap();
    assert!(banner.contains("listens on all interfaces"), "{banner}");
    // Where this machine has a network, the address printed is on it.
    let network = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|socket| {
            socket.connect("192.0.2.1:9")?;
            socket.local_addr()
        })
        .ok()
        .map(|address| address.ip())
        .filter(|ip| !ip.is_loopback() && !ip.is_unspecified());
    let printed: std::net::SocketAddr = server.address.parse().unwrap();
    match network {
        Some(ip) => assert_eq!(printed.ip(), ip, "{banner}"),
        None => assert!(printed.ip().is_loopback(), "{banner}"),
    }
    // Anyone who can reach it may, by whatever name the machine has.
    let (status, page) = server.get_as("/", "laptop.local");
    assert_eq!(status, 200);
    assert!(page.contains("The tunnel inquiry"));
}

#[test]
fn changes_are_named_from_where_serve_ran_and_a_note_is_told_once() {
    let story = Story::base();
    let server = Server::start_with(&story, &["--root", "."]);
    story.edit(
        "content/facts.yaml",
        "role: Engineer",
        "role: Site engineer",
    );
    let changed = server.wait_for_log("Changed:");
    assert_eq!(changed, "Changed: content/facts.yaml");
    server.wait_for_log("Built");
    story.edit(
        "content/facts.yaml",
        "role: Site engineer",
        "role: Engineer",
    );
    server.wait_for_log("Built");
    let notes: Vec<String> = server
        .seen
        .borrow()
        .iter()
        .filter(|line| line.starts_with("note:"))
        .cloned()
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("not in a git repository"), "{notes:?}");
}

#[test]
fn a_site_is_served_and_an_edit_to_one_story_reaches_its_page() {
    let site = Story::copy_of_tree("tests/fixtures/site");
    let server = Server::start(&site);
    let events = server.events();
    let (status, desk) = server.get("/");
    assert_eq!(status, 200);
    assert!(desk.contains("The Harbour Desk"));
    site.edit(
        "stories/budget/content/facts.yaml",
        "role: Deputy engineer",
        "role: Assistant engineer",
    );
    next_event(&events, "reload");
    server.wait_for_log("stories/budget/content/facts.yaml");
    assert!(server.get("/budget/").1.contains("Assistant engineer"));
    assert!(
        server
            .get("/people/lena-okafor/")
            .1
            .contains("Assistant engineer"),
        "the person page follows the story"
    );
    // The shared file of people is watched too.
    site.edit("people.yaml", "Chief engineer", "Chief of engineering");
    next_event(&events, "reload");
    poll_until("the shared card changes", || {
        server
            .get("/people/lena-okafor/")
            .1
            .contains("Chief of engineering")
    });
}
