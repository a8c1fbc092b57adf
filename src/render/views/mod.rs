//! The data the templates see, one builder per section. Views borrow from
//! the story wherever the words are the story's own, so the page data adds
//! only what the page makes (ids, HTML, dates for readers) to the story
//! already in memory.
//!
//! Every key is always present (empty or null when the story has nothing
//! for it), because Tera treats an undefined variable as an error; the
//! README documents these names.

mod article;
mod embeds;
mod knowledge;
mod marks;
mod page;
mod people;
mod quotes;
mod record;
mod removed;
mod timeline;
mod transcript;
mod updates;

use serde::Serialize;

use crate::changes::Changes;
use crate::date::{PartialDate, Timestamp};
use crate::links::href;
use crate::locale::Locale;
use crate::model::{Source, Story};
use crate::names::NameMatcher;

use super::RenderOptions;
use super::markdown::Mentions;
use super::pictures::{Pictures, Shown};

pub use article::{ArticleView, TocEntry};
pub use embeds::{Embed, EmbedPageView, EmbedView, OEMBED_WIDTH, Part, embeds};
pub use knowledge::FindingView;
pub use marks::Marks;
pub use page::{
    EarlierView, PageView, ShareImage, build as page_view, corrected_later, share_image,
};
pub use people::{GroupView, PersonView};
pub use quotes::QuoteView;
pub use record::{EditionRecord, record};
pub use removed::{HEIGHT as REMOVED_HEIGHT, RemovedEmbed, RemovedView, removed_embeds};
pub use timeline::{Timeline, TimelineItem};
pub use transcript::build as transcript_view;
pub use updates::{KeyEventView, UpdateView};

/// Everything the main page's template sees, by key.
pub struct PageData<'a> {
    pub page: PageView,
    pub article: ArticleView<'a>,
    pub takeaways: Vec<String>,
    pub known: Vec<FindingView>,
    pub unknown: Vec<FindingView>,
    pub toc: Vec<TocEntry>,
    pub groups: Vec<GroupView<'a>>,
    pub people: Vec<PersonView<'a>>,
    pub quotes: Vec<QuoteView<'a>>,
    pub timeline: Vec<TimelineItem<'a>>,
    pub updates: Vec<UpdateView>,
    pub key_events: Vec<KeyEventView>,
    pub counts: Counts,
}

#[derive(Serialize)]
pub struct Counts {
    pub people: usize,
    pub quotes: usize,
    pub events: usize,
}

/// Build every section's view of the story, for the explainer's page at
/// `path` of the site (the latest at the top, a past edition in its
/// folder): every link to the site's own files starts from there.
pub fn page_data<'a>(
    story: &'a Story,
    options: &RenderOptions,
    locale: &'a Locale,
    changes: &'a Changes,
    pictures: &Pictures,
    path: &str,
) -> PageData<'a> {
    let root = &crate::layout::root_from(path);
    let marks = Marks::new(story, changes, locale);
    let matcher = NameMatcher::new(&story.people);
    let mut mentions = Mentions::article(&matcher, &story.people).in_direction(locale.direction);
    let mut caption_mentions =
        Mentions::caption(&matcher, &story.people).in_direction(locale.direction);
    let placed = PlacedPictures { pictures, root };
    let article = article::build(story, locale, &mut mentions, &mut caption_mentions, &placed);
    let toc = article::toc(story, locale, &article.headings);
    let quotes = quotes::build(story, locale, &marks, root);
    let timeline = timeline::build(story, locale, &marks);
    let people = people::build(
        story,
        locale,
        &marks,
        &timeline,
        &mentions,
        &caption_mentions,
        &placed,
    );
    PageData {
        page: {
            let mut page = page::build(story, options, locale, pictures, root);
            page.changes_url = Some(format!("{root}{}", crate::layout::CHANGES));
            page
        },
        takeaways: article::takeaways(story),
        known: knowledge::build(story, crate::ids::Knowledge::Known, &marks),
        unknown: knowledge::build(story, crate::ids::Knowledge::Unknown, &marks),
        toc,
        groups: people::groups(story),
        people,
        quotes,
        timeline: timeline.items,
        updates: updates::build(story, locale),
        key_events: updates::key_events(story, locale),
        counts: Counts {
            people: story.people.len(),
            quotes: story.quotes.len(),
            events: story.timeline.len(),
        },
        article: article.view,
    }
}

/// A picture for `<img>`: `src` for browsers that read no `srcset`,
/// and what lets the others pick the version the screen needs. Every URL
/// starts from the page's place in the site.
#[derive(Serialize)]
pub struct PictureView {
    pub src: String,
    /// Set when there is more than one version.
    pub srcset: Option<String>,
    /// The same widths as WebP, for a `<source type="image/webp">`.
    pub webp_srcset: Option<String>,
    pub sizes: &'static str,
    /// The size as shown: `width` and `height` keep the page from moving
    /// when the picture arrives.
    pub width: Option<u32>,
    pub height: Option<u32>,
}

impl PictureView {
    pub fn of(shown: &Shown, root: &str) -> PictureView {
        let url = |path: &str| format!("{root}{}", srcset_safe(path));
        let srcset = |candidates: &[super::pictures::Candidate]| {
            candidates
                .iter()
                .map(|c| format!("{} {}w", url(&c.path), c.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        PictureView {
            src: url(&shown.fallback().path),
            srcset: (shown.candidates.len() > 1).then(|| srcset(&shown.candidates)),
            webp_srcset: (!shown.webp.is_empty()).then(|| srcset(&shown.webp)),
            sizes: shown.role.sizes(),
            width: shown.size.map(|(w, _)| w),
            height: shown.size.map(|(_, h)| h),
        }
    }
}

/// The pictures, as a page at `root` links to them.
pub struct PlacedPictures<'a> {
    pictures: &'a Pictures,
    root: &'a str,
}

impl PlacedPictures<'_> {
    pub fn view(&self, path: &str, role: super::pictures::Role) -> Option<PictureView> {
        self.pictures
            .get(path, role)
            .map(|shown| PictureView::of(shown, self.root))
    }
}

/// A path as a `srcset` can hold it: spaces and commas there separate
/// the candidates.
fn srcset_safe(path: &str) -> std::borrow::Cow<'_, str> {
    if path.contains([' ', ',']) {
        path.replace(' ', "%20").replace(',', "%2C").into()
    } else {
        path.into()
    }
}

#[derive(Serialize, Clone)]
pub struct DateView {
    /// For `<time datetime>`.
    pub iso: String,
    /// For readers.
    pub human: String,
    /// `year`, `month`, `day` or `time`.
    pub precision: &'static str,
}

impl DateView {
    pub fn of_date(date: &PartialDate, locale: &Locale) -> DateView {
        DateView {
            iso: date.iso(),
            human: locale.dates.partial(date),
            precision: date.precision(),
        }
    }

    pub fn of_time(t: &Timestamp, locale: &Locale) -> DateView {
        DateView {
            iso: t.iso(),
            human: locale.dates.timestamp(t),
            precision: if t.time.is_some() { "time" } else { "day" },
        }
    }
}

#[derive(Serialize)]
pub struct SourceView<'a> {
    pub name: &'a str,
    pub url: Option<String>,
}

impl<'a> SourceView<'a> {
    pub fn of(source: &'a Source) -> SourceView<'a> {
        SourceView {
            name: &source.name,
            url: source.url.as_deref().map(href),
        }
    }
}

/// A person where a quote or an event names them.
#[derive(Serialize)]
pub struct SpeakerView<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub name: &'a str,
    pub role: &'a str,
    /// The language of the name.
    pub lang: Option<&'a str>,
    /// `ltr` or `rtl` when the name is written the other way from the page.
    pub dir: Option<String>,
}

impl<'a> SpeakerView<'a> {
    pub fn of(story: &'a Story, index: usize, locale: &Locale) -> SpeakerView<'a> {
        let person = &story.people[index];
        SpeakerView {
            id: &person.id,
            anchor: crate::ids::person(&person.id),
            name: &person.name,
            role: &person.role,
            lang: person.lang.as_deref(),
            dir: locale.isolate(&person.name),
        }
    }
}
