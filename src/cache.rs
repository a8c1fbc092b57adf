//! Bytes the build derives from its inputs (resized pictures, and any
//! other costly result), kept between builds in a folder of the story root
//! so that a rebuild, or a save in `serve`, does not make them again.
//!
//! An entry is named by a key: the hash of everything the bytes are made
//! from, and of [`VERSION`]. Nothing is ever invalidated; a changed input
//! is a new key. The folder is safe to delete at any time, and a cache
//! that cannot be read or written is no cache: the bytes are made again,
//! and the build goes on.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

/// The cache folder, in the story root. Not `public/`: the output folder
/// is replaced whole by every build.
pub const DIR: &str = ".cache";

/// Part of every key: raise it when a change to the code makes different
/// bytes from the same inputs (a new encoder setting), so no entry made
/// the old way is used.
pub const VERSION: &str = "explainer-cache-2";

/// A key: the SHA-256 of its parts, as hex.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key(String);

impl Key {
    /// The key of `parts`, each length-prefixed so that no two lists of
    /// parts hash alike.
    pub fn of(parts: &[&[u8]]) -> Key {
        let mut hasher = Sha256::new();
        hasher.update(VERSION.as_bytes());
        for part in parts {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        Key(hex(&hasher.finalize()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How many entries a build found and how many it made.
#[derive(Debug, Default)]
pub struct Stats {
    pub hits: AtomicUsize,
    pub misses: AtomicUsize,
}

#[derive(Debug)]
pub struct Cache {
    /// `None`: no cache (not asked for, or the folder cannot be made).
    dir: Option<PathBuf>,
    pub stats: Stats,
}

/// Each entry starts with the SHA-256 of the bytes after it: a file cut
/// short by a crash or changed on disk does not match, and is made again.
const CHECK_LEN: usize = 32;

impl Cache {
    /// A cache in `dir`, made if missing. A folder that cannot be made
    /// (a read-only checkout) gives a cache that keeps nothing.
    pub fn at(dir: &Path) -> Cache {
        let usable = fs::create_dir_all(dir).is_ok() && dir.is_dir();
        Cache {
            dir: usable.then(|| dir.to_path_buf()),
            stats: Stats::default(),
        }
    }

    /// A cache that keeps nothing.
    pub fn none() -> Cache {
        Cache {
            dir: None,
            stats: Stats::default(),
        }
    }

    fn path(&self, key: &Key) -> Option<PathBuf> {
        // Two levels, as git does, so that no folder grows too long.
        let dir = self.dir.as_ref()?;
        let (fan, rest) = key.0.split_at(2);
        Some(dir.join(fan).join(rest))
    }

    /// The bytes kept under `key`, if there are any and they are whole.
    pub fn get(&self, key: &Key) -> Option<Vec<u8>> {
        let path = self.path(key)?;
        let mut stored = fs::read(path).ok()?;
        if stored.len() < CHECK_LEN {
            return None;
        }
        let bytes = stored.split_off(CHECK_LEN);
        (Sha256::digest(&bytes).as_slice() == stored.as_slice()).then_some(bytes)
    }

    /// Keep `bytes` under `key`. Written to a temporary file and renamed,
    /// so a reader never sees half an entry; any failure is ignored.
    pub fn put(&self, key: &Key, bytes: &[u8]) {
        let Some(path) = self.path(key) else {
            return;
        };
        let Some(parent) = path.parent() else {
            return;
        };
        let temp = parent.join(format!(
            ".{}.tmp-{}-{}",
            &key.0[2..],
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let written = fs::create_dir_all(parent)
            .and_then(|()| fs::File::create(&temp))
            .and_then(|mut file| {
                file.write_all(&Sha256::digest(bytes))?;
                file.write_all(bytes)
            })
            .and_then(|()| fs::rename(&temp, &path));
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
    }

    /// Count an entry found with [`Cache::get`].
    pub fn note_hit(&self) {
        self.stats.hits.fetch_add(1, Ordering::Relaxed);
    }

    /// Count an entry made because [`Cache::get`] found none.
    pub fn note_miss(&self) {
        self.stats.misses.fetch_add(1, Ordering::Relaxed);
    }

    /// `(hits, misses)` so far.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.stats.hits.load(Ordering::Relaxed),
            self.stats.misses.load(Ordering::Relaxed),
        )
    }

    /// The bytes under `key`, made by `make` (and kept) when there are
    /// none. `make`'s error is passed on and nothing is kept.
    pub fn get_or_make<E>(
        &self,
        key: &Key,
        make: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Vec<u8>, E> {
        if let Some(bytes) = self.get(key) {
            self.stats.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(bytes);
        }
        self.stats.misses.fetch_add(1, Ordering::Relaxed);
        let bytes = make()?;
        self.put(key, &bytes);
        Ok(bytes)
    }
}

static TEMP_COUNTER: AtomicUsize = AtomicUsize::new(0);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_kept_and_a_damaged_one_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(&dir.path().join(DIR));
        let key = Key::of(&[b"picture", b"480"]);
        let made = cache.get_or_make(&key, || Ok::<_, ()>(b"small".to_vec()));
        assert_eq!(made.unwrap(), b"small");
        let again = cache.get_or_make(&key, || Err::<Vec<u8>, _>("not called"));
        assert_eq!(again.unwrap(), b"small");
        assert_eq!(cache.stats.hits.load(Ordering::Relaxed), 1);

        let path = cache.path(&key).unwrap();
        let mut damaged = fs::read(&path).unwrap();
        *damaged.last_mut().unwrap() ^= 1;
        fs::write(&path, &damaged).unwrap();
        assert_eq!(cache.get(&key), None);
        fs::write(&path, b"short").unwrap();
        assert_eq!(cache.get(&key), None);
        let remade = cache.get_or_make(&key, || Ok::<_, ()>(b"small".to_vec()));
        assert_eq!(remade.unwrap(), b"small");
        assert_eq!(cache.get(&key).unwrap(), b"small");
    }

    #[test]
    fn keys_do_not_run_parts_together() {
        assert_ne!(Key::of(&[b"ab", b"c"]), Key::of(&[b"a", b"bc"]));
        assert_eq!(Key::of(&[b"x"]), Key::of(&[b"x"]));
    }

    #[test]
    fn a_cache_that_cannot_be_made_keeps_nothing_and_fails_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        fs::write(&file, b"").unwrap();
        let cache = Cache::at(&file.join(DIR));
        let key = Key::of(&[b"x"]);
        assert_eq!(
            cache.get_or_make(&key, || Ok::<_, ()>(vec![1])),
            Ok(vec![1])
        );
        assert_eq!(cache.get(&key), None);
    }
}
