//! Stage 4: the only code that writes to the output folder.
//!
//! The new site is written into a fresh folder beside the target and swapped
//! in only when every file is written, so a failed or interrupted build
//! leaves the last good output as it was. Only a folder this program made
//! (it carries a marker file) is ever replaced or deleted.
//!
//! On Linux the swap is one `renameat2(RENAME_EXCHANGE)`: at every instant
//! the output folder is the whole old site or the whole new one, even if the
//! process is killed, and two builds racing on one folder each swap in a
//! complete site (the last to swap wins). Elsewhere, or on a filesystem
//! without exchange, the old site is moved aside and the new one moved in;
//! a build killed between those two renames leaves no output folder, and the
//! next build puts the moved-aside site back before anything else.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::output::{Contents, OutputFile};

/// Marks a folder as this program's output, so it may be replaced.
pub const MARKER: &str = ".explainer-output";

const TEMP_TAG: &str = ".explainer-tmp-";
const OLD_TAG: &str = ".explainer-old-";

/// Refuse an output folder that would swallow or be swallowed by the
/// inputs: replacing it would delete the story.
pub fn check_output_location(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let output = absolute(output);
    let mut protected = vec![
        (root.clone(), "the story root".to_owned()),
        (
            root.join(crate::cache::DIR),
            "the picture cache (.cache/)".to_owned(),
        ),
    ];
    protected.extend(
        crate::load::INPUT_FOLDERS
            .iter()
            .map(|folder| (root.join(folder), format!("{folder}/"))),
    );
    for (input, what) in &protected {
        if input.starts_with(&output) || output.starts_with(input) && input != &root {
            return Err(Diagnostic::file_error(
                output.display().to_string(),
                format!("refusing to write the site here: the output folder would hold or replace {what}"),
            )
            .with_help("choose an output folder outside content/, templates/, static/, i18n/ and .cache/, such as public/"));
        }
    }
    Ok(())
}

/// Write `files` into `output`, replacing what was there only once all of
/// them are on disk.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let mut staging = Staging::begin(output)?;
    for file in files {
        staging.put(file)?;
    }
    staging.commit()
}

/// Write each of `files` into `staging` as it comes, stopping at the
/// first that cannot be written; the staging folder is then ready to
/// commit.
pub fn write_each(
    mut staging: Staging,
    files: impl IntoIterator<Item = OutputFile>,
) -> Result<Staging, Diagnostic> {
    for file in files {
        staging.put(&file)?;
    }
    Ok(staging)
}

/// A new site being written beside the output folder, file by file as each
/// is made, and swapped in whole by [`Staging::commit`]. Dropped without a
/// commit (a failed build), it is removed and the last good site stays.
///
/// Writing each file as it is made, rather than all of them at the end,
/// keeps a large story's files from all being held in memory at once.
pub struct Staging {
    output: PathBuf,
    parent: PathBuf,
    name: String,
    temp: PathBuf,
    folders: std::collections::HashSet<PathBuf>,
    committed: bool,
}

impl Staging {
    pub fn begin(output: &Path) -> Result<Staging, Diagnostic> {
        let output = absolute(output);
        let (parent, name) = match (output.parent(), output.file_name()) {
            (Some(parent), Some(name)) => {
                (parent.to_path_buf(), name.to_string_lossy().into_owned())
            }
            _ => {
                return Err(Diagnostic::file_error(
                    output.display().to_string(),
                    "cannot write the site to a filesystem root",
                ));
            }
        };
        check_replaceable(&output)?;
        fs::create_dir_all(&parent)
            .map_err(|e| failed(("create the folder", parent.clone(), e)))?;
        recover_stale_siblings(&parent, &name, &output);
        let temp = unique_sibling(&parent, &name, TEMP_TAG);
        fs::create_dir(&temp).map_err(|e| failed(("create the folder", temp.clone(), e)))?;
        Ok(Staging {
            output,
            parent,
            name,
            temp,
            folders: Default::default(),
            committed: false,
        })
    }

    /// Write one file of the new site.
    pub fn put(&mut self, file: &OutputFile) -> Result<(), Diagnostic> {
        let path = self.temp.join(&file.path);
        if let Some(dir) = path.parent()
            && !self.folders.contains(dir)
        {
            fs::create_dir_all(dir)
                .map_err(|e| failed(("create the folder", dir.to_path_buf(), e)))?;
            self.folders.insert(dir.to_path_buf());
        }
        match &file.contents {
            Contents::Bytes(bytes) => {
                fs::write(&path, bytes).map_err(|e| ("write", path.clone(), e))
            }
            Contents::Copy(from) => copy(from, &path),
            // A hard link costs no bytes and no time; across filesystems
            // (the cache on another disk) it is a copy.
            Contents::Link(from) => fs::hard_link(from, &path).or_else(|_| copy(from, &path)),
        }
        .map_err(failed)
    }

    /// Swap the new site in for the old one.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        self.committed = true;
        let marker = self.temp.join(MARKER);
        fs::write(
            &marker,
            b"This folder is written by explainer; each build replaces it whole.\n",
        )
        .map_err(|e| ("write", marker.clone(), e))
        .and_then(|()| swap_in(&self.temp, &self.output, &self.parent, &self.name))
        .map_err(|error| {
            let _ = fs::remove_dir_all(&self.temp);
            failed(error)
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.temp);
        }
    }
}

fn failed((what, path, error): WriteError) -> Diagnostic {
    Diagnostic::file_error(
        path.display().to_string(),
        format!("cannot {what}: {error}"),
    )
}

type WriteError = (&'static str, PathBuf, io::Error);

/// Copy a static file's bytes into a new file of the build's own, so the
/// copy does not take the original's permissions (a read-only picture must
/// not make the next build's swap fail).
fn copy(from: &Path, to: &Path) -> Result<(), WriteError> {
    let mut source = fs::File::open(from).map_err(|e| ("read", from.to_path_buf(), e))?;
    let mut target = fs::File::create(to).map_err(|e| ("write", to.to_path_buf(), e))?;
    io::copy(&mut source, &mut target).map_err(|e| ("copy", from.to_path_buf(), e))?;
    Ok(())
}

fn swap_in(temp: &Path, output: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    match exchange(temp, output) {
        Swap::Done => {
            // `temp` now holds the previous site.
            let _ = fs::remove_dir_all(temp);
            return Ok(());
        }
        Swap::Failed(error) => {
            return Err((
                "move the new site into place at",
                output.to_path_buf(),
                error,
            ));
        }
        Swap::Unsupported => {}
    }
    if !output.exists() {
        return fs::rename(temp, output)
            .map_err(|e| ("move the new site into place at", output.to_path_buf(), e));
    }
    let old = unique_sibling(parent, name, OLD_TAG);
    fs::rename(output, &old)
        .map_err(|e| ("move the previous site aside from", output.to_path_buf(), e))?;
    if let Err(error) = fs::rename(temp, output) {
        // Put the last good site back before reporting.
        let _ = fs::rename(&old, output);
        return Err((
            "move the new site into place at",
            output.to_path_buf(),
            error,
        ));
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

enum Swap {
    Done,
    Failed(io::Error),
    /// No atomic exchange here: fall back on two renames.
    Unsupported,
}

/// Put `temp` at `output` in one step: a plain rename that refuses to
/// replace anything when there is no output yet, an exchange when there is.
#[cfg(target_os = "linux")]
fn exchange(temp: &Path, output: &Path) -> Swap {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    // Another build may create or remove the output between the two tries;
    // a few rounds settle it.
    for _ in 0..4 {
        let flags = if output.exists() {
            RenameFlags::EXCHANGE
        } else {
            RenameFlags::NOREPLACE
        };
        match renameat_with(CWD, temp, CWD, output, flags) {
            Ok(()) => return Swap::Done,
            // The output appeared (NOREPLACE) or vanished (EXCHANGE) since
            // we looked: look again.
            Err(Errno::EXIST | Errno::NOENT) => {}
            // Not supported by this kernel or filesystem.
            Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => return Swap::Unsupported,
            Err(errno) => return Swap::Failed(errno.into()),
        }
    }
    Swap::Unsupported
}

#[cfg(not(target_os = "linux"))]
fn exchange(_temp: &Path, _output: &Path) -> Swap {
    Swap::Unsupported
}

/// An existing folder that is not empty and was not made by this program
/// (no marker) is someone's files: never replace it.
pub fn check_replaceable(output: &Path) -> Result<(), Diagnostic> {
    let Ok(metadata) = fs::symlink_metadata(output) else {
        return Ok(());
    };
    let refuse = |why: &str| {
        Err(Diagnostic::file_error(
            output.display().to_string(),
            format!("refusing to replace {why}"),
        )
        .with_help("remove it yourself or choose another --output folder"))
    };
    // `absolute` has already followed a link that leads somewhere, so a
    // link still standing here leads nowhere: calling it "a file" sent
    // editors looking for a file that is not there.
    if metadata.file_type().is_symlink() {
        let target = fs::read_link(output)
            .map(|t| format!(" ({})", t.display()))
            .unwrap_or_default();
        return refuse(&format!(
            "a symbolic link to something that does not exist{target}"
        ));
    }
    if !metadata.is_dir() {
        return refuse("a file that is not a folder");
    }
    let mut entries = fs::read_dir(output).map_err(|e| {
        Diagnostic::file_error(output.display().to_string(), format!("cannot read: {e}"))
    })?;
    let empty = entries.next().is_none();
    if !empty && !output.join(MARKER).is_file() {
        return refuse(
            "a folder that explainer did not write (it has no .explainer-output marker)",
        );
    }
    Ok(())
}

/// Folders left by an earlier build that was killed half-way: a site moved
/// aside with nothing moved in its place goes back; the rest are deleted.
fn recover_stale_siblings(parent: &Path, name: &str, output: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        for tag in [TEMP_TAG, OLD_TAG] {
            let prefix = format!(".{name}{tag}");
            let Some(rest) = file_name.strip_prefix(&prefix) else {
                continue;
            };
            let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
            if pid.is_none_or(process_alive) {
                continue;
            }
            let restorable = tag == OLD_TAG && entry.path().join(MARKER).is_file();
            if restorable
                && fs::symlink_metadata(output).is_err()
                && fs::rename(entry.path(), output).is_ok()
            {
                continue;
            }
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    // Where /proc is missing, assume alive: never delete a folder another
    // build may still be writing.
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

fn unique_sibling(parent: &Path, name: &str, tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    parent.join(format!(".{name}{tag}{}-{nanos}-{n}", std::process::id()))
}

/// An absolute, lexically clean path (`a/./b/../c` is `a/c`), resolving
/// symbolic links for the part that exists.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path))
    };
    let mut clean = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    // Resolve links in the longest existing prefix.
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_owned()),
            None => return clean,
        }
        if !existing.pop() {
            return clean;
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A build killed between the two renames of the fallback swap leaves
    /// the last good site moved aside and no output: the next build must
    /// put it back, and clear out a dead build's half-written folder.
    #[test]
    fn a_site_moved_aside_by_a_killed_build_is_put_back() {
        let dir = std::env::temp_dir().join(format!("explainer-recover-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        // No process has this id: Linux ids stay below 2^22.
        let dead = 4_000_000_000_u32;
        let old = dir.join(format!(".public{OLD_TAG}{dead}-1-0"));
        let temp = dir.join(format!(".public{TEMP_TAG}{dead}-2-0"));
        for folder in [&old, &temp] {
            fs::create_dir_all(folder).unwrap();
            fs::write(folder.join(MARKER), b"").unwrap();
        }
        fs::write(old.join("index.html"), b"last good").unwrap();
        let output = dir.join("public");
        recover_stale_siblings(&dir, "public", &output);
        assert_eq!(fs::read(output.join("index.html")).unwrap(), b"last good");
        assert!(!old.exists() && !temp.exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn output_may_not_hold_or_sit_in_the_inputs() {
        let root = Path::new("/tmp/story");
        assert!(check_output_location(root, Path::new("/tmp/story/public")).is_ok());
        assert!(check_output_location(root, Path::new("/tmp/elsewhere")).is_ok());
        for bad in [
            "/tmp/story",
            "/tmp",
            "/tmp/story/content",
            "/tmp/story/static/x",
            "/tmp/story/public/../templates",
        ] {
            assert!(
                check_output_location(root, Path::new(bad)).is_err(),
                "{bad}"
            );
        }
    }
}
