//! The integration tests, one module per part of the program, in one test
//! binary: one link instead of eleven, and one place to look.

mod common;

mod archieml;
mod atomic_write;
mod base_url;
mod dates;
mod diagnostics;
mod draft;
mod edge_story;
mod editions;
mod eject;
mod embeds;
mod facts_file;
mod front_matter;
mod fuzz_regressions;
mod golden;
mod hidden_characters;
mod hostile;
mod images;
mod inputs;
mod links;
mod locales;
mod markdown;
mod output_folder;
mod people;
mod publishing;
mod quotes;
mod release;
mod serve;
mod share_cards;
mod shipped_story;
mod templates;
mod xss;
