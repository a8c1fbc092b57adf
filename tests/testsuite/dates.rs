//! Dates and times: impossible days and months, dates in words, time
//! zones missing or malformed, partial dates sorting and showing at their
//! precision, machine-readable times, and doubtful dates (an update before
//! publication, two updates at one instant) warned about or refused.

use crate::common::broken::{ARTICLE, Case, FACTS, every_case_fails_keeping_output};
use crate::common::{Story, between, edge};

const CASES: &[Case] = &[
    Case {
        name: "impossible day",
        file: FACTS,
        from: "date: 2024-03-02",
        to: "date: 2026-02-30",
        expect: &["content/facts.yaml:18:11", "February 2026 has 28 days"],
    },
    Case {
        name: "month 13",
        file: FACTS,
        from: "date: 2024-03-02",
        to: "date: 2024-13",
        expect: &["content/facts.yaml:18:11", "there is no month 13"],
    },
    Case {
        name: "date in words",
        file: FACTS,
        from: "date: 2024-03-02",
        to: "date: last spring",
        expect: &[
            "content/facts.yaml:18:11",
            "`last spring` is not a date",
            "YYYY-MM-DD",
        ],
    },
    Case {
        name: "published without time zone",
        file: ARTICLE,
        from: "published: 2025-11-20",
        to: "published: 2025-11-20T10:00:00",
        expect: &[
            "content/article.md:4:12",
            "has no time zone",
            "2025-02-18T17:48:00Z",
        ],
    },
    Case {
        name: "published with a malformed zone",
        file: ARTICLE,
        from: "published: 2025-11-20",
        to: "published: 2025-11-20T10:00:00+5",
        expect: &["content/article.md:4:12", "is not a time zone offset"],
    },
    Case {
        name: "published in words",
        file: ARTICLE,
        from: "published: 2025-11-20",
        to: "published: last Tuesday",
        expect: &["content/article.md:4:12", "`last Tuesday` is not a date"],
    },
    Case {
        name: "published on an impossible day",
        file: ARTICLE,
        from: "published: 2025-11-20",
        to: "published: 2025-11-31",
        expect: &["content/article.md:4:12", "November 2025 has 30 days"],
    },
    Case {
        name: "updated without time zone",
        file: ARTICLE,
        from: "authors:",
        to: "updated: 2025-11-21T09:00:00\nauthors:",
        expect: &["content/article.md:5:10", "has no time zone"],
    },
    Case {
        name: "updated with an impossible zone",
        file: ARTICLE,
        from: "authors:",
        to: "updated: 2025-11-21T09:00:00+25:00\nauthors:",
        expect: &["content/article.md:5:10", "time zone"],
    },
    Case {
        name: "quote dated 29 February of a common year",
        file: FACTS,
        from: "    text: safe and on budget\n",
        to: "    text: safe and on budget\n    date: 2025-02-29\n",
        expect: &["content/facts.yaml:15:11", "February 2025 has 28 days"],
    },
    Case {
        name: "update time in words",
        file: FACTS,
        from: "groups:",
        to: "updates:\n  - at: this morning\n    text: Corrects a name.\ngroups:",
        expect: &["content/facts.yaml:2:9", "`this morning` is not a date"],
    },
    Case {
        name: "two updates at the same instant",
        file: FACTS,
        from: "    title: Tunnel approved\n",
        to: "    title: Tunnel approved\nupdates:\n  - at: 2025-11-21T10:00:00Z\n    text: One.\n  - at: 2025-11-21T11:00:00+01:00\n    text: Two.\n",
        expect: &[
            "content/facts.yaml:26:9",
            "two updates at the same instant, 2025-11-21T10:00:00Z (the other is on line 24)",
        ],
    },
];

#[test]
fn every_broken_input_is_reported_and_the_last_good_output_survives() {
    every_case_fails_keeping_output(CASES);
}

#[test]
fn an_update_before_publication_is_flagged() {
    let story = Story::base();
    story.edit(
        FACTS,
        "    title: Tunnel approved\n",
        "    title: Tunnel approved\nupdates:\n  - at: 2024-11-21T10:00:00Z\n    text: Adds the timeline.\n",
    );
    let run = story.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "warning: this update, 2024-11-21T10:00:00Z, is earlier than `published` (2025-11-20)"
        ) && run.stderr.contains("content/facts.yaml:24:9"),
        "{}",
        run.stderr
    );
}

#[test]
fn doubtful_dates_of_updates_corrections_and_events_are_warned_about() {
    let story = Story::base();
    story.edit(FACTS, "date: 2019", "date: 19");
    let mut facts = story.read(FACTS);
    facts.push_str(
        "updates:\n  - at: 2025-11-21\n    text: Adds the reply.\n  - at: 2205-11-22T09:00:00Z\n    text: Adds the vote.\ncorrections:\n  - at: 2025-11-01T10:00:00Z\n    text: The meeting was in March.\n",
    );
    story.write(FACTS, facts.as_bytes());
    let run = story.build();
    run.assert_ok();
    for wanted in [
        "warning: `date` is in the year 19, more than a thousand years ago",
        "content/facts.yaml:21:11",
        "write the year with four digits in quotes",
        "warning: this update's `at` is a day without a time",
        "content/facts.yaml:24:9",
        "with a day alone it counts as midnight UTC",
        "warning: this update, 2205-11-22T09:00:00Z, is dated in the future",
        "content/facts.yaml:26:9",
        "warning: this correction, 2025-11-01T10:00:00Z, is earlier than `published` (2025-11-20)",
        "content/facts.yaml:29:9",
        "a correction comes after the story it corrects",
    ] {
        assert!(
            run.stderr.contains(wanted),
            "`{wanted}` missing:\n{}",
            run.stderr
        );
    }
    // A year written with its four digits is meant.
    story.edit(FACTS, "date: 19", "date: \"0019\"");
    let run = story.build();
    assert!(!run.stderr.contains("thousand years"), "{}", run.stderr);
    // A zero-padded year YAML reads as a number gets help.
    story.edit(FACTS, "date: \"0019\"", "date: 0999");
    story.build().assert_fails_with(&[
        "content/facts.yaml:21:11",
        "`date` must be a date, found a number",
        "a year before 1000 is written with four digits in quotes: `date: \"0999\"`",
    ]);
}

#[test]
fn partial_dates_sort_and_show_at_their_precision() {
    let page = edge::page();
    let timeline = between(&page, "id=\"timeline\"", "</section>");
    let order: Vec<&str> = timeline
        .split("<time datetime=\"")
        .skip(1)
        .map(|s| &s[..s.find('<').unwrap()])
        .collect();
    assert_eq!(
        order,
        [
            "1987\">1987",
            "2019-08\">August 2019",
            "2026-05-13\">13 May 2026",
            "2026-05-13T09:30:00+02:00\">13 May 2026 at 09:30 GMT+2",
            "2027-01\">January 2027",
        ]
    );
    assert!(between(timeline, "id=\"event-next-review\"", "</li>").contains("Upcoming"));
}

#[test]
fn header_times_match_their_machine_readable_form() {
    let page = edge::page();
    let header = between(&page, "<header", "</header>");
    assert!(header.contains(
        "Published <time datetime=\"2026-05-13T09:30:00+02:00\">13 May 2026 at 09:30 GMT+2</time>"
    ));
    assert!(header.contains(
        "Updated <time datetime=\"2026-05-14T08:00:00Z\">14 May 2026 at 08:00 GMT+0</time>"
    ));
    // A name stays text; one with a `url` links to it, escaped.
    assert!(
        header.contains(
            "By Zoë &lt;b&gt;Bold&lt;/b&gt; and <a href=\"https://example.org/staff/lukasz?x=1&amp;y=2\">Łukasz Nowak</a>"
        ),
        "{header}"
    );
}
