//! `explainer` builds a news explainer page from an article and a file of
//! curated facts.
//!
//! The data flows one way through four stages, each a module with one job:
//! [`load`] reads the story root and keeps source positions, [`validate`]
//! checks the article and facts against each other and collects every
//! problem, [`render`] turns the checked [`model::Story`] into pages in
//! memory, and [`write`] swaps them into the output folder. `pipeline`
//! runs them in order; the library never prints or exits, the binary does
//! that with the [`Report`] these functions return.
//!
//! Rules that several stages need have one home each, which the stages
//! import and which imports no stage: the site's files and their depths
//! ([`layout`]), element ids ([`ids`]), link safety ([`links`]), text
//! helpers (`text`), what counts as the article's text (`article`), and
//! what changed since the previous edition (`changes`).
//!
//! What another tool needs is public: [`build`], [`check`],
//! [`render_in_memory`], the checked [`model`], the [`diagnostic`]s, the
//! `facts.json` format ([`facts_json`]) and [`serve`]. Each stage's entry
//! point is public through [`stages`] so that it can be timed on its own
//! (`benches/stages.rs`); the stages' insides are not.

// A diagnostic is a few strings wide; it is built only on the error path,
// so boxing it everywhere would buy nothing.
#![allow(clippy::result_large_err)]

pub mod archieml;
mod article;
mod base_url;
pub mod cache;
mod changes;
pub mod date;
pub mod desk;
pub mod diagnostic;
pub mod draft;
mod editions;
pub mod eject;
pub mod export;
pub mod facts_json;
pub mod ids;
mod images;
pub mod layout;
pub mod links;
mod load;
pub mod locale;
pub mod model;
mod names;
mod options;
mod output;
mod pipeline;
mod quotes;
mod raw_html;
mod render;
mod report;
mod root;
pub mod serve;
mod site;
mod source;
pub mod starter;
mod story_cache;
#[cfg(test)]
mod test_support;
mod text;
mod transcript;
mod unicode;
mod validate;
mod write;

/// Each stage's entry point, in the order [`build`] runs them, for timing a
/// stage on its own.
#[doc(hidden)]
pub mod stages {
    pub use crate::changes::Changes;
    /// An SVG checked as the load stage checks each (for fuzzing).
    pub use crate::images::check_svg;
    pub use crate::load::{Inputs, load};
    pub use crate::render::render;
    /// The share cards the render stage draws, for timing one card.
    pub use crate::render::share_card;
    /// One `i18n/` file parsed and checked as validation does (for fuzzing).
    pub use crate::validate::check_translation;
    pub use crate::validate::{Validated, validate};
    pub use crate::write::write_site;
}

pub(crate) use write::absolute;

use std::path::Path;

use diagnostic::Diagnostics;
pub use options::{BuildOptions, Previous};
pub use output::{Contents, OutputFile};
pub use pipeline::Memory;
pub(crate) use pipeline::previous_in;
pub use render::RenderOptions;
pub use report::{Counts, Failure, Report, SiteCounts, Timings};

/// Check a story and write its site: load → validate → render → write.
pub fn build(options: &BuildOptions) -> Result<Report, Failure> {
    build_remembering(options, &mut Memory::default())
}

/// [`build`], reusing what an earlier build with the same `memory` read
/// and rendered where its inputs are unchanged (the past editions), and
/// leaving in it what the next one can reuse: `serve` keeps one for its
/// session. The site is the same either way.
pub fn build_remembering(options: &BuildOptions, memory: &mut Memory) -> Result<Report, Failure> {
    let built = if site::is_site(&options.root) {
        site::build_site(options, memory)
    } else {
        pipeline::build_in_root(options, memory)
    };
    root::from_where_run(&options.root, built)
}

/// The same checks as a build, templates included, writing nothing.
pub fn check(root: &Path) -> Result<Report, Failure> {
    let checked = if site::is_site(root) {
        site::check_site(root)
    } else {
        pipeline::check_in_root(root)
    };
    root::from_where_run(root, checked)
}

/// Whether `root` is a site of many stories (it has `site.yaml`) rather
/// than one story.
pub fn is_site(root: &Path) -> bool {
    site::is_site(root)
}

/// A site made in memory, and the warnings found on the way.
#[derive(Debug)]
pub struct InMemory {
    pub files: Vec<OutputFile>,
    pub warnings: Diagnostics,
}

/// Validate and render an article and facts file held in memory, with the
/// default theme: every stage but the disk. Fuzzing and tests use it to push
/// arbitrary bytes through the pipeline; an editor's tool can use it to
/// preview a story.
pub fn render_in_memory(
    article: &[u8],
    facts: &[u8],
    options: &RenderOptions,
) -> Result<InMemory, Diagnostics> {
    let mut inputs = load::from_bytes(article, facts)?;
    let validated = validate::validate(&mut inputs, None)?;
    let changes = changes::Changes::none(&validated.story);
    let rendered = render::render(&validated.story, &inputs.theme, options, &changes).map_err(
        |mut errors| {
            errors.extend(validated.warnings.clone());
            errors.sorted()
        },
    )?;
    let page = rendered
        .files
        .iter()
        .find(|file| file.path == layout::PAGE)
        .and_then(OutputFile::bytes)
        .unwrap_or_default();
    let written = rendered.files.iter().map(|f| f.path.clone()).collect();
    let missing = validate::missing_targets(
        &validated.held_links,
        &validate::ids_in(std::str::from_utf8(page).unwrap_or("")),
        &written,
    );
    if missing.has_errors() {
        return Err(missing);
    }
    let mut warnings = validated.warnings.clone();
    warnings.extend(rendered.warnings);
    Ok(InMemory {
        files: rendered.files,
        warnings: warnings.sorted(),
    })
}
