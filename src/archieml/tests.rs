//! The rules of ArchieML 1.0, each in inputs of our own; the shared suite
//! itself runs from `tests/testsuite/archieml.rs` when a copy is at hand.

use serde_json::json;

use super::*;

fn json_of(text: &str) -> serde_json::Value {
    parse(text).json()
}

#[test]
fn keys_take_the_rest_of_the_line_trimmed() {
    assert_eq!(
        json_of("name: Ada Lovelace"),
        json!({"name": "Ada Lovelace"})
    );
    assert_eq!(json_of("  name \t:\t  Ada  \t"), json!({"name": "Ada"}));
    assert_eq!(json_of("name::colon"), json!({"name": ":colon"}));
    assert_eq!(
        json_of("role: <em>envoy</em>"),
        json!({"role": "<em>envoy</em>"})
    );
}

#[test]
fn a_key_is_one_word_of_any_script_and_case_counts() {
    assert_eq!(json_of("two words: no"), json!({}));
    assert_eq!(
        json_of("é-t_1: a\nÉ-t_1: b\nλ: c"),
        json!({"é-t_1": "a", "É-t_1": "b", "λ": "c"})
    );
}

#[test]
fn the_later_of_two_keys_wins_in_the_first_place() {
    let document = parse("a: 1\nb: 2\na: 3");
    assert_eq!(document.json(), json!({"a": "3", "b": "2"}));
    let Value::Map(entries) = &document.root.value else {
        panic!("{document:?}");
    };
    assert_eq!(entries[0].0.name, "a");
    assert_eq!(document.repeats.len(), 1);
    assert_eq!(document.repeats[0].first, Pos::new(1, 1, 1));
    assert_eq!(document.repeats[0].again, Pos::new(3, 1, 1));
}

#[test]
fn text_between_keys_is_ignored() {
    assert_eq!(
        json_of("A note for the desk.\nname: Ada\nCheck the spelling."),
        json!({"name": "Ada"})
    );
}

#[test]
fn dots_nest_and_a_later_line_changes_the_shape() {
    assert_eq!(
        json_of("source.name: AP\nsource.url: https://apnews.com"),
        json!({"source": {"name": "AP", "url": "https://apnews.com"}})
    );
    assert_eq!(json_of("a: text\na.b: inner"), json!({"a": {"b": "inner"}}));
    assert_eq!(json_of("a.b: inner\na: text"), json!({"a": "text"}));
}

#[test]
fn objects_gather_keys_until_closed_and_reopen() {
    assert_eq!(
        json_of("{source}\nname: AP\n{}\nafter: yes\n{source}\nurl: u"),
        json!({"source": {"name": "AP", "url": "u"}, "after": "yes"})
    );
    assert_eq!(json_of("{ a.b }x\nk: v"), json!({"a": {"b": {"k": "v"}}}));
    assert_eq!(json_of("{empty}"), json!({"empty": {}}));
    assert_eq!(json_of("a: text\n{a}\nk: v"), json!({"a": {"k": "v"}}));
}

#[test]
fn a_dotted_object_nests_in_the_open_one() {
    assert_eq!(
        json_of("{outer}\n{.inner}\nk: 1\n{}\nj: 2\n{.inner}\nm: 3\n{top}\nn: 4"),
        json!({"outer": {"inner": {"m": "3"}, "j": "2"}, "top": {"n": "4"}})
    );
}

#[test]
fn a_list_of_objects_starts_an_item_at_each_first_key() {
    assert_eq!(
        json_of("[people]\nid: a\nname: A\n\nid: b\nname: B\n[]\nafter: x"),
        json!({"people": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "after": "x"})
    );
    assert_eq!(
        json_of("[people]\nid: a\nname: A\nname: B"),
        json!({"people": [{"id": "a", "name": "B"}]})
    );
    assert_eq!(
        json_of("[people]\nsource.name: A\nsource.name: B"),
        json!({"people": [{"source": {"name": "A"}}, {"source": {"name": "B"}}]})
    );
    assert_eq!(
        json_of("[a.b]\nk: v\n[]"),
        json!({"a": {"b": [{"k": "v"}]}})
    );
}

#[test]
fn a_list_named_again_starts_afresh() {
    assert_eq!(
        json_of("[list]\n* one\n[]\n[list]\n* two\n[]"),
        json!({"list": ["two"]})
    );
}

#[test]
fn a_list_of_texts_takes_star_lines_and_ignores_keys() {
    assert_eq!(
        json_of(
            "[groups]\n*United States\n  *\t Russia \nnot an item\nkey: text here\n* Europe\n[]"
        ),
        json!({"groups": ["United States", "Russia", "Europe"]})
    );
    // `*` lines are text outside a list, and in a list of objects.
    assert_eq!(json_of("* loose"), json!({}));
    assert_eq!(
        json_of("[people]\nid: a\n* not an item\n[]"),
        json!({"people": [{"id": "a"}]})
    );
}

#[test]
fn closing_either_bracket_closes_the_open_block() {
    assert_eq!(json_of("[list]\n{}\nk: v"), json!({"list": [], "k": "v"}));
    assert_eq!(json_of("{obj}\n[  ]\nk: v"), json!({"obj": {}, "k": "v"}));
}

#[test]
fn nested_lists_live_in_the_current_item() {
    assert_eq!(
        json_of(
            "[people]\nid: a\n[.aliases]\n* A\n* Ay\n[]\nrole: r\n[.links]\ntitle: t\nurl: u\n[]\n\nid: b\n[.aliases]\n[]\n[]"
        ),
        json!({"people": [
            {"id": "a", "aliases": ["A", "Ay"], "role": "r", "links": [{"title": "t", "url": "u"}]},
            {"id": "b", "aliases": []}
        ]})
    );
    // A nested list as an item's first key starts each item.
    assert_eq!(
        json_of("[rows]\n[.cells]\n* 1\n[]\n[.cells]\n* 2\n[]\n[]"),
        json!({"rows": [{"cells": ["1"]}, {"cells": ["2"]}]})
    );
    assert_eq!(
        json_of("{page}\n[.tags]\n* a\n[]\ntitle: t"),
        json!({"page": {"tags": ["a"], "title": "t"}})
    );
}

#[test]
fn a_dotted_object_in_an_item_stays_in_it() {
    assert_eq!(
        json_of("[timeline]\nid: a\n{.source}\nname: AP\n{}\ntitle: T\nid: b\n[]"),
        json!({"timeline": [
            {"id": "a", "source": {"name": "AP"}, "title": "T"},
            {"id": "b"}
        ]})
    );
}

#[test]
fn freeform_lists_keep_every_line_in_order() {
    assert_eq!(
        json_of("[+body]\nh2: A heading\nSome text.\n\n  More text.  \n* a star\nh2: Another\n[]"),
        json!({"body": [
            {"type": "h2", "value": "A heading"},
            {"type": "text", "value": "Some text."},
            {"type": "text", "value": "More text."},
            {"type": "text", "value": "* a star"},
            {"type": "h2", "value": "Another"}
        ]})
    );
    assert_eq!(
        json_of("[+body]\n{.photo}\nsrc: a.jpg\n{}\n[.+aside]\nWords.\n[]\n[]"),
        json!({"body": [
            {"type": "photo", "value": {"src": "a.jpg"}},
            {"type": "aside", "value": [{"type": "text", "value": "Words."}]}
        ]})
    );
    assert_eq!(
        json_of("[list]\nid: 1\n[.+notes]\nWords.\n[]\n[]"),
        json!({"list": [{"id": "1", "notes": [{"type": "text", "value": "Words."}]}]})
    );
}

#[test]
fn end_makes_the_lines_before_it_part_of_the_value() {
    assert_eq!(
        json_of("summary: First line.\n\n  Second, indented.\t\nThird.  \n\n:end"),
        json!({"summary": "First line.\n\n  Second, indented.\t\nThird."})
    );
    assert_eq!(
        json_of("summary: First.\nSecond.\n:END of the summary"),
        json!({"summary": "First.\nSecond."})
    );
    // Without `:end` only the first line is the value.
    assert_eq!(
        json_of("summary: First.\nSecond.\nnext: x"),
        json!({"summary": "First.", "next": "x"})
    );
    assert_eq!(
        json_of("[takeaways]\n* One\nmore of one\n:end\n* Two\n[]"),
        json!({"takeaways": ["One\nmore of one", "Two"]})
    );
    // An `:end` with no value open does nothing.
    assert_eq!(json_of("text\n:end\nk: v"), json!({"k": "v"}));
}

#[test]
fn a_multi_line_value_holds_lines_that_are_not_commands() {
    assert_eq!(
        json_of("summary: a\n* not an item here\n[note] in brackets? no, a command\n:end"),
        json!({"summary": "a", "note": []})
    );
    assert_eq!(
        json_of("summary: a\n* bullet\n:ending is a command\n"),
        json!({"summary": "a\n* bullet"})
    );
    assert_eq!(
        json_of("summary: a\n:nothing special\n:end"),
        json!({"summary": "a\n:nothing special"})
    );
}

#[test]
fn a_leading_backslash_escapes_a_line_and_is_removed() {
    assert_eq!(
        json_of("summary: a\n\\key: not a key\n  \\:end\n\\\\two\nin \\ the middle\n:end"),
        json!({"summary": "a\nkey: not a key\n  :end\n\\two\nin \\ the middle"})
    );
    // Not on the first line.
    assert_eq!(json_of("summary: \\a"), json!({"summary": "\\a"}));
    assert_eq!(
        json_of("[l]\n* \\a\n\\* b\n:end"),
        json!({"l": ["\\a\n* b"]})
    );
}

#[test]
fn skip_ignores_everything_until_endskip() {
    assert_eq!(
        json_of("a: 1\n:skip these notes\nb: 2\n[list]\n:end\n:endskip\nc: 3"),
        json!({"a": "1", "c": "3"})
    );
    // `:endskip` is not an `:end`: the value stays one line.
    assert_eq!(json_of("a: 1\nmore\n:endskip"), json!({"a": "1"}));
    // `:skip` inside a value breaks it off.
    assert_eq!(
        json_of("a: 1\nmore\n:SKIP\n:end\n:EndSkip"),
        json!({"a": "1"})
    );
    // `:skipped` still starts a skip.
    assert_eq!(json_of(":skipped\na: 1\n:endskip\nb: 2"), json!({"b": "2"}));
}

#[test]
fn ignore_ends_the_document_even_in_a_skip() {
    assert_eq!(json_of("a: 1\n  :ignore the rest\nb: 2"), json!({"a": "1"}));
    assert_eq!(json_of(":skip\n:ignore\n:endskip\nb: 2"), json!({}));
}

#[test]
fn brackets_need_a_name_without_spaces() {
    assert_eq!(json_of("[two words]\n* a"), json!({}));
    assert_eq!(json_of("[  spaced  ]   trailing"), json!({"spaced": []}));
}

#[test]
fn empty_values_are_null_in_the_tree() {
    let document = parse("quotes:\nname: Ada");
    let Value::Map(entries) = &document.root.value else {
        panic!("{document:?}");
    };
    assert_eq!(entries[0].1.value, Value::Null);
    assert_eq!(document.json(), json!({"quotes": "", "name": "Ada"}));
    assert_eq!(parse("").root.value, Value::Null);
    assert_eq!(parse("only notes\n").root.value, Value::Null);
}

#[test]
fn every_key_and_value_knows_its_line_and_column() {
    let document = parse(
        "intro\n[people]\n  id: ada\nname:   Ada Lovelace  \nsource.url: u\n[.aliases]\n  *  Ada\n",
    );
    let Value::Map(top) = &document.root.value else {
        panic!();
    };
    assert_eq!(top[0].0.pos, Pos::new(2, 2, 6));
    let Value::Seq(people) = &top[0].1.value else {
        panic!();
    };
    assert_eq!(people[0].pos, Pos::new(3, 3, 2));
    let Value::Map(fields) = &people[0].value else {
        panic!();
    };
    let find = |name: &str| fields.iter().find(|(k, _)| k.name == name).unwrap();
    assert_eq!(find("id").0.pos, Pos::new(3, 3, 2));
    assert_eq!(find("id").1.pos, Pos::new(3, 7, 3));
    assert_eq!(find("name").1.pos, Pos::new(4, 9, 12));
    let (source, inner) = find("source");
    assert_eq!(source.pos, Pos::new(5, 1, 6));
    let Value::Map(inner) = &inner.value else {
        panic!();
    };
    assert_eq!(inner[0].0.pos, Pos::new(5, 8, 3));
    assert_eq!(inner[0].1.pos, Pos::new(5, 13, 1));
    let Value::Seq(aliases) = &find("aliases").1.value else {
        panic!();
    };
    assert_eq!(aliases[0].pos, Pos::new(7, 6, 3));
}

#[test]
fn the_fate_of_dropped_and_folded_lines_is_kept() {
    let document = parse("note\nsummary: one\ntwo\n:end\n[aliases]\n* A\nrole: r\n");
    assert_eq!(
        document.lines,
        vec![
            TextLine {
                line: 1,
                fate: Fate::Dropped,
                in_list: None,
                after: None,
            },
            TextLine {
                line: 3,
                fate: Fate::Folded,
                in_list: None,
                after: Some(("summary".into(), 2)),
            },
            TextLine {
                line: 7,
                fate: Fate::Dropped,
                in_list: Some(("aliases".into(), Pos::new(5, 2, 7))),
                after: Some(("*".into(), 6)),
            },
        ]
    );
}

#[test]
fn nesting_stops_at_the_limit() {
    let deep = format!("{}: v", vec!["k"; MAX_DEPTH + 1].join("."));
    let document = parse(&deep);
    assert_eq!(document.root.value, Value::Null);
    assert_eq!(document.lines[0].fate, Fate::TooDeep);
    let mut nested = String::from("{top}\n");
    for _ in 0..200 {
        nested.push_str("{.in}\n");
    }
    nested.push_str("k: v\n");
    let document = parse(&nested);
    assert!(document.lines.iter().any(|l| l.fate == Fate::TooDeep));
    fn depth(node: &Node) -> usize {
        match &node.value {
            Value::Map(entries) => 1 + entries.iter().map(|(_, n)| depth(n)).max().unwrap_or(0),
            Value::Seq(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
            _ => 1,
        }
    }
    assert!(depth(&document.root) <= MAX_DEPTH + 1);
}

#[test]
fn windows_line_ends_and_odd_bytes_do_not_break_lines() {
    assert_eq!(json_of("a: 1\r\nb: 2\r"), json!({"a": "1", "b": "2"}));
    assert_eq!(json_of("\0: x\n\u{feff}k: v"), json!({"k": "v"}));
}

/// A cheap stand-in for the fuzz target that runs with the tests: lines of
/// every kind, shuffled and spliced by a fixed generator, each document
/// held to [`exercise`]'s promises.
#[test]
fn any_mix_of_lines_keeps_the_promises() {
    const LINES: &[&str] = &[
        "[list]",
        "[.sub]",
        "[+free]",
        "[.+free]",
        "{obj}",
        "{.inner}",
        "[]",
        "{}",
        "key: value",
        "key.dotted: v",
        "other: w",
        "* item",
        "  * spaced",
        "text line",
        "",
        ":end",
        ":skip",
        ":endskip",
        "\\:end",
        "\\* escaped",
        "• key: v",
        "- key: v",
        "key\u{a0}: v",
        "“key”: v",
        "a.b.c: d",
        "type: t",
        "value: v",
        "[a.b]",
        "{a.b}",
        "k:",
        "*",
        "\u{200b}x: y",
        "  indented: v  ",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..3000 {
        let count = 1 + next(24);
        let text: Vec<&str> = (0..count).map(|_| LINES[next(LINES.len())]).collect();
        let text = text.join("\n");
        if let Err(broken) = exercise(&text) {
            panic!("{broken}\n--- input:\n{text}");
        }
    }
}
