//! Templates and static files: the defaults compiled into the binary, with
//! the story root's own `templates/` and `static/` laid over them file by
//! file (the way mdBook treats its theme).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::images::{Picture, Problem};

/// The default templates, compiled in so a root holding only `content/`
/// builds with the default look.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("index.html", include_str!("../../templates/index.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("person.html", include_str!("../../templates/person.html")),
    ("quote.html", include_str!("../../templates/quote.html")),
    ("event.html", include_str!("../../templates/event.html")),
    ("change.html", include_str!("../../templates/change.html")),
    (
        "correction.html",
        include_str!("../../templates/correction.html"),
    ),
    ("changes.html", include_str!("../../templates/changes.html")),
    (
        "transcript.html",
        include_str!("../../templates/transcript.html"),
    ),
    ("embed.html", include_str!("../../templates/embed.html")),
    ("removed.html", include_str!("../../templates/removed.html")),
    (
        "takeaways.html",
        include_str!("../../templates/takeaways.html"),
    ),
    (
        "knowledge.html",
        include_str!("../../templates/knowledge.html"),
    ),
];

/// The templates of a site's own pages (the desk, each shared person's
/// page), under `templates/site/`: a site's `templates/site/` overrides
/// them as a story's `templates/` overrides the story's.
pub const DEFAULT_SITE_TEMPLATES: &[(&str, &str)] = &[
    (
        "site/head.html",
        include_str!("../../templates/site/head.html"),
    ),
    (
        "site/desk.html",
        include_str!("../../templates/site/desk.html"),
    ),
    (
        "site/person.html",
        include_str!("../../templates/site/person.html"),
    ),
    (
        "site/search.js",
        include_str!("../../templates/site/search.js"),
    ),
    (
        "site/404.html",
        include_str!("../../templates/site/404.html"),
    ),
];

/// The folder of a site's own templates, beside a story's.
pub const SITE_TEMPLATES: &str = "site/";

/// The built-in scripts as they are published: `static/`'s minified by
/// terser ahead of time (`tests/browser/minify.mjs`, which CI runs to check
/// they are fresh), since the page has a byte budget and no JavaScript
/// minifier in Rust is both small and well kept.
const MINIFIED_SCRIPTS: &[(&str, &[u8])] = &[
    (
        "explainer.js",
        include_bytes!("../../minified/explainer.js"),
    ),
    ("embed.js", include_bytes!("../../minified/embed.js")),
    (
        "embed-host.js",
        include_bytes!("../../minified/embed-host.js"),
    ),
];

pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("explainer.js", include_bytes!("../../static/explainer.js")),
    ("record.css", include_bytes!("../../static/record.css")),
    ("embed.css", include_bytes!("../../static/embed.css")),
    ("embed.js", include_bytes!("../../static/embed.js")),
    (
        "embed-host.js",
        include_bytes!("../../static/embed-host.js"),
    ),
    ("favicon.svg", include_bytes!("../../static/favicon.svg")),
];

#[derive(Debug, Clone)]
pub struct Theme {
    pub templates: Vec<Template>,
    pub assets: Vec<Asset>,
    /// What the build should tell the editor about the root's copies of
    /// the defaults: that a later release changed the built-in (see
    /// [`super::ejected`]).
    pub notes: Vec<String>,
}

impl Theme {
    /// The paths of the static files, as `image`, `photo.src` and the
    /// article's pictures and links name them.
    pub fn static_paths(&self) -> Vec<&str> {
        self.assets.iter().map(|a| a.path.as_str()).collect()
    }

    /// The static files that are pictures, by path, as read from their
    /// headers.
    pub fn pictures(&self) -> crate::images::Probes<'_> {
        self.assets
            .iter()
            .filter_map(|a| Some((a.path.as_str(), a.picture.as_ref()?)))
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct Template {
    /// The name templates use to include it: its path under `templates/`.
    pub name: String,
    /// Where it came from, for error messages.
    pub origin: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Asset {
    /// Its path under `static/`, which is also its path in the output.
    pub path: String,
    pub source: AssetSource,
    /// What it is, when its name says it is a picture: read here, from its
    /// header, so that validation can check each picture the story names.
    pub picture: Option<Result<Picture, Problem>>,
}

/// Where a static file's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssetSource {
    /// Compiled in: ours to compact on the way out. `source` is the file
    /// as `static/` holds it (what a root's identical copy is recognised
    /// by); `published`, what the build writes: a script minified ahead of
    /// time (`minified/`), or the source again.
    BuiltIn {
        source: &'static [u8],
        published: &'static [u8],
    },
    /// A file of the root's own, published byte for byte. It is copied from
    /// disk when the site is written, not held in memory: a story's
    /// pictures can be large.
    File(PathBuf),
}

/// The compiled-in look, for a root with no `templates/` or `static/`.
pub fn defaults() -> Theme {
    let templates = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| Template {
            name: (*name).to_owned(),
            origin: format!("templates/{name} (built in)"),
            text: (*text).to_owned(),
        })
        .collect();
    let assets = DEFAULT_STATIC
        .iter()
        .map(|&(path, source)| Asset {
            path: path.to_owned(),
            source: AssetSource::BuiltIn {
                source,
                published: MINIFIED_SCRIPTS
                    .iter()
                    .find(|(minified, _)| *minified == path)
                    .map_or(source, |&(_, published)| published),
            },
            picture: has_picture_name(path).then(|| crate::images::probe_bytes(source, path)),
        })
        .collect();
    Theme {
        templates,
        assets,
        notes: Vec::new(),
    }
}

pub fn load(root: &Path) -> Result<Theme, Diagnostics> {
    load_over(root, defaults())
}

/// The defaults with the site pages' templates, for a site's own look.
pub fn site_defaults() -> Theme {
    let mut theme = defaults();
    theme
        .templates
        .extend(DEFAULT_SITE_TEMPLATES.iter().map(|(name, text)| Template {
            name: (*name).to_owned(),
            origin: format!("templates/{name} (built in)"),
            text: (*text).to_owned(),
        }));
    theme
}

impl Theme {
    /// The look a site lends its stories: its own without the templates of
    /// the site's pages, which no story's page uses.
    pub fn for_stories(&self) -> Theme {
        let mut theme = self.clone();
        theme
            .templates
            .retain(|t| !t.name.starts_with(SITE_TEMPLATES));
        theme.notes.clear();
        theme
    }
}

/// The root's own `templates/` and `static/` laid over `under`: the
/// defaults for a story on its own, a site's look for a story of the site.
pub fn load_over(root: &Path, under: Theme) -> Result<Theme, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let Theme {
        mut templates,
        mut assets,
        ..
    } = under;

    for (relative, path) in read_tree(root, "templates", &mut diagnostics) {
        let origin = format!("templates/{relative}");
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                diagnostics.push(crate::load::io_diagnostic(&origin, &path, &error));
                continue;
            }
        };
        match String::from_utf8(bytes) {
            Ok(text) => {
                let template = Template {
                    name: relative,
                    origin,
                    text,
                };
                match templates.iter_mut().find(|t| t.name == template.name) {
                    Some(default) => *default = template,
                    None => templates.push(template),
                }
            }
            Err(_) => diagnostics.push(Diagnostic::file_error(
                origin,
                "template is not valid UTF-8",
            )),
        }
    }
    for (relative, path) in read_tree(root, "static", &mut diagnostics) {
        match assets.iter_mut().find(|a| a.path == relative) {
            // The repository is itself a story root: its own static/ is the
            // built-in theme, not an override.
            Some(default) if is_same_file(&default.source, &path) => {}
            Some(default) => {
                default.picture = probe_file(&relative, &path);
                default.source = AssetSource::File(path);
            }
            None => assets.push(Asset {
                picture: probe_file(&relative, &path),
                path: relative,
                source: AssetSource::File(path),
            }),
        }
    }
    templates.sort_by(|a, b| a.name.cmp(&b.name));
    assets.sort_by(|a, b| a.path.cmp(&b.path));
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(Theme {
            templates,
            assets,
            notes: super::ejected::drift_notes(root),
        })
    }
}

/// Whether a static file's name says it is a picture the build reads.
fn has_picture_name(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// A picture's header, read without its pixels. A file that cannot be
/// opened is reported by [`read_tree`].
fn probe_file(relative: &str, path: &Path) -> Option<Result<Picture, Problem>> {
    if !has_picture_name(relative) {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    Some(crate::images::probe(
        std::io::BufReader::new(file),
        relative,
    ))
}

/// Whether the file at `path` holds exactly the compiled-in bytes; read only
/// when its size says it might.
fn is_same_file(built_in: &AssetSource, path: &Path) -> bool {
    let AssetSource::BuiltIn { source: bytes, .. } = built_in else {
        return false;
    };
    let same_size = std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64);
    same_size && std::fs::read(path).is_ok_and(|read| read == *bytes)
}

/// Every readable file under `root/folder`, as (path relative to that
/// folder, path on disk). Symbolic links are followed only while they stay
/// inside the root, so a link can't publish a file from elsewhere on the
/// machine.
fn read_tree(root: &Path, folder: &str, diagnostics: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    let base = root.join(folder);
    if !base.is_dir() {
        return Vec::new();
    }
    let canonical_root = match root.canonicalize() {
        Ok(path) => path,
        Err(error) => {
            diagnostics.push(Diagnostic::file_error(
                folder,
                format!("cannot resolve the story root: {error}"),
            ));
            return Vec::new();
        }
    };
    let mut files = Vec::new();
    for entry in WalkDir::new(&base).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let at = error.path().map_or_else(|| base.clone(), Path::to_path_buf);
                let name = display_relative(root, &at);
                let message = if error.loop_ancestor().is_some() {
                    "symbolic link loop".to_owned()
                } else {
                    format!(
                        "cannot read: {}",
                        error
                            .io_error()
                            .map_or_else(|| error.to_string(), |e| e.to_string())
                    )
                };
                diagnostics.push(Diagnostic::file_error(name, message));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let name = display_relative(root, entry.path());
        let inside = entry
            .path()
            .canonicalize()
            .is_ok_and(|real| real.starts_with(&canonical_root));
        if !inside {
            diagnostics.push(
                Diagnostic::file_error(name, "links to a file outside the story root")
                    .with_help("copy the file into the story instead of linking to it"),
            );
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(&base) else {
            continue;
        };
        let relative = slash_path(relative);
        // Opened now, so an unreadable file is reported with the others
        // rather than when the site is written.
        match std::fs::File::open(entry.path()) {
            Ok(_) => files.push((relative, entry.path().to_path_buf())),
            Err(error) => diagnostics.push(crate::load::io_diagnostic(&name, entry.path(), &error)),
        }
    }
    files
}

fn display_relative(root: &Path, path: &Path) -> String {
    slash_path(path.strip_prefix(root).unwrap_or(path))
}

/// A relative path with `/` separators, the way URLs and template names
/// spell it on every platform.
fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file added to templates/ or static/ must also be compiled in, or a
    /// root without its own theme would silently miss it.
    #[test]
    fn compiled_in_defaults_match_the_repository_folders() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (templates, statics) = (here.join("templates"), here.join("static"));
        let list = |dir: &Path| -> Vec<String> {
            let mut names: Vec<String> = WalkDir::new(dir)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| slash_path(e.path().strip_prefix(dir).unwrap()))
                .collect();
            names.sort();
            names
        };
        let mut compiled: Vec<String> = DEFAULT_TEMPLATES
            .iter()
            .chain(DEFAULT_SITE_TEMPLATES)
            .map(|(n, _)| (*n).to_owned())
            .collect();
        compiled.sort();
        assert_eq!(list(&templates), compiled);
        let mut compiled: Vec<String> = DEFAULT_STATIC
            .iter()
            .map(|(n, _)| (*n).to_owned())
            .collect();
        compiled.sort();
        assert_eq!(list(&statics), compiled);
    }
}
