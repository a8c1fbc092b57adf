//! What the templates see: every page's `page` and `t`, built in one
//! place, and the rest of each kind of page's context.
//!
//! Tera's values share their strings, arrays and maps (`Arc`), so a card
//! made once into a value is shown by the main page and by its embed
//! without being copied.

use serde::Serialize;

use super::cards::Cards;
use super::views::PageData;
use crate::diagnostic::Diagnostic;
use crate::locale::Locale;

/// The context every template starts from: `page`, the page's own fields
/// (a [`super::views::PageView`], or the few an embed page needs), and
/// `t`, the page's words.
pub fn globals(page: impl Serialize, locale: &Locale) -> Result<tera::Context, Diagnostic> {
    let mut context = tera::Context::new();
    context.insert_value("page", value(page)?);
    context.insert_value("t", value(locale.words())?);
    Ok(context)
}

/// The main page's context: its views, and the finished HTML of its cards.
/// Each view is taken by value, so it is freed as soon as it is copied.
pub fn main_page(
    data: PageData,
    cards: &Cards,
    locale: &Locale,
) -> Result<tera::Context, Diagnostic> {
    let PageData {
        page,
        article,
        takeaways,
        known,
        unknown,
        toc,
        groups,
        people,
        quotes,
        timeline,
        updates,
        key_events,
        counts,
    } = data;
    drop((people, quotes, timeline));
    let groups = groups_of_cards(
        groups
            .iter()
            .map(|g| (g.name, g.id.as_str(), g.people.as_slice())),
        &cards.people,
    );
    let mut context = globals(page, locale)?;
    context.insert_value("groups", groups);
    context.insert_value("quote_cards", tera::Value::from(cards.quotes.clone()));
    context.insert_value("event_cards", tera::Value::from(cards.timeline.clone()));
    context.insert_value("article", value(article)?);
    context.insert_value("updates", value(updates)?);
    context.insert_value("key_events", value(key_events)?);
    context.insert_value("takeaways", value(takeaways)?);
    context.insert_value("known", value(known)?);
    context.insert_value("unknown", value(unknown)?);
    context.insert_value("toc", value(toc)?);
    context.insert_value("counts", value(counts)?);
    Ok(context)
}

/// The who's-who's groups as the templates see them: `name`, `id` and the
/// `cards` of their people, the same values the cards were made into.
pub fn groups_of_cards<'g>(
    groups: impl Iterator<Item = (&'g str, &'g str, &'g [usize])>,
    people_cards: &[tera::Value],
) -> tera::Value {
    let groups: Vec<tera::Value> = groups
        .map(|(name, id, people)| {
            let cards: Vec<tera::Value> = people
                .iter()
                .filter_map(|&i| people_cards.get(i).cloned())
                .collect();
            let mut group = tera::Map::new();
            group.insert("name".into(), name.into());
            group.insert("id".into(), id.into());
            group.insert("cards".into(), cards.into());
            tera::Value::from(group)
        })
        .collect();
    groups.into()
}

pub fn value<T: Serialize>(data: T) -> Result<tera::Value, Diagnostic> {
    tera::Value::try_from_serializable(&data).map_err(|e| cannot_prepare(&e))
}

pub fn cannot_prepare(error: &tera::Error) -> Diagnostic {
    Diagnostic::file_error(
        "templates",
        format!("cannot prepare the page data: {error}"),
    )
}
