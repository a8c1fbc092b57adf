//! A file of the site as rendering hands it to the writer: the one type
//! the render stage makes and the write stage takes, so that neither
//! imports the other.

use std::borrow::Cow;
use std::path::PathBuf;

/// What the writer puts on disk, at a path relative to the output folder
/// (one of [`crate::layout`]'s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Contents,
}

/// A file's bytes, or where to copy them from: a story's own static files
/// (pictures, most of all) are copied from disk rather than held in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    Copy(PathBuf),
    /// A file the build made before, kept in the cache: linked into the
    /// site rather than copied (copied where a link cannot be made).
    /// Never a file of the inputs, which an editor may change in place.
    Link(PathBuf),
}

impl OutputFile {
    /// The file's bytes, read from disk when it is a copy.
    pub fn read(&self) -> std::io::Result<Cow<'_, [u8]>> {
        match &self.contents {
            Contents::Bytes(bytes) => Ok(Cow::Borrowed(bytes)),
            Contents::Copy(from) | Contents::Link(from) => std::fs::read(from).map(Cow::Owned),
        }
    }

    /// The bytes, when they are held in memory.
    pub fn bytes(&self) -> Option<&[u8]> {
        match &self.contents {
            Contents::Bytes(bytes) => Some(bytes),
            Contents::Copy(_) | Contents::Link(_) => None,
        }
    }
}
