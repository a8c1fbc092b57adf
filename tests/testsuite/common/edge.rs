//! The edge story, `tests/fixtures/edge`: accented and non-Latin names,
//! curly against straight quotes, an ellipsis quote, partial dates out of
//! order, HTML and script in every text field, names inside longer words.
//! Several features' tests read its page.

use super::Story;

/// The edge story built, with no error and no warning: its page.
pub fn page() -> String {
    let story = Story::copy_of("tests/fixtures/edge");
    let run = story.build();
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    story.page()
}
