//! Precision and recall of `explainer draft` on the shipped story and the
//! test articles in `tests/fixtures/draft/`, against answers written by
//! hand: `cargo bench --bench draft_quality`. Add `-- --notes` to list
//! every miss.

#[path = "../tests/common/draft_score.rs"]
mod draft_score;

fn main() {
    let notes = std::env::args().any(|a| a == "--notes");
    let mut total = draft_score::Score {
        article: "all".to_owned(),
        ..Default::default()
    };
    let mut rows = Vec::new();
    let mut missed = Vec::new();
    for case in draft_score::cases() {
        let score = draft_score::score(&case);
        total.add(&score);
        rows.push(score.row());
        for note in &score.notes {
            missed.push(format!("{}: {note}", score.article));
        }
    }
    println!("{}", draft_score::HEADER);
    for row in rows {
        println!("{row}");
    }
    println!("{}", total.row().replacen("| all |", "| **all** |", 1));
    if notes {
        println!();
        for note in missed {
            println!("{note}");
        }
    }
}
