//! A site's search index, made with Pagefind's Rust API: one record for
//! each story, each shared person and each quote, all in the site's
//! language (the desk asks one index), each leading to its page, or for a
//! quote to the quote's stable id on its story's page.

use std::collections::BTreeMap;

use super::{Contents, OutputFile};
use crate::desk::{SearchRecord, StoryEntry};
use crate::diagnostic::Diagnostic;
use crate::layout;
use crate::model::Person;

/// The records of one story: the story, and each of its quotes.
pub fn story_records(story: &StoryEntry, people: &[Person]) -> Vec<SearchRecord> {
    let mut records = Vec::new();
    {
        let page = layout::story_page(&story.slug);
        records.push(SearchRecord {
            url: page.clone(),
            title: story.title.clone(),
            text: [
                story.title.as_str(),
                story.description.as_deref().unwrap_or(""),
                &story.text,
            ]
            .join("\n"),
        });
        for person in &story.people {
            let name = people
                .iter()
                .find(|p| p.id == person.id)
                .map_or(person.id.as_str(), |p| p.name.as_str());
            for (id, text) in &person.quotes {
                records.push(SearchRecord {
                    url: format!("{page}#{id}"),
                    title: format!("{name}: “{text}”"),
                    text: format!("{text}\n{name}, {}\n{}", person.role, story.title),
                });
            }
        }
        for (id, speaker, text) in &story.other_quotes {
            records.push(SearchRecord {
                url: format!("{page}#{id}"),
                title: format!("{speaker}: “{text}”"),
                text: format!("{text}\n{speaker}\n{}", story.title),
            });
        }
    }
    records
}

/// The records of the site's shared people, each with every story's role.
pub fn people_records(stories: &[StoryEntry], people: &[Person]) -> Vec<SearchRecord> {
    let mut records = Vec::new();
    for person in people {
        let roles: Vec<String> = stories
            .iter()
            .filter_map(|s| {
                let seen = s.people.iter().find(|p| p.id == person.id)?;
                Some(format!("{}, {}", seen.role, s.title))
            })
            .collect();
        records.push(SearchRecord {
            url: layout::person_page(&person.id),
            title: person.name.clone(),
            text: [
                person.name.as_str(),
                &person.role,
                &person.aliases.join(", "),
                person.summary.as_deref().unwrap_or(""),
                &roles.join("\n"),
            ]
            .join("\n"),
        });
    }
    records
}

/// An index being made while the records come: a site's stories are
/// indexed as each is built (or comes from the cache), beside the building
/// of the rest, rather than all at the end.
///
/// Pagefind's API is asynchronous: it runs on a runtime of its own, on a
/// thread of its own, as the build may itself be running inside `serve`'s
/// runtime, where a second one cannot be started.
pub struct Indexer {
    records: std::sync::mpsc::Sender<SearchRecord>,
    made: std::thread::JoinHandle<Result<Vec<OutputFile>, Diagnostic>>,
}

impl Indexer {
    pub fn start(lang: &str) -> Indexer {
        let (records, coming) = std::sync::mpsc::channel();
        let lang = lang.to_owned();
        let made = std::thread::spawn(move || index_here(coming, &lang));
        Indexer { records, made }
    }

    /// Index `record`, after those added before it.
    pub fn add(&self, record: SearchRecord) {
        // A thread that stopped has its error to tell at `finish`.
        let _ = self.records.send(record);
    }

    /// The index's files, once every record is in.
    pub fn finish(self) -> Result<Vec<OutputFile>, Diagnostic> {
        drop(self.records);
        self.made
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

fn index_here(
    records: std::sync::mpsc::Receiver<SearchRecord>,
    lang: &str,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let failed = |error: &dyn std::fmt::Display| {
        Diagnostic::file_error(
            format!("{}/", layout::SEARCH_FOLDER),
            format!("the search index could not be made: {error}"),
        )
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| failed(&e))?;
    let config = pagefind::options::PagefindServiceConfig::builder()
        .force_language(lang.to_owned())
        .build();
    let files = runtime.block_on(async {
        let mut index = pagefind::api::PagefindIndex::new(Some(config))?;
        for record in records.iter() {
            let meta = BTreeMap::from([("title".to_owned(), record.title)]);
            index
                .add_custom_record(
                    record.url,
                    record.text,
                    lang.to_owned(),
                    Some(meta),
                    None,
                    None,
                )
                .await?;
        }
        index.get_files().await
    });
    let files = files.map_err(|e| failed(&e))?;
    let mut files: Vec<OutputFile> = files
        .into_iter()
        // Pagefind's ready-made interfaces (half a megabyte): the desk asks
        // its JavaScript API with a script of its own.
        .filter(|file| {
            let name = file.filename.to_string_lossy();
            !(name.contains("-ui.") || name.starts_with("pagefind-highlight"))
        })
        .map(|file| OutputFile {
            path: format!(
                "{}/{}",
                layout::SEARCH_FOLDER,
                file.filename.to_string_lossy().replace('\\', "/")
            ),
            contents: Contents::Bytes(file.contents),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
