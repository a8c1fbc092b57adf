//! Writes a photo-like JPEG (smooth light, fine grain) of any size, for
//! the browser tests' story with a big photo: no large file is committed.
//!
//! `cargo run --example test_photo -- WIDTH HEIGHT OUT.jpg`

use image::ImageEncoder;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, width, height, out] = args.as_slice() else {
        eprintln!("usage: test_photo WIDTH HEIGHT OUT.jpg");
        std::process::exit(2);
    };
    let (width, height): (u32, u32) = match (width.parse(), height.parse()) {
        (Ok(w), Ok(h)) if w > 0 && h > 0 => (w, h),
        _ => {
            eprintln!("WIDTH and HEIGHT are whole numbers of pixels");
            std::process::exit(2);
        }
    };
    let mut pixels = Vec::with_capacity(width as usize * height as usize * 3);
    let mut noise: u32 = 1;
    for y in 0..height {
        for x in 0..width {
            noise = noise.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let grain = (noise >> 27) as u8;
            let cx = (x as f32 / width as f32 - 0.5) * 6.0;
            let cy = (y as f32 / height as f32 - 0.5) * 4.0;
            let light = ((cx.sin() * cy.cos()) * 60.0 + 120.0) as u8;
            pixels.extend([
                light.saturating_add(grain),
                (x * 150 / width) as u8 + grain,
                (y * 160 / height) as u8 + grain / 2,
            ]);
        }
    }
    let file = std::fs::File::create(out).unwrap_or_else(|e| {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    });
    let written = image::codecs::jpeg::JpegEncoder::new_with_quality(file, 90).write_image(
        &pixels,
        width,
        height,
        image::ExtendedColorType::Rgb8,
    );
    if let Err(e) = written {
        eprintln!("cannot encode: {e}");
        std::process::exit(1);
    }
}
