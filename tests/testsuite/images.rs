//! The story's photo and portraits at the sizes the page shows them:
//! resized versions, `srcset` and the size attributes, the original left
//! out, bad pictures refused with their place in the story, and the cache.

use std::collections::BTreeMap;
use std::path::Path;

use scraper::{Html, Selector};

use crate::common::broken::{Case, every_case_fails_keeping_output, fails_keeping_output};
use crate::common::pictures::{jpeg as photo, png};
use crate::common::{Story, snapshot};

const ARTICLE: &str = "content/article.md";
const FACTS: &str = "content/facts.yaml";

/// The base story with a 4000×3000 photo and a 1600×2000 headshot.
fn story_with_pictures() -> Story {
    let story = Story::base();
    story.write("static/tunnel.jpg", &photo(4000, 3000));
    story.write("static/people/berg.jpg", &photo(1600, 2000));
    story.edit(
        ARTICLE,
        "authors:",
        "photo: {caption: The tunnel, src: tunnel.jpg}\nauthors:",
    );
    story.edit(
        FACTS,
        "    aliases: [Berg]\n",
        "    aliases: [Berg]\n    image: people/berg.jpg\n",
    );
    story
}

fn size_of(path: &Path) -> (u32, u32) {
    image::ImageReader::open(path)
        .unwrap()
        .with_guessed_format()
        .unwrap()
        .into_dimensions()
        .unwrap()
}

/// `srcset`'s candidates: (URL, width descriptor).
fn candidates(srcset: &str) -> Vec<(String, u32)> {
    srcset
        .split(", ")
        .map(|c| {
            let (url, w) = c.rsplit_once(' ').unwrap();
            (url.to_owned(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

fn attributes(page: &str, selector: &str) -> BTreeMap<String, String> {
    let html = Html::parse_document(page);
    let img = html
        .select(&Selector::parse(selector).unwrap())
        .next()
        .unwrap_or_else(|| panic!("no `{selector}` on the page"));
    img.value()
        .attrs()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[test]
fn the_photo_and_a_portrait_are_resized_into_the_widths_the_page_needs() {
    let story = story_with_pictures();
    story.build().assert_ok();
    let page = story.page();
    let out = story.output();

    let photo = attributes(&page, ".photo img");
    assert_eq!(photo["width"], "4000");
    assert_eq!(photo["height"], "3000");
    assert!(photo["sizes"].contains("38.75rem"), "{photo:?}");
    assert!(!photo.contains_key("loading"), "the lead photo is not lazy");
    let listed = candidates(&photo["srcset"]);
    let widths: Vec<u32> = listed.iter().map(|(_, w)| *w).collect();
    assert_eq!(widths, [480, 800, 1200, 1600, 2560]);
    for (url, width) in &listed {
        let (real_width, real_height) = size_of(&out.join(url));
        assert_eq!(real_width, *width, "{url}");
        assert_eq!(
            real_height,
            (width * 3 + 2) / 4,
            "{url} keeps the 4:3 shape"
        );
        assert!(url.starts_with("images/") && url.ends_with(".jpg"), "{url}");
    }
    assert!(listed.iter().any(|(url, _)| *url == photo["src"]));
    assert!(
        !out.join("tunnel.jpg").exists(),
        "the 4000-pixel original is larger than every version: not published"
    );

    let portrait = attributes(&page, ".portrait");
    assert_eq!((&*portrait["width"], &*portrait["height"]), ("56", "56"));
    assert_eq!(portrait["loading"], "lazy");
    let listed = candidates(&portrait["srcset"]);
    let widths: Vec<u32> = listed.iter().map(|(_, w)| *w).collect();
    assert_eq!(widths, [56, 112, 168], "at most 3× the 56 pixels shown");
    for (url, width) in &listed {
        assert_eq!(size_of(&out.join(url)), (*width, *width), "{url} is square");
    }
    assert!(!out.join("people/berg.jpg").exists());
    let images: u64 = walkdir::WalkDir::new(out.join("images"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.metadata().unwrap().len())
        .sum();
    assert!(images > 0);
}

#[test]
fn no_version_is_wider_than_2560_and_a_small_original_is_its_own_largest() {
    let story = Story::base();
    story.write("static/wide.jpg", &photo(6000, 1000));
    story.edit(
        ARTICLE,
        "authors:",
        "photo: {caption: The tunnel, src: wide.jpg}\nauthors:",
    );
    story.build().assert_ok();
    let widths: Vec<u32> = candidates(&attributes(&story.page(), ".photo img")["srcset"])
        .into_iter()
        .map(|(_, w)| w)
        .collect();
    assert_eq!(widths.last(), Some(&2560));

    let story = Story::base();
    story.write("static/small.jpg", &photo(1000, 500));
    story.edit(
        ARTICLE,
        "authors:",
        "photo: {caption: The tunnel, src: small.jpg}\nauthors:",
    );
    story.build().assert_ok();
    let photo_attributes = attributes(&story.page(), ".photo img");
    let listed = candidates(&photo_attributes["srcset"]);
    assert_eq!(
        listed.last().unwrap(),
        &("small.jpg".to_owned(), 1000),
        "the original is published as it is, as the largest version"
    );
    assert_eq!(
        std::fs::read(story.output().join("small.jpg")).unwrap(),
        std::fs::read(story.root().join("static/small.jpg")).unwrap()
    );
}

#[test]
fn a_png_graphic_gets_webp_versions_when_they_are_smaller() {
    let story = Story::base();
    story.write("static/map.png", &png(1800, 1000));
    story.edit(
        ARTICLE,
        "authors:",
        "photo: {caption: The route, src: map.png}\nauthors:",
    );
    story.build().assert_ok();
    let page = story.page();
    let source = attributes(&page, ".photo picture source");
    assert_eq!(source["type"], "image/webp");
    let img = attributes(&page, ".photo img");
    let webp = candidates(&source["srcset"]);
    let png = candidates(&img["srcset"]);
    let bytes = |url: &str| std::fs::metadata(story.output().join(url)).unwrap().len();
    let total = |list: &[(String, u32)]| list.iter().map(|(u, _)| bytes(u)).sum::<u64>();
    assert!(total(&webp) < total(&png), "{webp:?} {png:?}");
    for (url, width) in &webp {
        assert_eq!(size_of(&story.output().join(url)).0, *width);
    }
}

#[test]
fn a_second_build_takes_every_version_from_the_cache_and_deleting_it_changes_nothing() {
    let story = story_with_pictures();
    let first = crate::common::run(&[
        "build",
        "--verbose",
        "--root",
        story.root().to_str().unwrap(),
    ]);
    first.assert_ok();
    assert!(
        first
            .stderr
            .contains("pictures (resized versions and cards): 8 made, 0 from the cache"),
        "{}",
        first.stderr
    );
    let built = snapshot(&story.output());
    let cache = story.root().join(".cache");
    let kept = snapshot(&cache);
    assert!(!kept.is_empty());
    let times: Vec<_> = walkdir::WalkDir::new(&cache)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().to_path_buf(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect();

    let second = crate::common::run(&[
        "build",
        "--verbose",
        "--root",
        story.root().to_str().unwrap(),
    ]);
    second.assert_ok();
    assert!(
        second
            .stderr
            .contains("pictures (resized versions and cards): 0 made, 8 from the cache"),
        "{}",
        second.stderr
    );
    assert_eq!(snapshot(&cache), kept);
    for (path, time) in &times {
        assert_eq!(
            &std::fs::metadata(path).unwrap().modified().unwrap(),
            time,
            "{path:?} was rewritten"
        );
    }
    assert_eq!(snapshot(&story.output()), built);

    std::fs::remove_dir_all(&cache).unwrap();
    story.build().assert_ok();
    assert_eq!(
        snapshot(&story.output()),
        built,
        "the same bytes without the cache"
    );

    // Any damaged entry is made again, and the output does not change:
    // it never depends on what the cache holds.
    // (Three of the eight, picked by their hashed names, to keep the test
    // short: each damaged one costs a resize of the whole picture.)
    let entries: Vec<_> = snapshot(&cache).into_keys().collect();
    for entry in [
        &entries[0],
        &entries[entries.len() / 2],
        &entries[entries.len() - 1],
    ] {
        std::fs::write(cache.join(entry), b"damaged").unwrap();
        story.build().assert_ok();
        assert_eq!(snapshot(&story.output()), built, "with {entry:?} damaged");
    }
}

#[cfg(unix)]
#[test]
fn a_cache_folder_that_cannot_be_written_is_no_cache_and_no_error() {
    use std::os::unix::fs::PermissionsExt;
    let story = story_with_pictures();
    let cache = story.root().join(".cache");
    std::fs::create_dir(&cache).unwrap();
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o500)).unwrap();
    story.build().assert_ok();
    let page = story.page();
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert!(page.contains("srcset="));
}

/// Every bad picture in one run, each at the value that names it, and the
/// last good site left as it was.
#[test]
fn bad_pictures_are_located_errors_and_nothing_is_written() {
    let story = Story::base();
    story.build().assert_ok();
    let good = snapshot(&story.output());

    story.write("static/broken.jpg", b"\xFF\xD8\xFF\xE0 not really a JPEG");
    story.write("static/people/empty.png", &zero_sized_png());
    story.write(
        "static/people/bomb.png",
        &png_header_claiming(30_000, 30_000),
    );
    story.write(
        "static/people/script.svg",
        br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>"#,
    );
    story.write("static/people/notes.txt", b"not a picture");
    story.edit(
        ARTICLE,
        "authors:",
        "photo: {caption: The tunnel, src: broken.jpg}\nauthors:",
    );
    let people = "    aliases: [Berg]\n    image: people/bomb.png
  - id: ada-byrne
    name: Ada Byrne
    role: Reporter
    group: Council
    image: people/empty.png
  - id: ben-cole
    name: Ben Cole
    role: Editor
    group: Council
    image: people/notes.txt
  - id: cy-dunn
    name: Cy Dunn
    role: Designer
    group: Council
    image: people/script.svg
";
    story.edit(FACTS, "    aliases: [Berg]\n", people);
    let run = story.build();
    run.assert_fails_with(&[
        "content/article.md:5:",
        "static/broken.jpg cannot be decoded",
        "content/facts.yaml:8:12",
        "static/people/bomb.png says it is 30000×30000 pixels",
        "static/people/script.svg is an SVG with script in it (an `onload` attribute on <svg>, line 1)",
        "static/people/empty.png has no pixels",
        "static/people/notes.txt is not a picture",
        "Save as Plain SVG",
        "Build failed: 5 errors",
    ]);
    assert_eq!(
        snapshot(&story.output()),
        good,
        "the last good site is kept"
    );
}

fn png_chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend(kind);
    chunk.extend(data);
    let crc = crc32(&chunk[4..]);
    chunk.extend(crc.to_be_bytes());
    chunk
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG whose header claims `width`×`height`, with no pixels behind it:
/// the first bytes of a decompression bomb.
fn png_header_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(png_chunk(b"IHDR", &ihdr));
    bytes.extend(png_chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    bytes.extend(png_chunk(b"IEND", &[]));
    bytes
}

fn zero_sized_png() -> Vec<u8> {
    png_header_claiming(0, 16)
}

#[test]
fn svg_and_gif_pictures_are_published_as_they_are() {
    let story = Story::base();
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80" fill="teal"/></svg>"#;
    story.write("static/chart.svg", svg);
    // A 1×1 GIF.
    let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
    story.write("static/people/berg.gif", gif);
    story.edit(
        ARTICLE,
        "authors:",
        "photo: {caption: The chart, src: chart.svg}\nauthors:",
    );
    story.edit(
        FACTS,
        "    aliases: [Berg]\n",
        "    aliases: [Berg]\n    image: people/berg.gif\n",
    );
    story.build().assert_ok();
    let page = story.page();
    let photo = attributes(&page, ".photo img");
    assert_eq!(photo["src"], "chart.svg");
    assert_eq!((&*photo["width"], &*photo["height"]), ("120", "80"));
    assert!(!photo.contains_key("srcset"));
    assert_eq!(attributes(&page, ".portrait")["src"], "people/berg.gif");
    assert_eq!(
        std::fs::read(story.output().join("chart.svg")).unwrap(),
        svg
    );
    assert_eq!(
        std::fs::read(story.output().join("people/berg.gif")).unwrap(),
        gif
    );
}

fn git(root: &Path, args: &[&str]) {
    crate::common::git(root, args, "2025-11-20T08:00:00Z");
}

/// A past edition is rendered with today's static files: its photo's
/// versions are the latest's, linked from `editions/<id>/`.
#[test]
fn a_past_edition_shows_the_same_versions_from_its_own_folder() {
    let story = Story::base();
    story.write("static/tunnel.jpg", &photo(1000, 750));
    story.edit(
        ARTICLE,
        "authors:",
        "photo: {caption: The tunnel, src: tunnel.jpg}\nauthors:",
    );
    std::fs::write(story.root().join(".gitignore"), "public/\n.cache/\n").unwrap();
    git(story.root(), &["init", "-q"]);
    git(story.root(), &["add", "-A"]);
    git(story.root(), &["commit", "-q", "-m", "First report"]);
    let facts = story.read(FACTS);
    story.write(
        FACTS,
        format!(
            "{facts}updates:\n  - at: 2025-11-21T09:00:00Z\n    text: Adds the council's reply.\n"
        )
        .as_bytes(),
    );
    story.build().assert_ok();
    let latest = attributes(&story.page(), ".photo img");
    let editions: Vec<_> = std::fs::read_dir(story.output().join("editions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let [edition] = editions.as_slice() else {
        panic!("{editions:?}");
    };
    let page = std::fs::read_to_string(edition.join("index.html")).unwrap();
    let past = attributes(&page, ".photo img");
    for ((url, width), (latest_url, latest_width)) in candidates(&past["srcset"])
        .iter()
        .zip(candidates(&latest["srcset"]))
    {
        assert_eq!(url, &format!("../../{latest_url}"));
        assert_eq!(*width, latest_width);
        assert_eq!(size_of(&edition.join(url)).0, *width, "{url}");
    }
    assert_eq!(past["src"], format!("../../{}", latest["src"]));
}

/// A JPEG whose header is whole but whose pixels are cut short passes the
/// header check; resizing finds it, and the build writes nothing.
#[test]
fn a_photo_cut_short_is_an_error_naming_its_file() {
    let story = Story::base();
    story.build().assert_ok();
    let good = snapshot(&story.output());
    let whole = photo(800, 600);
    story.write("static/tunnel.jpg", &whole[..whole.len() / 2]);
    story.edit(
        ARTICLE,
        "authors:",
        "photo: {caption: The tunnel, src: tunnel.jpg}\nauthors:",
    );
    story.build().assert_fails_with(&[
        "static/tunnel.jpg cannot be decoded",
        "export it again from the original",
        "nothing was written",
    ]);
    assert_eq!(snapshot(&story.output()), good);
}

/// A WebP of `width`×`height`, as the encoder at hand writes one.
fn webp(width: u32, height: u32) -> Vec<u8> {
    use image::ImageEncoder;
    let pixels: Vec<u8> = (0..width * height * 3).map(|i| (i % 241) as u8).collect();
    let mut out = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut out)
        .write_image(&pixels, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// An animated PNG of two frames, as the `png` crate writes one.
fn apng(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_animated(2, 0).unwrap();
    let mut writer = encoder.write_header().unwrap();
    for shade in [40u8, 200] {
        let frame = vec![shade; (width * height * 3) as usize];
        writer.write_image_data(&frame).unwrap();
    }
    writer.finish().unwrap();
    out
}

/// Pictures published as they are (a WebP, a GIF, a small photo, the
/// story's own card, the publisher's logo) are read to their end: one cut
/// short is refused at the value that names it, before it could ship (one
/// of them as og:image).
#[test]
fn pictures_published_as_they_are_are_read_whole() {
    let story = Story::base();
    story.build().assert_ok();
    let good = snapshot(&story.output());
    let cut = |bytes: Vec<u8>| bytes[..bytes.len() * 2 / 3].to_vec();
    let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
    story.write("static/card.webp", &cut(webp(1200, 630)));
    story.write("static/logo.png", &cut(png(300, 60)));
    story.write("static/small.jpg", &cut(photo(300, 200)));
    story.write("static/people/berg.gif", &gif[..gif.len() - 4]);
    story.edit(
        ARTICLE,
        "authors:",
        "photo: {caption: The tunnel, src: small.jpg}\nshare_image: card.webp\npublisher: {name: The Ledger, logo: logo.png}\nauthors:",
    );
    story.edit(
        FACTS,
        "    aliases: [Berg]\n",
        "    aliases: [Berg]\n    image: people/berg.gif\n",
    );
    story.build().assert_fails_with(&[
        "content/article.md:5:",
        "static/small.jpg cannot be decoded: it is cut short",
        "content/article.md:6:14",
        "static/card.webp cannot be decoded",
        "content/article.md:7:",
        "static/logo.png cannot be decoded: it is cut short (the file ends inside its IDAT chunk)",
        "content/facts.yaml:8:12",
        "static/people/berg.gif cannot be decoded: it is cut short",
        "Build failed: 4 errors",
    ]);
    assert_eq!(snapshot(&story.output()), good);

    // A byte changed inside a PNG is found by its checksum.
    let mut damaged = png(300, 60);
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x55;
    story.write("static/logo.png", &damaged);
    story
        .build()
        .assert_fails_with(&["its IDAT chunk is damaged: the checksum does not match"]);

    // Whole again, every one builds.
    story.write("static/card.webp", &webp(1200, 630));
    story.write("static/logo.png", &png(300, 60));
    story.write("static/small.jpg", &photo(300, 200));
    story.write("static/people/berg.gif", gif);
    story.build().assert_ok();
}

/// An animated PNG keeps its animation: it is published as it is, as a GIF
/// is, with no one-frame WebP for the browser to prefer.
#[test]
fn an_animated_png_is_published_as_it_is() {
    let story = Story::base();
    let animated = apng(640, 360);
    story.write("static/flood.png", &animated);
    story.edit(
        ARTICLE,
        "authors:",
        "photo: {caption: The flood, src: flood.png}\nauthors:",
    );
    story.build().assert_ok();
    let page = story.page();
    let photo = attributes(&page, ".photo img");
    assert_eq!(photo["src"], "flood.png");
    assert_eq!((&*photo["width"], &*photo["height"]), ("640", "360"));
    assert!(!photo.contains_key("srcset"), "{photo:?}");
    assert!(!page.contains(".webp"), "a WebP version was offered");
    assert!(!story.output().join("images").exists());
    assert_eq!(
        std::fs::read(story.output().join("flood.png")).unwrap(),
        animated
    );
}

/// An SVG is a document on the site's origin when opened on its own: the
/// frame inside `foreignObject` that passed the old script check, and a
/// tracker image, are refused, named or not, each with its line.
#[test]
fn an_svg_that_could_load_or_run_anything_is_refused_named_or_not() {
    let story = Story::base();
    story.build().assert_ok();
    let good = snapshot(&story.output());
    story.write(
        "static/chart.svg",
        br#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">
<foreignObject width="40" height="20"><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;alert(document.domain)&lt;/script&gt;"/></foreignObject>
</svg>"#,
    );
    story.write(
        "static/maps/basin.svg",
        br#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/>
<image width="1" height="1" href="https://tracker.example/pixel.gif"/></svg>"#,
    );
    story.edit(
        ARTICLE,
        "authors:",
        "photo: {caption: The chart, src: chart.svg}\nauthors:",
    );
    story.build().assert_fails_with(&[
        "content/article.md:5:",
        "static/chart.svg is an SVG that could load or run something when opened on its own: a <foreignObject> on line 2, which holds HTML",
        "static/maps/basin.svg is an SVG that could load or run something when opened on its own: `href=\"https://tracker.example/pixel.gif\"` on <image>, line 2",
        "Plain or Optimized SVG",
        "Build failed: 2 errors",
    ]);
    assert_eq!(snapshot(&story.output()), good);
}

/// This check's XML parser reads an entity's value as text, where XML's
/// rules, and browsers, read it as markup: `&s;` below is a `<script>` to
/// them. And a file nested thousands deep once overflowed the parser's
/// stack and killed the build.
#[test]
fn an_svg_entity_holding_markup_is_refused_and_deep_nesting_ends_cleanly() {
    let story = Story::base();
    story.build().assert_ok();
    let good = snapshot(&story.output());
    story.write(
        "static/chart.svg",
        b"<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY s \"&#60;script&#62;alert(document.domain)&#60;/script&#62;\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&s;</svg>\n",
    );
    let deep = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\">{}{}</svg>",
        "<g>".repeat(20_000),
        "</g>".repeat(20_000)
    );
    story.write("static/deep.svg", deep.as_bytes());
    story.edit(
        ARTICLE,
        "authors:",
        "photo: {caption: The chart, src: deep.svg}\nauthors:",
    );
    story.build().assert_fails_with(&[
        "static/chart.svg is an SVG that could load or run something when opened on its own: an entity declaration on line 2 that holds markup or a reference",
        "content/article.md:5:",
        "its elements are nested more than 256 deep",
        "Build failed: 2 errors",
    ]);
    assert_eq!(snapshot(&story.output()), good);
}

const CASES: &[Case] = &[
    Case {
        name: "photo outside static",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors: [Ada Byrne]\nphoto: {caption: The tunnel, src: ../content/facts.yaml}",
        expect: &["content/article.md:6:", "must name a file under static/"],
    },
    Case {
        name: "image an absolute path",
        file: FACTS,
        from: "    aliases: [Berg]\n",
        to: "    aliases: [Berg]\n    image: /etc/passwd\n",
        expect: &["content/facts.yaml:8:12", "must name a file under static/"],
    },
    Case {
        name: "image that does not exist",
        file: FACTS,
        from: "    aliases: [Berg]\n",
        to: "    aliases: [Berg]\n    image: people/berg.jpg\n",
        expect: &[
            "content/facts.yaml:8:12",
            "static/people/berg.jpg does not exist",
        ],
    },
    Case {
        name: "picture that does not exist",
        file: ARTICLE,
        from: "Mayor Tomas Berg said",
        to: "![Map](maps/basin.png) Mayor Tomas Berg said",
        expect: &[
            "content/article.md:8:8",
            "the article shows static/maps/basin.png, which does not exist",
            "put the file in the story's static/ folder",
        ],
    },
    Case {
        name: "picture outside static",
        file: ARTICLE,
        from: "Mayor Tomas Berg said",
        to: "![Map](../secret.png) Mayor Tomas Berg said",
        expect: &[
            "content/article.md:8:8",
            "a picture in the article must be a file under static/",
        ],
    },
    Case {
        name: "picture in a summary that does not exist",
        file: FACTS,
        from: "    group: Engineers\n",
        to: "    group: Engineers\n    summary: \"![Portrait](people/okafor.jpg)\"\n",
        expect: &[
            "content/facts.yaml:12:14",
            "`summary` shows static/people/okafor.jpg, which does not exist",
        ],
    },
];

#[test]
fn every_broken_input_is_reported_and_the_last_good_output_survives() {
    every_case_fails_keeping_output(CASES);
}

// Paths: `image` and `photo.src` name files under static/ and nothing else.
#[test]
fn image_paths_that_leave_static_are_refused() {
    for path in [
        "../content/facts.yaml",
        "static/../content/facts.yaml",
        "people/../../content/facts.yaml",
        "/etc/passwd",
        "./people/berg.jpg",
        "people\\\\..\\\\..\\\\secret",
        "file:///etc/passwd",
        "https://example.org/berg.jpg",
    ] {
        fails_keeping_output(
            |story| {
                story.write("static/people/berg.jpg", b"jpg");
                story.edit(
                    FACTS,
                    "    aliases: [Berg]\n",
                    &format!("    aliases: [Berg]\n    image: \"{path}\"\n"),
                );
            },
            &[
                "content/facts.yaml:8:12",
                "`image` must name a file under static/",
            ],
        );
        fails_keeping_output(
            |story| {
                story.edit(
                    ARTICLE,
                    "authors:",
                    &format!("photo: {{caption: Tunnel, src: \"{path}\"}}\nauthors:"),
                );
            },
            &[
                "content/article.md:5:",
                "`src` must name a file under static/",
            ],
        );
    }
}

#[test]
fn an_image_under_static_builds() {
    let story = Story::base();
    let picture = crate::common::jpeg(40, 30);
    story.write("static/people/berg.jpg", &picture);
    story.edit(
        FACTS,
        "    aliases: [Berg]\n",
        "    aliases: [Berg]\n    image: static/people/berg.jpg\n",
    );
    story.edit(
        ARTICLE,
        "authors:",
        "photo: {caption: Tunnel, src: people/berg.jpg}\nauthors:",
    );
    story.build().assert_ok();
    assert!(story.page().contains("src=\"people/berg.jpg\""));
    // Smaller than any resized version: the photo is the file itself.
    assert_eq!(
        std::fs::read(story.output().join("people/berg.jpg")).unwrap(),
        picture
    );
}

/// The SVG regressions are refused or published as the README says; the
/// fuzz inputs only need to end, but these were written to be caught.
#[test]
fn the_kept_svgs_that_could_run_or_load_are_refused() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions/svg");
    for (name, refused) in [
        ("foreign-object-iframe-srcdoc.svg", true),
        ("entity-hides-script.svg", true),
        ("css-escape-url.svg", true),
        ("set-href.svg", true),
        ("not-xml.svg", true),
        ("deep-nesting.svg", true),
        ("entity-expansion.svg", true),
    ] {
        let data = std::fs::read(base.join(name)).unwrap();
        assert_eq!(
            explainer::stages::check_svg(&data).is_err(),
            refused,
            "{name}: {:?}",
            explainer::stages::check_svg(&data)
        );
    }
}
