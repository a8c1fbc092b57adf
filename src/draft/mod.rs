//! `explainer draft`: a first facts.yaml from the article, by fixed rules.
//!
//! The article names its people with their titles ("Labor Minister Grace
//! Whitfield"), says who said each quoted passage ("“…,” Rao said") and
//! mentions the dates its story turns on; these modules read that much of
//! English news style and write it out as facts the build accepts as they
//! are. No model, no network: the same article always gives the same
//! draft.
//!
//! - [`text`]: a paragraph as words, quoted passages and sentences;
//! - [`people`]: names, told apart from titles, organisations and places,
//!   and the forms of one name gathered together;
//! - [`roles`]: each person's role in the article's words, and a group;
//! - [`attribution`]: quoted passages and their speakers;
//! - [`dates`]: dates mentioned, for the timeline;
//! - [`output`] and [`merge`]: the YAML, fresh or on top of curated facts.

pub mod attribution;
pub mod dates;
pub mod lexicon;
pub mod merge;
pub mod output;
pub mod people;
pub mod roles;
pub mod text;

use std::path::Path;

use crate::article;
use crate::diagnostic::{Diagnostic, Diagnostics};
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
    pub dates: Vec<dates::DateMention>,
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
}

/// Draft the facts of the story at `root` from its article. With a
/// `content/facts.yaml` there, the draft is that file plus what the
/// article has and it lacks. Nothing is written.
pub fn draft(root: &Path) -> Result<Draft, Diagnostics> {
    let one = |d: Diagnostic| {
        let mut all = Diagnostics::new();
        all.push(d);
        all
    };
    let article = load::read_source(root, ARTICLE_PATH);
    let facts_path = root.join(FACTS_PATH);
    let facts = facts_path
        .exists()
        .then(|| load::read_source(root, FACTS_PATH).and_then(load::parse_facts));
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
    draft_from(article, facts, theme, root)
}

/// Why `explainer draft` made no draft: the command was wrong (exit 2), or
/// the article has problems to fix first (exit 1).
#[derive(Debug)]
pub enum Failure {
    Usage(Diagnostic),
    Content(Diagnostics),
}

/// `explainer draft`: draft the story at `root` and, with `output`, write
/// the draft there — never over the story's own facts file.
pub fn run(root: &Path, output: Option<&Path>) -> Result<Draft, Failure> {
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
    let drafted = draft(root).map_err(Failure::Content)?;
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
    draft_from(article, None, load::theme::defaults(), Path::new(".")).map(|d| d.text)
}

fn draft_from(
    article: ArticleSource,
    facts: Option<FactsSource>,
    theme: load::Theme,
    root: &Path,
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
        },
        theme,
        translations: Vec::new(),
        findings: Diagnostics::new(),
    };
    crate::validate::validate(&mut inputs, None).map_err(Diagnostics::sorted)?;
    let findings = analyse(&inputs.article);
    match facts {
        Some(facts) if facts.root.value != Value::Null => {
            let (text, warnings) = merge::merge(&findings, &facts)?;
            Ok(Draft {
                text,
                warnings,
                merged: true,
            })
        }
        _ => Ok(Draft {
            text: output::fresh(&findings, ARTICLE_PATH),
            warnings: Diagnostics::new(),
            merged: false,
        }),
    }
}

/// Read the people, roles, quotes and dates out of a parsed article.
/// The findings in an article held in memory, front matter and all: what
/// tests and the quality benchmark score.
pub fn analyse_text(text: &str) -> Result<Findings, Diagnostic> {
    let article = load::parse_article(SourceFile::new(ARTICLE_PATH, text))?;
    Ok(analyse(&article))
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
    let dates = dates::find(&texts[..body], front.published);

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
    let mut taken = std::collections::HashSet::new();
    let mut people: Vec<DraftPerson> = Vec::with_capacity(found.found.len());
    let mut renumbered: Vec<Option<usize>> = vec![None; found.found.len()];
    for (index, person) in found.found.iter().enumerate() {
        if doubtful(index) {
            continue;
        }
        renumbered[index] = Some(people.len());
        let id = unique_id(
            &crate::text::slug(&person.name, crate::text::Letters::Ascii),
            &taken,
        );
        taken.insert(id.clone());
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
            }),
            None => unattributed.push((passage.paragraph, passage.text)),
        }
    }
    Findings {
        people,
        quotes,
        unattributed,
        dates,
    }
}

/// `id`, or `id-2`, `id-3`, … when it is taken; `person` for a name with
/// no Latin letters.
pub fn unique_id(id: &str, taken: &std::collections::HashSet<String>) -> String {
    let base = if id.is_empty() { "person" } else { id };
    if !taken.contains(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_else(|| base.to_owned())
}

/// What the draft needs from the front matter; the checks that it is
/// well formed are the build's.
struct FrontMatter {
    authors: Vec<String>,
    caption: Option<String>,
    published: Option<(u16, u8, u8)>,
}

impl FrontMatter {
    fn read(node: &Node) -> Self {
        let Value::Map(entries) = &node.value else {
            return FrontMatter {
                authors: Vec::new(),
                caption: None,
                published: None,
            };
        };
        let get = |name: &str| entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);
        let authors = match get("authors").map(|n| &n.value) {
            Some(Value::Seq(items)) => items
                .iter()
                .filter_map(|i| match &i.value {
                    Value::Str(s) => Some(s.clone()),
                    _ => None,
                })
                .collect(),
            Some(Value::Str(s)) => vec![s.clone()],
            _ => Vec::new(),
        };
        let caption = get("photo").and_then(|photo| match &photo.value {
            Value::Map(fields) => {
                fields
                    .iter()
                    .find(|(k, _)| k.name == "caption")
                    .and_then(|(_, v)| match &v.value {
                        Value::Str(s) => Some(s.clone()),
                        _ => None,
                    })
            }
            _ => None,
        });
        let published = get("published").and_then(|n| match &n.value {
            Value::Str(s) => crate::date::Timestamp::parse(s).ok().map(|t| t.day()),
            _ => None,
        });
        FrontMatter {
            authors,
            caption,
            published,
        }
    }
}
