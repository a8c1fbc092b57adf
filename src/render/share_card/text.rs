//! A run of text shaped, broken into lines and fitted into a box: the
//! largest of a few sizes that fits, else the smallest, shortened at a
//! word with an ellipsis. Nothing is ever drawn outside its box.

use cosmic_text::{
    Align, Attrs, Buffer, Family, LetterSpacing, Metrics, Shaping, SwashContent, Weight, Wrap,
};

use super::canvas::{Canvas, Rgb};
use super::fonts::{Loaded as Fonts, SANS, SERIF};
use crate::locale::Direction;
use crate::text::{Cut, shorten};

#[derive(Debug, Clone, Copy)]
pub struct Style {
    family: &'static str,
    weight: Weight,
    size: f32,
    /// Line height as a multiple of the size, as in CSS.
    leading: f32,
    colour: Rgb,
    /// Letter spacing in ems.
    tracking: Option<f32>,
}

impl Style {
    pub fn sans(size: f32, colour: Rgb) -> Style {
        Style {
            family: SANS,
            weight: Weight::NORMAL,
            size,
            leading: 1.3,
            colour,
            tracking: None,
        }
    }

    pub fn sans_bold(size: f32, colour: Rgb) -> Style {
        Style {
            weight: Weight::BOLD,
            ..Style::sans(size, colour)
        }
    }

    pub fn serif(size: f32, leading: f32, colour: Rgb) -> Style {
        Style {
            family: SERIF,
            weight: Weight::NORMAL,
            size,
            leading,
            colour,
            tracking: None,
        }
    }

    /// A serif headline; its size is chosen by [`Block::fit`].
    pub fn serif_bold(leading: f32, colour: Rgb) -> Style {
        Style {
            weight: Weight::BOLD,
            ..Style::serif(0.0, leading, colour)
        }
    }

    /// The kicker's letter spacing, `.1em` as on the page; none right to
    /// left, where it would pull Arabic's joined letters apart.
    pub fn tracked(self, direction: Direction) -> Style {
        Style {
            tracking: (direction == Direction::Ltr).then_some(0.1),
            ..self
        }
    }

    /// The same style at another size.
    pub fn sized(self, size: f32) -> Style {
        Style { size, ..self }
    }

    pub fn line_height(&self) -> f32 {
        (self.size * self.leading).round()
    }
}

pub struct Block {
    buffer: Buffer,
    style: Style,
    lines: usize,
}

impl Block {
    /// `text` in `width` and at most `max_lines` lines: at the first of
    /// `sizes` at which it fits whole, else at the last, shortened.
    pub fn fit(
        fonts: &mut Fonts,
        text: &str,
        style: &Style,
        sizes: &[f32],
        width: f32,
        max_lines: usize,
        direction: Direction,
    ) -> Block {
        let sizes: Vec<(f32, usize)> = sizes.iter().map(|&size| (size, max_lines)).collect();
        Block::fit_with_end(fonts, (text, ""), style, &sizes, width, direction)
    }

    /// `text` and then `end` in `width`: at the first of `sizes` (each with
    /// the most lines it may take) at which they fit whole, else at the
    /// last, `text` shortened at a word and `end` kept after the ellipsis
    /// (a quote's closing mark).
    pub fn fit_with_end(
        fonts: &mut Fonts,
        (text, end): (&str, &str),
        style: &Style,
        sizes: &[(f32, usize)],
        width: f32,
        direction: Direction,
    ) -> Block {
        // One paragraph: a line break typed in the front matter is a space
        // on the page too.
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let most_lines = sizes.iter().map(|&(_, lines)| lines).max().unwrap_or(1);
        // No line of a card holds a hundred characters: more is never
        // drawn, and shaping it all, again and again while shortening,
        // would make a pasted essay slow.
        let cut = shorten(&text, 100 * most_lines, Cut::AfterWord);
        let whole = if cut == text {
            format!("{text}{end}")
        } else {
            format!("{cut}{end}")
        };
        let mut block = None;
        for &(size, max_lines) in sizes {
            let style = Style { size, ..*style };
            let shaped = Block::shape(fonts, &whole, style, width, direction);
            if shaped.lines <= max_lines {
                return shaped;
            }
            block = Some((shaped, max_lines));
        }
        let Some((too_long, max_lines)) = block else {
            return Block::shape(fonts, &whole, *style, width, direction);
        };
        // The longest shortening that fits: fewer characters never take
        // more lines, so a binary search finds it.
        let style = too_long.style;
        let (mut fits, mut fails) = (0, text.chars().count().min(100 * most_lines));
        let mut best = None;
        while fails - fits > 1 {
            let middle = (fits + fails) / 2;
            let shortened = format!("{}{end}", shorten(&text, middle, Cut::AfterWord));
            let shaped = Block::shape(fonts, &shortened, style, width, direction);
            if shaped.lines <= max_lines {
                fits = middle;
                best = Some(shaped);
            } else {
                fails = middle;
            }
        }
        best.unwrap_or_else(|| Block::shape(fonts, &format!("…{end}"), style, width, direction))
    }

    fn shape(
        fonts: &mut Fonts,
        text: &str,
        style: Style,
        width: f32,
        direction: Direction,
    ) -> Block {
        let system = &mut fonts.system;
        let mut buffer = Buffer::new(system, Metrics::new(style.size, style.line_height()));
        buffer.set_wrap(Wrap::WordOrGlyph);
        buffer.set_size(Some(width), None);
        let mut attrs = Attrs::new()
            .family(Family::Name(style.family))
            .weight(style.weight);
        attrs.letter_spacing_opt = style.tracking.map(LetterSpacing);
        // The paragraph takes the page's direction whatever its first
        // letter, as under `<html dir>`: an Arabic title that opens with a
        // Latin name still reads right to left. The mark is invisible.
        let (mark, align) = match direction {
            Direction::Ltr => ('\u{200E}', Align::Left),
            Direction::Rtl => ('\u{200F}', Align::Right),
        };
        buffer.set_text(
            &format!("{mark}{text}"),
            &attrs,
            Shaping::Advanced,
            Some(align),
        );
        buffer.shape_until_scroll(system, false);
        let lines = buffer.layout_runs().count();
        Block {
            buffer,
            style,
            lines,
        }
    }

    pub fn height(&self) -> f32 {
        self.lines as f32 * self.style.line_height()
    }

    pub fn widest_line(&self) -> f32 {
        self.buffer
            .layout_runs()
            .map(|run| run.line_w)
            .fold(0.0, f32::max)
    }

    /// Draws the block with its top left corner at (`x`, `y`), noting the
    /// characters no font could draw; returns its height.
    pub fn draw(
        &self,
        canvas: &mut Canvas,
        fonts: &mut Fonts,
        x: f32,
        y: f32,
        missing: &mut Vec<char>,
    ) -> f32 {
        let colour = self.style.colour;
        for run in self.buffer.layout_runs() {
            for glyph in run.glyphs {
                if glyph.glyph_id == 0 {
                    missing.extend(
                        run.text
                            .get(glyph.start..glyph.end)
                            .unwrap_or_default()
                            .chars()
                            .filter(|&c| !is_invisible(c)),
                    );
                }
                let placed = glyph.physical((x, y + run.line_y), 1.0);
                let Some(image) = fonts
                    .rasteriser
                    .get_image(&mut fonts.system, placed.cache_key)
                else {
                    continue;
                };
                let p = image.placement;
                let (width, height) = (p.width as usize, p.height as usize);
                for row in 0..height {
                    for column in 0..width {
                        let coverage = match image.content {
                            SwashContent::Mask => image.data[row * width + column],
                            // Colour and subpixel images have four bytes a
                            // pixel; the cards' fonts have neither, but a
                            // coverage is still read from them.
                            SwashContent::Color | SwashContent::SubpixelMask => {
                                image.data[(row * width + column) * 4 + 3]
                            }
                        };
                        canvas.blend(
                            placed.x + p.left + column as i32,
                            placed.y - p.top + row as i32,
                            colour,
                            coverage,
                        );
                    }
                }
            }
        }
        self.height()
    }
}

/// Marks and spaces that are meant to draw nothing: no font owes a glyph.
fn is_invisible(c: char) -> bool {
    c.is_whitespace() || crate::unicode::is_default_ignorable(c)
}
