//! Input text with enough bookkeeping to point at a line and column in it.

/// A position in a source file: 1-based line, 1-based column in characters,
/// and how many characters the thing there spans.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    pub width: u32,
}

impl Pos {
    pub fn new(line: usize, column: usize, width: usize) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Pos {
            line: clamp(line),
            column: clamp(column),
            width: clamp(width),
        }
    }
}

/// A file's text, normalised the way every stage wants it: no byte-order
/// mark, `\n` line endings (so columns are the same as the editor's), and
/// Unicode in NFC (see [`crate::unicode`]; it never moves a line).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name diagnostics print (relative to the story root).
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: &str) -> Self {
        SourceFile::from_string(name, text.to_owned())
    }

    /// The same, keeping `text`'s buffer when it needs no change: a story's
    /// files can be tens of megabytes.
    pub fn from_string(name: impl Into<String>, mut text: String) -> Self {
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        if text.contains('\r') {
            text = text.replace("\r\n", "\n");
        }
        let text = crate::unicode::nfc(text);
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// The text of a 1-based line, without its newline.
    pub fn line(&self, line: usize) -> &str {
        let Some(&start) = line.checked_sub(1).and_then(|i| self.line_starts.get(i)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        self.text.get(start..end).unwrap_or("")
    }

    /// The position of a byte offset into `text`.
    pub fn pos_of_offset(&self, offset: usize, width: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line_index = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line_index];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Pos::new(line_index + 1, column, width)
    }

    /// The byte offset of a position: the inverse of [`pos_of_offset`],
    /// clamped to the text.
    ///
    /// [`pos_of_offset`]: SourceFile::pos_of_offset
    pub fn offset_of(&self, pos: Pos) -> usize {
        let Some(&start) = (pos.line as usize)
            .checked_sub(1)
            .and_then(|i| self.line_starts.get(i))
        else {
            return self.text.len();
        };
        let column = (pos.column as usize).saturating_sub(1);
        self.text[start..]
            .char_indices()
            .nth(column)
            .map_or(self.text.len(), |(i, _)| start + i)
    }

    pub fn location(&self, pos: Pos) -> Location {
        Location {
            line: pos.line as usize,
            column: pos.column.max(1) as usize,
            width: pos.width.max(1) as usize,
            line_text: self.line(pos.line as usize).to_owned(),
        }
    }
}

/// Where a diagnostic points: a 1-based line and column and column (in characters), with the text of that line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    /// How many characters to underline.
    pub width: usize,
    pub line_text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_do_not_shift_positions() {
        let file = SourceFile::new("a", "\u{feff}one\r\ntwo é\r\nthree");
        assert_eq!(file.line(2), "two é");
        assert_eq!(
            file.pos_of_offset(file.text.find("é").unwrap(), 1),
            Pos::new(2, 5, 1)
        );
        assert_eq!(file.line(3), "three");
        assert_eq!(file.line(4), "");
        assert_eq!(
            file.offset_of(Pos::new(2, 5, 1)),
            file.text.find("é").unwrap()
        );
        assert_eq!(file.offset_of(Pos::new(9, 1, 1)), file.text.len());
    }
}
