//! The who's-who: groups, and a card for each person.

use std::collections::HashMap;

use serde::Serialize;

use super::marks::{ChangeView, CorrectionNote};
use super::{Marks, PictureView, PlacedPictures, Timeline};
use crate::ids;
use crate::links::href;
use crate::locale::Locale;
use crate::model::Story;
use crate::render::markdown::{self, Mentions};
use crate::render::pictures::Role;

/// A group of the who's-who: the templates see it with its people's
/// cards (see `render::context`).
pub struct GroupView<'a> {
    pub name: &'a str,
    pub id: String,
    /// Indexes into the story's people.
    pub people: Vec<usize>,
}

#[derive(Serialize)]
pub struct PersonView<'a> {
    pub id: &'a str,
    /// The card's element id: `person-<id>`.
    pub anchor: String,
    pub name: &'a str,
    pub role: &'a str,
    pub group: &'a str,
    pub initials: String,
    pub summary_html: Option<String>,
    /// The URL of the portrait for browsers that read no `srcset`.
    pub image: Option<String>,
    pub portrait: Option<PictureView>,
    /// The language of the name, when the facts give one.
    pub lang: Option<&'a str>,
    /// `ltr` or `rtl` when the name is written the other way from the page.
    pub dir: Option<String>,
    pub links: Vec<LinkView<'a>>,
    /// Indexes into the `quotes` their card sees: their own quotes.
    pub quotes: Vec<usize>,
    /// The element ids of their events, in timeline order.
    pub events: Vec<String>,
    /// Indexes into the `timeline` their card sees: their own events.
    pub event_items: Vec<usize>,
    /// Their quotes, as indexes into the story's quotes.
    #[serde(skip)]
    pub quote_indexes: Vec<usize>,
    /// Their events, as indexes into the page's timeline items.
    #[serde(skip)]
    pub event_indexes: Vec<usize>,
    /// The element id of their first mention on the page.
    pub first_mention: Option<String>,
    pub change: Option<ChangeView>,
    /// Corrections of this person's card, newest first.
    pub corrections: Vec<CorrectionNote>,
}

#[derive(Serialize)]
pub struct LinkView<'a> {
    pub title: &'a str,
    pub url: String,
}

pub fn build<'a>(
    story: &'a Story,
    locale: &Locale,
    marks: &Marks,
    timeline: &Timeline,
    mentions: &Mentions,
    caption_mentions: &Mentions,
    pictures: &PlacedPictures,
) -> Vec<PersonView<'a>> {
    // One pass each over quotes and timeline, not one per person: a large
    // story has thousands of each.
    let mut quotes_of: Vec<Vec<usize>> = vec![Vec::new(); story.people.len()];
    for (n, quote) in story.quotes.iter().enumerate() {
        quotes_of[quote.speaker].push(n);
    }
    let mut events_of: Vec<Vec<String>> = vec![Vec::new(); story.people.len()];
    let mut event_items_of: Vec<Vec<usize>> = vec![Vec::new(); story.people.len()];
    for &i in &timeline.order {
        for &person in &story.timeline[i].people {
            let id = story.timeline[i].id.clone();
            if events_of[person].last() != Some(&id) {
                events_of[person].push(id);
                event_items_of[person].push(timeline.item_of[i]);
            }
        }
    }
    story
        .people
        .iter()
        .enumerate()
        .map(|(index, person)| {
            let portrait = person
                .image
                .as_deref()
                .and_then(|image| pictures.view(image, Role::Portrait));
            PersonView {
                id: &person.id,
                anchor: ids::person(&person.id),
                name: &person.name,
                role: &person.role,
                group: &person.group,
                initials: initials(&person.name),
                summary_html: person
                    .summary
                    .as_deref()
                    .map(|s| markdown::render_fact(s, markdown::Layout::Blocks)),
                image: portrait.as_ref().map(|p| p.src.clone()),
                portrait,
                lang: person.lang.as_deref(),
                dir: locale.isolate(&person.name),
                links: person
                    .links
                    .iter()
                    .map(|l| LinkView {
                        title: &l.title,
                        url: href(&l.url),
                    })
                    .collect(),
                quotes: (0..quotes_of[index].len()).collect(),
                events: std::mem::take(&mut events_of[index]),
                event_items: (0..event_items_of[index].len()).collect(),
                quote_indexes: std::mem::take(&mut quotes_of[index]),
                event_indexes: std::mem::take(&mut event_items_of[index]),
                first_mention: mentions.first[index]
                    .clone()
                    .or_else(|| caption_mentions.first[index].clone()),
                change: marks.person(index),
                corrections: marks.corrections(&ids::person(&person.id)),
            }
        })
        .collect()
}

/// Groups in the order of `groups`, then any others in order of first
/// appearance; groups with nobody in them are left out.
pub fn groups(story: &Story) -> Vec<GroupView<'_>> {
    // One pass over the people: a large story has thousands of them.
    let mut groups: Vec<GroupView> = Vec::new();
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    for name in story
        .groups
        .iter()
        .map(String::as_str)
        .chain(story.people.iter().map(|p| p.group.as_str()))
    {
        index_of.entry(name).or_insert_with(|| {
            groups.push(GroupView {
                name,
                id: String::new(),
                people: Vec::new(),
            });
            groups.len() - 1
        });
    }
    for (i, person) in story.people.iter().enumerate() {
        groups[index_of[person.group.as_str()]].people.push(i);
    }
    // Two names can make the same slug ("Europe", "europe"): number the
    // later one so ids stay unique.
    let mut ids = ids::Unique::new();
    for group in &mut groups {
        group.id = ids.take(ids::group_base(group.name));
    }
    groups.retain(|group| !group.people.is_empty());
    groups
}

/// Up to two initials, for a card without a picture.
fn initials(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let pick = match words.as_slice() {
        [] => {
            return name
                .chars()
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
        }
        [one] => vec![*one],
        [first, .., last] => vec![*first, *last],
    };
    pick.iter().filter_map(|w| w.chars().next()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Timestamp;
    use crate::model::{Article, Person};

    #[test]
    fn groups_follow_the_listed_order_then_first_appearance_with_unique_ids() {
        let person = |id: &str, group: &str| Person {
            id: id.into(),
            name: id.into(),
            role: String::new(),
            group: group.into(),
            aliases: Vec::new(),
            summary: None,
            image: None,
            links: Vec::new(),
            lang: None,
            name_at: None,
            role_at: None,
        };
        let story = Story {
            article: Article {
                title: "t".into(),
                title_at: None,
                description: None,
                description_at: None,
                published: Timestamp::parse("2025-01-01").unwrap(),
                updated: None,
                authors: Vec::new(),
                source: None,
                photo: None,
                lang: "en".into(),
                publisher: None,
                share_image: None,
                final_at: None,
                dateline: None,
                backstory: None,
                body: String::new(),
            },
            groups: vec!["Listed".into(), "Empty".into()],
            people: vec![
                person("a", "europe"),
                person("b", "Listed"),
                person("c", "Europe"),
                person("d", "europe"),
            ],
            quotes: Vec::new(),
            timeline: Vec::new(),
            takeaways: Vec::new(),
            known: Vec::new(),
            unknown: Vec::new(),
            updates: Vec::new(),
            corrections: Vec::new(),
            translations: Vec::new(),
            sources: Vec::new(),
        };
        let groups: Vec<(&str, String, Vec<usize>)> = groups(&story)
            .into_iter()
            .map(|g| (g.name, g.id, g.people))
            .collect();
        assert_eq!(
            groups,
            [
                ("Listed", "group-listed".into(), vec![1]),
                ("europe", "group-europe".into(), vec![0, 3]),
                ("Europe", "group-europe-2".into(), vec![2]),
            ]
        );
    }

    #[test]
    fn initials_for_cards_without_a_picture() {
        assert_eq!(initials("Prince Faisal bin Farhan Al Saud"), "PS");
        assert_eq!(initials("Madonna"), "M");
        assert_eq!(initials("Владимир Путин"), "ВП");
    }
}
