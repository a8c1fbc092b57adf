//! The integration tests, one module per part of the program, in one test
//! binary: one link instead of eleven, and one place to look.

mod common;

mod archieml;
mod atomic_write;
mod bad_input;
mod draft;
mod edge_story;
mod editions;
mod editor_mistakes;
mod eject;
mod embeds;
mod errors;
mod fuzz_regressions;
mod golden;
mod hostile;
mod images;
mod live_coverage;
mod locales;
mod newsroom;
mod publishing;
mod release;
mod serve;
mod share_cards;
mod shipped_story;
mod xss;
