//! A story's own templates: syntax errors, unknown names and missing
//! includes, and a template that is not UTF-8, each named by its template
//! and line.

use crate::common::Story;
use crate::common::broken::fails_keeping_output;

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

#[test]
fn template_syntax_errors_and_unknown_names_point_at_the_template() {
    for (template, text, wanted) in [
        (
            "templates/quote.html",
            "<li>\n{{ quote.text \n</li>\n",
            "templates/quote.html:",
        ),
        (
            "templates/person.html",
            "<li>\n{% for x in person.quotes %}\n</li>\n",
            "templates/person.html:",
        ),
        (
            "templates/event.html",
            "<li>\n\n{{ no_such_variable }}</li>\n",
            "templates/event.html:3:",
        ),
        (
            "templates/index.html",
            "<p>{% include \"missing.html\" %}</p>\n",
            "missing.html",
        ),
    ] {
        fails_keeping_output(|story| story.write(template, text.as_bytes()), &[wanted]);
    }
}

#[test]
fn a_template_that_is_not_utf8_is_named() {
    fails_keeping_output(
        |story| story.write("templates/quote.html", b"<li>\xff</li>"),
        &["templates/quote.html", "not valid UTF-8"],
    );
}
