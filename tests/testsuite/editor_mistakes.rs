//! What a hurried editor does that the build must neither publish nor
//! silently get wrong: private notes, invisible characters, text pasted in
//! another Unicode form, pictures and links to nothing.

use crate::common::{Story, snapshot};

const FACTS: &str = "content/facts.yaml";
const ARTICLE: &str = "content/article.md";

/// Every output file, as text, with its name.
fn output_texts(story: &Story) -> Vec<(String, String)> {
    snapshot(&story.output())
        .into_iter()
        .map(|(path, bytes)| {
            (
                path.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        })
        .collect()
}

#[test]
fn html_comments_reach_no_output_file() {
    let story = Story::base();
    story.edit(
        ARTICLE,
        "Mayor Tomas Berg said",
        "<!-- legal says cut this:\n\nthe mayor's brother -->\n\nMayor <!-- SECRET-INLINE --> Tomas Berg said",
    );
    story.edit(
        FACTS,
        "    group: Engineers\n",
        "    group: Engineers\n    summary: \"Chief engineer. <!-- SECRET-SUMMARY -->\"\ntakeaways:\n  - \"<!-- SECRET-TAKEAWAY -->\"\n  - The lining was never tested.\nupdates:\n  - at: 2025-11-21T10:00:00Z\n    text: \"Adds the engineer. <!-- SECRET-UPDATE -->\"\n",
    );
    let run = story.build();
    run.assert_ok();
    for (file, text) in output_texts(&story) {
        for secret in [
            "legal says",
            "brother",
            "SECRET-INLINE",
            "SECRET-SUMMARY",
            "SECRET-TAKEAWAY",
            "SECRET-UPDATE",
            "&lt;!--",
        ] {
            assert!(!text.contains(secret), "`{secret}` is in {file}");
        }
    }
    let page = story.page();
    // The paragraph around the inline note is whole, and still p-1.
    assert!(
        page.contains("<p id=\"p-1\">Mayor  <a class=\"mention\""),
        "{page}"
    );
    assert!(page.contains("Chief engineer."));
    assert!(page.contains("Adds the engineer."));
    // A takeaway that was only a note is gone; the other stays.
    assert!(page.contains("The lining was never tested."));
}

#[test]
fn a_quote_found_only_in_a_note_does_not_verify() {
    let story = Story::base();
    story.edit(
        ARTICLE,
        "at the March meeting.",
        "at the March meeting. <!-- he also said the budget doubled -->",
    );
    story.edit(
        FACTS,
        "    text: safe and on budget\n",
        "    text: safe and on budget\n  - speaker: tomas-berg\n    text: the budget doubled\n",
    );
    story.build().assert_fails_with(&[
        "content/facts.yaml:16:11",
        "the quote is not in the article",
    ]);
}

#[test]
fn an_invisible_character_in_a_name_is_pointed_at() {
    let story = Story::base();
    story.edit(FACTS, "name: Lena Okafor", "name: Lena\u{200b}Okafor");
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("warning: `name` holds U+200B ZERO WIDTH SPACE, an invisible character")
            && run.stderr.contains("content/facts.yaml:9:15"),
        "{}",
        run.stderr
    );
    // Its own warning says it; "never named" beside it would say nothing
    // the editor could read.
    assert!(!run.stderr.contains("never named"), "{}", run.stderr);
    assert!(run.stderr.contains("1 warning"), "{}", run.stderr);
}

#[test]
fn an_article_in_nfd_matches_facts_in_nfc() {
    let story = Story::base();
    // As macOS and many copy-pastes write it: "e" + U+0302 for "ê", "e" +
    // U+0301 for "é".
    story.edit(
        ARTICLE,
        "at the March meeting.",
        "at the March meeting.\n\nAuditor Ine\u{302}s Duarte called it “un de\u{301}sastre e\u{301}vitable.”",
    );
    story.edit(
        FACTS,
        "quotes:\n",
        "  - id: ines-duarte\n    name: Inês Duarte\n    role: Auditor\n    group: Engineers\nquotes:\n  - speaker: ines-duarte\n    text: un désastre évitable\n",
    );
    // A soft hyphen, as CMSs put in for narrow screens, inside a quote.
    story.edit(ARTICLE, "The lining was", "The lin\u{ad}ing was");
    let run = story.build();
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let page = story.page();
    assert!(
        page.contains("<a class=\"mention\" id=\"mention-ines-duarte\" href=\"#person-ines-duarte\" data-person=\"ines-duarte\">Inês Duarte</a>"),
        "the accented name was not linked"
    );
    // The page is NFC throughout.
    assert!(page.contains("un désastre évitable"));
    assert!(!page.contains('\u{301}') && !page.contains('\u{302}'));
}

#[test]
fn local_pictures_and_links_that_exist_are_published() {
    let story = Story::base();
    story.write("static/maps/basin.png", b"\x89PNG fake");
    story.write("static/docs/memo final.pdf", b"%PDF fake");
    story.edit(
        ARTICLE,
        "Mayor Tomas Berg said",
        "![Map of the basin](maps/basin.png) Mayor Tomas Berg said",
    );
    story.edit(
        ARTICLE,
        "We warned them twice.”",
        "We warned them twice.” [The memo](docs/memo%20final.pdf), [the mayor](#person-tomas-berg), [above](#p-1), [the data](facts.json).",
    );
    story.edit(
        FACTS,
        "    group: Engineers\n",
        "    group: Engineers\n    summary: \"See [the map](./maps/basin.png).\"\n",
    );
    story.build().assert_ok();
    assert_eq!(
        std::fs::read(story.output().join("maps/basin.png")).unwrap(),
        b"\x89PNG fake"
    );
    assert!(story.output().join("docs/memo final.pdf").is_file());
    let page = story.page();
    assert!(
        page.contains("<img src=\"maps/basin.png\" alt=\"Map of the basin\""),
        "{page}"
    );
    assert!(page.contains("href=\"docs/memo%20final.pdf\""));
}

#[test]
fn the_article_may_link_to_any_file_the_build_writes() {
    let story = Story::base();
    story.edit(
        ARTICLE,
        "We warned them twice.”",
        "We warned them twice.” See [every change](changes.html), [the who's who alone](embed/whos-who.html) and [the mayor's card](embed/person-tomas-berg.html).",
    );
    story.build().assert_ok();
    let page = story.page();
    assert!(page.contains("href=\"changes.html\""), "{page}");
    assert!(page.contains("href=\"embed/whos-who.html\""), "{page}");
    for linked in [
        "changes.html",
        "embed/whos-who.html",
        "embed/person-tomas-berg.html",
    ] {
        assert!(story.output().join(linked).is_file(), "{linked}");
    }

    // A file of the build's shapes that this build does not write is
    // still an error, at the link, with what to write instead.
    story.edit(ARTICLE, "(changes.html)", "(feed.xml)");
    story.edit(
        ARTICLE,
        "embed/person-tomas-berg.html",
        "embed/person-tomas-bergg.html",
    );
    let run = story.build();
    run.assert_fails_with(&[
        "content/article.md:10:",
        "the article links to feed.xml, which this build does not write",
        "feed.xml is written only with a base URL",
        "the article links to embed/person-tomas-bergg.html, which this build does not write",
        "did you mean `embed/person-tomas-berg.html`?",
    ]);
    assert!(run.stderr.contains("2 errors"), "{}", run.stderr);
    // With a base URL the feed is written, and only the misspelt card is
    // left.
    let run = story.build_at("https://news.example/tunnel/");
    run.assert_fails_with(&["embed/person-tomas-bergg.html"]);
    assert!(run.stderr.contains("1 error"), "{}", run.stderr);
}

/// The binary run from `dir` with one extra environment variable.
fn run_in(dir: &std::path::Path, args: &[&str], env: (&str, &str)) -> crate::common::Run {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("EXPLAINER_BASE_URL")
        .env(env.0, env.1)
        .output()
        .expect("run explainer");
    crate::common::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn a_root_that_does_not_exist_is_called_that() {
    let run = crate::common::run(&["build", "--root", "/no/such/story"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: the story root does not exist")
            && run.stderr.contains("/no/such/story")
            && run.stderr.contains("explainer new /no/such/story"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("not a folder"), "{}", run.stderr);
}

#[test]
fn an_empty_base_url_variable_is_no_base_url() {
    let story = Story::base();
    let root = story.root().to_str().unwrap();
    let run = run_in(
        story.root(),
        &["build", "--root", root],
        ("EXPLAINER_BASE_URL", ""),
    );
    run.assert_ok();
    // No base URL: no feed, as when the variable is not set at all.
    assert!(!story.output().join("feed.xml").exists());
    assert!(story.output().join("index.html").is_file());
}

#[test]
fn a_base_url_with_a_space_says_the_space_is_the_problem() {
    let story = Story::base();
    let run = crate::common::run(&[
        "build",
        "--root",
        story.root().to_str().unwrap(),
        "--base-url",
        "https://user.github.io/my story/",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "`https://user.github.io/my story/` has a space in it (after `https://user.github.io/my`)"
        ) && run.stderr.contains("%20"),
        "{}",
        run.stderr
    );
}

/// A base URL is a folder every address is made from: what would land in
/// the middle of each address, or publish a password, is a usage error that
/// says what to write instead, and nothing is built.
#[test]
fn a_base_url_that_is_not_a_folder_says_what_to_write() {
    let story = Story::base();
    for (given, says) in [
        (
            "https://x.io/repo/?utm=1",
            "give the folder the site is published at: https://x.io/repo/",
        ),
        ("https://x.io/repo/#frag", "has a fragment (`#frag`)"),
        (
            "https://x.io/repo/index.html",
            "ends in a file name (`index.html`)",
        ),
        ("https://x.io/a%zz/", "has a broken escape (`%zz`)"),
        (
            "https://ed:secret@x.io/repo/",
            "without them: https://x.io/repo/",
        ),
        ("https://bücher.example/", "https://xn--bcher-kva.example/"),
    ] {
        let run = story.build_at(given);
        assert_eq!(run.code, 2, "{given}: {}", run.stderr);
        assert!(
            run.stderr.contains("--base-url") && run.stderr.contains(says),
            "{given}: {}",
            run.stderr
        );
        assert!(!story.output().exists(), "{given} built a site");
    }
    // A path outside ASCII is escaped as a browser sends it.
    story.build_at("https://x.io/café").assert_ok();
    let sitemap = std::fs::read_to_string(story.output().join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://x.io/caf%C3%A9/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn a_site_that_cannot_be_written_exits_3() {
    let story = Story::base();
    // Nothing can create a folder in /proc, whoever runs the test.
    let run = crate::common::run(&[
        "build",
        "--root",
        story.root().to_str().unwrap(),
        "--output",
        "/proc/explainer-site",
    ]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("/proc") && run.stderr.contains("cannot "),
        "{}",
        run.stderr
    );
}

#[test]
fn paths_in_messages_open_from_where_the_command_ran() {
    let story = Story::base();
    std::fs::create_dir(story.root().join("next")).unwrap();
    std::fs::rename(
        story.root().join("content"),
        story.root().join("next/content"),
    )
    .unwrap();
    story.edit(
        "next/content/facts.yaml",
        "speaker: tomas-berg",
        "speaker: tomas-burg",
    );
    let run = run_in(story.root(), &["check", "--root", "next"], ("LANG", "C"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("--> next/content/facts.yaml:13:14"),
        "{}",
        run.stderr
    );
    assert!(story.root().join("next/content/facts.yaml").is_file());
    // A translation's problem too, as every file of the story.
    story.write("next/i18n/fr.yaml", b"kicker: [x]\n");
    let run = run_in(story.root(), &["check", "--root", "next"], ("LANG", "C"));
    assert!(
        run.stderr.contains("--> next/i18n/fr.yaml:1:9"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(story.root().join("next/i18n/fr.yaml")).unwrap();
    // From the root itself, as before.
    let run = run_in(&story.root().join("next"), &["check"], ("LANG", "C"));
    assert!(
        run.stderr.contains("--> content/facts.yaml:13:14"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_update_before_publication_is_flagged() {
    let story = Story::base();
    story.edit(
        FACTS,
        "    title: Tunnel approved\n",
        "    title: Tunnel approved\nupdates:\n  - at: 2024-11-21T10:00:00Z\n    text: Adds the timeline.\n",
    );
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "warning: this update, 2024-11-21T10:00:00Z, is earlier than `published` (2025-11-20)"
        ) && run.stderr.contains("content/facts.yaml:24:9"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_alias_that_is_a_month_or_a_common_word_warns() {
    let story = Story::base();
    story.edit(FACTS, "aliases: [Berg]", "aliases: [Berg, March, Will]");
    let run = story.build();
    run.assert_ok();
    for wanted in [
        "warning: the alias `March` is also a month: every “March” in the article, at the start of a sentence or not, will link to Tomas Berg",
        "content/facts.yaml:7:21",
        "warning: the alias `Will` is also a common word",
        "content/facts.yaml:7:28",
    ] {
        assert!(
            run.stderr.contains(wanted),
            "`{wanted}` missing from:\n{}",
            run.stderr
        );
    }
}

#[test]
fn quotes_and_names_count_in_list_items_table_cells_and_headings() {
    let story = Story::base();
    story.edit(
        ARTICLE,
        "We warned them twice.”\n",
        "We warned them twice.”\n\n## Berg’s “open book” pledge\n\n- Okafor: “tests were skipped”\n\n| Who | Said |\n|---|---|\n| Inês Duarte | “no record was kept” |\n",
    );
    story.edit(
        FACTS,
        "quotes:\n",
        "  - id: ines-duarte\n    name: Inês Duarte\n    role: Auditor\n    group: Engineers\nquotes:\n  - speaker: tomas-berg\n    text: open book\n  - speaker: lena-okafor\n    text: tests were skipped\n  - speaker: ines-duarte\n    text: no record was kept\n",
    );
    let run = story.build();
    run.assert_ok();
    // Named only in a table cell is named: no "never named" warning.
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let page = story.page();
    // p-1 and p-2 are the paragraphs; the heading has its own id; then
    // the list item, and the table's cells in order.
    assert!(
        page.contains("<li id=\"p-3\">Okafor: “tests were skipped”</li>"),
        "{page}"
    );
    assert!(
        page.contains("<td id=\"p-6\"><a class=\"mention\" id=\"mention-ines-duarte\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"#p-3\""),
        "the list item's quote links to it"
    );
    assert!(
        page.contains("href=\"#p-7\""),
        "the table cell's quote links to it"
    );
    let data = std::fs::read_to_string(story.output().join("facts.json")).unwrap();
    assert!(
        data.contains("\"paragraph\": 7") || data.contains("\"paragraph\":7"),
        "{data}"
    );
}

#[test]
fn a_quote_found_only_in_struck_out_text_does_not_verify() {
    let story = Story::base();
    story.edit(
        FACTS,
        "    text: The lining was never tested.\n",
        "    text: The lining was never tested.\n  - speaker: tomas-berg\n    text: a bargain\n",
    );
    // Withdrawn by the article: not a source for the quote.
    story.edit(
        ARTICLE,
        "at the March meeting.",
        "at the March meeting. ~~He called it “a bargain”.~~",
    );
    story.build().assert_fails_with(&[
        "content/facts.yaml:18:11",
        "the quote is not in the article",
    ]);
    // The same words, not struck out, verify.
    story.edit(
        ARTICLE,
        "~~He called it “a bargain”.~~",
        "He called it “a bargain”.",
    );
    story.build().assert_ok();
}

#[test]
fn doubtful_dates_of_updates_corrections_and_events_are_warned_about() {
    let story = Story::base();
    story.edit(FACTS, "date: 2019", "date: 19");
    let mut facts = story.read(FACTS);
    facts.push_str(
        "updates:\n  - at: 2025-11-21\n    text: Adds the reply.\n  - at: 2205-11-22T09:00:00Z\n    text: Adds the vote.\ncorrections:\n  - at: 2025-11-01T10:00:00Z\n    text: The meeting was in March.\n",
    );
    story.write(FACTS, facts.as_bytes());
    let run = story.build();
    run.assert_ok();
    for wanted in [
        "warning: `date` is in the year 19, more than a thousand years ago",
        "content/facts.yaml:21:11",
        "write the year with four digits in quotes",
        "warning: this update's `at` is a day without a time",
        "content/facts.yaml:24:9",
        "with a day alone it counts as midnight UTC",
        "warning: this update, 2205-11-22T09:00:00Z, is dated in the future",
        "content/facts.yaml:26:9",
        "warning: this correction, 2025-11-01T10:00:00Z, is earlier than `published` (2025-11-20)",
        "content/facts.yaml:29:9",
        "a correction comes after the story it corrects",
    ] {
        assert!(
            run.stderr.contains(wanted),
            "`{wanted}` missing:\n{}",
            run.stderr
        );
    }
    // A year written with its four digits is meant.
    story.edit(FACTS, "date: 19", "date: \"0019\"");
    let run = story.build();
    assert!(!run.stderr.contains("thousand years"), "{}", run.stderr);
    // A zero-padded year YAML reads as a number gets help.
    story.edit(FACTS, "date: \"0019\"", "date: 0999");
    story.build().assert_fails_with(&[
        "content/facts.yaml:21:11",
        "`date` must be a date, found a number",
        "a year before 1000 is written with four digits in quotes: `date: \"0999\"`",
    ]);
}

#[test]
fn a_stray_quotation_mark_is_not_doubled_on_the_page() {
    let story = Story::base();
    story.edit(
        FACTS,
        "text: safe and on budget",
        "text: “safe and on budget",
    );
    story.build().assert_ok();
    let page = story.page();
    assert!(
        page.contains("“safe and on budget”</p></blockquote>"),
        "{page}"
    );
    assert!(!page.contains("““"), "{page}");
}

#[test]
fn words_in_alt_text_code_or_struck_out_text_are_not_the_articles() {
    let story = Story::base();
    story.edit(
        ARTICLE,
        "Engineer Lena Okafor disagreed",
        "![Inspector Ruth Amsel at the portal](tunnel.png) The inspector sent `the tunnel is closed` to staff. ~~The lining will hold.~~\n\nEngineer Lena Okafor disagreed",
    );
    story.write("static/tunnel.png", &crate::common::pictures::png(4, 3));
    story.edit(
        FACTS,
        "timeline:\n",
        "  - speaker: ruth-amsel\n    text: the tunnel is closed\n  - speaker: ruth-amsel\n    text: at the portal\n  - speaker: ruth-amsel\n    text: The lining will hold.\ntimeline:\n",
    );
    story.edit(
        FACTS,
        "quotes:\n",
        "  - id: ruth-amsel\n    name: Ruth Amsel\n    role: Inspector\n    group: Engineers\nquotes:\n",
    );
    let run = story.build();
    for wanted in [
        "its words are in paragraph 2 (content/article.md line 10), but only in inline code, which is not the article's text",
        "its words are in paragraph 2 (content/article.md line 10), but only in a picture's alt text, which is not the article's text",
        "its words are in paragraph 2 (content/article.md line 10), but only in struck-out text (`~~…~~`), which is not the article's text",
        "struck-out text is what the article withdrew",
        "warning: Ruth Amsel is named only in a picture's alt text, which is not part of the article's text",
    ] {
        assert!(
            run.stderr.contains(wanted),
            "`{wanted}` missing:\n{}",
            run.stderr
        );
    }
    assert_eq!(
        run.stderr
            .matches("error: the quote is not in the article")
            .count(),
        3
    );
    assert!(!run.stderr.contains("closest is"), "{}", run.stderr);
}

#[test]
fn a_footnote_is_warned_about_where_it_is_written() {
    let story = Story::base();
    story.edit(
        ARTICLE,
        "at the March meeting.",
        "at the March meeting.[^1]\n\n[^1]: The minutes say so.",
    );
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "warning: footnotes are not supported: `[^1]` is shown on the page as it is written"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/article.md:8:80"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("write the note inline"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("footnotes are not supported").count(), 1);
}

#[test]
fn a_broken_front_matter_adds_no_never_named_warnings() {
    let story = Story::base();
    // Berg is named only in the caption; a bad date fails the front matter.
    story.edit(ARTICLE, "Mayor Tomas Berg said", "The mayor said");
    story.edit(
        ARTICLE,
        "published: 2025-11-20\n",
        "published: 2025-11-31\nphoto: {caption: Tomas Berg at the meeting}\n",
    );
    let run = story.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("never named"), "{}", run.stderr);
}

#[test]
fn building_inside_content_says_to_run_from_the_folder_above() {
    let story = Story::base();
    let content = story.root().join("content");
    let run = crate::common::run(&["build", "--root", content.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("this is the story's content/ folder, not its root"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("run from the story root, the folder above")
    );
}
