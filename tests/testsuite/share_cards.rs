//! The share card: the picture a shared link to the story shows. It is
//! drawn by the build for a story without a photo, named by the page's
//! Open Graph, Twitter and JSON-LD tags, and can be read — by tesseract, as
//! a reader would.

use std::path::{Path, PathBuf};

use crate::common::{BASE_ARTICLE, BASE_FACTS, Story, json_ld, run};

const PAPER: [u8; 3] = [0xfb, 0xfa, 0xf7];

/// The card's pixels as RGB, with its size.
fn pixels(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buffer).expect("one frame");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buffer.truncate(info.buffer_size());
    (info.width, info.height, buffer)
}

fn card(story: &Story) -> Vec<u8> {
    std::fs::read(story.output().join("share-card.png")).expect("share-card.png was written")
}

fn meta(page: &str, property: &str) -> Option<String> {
    let key = format!("property=\"{property}\" content=\"");
    let key = if page.contains(&key) {
        key
    } else {
        format!("name=\"{property}\" content=\"")
    };
    let start = page.find(&key)? + key.len();
    Some(page[start..].split('"').next()?.to_owned())
}

/// How many rows of text, between the kicker and the footer, end well
/// short of the right margin and how many start well after the left one:
/// a ragged edge is the side text is not aligned to. Only rows through
/// the letters' bodies count, not those of a lone dot or descender.
fn ragged_rows(png: &[u8]) -> (usize, usize) {
    let (width, _, rgb) = pixels(png);
    let width = width as usize;
    let (mut ragged_left, mut ragged_right) = (0, 0);
    for y in 100..500 {
        let ink: Vec<usize> = (0..width)
            .filter(|x| rgb[(y * width + x) * 3..][..3] != PAPER)
            .collect();
        let (Some(first), Some(last)) = (ink.first(), ink.last()) else {
            continue;
        };
        if ink.len() < 150 {
            continue;
        }
        if *first > 80 + 120 {
            ragged_left += 1;
        }
        if *last < width - 80 - 120 {
            ragged_right += 1;
        }
    }
    (ragged_left, ragged_right)
}

#[test]
fn the_shipped_story_gets_a_1200_by_630_card_under_300_kb() {
    let story = Story::copy_of(".");
    story.build().assert_ok();
    let png = card(&story);
    let (width, height, rgb) = pixels(&png);
    assert_eq!((width, height), (1200, 630));
    assert!(png.len() < 300 * 1024, "{} bytes", png.len());
    // Drawn, not blank: a fair share of the card is text.
    let ink = rgb.chunks(3).filter(|p| *p != PAPER).count();
    assert!(ink > 20_000, "{ink} pixels of ink");
}

#[test]
fn the_same_story_gives_the_same_card_bytes() {
    let first = Story::copy_of(".");
    let second = Story::copy_of(".");
    first.build().assert_ok();
    second.build().assert_ok();
    assert_eq!(card(&first), card(&second));
    second.edit("content/article.md", "improving ties", "improving trade");
    second.build().assert_ok();
    assert_ne!(card(&first), card(&second), "the card follows the title");
}

#[test]
fn the_head_names_the_card_and_the_card_is_written() {
    let story = Story::copy_of(".");
    story.build().assert_ok();
    let page = story.page();
    let image = meta(&page, "og:image").expect("og:image");
    assert_eq!(image, "share-card.png");
    assert!(story.output().join(&image).is_file());
    assert_eq!(meta(&page, "og:image:width").as_deref(), Some("1200"));
    assert_eq!(meta(&page, "og:image:height").as_deref(), Some("630"));
    assert_eq!(
        meta(&page, "og:image:alt").as_deref(),
        Some(
            "Russia and US agree to start working toward ending the war in Ukraine and improving ties"
        )
    );
    assert_eq!(
        meta(&page, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(
        json_ld(&page)["image"],
        serde_json::json!(["share-card.png"])
    );

    // With a base URL, every address is absolute, as og:url is.
    let base = "https://user.github.io/repo/";
    story.build_at(base).assert_ok();
    let page = story.page();
    let absolute = format!("{base}share-card.png");
    assert_eq!(meta(&page, "og:image"), Some(absolute.clone()));
    assert_eq!(json_ld(&page)["image"], serde_json::json!([absolute]));
    assert!(story.output().join("share-card.png").is_file());
}

#[test]
fn a_story_with_a_photo_shares_its_photo_and_draws_no_card() {
    let story = Story::base();
    story.write(
        "static/riyadh.jpg",
        &crate::common::pictures::jpeg(1600, 1000),
    );
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]\n",
        "authors: [Ada Byrne]\nphoto: {src: riyadh.jpg, caption: The tunnel, alt: The tunnel's mouth}\n",
    );
    let base = "https://example.org/news/";
    story.build_at(base).assert_ok();
    let page = story.page();
    // The photo's 1200-pixel version, which the build makes of it.
    let shared = meta(&page, "og:image").expect("og:image");
    let version = shared
        .strip_prefix(base)
        .filter(|path| path.starts_with("images/") && path.ends_with("-1200.jpg"))
        .unwrap_or_else(|| panic!("og:image is {shared}"));
    assert!(story.output().join(version).is_file(), "{version}");
    assert_eq!(
        meta(&page, "og:image:alt").as_deref(),
        Some("The tunnel&#39;s mouth")
    );
    assert!(!story.output().join("share-card.png").exists());
}

#[test]
fn a_story_may_bring_its_own_card() {
    let story = Story::base();
    let own_card = crate::common::pictures::png(1200, 630);
    story.write("static/cards/tunnel.png", &own_card);
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]\n",
        "authors: [Ada Byrne]\nshare_image: cards/tunnel.png\n",
    );
    story.build().assert_ok();
    let page = story.page();
    assert_eq!(meta(&page, "og:image").as_deref(), Some("cards/tunnel.png"));
    assert!(
        std::fs::read(story.output().join("cards/tunnel.png")).unwrap() == own_card,
        "the own card is published as it is"
    );
    assert_eq!(
        json_ld(&page)["image"],
        serde_json::json!(["cards/tunnel.png"])
    );
    assert!(!story.output().join("share-card.png").exists());
    // The build does not know its size, so it does not claim one.
    assert!(meta(&page, "og:image:width").is_none());
}

#[test]
fn a_missing_own_card_is_a_located_error() {
    let story = Story::base();
    story.write(
        "static/cards/tunnel.png",
        &crate::common::pictures::png(1200, 630),
    );
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]\n",
        "authors: [Ada Byrne]\nshare_image: cards/tunel.png\n",
    );
    story.build().assert_fails_with(&[
        "static/cards/tunel.png does not exist",
        "content/article.md:6:14",
        "did you mean `cards/tunnel.png`?",
    ]);
}

/// No social site shows an SVG card, nor one smaller than 200×200.
#[test]
fn an_own_card_no_site_would_show_is_refused_or_warned() {
    let story = Story::base();
    story.write(
        "static/cards/tunnel.svg",
        br#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="9" height="9"/></svg>"#,
    );
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]\n",
        "authors: [Ada Byrne]\nshare_image: cards/tunnel.svg\n",
    );
    story.build().assert_fails_with(&[
        "content/article.md:6:14",
        "`share_image` is an SVG (static/cards/tunnel.svg), which no social site shows",
        "export the card as PNG or JPEG",
    ]);
    story.write("static/cards/dot.png", &crate::common::pictures::png(1, 1));
    story.edit("content/article.md", "cards/tunnel.svg", "cards/dot.png");
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("`share_image` static/cards/dot.png is 1×1 pixels")
            && run.stderr.contains("content/article.md:6:14"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_publisher_with_a_home_page_and_logo_reaches_the_json_ld() {
    let story = Story::base();
    story.write("static/logo.png", &crate::common::pictures::png(120, 60));
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]\n",
        "authors: [Ada Byrne]\npublisher:\n  name: The Ledger\n  url: https://ledger.example/\n  logo: logo.png\n",
    );
    run(&[
        "build",
        "--root",
        story.root().to_str().unwrap(),
        "--base-url",
        "https://ledger.example/tunnel/",
    ])
    .assert_ok();
    let page = story.page();
    let publisher = &json_ld(&page)["publisher"];
    assert_eq!(publisher["name"], "The Ledger");
    assert_eq!(publisher["url"], "https://ledger.example/");
    assert_eq!(
        publisher["logo"],
        serde_json::json!({"@type": "ImageObject", "url": "https://ledger.example/tunnel/logo.png"})
    );
    assert_eq!(meta(&page, "og:site_name").as_deref(), Some("The Ledger"));

    // The plain form still works, and gives a name only.
    let plain = Story::base();
    plain.edit(
        "content/article.md",
        "authors: [Ada Byrne]\n",
        "authors: [Ada Byrne]\npublisher: The Ledger\n",
    );
    plain.build().assert_ok();
    assert_eq!(
        json_ld(&plain.page())["publisher"],
        serde_json::json!({"@type": "Organization", "name": "The Ledger"})
    );
}

#[test]
fn a_publisher_of_the_wrong_shape_is_a_located_error() {
    let story = Story::base();
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]\n",
        "authors: [Ada Byrne]\npublisher:\n  url: /about/\n  logo: \"javascript:alert(1)\"\n  logos: x.png\n",
    );
    story.build().assert_fails_with(&[
        "`publisher` is missing `name`",
        "`publisher.url` must be a whole web address",
        "content/article.md:7:8",
        "`publisher.logo` links to `javascript:alert(1)`, which is not a web address",
        "unknown field `logos` in `publisher`",
        "did you mean `logo`?",
    ]);
    let list = Story::base();
    list.edit(
        "content/article.md",
        "authors: [Ada Byrne]\n",
        "authors: [Ada Byrne]\npublisher: [The Ledger]\n",
    );
    list.build()
        .assert_fails_with(&["`publisher`", "content/article.md:6:12"]);
}

#[test]
fn date_published_carries_the_time_when_one_is_written() {
    let story = Story::new(
        &BASE_ARTICLE.replace(
            "published: 2025-11-20",
            "published: 2025-11-20T08:15:00-05:00",
        ),
        BASE_FACTS,
    );
    story.build().assert_ok();
    assert_eq!(
        json_ld(&story.page())["datePublished"],
        "2025-11-20T08:15:00-05:00"
    );
}

#[test]
fn an_arabic_card_is_drawn_right_to_left() {
    let arabic = Story::copy_of("tests/fixtures/ar");
    arabic.build().assert_ok();
    let (ragged_left, ragged_right) = ragged_rows(&card(&arabic));
    assert!(
        ragged_left > 10 && ragged_right * 4 < ragged_left,
        "rows ragged on the left {ragged_left}, on the right {ragged_right}"
    );
    // And the control: an English card is ragged on the right.
    let english = Story::copy_of(".");
    english.build().assert_ok();
    let (ragged_left, ragged_right) = ragged_rows(&card(&english));
    assert!(
        ragged_right > 10 && ragged_left * 4 < ragged_right,
        "rows ragged on the left {ragged_left}, on the right {ragged_right}"
    );
}

#[test]
fn a_character_no_font_has_is_one_warning_naming_it() {
    let story = Story::new(
        &BASE_ARTICLE.replace("The tunnel inquiry", "The tunnel inquiry ᚠ\u{FE0F}"),
        BASE_FACTS,
    );
    let run = story.build();
    run.assert_ok();
    assert!(run.stderr.contains("`ᚠ` (U+16A0)"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("U+16A0").count(), 1, "{}", run.stderr);
    assert!(story.output().join("share-card.png").is_file());
    // At the character itself, in the front matter's `title:`.
    assert!(
        run.stderr.contains("content/article.md:2:27"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("the title has `ᚠ`"), "{}", run.stderr);
    // A variation selector is drawn as nothing, by any font.
    assert!(!run.stderr.contains("FE0F"), "{}", run.stderr);
}

#[test]
fn a_quote_card_s_missing_character_is_told_at_the_quote() {
    let story = Story::new(
        &BASE_ARTICLE
            .replace("never tested.", "never ᚠ tested.")
            .replace("What the council knew.", "What the council knew ไ."),
        &BASE_FACTS.replace("never tested.", "never ᚠ tested."),
    );
    let run = story.build_at("https://example.org/tunnel/");
    run.assert_ok();
    // The quote's own line in the facts, not the article.
    assert!(
        run.stderr.contains("content/facts.yaml:16:32"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the quote's text has `ᚠ` (U+16A0)"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("U+16A0").count(), 1, "{}", run.stderr);
    // The story card's description, at `description:`.
    assert!(
        run.stderr.contains("content/article.md:3:36"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the description has `ไ` (U+0E44)"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_title_on_every_quote_card_is_told_once() {
    let story = Story::new(
        &BASE_ARTICLE.replace("The tunnel inquiry", "The tunnel inquiry ᚠ"),
        BASE_FACTS,
    );
    let run = story.build_at("https://example.org/tunnel/");
    run.assert_ok();
    assert_eq!(run.stderr.matches("U+16A0").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/article.md:2:27"),
        "{}",
        run.stderr
    );
}

/// tesseract reads the card as a reader would. CI installs it (see
/// `.ci/run`) and sets EXPLAINER_REQUIRE_OCR=1, so there it cannot be
/// skipped.
#[test]
fn tesseract_reads_the_title_off_the_card() {
    let Some(tesseract) = tesseract() else {
        return;
    };
    let story = Story::copy_of(".");
    story.build().assert_ok();
    let text = read_aloud(&tesseract, &story.output().join("share-card.png")).to_lowercase();
    for word in [
        "explainer",
        "russia",
        "agree",
        "working",
        "toward",
        "ending",
        "ukraine",
        "improving",
        "ties",
        "diplomats",
        "riyadh",
        "february",
        "2025",
    ] {
        assert!(text.contains(word), "`{word}` not read in:\n{text}");
    }
}

/// Every quote's card, read by tesseract, shows who said it with their
/// role, and the story's title whole; a shortened quote still ends with
/// its closing mark.
#[test]
fn tesseract_reads_the_speaker_role_and_title_off_every_quote_card() {
    let Some(tesseract) = tesseract() else {
        return;
    };
    let story = Story::copy_of(".");
    story.build_at("https://news.example/riyadh/").assert_ok();
    let facts = crate::common::facts_json(&story);
    let people = facts["people"].as_array().unwrap();
    let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    for quote in facts["quotes"].as_array().unwrap() {
        let id = quote["id"].as_str().unwrap();
        let speaker = people.iter().find(|p| p["id"] == quote["speaker"]).unwrap();
        let text = one_line(&read_aloud(
            &tesseract,
            &story.output().join(format!("embed/{id}.png")),
        ));
        for wanted in [
            speaker["name"].as_str().unwrap(),
            speaker["role"].as_str().unwrap(),
            "Russia and US agree to start working toward ending the war in Ukraine and improving ties",
        ] {
            assert!(
                text.contains(wanted),
                "{id}: `{wanted}` not read in:\n{text}"
            );
        }
        // The one quote too long for its card is shortened, and closed.
        if id == "quote-unlock-the-door" {
            assert!(text.contains("...”"), "{id}: no closing mark in:\n{text}");
        }
    }
}

/// tesseract, when it is installed; where EXPLAINER_REQUIRE_OCR=1 (CI)
/// its absence fails the test rather than skipping it.
fn tesseract() -> Option<PathBuf> {
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join("tesseract"))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var("EXPLAINER_REQUIRE_OCR").as_deref() != Ok("1"),
            "EXPLAINER_REQUIRE_OCR=1 but tesseract is not installed"
        );
        eprintln!("tesseract is not installed: the OCR check is skipped");
    }
    found
}

/// The text tesseract reads off a picture.
fn read_aloud(tesseract: &Path, picture: &Path) -> String {
    let output = std::process::Command::new(tesseract)
        .arg(picture)
        .arg("stdout")
        .output()
        .expect("tesseract runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A card is drawn once for its words: a rebuild takes it from the story's
/// cache, and without the cache the same card is drawn again.
#[test]
fn a_rebuild_takes_the_card_from_the_cache() {
    let story = Story::base();
    let root = story.root().to_str().unwrap().to_owned();
    let build = || run(&["build", "--root", &root, "--verbose"]);
    let first = build();
    first.assert_ok();
    assert!(
        first.stderr.contains("1 made, 0 from the cache"),
        "{}",
        first.stderr
    );
    let card = std::fs::read(story.output().join("share-card.png")).unwrap();
    let again = build();
    again.assert_ok();
    assert!(
        again.stderr.contains("0 made, 1 from the cache"),
        "{}",
        again.stderr
    );
    assert!(std::fs::read(story.output().join("share-card.png")).unwrap() == card);
    std::fs::remove_dir_all(story.root().join(".cache")).unwrap();
    build().assert_ok();
    assert!(
        std::fs::read(story.output().join("share-card.png")).unwrap() == card,
        "the same card without the cache"
    );
    // A new title is a new card.
    story.edit("content/article.md", "title: ", "title: Now ");
    let retitled = build();
    assert!(
        retitled.stderr.contains("1 made, 0 from the cache"),
        "{}",
        retitled.stderr
    );
}

/// With a base URL each quote's embed page is shared with the quote's own
/// card; other embeds, and builds without a base URL, have none.
#[test]
fn a_shared_quote_shows_its_own_card() {
    let story = Story::copy_of(".");
    let root = story.root().to_str().unwrap().to_owned();
    let base = "https://example.org/riyadh/";
    run(&["build", "--root", &root, "--base-url", base]).assert_ok();
    let embed = story.output().join("embed");
    let mut quotes = 0;
    for entry in std::fs::read_dir(&embed).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let Some(id) = name.strip_suffix(".html") else {
            continue;
        };
        let page = std::fs::read_to_string(&path).unwrap();
        let image = meta(&page, "og:image");
        if !id.starts_with("quote-") {
            assert!(image.is_none(), "{name} has a card");
            continue;
        }
        quotes += 1;
        assert_eq!(image.as_deref(), Some(&*format!("{base}embed/{id}.png")));
        assert_eq!(meta(&page, "og:image:width").as_deref(), Some("1200"));
        assert_eq!(meta(&page, "og:title"), meta(&page, "og:image:alt"));
        let card = std::fs::read(embed.join(format!("{id}.png"))).unwrap();
        assert!(card.len() <= 300 * 1024, "{id}: {} bytes", card.len());
        // The PNG's own header says 1200×630.
        assert_eq!(&card[16..24], &[0, 0, 4, 176, 0, 0, 2, 118], "{id}");
    }
    assert_eq!(quotes, 9);
    run(&["build", "--root", &root]).assert_ok();
    assert!(
        !std::fs::read_dir(&embed).unwrap().any(|e| e
            .unwrap()
            .path()
            .extension()
            .is_some_and(|x| x == "png")),
        "quote cards without a base URL"
    );
}

/// An embed page is what a part of the story is shared from: each says its
/// own address and where it is from, and a quote's card says what it shows
/// to readers of X too.
#[test]
fn embed_pages_carry_their_own_sharing_tags() {
    let story = Story::base();
    story.build_at("https://news.example/tunnel/").assert_ok();
    let quote = story.read("public/embed/quote-safe-and-on.html");
    assert_eq!(
        meta(&quote, "og:url").as_deref(),
        Some("https://news.example/tunnel/embed/quote-safe-and-on.html")
    );
    assert_eq!(
        meta(&quote, "og:image").as_deref(),
        Some("https://news.example/tunnel/embed/quote-safe-and-on.png")
    );
    assert_eq!(
        meta(&quote, "twitter:image:alt"),
        meta(&quote, "og:image:alt")
    );
    assert!(meta(&quote, "twitter:image:alt").is_some());
    for part in ["person-tomas-berg", "event-council-meeting", "timeline"] {
        let page = story.read(&format!("public/embed/{part}.html"));
        assert_eq!(
            meta(&page, "og:url"),
            Some(format!("https://news.example/tunnel/embed/{part}.html")),
            "{part}"
        );
        assert!(meta(&page, "og:title").is_some(), "{part}");
        assert_eq!(
            meta(&page, "og:site_name").as_deref(),
            Some("The tunnel inquiry"),
            "{part}"
        );
        assert_eq!(
            meta(&page, "twitter:card").as_deref(),
            Some("summary"),
            "{part}"
        );
    }
    // Without a base URL there is no address to share.
    let local = Story::base();
    local.build().assert_ok();
    assert!(
        !local
            .read("public/embed/person-tomas-berg.html")
            .contains("og:url")
    );
}
