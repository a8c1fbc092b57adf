//! The cards' fonts: compiled into the binary, and the only fonts the cards
//! ever use. The machine's own fonts are never looked up, so a card is the
//! same bytes on every machine.

use std::sync::{Arc, LazyLock};

use cosmic_text::{Fallback, FontSystem, SwashCache, fontdb};
use unicode_script::Script;

/// The page's serif (titles, the dek, quotes) and sans (kicker, byline).
pub const SERIF: &str = "Noto Serif";
pub const SANS: &str = "Noto Sans";
const ARABIC: &str = "Noto Naskh Arabic";
const HEBREW: &str = "Noto Serif Hebrew";
const CJK: &str = "Noto Sans CJK SC";

/// `fonts/` of the repository, cut down by `scripts/subset-fonts.py`.
const FILES: &[&[u8]] = &[
    include_bytes!("../../../fonts/NotoSerif-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSerif-Bold.ttf"),
    include_bytes!("../../../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../../fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../../../fonts/NotoNaskhArabic-Bold.ttf"),
    include_bytes!("../../../fonts/NotoSerifHebrew-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSerifHebrew-Bold.ttf"),
    include_bytes!("../../../fonts/NotoSansCJKsc-Bold.otf"),
];

/// Which shipped font draws a script the page's Latin fonts lack. Arabic
/// and Persian take Naskh, the book hand closest to the page's serif, in
/// every role; there is one weight of the Chinese/Japanese font (see the
/// README: two would double the biggest file).
struct ShippedFallback;

impl Fallback for ShippedFallback {
    fn common_fallback(&self) -> &[&'static str] {
        &[SERIF, SANS, ARABIC, HEBREW, CJK]
    }

    fn forbidden_fallback(&self) -> &[&'static str] {
        &[]
    }

    fn script_fallback(&self, script: Script, _locale: &str) -> &[&'static str] {
        match script {
            Script::Arabic => &[ARABIC],
            Script::Hebrew => &[HEBREW],
            Script::Han | Script::Hiragana | Script::Katakana | Script::Bopomofo => &[CJK],
            _ => &[],
        }
    }
}

/// The fonts as cosmic-text draws with them, and the glyphs rasterised so
/// far.
pub struct Loaded {
    pub system: FontSystem,
    pub rasteriser: SwashCache,
}

/// The shipped fonts' faces, read once: a constant of the program, never
/// written after, so builds share it without waiting for one another.
static DATABASE: LazyLock<fontdb::Database> = LazyLock::new(|| {
    let mut db = fontdb::Database::new();
    for bytes in FILES {
        db.load_font_source(fontdb::Source::Binary(Arc::new(*bytes)));
    }
    db
});

impl Loaded {
    fn new() -> Self {
        Loaded {
            // The locale only orders fallbacks, which ours do not look at.
            system: FontSystem::new_with_locale_and_db_and_fallback(
                "und".into(),
                DATABASE.clone(),
                ShippedFallback,
            ),
            rasteriser: SwashCache::new(),
        }
    }
}

/// The fonts of one build, or of one tool drawing cards: read when the
/// first card is drawn (a build whose cards are all cached reads none),
/// then kept, with the glyphs they rasterise, for the next card. Each
/// owner has its own, so two builds in one process never wait for each
/// other's cards.
#[derive(Default)]
pub struct Fonts(Option<Loaded>);

impl Fonts {
    pub fn new() -> Self {
        Fonts(None)
    }

    pub(super) fn loaded(&mut self) -> &mut Loaded {
        self.0.get_or_insert_with(Loaded::new)
    }
}

/// The bytes of every shipped font, for the README's figures and a test.
pub fn shipped_bytes() -> usize {
    FILES.iter().map(|f| f.len()).sum()
}
