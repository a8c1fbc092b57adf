//! A story's own templates: syntax errors, unknown names and missing
//! includes, and a template that is not UTF-8, each named by its template
//! and line.

use crate::common::Story;

#[test]
fn template_errors_name_the_template_and_line() {
    let story = Story::base();
    story.write(
        "templates/quote.html",
        b"<li>\n{% if quote.text %}\n{{ quote.nope }}\n{% endif %}</li>\n",
    );
    let run = story.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/quote.html:3:"),
        "{}",
        run.stderr
    );

    story.write(
        "templates/quote.html",
        b"<li>\n{% if quote.text %}\n</li>\n",
    );
    let run = story.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/quote.html:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("template error"), "{}", run.stderr);
}
