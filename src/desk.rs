//! What a site's own pages know of each of its stories: the desk lists
//! them, each shared person's page lists what they are in, and the site's
//! feed and sitemap gather them. Taken from a checked story once it is
//! checked, so that a story whose files come from the cache still gives
//! its entry; it knows nothing of templates or HTML.

use crate::date::{PartialDate, Timestamp};
use crate::model::{Publisher, Story};

/// The site as `site.yaml` describes it.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    pub description: Option<String>,
    /// The language of the site's own pages; each story's are in its own.
    pub lang: String,
    pub publisher: Option<Publisher>,
}

/// One story of the site.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct StoryEntry {
    /// Its folder under `stories/`, and so under the output folder.
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub lang: String,
    pub published: Timestamp,
    /// The newest update or correction, else `updated` or `published`.
    pub last_update: Timestamp,
    /// When the story stopped being updated, if it has.
    pub final_at: Option<Timestamp>,
    /// Newest first: the element id of each and its Markdown.
    pub updates: Vec<(String, Timestamp, String)>,
    /// The site's shared people the story lists, in the story's order.
    pub people: Vec<PersonIn>,
    /// The article as plain text, for the search index.
    pub text: String,
    /// The quotes of the story's own people: element id, speaker, words.
    pub other_quotes: Vec<(String, String, String)>,
    /// Every page of the story, relative to its folder (`index.html`,
    /// `changes.html`, `editions/…/index.html`), for the sitemap.
    pub pages: Vec<String>,
    /// The quotation marks its page puts around a quote (its language's,
    /// or its own words' or the site's for it), for its quotes elsewhere.
    pub quote_marks: (String, String),
}

/// One shared person in one story: who they were in it, and what they
/// said and did there.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PersonIn {
    pub id: String,
    /// Their role in this story (a story may give its own).
    pub role: String,
    /// The element id of each of their quotes, and its words.
    pub quotes: Vec<(String, String)>,
    /// The element id of each event they are in, its date and its title.
    pub events: Vec<(String, PartialDate, String)>,
}

impl StoryEntry {
    /// The entry of `story`, built at `slug`, of whose people those with
    /// an id in `shared` are the site's.
    pub fn of(slug: &str, story: &Story, shared: &[&str]) -> StoryEntry {
        let article = &story.article;
        let words = crate::locale::Locale::new(&article.lang, &story.translations);
        let people = story
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| shared.contains(&p.id.as_str()))
            .map(|(index, person)| PersonIn {
                id: person.id.clone(),
                role: person.role.clone(),
                quotes: story
                    .quotes
                    .iter()
                    .filter(|q| q.speaker == index)
                    .map(|q| (q.id.clone(), q.text.clone()))
                    .collect(),
                events: story
                    .timeline
                    .iter()
                    .filter(|e| e.people.contains(&index))
                    .map(|e| (e.id.clone(), e.date, e.title.clone()))
                    .collect(),
            })
            .collect();
        StoryEntry {
            slug: slug.to_owned(),
            title: article.title.clone(),
            description: article.description.clone(),
            lang: article.lang.clone(),
            published: article.published.clone(),
            last_update: story.edition().clone(),
            final_at: article.final_at.clone(),
            updates: crate::ids::updates_newest_first(story)
                .into_iter()
                .map(|(id, u)| (id, u.at.clone(), u.text.clone()))
                .collect(),
            people,
            text: crate::article::plain_text(&article.body),
            other_quotes: story
                .quotes
                .iter()
                .filter(|q| {
                    story
                        .people
                        .get(q.speaker)
                        .is_none_or(|p| !shared.contains(&p.id.as_str()))
                })
                .map(|q| {
                    let speaker = story.people.get(q.speaker).map_or("", |p| p.name.as_str());
                    (q.id.clone(), speaker.to_owned(), q.text.clone())
                })
                .collect(),
            pages: Vec::new(),
            quote_marks: (
                words.word("quote_open").to_owned(),
                words.word("quote_close").to_owned(),
            ),
        }
    }
}

/// One entry of the site's search index: where it leads, the title a
/// result shows, and the words it is found by.
#[derive(Debug, Clone)]
pub struct SearchRecord {
    /// Relative to the site's root.
    pub url: String,
    pub title: String,
    pub text: String,
}

/// The stories the most recently updated first; stories updated at the
/// same time by slug, so that the order is the same on every build.
pub fn newest_first(entries: &mut [StoryEntry]) {
    entries.sort_by(|a, b| {
        (b.last_update.unix_seconds())
            .cmp(&a.last_update.unix_seconds())
            .then_with(|| a.slug.cmp(&b.slug))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desk_is_newest_first_and_the_same_every_time() {
        let (mut story, _) = crate::test_support::story();
        let entry = |slug: &str, at: &str, story: &mut Story| {
            story.article.published = Timestamp::parse(at).unwrap();
            story.updates.clear();
            story.corrections.clear();
            story.article.updated = None;
            StoryEntry::of(slug, story, &["tomas-berg"])
        };
        let mut entries = vec![
            entry("b", "2025-01-01", &mut story),
            entry("c", "2025-03-01", &mut story),
            entry("a", "2025-01-01", &mut story),
        ];
        newest_first(&mut entries);
        let order: Vec<&str> = entries.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(order, ["c", "a", "b"]);
        // Only the site's people are the desk's to list.
        assert_eq!(entries[0].people.len(), 1);
        assert_eq!(entries[0].people[0].id, "tomas-berg");
        assert!(!entries[0].people[0].quotes.is_empty());
    }
}
