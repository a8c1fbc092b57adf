//! The story's pictures at the sizes the page shows them: the photo and
//! each portrait made into a few widths (see [`Role::widths`]), each a
//! file of the plan, and what the page needs to pick one (`srcset`,
//! `sizes`, `width`, `height`).
//!
//! The resizing itself is [`crate::images`]'s; its results are kept in
//! the story's cache (see [`crate::cache`]), so a rebuild that changes no
//! picture decodes none.

use std::collections::{BTreeMap, BTreeSet};

use crate::cache::{Cache, Key};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::images::{self, Cut, Format};
use crate::load::{AssetSource, Theme};
use crate::model::Story;

use super::{Contents, OutputFile};

/// How a picture is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// The lead photo: the reading column's width, about 620 CSS pixels
    /// at most with the default stylesheet.
    Photo,
    /// A person's portrait: a 3.5rem (56 px) circle.
    Portrait,
}

/// The widest a version may be: wider than any screen shows the reading
/// column even at 3 device pixels per CSS pixel, and a custom template
/// showing the photo full-bleed still gets a sharp one.
pub const MAX_WIDTH: u32 = 2560;

/// The portrait's shown width in CSS pixels (`.portrait` in style.css).
pub const PORTRAIT_SHOWN: u32 = 56;

impl Role {
    /// The widths made of a picture `original` pixels wide, smallest first.
    ///
    /// Photo: 480 (a phone at 1×, a 390-pixel phone's column at 1.5×), 800
    /// (the phone at 2×), 1200 (the phone at 3×, the desktop column at
    /// 2×), 1600 and 2560 (the desktop column at 3×, and wider templates);
    /// none wider than the original, which is itself the largest when it
    /// is no wider than [`MAX_WIDTH`].
    /// Portrait: 1×, 2× and 3× its shown width, never more (a 3× screen
    /// is the densest sold), none wider than the original's shorter side.
    pub fn widths(self, original: u32) -> Vec<u32> {
        let steps: &[u32] = match self {
            Role::Photo => &[480, 800, 1200, 1600, MAX_WIDTH],
            Role::Portrait => &[PORTRAIT_SHOWN, 2 * PORTRAIT_SHOWN, 3 * PORTRAIT_SHOWN],
        };
        let mut widths: Vec<u32> = steps.iter().copied().filter(|&w| w < original).collect();
        let largest = *steps.last().unwrap_or(&MAX_WIDTH);
        if original <= largest {
            widths.push(original);
        }
        widths
    }

    /// `sizes`: how wide the default stylesheet shows the picture. The
    /// photo fills the column (41rem, less the body's and the figure's
    /// padding and borders, 4.25rem in all) and is narrower on a phone.
    pub fn sizes(self) -> &'static str {
        match self {
            Role::Photo => "(min-width: 43rem) 38.75rem, calc(100vw - 4.25rem)",
            Role::Portrait => "3.5rem",
        }
    }

    fn tag(self) -> &'static [u8] {
        match self {
            Role::Photo => b"photo",
            Role::Portrait => b"portrait",
        }
    }
}

/// One file a browser may pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Its path in the site.
    pub path: String,
    pub width: u32,
    pub height: u32,
}

/// A picture as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Smallest first; a single one for a picture that is not resized.
    pub candidates: Vec<Candidate>,
    /// The same widths as WebP, when they are smaller in all; else empty.
    pub webp: Vec<Candidate>,
    /// The picture's size as shown, for `width` and `height`; `None` for
    /// an SVG that does not say.
    pub size: Option<(u32, u32)>,
    pub role: Role,
}

impl Shown {
    /// `src`, for a browser that reads no `srcset`: the version nearest
    /// to what a 2× screen needs.
    pub fn fallback(&self) -> &Candidate {
        let want = match self.role {
            Role::Photo => 1200,
            Role::Portrait => 2 * PORTRAIT_SHOWN,
        };
        self.candidates
            .iter()
            .rfind(|c| c.width <= want)
            .or(self.candidates.first())
            .expect("a picture has at least one candidate")
    }

    /// The version for a sharing card: 1200 wide, as Facebook and the
    /// others ask, or the nearest below.
    pub fn for_sharing(&self) -> &Candidate {
        self.candidates
            .iter()
            .rfind(|c| c.width <= 1200)
            .or(self.candidates.first())
            .expect("a picture has at least one candidate")
    }
}

/// Every picture the site shows, and the files made of them.
#[derive(Debug, Default)]
pub struct Pictures {
    shown: BTreeMap<(String, Role), Shown>,
    pub files: Vec<OutputFile>,
    /// Static files that every use resized: they are not published.
    pub unshipped: BTreeSet<String>,
}

impl Pictures {
    /// How `path` (under `static/`) is shown in `role`.
    pub fn get(&self, path: &str, role: Role) -> Option<&Shown> {
        self.shown.get(&(path.to_owned(), role))
    }
}

/// Every picture of `stories` (the latest edition and the past ones),
/// from the theme's static files, resized or taken from `cache`.
pub fn prepare(stories: &[&Story], theme: &Theme, cache: &Cache) -> Result<Pictures, Diagnostics> {
    let mut uses: BTreeSet<(String, Role)> = BTreeSet::new();
    for story in stories {
        if let Some(src) = story.article.photo.as_ref().and_then(|p| p.src.clone()) {
            uses.insert((src, Role::Photo));
        }
        for person in &story.people {
            if let Some(image) = &person.image {
                uses.insert((image.clone(), Role::Portrait));
            }
        }
    }
    let mut pictures = Pictures::default();
    let mut diagnostics = Diagnostics::new();
    let mut shipped = BTreeSet::new();
    let mut resized = BTreeSet::new();
    for (path, role) in uses {
        let Some(asset) = theme.assets.iter().find(|a| a.path == path) else {
            continue;
        };
        // Validation refused every picture that is missing or bad.
        let Some(Ok(picture)) = asset.picture.clone() else {
            continue;
        };
        let passes_through = |size: Option<(u32, u32)>| Shown {
            candidates: vec![Candidate {
                path: path.clone(),
                width: size.map_or(0, |(w, _)| w),
                height: size.map_or(0, |(_, h)| h),
            }],
            webp: Vec::new(),
            size,
            role,
        };
        let Some((width, height)) = picture.size.filter(|_| picture.is_resized()) else {
            shipped.insert(path.clone());
            let size = match role {
                Role::Photo => picture.size,
                Role::Portrait => Some((PORTRAIT_SHOWN, PORTRAIT_SHOWN)),
            };
            let shown = passes_through(size);
            pictures.shown.insert((path, role), shown);
            continue;
        };
        let bytes = match &asset.source {
            AssetSource::BuiltIn { source, .. } => source.to_vec(),
            AssetSource::File(file) => match std::fs::read(file) {
                Ok(bytes) => bytes,
                Err(error) => {
                    diagnostics.push(Diagnostic::file_error(
                        format!("static/{path}"),
                        format!("cannot read: {error}"),
                    ));
                    continue;
                }
            },
        };
        match versions(&path, &bytes, picture.format, (width, height), role, cache) {
            Ok((shown, files)) => {
                if shown.candidates.iter().any(|c| c.path == path) {
                    shipped.insert(path.clone());
                } else {
                    resized.insert(path.clone());
                }
                for file in files {
                    if !pictures.files.iter().any(|f| f.path == file.path) {
                        pictures.files.push(file);
                    }
                }
                pictures.shown.insert((path, role), shown);
            }
            Err(problem) => diagnostics.push(
                Diagnostic::file_error(format!("static/{path}"), problem.message(&path))
                    .with_help(problem.help()),
            ),
        }
    }
    pictures.unshipped = resized.difference(&shipped).cloned().collect();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(pictures)
}

/// The versions of one picture, from the cache where it has them; the
/// picture is decoded only when one is missing.
fn versions(
    path: &str,
    bytes: &[u8],
    format: Format,
    (width, height): (u32, u32),
    role: Role,
    cache: &Cache,
) -> Result<(Shown, Vec<OutputFile>), images::Problem> {
    let square = role == Role::Portrait;
    let widths = role.widths(if square { width.min(height) } else { width });
    // The photo's largest version is the original itself when it is no
    // wider than the largest step: encoding it again would only lose.
    let copies_original = !square && widths.last() == Some(&width);
    let name = Key::of(&[role.tag(), bytes]);
    let name = &name.as_str()[..16];
    // WebP is tried only for PNG: its encoder here is lossless, and a
    // lossless photo is several times the size of a JPEG one.
    let mut formats = vec![format];
    if format == Format::Png {
        formats.push(Format::WebP);
    }
    let key = |w: u32, f: Format| {
        Key::of(&[
            name.as_bytes(),
            f.extension().as_bytes(),
            &w.to_le_bytes(),
            &[u8::from(square)],
        ])
    };
    let wanted: Vec<(u32, Format)> = formats
        .iter()
        .flat_map(|&f| widths.iter().map(move |&w| (w, f)))
        .filter(|&(w, f)| !(copies_original && w == width && f == format))
        .collect();
    let mut made: BTreeMap<(u32, Format), Vec<u8>> = BTreeMap::new();
    let mut missing: Vec<(u32, Format)> = Vec::new();
    for &(w, f) in &wanted {
        match cache.get(&key(w, f)) {
            Some(bytes) => {
                cache.note_hit();
                made.insert((w, f), bytes);
            }
            None => missing.push((w, f)),
        }
    }
    for &f in &formats {
        if !missing.iter().any(|(_, mf)| *mf == f) {
            continue;
        }
        // Every version of the format is made again, not only the missing
        // one: each is made from the next larger, and a JPEG is decoded at
        // the scale its largest version needs, so a version made alone
        // would differ by a few bytes, and the site would depend on what
        // the cache happened to hold.
        let all: Vec<u32> = wanted
            .iter()
            .filter(|(_, wf)| *wf == f)
            .map(|(w, _)| *w)
            .collect();
        let cut = Cut { square, format: f };
        for version in images::resize(bytes, &all, cut)? {
            let at = version.width;
            if missing.contains(&(at, f)) {
                cache.note_miss();
                cache.put(&key(at, f), &version.bytes);
            }
            made.insert((at, f), version.bytes);
        }
    }
    let height_at = |w: u32| {
        if square {
            w
        } else {
            images::scaled_height(width, height, w)
        }
    };
    let mut files = Vec::new();
    let mut list = |f: Format| -> Vec<Candidate> {
        widths
            .iter()
            .map(|&w| {
                if copies_original && w == width && f == format {
                    return Candidate {
                        path: path.to_owned(),
                        width,
                        height,
                    };
                }
                let file = crate::layout::image_version(name, w, f.extension());
                let bytes = made.remove(&(w, f)).unwrap_or_default();
                files.push(OutputFile {
                    path: file.clone(),
                    contents: Contents::Bytes(bytes),
                });
                Candidate {
                    path: file,
                    width: w,
                    height: height_at(w),
                }
            })
            .collect()
    };
    let candidates = list(format);
    let mut webp = if formats.contains(&Format::WebP) {
        list(Format::WebP)
    } else {
        Vec::new()
    };
    let total = |candidates: &[Candidate]| -> usize {
        candidates
            .iter()
            .map(|c| size_of(&files, c, bytes.len()))
            .sum()
    };
    if !webp.is_empty() && total(&webp) >= total(&candidates) {
        files.retain(|f| !f.path.ends_with(".webp"));
        webp.clear();
    }
    let size = if square {
        Some((PORTRAIT_SHOWN, PORTRAIT_SHOWN))
    } else {
        Some((width, height))
    };
    Ok((
        Shown {
            candidates,
            webp,
            size,
            role,
        },
        files,
    ))
}

fn size_of(files: &[OutputFile], candidate: &Candidate, original: usize) -> usize {
    files
        .iter()
        .find(|f| f.path == candidate.path)
        .map_or(original, |f| match &f.contents {
            Contents::Bytes(bytes) => bytes.len(),
            Contents::Copy(_) | Contents::Link(_) => original,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_stop_at_the_original_and_at_three_times_the_portrait() {
        assert_eq!(Role::Photo.widths(4000), [480, 800, 1200, 1600, 2560]);
        assert_eq!(Role::Photo.widths(1000), [480, 800, 1000]);
        assert_eq!(Role::Photo.widths(300), [300]);
        assert_eq!(Role::Portrait.widths(1600), [56, 112, 168]);
        assert_eq!(Role::Portrait.widths(100), [56, 100]);
        assert_eq!(Role::Portrait.widths(40), [40]);
    }
}
