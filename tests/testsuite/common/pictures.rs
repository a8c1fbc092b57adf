//! Pictures made by the tests themselves, so that no large file is
//! committed.

use image::ImageEncoder;

/// A photo-like picture: smooth light with fine detail, so that it
/// compresses like a photograph rather than a flat graphic.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut pixels = Vec::with_capacity((width * height * 3) as usize);
    let mut noise: u32 = 12345;
    for y in 0..height {
        for x in 0..width {
            noise = noise.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let grain = (noise >> 27) as u8;
            let r = (x * 200 / width) as u8;
            let g = (y * 180 / height) as u8;
            let b = (((x + y) / 7) % 256) as u8;
            pixels.extend([
                r.saturating_add(grain),
                g.saturating_add(grain),
                b / 2 + grain,
            ]);
        }
    }
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(&pixels, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    // A flat graphic: bands of colour, as a chart or a map would have.
    let pixels: Vec<u8> = (0..width * height)
        .flat_map(|i| {
            let band = ((i % width) / 40 % 3) as u8;
            [band * 90, 200 - band * 60, 120]
        })
        .collect();
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&pixels, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}
