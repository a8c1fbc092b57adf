//! Draws sample share cards into a folder, to look at them:
//! `cargo run --example share_cards -- /tmp/cards`.

use explainer::locale::Direction;
use explainer::stages::share_card::{Fonts, QuoteCard, StoryCard, quote_card, story_card};

fn main() -> std::io::Result<()> {
    let folder = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "cards".to_owned());
    std::fs::create_dir_all(&folder)?;
    let stories = [
        (
            "english",
            StoryCard {
                kicker: "Explainer",
                title: "Russia and US agree to start working toward ending the war in Ukraine and improving ties",
                dek: Some(
                    "Top U.S. and Russian diplomats met in Riyadh, Saudi Arabia, and agreed to pursue three broad goals, in talks that reflected a sharp shift in U.S. policy under President Donald Trump. No Ukrainian officials took part.",
                ),
                publisher: "explainer",
                date: "19 February 2025",
                lang: "en",
                direction: Direction::Ltr,
            },
        ),
        (
            "long",
            StoryCard {
                kicker: "Explainer",
                title: "What the council knew about the tunnel, when it knew it, who told whom, which reports were shelved, and why the lining that engineers warned about twice was never tested before the opening day",
                dek: Some(
                    "A very long dek that goes on and on about the inquiry's hearings, the documents released under freedom-of-information requests, the testimony of engineers and officials, the budget overruns, the contractors' claims and the mayor's statements over three years, far more than a card can hold.",
                ),
                publisher: "The Ledger, a newsroom with a rather long name for a publisher of explainers",
                date: "Wednesday 19 February 2025",
                lang: "en",
                direction: Direction::Ltr,
            },
        ),
        (
            "arabic",
            StoryCard {
                kicker: "شرح",
                title: "روسيا والولايات المتحدة تتفقان على بدء العمل لإنهاء الحرب في أوكرانيا وتحسين العلاقات",
                dek: Some(
                    "اجتمع كبار الدبلوماسيين الأمريكيين والروس في الرياض واتفقوا على السعي لتحقيق ثلاثة أهداف عامة، في محادثات عكست تحولا حادا في سياسة الولايات المتحدة.",
                ),
                publisher: "وكالة أسوشيتد برس",
                date: "19 فبراير 2025",
                lang: "ar",
                direction: Direction::Rtl,
            },
        ),
        (
            "hebrew",
            StoryCard {
                kicker: "הסבר",
                title: "רוסיה וארה״ב הסכימו להתחיל לפעול לסיום המלחמה באוקראינה ולשיפור היחסים",
                dek: Some(
                    "דיפלומטים בכירים מארה״ב ומרוסיה נפגשו בריאד, ערב הסעודית, והסכימו לחתור לשלוש מטרות רחבות. נציגי אוקראינה לא השתתפו.",
                ),
                publisher: "סוכנות AP",
                date: "19 בפברואר 2025",
                lang: "he",
                direction: Direction::Rtl,
            },
        ),
        (
            "chinese",
            StoryCard {
                kicker: "解读",
                title: "俄罗斯和美国同意开始努力结束乌克兰战争并改善关系",
                dek: Some(
                    "美俄高级外交官在沙特阿拉伯利雅得会面，同意追求三大目标。这次会谈反映出特朗普总统领导下美国政策的急剧转变，乌克兰官员没有参加。",
                ),
                publisher: "美联社",
                date: "2025年2月19日",
                lang: "zh-Hans",
                direction: Direction::Ltr,
            },
        ),
        (
            "japanese",
            StoryCard {
                kicker: "解説",
                title: "ロシアと米国、ウクライナ戦争終結と関係改善に向けた取り組み開始で合意",
                dek: Some(
                    "米ロの外交トップがサウジアラビアのリヤドで会談し、三つの大きな目標を追求することで合意した。ウクライナ政府関係者は参加しなかった。",
                ),
                publisher: "AP通信",
                date: "2025年2月19日",
                lang: "ja",
                direction: Direction::Ltr,
            },
        ),
    ];
    // The first card reads the fonts; the times are of the cards after.
    let mut fonts = Fonts::new();
    story_card(&mut fonts, &stories[0].1);
    for (name, card) in &stories {
        let started = std::time::Instant::now();
        let drawn = story_card(&mut fonts, card);
        let took = started.elapsed();
        std::fs::write(format!("{folder}/{name}.png"), &drawn.png)?;
        println!(
            "{name}: {} bytes in {:.1} ms, missing {:?}",
            drawn.png.len(),
            took.as_secs_f64() * 1000.0,
            drawn.missing
        );
    }
    let quotes = [
        (
            "quote",
            QuoteCard {
                words: "We not only listened, but also heard each other",
                marks: ("“", "”"),
                speaker: "Sergey Lavrov",
                role: Some("Russian Foreign Minister"),
                story_title: "Russia and US agree to start working toward ending the war in Ukraine and improving ties",
                lang: "en",
                direction: Direction::Ltr,
            },
        ),
        (
            "quote-arabic",
            QuoteCard {
                words: "لم نستمع فقط، بل سمع كل منا الآخر",
                marks: ("«", "»"),
                speaker: "سيرغي لافروف",
                role: Some("وزير الخارجية الروسي"),
                story_title: "روسيا والولايات المتحدة تتفقان على بدء العمل لإنهاء الحرب في أوكرانيا",
                lang: "ar",
                direction: Direction::Rtl,
            },
        ),
    ];
    for (name, card) in &quotes {
        let started = std::time::Instant::now();
        let png = quote_card(&mut fonts, card);
        let took = started.elapsed();
        std::fs::write(format!("{folder}/{name}.png"), &png)?;
        println!(
            "{name}: {} bytes in {:.1} ms",
            png.len(),
            took.as_secs_f64() * 1000.0
        );
    }
    Ok(())
}
