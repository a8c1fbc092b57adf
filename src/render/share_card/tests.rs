use super::*;

fn english() -> StoryCard<'static> {
    StoryCard {
        kicker: "Explainer",
        title: "Russia and US agree to start working toward ending the war in Ukraine and improving ties",
        dek: Some(
            "Top U.S. and Russian diplomats met in Riyadh, Saudi Arabia, and agreed to pursue three broad goals.",
        ),
        publisher: "explainer",
        date: "19 February 2025",
        lang: "en",
        direction: Direction::Ltr,
    }
}

fn decode(png: &[u8]) -> (png::OutputInfo, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    (info, pixels)
}

#[test]
fn a_card_is_a_1200_by_630_png_the_same_every_time() {
    let first = story_card(&mut Fonts::new(), &english());
    let (info, _) = decode(&first.png);
    assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
    assert!(first.png.len() < 300 * 1024, "{} bytes", first.png.len());
    assert!(first.missing.is_empty(), "{:?}", first.missing);
    assert_eq!(story_card(&mut Fonts::new(), &english()).png, first.png);
}

#[test]
fn a_long_title_is_shortened_and_stays_above_the_footer() {
    let long = "word ".repeat(200);
    let card = StoryCard {
        title: &long,
        dek: Some(&long),
        ..english()
    };
    let mut fonts = Fonts::new();
    let title = Block::fit(
        fonts.loaded(),
        card.title,
        &Style::serif_bold(1.12, TEXT),
        &[72.0, 50.0],
        INNER,
        3,
        Direction::Ltr,
    );
    assert!(title.height() <= 3.0 * 56.0 + 1.0);
    let drawn = story_card(&mut Fonts::new(), &card);
    assert!(drawn.png.len() < 300 * 1024);
}

#[test]
fn a_character_no_font_has_is_reported() {
    let card = StoryCard {
        title: "A title with a rune ᚠ and a Thai word ไทย",
        ..english()
    };
    let drawn = story_card(&mut Fonts::new(), &card);
    assert!(drawn.missing.contains(&'ᚠ'), "{:?}", drawn.missing);
    assert!(drawn.missing.contains(&'ไ'), "{:?}", drawn.missing);
    assert!(!drawn.missing.contains(&' '));
}

#[test]
fn every_built_in_script_has_a_font() {
    for title in [
        "Россия и США договорились",
        "روسيا والولايات المتحدة تتفقان",
        "روسیه و آمریکا توافق کردند",
        "רוסיה וארה״ב הסכימו",
        "俄罗斯和美国同意开始努力结束乌克兰战争",
        "ロシアと米国、ウクライナ戦争終結へ協議開始で合意",
        "Rusya ve ABD anlaştı: İstanbul’da görüşme",
        "Ελλάδα",
    ] {
        let drawn = story_card(&mut Fonts::new(), &StoryCard { title, ..english() });
        assert!(drawn.missing.is_empty(), "{title}: {:?}", drawn.missing);
    }
}

#[test]
fn turkish_capitals_keep_the_dot() {
    assert_eq!(upper_case("açıklama", "tr"), "AÇIKLAMA");
    assert_eq!(upper_case("bilgi", "tr-TR"), "BİLGİ");
    assert_eq!(upper_case("bilgi", "en"), "BILGI");
}

#[test]
fn a_quote_card_draws_its_words() {
    let card = QuoteCard {
        words: "We not only listened, but also heard each other",
        marks: ("“", "”"),
        speaker: "Sergey Lavrov",
        role: Some("Russian Foreign Minister"),
        story_title: "Russia and US agree to start working toward ending the war in Ukraine",
        lang: "en",
        direction: Direction::Ltr,
    };
    let png = quote_card(&mut Fonts::new(), &card);
    let (info, _) = decode(&png);
    assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
    assert!(png.len() < 300 * 1024);
    assert_eq!(quote_card(&mut Fonts::new(), &card), png);
    let other = quote_card(
        &mut Fonts::new(),
        &QuoteCard {
            words: "The conversation was very useful",
            ..card
        },
    );
    assert_ne!(other, png);
}

#[test]
fn the_shipped_fonts_stay_well_under_eight_megabytes() {
    let bytes = font_bytes();
    assert!(bytes > 1_000_000, "{bytes}: the fonts are compiled in");
    assert!(bytes < 7 * 1024 * 1024, "{bytes} bytes of fonts");
}
