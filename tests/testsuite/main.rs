//! The integration tests, one module per feature, in one test binary: one
//! link instead of one per module, and one place to look.

mod common;

mod archieml;
mod base_url;
mod changes;
mod dates;
mod diagnostics;
mod draft;
mod editions;
mod eject;
mod embeds;
mod facts_file;
mod front_matter;
mod golden;
mod hidden_characters;
mod images;
mod inputs;
mod knowledge;
mod limits;
mod links;
mod live_coverage;
mod locales;
mod markdown;
mod metadata;
mod new_story;
mod newsroom;
mod output_folder;
mod people;
mod quotes;
mod release;
mod script_injection;
mod serve;
mod share_cards;
mod shipped_story;
mod site;
mod templates;
mod transcripts;
