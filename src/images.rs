//! The rules for a story's own pictures, in one place: what a file is
//! (its format and displayed size, read from its header without decoding
//! the pixels), whether it is safe to publish, and its resized versions.
//! Validation reads the first two, rendering the last; this module knows
//! nothing of either stage.

use std::io::{BufRead, Cursor, Seek};

use image::{ImageDecoder, ImageReader, Limits, metadata::Orientation};

mod svg;

/// The largest picture accepted, in pixels. A 61-megapixel camera (the
/// largest sold today) fits; a header claiming more is most likely a
/// decompression bomb, which would need gigabytes once decoded.
pub const MAX_PIXELS: u64 = 64_000_000;
/// The longest side accepted, for the same reason: a 30,000-pixel side is
/// a bomb however thin the picture.
pub const MAX_SIDE: u32 = 20_000;
/// What a decoder may allocate: a picture at [`MAX_PIXELS`] in RGBA, and
/// the decoder's own buffers, with room to spare.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// The static files that are pictures, by their path under `static/`.
pub type Probes<'a> = std::collections::BTreeMap<&'a str, &'a Result<Picture, Problem>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
    Gif,
    Svg,
}

impl Format {
    /// The file extension the format is published with.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
            Format::Gif => "gif",
            Format::Svg => "svg",
        }
    }

    /// Whether the build makes smaller versions of it. GIF may be animated
    /// and SVG has no pixels: both go out as they came. A WebP original is
    /// most often lossy, and the only WebP encoder at hand is lossless, so
    /// its resized versions would be larger than the original.
    pub fn is_resized(self) -> bool {
        matches!(self, Format::Jpeg | Format::Png)
    }
}

/// A picture as a browser shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picture {
    pub format: Format,
    /// Width and height as shown, after the camera's orientation tag is
    /// applied; `None` for an SVG that does not say.
    pub size: Option<(u32, u32)>,
    /// More than one frame: an animated PNG (APNG), GIF or WebP.
    pub animated: bool,
}

impl Picture {
    /// Whether the build makes smaller versions of it: an animated PNG
    /// goes out as it came, as a GIF does, since a resized version would
    /// keep only its first frame (and a browser prefers the WebP one).
    pub fn is_resized(&self) -> bool {
        self.format.is_resized() && !self.animated
    }
}

/// Why a file cannot be published as a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not one of the formats browsers show that the build can read.
    NotAPicture,
    /// The header or the pixels cannot be read.
    Undecodable(String),
    ZeroSized,
    TooLarge {
        width: u32,
        height: u32,
    },
    /// An SVG that would run script if opened on its own.
    Script(String),
    /// An SVG that would load something, or hold what could run script,
    /// if opened on its own.
    Loads(String),
    /// An SVG that is not well-formed XML.
    BadSvg(String),
}

impl Problem {
    /// What is wrong with `static/<path>`, for a diagnostic.
    pub fn message(&self, path: &str) -> String {
        match self {
            Problem::NotAPicture => format!(
                "static/{path} is not a picture in a format the build can read (JPEG, PNG, WebP, GIF or SVG)"
            ),
            Problem::Undecodable(why) => format!("static/{path} cannot be decoded: {why}"),
            Problem::ZeroSized => format!("static/{path} has no pixels: its width or height is 0"),
            Problem::TooLarge { width, height } => format!(
                "static/{path} says it is {width}×{height} pixels, more than the {} megapixels (or {MAX_SIDE} pixels a side) a picture may have",
                MAX_PIXELS / 1_000_000
            ),
            Problem::Script(what) => format!("static/{path} is an SVG with script in it ({what})"),
            Problem::Loads(what) => format!(
                "static/{path} is an SVG that could load or run something when opened on its own: {what}"
            ),
            Problem::BadSvg(why) => format!("static/{path} is not a well-formed SVG: {why}"),
        }
    }

    /// What the editor can do about it.
    pub fn help(&self) -> &'static str {
        match self {
            Problem::NotAPicture => "export it as JPEG (photos) or PNG (graphics)",
            Problem::Undecodable(_) | Problem::ZeroSized => {
                "the file may be truncated or mislabelled: export it again from the original"
            }
            Problem::TooLarge { .. } => {
                "export it at most 6000 pixels wide; the page never shows more than 2560"
            }
            Problem::Script(_) => {
                "remove the script and event attributes, or export it again as a plain drawing (Inkscape: Save as Plain SVG)"
            }
            Problem::Loads(_) => {
                "keep only the drawing: export it again as Plain or Optimized SVG, with pictures and fonts embedded or turned into paths, or publish it as PNG"
            }
            Problem::BadSvg(_) => "export it again from the drawing program",
        }
    }
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// What the file at the start of `reader` is, from its header, and whether
/// the whole of it is there (see [`whole`]); an SVG is read as text.
pub fn probe<R: BufRead + Seek>(mut reader: R, name: &str) -> Result<Picture, Problem> {
    let mut head = [0u8; 32];
    let read = read_up_to(&mut reader, &mut head);
    let head = &head[..read];
    reader
        .seek(std::io::SeekFrom::Start(0))
        .map_err(|e| Problem::Undecodable(e.to_string()))?;
    let format = match image::guess_format(head) {
        Ok(image::ImageFormat::Jpeg) => Format::Jpeg,
        Ok(image::ImageFormat::Png) => Format::Png,
        Ok(image::ImageFormat::WebP) => Format::WebP,
        Ok(image::ImageFormat::Gif) => Format::Gif,
        _ if looks_like_svg(head, name) => {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut reader, &mut text)
                .map_err(|_| Problem::BadSvg("it is not UTF-8 text".to_owned()))?;
            return svg(&text);
        }
        _ => return Err(Problem::NotAPicture),
    };
    if format == Format::Gif {
        // No GIF decoder is built in (GIFs are published as they are):
        // the logical screen size follows the six-byte signature.
        let mut picture = checked(format, gif_size(head)?, false)?;
        picture.animated = whole(format, &read_all(reader)?)?;
        return Ok(picture);
    }
    if let (Format::Png, Some(ihdr)) = (format, head.get(16..24)) {
        // The size is judged from IHDR itself, before the decoder, which
        // refuses a zero width without saying so.
        let side = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        checked(format, (side(&ihdr[..4]), side(&ihdr[4..])), false)?;
    }
    let bytes = read_all(reader)?;
    let mut picture = header(format, &bytes)?;
    picture.animated = whole(format, &bytes)?;
    Ok(picture)
}

fn read_all(mut reader: impl std::io::Read) -> Result<Vec<u8>, Problem> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::Undecodable(e.to_string()))?;
    Ok(bytes)
}

/// The size a JPEG's, PNG's or WebP's header gives, checked.
fn header(format: Format, bytes: &[u8]) -> Result<Picture, Problem> {
    let reader = Cursor::new(bytes);
    let mut image_reader = ImageReader::new(reader);
    image_reader.set_format(match format {
        Format::Jpeg => image::ImageFormat::Jpeg,
        Format::Png => image::ImageFormat::Png,
        _ => image::ImageFormat::WebP,
    });
    // No size limit yet: the header is all that is read, and the size it
    // claims is checked below, so that the message can say it.
    let mut header_limits = Limits::no_limits();
    header_limits.max_alloc = Some(MAX_ALLOC);
    image_reader.limits(header_limits);
    let mut decoder = image_reader.into_decoder().map_err(decode_problem)?;
    let (width, height) = decoder.dimensions();
    let turned = decoder.orientation().is_ok_and(swaps_sides);
    checked(format, (width, height), turned)
}

/// An SVG's bytes checked as every static SVG of a story is, with the
/// message a build would give (fuzzing pushes any bytes through this).
pub fn check_svg(bytes: &[u8]) -> Result<(), String> {
    const NAME: &str = "picture.svg";
    probe_bytes(bytes, NAME)
        .map(drop)
        .map_err(|problem| problem.message(NAME))
}

/// [`probe`] for bytes in memory.
pub fn probe_bytes(bytes: &[u8], name: &str) -> Result<Picture, Problem> {
    probe(Cursor::new(bytes), name)
}

fn read_up_to(reader: &mut impl std::io::Read, buf: &mut [u8]) -> usize {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => filled += n,
        }
    }
    filled
}

fn checked(format: Format, (width, height): (u32, u32), turned: bool) -> Result<Picture, Problem> {
    if width == 0 || height == 0 {
        return Err(Problem::ZeroSized);
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::TooLarge { width, height });
    }
    let size = if turned {
        (height, width)
    } else {
        (width, height)
    };
    Ok(Picture {
        format,
        size: Some(size),
        animated: false,
    })
}

/// Whether the whole file is there, as its format's structure says, and
/// whether it is animated. A picture cut short in transfer, or damaged on
/// disk, would otherwise be published: the header alone says nothing of
/// the rest, and a picture the build publishes as it is (a GIF, a WebP, a
/// small photo, a `share_image` or a logo) is never decoded by resizing.
///
/// Cheap, so it can be done for every picture on every build: the chunks of
/// a PNG are walked and their checksums compared, a JPEG's segments are
/// walked to its end marker, a GIF's blocks to its trailer; only a WebP is
/// decoded (within [`limits`]), its format having no checksum to compare.
/// A GIF's compressed pixels are not unpacked: a cut or a damaged block
/// shows in the structure, a miscoded stream inside whole blocks does not.
fn whole(format: Format, bytes: &[u8]) -> Result<bool, Problem> {
    match format {
        Format::Jpeg => jpeg_whole(bytes).map(|()| false),
        Format::Png => png_whole(bytes),
        Format::Gif => gif_whole(bytes),
        Format::WebP => webp_whole(bytes),
        Format::Svg => Ok(false),
    }
}

fn cut_short(what: &str) -> Problem {
    Problem::Undecodable(format!("it is cut short ({what})"))
}

fn jpeg_whole(bytes: &[u8]) -> Result<(), Problem> {
    let mut at = 2;
    let mut scanned = false;
    loop {
        // Fill bytes (0xFF) may precede a marker.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return Err(if at + 1 >= bytes.len() {
                cut_short("the file ends before its end marker")
            } else {
                Problem::Undecodable(format!("a segment is damaged at byte {at}"))
            });
        };
        at += 2;
        match marker {
            0xD9 if scanned => return Ok(()),
            0xD9 => return Err(Problem::Undecodable("it holds no image data".to_owned())),
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let length = match bytes.get(at..at + 2) {
            Some(&[hi, lo]) => usize::from(u16::from_be_bytes([hi, lo])),
            _ => return Err(cut_short("the file ends inside a segment")),
        };
        if length < 2 || at + length > bytes.len() {
            return Err(cut_short("the file ends inside a segment"));
        }
        at += length;
        if marker == 0xDA {
            scanned = true;
            // The compressed data runs to the next marker that is not an
            // escaped 0xFF (0xFF00) or a restart marker.
            loop {
                match (bytes.get(at), bytes.get(at + 1)) {
                    (Some(0xFF), Some(0x00 | 0xD0..=0xD7)) => at += 2,
                    (Some(0xFF), Some(_)) => break,
                    (Some(_), _) => at += 1,
                    (None, _) => return Err(cut_short("the file ends inside its image data")),
                }
            }
        }
    }
}

fn png_whole(bytes: &[u8]) -> Result<bool, Problem> {
    let mut at = 8;
    let mut animated = false;
    let mut seen_data = false;
    loop {
        let Some(head) = bytes.get(at..at + 8) else {
            return Err(cut_short("the file ends before its IEND chunk"));
        };
        let length = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let kind = &head[4..8];
        let name = String::from_utf8_lossy(kind).into_owned();
        let Some(body) = bytes.get(at + 4..at + 8 + length) else {
            return Err(cut_short(&format!("the file ends inside its {name} chunk")));
        };
        let Some(stored) = bytes.get(at + 8 + length..at + 12 + length) else {
            return Err(cut_short(&format!("the file ends inside its {name} chunk")));
        };
        let stored = u32::from_be_bytes([stored[0], stored[1], stored[2], stored[3]]);
        if crc32fast::hash(body) != stored {
            return Err(Problem::Undecodable(format!(
                "its {name} chunk is damaged: the checksum does not match"
            )));
        }
        match kind {
            // APNG: an animation control chunk before the image data,
            // with more than one frame.
            b"acTL" if !seen_data => {
                animated = body
                    .get(4..8)
                    .is_some_and(|n| u32::from_be_bytes([n[0], n[1], n[2], n[3]]) > 1);
            }
            b"IDAT" => seen_data = true,
            b"IEND" if seen_data => return Ok(animated),
            b"IEND" => return Err(Problem::Undecodable("it holds no image data".to_owned())),
            _ => {}
        }
        at += 12 + length;
    }
}

fn gif_whole(bytes: &[u8]) -> Result<bool, Problem> {
    let table = |packed: u8| {
        if packed & 0x80 != 0 {
            3 << ((packed & 7) + 1)
        } else {
            0
        }
    };
    let sub_blocks = |mut at: usize| -> Result<usize, Problem> {
        loop {
            let Some(&n) = bytes.get(at) else {
                return Err(cut_short("the file ends inside a block"));
            };
            at += 1 + usize::from(n);
            if n == 0 {
                return Ok(at);
            }
        }
    };
    let Some(&packed) = bytes.get(10) else {
        return Err(cut_short("the file ends inside its header"));
    };
    let mut at = 13 + table(packed);
    let mut frames = 0;
    loop {
        match bytes.get(at) {
            Some(0x3B) if frames > 0 => return Ok(frames > 1),
            Some(0x3B) => return Err(Problem::Undecodable("it holds no image".to_owned())),
            Some(0x21) => at = sub_blocks(at + 2)?,
            Some(0x2C) => {
                let Some(&packed) = bytes.get(at + 9) else {
                    return Err(cut_short("the file ends inside a frame"));
                };
                // The descriptor, its colour table, then the minimum code
                // size before the compressed pixels.
                at = sub_blocks(at + 10 + table(packed) + 1)?;
                frames += 1;
            }
            Some(other) => {
                return Err(Problem::Undecodable(format!(
                    "a block is damaged at byte {at} (0x{other:02X} is no GIF block)"
                )));
            }
            None => return Err(cut_short("the file ends before its trailer")),
        }
    }
}

fn webp_whole(bytes: &[u8]) -> Result<bool, Problem> {
    let declared = bytes
        .get(4..8)
        .map(|n| u32::from_le_bytes([n[0], n[1], n[2], n[3]]) as usize);
    if declared.is_none_or(|size| size + 8 > bytes.len()) {
        return Err(cut_short("the file is shorter than its header says"));
    }
    let mut reader = ImageReader::new(Cursor::new(bytes));
    reader.set_format(image::ImageFormat::WebP);
    reader.limits(limits());
    let decoder = reader.into_decoder().map_err(decode_problem)?;
    image::DynamicImage::from_decoder(decoder).map_err(decode_problem)?;
    // VP8X's flags say whether it is animated (bit 1 of its first byte).
    let animated =
        bytes.get(12..16) == Some(b"VP8X") && bytes.get(20).is_some_and(|f| f & 0x02 != 0);
    Ok(animated)
}

fn decode_problem(error: image::ImageError) -> Problem {
    match error {
        image::ImageError::Limits(_) => {
            Problem::Undecodable("decoding it needs more memory than a picture may take".to_owned())
        }
        other => Problem::Undecodable(other.to_string()),
    }
}

fn swaps_sides(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

fn gif_size(head: &[u8]) -> Result<(u32, u32), Problem> {
    match head {
        [_, _, _, _, _, _, w0, w1, h0, h1, ..] => Ok((
            u32::from(u16::from_le_bytes([*w0, *w1])),
            u32::from(u16::from_le_bytes([*h0, *h1])),
        )),
        _ => Err(Problem::Undecodable(
            "the GIF header is cut short".to_owned(),
        )),
    }
}

fn looks_like_svg(head: &[u8], name: &str) -> bool {
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    first == Some(&b'<') || name.to_ascii_lowercase().ends_with(".svg")
}

/// An SVG's size, and whether it is safe to publish (see [`svg`]).
pub fn svg(text: &str) -> Result<Picture, Problem> {
    svg::check_text(text)?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| Problem::BadSvg(e.to_string()))?;
    let root = document.root_element();
    if root.tag_name().name() != "svg" {
        return Err(Problem::BadSvg(format!(
            "its root element is <{}>, not <svg>",
            root.tag_name().name()
        )));
    }
    svg::check(&document)?;
    let length = |name: &str| {
        root.attribute(name)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok())
            .filter(|v| *v >= 1.0 && *v <= f64::from(MAX_SIDE))
            .map(|v| v.round() as u32)
    };
    Ok(Picture {
        format: Format::Svg,
        size: length("width").zip(length("height")),
        animated: false,
    })
}

/// One resized version of a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resized {
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// How a picture's versions are cut and encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    /// Crop to the centred square first, as `object-fit: cover` would
    /// show it in a square box.
    pub square: bool,
    pub format: Format,
}

/// JPEG quality 80: the images of a news page are seen small and once;
/// above 80 the files grow fast for a difference few readers see, below 75
/// edges start to ring. (Most publishing tools default to 75–85.)
pub const JPEG_QUALITY: u8 = 80;

/// The picture in `bytes`, decoded at most once and turned as its camera
/// said, made into each of `widths` (any order; each at most the picture's
/// width), encoded as `cut.format`. Each version is made from the next
/// larger one rather than from the original: the original's pixels are
/// freed after the first, and the smaller steps cost little.
pub fn resize(bytes: &[u8], widths: &[u32], cut: Cut) -> Result<Vec<Resized>, Problem> {
    use fast_image_resize as fr;
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Problem::Undecodable(e.to_string()))?;
    reader.limits(limits());
    let is_jpeg = reader.format() == Some(image::ImageFormat::Jpeg);
    let mut decoder = reader.into_decoder().map_err(decode_problem)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (raw_width, raw_height) = decoder.dimensions();
    let turned = swaps_sides(orientation);
    let (width, height) = if turned {
        (raw_height, raw_width)
    } else {
        (raw_width, raw_height)
    };
    let largest = widths.iter().copied().max().unwrap_or(1);
    let mut picture = if is_jpeg {
        drop(decoder);
        // The side the versions are measured on: the shown width, or the
        // shorter side for a square.
        let on_width = if cut.square {
            raw_width <= raw_height
        } else {
            !turned
        };
        match jpeg_at_least(bytes, largest, on_width)? {
            Some(picture) => picture,
            None => full_size(bytes)?,
        }
    } else {
        image::DynamicImage::from_decoder(decoder).map_err(decode_problem)?
    };
    picture.apply_orientation(orientation);
    let alpha = picture.color().has_alpha() && cut.format != Format::Jpeg;
    let (decoded_width, decoded_height) = (picture.width(), picture.height());
    let (pixel_type, pixels) = if alpha {
        (fr::PixelType::U8x4, picture.into_rgba8().into_raw())
    } else {
        (fr::PixelType::U8x3, picture.into_rgb8().into_raw())
    };
    let mut current =
        fr::images::Image::from_vec_u8(decoded_width, decoded_height, pixels, pixel_type)
            .map_err(|e| Problem::Undecodable(e.to_string()))?;
    if cut.square {
        let (w, h) = (current.width(), current.height());
        let side = w.min(h);
        current = crop(&current, (w - side) / 2, (h - side) / 2, side, side)?;
    }
    let mut order: Vec<u32> = widths.to_vec();
    order.sort_unstable_by(|a, b| b.cmp(a));
    order.dedup();
    let mut resizer = fr::Resizer::new();
    let options =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    let mut made = Vec::with_capacity(order.len());
    for &target in &order {
        let target = target.min(current.width()).max(1);
        // In the original's proportions: a JPEG decoded at a reduced
        // scale may have rounded its sides differently.
        let target_height = if cut.square {
            target
        } else {
            scaled_height(width, height, target)
        };
        if (target, target_height) != (current.width(), current.height()) {
            let mut next = fr::images::Image::new(target, target_height, pixel_type);
            resizer
                .resize(&current, &mut next, &options)
                .map_err(|e| Problem::Undecodable(e.to_string()))?;
            current = next;
        }
        let bytes = encode(current.buffer(), target, target_height, alpha, cut.format)?;
        made.push(Resized {
            width: target,
            height: target_height,
            bytes,
        });
    }
    Ok(made)
}

fn full_size(bytes: &[u8]) -> Result<image::DynamicImage, Problem> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Problem::Undecodable(e.to_string()))?;
    reader.limits(limits());
    let decoder = reader.into_decoder().map_err(decode_problem)?;
    image::DynamicImage::from_decoder(decoder).map_err(decode_problem)
}

/// A JPEG decoded at the smallest of 1/8, 1/4, 1/2 or full scale that is
/// still at least `width` on the side that matters (`on_width`: the
/// stored width, else the stored height): scaling in the decoder's inverse
/// DCT makes a 24-megapixel photo a 6-megapixel one before its pixels are
/// ever held. `None` when the decoder cannot give RGB or grey (CMYK, 16
/// bits): the caller decodes it at full size.
fn jpeg_at_least(
    bytes: &[u8],
    width: u32,
    on_width: bool,
) -> Result<Option<image::DynamicImage>, Problem> {
    let mut decoder = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    decoder.set_max_decoding_buffer_size(MAX_ALLOC as usize);
    let want = u16::try_from(width).unwrap_or(u16::MAX);
    // The other side is asked for as large as can be: the scale is chosen
    // by the side that matters alone.
    let (w, h) = if on_width {
        (want, u16::MAX)
    } else {
        (u16::MAX, want)
    };
    let undecodable = |e: jpeg_decoder::Error| Problem::Undecodable(e.to_string());
    let (scaled_width, scaled_height) = decoder.scale(w, h).map_err(undecodable)?;
    let pixels = decoder.decode().map_err(undecodable)?;
    let Some(info) = decoder.info() else {
        return Ok(None);
    };
    let (sw, sh) = (u32::from(scaled_width), u32::from(scaled_height));
    let picture = match info.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => {
            image::RgbImage::from_raw(sw, sh, pixels).map(image::DynamicImage::ImageRgb8)
        }
        jpeg_decoder::PixelFormat::L8 => {
            image::GrayImage::from_raw(sw, sh, pixels).map(image::DynamicImage::ImageLuma8)
        }
        jpeg_decoder::PixelFormat::L16 | jpeg_decoder::PixelFormat::CMYK32 => None,
    };
    Ok(picture)
}

/// The height of a version `width` wide, in proportion, at least 1.
pub fn scaled_height(from_width: u32, from_height: u32, width: u32) -> u32 {
    let exact = u64::from(from_height) * u64::from(width);
    let rounded = (exact + u64::from(from_width) / 2) / u64::from(from_width.max(1));
    u32::try_from(rounded).unwrap_or(u32::MAX).max(1)
}

fn crop(
    image: &fast_image_resize::images::Image<'_>,
    left: u32,
    top: u32,
    width: u32,
    height: u32,
) -> Result<fast_image_resize::images::Image<'static>, Problem> {
    let channels = image.pixel_type().size();
    let stride = image.width() as usize * channels;
    let mut out = Vec::with_capacity(width as usize * height as usize * channels);
    for row in image
        .buffer()
        .chunks_exact(stride)
        .skip(top as usize)
        .take(height as usize)
    {
        let start = left as usize * channels;
        out.extend_from_slice(&row[start..start + width as usize * channels]);
    }
    fast_image_resize::images::Image::from_vec_u8(width, height, out, image.pixel_type())
        .map_err(|e| Problem::Undecodable(e.to_string()))
}

/// Pixels into a file of `format`. The encoders are deterministic: the
/// same pixels give the same bytes.
pub fn encode(
    pixels: &[u8],
    width: u32,
    height: u32,
    alpha: bool,
    format: Format,
) -> Result<Vec<u8>, Problem> {
    use image::ImageEncoder;
    let color = if alpha {
        image::ExtendedColorType::Rgba8
    } else {
        image::ExtendedColorType::Rgb8
    };
    let mut out = Vec::new();
    let result = match format {
        Format::Jpeg => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .write_image(pixels, width, height, color),
        Format::Png => image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        )
        .write_image(pixels, width, height, color),
        Format::WebP => image::codecs::webp::WebPEncoder::new_lossless(&mut out)
            .write_image(pixels, width, height, color),
        Format::Gif | Format::Svg => return Err(Problem::NotAPicture),
    };
    result.map_err(|e| Problem::Undecodable(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let pixels: Vec<u8> = (0..width * height * 3).map(|i| (i % 251) as u8).collect();
        encode(&pixels, width, height, false, Format::Png).unwrap()
    }

    #[test]
    fn a_header_is_enough_to_know_the_size() {
        let picture = probe_bytes(&png(30, 20), "a.png").unwrap();
        assert_eq!(picture.size, Some((30, 20)));
        assert_eq!(picture.format, Format::Png);
    }

    #[test]
    fn a_bomb_is_refused_from_its_header() {
        // A PNG header that claims 30,000 × 30,000 pixels: its IHDR says
        // so, its pixels are never read.
        let mut bytes = png(1, 1);
        bytes[16..20].copy_from_slice(&30_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&30_000u32.to_be_bytes());
        let problem = probe_bytes(&bytes, "bomb.png").unwrap_err();
        assert_eq!(
            problem,
            Problem::TooLarge {
                width: 30_000,
                height: 30_000
            }
        );
    }

    /// A camera held upright writes a landscape picture and the tag
    /// "turn 90°": the page's size and the versions are the upright ones.
    #[test]
    fn the_camera_orientation_is_applied() {
        use image::ImageEncoder;
        let (width, height) = (64, 32);
        let pixels: Vec<u8> = (0..width * height)
            .flat_map(|i| {
                if i % width < width / 2 {
                    [250, 0, 0]
                } else {
                    [0, 0, 250]
                }
            })
            .collect();
        // A big-endian TIFF block holding one entry: Orientation (0x0112),
        // a SHORT, value 6 ("rotate 90° clockwise").
        let exif = b"MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00".to_vec();
        let mut jpeg = Vec::new();
        let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90);
        encoder.set_exif_metadata(exif).unwrap();
        encoder
            .write_image(&pixels, width, height, image::ExtendedColorType::Rgb8)
            .unwrap();
        assert_eq!(
            probe_bytes(&jpeg, "turned.jpg").unwrap().size,
            Some((32, 64))
        );
        let cut = Cut {
            square: false,
            format: Format::Png,
        };
        let [turned] = resize(&jpeg, &[16], cut).unwrap().try_into().unwrap();
        assert_eq!((turned.width, turned.height), (16, 32));
        // Turned clockwise, the red left half is now the top.
        let decoded = image::load_from_memory(&turned.bytes).unwrap().into_rgb8();
        assert!(decoded.get_pixel(8, 4)[0] > 200 && decoded.get_pixel(8, 28)[2] > 200);
    }

    #[test]
    fn svg_script_is_found_however_it_is_written() {
        for bad in [
            r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><rect OnClick="x()"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href=" java&#9;script:alert(1)"><text>x</text></a></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="JavaScript:alert(1)"/></svg>"#,
        ] {
            assert!(matches!(svg(bad), Err(Problem::Script(_))), "{bad}");
        }
        let fine = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><a href="https://example.org/"><text font="one">on</text></a></svg>"#;
        assert_eq!(svg(fine).unwrap().size, Some((40, 20)));
        assert!(matches!(svg("<svg"), Err(Problem::BadSvg(_))));
    }

    #[test]
    fn resized_versions_are_the_same_bytes_every_time() {
        let original = png(300, 200);
        let cut = Cut {
            square: false,
            format: Format::Jpeg,
        };
        let first = resize(&original, &[100, 250], cut).unwrap();
        assert_eq!(first, resize(&original, &[250, 100], cut).unwrap());
        let sizes: Vec<(u32, u32)> = first.iter().map(|r| (r.width, r.height)).collect();
        assert_eq!(sizes, [(250, 167), (100, 67)]);
        let square = Cut {
            square: true,
            format: Format::Png,
        };
        let squares = resize(&original, &[56], square).unwrap();
        assert_eq!((squares[0].width, squares[0].height), (56, 56));
    }
}
