//! A flat picture: a few colours, and text antialiased in a few steps
//! between each and the paper, so the PNG is a small palette image.

/// A colour of the page's design (`static/style.css`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Steps of coverage at a glyph's edge. 32 look as smooth as 256 at a
/// card's sizes and keep every colour of a card inside one 256-entry
/// palette.
const COVERAGE_STEPS: u32 = 31;

pub struct Canvas {
    pub width: usize,
    pub height: usize,
    pixels: Vec<Rgb>,
}

impl Canvas {
    pub fn new(width: usize, height: usize, paper: Rgb) -> Canvas {
        Canvas {
            width,
            height,
            pixels: vec![paper; width * height],
        }
    }

    pub fn fill(&mut self, x: i32, y: i32, width: i32, height: i32, colour: Rgb) {
        for row in y.max(0)..(y + height).min(self.height as i32) {
            for column in x.max(0)..(x + width).min(self.width as i32) {
                self.pixels[row as usize * self.width + column as usize] = colour;
            }
        }
    }

    /// Lays `colour` over the pixel at `coverage` (0–255); outside the
    /// canvas, nothing.
    pub fn blend(&mut self, x: i32, y: i32, colour: Rgb, coverage: u8) {
        if x < 0 || y < 0 || x >= self.width as i32 || y >= self.height as i32 || coverage == 0 {
            return;
        }
        let step = (u32::from(coverage) * COVERAGE_STEPS + 127) / 255;
        let pixel = &mut self.pixels[y as usize * self.width + x as usize];
        let mix = |under: u8, over: u8| {
            ((u32::from(under) * (COVERAGE_STEPS - step)
                + u32::from(over) * step
                + COVERAGE_STEPS / 2)
                / COVERAGE_STEPS) as u8
        };
        *pixel = Rgb(
            mix(pixel.0, colour.0),
            mix(pixel.1, colour.1),
            mix(pixel.2, colour.2),
        );
    }

    /// The picture as a PNG: indexed when it has at most 256 colours (it
    /// always should), else RGB. Same pixels, same bytes.
    pub fn to_png(&self) -> Vec<u8> {
        // Encoding into memory fails only for sizes a card never has; the
        // tests decode every kind of card.
        self.encode().unwrap_or_default()
    }

    fn encode(&self) -> Result<Vec<u8>, png::EncodingError> {
        // Most pixels repeat the one before (paper, mostly), so the last
        // colour is tried before the palette's index.
        let mut palette: Vec<Rgb> = Vec::new();
        let mut index_of = std::collections::HashMap::new();
        let mut indexes = Vec::with_capacity(self.pixels.len());
        let mut last: Option<(Rgb, usize)> = None;
        for &pixel in &self.pixels {
            let index = match last {
                Some((colour, index)) if colour == pixel => index,
                _ => *index_of.entry(pixel).or_insert_with(|| {
                    palette.push(pixel);
                    palette.len() - 1
                }),
            };
            last = Some((pixel, index));
            indexes.push(index);
        }
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width as u32, self.height as u32);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Balanced);
        encoder.set_filter(png::Filter::NoFilter);
        let data: Vec<u8> = if palette.len() <= 256 {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(
                palette
                    .iter()
                    .flat_map(|c| [c.0, c.1, c.2])
                    .collect::<Vec<u8>>(),
            );
            indexes.iter().map(|&i| i as u8).collect()
        } else {
            encoder.set_color(png::ColorType::Rgb);
            self.pixels.iter().flat_map(|c| [c.0, c.1, c.2]).collect()
        };
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&data)?;
        writer.finish()?;
        Ok(out)
    }
}
