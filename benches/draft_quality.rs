//! Precision and recall of `explainer draft` on the shipped story and the
//! test articles in `tests/fixtures/draft/`, against answers written by
//! hand: `cargo bench --bench draft_quality`. Add `-- --notes` to list
//! every miss.

#[path = "../tests/testsuite/common/draft_score.rs"]
mod draft_score;

use std::path::PathBuf;

fn table(title: &str, cases: &[PathBuf], notes: &mut Vec<String>) -> draft_score::Score {
    let mut total = draft_score::Score {
        article: format!("**{title}**"),
        ..Default::default()
    };
    for case in cases {
        let score = draft_score::score(case);
        total.add(&score);
        println!("{}", score.row());
        notes.extend(
            score
                .notes
                .iter()
                .map(|n| format!("{}: {n}", score.article)),
        );
    }
    println!("{}", total.row());
    total
}

fn main() {
    let show_notes = std::env::args().any(|a| a == "--notes");
    let mut notes = Vec::new();
    println!("{}", draft_score::HEADER);
    let mut all = table(
        "written against",
        &draft_score::development_cases(),
        &mut notes,
    );
    for (round, cases) in draft_score::later_rounds() {
        all.add(&table(round, &cases, &mut notes));
    }
    all.add(&table(
        "held out",
        &draft_score::held_out_cases(),
        &mut notes,
    ));
    all.article = "**all**".to_owned();
    println!("{}", all.row());
    if show_notes {
        println!();
        for note in notes {
            println!("{note}");
        }
    }
}
