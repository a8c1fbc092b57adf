//! The cards' fonts: compiled into the binary, and the only fonts the cards
//! ever use. The machine's own fonts are never looked up, so a card is the
//! same bytes on every machine.

use std::sync::{Arc, LazyLock, Mutex};

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

pub struct Fonts {
    pub system: FontSystem,
    pub rasteriser: SwashCache,
}

/// One set for the process: parsing the fonts' tables is the slow part of
/// a first card, and the caches it fills never change what is drawn.
pub static FONTS: LazyLock<Mutex<Fonts>> = LazyLock::new(|| {
    let mut db = fontdb::Database::new();
    for bytes in FILES {
        db.load_font_source(fontdb::Source::Binary(Arc::new(*bytes)));
    }
    Mutex::new(Fonts {
        // The locale only orders fallbacks, which ours do not look at.
        system: FontSystem::new_with_locale_and_db_and_fallback("und".into(), db, ShippedFallback),
        rasteriser: SwashCache::new(),
    })
});

/// The bytes of every shipped font, for the README's figures and a test.
pub fn shipped_bytes() -> usize {
    FILES.iter().map(|f| f.len()).sum()
}
