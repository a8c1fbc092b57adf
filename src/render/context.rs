//! The data the templates see. Every key is always present (empty or null
//! when the story has nothing for it), because Tera treats an undefined
//! variable as an error; the README documents these names.

use std::collections::HashMap;

use serde::Serialize;

use super::RenderOptions;
use super::markdown::{self, Heading, Mentions};
use crate::date::{PartialDate, Timestamp};
use crate::facts_json::{Change, ChangeKind, FactsJson};
use crate::locale::Locale;
use crate::model::{Source, Story};
use crate::names::NameMatcher;

#[derive(Serialize)]
pub struct PageContext {
    pub page: PageView,
    pub article: ArticleView,
    pub takeaways: Vec<String>,
    pub toc: Vec<TocEntry>,
    pub groups: Vec<GroupView>,
    pub people: Vec<PersonView>,
    pub quotes: Vec<QuoteView>,
    pub timeline: Vec<TimelineItem>,
    pub updates: Vec<UpdateView>,
    pub counts: Counts,
}

#[derive(Serialize, Clone)]
pub struct PageView {
    pub lang: String,
    /// `ltr` or `rtl`, for `<html dir>`.
    pub dir: String,
    /// `og:locale`: `en_US`, `fr_FR`.
    pub og_locale: Option<String>,
    /// explainer.js's words as JSON, safe inside `<script>`.
    pub script_words: String,
    pub title: String,
    pub description: Option<String>,
    /// What links to the site's own files start with: empty on the main
    /// page (links stay relative, so the site works under any subpath);
    /// the base URL on the 404 page, which is served at any depth.
    pub root: String,
    /// The base URL, when it is known.
    pub canonical_url: Option<String>,
    /// `feed.xml`, when a feed is written (it needs the base URL).
    pub feed_url: Option<String>,
    pub site_name: String,
    /// The photo's absolute URL, for sharing cards.
    pub image_url: Option<String>,
    pub image_alt: Option<String>,
    /// `summary_large_image` with a photo, else `summary`.
    pub twitter_card: String,
    pub published_time: String,
    pub modified_time: String,
    /// The schema.org NewsArticle as JSON, safe inside `<script>`.
    pub json_ld: String,
    pub generator: String,
}

#[derive(Serialize)]
pub struct ArticleView {
    pub title: String,
    pub description: Option<String>,
    pub authors: Vec<String>,
    /// "Matthew Lee and Dasha Litvinova".
    pub byline: Option<String>,
    pub source: Option<SourceView>,
    pub published: DateView,
    /// The newest of `updated` and the updates' times, when later than
    /// `published`.
    pub updated: Option<DateView>,
    pub photo: Option<PhotoView>,
    pub body_html: String,
}

#[derive(Serialize, Clone)]
pub struct DateView {
    /// For `<time datetime>`.
    pub iso: String,
    /// For readers.
    pub human: String,
    /// `year`, `month`, `day` or `time`.
    pub precision: String,
}

#[derive(Serialize, Clone)]
pub struct SourceView {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Serialize)]
pub struct PhotoView {
    /// The caption with first mentions linked (already escaped HTML).
    pub caption_html: Option<String>,
    pub credit: Option<String>,
    pub src: Option<String>,
    pub alt: String,
}

#[derive(Serialize)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub children: Vec<Heading>,
}

#[derive(Serialize)]
pub struct GroupView {
    pub name: String,
    pub id: String,
    /// Indexes into `people`.
    pub people: Vec<usize>,
}

#[derive(Serialize)]
pub struct PersonView {
    pub id: String,
    /// The card's element id: `person-<id>`.
    pub anchor: String,
    pub name: String,
    pub role: String,
    pub group: String,
    pub initials: String,
    pub summary_html: Option<String>,
    pub image: Option<String>,
    /// The language of the name, when the facts give one.
    pub lang: Option<String>,
    /// `ltr` or `rtl` when the name is written the other way from the page.
    pub dir: Option<String>,
    pub links: Vec<LinkView>,
    pub quotes: Vec<usize>,
    pub events: Vec<String>,
    /// The same events as indexes into `timeline`, so that a card lists
    /// them without a pass over the whole timeline for each person.
    pub event_items: Vec<usize>,
    /// The element id of their first mention on the page.
    pub first_mention: Option<String>,
    pub change: Option<ChangeView>,
}

/// The "New" badge: set on what is new or changed since the previous
/// facts (see `facts_json`).
#[derive(Serialize, Clone)]
pub struct ChangeView {
    /// `new` or `changed`.
    pub kind: String,
    /// `New` or `Updated`.
    pub label: String,
    /// The edition the change came with.
    pub at: DateView,
    /// The element id of the update at that time, if there is one.
    pub update: Option<String>,
}

#[derive(Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct QuoteView {
    /// `quote-<n>`, in facts.yaml order.
    pub id: String,
    pub text: String,
    /// The first words of the quote, cut at a word, for the speaker's card.
    pub excerpt: String,
    pub speaker: SpeakerView,
    pub context_html: Option<String>,
    pub date: Option<DateView>,
    /// `p-<n>`: the article paragraph the quote is in.
    pub paragraph: Option<String>,
    pub source: Option<SourceView>,
    pub change: Option<ChangeView>,
    /// The language of the quote, when the facts give one.
    pub lang: Option<String>,
    /// `ltr` or `rtl` when the quote is written the other way from the page.
    pub dir: Option<String>,
}

#[derive(Serialize)]
pub struct SpeakerView {
    pub id: String,
    pub anchor: String,
    pub name: String,
    pub role: String,
    /// The language of the name.
    pub lang: Option<String>,
    /// `ltr` or `rtl` when the name is written the other way from the page.
    pub dir: Option<String>,
}

#[derive(Serialize)]
pub struct TimelineItem {
    /// `event` for a background event, `story` for the marker of this
    /// story's own date.
    pub kind: String,
    /// `event-<n>`, in facts.yaml order; `this-story` for the marker.
    pub id: String,
    pub date: DateView,
    pub title: String,
    pub summary_html: Option<String>,
    pub people: Vec<SpeakerView>,
    pub source: Option<SourceView>,
    /// After the story's date.
    pub upcoming: bool,
    pub change: Option<ChangeView>,
}

#[derive(Serialize)]
pub struct UpdateView {
    /// `update-<UTC time>`: stable across rebuilds, and the feed entry's
    /// address.
    pub id: String,
    pub at: DateView,
    pub text_html: String,
}

#[derive(Serialize)]
pub struct Counts {
    pub people: usize,
    pub quotes: usize,
    pub events: usize,
}

pub fn build_context(
    story: &Story,
    options: &RenderOptions,
    facts: &FactsJson,
    locale: &Locale,
) -> PageContext {
    let article = &story.article;
    let updates_sorted = story.updates_newest_first();
    let edition = story.edition();
    let edition_update = updates_sorted
        .iter()
        .find(|(_, u)| u.at.unix_seconds() == edition.unix_seconds())
        .map(|(id, _)| id.clone());
    let change_view = |change: &Option<Change>| {
        change.as_ref().map(|change| {
            let (kind, label) = match change.kind {
                ChangeKind::New => ("new", "badge_new"),
                ChangeKind::Changed => ("changed", "badge_changed"),
            };
            ChangeView {
                kind: kind.into(),
                label: locale.word(label).into(),
                at: timestamp_view(edition, locale),
                update: edition_update.clone(),
            }
        })
    };
    let matcher = NameMatcher::new(&story.people);
    // The caption and the article each link their own first mentions: a
    // reader of the report should not have to go back to the caption.
    let mut caption_mentions =
        Mentions::new(&matcher, &story.people, "caption-mention-").in_direction(locale.direction);
    let mut mentions =
        Mentions::new(&matcher, &story.people, "mention-").in_direction(locale.direction);
    let photo = article.photo.as_ref().map(|photo| PhotoView {
        caption_html: photo
            .caption
            .as_deref()
            .map(|c| caption_mentions.link_plain_text(c)),
        credit: photo.credit.clone(),
        src: photo.src.clone(),
        alt: photo
            .alt
            .clone()
            .or_else(|| photo.caption.clone())
            .unwrap_or_default(),
    });
    let (body_html, headings) = markdown::render_article(&article.body, &mut mentions);

    let speaker = |index: usize| {
        let person = &story.people[index];
        SpeakerView {
            id: person.id.clone(),
            anchor: format!("person-{}", person.id),
            name: person.name.clone(),
            role: person.role.clone(),
            lang: person.lang.clone(),
            dir: locale.isolate(&person.name),
        }
    };

    let quotes: Vec<QuoteView> = story
        .quotes
        .iter()
        .enumerate()
        .map(|(n, quote)| QuoteView {
            id: format!("quote-{}", n + 1),
            text: crate::quotes::without_marks(&quote.text).to_owned(),
            excerpt: excerpt(crate::quotes::without_marks(&quote.text), 70),
            speaker: speaker(quote.speaker),
            context_html: quote
                .context
                .as_deref()
                .map(|c| markdown::render_fact(c, true)),
            date: quote.date.as_ref().map(|d| partial_date_view(d, locale)),
            paragraph: quote.paragraph.map(|p| format!("p-{}", p + 1)),
            source: quote.source.as_ref().map(source_view),
            change: facts.quotes.get(n).and_then(|q| change_view(&q.change)),
            lang: quote.lang.clone(),
            dir: locale.isolate(&quote.text),
        })
        .collect();

    let story_day = article.published.day();
    let mut order: Vec<usize> = (0..story.timeline.len()).collect();
    // Stable: events on the same date keep the file's order.
    order.sort_by_key(|&i| story.timeline[i].date);
    let mut timeline: Vec<TimelineItem> = Vec::with_capacity(order.len() + 1);
    let mut marker_placed = false;
    let mut item_of = vec![0; story.timeline.len()];
    for &i in &order {
        let event = &story.timeline[i];
        let upcoming = event.date.is_after(story_day);
        if upcoming && !marker_placed {
            timeline.push(story_marker(story, locale));
            marker_placed = true;
        }
        item_of[i] = timeline.len();
        timeline.push(TimelineItem {
            kind: "event".into(),
            id: format!("event-{}", i + 1),
            date: partial_date_view(&event.date, locale),
            title: event.title.clone(),
            summary_html: event
                .summary
                .as_deref()
                .map(|s| markdown::render_fact(s, false)),
            people: event.people.iter().map(|&p| speaker(p)).collect(),
            source: event.source.as_ref().map(source_view),
            upcoming,
            change: facts.timeline.get(i).and_then(|e| change_view(&e.change)),
        });
    }
    if !marker_placed {
        timeline.push(story_marker(story, locale));
    }

    // One pass each over quotes and timeline, not one per person: a large
    // story has thousands of each.
    let mut quotes_of: Vec<Vec<usize>> = vec![Vec::new(); story.people.len()];
    for (n, quote) in story.quotes.iter().enumerate() {
        quotes_of[quote.speaker].push(n);
    }
    let mut events_of: Vec<Vec<String>> = vec![Vec::new(); story.people.len()];
    let mut event_items_of: Vec<Vec<usize>> = vec![Vec::new(); story.people.len()];
    for &i in &order {
        for &person in &story.timeline[i].people {
            let id = format!("event-{}", i + 1);
            if events_of[person].last() != Some(&id) {
                events_of[person].push(id);
                event_items_of[person].push(item_of[i]);
            }
        }
    }
    let people: Vec<PersonView> = story
        .people
        .iter()
        .enumerate()
        .map(|(index, person)| PersonView {
            id: person.id.clone(),
            anchor: format!("person-{}", person.id),
            name: person.name.clone(),
            role: person.role.clone(),
            group: person.group.clone(),
            initials: initials(&person.name),
            summary_html: person
                .summary
                .as_deref()
                .map(|s| markdown::render_fact(s, false)),
            image: person.image.clone(),
            lang: person.lang.clone(),
            dir: locale.isolate(&person.name),
            links: person
                .links
                .iter()
                .map(|l| LinkView {
                    title: l.title.clone(),
                    url: href(&l.url),
                })
                .collect(),
            quotes: std::mem::take(&mut quotes_of[index]),
            events: std::mem::take(&mut events_of[index]),
            event_items: std::mem::take(&mut event_items_of[index]),
            first_mention: mentions.first[index]
                .clone()
                .or_else(|| caption_mentions.first[index].clone()),
            change: facts.people.get(index).and_then(|p| change_view(&p.change)),
        })
        .collect();

    let updated = (edition.unix_seconds() > article.published.unix_seconds())
        .then(|| timestamp_view(edition, locale));

    let mut toc = vec![TocEntry {
        id: "article".into(),
        title: locale.word("the_report").into(),
        children: headings.into_iter().filter(|h| h.level <= 3).collect(),
    }];
    for (id, title, shown) in [
        ("whos-who", "whos_who", !story.people.is_empty()),
        ("quotes", "key_quotes", !story.quotes.is_empty()),
        ("timeline", "timeline", true),
        ("updates", "updates", !story.updates.is_empty()),
    ] {
        if shown {
            toc.push(TocEntry {
                id: id.into(),
                title: locale.word(title).into(),
                children: Vec::new(),
            });
        }
    }

    let base_url = options.base_url.as_deref();
    let photo_src = article.photo.as_ref().and_then(|p| p.src.as_deref());
    // Sharing cards need an absolute address for the picture.
    let image_url = base_url
        .zip(photo_src)
        .map(|(base, src)| format!("{base}{src}"));
    PageContext {
        page: PageView {
            lang: article.lang.clone(),
            dir: locale.direction.as_str().into(),
            og_locale: locale.og_locale(),
            script_words: super::publish::script_words(locale),
            title: article.title.clone(),
            description: article.description.clone(),
            root: String::new(),
            canonical_url: options.base_url.clone(),
            feed_url: base_url.map(|_| "feed.xml".to_owned()),
            site_name: story.publisher().to_owned(),
            image_alt: image_url
                .as_ref()
                .and(photo.as_ref())
                .map(|p| p.alt.clone()),
            twitter_card: if image_url.is_some() {
                "summary_large_image"
            } else {
                "summary"
            }
            .into(),
            json_ld: super::publish::json_ld(story, base_url, image_url.as_deref()),
            image_url,
            published_time: article.published.iso(),
            modified_time: edition.iso(),
            generator: format!("explainer {}", env!("CARGO_PKG_VERSION")),
        },
        article: ArticleView {
            title: article.title.clone(),
            description: article.description.clone(),
            authors: article.authors.clone(),
            byline: locale.join_list(&article.authors),
            source: article.source.as_ref().map(source_view),
            published: timestamp_view(&article.published, locale),
            updated,
            photo,
            body_html,
        },
        takeaways: story
            .takeaways
            .iter()
            .map(|t| markdown::render_fact(t, true))
            .collect(),
        toc,
        groups: group_people(story),
        people,
        quotes,
        timeline,
        updates: updates_sorted
            .into_iter()
            .map(|(id, update)| UpdateView {
                id,
                at: timestamp_view(&update.at, locale),
                text_html: markdown::render_fact(&update.text, false),
            })
            .collect(),
        counts: Counts {
            people: story.people.len(),
            quotes: story.quotes.len(),
            events: story.timeline.len(),
        },
    }
}

fn story_marker(story: &Story, locale: &Locale) -> TimelineItem {
    TimelineItem {
        kind: "story".into(),
        id: "this-story".into(),
        date: timestamp_view(&story.article.published, locale),
        title: locale.word("story_published").into(),
        summary_html: None,
        people: Vec::new(),
        source: None,
        upcoming: false,
        change: None,
    }
}

/// Groups in the order of `groups`, then any others in order of first
/// appearance.
fn group_people(story: &Story) -> Vec<GroupView> {
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
                name: name.to_owned(),
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
    let mut used: HashMap<String, usize> = HashMap::new();
    for group in &mut groups {
        let base = format!("group-{}", crate::slug::slug(&group.name, false));
        let seen = used.entry(base.clone()).or_insert(0);
        *seen += 1;
        group.id = if *seen == 1 {
            base
        } else {
            format!("{base}-{seen}")
        };
    }
    groups
        .into_iter()
        .filter(|group| !group.people.is_empty())
        .collect()
}

/// At most `max` characters of `text`, cut after a whole word.
pub(super) fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!(
        "{}…",
        at_word.trim_end_matches(|c: char| c.is_whitespace() || ",;:".contains(c))
    )
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

fn source_view(source: &Source) -> SourceView {
    SourceView {
        name: source.name.clone(),
        url: source.url.as_deref().map(href),
    }
}

/// A checked link as an `href`: characters a URL may not hold as they are
/// (spaces, quotes, angle brackets, letters outside ASCII …) percent-encoded,
/// the way pulldown-cmark writes the article's links, so the page is valid
/// HTML whatever the facts say. `%` is left alone: it is already an escape.
fn href(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_graphic() && !"\"<>\\^`{|}".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

fn partial_date_view(date: &PartialDate, locale: &Locale) -> DateView {
    DateView {
        iso: date.iso(),
        human: locale.dates.partial(date),
        precision: date.precision().into(),
    }
}

fn timestamp_view(t: &Timestamp, locale: &Locale) -> DateView {
    DateView {
        iso: t.iso(),
        human: locale.dates.timestamp(t),
        precision: if t.time.is_some() { "time" } else { "day" }.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_percent_encode_what_a_url_may_not_hold() {
        assert_eq!(
            href("https://e.org/a?b=1&c=2#d"),
            "https://e.org/a?b=1&c=2#d"
        );
        assert_eq!(
            href("https://e.org/a b\"c\"<>"),
            "https://e.org/a%20b%22c%22%3C%3E"
        );
        assert_eq!(
            href("https://fr.wikipedia.org/wiki/Éole"),
            "https://fr.wikipedia.org/wiki/%C3%89ole"
        );
        assert_eq!(
            href("https://e.org/already%20encoded"),
            "https://e.org/already%20encoded"
        );
    }

    #[test]
    fn groups_follow_the_listed_order_then_first_appearance_with_unique_ids() {
        use crate::date::Timestamp;
        use crate::model::{Article, Person};
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
        };
        let story = Story {
            article: Article {
                title: "t".into(),
                description: None,
                published: Timestamp::parse("2025-01-01").unwrap(),
                updated: None,
                authors: Vec::new(),
                source: None,
                photo: None,
                lang: "en".into(),
                publisher: None,
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
            updates: Vec::new(),
            translations: Vec::new(),
        };
        let groups: Vec<(String, String, Vec<usize>)> = group_people(&story)
            .into_iter()
            .map(|g| (g.name, g.id, g.people))
            .collect();
        assert_eq!(
            groups,
            [
                ("Listed".into(), "group-listed".into(), vec![1]),
                ("europe".into(), "group-europe".into(), vec![0, 3]),
                ("Europe".into(), "group-europe-2".into(), vec![2]),
            ]
        );
    }

    #[test]
    fn initials() {
        assert_eq!(super::initials("Prince Faisal bin Farhan Al Saud"), "PS");
        assert_eq!(super::initials("Madonna"), "M");
        assert_eq!(super::initials("Владимир Путин"), "ВП");
    }
}
