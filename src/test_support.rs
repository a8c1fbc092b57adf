//! Stories for the library's own unit tests: a small one, checked, as the
//! validate stage would hand it on.

use crate::load::Theme;
use crate::model::Story;

pub const ARTICLE: &str = "---\ntitle: The tunnel inquiry\npublished: 2025-11-20\n---\n\nMayor Tomas Berg said the tunnel was “safe and on budget”. Engineer Lena Okafor said: “The lining was never tested.”\n";

pub const FACTS: &str = "people:\n  - id: tomas-berg\n    name: Tomas Berg\n    role: Mayor\n    group: Council\n  - id: lena-okafor\n    name: Lena Okafor\n    role: Engineer\n    group: Engineers\nquotes:\n  - speaker: tomas-berg\n    text: safe and on budget\ntimeline:\n  - date: 2024-03-02\n    title: Council meeting\n";

/// An article and facts, loaded and checked; they must be valid.
pub fn checked(article: &str, facts: &str) -> (Story, Theme) {
    let mut inputs = crate::load::from_bytes(article.as_bytes(), facts.as_bytes())
        .unwrap_or_else(|e| panic!("{e:?}"));
    let validated =
        crate::validate::validate(&mut inputs, None).unwrap_or_else(|e| panic!("{e:?}"));
    (validated.story, inputs.theme)
}

/// The small story.
pub fn story() -> (Story, Theme) {
    checked(ARTICLE, FACTS)
}
