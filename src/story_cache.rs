//! A site's stories as an earlier build made them, kept in
//! `.cache/stories/<slug>/<key>/` so that a story whose inputs are
//! unchanged is neither loaded, nor checked, nor rendered again: its files
//! are linked into the new site from there, and what the site's own pages
//! need of it (its desk entry, with its people, quotes, events, updates,
//! pages and text) and what its build told (its warnings and notes) are
//! kept beside them.
//!
//! The key is a hash of the story's raw inputs, read as bytes before
//! anything is parsed: every file of its `content/`, `templates/`,
//! `static/` and `i18n/` and its `.explainer-ejected`; `site.yaml` and
//! every file of the site's `templates/`, `static/` and `i18n/`; the
//! facts the previous build wrote for it (its New marks are made against
//! them); its git history's commit ids; the base URL; and the tool's
//! version and commit. The shared people it lists are compared once the
//! key has found its files: which ids the story lists is known only from
//! its facts, so the kept files name them, and they are used only while
//! the entries of `people.yaml` for those ids are as they were. Editing a
//! shared person re-renders only the stories that list them.
//!
//! A build is a function of these inputs alone, so the files kept under a
//! key are the files a clean build makes, and the warnings kept with them
//! the warnings it prints.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::desk::StoryEntry;
use crate::diagnostic::Diagnostic;
use crate::model::Person;
use crate::output::{Contents, OutputFile};
use crate::report::{Counts, Report, Timings};

/// The file in a kept story's folder naming its files and holding what
/// the site needs of it, written last: a folder without it was not
/// finished and is not used.
const MANIFEST: &str = ".kept.json";

/// The folders of a root (a story's or the site's) that are its inputs.
const INPUT_FOLDERS: [&str; 4] = crate::load::INPUT_FOLDERS;

/// A hash being made of parts, each with its length, so that no two
/// different sequences of parts hash alike.
struct Parts(Sha256);

impl Parts {
    fn new() -> Parts {
        Parts(Sha256::new())
    }

    fn add(&mut self, part: &[u8]) {
        self.0.update((part.len() as u64).to_le_bytes());
        self.0.update(part);
    }

    /// A file's bytes, or a mark that it is absent or unreadable (the
    /// build then says why).
    fn add_file(&mut self, path: &Path) {
        match fs::read(path) {
            Ok(bytes) => {
                self.add(b"file");
                self.add(&bytes);
            }
            Err(error) => {
                self.add(b"none");
                self.add(format!("{:?}", error.kind()).as_bytes());
            }
        }
    }

    /// Every file under `root/<folder>/` for each of `folders`, by path
    /// in name order, with its bytes.
    fn add_folders(&mut self, root: &Path, folders: &[&str]) {
        for folder in folders {
            self.add(folder.as_bytes());
            let walk = walkdir::WalkDir::new(root.join(folder))
                .follow_links(true)
                .sort_by_file_name();
            for entry in walk.into_iter() {
                let Ok(entry) = entry else {
                    self.add(b"unreadable");
                    continue;
                };
                if entry.file_type().is_dir() {
                    continue;
                }
                let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
                self.add(relative.to_string_lossy().as_bytes());
                self.add_file(entry.path());
            }
        }
    }

    fn hex(self) -> String {
        self.0
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

/// What every story of a site is built with, hashed once per build: the
/// tool, the base URL, `site.yaml`, and the site's `templates/`,
/// `static/` and `i18n/`. (`people.yaml` is compared person by person: see
/// [`people`].)
pub fn site_key(site_root: &Path, base_url: Option<&str>, skip_pictures: bool) -> String {
    let mut parts = Parts::new();
    parts.add(env!("EXPLAINER_VERSION_LINE").as_bytes());
    parts.add(base_url.unwrap_or("").as_bytes());
    parts.add(&[u8::from(skip_pictures)]);
    parts.add_file(&site_root.join(crate::layout::SITE_FILE));
    parts.add_folders(site_root, &INPUT_FOLDERS);
    parts.hex()
}

/// The key of one story: the site's key, the story's files, the facts its
/// previous build wrote (`previous`, which may not exist), and its git
/// history's commits: from `site_commits`, the site's history read once
/// for every story ([`crate::load::history::site_commits`]), unless the
/// story is a repository of its own.
pub fn story_key(
    site_key: &str,
    story_root: &Path,
    previous: &Path,
    site_commits: Option<&std::collections::BTreeMap<String, Vec<String>>>,
) -> String {
    let mut parts = Parts::new();
    parts.add(site_key.as_bytes());
    parts.add_folders(story_root, &INPUT_FOLDERS);
    parts.add_file(&story_root.join(crate::load::ejected::MANIFEST));
    parts.add_file(previous);
    // The ids of the commits that touched the story name their contents
    // for good.
    let own_repository = [Some(story_root), story_root.parent()]
        .into_iter()
        .flatten()
        .any(|folder| fs::symlink_metadata(folder.join(".git")).is_ok());
    let slug = story_root.file_name().map(|s| s.to_string_lossy());
    match (site_commits, slug) {
        (Some(commits), Some(slug)) if !own_repository => {
            parts.add(b"the site's history");
            for id in commits.get(slug.as_ref()).into_iter().flatten() {
                parts.add(id.as_bytes());
            }
        }
        // For a plain folder this is a look for `.git`.
        _ => parts.add(format!("{:?}", crate::load::history::log(story_root)).as_bytes()),
    }
    parts.hex()
}

/// The shared people a story lists, as the site now has them: the ids
/// are the story's people's (its own as well, so that a shared person
/// given an id one of them has is an error found again), and each is
/// compared with its card in `people.yaml`, or its absence there.
pub fn people(listed: &[String], shared: &[Person]) -> String {
    let mut parts = Parts::new();
    for id in listed {
        parts.add(id.as_bytes());
        match shared.iter().find(|p| &p.id == id) {
            Some(person) => parts.add(format!("{person:?}").as_bytes()),
            None => parts.add(b"not shared"),
        }
    }
    parts.hex()
}

/// What a story's build told, kept to be told again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Told {
    pub diagnostics: Vec<Diagnostic>,
    pub counts: Option<Counts>,
    pub editions: usize,
    pub notes: Vec<String>,
}

impl Told {
    pub fn of(report: &Report) -> Told {
        Told {
            diagnostics: report.diagnostics.iter().cloned().collect(),
            counts: report.counts,
            editions: report.editions,
            notes: report.notes.clone(),
        }
    }

    /// The report a build of the story gave, as it gave it.
    pub fn report(self) -> Report {
        let mut diagnostics = crate::diagnostic::Diagnostics::new();
        self.diagnostics
            .into_iter()
            .for_each(|d| diagnostics.push(d));
        Report {
            diagnostics,
            counts: self.counts,
            editions: self.editions,
            notes: self.notes,
            output: None,
            timings: Timings::default(),
            site: None,
        }
    }
}

/// What the cache keeps of a story beside its files.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Kept {
    /// The ids of the story's people, and [`people`] of them when it was
    /// built.
    pub listed: Vec<String>,
    pub people: String,
    pub entry: StoryEntry,
    pub told: Told,
}

#[derive(Serialize, Deserialize)]
struct Manifest {
    files: Vec<String>,
    kept: Kept,
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

    /// The files kept under `key`, each to be linked from the cache, and
    /// what was kept with them; `None` when there are none, they are not
    /// all there, or the shared people the story lists have changed
    /// (`people` says how they are now, given the ids).
    pub fn kept(
        &self,
        key: &str,
        people: impl FnOnce(&[String]) -> String,
    ) -> Option<(Vec<OutputFile>, Kept)> {
        let folder = self.dir.join(key);
        let manifest = fs::read(folder.join(MANIFEST)).ok()?;
        let Manifest { files, kept } = serde_json::from_slice(&manifest).ok()?;
        if people(&kept.listed) != kept.people {
            return None;
        }
        let files: Vec<OutputFile> = files
            .into_iter()
            .map(|path| OutputFile {
                contents: Contents::Link(folder.join(&path)),
                path,
            })
            .collect();
        let whole = files.iter().all(|file| match &file.contents {
            Contents::Link(from) => from.is_file(),
            _ => true,
        });
        whole.then_some((files, kept))
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
    /// Keep `file`; where it is kept, for the site to link it from until
    /// [`Recording::finish`] moves it (`None` when it could not be kept).
    pub fn keep(&mut self, file: &OutputFile) -> Option<PathBuf> {
        if self.failed {
            return None;
        }
        let path = self.temp.join(&file.path);
        let kept = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| match &file.contents {
                Contents::Bytes(bytes) => fs::write(&path, bytes),
                Contents::Copy(from) | Contents::Link(from) => fs::copy(from, &path).map(|_| ()),
            });
        match kept {
            Ok(()) => {
                self.paths.push(file.path.clone());
                Some(path)
            }
            Err(_) => {
                self.failed = true;
                None
            }
        }
    }

    /// The story built: its files, and what the site needs of it, replace
    /// what the cache held for it.
    pub fn finish(self, kept: Kept) {
        if self.failed {
            let _ = fs::remove_dir_all(&self.temp);
            return;
        }
        let manifest = Manifest {
            files: self.paths,
            kept,
        };
        let written = serde_json::to_vec(&manifest)
            .map_err(std::io::Error::other)
            .and_then(|bytes| {
                fs::File::create(self.temp.join(MANIFEST))
                    .and_then(|mut file| file.write_all(&bytes))
            });
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

/// The site's own files (the desk, the person pages, the feed, the search
/// index) as the last build made them, in `.cache/site/`, each named by
/// the hash of its bytes. Most are the same from one build to the next
/// (the search index is many small files, most of them named by their
/// contents already): those are linked into the new site, and only the
/// files that changed are written, once.
pub struct SiteFiles {
    dir: PathBuf,
    used: std::collections::HashSet<String>,
}

impl SiteFiles {
    pub fn at(cache: &Path) -> SiteFiles {
        SiteFiles {
            dir: cache.join("site"),
            used: Default::default(),
        }
    }

    /// `file`, to be linked from the cache: kept there first when it is
    /// not there yet. As it is, when it cannot be kept.
    pub fn link(&mut self, file: OutputFile) -> OutputFile {
        let Contents::Bytes(bytes) = &file.contents else {
            return file;
        };
        let mut parts = Parts::new();
        parts.add(bytes);
        let name = parts.hex();
        let kept = self.dir.join(&name);
        if !kept.is_file() {
            let temp = self.dir.join(format!(".{name}-{}", std::process::id()));
            let written = fs::create_dir_all(&self.dir)
                .and_then(|()| fs::write(&temp, bytes))
                .and_then(|()| fs::rename(&temp, &kept));
            if written.is_err() {
                let _ = fs::remove_file(&temp);
                return file;
            }
        }
        self.used.insert(name);
        OutputFile {
            path: file.path,
            contents: Contents::Link(kept),
        }
    }

    /// Once the site is written: only the files it links are kept.
    pub fn prune(self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            if !self.used.contains(name.to_string_lossy().as_ref()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(dir: &Path) {
        for (path, text) in [
            ("content/article.md", "article"),
            ("content/facts.yaml", "people: []"),
            ("static/notes/a.txt", "a"),
        ] {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
    }

    #[test]
    fn the_key_follows_every_raw_input_of_the_story_and_the_site() {
        let dir = std::env::temp_dir().join(format!("story-cache-key-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let story_root = dir.join("stories/a");
        story(&story_root);
        fs::write(dir.join("site.yaml"), "title: T").unwrap();
        let previous = dir.join("public/a/facts.json");
        let key = || story_key(&site_key(&dir, None, false), &story_root, &previous, None);
        let first = key();
        assert_eq!(key(), first, "the same inputs, the same key");
        let mut seen = vec![first];
        let changed = |what: &str, seen: &mut Vec<String>| {
            let now = key();
            assert!(!seen.contains(&now), "{what} did not change the key");
            seen.push(now);
        };
        fs::write(story_root.join("content/article.md"), "article!").unwrap();
        changed("the article", &mut seen);
        fs::write(story_root.join("static/notes/a.txt"), "b").unwrap();
        changed("a static file of the story's", &mut seen);
        fs::create_dir_all(story_root.join("i18n")).unwrap();
        fs::write(story_root.join("i18n/fr.yaml"), "x: y").unwrap();
        changed("a new translation", &mut seen);
        fs::write(dir.join("site.yaml"), "title: U").unwrap();
        changed("site.yaml", &mut seen);
        fs::create_dir_all(dir.join("templates")).unwrap();
        fs::write(dir.join("templates/page.html"), "{{ x }}").unwrap();
        changed("the site's templates", &mut seen);
        fs::create_dir_all(previous.parent().unwrap()).unwrap();
        fs::write(&previous, "{}").unwrap();
        changed("the previous build's facts", &mut seen);
        let other_base = story_key(
            &site_key(&dir, Some("https://a.example/"), false),
            &story_root,
            &previous,
            None,
        );
        assert!(!seen.contains(&other_base), "the base URL");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn only_the_shared_people_a_story_lists_are_compared() {
        let (story, _) = crate::test_support::story();
        let mut shared = story.people.clone();
        let listed = vec![shared[0].id.clone(), "own-person".to_owned()];
        let before = people(&listed, &shared);
        if let Some(other) = shared.get_mut(1) {
            other.role = "Another role".into();
            assert_eq!(people(&listed, &shared), before, "a person not listed");
        }
        shared[0].role = "Another role".into();
        assert_ne!(people(&listed, &shared), before, "a listed person's card");
        // An own id becoming a shared one is a change too.
        let mut newcomer = shared[0].clone();
        newcomer.id = "own-person".into();
        let before = people(&listed, &shared);
        shared.push(newcomer);
        assert_ne!(people(&listed, &shared), before);
    }
}
