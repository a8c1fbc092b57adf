//! Share cards: the 1200×630 pictures a link to the story (or to one of
//! its quotes) shows where it is shared, drawn in the page's design with
//! real text layout — shaping (Arabic joined, marks placed), bidirectional
//! text, line breaking — by cosmic-text, with only the fonts in `fonts/`.
//!
//! The caller hands over finished strings (the kicker in the page's
//! language, the date as the locale writes it) and the page's direction;
//! nothing here knows about the story model. The same strings always give
//! the same PNG bytes.

mod canvas;
mod fonts;
mod text;

pub use fonts::Fonts;

use canvas::{Canvas, Rgb};
use text::{Block, Style};

use crate::cache::{Cache, Key};
use crate::locale::{Direction, text_direction};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// The page's light theme (`static/style.css`): a card is a picture of
/// the page's masthead.
const PAPER: Rgb = Rgb(0xfb, 0xfa, 0xf7);
const TEXT: Rgb = Rgb(0x1b, 0x1b, 0x1b);
const MUTED: Rgb = Rgb(0x59, 0x59, 0x59);
const ACCENT: Rgb = Rgb(0xa3, 0x22, 0x1a);
const RULE: Rgb = Rgb(0xd6, 0xd3, 0xcc);

/// The page's side margins, scaled to the card: everything stays inside.
const MARGIN: f32 = 80.0;
const INNER: f32 = WIDTH as f32 - 2.0 * MARGIN;
/// Where the footer's rule sits; the text above never crosses it.
const FOOTER_RULE: f32 = 528.0;

/// The story's card: what the page's masthead shows first.
#[derive(Debug, Clone)]
pub struct StoryCard<'a> {
    /// "Explainer", in the page's language.
    pub kicker: &'a str,
    pub title: &'a str,
    pub dek: Option<&'a str>,
    pub publisher: &'a str,
    /// The publication date as the page writes it.
    pub date: &'a str,
    /// The article's language tag (`tr` upper-cases `i` as `İ`).
    pub lang: &'a str,
    pub direction: Direction,
}

/// A quote's card: its words, who said them, and the story.
#[derive(Debug, Clone)]
pub struct QuoteCard<'a> {
    /// The words, without quotation marks.
    pub words: &'a str,
    /// The language's opening and closing quotation marks: a shortened
    /// quote still ends with its closing mark, after the ellipsis.
    pub marks: (&'a str, &'a str),
    pub speaker: &'a str,
    pub role: Option<&'a str>,
    pub story_title: &'a str,
    pub lang: &'a str,
    pub direction: Direction,
}

/// A drawn card, and the characters no shipped font has (drawn as the
/// font's empty box: the build warns about each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    pub png: Vec<u8>,
    pub missing: Vec<char>,
}

/// Part of every card's cache key: raise it when a change to the drawing
/// or the fonts makes other pixels from the same words.
const DRAWING: &str = "share-card-2";

impl Drawn {
    /// As kept in the cache: the characters no font has, a NUL, the PNG.
    fn to_entry(&self) -> Vec<u8> {
        let mut entry: Vec<u8> = self.missing.iter().collect::<String>().into_bytes();
        entry.push(0);
        entry.extend_from_slice(&self.png);
        entry
    }

    fn from_entry(mut entry: Vec<u8>) -> Option<Drawn> {
        let nul = entry.iter().position(|&b| b == 0)?;
        let png = entry.split_off(nul + 1);
        entry.pop();
        let missing = String::from_utf8(entry).ok()?.chars().collect();
        Some(Drawn { png, missing })
    }
}

/// A card drawn once for its words and kept in `cache`: a rebuild, or a
/// save in `serve`, finds it there rather than drawing it again (a card is
/// tens of milliseconds, most of it compressing the PNG).
pub fn cached(cache: &Cache, words: &[&str], draw: impl FnOnce() -> Drawn) -> Drawn {
    let mut parts: Vec<&[u8]> = vec![DRAWING.as_bytes()];
    parts.extend(words.iter().map(|w| w.as_bytes()));
    let key = Key::of(&parts);
    if let Some(drawn) = cache.get(&key).and_then(Drawn::from_entry) {
        cache.note_hit();
        return drawn;
    }
    cache.note_miss();
    let drawn = draw();
    cache.put(&key, &drawn.to_entry());
    drawn
}

/// The words a story's card is drawn from, for its cache key.
pub fn story_card_words<'a>(card: &'a StoryCard) -> [&'a str; 8] {
    [
        "story",
        card.kicker,
        card.title,
        card.dek.unwrap_or("\0"),
        card.publisher,
        card.date,
        card.lang,
        card.direction.as_str(),
    ]
}

/// The words a quote's card is drawn from, for its cache key.
pub fn quote_card_words<'a>(card: &'a QuoteCard) -> [&'a str; 9] {
    [
        "quote",
        card.marks.0,
        card.words,
        card.marks.1,
        card.speaker,
        card.role.unwrap_or("\0"),
        card.story_title,
        card.lang,
        card.direction.as_str(),
    ]
}

pub fn story_card(fonts: &mut Fonts, card: &StoryCard) -> Drawn {
    let fonts = fonts.loaded();
    let mut canvas = Canvas::new(WIDTH as usize, HEIGHT as usize, PAPER);
    let mut missing = Vec::new();
    let direction = card.direction;
    canvas.fill(0, 0, WIDTH as i32, 10, ACCENT);

    let kicker = Block::fit(
        fonts,
        &upper_case(card.kicker, card.lang),
        &Style::sans_bold(26.0, ACCENT).tracked(direction),
        &[26.0],
        INNER,
        1,
        direction,
    );
    let mut y = 58.0;
    y += kicker.draw(&mut canvas, fonts, MARGIN, y, &mut missing) + 22.0;

    let title = Block::fit(
        fonts,
        card.title,
        &Style::serif_bold(1.12, TEXT),
        &[72.0, 64.0, 56.0, 50.0],
        INNER,
        3,
        direction,
    );
    y += title.draw(&mut canvas, fonts, MARGIN, y, &mut missing);

    if let Some(dek) = card.dek.filter(|d| !d.trim().is_empty()) {
        let style = Style::serif(30.0, 1.4, MUTED);
        y += 22.0;
        let room = ((FOOTER_RULE - 24.0 - y) / style.line_height()).floor();
        if room >= 1.0 {
            let dek = Block::fit(fonts, dek, &style, &[30.0], INNER, room as usize, direction);
            dek.draw(&mut canvas, fonts, MARGIN, y, &mut missing);
        }
    }

    footer(
        &mut canvas,
        fonts,
        (card.publisher, card.date),
        direction,
        &mut missing,
    );
    Drawn {
        png: canvas.to_png(),
        missing: sorted(missing),
    }
}

/// A quote's card as PNG bytes (see [`draw_quote_card`] for the
/// characters it could not draw).
pub fn quote_card(fonts: &mut Fonts, card: &QuoteCard) -> Vec<u8> {
    draw_quote_card(fonts, card).png
}

/// Where a quote card's footer rule sits: higher than the story card's,
/// so that the story's title has two lines under it.
const QUOTE_FOOTER_RULE: f32 = 492.0;

pub fn draw_quote_card(fonts: &mut Fonts, card: &QuoteCard) -> Drawn {
    let fonts = fonts.loaded();
    let mut canvas = Canvas::new(WIDTH as usize, HEIGHT as usize, PAPER);
    let mut missing = Vec::new();
    canvas.fill(0, 0, WIDTH as i32, 10, ACCENT);

    // The quote keeps its own direction (a Hebrew quote on an English
    // page reads right to left), with the page's bar on its starting side.
    let quote_direction = text_direction(card.words).unwrap_or(card.direction);
    const BAR: f32 = 6.0;
    const GAP: f32 = 28.0;
    let text_width = INNER - BAR - GAP;
    let (bar_x, text_x) = match quote_direction {
        Direction::Ltr => (MARGIN, MARGIN + BAR + GAP),
        Direction::Rtl => (MARGIN + INNER - BAR, MARGIN),
    };
    let top = 70.0;
    // Who said it always shows: the quote takes at each size only the
    // lines that leave room for the speaker's name and role above the
    // rule (at most five), and is shortened at the smallest if it must be.
    let name_style = Style::sans_bold(30.0, TEXT);
    let role_style = Style::sans(26.0, MUTED);
    let role = card.role.filter(|r| !r.trim().is_empty());
    let under =
        26.0 + name_style.line_height() + role.map_or(0.0, |_| 4.0 + role_style.line_height());
    let room = QUOTE_FOOTER_RULE - 16.0 - top - under;
    let quote_style = Style::serif_bold(1.25, TEXT);
    let sizes: Vec<(f32, usize)> = [72.0, 60.0, 54.0, 48.0, 42.0]
        .into_iter()
        .map(|size| {
            let line = quote_style.sized(size).line_height();
            (size, ((room / line).floor() as usize).clamp(1, 5))
        })
        .collect();
    let words = Block::fit_with_end(
        fonts,
        (&format!("{}{}", card.marks.0, card.words), card.marks.1),
        &quote_style,
        &sizes,
        text_width,
        quote_direction,
    );
    let height = words.draw(&mut canvas, fonts, text_x, top, &mut missing);
    canvas.fill(
        bar_x as i32,
        top as i32,
        BAR as i32,
        (height - 8.0).max(0.0) as i32,
        ACCENT,
    );

    let mut y = top + height + 26.0;
    // Who said it lines up under the quote, whatever script their name and
    // role are written in (a Latin name under an Arabic quote starts on the
    // right, as the quote does).
    let speaker = Block::fit(
        fonts,
        card.speaker,
        &name_style,
        &[30.0],
        text_width,
        1,
        quote_direction,
    );
    y += speaker.draw(&mut canvas, fonts, text_x, y, &mut missing) + 4.0;
    if let Some(role) = role {
        let role = Block::fit(
            fonts,
            role,
            &role_style,
            &[26.0],
            text_width,
            1,
            quote_direction,
        );
        role.draw(&mut canvas, fonts, text_x, y, &mut missing);
    }

    // The story's title, whole where two lines hold it: a quote means
    // little without the story it is from.
    canvas.fill(
        MARGIN as i32,
        QUOTE_FOOTER_RULE as i32,
        INNER as i32,
        2,
        RULE,
    );
    let title = Block::fit(
        fonts,
        card.story_title,
        &Style::sans_bold(26.0, TEXT),
        &[26.0, 23.0],
        INNER,
        2,
        card.direction,
    );
    title.draw(
        &mut canvas,
        fonts,
        MARGIN,
        QUOTE_FOOTER_RULE + 24.0,
        &mut missing,
    );
    Drawn {
        png: canvas.to_png(),
        missing: sorted(missing),
    }
}

/// The story card's rule and the line under it: `start` on the starting
/// side (the publisher), `end` on the other (the date).
fn footer(
    canvas: &mut Canvas,
    fonts: &mut fonts::Loaded,
    (start, end): (&str, &str),
    direction: Direction,
    missing: &mut Vec<char>,
) {
    canvas.fill(MARGIN as i32, FOOTER_RULE as i32, INNER as i32, 2, RULE);
    let y = FOOTER_RULE + 26.0;
    let mut end_width = 0.0;
    if !end.trim().is_empty() {
        let style = Style::sans(26.0, MUTED);
        let measured = Block::fit(fonts, end, &style, &[26.0], INNER, 1, direction);
        end_width = measured.widest_line().ceil();
        // Laid out again in a box its own width, set against the far side.
        let date = Block::fit(fonts, end, &style, &[26.0], end_width + 1.0, 1, direction);
        let x = match direction {
            Direction::Ltr => MARGIN + INNER - end_width - 1.0,
            Direction::Rtl => MARGIN,
        };
        date.draw(canvas, fonts, x, y, missing);
    }
    let room = if end_width > 0.0 {
        INNER - end_width - 40.0
    } else {
        INNER
    };
    let start_x = match direction {
        Direction::Ltr => MARGIN,
        Direction::Rtl => MARGIN + INNER - room,
    };
    let name = Block::fit(
        fonts,
        start,
        &Style::sans_bold(26.0, TEXT),
        &[26.0],
        room,
        1,
        direction,
    );
    name.draw(canvas, fonts, start_x, y, missing);
}

/// The kicker in capitals, as the page's stylesheet sets it. Turkish and
/// Azerbaijani keep the dot: `i` is `İ`.
fn upper_case(text: &str, lang: &str) -> String {
    let language = lang.split('-').next().unwrap_or_default();
    if language.eq_ignore_ascii_case("tr") || language.eq_ignore_ascii_case("az") {
        text.replace('i', "İ").to_uppercase()
    } else {
        text.to_uppercase()
    }
}

fn sorted(mut chars: Vec<char>) -> Vec<char> {
    chars.sort_unstable();
    chars.dedup();
    chars
}

/// The bytes of the fonts compiled in.
pub fn font_bytes() -> usize {
    fonts::shipped_bytes()
}

#[cfg(test)]
mod tests;
