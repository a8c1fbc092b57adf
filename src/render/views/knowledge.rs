//! "What we know" and "What we don't know yet": each item with its stable
//! id, its mark and the notes of the corrections that name it.

use serde::Serialize;

use super::marks::{ChangeView, CorrectionNote, Marks};
use crate::ids::Knowledge;
use crate::model::Story;
use crate::render::markdown;

#[derive(Serialize)]
pub struct FindingView {
    pub id: String,
    /// The id it had in the other list, which links readers shared still
    /// name: the page keeps an anchor of that name on the item.
    pub was: Option<String>,
    pub text_html: String,
    pub change: Option<ChangeView>,
    pub corrections: Vec<CorrectionNote>,
}

pub fn build(story: &Story, list: Knowledge, marks: &Marks) -> Vec<FindingView> {
    let items = match list {
        Knowledge::Known => &story.known,
        Knowledge::Unknown => &story.unknown,
    };
    items
        .iter()
        .enumerate()
        .map(|(i, finding)| FindingView {
            id: finding.id.clone(),
            was: marks.moved_from(list, i),
            text_html: markdown::render_fact(&finding.text, markdown::Layout::Inline),
            change: marks.finding(list, i),
            corrections: marks.corrections(&finding.id),
        })
        .collect()
}
