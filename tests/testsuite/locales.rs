//! The page in the article's language: the French and Arabic test stories
//! (`tests/fixtures/fr`, `tests/fixtures/ar`) read in their language, with
//! CLDR's dates, right to left where Arabic reads so; a story's own
//! `i18n/<lang>.yaml`, and what goes wrong with one.

use crate::common::broken::{ARTICLE, Case, FACTS, every_case_fails_keeping_output};
use crate::common::{Story, between, edge};

fn built(fixture: &str) -> (Story, String) {
    let story = Story::copy_of(fixture);
    let run = story.build();
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let page = story.page();
    (story, page)
}

/// The text of every `<h2>`, in order.
fn headings(page: &str) -> Vec<String> {
    page.split("<h2")
        .skip(1)
        .map(|s| {
            let s = &s[s.find('>').unwrap() + 1..];
            s[..s.find("</h2>").unwrap()].to_owned()
        })
        .collect()
}

#[test]
fn a_french_story_reads_in_french() {
    let (story, page) = built("tests/fixtures/fr");
    assert!(page.contains("<html lang=\"fr\" dir=\"ltr\">"));
    assert_eq!(
        headings(&page),
        [
            "Ce qu’il faut savoir",
            "Sommaire",
            "L’article",
            "Qui est qui",
            "Les citations clés",
            "Chronologie",
            "Mises à jour",
        ]
    );
    let toc = between(&page, "<nav class=\"toc\"", "</nav>");
    for entry in [
        "L’article",
        "Qui est qui",
        "Les citations clés",
        "Chronologie",
    ] {
        assert!(toc.contains(&format!("\">{entry}</a>")), "{entry}");
    }
    assert!(page.contains("<a class=\"skip-link\" href=\"#article\">Aller à l’article</a>"));
    assert!(page.contains("<p class=\"kicker\">Décryptage</p>"));
    assert!(page.contains("<span class=\"byline\">Par Claire Vasseur et Julien Marchal</span>"));
    assert!(page.contains("<meta property=\"og:locale\" content=\"fr_FR\">"));
    assert!(page.contains("\"inLanguage\":\"fr\""));
    // CLDR's French: lower-case months, day first, a 24-hour clock.
    let header = between(&page, "<header", "</header>");
    assert!(header.contains(
        "Publié le <time datetime=\"2026-05-13T09:30:00+02:00\">13 mai 2026 à 09:30 UTC+2</time>"
    ));
    assert!(header.contains(
        "Mis à jour le <time datetime=\"2026-05-13T18:05:00+02:00\">13 mai 2026 à 18:05 UTC+2</time>"
    ));
    let timeline = between(&page, "id=\"timeline\"", "</section>");
    let dates: Vec<&str> = timeline
        .split("<time datetime=\"")
        .skip(1)
        .map(|s| &s[s.find('>').unwrap() + 1..s.find('<').unwrap()])
        .collect();
    assert_eq!(
        dates,
        [
            "1998",
            "août 2019",
            "12 mars 2026",
            "13 mai 2026 à 09:30 UTC+2",
            "septembre 2026"
        ]
    );
    assert!(timeline.contains("<strong>Cet article</strong> est publié."));
    assert!(timeline.contains("<span class=\"badge\">À venir</span>"));
    assert!(timeline.contains("<p class=\"event-source\">Source\u{a0}: Le Progrès des tests</p>"));
    // Quotes typed in the facts with their guillemets, found in the article
    // set with no-break spaces, shown once inside the page's own.
    let quotes = between(&page, "<section id=\"quotes\"", "</section>");
    assert!(quotes.contains(
        "<p>«\u{a0}Nous ne prendrons aucun risque avec la sécurité des habitants !\u{a0}»</p>"
    ));
    assert!(quotes.contains("<p>«\u{a0}ont appris la nouvelle par la presse\u{a0}»</p>"));
    assert_eq!(quotes.matches("«").count(), 4, "{quotes}");
    assert!(quotes.contains("Lire dans l’article"));
    let cards = between(&page, "<section id=\"whos-who\"", "</main>");
    for label in ["Citations", "Dans la chronologie", "Première mention"] {
        assert!(cards.contains(label), "{label}");
    }
    assert!(page.contains("Qui est qui, citations et chronologie vérifiés d’après l’article."));
    // The script's words, for the extras.
    let words = between(&page, "id=\"explainer-words\">", "</script>");
    let words = &words[words.find('>').unwrap() + 1..];
    let words: serde_json::Value = serde_json::from_str(words).unwrap();
    assert_eq!(words["copy_link"], "Copier le lien");
    assert_eq!(words["quotes_other"], "{n} citations");
    let not_found = story.read("public/404.html");
    assert!(not_found.contains("<title>Page introuvable · Lyon"));
    assert!(not_found.contains("<h1>Page introuvable</h1>"));
    // No English left among the page's own words.
    let body = between(&page, "<body", "</body>");
    for english in [
        "Who’s who",
        "Key quotes",
        "Timeline",
        "Published",
        "Read it",
        "First mention",
        "Upcoming",
    ] {
        assert!(!body.contains(english), "{english}");
    }
}

#[test]
fn an_arabic_story_reads_right_to_left() {
    let (story, page) = built("tests/fixtures/ar");
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(story.read("public/404.html").contains("dir=\"rtl\""));
    assert_eq!(
        headings(&page),
        [
            "ما يجب معرفته",
            "ما نعرفه",
            "ما لا نعرفه بعد",
            "أبرز الأحداث",
            "في هذه الصفحة",
            "التقرير",
            "أبرز الشخصيات",
            "أبرز التصريحات",
            "التسلسل الزمني",
            "التحديثات",
        ]
    );
    assert!(page.contains("<span class=\"byline\">بقلم ريم العلي ويوسف خليل</span>"));
    // The newsroom's words are the page's too.
    assert!(page.contains(">كيف أعددنا هذا التقرير</h3>"));
    assert!(page.contains("<p class=\"dateline\">عمّان</p>"));
    assert!(
        page.contains("معاييرنا: <a href=\"https://example.org/amman/corrections\">التصحيحات</a>")
    );
    assert!(page.contains("<meta property=\"og:locale\" content=\"ar_EG\">"));
    let timeline = between(&page, "id=\"timeline\"", "</section>");
    for date in [
        "\"1998\">1998<",
        "\"2019-08\">أغسطس 2019<",
        "\"2026-03-12\">12 مارس 2026<",
        "\"2026-09\">سبتمبر 2026<",
    ] {
        assert!(timeline.contains(date), "{date}");
    }
    // CLDR's Arabic clock has 12 hours, with ص and م.
    assert!(page.contains("13 مايو 2026 في 6:05 م"));
    assert!(timeline.contains("<span class=\"badge\">مرتقب</span>"));
    // A Latin name in Arabic text is isolated wherever it stands; Arabic
    // names, in their own direction, need nothing.
    let article = between(&page, "<article", "</article>");
    assert!(article.contains("<a class=\"mention\" dir=\"ltr\" id=\"mention-marie-dupont\""));
    assert!(article.contains("<a class=\"mention\" id=\"mention-layla-haddad\""));
    assert!(page.contains("<h4 lang=\"fr\" dir=\"ltr\">Marie Dupont</h4>"));
    assert!(
        page.contains("href=\"#person-marie-dupont\" lang=\"fr\" dir=\"ltr\">Marie Dupont</a>")
    );
    assert!(!page.contains("dir=\"rtl\">ليلى"));
    let quotes = between(&page, "<section id=\"quotes\"", "</section>");
    assert!(quotes.contains("<p>«التشققات كانت واضحة منذ الصيف الماضي»</p>"));
    assert!(quotes.contains("<span class=\"role\">خبيرة فرنسية في الأنفاق</span>"));
    assert!(quotes.contains("</a>، <span class=\"role\">"));
}

#[test]
fn the_built_in_stylesheet_mirrors_right_to_left() {
    let (story, _) = built("tests/fixtures/ar");
    let css = story.read("public/style.css");
    // Logical properties only: no side is named, so the layout, the
    // timeline's line and its markers follow the page's direction.
    for physical in ["left", "right"] {
        assert!(!css.contains(physical), "{physical} in the stylesheet");
    }
    assert!(css.contains("border-inline-start:2px solid var(--edge)"));
    assert!(css.contains("inset-inline-start:calc(-.5rem - 1px)"));
    assert!(css.contains("[dir=rtl]{--x:-1}"));
}

#[test]
fn a_story_overrides_words_and_the_rest_fall_back() {
    let story = Story::copy_of("tests/fixtures/fr");
    story.write(
        "i18n/fr.yaml",
        "# Our house style\nkicker: \"L’explication\"\nbyline: \"Un article de {authors}\"\n"
            .as_bytes(),
    );
    story.build().assert_ok();
    let page = story.page();
    assert!(page.contains("<p class=\"kicker\">L’explication</p>"));
    assert!(page.contains("Un article de Claire Vasseur et Julien Marchal"));
    assert!(page.contains("<h2 id=\"whos-who-title\">Qui est qui</h2>"));
}

#[test]
fn regional_tags_fall_back_to_their_language() {
    let story = Story::base();
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]",
        "authors: [Ada Byrne, Bia Lopes]\nlang: pt-BR",
    );
    let run = story.build();
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let page = story.page();
    assert!(page.contains("<h2 id=\"whos-who-title\">Quem é quem</h2>"));
    assert!(page.contains("Por Ada Byrne e Bia Lopes"));
    // Brazilian dates: `de` between day, month and year.
    assert!(page.contains(">20 de novembro de 2025</time>"), "{page}");
    assert!(page.contains("<meta property=\"og:locale\" content=\"pt_BR\">"));
}

#[test]
fn a_language_without_words_builds_in_english_and_says_how_to_add_them() {
    let story = Story::base();
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]",
        "authors: [Ada Byrne]\nlang: sv",
    );
    let run = story.build();
    run.assert_ok();
    assert_eq!(run.stderr.matches("warning:").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("no translation for `sv`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/article.md:6:7"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("add i18n/sv.yaml"), "{}", run.stderr);
    let page = story.page();
    assert!(page.contains("<html lang=\"sv\" dir=\"ltr\">"));
    assert!(page.contains("<h2 id=\"whos-who-title\">Who’s who</h2>"));
    assert!(page.contains(">20 November 2025</time>"));

    // With the story's own Swedish words, the page and its dates are
    // Swedish, and the warning is gone.
    story.write(
        "i18n/sv.yaml",
        "whos_who: Vem är vem\npublished: Publicerad\n".as_bytes(),
    );
    let run = story.build();
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let page = story.page();
    assert!(page.contains("<h2 id=\"whos-who-title\">Vem är vem</h2>"));
    assert!(page.contains("Publicerad <time datetime=\"2025-11-20\">20 november 2025</time>"));
}

#[test]
fn bad_translation_files_are_reported_with_their_place() {
    let story = Story::base();
    story.build().assert_ok();
    let before = crate::common::snapshot(&story.output());
    story.write(
        "i18n/fr.yaml",
        "kicker: Décryptage\nwhos_whoo: Qui est qui\nbyline: Par nos reporters\nupcoming: [À venir]\n"
            .as_bytes(),
    );
    story.write("i18n/french.yaml", "kicker: x\n".as_bytes());
    story.build().assert_fails_with(&[
        "i18n/fr.yaml:2:1",
        "unknown key `whos_whoo` in a translation",
        "did you mean `whos_who`?",
        "i18n/fr.yaml:3:9",
        "`byline` must keep `{authors}`",
        "i18n/fr.yaml:4:11",
        "`upcoming` must be text, found a list",
        "i18n/french.yaml",
        "`french` is not a language tag",
        "did you mean i18n/fr.yaml?",
        "4 errors",
    ]);
    assert_eq!(crate::common::snapshot(&story.output()), before);

    // Files that do not parse, like any other YAML; both in one run.
    std::fs::remove_file(story.root().join("i18n/french.yaml")).unwrap();
    story.write("i18n/de.yaml", "kicker: \"Hintergrund\n".as_bytes());
    story.write("i18n/ja.yml", "kicker: 解説\n".as_bytes());
    story.build().assert_fails_with(&[
        "i18n/de.yaml:1:9",
        "i18n/ja.yml",
        "rename it to i18n/ja.yaml",
        "2 errors",
    ]);
    assert_eq!(crate::common::snapshot(&story.output()), before);
}

/// A team's notes beside its translations are ignored with a warning each;
/// a `.yml` is read and checked as a translation and refused by its name;
/// and every file's problems come out in the same run.
#[test]
fn stray_files_in_i18n_are_each_told_in_one_run() {
    let story = Story::base();
    story.write("i18n/README.md", b"# Our translations\n");
    story.write("i18n/old/fr.yaml", b"kicker: Ancien\n");
    story.write("i18n/fr.txt", b"kicker: Texte\n");
    story.write("i18n/ja.yml", "kickr: 解説\n".as_bytes());
    story.write("i18n/fr.yaml", b"whos_whoo: Qui est qui\n");
    let run = story.build();
    run.assert_fails_with(&[
        "i18n/ja.yml",
        "a translation's file name ends in `.yaml`",
        "rename it to i18n/ja.yaml",
        "i18n/ja.yml:1:1",
        "unknown key `kickr` in a translation",
        "i18n/fr.yaml:1:1",
        "unknown key `whos_whoo` in a translation",
        "i18n/README.md is not a YAML file, and is ignored: i18n/ holds only <language tag>.yaml files",
        "i18n/old/ is a folder, and is ignored",
        "translations in it are not read",
        "i18n/fr.txt is not a YAML file, and is ignored",
        "write them as YAML in i18n/fr.yaml",
        "3 errors, 3 warnings",
    ]);
    assert!(!run.stderr.contains("README.yaml"), "{}", run.stderr);

    std::fs::remove_file(story.root().join("i18n/ja.yml")).unwrap();
    story.write("i18n/fr.yaml", b"whos_who: Qui est qui\n");
    let run = story.build();
    run.assert_ok();
    assert!(run.stderr.contains("3 warnings"), "{}", run.stderr);
    // A folder named as a translation is still a folder.
    story.write("i18n/de.yaml/notes.txt", b"x");
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("i18n/de.yaml/ is a folder, and is ignored"),
        "{}",
        run.stderr
    );
}

/// The page prints a translation's words around the story's own (the
/// quotation marks around every quote): a direction control there turns
/// every quote around, and is refused as it is in the story's text.
#[test]
fn a_translation_s_words_are_checked_for_hidden_characters() {
    let story = Story::base();
    story.write(
        "i18n/en.yaml",
        "kicker: Explainer\nquote_open: \"\\u202e\"\nwhos_who: \"Who\u{200b}s who\"\n".as_bytes(),
    );
    story.build().assert_fails_with(&[
        "i18n/en.yaml:2:13",
        "`quote_open` holds U+202E RIGHT-TO-LEFT OVERRIDE",
        "i18n/en.yaml:3:15",
        "`whos_who` holds U+200B ZERO WIDTH SPACE, an invisible character",
        "1 error",
    ]);
    assert!(!story.output().exists());
}

/// A private-use tag is the story's own language: its file is its words,
/// and with them it needs no warning.
#[test]
fn a_private_use_tag_finds_its_own_file() {
    for (tag, file) in [
        ("x-klingon", "i18n/x-klingon.yaml"),
        ("en-x-house", "i18n/en-x-house.yaml"),
    ] {
        let story = Story::base();
        story.edit(
            "content/article.md",
            "authors: [Ada Byrne]",
            &format!("authors: [Ada Byrne]\nlang: {tag}"),
        );
        story.write(file, "whos_who: tlhIngan ghot\n".as_bytes());
        let run = story.build();
        run.assert_ok();
        assert!(!run.stderr.contains("warning"), "{tag}: {}", run.stderr);
        let page = story.page();
        assert!(
            page.contains("<h2 id=\"whos-who-title\">tlhIngan ghot</h2>"),
            "{tag}"
        );
        // CLDR has no dates for Klingon: ISO 8601, not its root pattern.
        let date = if tag == "x-klingon" {
            ">2025-11-20</time>"
        } else {
            ">20 November 2025</time>"
        };
        assert!(
            page.contains(date),
            "{tag}: {}",
            between(&page, "<time", "</time>")
        );
    }
}

/// `zh-Hant-TW` and `zh-TW` are the same language: the script the region
/// implies may be left out of the file's name.
#[test]
fn a_tag_with_its_implied_script_finds_the_file_without_it() {
    let story = Story::base();
    story.edit(
        "content/article.md",
        "authors: [Ada Byrne]",
        "authors: [Ada Byrne]\nlang: zh-Hant-TW",
    );
    story.write("i18n/zh-TW.yaml", "whos_who: 相關人物\n".as_bytes());
    let run = story.build();
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(
        story
            .page()
            .contains("<h2 id=\"whos-who-title\">相關人物</h2>")
    );
}

const CASES: &[Case] = &[
    Case {
        name: "language that is not a language tag",
        file: FACTS,
        from: "    role: Engineer\n",
        to: "    role: Engineer\n    lang: en_GB\n",
        expect: &[
            "content/facts.yaml:11:11",
            "`en_GB` is not a language tag",
            "did you mean `en-GB`?",
        ],
    },
    Case {
        name: "language tag with an underscore",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors: [Ada Byrne]\nlang: en_GB",
        expect: &["content/article.md:6:7", "`en_GB` is not a language tag"],
    },
    Case {
        name: "language named rather than tagged",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors: [Ada Byrne]\nlang: english",
        expect: &[
            "content/article.md:6:7",
            "`english` is not a language tag",
            "did you mean `en`?",
        ],
    },
    Case {
        name: "language tag with a subtag out of place",
        file: ARTICLE,
        from: "authors: [Ada Byrne]",
        to: "authors: [Ada Byrne]\nlang: de-1996-CH",
        expect: &[
            "content/article.md:6:7",
            "`de-1996-CH` is not a language tag",
        ],
    },
];

#[test]
fn every_broken_input_is_reported_and_the_last_good_output_survives() {
    every_case_fails_keeping_output(CASES);
}

#[test]
fn names_and_quotes_in_another_language_say_so() {
    let page = edge::page();
    let card = between(&page, "id=\"person-li-xiaolong\"", "</li>");
    assert!(card.contains("<h4 lang=\"zh-Hans\">李小龙</h4>"));
    let quote = between(&page, "id=\"quote-我们会继续努力\"", "</li>");
    assert!(quote.contains("<blockquote lang=\"zh\">"));
    assert!(quote.contains("href=\"#person-li-xiaolong\" lang=\"zh-Hans\">李小龙</a>"));
    // Only what the facts mark changes language; the rest is the page's.
    assert_eq!(
        page.matches(" lang=\"zh\"").count(),
        2,
        "the quote and its card excerpt"
    );
    assert!(!between(&page, "id=\"person-jose-nunez\"", "</li>").contains(" lang="));
}
