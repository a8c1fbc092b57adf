//! The latest edition's views and cards, made once before the plan is
//! carried out: the main page and every embed show the same cards, so
//! each is rendered once and shared (as Tera values, which share their
//! strings) by whichever pages show it, in whatever order they are made;
//! the main page's own context is handed to its entry of the plan.

use super::cards::{self, Cards};
use super::context::{self, value};
use super::pictures::Pictures;
use super::views::{self, Embed, Part, RemovedEmbed};
use super::{Edition, RenderOptions};
use crate::diagnostic::Diagnostic;
use crate::layout;
use crate::load::Template;
use crate::locale::Locale;

pub struct Latest<'a> {
    pub embeds: Vec<Embed>,
    /// The items earlier editions had, whose embeds stay as notices.
    pub removed: Vec<RemovedEmbed>,
    cards: Cards,
    /// The person embeds' group headings, per person.
    groups_of_people: Vec<&'a str>,
    /// The sections' group headings and ids, for the who's-who embed.
    groups: Vec<(&'a str, String, Vec<usize>)>,
    takeaways: tera::Value,
    /// What every embed page sees besides its part: `page` and `t`.
    globals: tera::Context,
}

impl<'a> Latest<'a> {
    pub fn prepare(
        edition: Edition<'a>,
        options: &RenderOptions,
        locale: &'a Locale,
        tera: &tera::Tera,
        templates: &[Template],
        pictures: &'a Pictures,
    ) -> Result<(Latest<'a>, tera::Context), Diagnostic> {
        let data = views::page_data(
            edition.story,
            options,
            locale,
            edition.changes,
            pictures,
            layout::PAGE,
        );
        let cards = cards::render(&data, locale, tera, templates)?;
        let globals = context::globals(views::EmbedPageView::of(&data.page), locale)?;
        let embeds = views::embeds(&data, locale);
        let removed = views::removed_embeds(edition.story, edition.changes, &embeds, locale);
        let groups_of_people = data.people.iter().map(|p| p.group).collect();
        let groups = data
            .groups
            .iter()
            .map(|g| (g.name, g.id.clone(), g.people.clone()))
            .collect();
        let takeaways = value(&data.takeaways)?;
        // The views are done with once the cards and the page's context
        // are made: a large story's views are not held while its thousands
        // of embeds are rendered. The page's context goes to the plan's
        // entry for the page, which owns it and drops it once the page is
        // made.
        let page = context::main_page(data, &cards, locale)?;
        let latest = Latest {
            embeds,
            removed,
            cards,
            groups_of_people,
            groups,
            takeaways,
            globals,
        };
        Ok((latest, page))
    }

    /// An embed page sees `page` and `t` as every page does, `embed` (which
    /// part it is and its title), and the finished HTML of what it shows:
    /// `card` for one person, quote or event (and `group`, a person's
    /// group), `groups` or `cards` for a section, `takeaways` for the
    /// summary.
    pub fn embed_context(
        &self,
        embed: &Embed,
        options: &RenderOptions,
    ) -> Result<tera::Context, Diagnostic> {
        let mut context = self.globals.clone();
        let view = views::EmbedView::of(embed, options.base_url.as_deref(), !options.skip_pictures);
        context.insert_value("embed", value(view)?);
        let cards = &self.cards;
        let card = |cards: &[tera::Value], i: usize| -> Result<tera::Value, Diagnostic> {
            cards.get(i).cloned().ok_or_else(|| {
                Diagnostic::file_error(
                    layout::embed_page(&embed.id),
                    "internal error: this embed names a card the page does not have",
                )
            })
        };
        match embed.part {
            Part::Summary => context.insert_value("takeaways", self.takeaways.clone()),
            Part::WhosWho => context.insert_value(
                "groups",
                context::groups_of_cards(
                    self.groups
                        .iter()
                        .map(|(name, id, people)| (*name, id.as_str(), people.as_slice())),
                    &cards.people,
                ),
            ),
            Part::Quotes => context.insert_value("cards", cards.quotes.clone().into()),
            Part::Timeline => context.insert_value("cards", cards.timeline.clone().into()),
            Part::Person(i) => {
                context.insert_value("card", card(&cards.people, i)?);
                context.insert_value("group", value(self.groups_of_people[i])?);
            }
            Part::Quote(i) => context.insert_value("card", card(&cards.quotes, i)?),
            Part::Event(i) => context.insert_value("card", card(&cards.timeline, i)?),
        }
        Ok(context)
    }

    /// A removed item's notice sees `page`, `t`, `embed` (its title and
    /// addresses, kind `removed`) and `removed` (when, why, and the record).
    /// `record`: the ids of the editions `changes.html` lists.
    pub fn removed_context(
        &self,
        removed: &RemovedEmbed,
        story: &crate::model::Story,
        options: &RenderOptions,
        record: &[String],
        locale: &Locale,
    ) -> Result<tera::Context, Diagnostic> {
        let mut context = self.globals.clone();
        let view = views::EmbedView::removed(removed, options.base_url.as_deref());
        context.insert_value("embed", value(view)?);
        context.insert_value(
            "removed",
            value(views::RemovedView::of(removed, story, record, locale))?,
        );
        Ok(context)
    }

    /// The bytes the page of an embed is likely to need: a section holds
    /// all of its cards, a single item is small.
    pub fn embed_size_hint(&self, part: Part) -> usize {
        let one = |cards: &[tera::Value], i: usize| {
            cards.get(i).and_then(|c| c.as_str()).map_or(0, str::len)
        };
        let all = |cards: &[tera::Value]| {
            cards
                .iter()
                .filter_map(|c| c.as_str())
                .map(str::len)
                .sum::<usize>()
        };
        let cards = &self.cards;
        2048 + match part {
            Part::WhosWho => all(&cards.people),
            Part::Quotes => all(&cards.quotes),
            Part::Timeline => all(&cards.timeline),
            Part::Person(i) => one(&cards.people, i),
            Part::Quote(i) => one(&cards.quotes, i),
            Part::Event(i) => one(&cards.timeline, i),
            Part::Summary => 4096,
        }
    }
}
