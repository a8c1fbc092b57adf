//! The page's repeated parts — a card per person, quote and event — each
//! rendered from its own template with a small context of its own.
//!
//! Handing Tera the whole story's data at once made it copy all of it into
//! its own values: at the largest benchmark size (15,000 people, 10,000
//! quotes, 12,000 events) that copy was most of the build's peak memory.
//! One item at a time, the copy is one item's, and what the page template
//! receives is each part's finished HTML.

use serde::Serialize;

use super::templates::template_diagnostic;
use super::views::{PageData, PersonView, QuoteView, TimelineItem};
use crate::diagnostic::Diagnostic;
use crate::load::Template;
use crate::locale::Locale;

/// Every card of the page, each seeing `page` and `t` as the page does.
pub fn render(
    data: &PageData,
    locale: &Locale,
    tera: &tera::Tera,
    templates: &[Template],
) -> Result<Cards, Diagnostic> {
    let globals = super::context::globals(&data.page, locale)?;
    Parts::new(tera, templates, globals).render(data)
}

/// What each part's template sees besides its item: the page's own fields.
pub struct Parts<'t> {
    tera: &'t tera::Tera,
    templates: &'t [Template],
    /// Keys every part sees (`page`).
    globals: tera::Context,
    buffer: std::cell::RefCell<Vec<u8>>,
}

/// The finished HTML of every part of the page, in the page's order, as
/// the templates' values: every page that shows a card shares its string.
#[derive(Default)]
pub struct Cards {
    /// Per person of the story.
    pub people: Vec<tera::Value>,
    pub quotes: Vec<tera::Value>,
    /// Per item of the timeline, the marker for this story included.
    pub timeline: Vec<tera::Value>,
}

/// Stories with fewer parts than this render them on one thread: a
/// realistic page takes less time than starting a thread.
const PARALLEL_FROM_PARTS: usize = 2000;

impl Parts<'_> {
    /// The people's cards on one core and the quotes and events on the
    /// other, for a large story; the result is the same either way.
    pub fn render(&self, data: &PageData) -> Result<Cards, Diagnostic> {
        let (tera, templates, globals) = (self.tera, self.templates, &self.globals);
        let people = move || -> Result<Vec<tera::Value>, Diagnostic> {
            let parts = Parts::new(tera, templates, globals.clone());
            data.people
                .iter()
                .map(|person| parts.person(person, &data.quotes, &data.timeline))
                .collect()
        };
        let rest = || -> Result<(Vec<tera::Value>, Vec<tera::Value>), Diagnostic> {
            let quotes = data
                .quotes
                .iter()
                .map(|quote| self.one("quote.html", "quote", quote))
                .collect::<Result<_, _>>()?;
            let timeline = data
                .timeline
                .iter()
                .map(|event| self.one("event.html", "event", event))
                .collect::<Result<_, _>>()?;
            Ok((quotes, timeline))
        };
        let count = data.people.len() + data.quotes.len() + data.timeline.len();
        let (people, rest) = if count < PARALLEL_FROM_PARTS {
            (people(), rest())
        } else {
            std::thread::scope(|scope| {
                let people = scope.spawn(people);
                let rest = rest();
                let people = people
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (people, rest)
            })
        };
        let (quotes, timeline) = rest?;
        Ok(Cards {
            people: people?,
            quotes,
            timeline,
        })
    }

    pub fn new<'t>(
        tera: &'t tera::Tera,
        templates: &'t [Template],
        globals: tera::Context,
    ) -> Parts<'t> {
        Parts {
            tera,
            templates,
            globals,
            buffer: Default::default(),
        }
    }

    /// A person's card lists their quotes and events: it sees those alone,
    /// as `quotes` and `timeline`, which `person.quotes` and
    /// `person.event_items` index.
    fn person(
        &self,
        person: &PersonView,
        quotes: &[QuoteView],
        timeline: &[TimelineItem],
    ) -> Result<tera::Value, Diagnostic> {
        let mut context = self.globals.clone();
        let theirs: Vec<&QuoteView> = person.quote_indexes.iter().map(|&q| &quotes[q]).collect();
        let events: Vec<&TimelineItem> =
            person.event_indexes.iter().map(|&e| &timeline[e]).collect();
        insert(&mut context, "person", person)?;
        insert(&mut context, "quotes", &theirs)?;
        insert(&mut context, "timeline", &events)?;
        self.finish("person.html", &context)
    }

    fn one<T: Serialize>(
        &self,
        template: &str,
        key: &'static str,
        item: &T,
    ) -> Result<tera::Value, Diagnostic> {
        let mut context = self.globals.clone();
        insert(&mut context, key, item)?;
        self.finish(template, &context)
    }

    /// Tera's own `render` returns a string with room to spare, several
    /// times a card's size; tens of thousands of them held until the page
    /// is assembled added up to most of the page's memory. Each part is
    /// rendered into one reused buffer and copied out at its exact size.
    fn finish(&self, template: &str, context: &tera::Context) -> Result<tera::Value, Diagnostic> {
        let mut buffer = self.buffer.borrow_mut();
        buffer.clear();
        self.tera
            .render_to(template, context, &mut *buffer)
            .map_err(|error| template_diagnostic(&error, self.templates, template))?;
        // Tera writes what its templates, which are UTF-8, and its values,
        // which are strings, make. The line break the template file ends
        // with is the page's to place, not the card's.
        Ok(tera::Value::from(String::from_utf8_lossy(
            buffer.trim_ascii_end(),
        )))
    }
}

fn insert<T: Serialize + ?Sized>(
    context: &mut tera::Context,
    key: &'static str,
    value: &T,
) -> Result<(), Diagnostic> {
    let value = tera::Value::try_from_serializable(value)
        .map_err(|e| super::context::cannot_prepare(&e))?;
    context.insert_value(key, value);
    Ok(())
}
