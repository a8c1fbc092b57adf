//! A site's stories as an earlier build rendered them, kept in
//! `.cache/stories/<slug>/<key>/` so that a story whose inputs are
//! unchanged is not rendered again: its files are copied from there.
//!
//! The key is a hash of everything rendering reads: the checked story of
//! every edition with its marks (which hold the story's files, the shared
//! people it uses and the site's words as they were read and checked), the
//! templates and static files (the story's own over the site's), the base
//! URL and the tool's version. Rendering is a function of those alone, so
//! the files kept under a key are the files a clean build makes. Loading
//! and checking still run for every story: they are what finds its errors,
//! and they cost a small part of rendering.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::changes::Changes;
use crate::load::{AssetSource, Theme};
use crate::model::Story;
use crate::output::{Contents, OutputFile};

/// The file in a kept story's folder naming its files, written last: a
/// folder without it was not finished and is not used.
const MANIFEST: &str = ".files";

/// What the files of one story are made from, as a hex digest.
pub fn key(
    editions: &[(&Story, &Changes)],
    theme: &Theme,
    base_url: Option<&str>,
    skip_pictures: bool,
) -> String {
    let mut hash = Sha256::new();
    let mut add = |part: &[u8]| {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    };
    add(env!("EXPLAINER_VERSION_LINE").as_bytes());
    add(base_url.unwrap_or("").as_bytes());
    add(&[u8::from(skip_pictures)]);
    for (story, changes) in editions {
        add(format!("{story:?}").as_bytes());
        add(format!("{changes:?}").as_bytes());
    }
    for template in &theme.templates {
        add(template.name.as_bytes());
        add(template.text.as_bytes());
    }
    for asset in &theme.assets {
        add(asset.path.as_bytes());
        match &asset.source {
            AssetSource::BuiltIn { published, .. } => add(published),
            // An unreadable file fails the build when it is copied.
            AssetSource::File(path) => add(&fs::read(path).unwrap_or_default()),
        }
    }
    hash.finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// One story's place in the cache.
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// `<cache>/stories/<slug>/`.
    pub fn at(cache: &Path, slug: &str) -> Store {
        Store {
            dir: cache.join("stories").join(slug),
        }
    }

    /// The files kept under `key`, each to be copied from the cache, or
    /// `None` when there are none (or they are not all there).
    pub fn files(&self, key: &str) -> Option<Vec<OutputFile>> {
        let folder = self.dir.join(key);
        let manifest = fs::read_to_string(folder.join(MANIFEST)).ok()?;
        let files: Vec<OutputFile> = manifest
            .lines()
            .map(|path| OutputFile {
                path: path.to_owned(),
                contents: Contents::Copy(folder.join(path)),
            })
            .collect();
        let whole = files.iter().all(|file| match &file.contents {
            Contents::Copy(from) => from.is_file(),
            Contents::Bytes(_) => true,
        });
        whole.then_some(files)
    }

    /// Start keeping the files of `key` as they are made.
    pub fn record(&self, key: &str) -> Option<Recording> {
        let temp = self.dir.join(format!(".{key}-{}.part", std::process::id()));
        let _ = fs::remove_dir_all(&temp);
        fs::create_dir_all(&temp).ok()?;
        Some(Recording {
            temp,
            folder: self.dir.join(key),
            dir: self.dir.clone(),
            paths: Vec::new(),
            failed: false,
        })
    }
}

/// A story's files being kept as rendering makes them. The cache is a
/// convenience: a file that cannot be kept leaves the story uncached, and
/// never fails the build.
pub struct Recording {
    temp: PathBuf,
    folder: PathBuf,
    dir: PathBuf,
    paths: Vec<String>,
    failed: bool,
}

impl Recording {
    pub fn keep(&mut self, file: &OutputFile) {
        if self.failed {
            return;
        }
        let path = self.temp.join(&file.path);
        let kept = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| match &file.contents {
                Contents::Bytes(bytes) => fs::write(&path, bytes),
                Contents::Copy(from) => fs::copy(from, &path).map(|_| ()),
            });
        match kept {
            Ok(()) => self.paths.push(file.path.clone()),
            Err(_) => self.failed = true,
        }
    }

    /// The story built: its files replace what the cache held for it.
    pub fn finish(self) {
        if self.failed {
            let _ = fs::remove_dir_all(&self.temp);
            return;
        }
        let manifest = self.paths.join("\n");
        let written = fs::File::create(self.temp.join(MANIFEST))
            .and_then(|mut file| file.write_all(manifest.as_bytes()));
        if written.is_err() {
            let _ = fs::remove_dir_all(&self.temp);
            return;
        }
        // Only the newest files of a story are kept.
        if let Ok(entries) = fs::read_dir(&self.dir) {
            for entry in entries.flatten() {
                if entry.path() != self.temp {
                    let _ = fs::remove_dir_all(entry.path());
                }
            }
        }
        if fs::rename(&self.temp, &self.folder).is_err() {
            let _ = fs::remove_dir_all(&self.temp);
        }
    }

    /// The story failed: nothing is kept.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.temp);
    }
}
