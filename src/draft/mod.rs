//! `explainer draft`: a first facts.yaml from the article, by fixed rules.
//!
//! The article names its people with their titles ("Labor Minister Grace
//! Whitfield"), says who said each quoted passage ("“…,” Rao said") and
//! mentions the dates its story turns on; these modules read that much of
//! English news style and write it out as facts the build accepts as they
//! are. No model, no network: the same article always gives the same
//! draft.
//!
//! - `text`: a paragraph as words, quoted passages and sentences;
//! - `people`: names, told apart from titles, organisations and places,
//!   and the forms of one name gathered together;
//! - `roles`: each person's role in the article's words, and a group;
//! - `attribution`: quoted passages and their speakers;
//! - `dates`: dates mentioned, for the timeline;
//! - `output` and `merge`: the YAML, fresh or on top of curated facts.

// The rules' insides are the draft's own: what another tool needs is
// below, [`draft`], [`analyse_text`] and the findings.
mod attribution;
mod dates;
mod lexicon;
mod merge;
pub(crate) mod output;
mod people;
mod roles;
mod sources;
mod text;

pub use dates::DateMention;

use std::path::Path;

use crate::article;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::facts_file::{self, Format};
use crate::load::{self, ARTICLE_PATH, ArticleSource, FACTS_PATH, FactsSource, Node, Value};
use crate::source::{Pos, SourceFile};

/// A draft facts file and what the editor should hear about it.
#[derive(Debug)]
pub struct Draft {
    pub text: String,
    pub warnings: Diagnostics,
    /// Whether curated facts were there and the draft adds to them.
    pub merged: bool,
}

/// What the article holds, before it is written out.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    pub people: Vec<DraftPerson>,
    pub quotes: Vec<DraftQuote>,
    /// Quoted passages with no clear speaker: (paragraph, text).
    pub unattributed: Vec<(usize, String)>,
    pub dates: Vec<DateMention>,
    /// The transcripts of `content/sources/`, for `sources:`.
    pub sources: Vec<sources::DraftSource>,
    /// How the article writes its letters, which says whether the rules,
    /// which find names by their capitals, could find any.
    pub letters: LetterCase,
}

/// How an article's letters are written, as far as finding names goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LetterCase {
    /// Capitals and small letters, as English is written.
    #[default]
    Mixed,
    /// Capitals throughout: every word looks like a name, none stands out.
    AllCapitals,
    /// Mostly a script without capitals (Chinese, Arabic, Hebrew, Thai…).
    Uncased,
}

impl LetterCase {
    fn of(text: &str) -> LetterCase {
        let (mut upper, mut lower, mut uncased) = (0usize, 0usize, 0usize);
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            } else {
                uncased += 1;
            }
        }
        if uncased > upper + lower {
            LetterCase::Uncased
        } else if upper > 0 && lower * 10 < upper {
            LetterCase::AllCapitals
        } else {
            LetterCase::Mixed
        }
    }
}

#[derive(Debug, Clone)]
pub struct DraftPerson {
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    pub group: Option<String>,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct DraftQuote {
    /// Index into [`Findings::people`].
    pub speaker: usize,
    pub text: String,
    /// The article paragraph it is in (0-based).
    pub paragraph: usize,
    /// The transcript it was found in (`from:`).
    pub from: Option<String>,
}

/// Draft the facts of the story at `root` from its article, as YAML. With
/// a facts file there, the draft is that file plus what the article has
/// and it lacks. Nothing is written.
pub fn draft(root: &Path) -> Result<Draft, Diagnostics> {
    draft_as(root, Format::Yaml)
}

/// [`draft`] in either form. Curated facts in ArchieML are merged with
/// the draft in their YAML form, so a merged draft keeps the facts but not
/// the notes of the document they came from.
pub fn draft_as(root: &Path, format: Format) -> Result<Draft, Diagnostics> {
    let one = |d: Diagnostic| {
        let mut all = Diagnostics::new();
        all.push(d);
        all
    };
    let article = load::read_source(root, ARTICLE_PATH);
    let facts = match facts_file::locate(root) {
        Err(both) => Some(Err(both)),
        Ok(found) => root
            .join(found.path())
            .exists()
            .then(|| load::read_source(root, found.path()).and_then(load::parse_facts))
            .map(|facts| facts.and_then(as_yaml)),
    };
    let article = article.and_then(load::parse_article);
    let (article, facts) = match (article, facts) {
        (Ok(article), None) => (article, None),
        (Ok(article), Some(Ok(facts))) => (article, Some(facts)),
        (Err(a), Some(Err(f))) => {
            let mut all = one(a);
            all.push(f);
            return Err(all);
        }
        (Err(d), _) | (_, Some(Err(d))) => return Err(one(d)),
    };
    let theme = load::theme::load(root)?;
    let transcripts = sources::read(root);
    draft_from(article, facts, theme, root, format, transcripts)
}

/// Facts in the YAML form the merge works on: ArchieML facts written as
/// YAML and read back, their errors refused first.
fn as_yaml(facts: FactsSource) -> Result<FactsSource, Diagnostic> {
    if facts_file::Format::of(&facts.file.name) == Format::Yaml {
        return Ok(facts);
    }
    if let Some(error) = facts.notes.iter().find(|n| n.is_error()) {
        return Err(error.clone());
    }
    let text = crate::export::to_yaml(&facts.root);
    load::parse_facts(SourceFile::new(FACTS_PATH, &text))
}

/// Why `explainer draft` made no draft: the command was wrong (exit 2), or
/// the article has problems to fix first (exit 1).
#[derive(Debug)]
pub enum Failure {
    Usage(Diagnostic),
    Content(Diagnostics),
}

/// The closing line of a draft that failed, naming the files at fault: a
/// facts.yaml that does not parse is no problem of the article's.
pub fn what_failed(diagnostics: &Diagnostics) -> String {
    let mut files: Vec<&str> = Vec::new();
    for diagnostic in diagnostics.iter().filter(|d| d.is_error()) {
        if !files.contains(&diagnostic.file.as_str()) {
            files.push(&diagnostic.file);
        }
    }
    match files.as_slice() {
        [] => "there are problems to fix first".to_owned(),
        [one] => format!("{one} has problems to fix first"),
        several => format!("{} have problems to fix first", several.join(" and ")),
    }
}

/// `explainer draft`: draft the story at `root` and, with `output`, write
/// the draft there — never over the story's own facts file.
pub fn run(root: &Path, output: Option<&Path>, format: Option<Format>) -> Result<Draft, Failure> {
    if !root.is_dir() {
        return Err(Failure::Usage(
            Diagnostic::file_error(root.display().to_string(), "the story root is not a folder")
                .with_help("pass --root with the folder that holds content/article.md"),
        ));
    }
    if let Some(output) = output
        && let Some(refused) = protected_input(root, output)
    {
        return Err(Failure::Usage(
            Diagnostic::file_error(output.display().to_string(), refused).with_help(
                "write the draft elsewhere (e.g. --output draft.yaml), compare, then copy what you keep",
            ),
        ));
    }
    // The story's own form unless told otherwise: an editor who keeps the
    // facts in a Google Doc wants the draft for it.
    let format = match format {
        Some(format) => format,
        None => facts_file::locate(root).map_err(|both| {
            let mut all = Diagnostics::new();
            all.push(both);
            Failure::Content(all)
        })?,
    };
    let drafted = draft_as(root, format).map_err(Failure::Content)?;
    if let Some(path) = output {
        std::fs::write(path, &drafted.text).map_err(|error| {
            Failure::Usage(Diagnostic::file_error(
                path.display().to_string(),
                format!("cannot write: {error}"),
            ))
        })?;
    }
    Ok(drafted)
}

/// Why a draft may not be written to `output`, if it may not: it would
/// replace one of the story's own files, or land in a folder the story is
/// read from (a stray file in `static/` is published, one in `i18n/` read
/// as a language). Links are followed, so another name for the same file
/// is refused too.
pub fn protected_input(root: &Path, output: &Path) -> Option<String> {
    let root = crate::absolute(root);
    let target = crate::absolute(output);
    if target == root.join(FACTS_PATH) {
        return Some(format!("refusing to overwrite {FACTS_PATH}"));
    }
    let folder = load::INPUT_FOLDERS
        .iter()
        .chain(&[crate::cache::DIR, ".git"])
        .find(|folder| target.starts_with(root.join(folder)))?;
    let name = target.strip_prefix(&root).unwrap_or(&target);
    let name = name.to_string_lossy().replace('\\', "/");
    Some(if target.exists() {
        format!("refusing to overwrite {name}, one of the story's own files")
    } else {
        format!("refusing to write the draft into {folder}/, which the story is read from")
    })
}

/// Draft the facts of an article held in memory, with nothing curated
/// yet: the text of a fresh facts.yaml. `explainer new` uses it for its
/// example story.
pub fn draft_text(article: &str) -> Result<String, Diagnostics> {
    let file = SourceFile::new(ARTICLE_PATH, article);
    let article = load::parse_article(file).map_err(|d| {
        let mut all = Diagnostics::new();
        all.push(d);
        all
    })?;
    draft_from(
        article,
        None,
        load::theme::defaults(),
        Path::new("."),
        Format::Yaml,
        Vec::new(),
    )
    .map(|d| d.text)
}

fn draft_from(
    article: ArticleSource,
    facts: Option<FactsSource>,
    theme: load::Theme,
    root: &Path,
    format: Format,
    transcripts: Vec<sources::DraftSource>,
) -> Result<Draft, Diagnostics> {
    // The article is checked as `check` would check it, so that a draft is
    // never made from an article the build refuses; the facts it is checked
    // with are empty, as the draft is what will fill them.
    // An empty mapping rather than an empty file, which the build refuses.
    let mut inputs = load::Inputs {
        root: root.to_path_buf(),
        article,
        facts: FactsSource {
            file: SourceFile::new(FACTS_PATH, ""),
            root: Node {
                value: Value::Map(Vec::new()),
                pos: Pos::new(1, 1, 1),
            },
            notes: Vec::new(),
        },
        theme,
        translations: Vec::new(),
        shared: None,
        transcripts: Vec::new(),
        findings: Diagnostics::new(),
    };
    crate::validate::validate(&mut inputs, None).map_err(Diagnostics::sorted)?;
    let mut findings = analyse(&inputs.article);
    sources::attribute(&mut findings, &transcripts);
    findings.sources = transcripts;
    match facts {
        Some(facts) if facts.root.value != Value::Null => {
            let (text, warnings) = merge::merge(&findings, &facts)?;
            let text = match format {
                Format::Yaml => text,
                Format::ArchieMl => merged_as_aml(&text)?,
            };
            Ok(Draft {
                text,
                warnings,
                merged: true,
            })
        }
        _ => Ok(Draft {
            text: match format {
                Format::Yaml => output::fresh(&findings, ARTICLE_PATH),
                Format::ArchieMl => output::fresh_aml(&findings, ARTICLE_PATH),
            },
            warnings: Diagnostics::new(),
            merged: false,
        }),
    }
}

/// A merged YAML draft as ArchieML: its entries, without its comments.
fn merged_as_aml(yaml: &str) -> Result<String, Diagnostics> {
    let file = SourceFile::new(FACTS_PATH, yaml);
    let to_all = |d: Diagnostic| {
        let mut all = Diagnostics::new();
        all.push(d);
        all
    };
    let tree = load::yaml::parse(&file, yaml, 1).map_err(to_all)?;
    crate::archieml::write::write(&tree).map_err(|refused| {
        to_all(Diagnostic::at(
            crate::diagnostic::Severity::Error,
            &file,
            refused.pos,
            refused.message,
        ))
    })
}

/// Read the people, roles, quotes and dates out of a parsed article.
/// The findings in an article held in memory, front matter and all: what
/// tests and the quality benchmark score.
pub fn analyse_text(text: &str) -> Result<Findings, Diagnostic> {
    let article = load::parse_article(SourceFile::new(ARTICLE_PATH, text))?;
    Ok(analyse(&article))
}

/// A fresh facts file from `findings`, as `draft` prints it for an
/// article with no facts yet.
pub fn facts_text(findings: &Findings) -> String {
    output::fresh(findings, ARTICLE_PATH)
}

/// The parts of a quote around its ellipses, as quote checking compares
/// them.
pub use crate::quotes::fragments;

pub(crate) fn analyse(article: &ArticleSource) -> Findings {
    let front = FrontMatter::read(&article.front_matter);
    let paragraphs = article::paragraphs(article.body());
    let mut texts: Vec<text::Paragraph> = paragraphs
        .iter()
        .map(|p| text::Paragraph::new(&p.text))
        .collect();
    let body = texts.len();
    if let Some(caption) = &front.caption {
        texts.push(text::Paragraph::new(caption));
    }
    let found = people::find(&texts, &front.authors);
    let roles = roles::find(&texts, &found);
    let passages = attribution::find(&texts, body, &found, &roles);
    let months = crate::locale::MonthWords::new(&front.lang);
    let dates = dates::find(&texts[..body], front.published, &months);

    // "Orchard's biggest rival, Lumen Cloud": a two-word name whose last
    // word the article also uses as a common word, that has no role, says
    // nothing and is never named by that word alone, is more likely a
    // company's or a product's name than a person's.
    let common_words = people::lowercase_words(&texts);
    let mut quoted = vec![false; found.found.len()];
    for speaker in passages.iter().filter_map(|q| q.speaker) {
        quoted[speaker] = true;
    }
    let doubtful = |index: usize| {
        let person = &found.found[index];
        let last = person.name.rsplit(' ').next().unwrap_or("");
        common_words.contains(&last.to_lowercase())
            && roles[index].iter().all(|r| r.text.is_empty())
            && !quoted[index]
            && !person.aliases.iter().any(|a| !a.contains(' '))
    };
    let mut ids = crate::ids::Unique::new();
    let mut people: Vec<DraftPerson> = Vec::with_capacity(found.found.len());
    let mut renumbered: Vec<Option<usize>> = vec![None; found.found.len()];
    for (index, person) in found.found.iter().enumerate() {
        if doubtful(index) {
            continue;
        }
        renumbered[index] = Some(people.len());
        let id = ids.take(id_base(crate::text::slug(
            &person.name,
            crate::text::Letters::Ascii,
        )));
        let usable: Vec<roles::Role> = roles[index]
            .iter()
            .filter(|r| !r.text.is_empty())
            .cloned()
            .collect();
        people.push(DraftPerson {
            id,
            name: person.name.clone(),
            role: usable.first().map(|r| r.text.clone()),
            group: roles::group(&roles[index]),
            aliases: person.aliases.clone(),
        });
    }
    let mut quotes: Vec<DraftQuote> = Vec::new();
    let mut unattributed = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for passage in passages {
        if !seen.insert(passage.text.clone()) {
            continue;
        }
        match passage.speaker.and_then(|s| renumbered[s]) {
            Some(speaker) => quotes.push(DraftQuote {
                speaker,
                text: passage.text,
                paragraph: passage.paragraph,
                from: None,
            }),
            None => unattributed.push((passage.paragraph, passage.text)),
        }
    }
    Findings {
        people,
        quotes,
        unattributed,
        dates,
        sources: Vec::new(),
        letters: LetterCase::of(
            &paragraphs
                .iter()
                .map(|p| p.text.as_str())
                .collect::<String>(),
        ),
    }
}

/// The base of a drafted person's id: the slug of their name, or
/// `person` for a name with no Latin letters; [`crate::ids::Unique`]
/// numbers a second one, as it numbers every id the build makes.
fn id_base(slug: String) -> String {
    if slug.is_empty() {
        "person".to_owned()
    } else {
        slug
    }
}

/// An author is a name, or a mapping with one.
fn author_name(node: &Node) -> Option<&str> {
    node.as_str().or_else(|| node.field("name")?.as_str())
}

/// What the draft needs from the front matter; the checks that it is
/// well formed are the build's.
struct FrontMatter {
    /// The article's language, for its month names.
    lang: String,
    authors: Vec<String>,
    caption: Option<String>,
    published: Option<(u16, u8, u8)>,
}

impl FrontMatter {
    fn read(node: &Node) -> Self {
        let authors = match node.field("authors") {
            Some(one) if one.as_str().is_some() => vec![one],
            Some(list) => list.items().iter().collect(),
            None => Vec::new(),
        };
        let field_text = |n: Option<&Node>| n.and_then(Node::as_str).map(str::to_owned);
        FrontMatter {
            lang: field_text(node.field("lang")).unwrap_or_else(|| "en".to_owned()),
            authors: authors
                .into_iter()
                .filter_map(author_name)
                .map(str::to_owned)
                .collect(),
            caption: field_text(node.field("photo").and_then(|p| p.field("caption"))),
            published: node
                .field("published")
                .and_then(Node::as_str)
                .and_then(|s| crate::date::Timestamp::parse(s).ok())
                .map(|t| t.day()),
        }
    }
}
