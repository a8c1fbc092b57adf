//! Transcripts as sources: quotes with `from` checked against a WebVTT, a
//! SubRip and a plain-text transcript (tests/fixtures/transcripts), the
//! transcript pages, and every kind of bad transcript, told in one run.

use std::collections::BTreeSet;

use scraper::{Html, Selector};

use crate::common::{Story, run, snapshot};

fn fixture() -> Story {
    Story::copy_of("tests/fixtures/transcripts")
}

fn read(story: &Story, path: &str) -> String {
    std::fs::read_to_string(story.output().join(path))
        .unwrap_or_else(|e| panic!("{path} was not written: {e}"))
}

fn select<'a>(doc: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(selector).unwrap()).collect()
}

#[test]
fn every_quote_is_verified_against_its_own_source_and_says_where_it_was_said() {
    let story = fixture();
    let run = story.build_at("https://news.example/riyadh/");
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let page = Html::parse_document(&story.page());
    let links: Vec<(String, String)> = select(&page, ".quote-meta a.in-context")
        .iter()
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_owned(),
                a.text().collect::<String>(),
            )
        })
        .collect();
    let expected = [
        (
            "sources/rubio-riyadh-briefing.html#t-6",
            "Marco Rubio's news conference in Riyadh, 00:06",
        ),
        (
            "sources/rubio-riyadh-briefing.html#t-724",
            "Marco Rubio's news conference in Riyadh, 12:04",
        ),
        (
            "sources/lavrov-remarks.html#t-4",
            "Sergey Lavrov's remarks to the press, 00:04",
        ),
        (
            "sources/waltz-interview.html#turn-2",
            "Mike Waltz's interview with the pool",
        ),
        ("#p-1", "Read it in the report"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(links, expected);

    // Every link into a transcript page lands on an element it has.
    for (href, _) in links.iter().filter(|(h, _)| h.starts_with("sources/")) {
        let (file, anchor) = href.split_once('#').unwrap();
        let transcript = Html::parse_document(&read(&story, file));
        assert_eq!(
            select(&transcript, &format!("[id=\"{anchor}\"]")).len(),
            1,
            "{href}"
        );
    }

    // The transcript page: turns with speakers and times, each moment
    // linked in the recording, the quoted passages marked and linked back.
    let briefing = Html::parse_document(&read(&story, "sources/rubio-riyadh-briefing.html"));
    assert_eq!(briefing.root_element().value().attr("lang"), Some("en"));
    let speakers: Vec<String> = select(&briefing, ".turn-speaker")
        .iter()
        .map(|s| s.text().collect())
        .collect();
    assert_eq!(speakers, ["Marco Rubio", "Marco Rubio", "Reporter"]);
    let times: Vec<(String, String)> = select(&briefing, "a.turn-time")
        .iter()
        .map(|a| {
            (
                a.text().collect(),
                a.value().attr("href").unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        times[1],
        (
            "12:04".to_owned(),
            "https://example.org/video/rubio-riyadh#t=724".to_owned()
        )
    );
    let marks: Vec<(String, String)> = select(&briefing, "mark a")
        .iter()
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_owned(),
                a.text().collect(),
            )
        })
        .collect();
    assert_eq!(
        marks[0],
        (
            "../index.html#quote-first-step".to_owned(),
            "This is the first step of a long and difficult journey".to_owned()
        )
    );
    let high_level: String = marks
        .iter()
        .filter(|(href, _)| href.ends_with("#quote-high-level-teams"))
        .map(|(_, text)| text.as_str())
        .collect();
    assert_eq!(
        high_level,
        "We agreed to appoint high-level teams to help work on a path to ending the conflict in Ukraine as soon as possible"
    );
    // Words the captions escape are the words said.
    assert!(
        briefing
            .root_element()
            .text()
            .any(|t| t.contains("sanctions & the frozen assets"))
    );

    // facts.json: each quote's source and time.
    let facts: serde_json::Value = serde_json::from_str(&read(&story, "facts.json")).unwrap();
    let quotes = facts["quotes"].as_array().unwrap();
    let from: Vec<(Option<&str>, Option<u64>)> = quotes
        .iter()
        .map(|q| (q["from"].as_str(), q["time"].as_u64()))
        .collect();
    assert_eq!(
        from,
        [
            (Some("rubio-riyadh-briefing"), Some(6)),
            (Some("rubio-riyadh-briefing"), Some(724)),
            (Some("lavrov-remarks"), Some(4)),
            (Some("waltz-interview"), None),
            (None, None),
        ]
    );

    // JSON-LD: a Quotation for each quote from a transcript.
    let json_ld = select(&page, "script[type=\"application/ld+json\"]")[0]
        .text()
        .collect::<String>();
    let json_ld: serde_json::Value = serde_json::from_str(&json_ld).unwrap();
    let parts = json_ld["hasPart"].as_array().unwrap();
    assert_eq!(parts.len(), 4);
    assert_eq!(parts[2]["@type"], "Quotation");
    assert_eq!(parts[2]["spokenByCharacter"]["name"], "Sergey Lavrov");
    assert_eq!(
        parts[2]["isBasedOn"]["url"],
        "https://news.example/riyadh/sources/lavrov-remarks.html"
    );

    // The sitemap lists the transcript pages.
    let sitemap = read(&story, "sitemap.xml");
    for id in ["rubio-riyadh-briefing", "lavrov-remarks", "waltz-interview"] {
        assert!(
            sitemap.contains(&format!(
                "<loc>https://news.example/riyadh/sources/{id}.html</loc>"
            )),
            "{sitemap}"
        );
    }
}

#[test]
fn a_trimmed_quote_in_the_transcript_but_not_the_article_passes_and_without_from_fails() {
    let story = fixture();
    let article = story.read("content/article.md");
    assert!(!article.contains("first step of a long"));
    story.check().assert_ok();
    story.edit(
        "content/facts.yaml",
        "    text: This is the first step of a long and difficult journey\n    from: rubio-riyadh-briefing\n",
        "    text: This is the first step of a long and difficult journey\n",
    );
    story
        .check()
        .assert_fails_with(&["the quote is not in the article", "facts.yaml:33:11"]);
}

#[test]
fn a_misquote_fails_with_the_transcript_passage_shown() {
    let story = fixture();
    story.edit(
        "content/facts.yaml",
        "We not only listened, but also heard each other",
        "We not only listened, but also understood each other",
    );
    story.edit(
        "content/facts.yaml",
        "to help work on a path",
        "to help work toward a path",
    );
    story.check().assert_fails_with(&[
        "error: the quote is not in content/sources/lavrov-remarks.srt (`lavrov-remarks`)",
        "closest is the cue at 00:04 (content/sources/lavrov-remarks.srt line 6)",
        "the transcript has “We not only listened, but also [heard] each other.”, the quote “We not only listened, but also [understood] each other”",
        "the quote is not in content/sources/rubio-riyadh-briefing.vtt",
        "[on] a path",
    ]);
}

#[test]
fn words_the_transcript_gives_to_someone_else_are_warned_about() {
    let story = fixture();
    story.edit(
        "content/facts.yaml",
        "  - id: heard-each-other\n    speaker: sergey-lavrov",
        "  - id: heard-each-other\n    speaker: marco-rubio",
    );
    // The SubRip file names no one: nothing to compare.
    let quiet = story.check();
    quiet.assert_ok();
    assert!(!quiet.stderr.contains("gives these words"));
    story.edit(
        "content/facts.yaml",
        "  - id: territory\n    speaker: mike-waltz",
        "  - id: territory\n    speaker: sergey-lavrov",
    );
    story.check().assert_ok().assert_said(&[
        "warning: the transcript gives these words to Mike Waltz, not to Sergey Lavrov",
        "Mike Waltz says them at content/sources/waltz-interview.txt line 3",
        "did you mean `speaker: mike-waltz`?",
    ]);
}

#[test]
fn every_bad_transcript_is_told_in_one_run_with_its_file_and_line() {
    let story = fixture();
    story.write(
        "content/sources/no-header.vtt",
        b"00:00:01.000 --> 00:00:02.000\nHello.\n",
    );
    story.write(
        "content/sources/disordered.vtt",
        b"WEBVTT\n\n00:00:05.000 --> 00:00:08.000\nA\n\n00:00:07.000 --> 00:00:09.000\nB\n\n00:00:01.000 --> 00:00:02.000\nC\n",
    );
    story.write(
        "content/sources/broken-index.srt",
        b"1\n00:00:01,000 --> 00:00:02,000\nOne\n\ntwo\n00:00:03,000 --> 00:00:04,000\nTwo\n",
    );
    story.write("content/sources/latin1.txt", b"Caf\xe9 au lait\n");
    story.write(
        "content/sources/override.txt",
        "Reporter: Who said it?\n\nMike Waltz: It was \u{202e}not me.\n".as_bytes(),
    );
    let huge = std::fs::File::create(story.root().join("content/sources/huge.vtt")).unwrap();
    huge.set_len(200 * 1000 * 1000).unwrap();
    drop(huge);
    let mut facts = story.read("content/facts.yaml");
    let sources = "sources:\n";
    let extra = [
        ("no-header", "no-header.vtt"),
        ("disordered", "disordered.vtt"),
        ("broken-index", "broken-index.srt"),
        ("latin1", "latin1.txt"),
        ("override", "override.txt"),
        ("huge", "huge.vtt"),
        ("missing", "rubio-riyadh-brefing.vtt"),
        ("outside", "../article.md"),
    ]
    .iter()
    .map(|(id, file)| format!("  - id: {id}\n    file: {file}\n    title: {id}\n"))
    .collect::<String>();
    facts = facts.replacen(sources, &format!("{sources}{extra}"), 1);
    facts = facts.replacen(
        "    from: waltz-interview\n",
        "    from: waltz-interviw\n",
        1,
    );
    story.write("content/facts.yaml", facts.as_bytes());
    let run = story.build();
    run.assert_fails_with(&[
        "content/sources/no-header.vtt:1:1",
        "a WebVTT file starts with a `WEBVTT` line",
        "content/sources/disordered.vtt:6:1",
        "the cues overlap",
        "content/sources/disordered.vtt:9:1",
        "the cues are out of order",
        "content/sources/broken-index.srt:5:1",
        "`two` where cue 2's index should be: the index is broken",
        "content/sources/latin1.txt is not valid UTF-8: bad byte at offset 3",
        "content/sources/override.txt:3:20",
        "the transcript holds U+202E RIGHT-TO-LEFT OVERRIDE",
        "content/sources/huge.vtt is 200 MB; a transcript may be at most 16 MB",
        "content/sources/rubio-riyadh-brefing.vtt does not exist",
        "did you mean `rubio-riyadh-briefing.vtt`?",
        "`file` must name a file under content/sources/",
        "no source has the id `waltz-interviw`",
        "did you mean `waltz-interview`?",
    ]);
    assert!(!run.stderr.contains("panicked"));
    assert!(!story.output().exists(), "nothing was written");
}

#[test]
fn a_broken_transcript_keeps_the_last_good_site() {
    let story = fixture();
    story.build().assert_ok();
    let good = snapshot(&story.output());
    story.edit(
        "content/sources/lavrov-remarks.srt",
        "00:00:04,000 --> 00:00:07,500",
        "00:00:03,000 --> 00:00:07,500",
    );
    story
        .build()
        .assert_fails_with(&["content/sources/lavrov-remarks.srt:6:1", "the cues overlap"]);
    assert_eq!(snapshot(&story.output()), good);
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_sources_folder_is_refused() {
    let story = fixture();
    std::os::unix::fs::symlink(
        story.root().join("content/article.md"),
        story.root().join("content/sources/linked.txt"),
    )
    .unwrap();
    story.edit(
        "content/facts.yaml",
        "    file: waltz-interview.txt",
        "    file: linked.txt",
    );
    story
        .check()
        .assert_fails_with(&["content/sources/linked.txt leads outside content/sources/"]);
}

#[test]
fn the_output_is_the_same_every_time() {
    let story = fixture();
    story.build_at("https://news.example/riyadh/").assert_ok();
    let first = snapshot(&story.output());
    story.build_at("https://news.example/riyadh/").assert_ok();
    assert_eq!(snapshot(&story.output()), first);
}

#[test]
fn draft_finds_the_sources_and_the_speakers_of_the_voice_tags() {
    let story = fixture();
    let root = story.root().to_str().unwrap();
    std::fs::remove_file(story.root().join("content/facts.yaml")).unwrap();
    let drafted = run(&["draft", "--root", root]);
    drafted.assert_ok();
    let draft = &drafted.stdout;
    for wanted in [
        "sources:\n  - id: lavrov-remarks\n    file: lavrov-remarks.srt\n",
        "  - id: rubio-riyadh-briefing\n    file: rubio-riyadh-briefing.vtt\n",
        "  - speaker: marco-rubio\n    text: We agreed to appoint high-level teams.\n    from: rubio-riyadh-briefing\n",
        "    from: lavrov-remarks\n",
        // The article gives these words to no one; the voice tag does.
        "  - speaker: reporter\n    text: \"sanctions & the frozen assets\"\n    from: rubio-riyadh-briefing\n",
        "  - id: reporter\n    name: Reporter\n",
    ] {
        assert!(draft.contains(wanted), "`{wanted}` not in:\n{draft}");
    }
    // The draft builds as it is.
    story.write("content/facts.yaml", draft.as_bytes());
    story.check().assert_ok();
}

/// Transcript text, speakers and titles are shown as text: every payload
/// of the script-injection test, in every part of a transcript at once,
/// and a quote made of one, found and marked.
#[test]
fn no_payload_in_a_transcript_becomes_live_markup() {
    let payloads = crate::script_injection::PAYLOADS;
    let story = fixture();
    let escape = |p: &str| {
        p.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut vtt = String::from("WEBVTT\n\n");
    let mut srt = String::new();
    let mut txt = String::new();
    for (n, payload) in payloads.iter().enumerate() {
        let (start, end) = (n * 2, n * 2 + 1);
        // As the captions would escape it, and as it is typed.
        vtt.push_str(&format!(
            "00:{:02}:{:02}.000 --> 00:{:02}:{:02}.000\n<v {}>{} and {}\n\n",
            start / 60,
            start % 60,
            end / 60,
            end % 60,
            payload.replace('>', ""),
            escape(payload),
            payload
        ));
        srt.push_str(&format!(
            "{}\n00:{:02}:{:02},000 --> 00:{:02}:{:02},000\n{}\n\n",
            n + 1,
            start / 60,
            start % 60,
            end / 60,
            end % 60,
            escape(payload)
        ));
        txt.push_str(&format!("Speaker {n}: {payload}\n\n{payload}: words\n\n"));
    }
    story.write("content/sources/rubio-riyadh-briefing.vtt", vtt.as_bytes());
    story.write("content/sources/lavrov-remarks.srt", srt.as_bytes());
    story.write("content/sources/waltz-interview.txt", txt.as_bytes());
    let mut facts = story.read("content/facts.yaml");
    let quotes_at = facts.find("quotes:").unwrap();
    facts.truncate(quotes_at);
    facts = facts.replace(
        "title: Marco Rubio's news conference in Riyadh",
        "title: \"</title><script>alert(1)</script><img src=x onerror=alert(1)>\"",
    );
    facts.push_str(
        "quotes:\n  - speaker: marco-rubio\n    text: \"<script>alert(1)</script>\"\n    from: lavrov-remarks\n  - speaker: sergey-lavrov\n    text: \"<img src=x onerror=alert(1)>\"\n    from: waltz-interview\n",
    );
    story.write("content/facts.yaml", facts.as_bytes());
    story.build().assert_ok();

    let baseline = fixture();
    baseline.build().assert_ok();
    let pages = |story: &Story| -> Vec<(String, Html)> {
        snapshot(&story.output())
            .into_iter()
            .filter(|(path, _)| {
                let path = path.to_string_lossy();
                path.starts_with("sources/") || path == "index.html"
            })
            .map(|(path, bytes)| {
                (
                    path.to_string_lossy().into_owned(),
                    Html::parse_document(&String::from_utf8(bytes).unwrap()),
                )
            })
            .collect()
    };
    let mut allowed: BTreeSet<String> = pages(&baseline)
        .iter()
        .flat_map(|(_, doc)| crate::script_injection::element_names(doc))
        .collect();
    allowed.extend(["a", "strong", "em", "code", "del", "p", "br"].map(str::to_owned));
    let built = pages(&story);
    assert_eq!(built.len(), 4);
    for (path, doc) in &built {
        let live = crate::script_injection::live_markup(doc, &allowed);
        assert!(live.is_empty(), "{path}: {live:?}");
    }
    // The payloads are there, as text.
    let lavrov = &built
        .iter()
        .find(|(p, _)| p == "sources/lavrov-remarks.html")
        .unwrap()
        .1;
    let marked: Vec<String> = select(lavrov, "mark a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(marked, ["<script>alert(1)</script>"]);
}

#[test]
fn a_transcript_page_follows_a_right_to_left_story() {
    let story = Story::copy_of("tests/fixtures/ar");
    let sources = story.root().join("content/sources");
    std::fs::create_dir_all(&sources).unwrap();
    std::fs::write(
        sources.join("haddad.txt"),
        "[00:12] ليلى حداد: لن نخاطر بسلامة السكان. سنعيد فتح النفق حين يصبح آمناً.\n\nصحفي: متى؟\n",
    )
    .unwrap();
    story.edit(
        "content/facts.yaml",
        "    text: \"لن نخاطر بسلامة السكان\"\n",
        "    text: \"لن نخاطر بسلامة السكان\"\n    from: haddad-briefing\n",
    );
    let facts = story.read("content/facts.yaml");
    story.write(
        "content/facts.yaml",
        format!("{facts}sources:\n  - id: haddad-briefing\n    file: haddad.txt\n    title: المؤتمر الصحفي لرئيسة البلدية\n").as_bytes(),
    );
    story.build().assert_ok();
    let page = Html::parse_document(&read(&story, "sources/haddad-briefing.html"));
    let html = page.root_element().value();
    assert_eq!(
        (html.attr("lang"), html.attr("dir")),
        (Some("ar"), Some("rtl"))
    );
    let marked: Vec<String> = select(&page, "mark a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(marked, ["لن نخاطر بسلامة السكان"]);
    assert!(
        page.root_element()
            .text()
            .any(|t| t.contains("النص الكامل"))
    );
    assert!(
        story
            .page()
            .contains("href=\"sources/haddad-briefing.html#t-12\"")
    );
}
