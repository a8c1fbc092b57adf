//! The draft as YAML that `build` reads back: plain scalars where YAML
//! leaves them alone, double quotes everywhere else, comments for what an
//! editor must decide.

use super::{DraftPerson, Findings, LetterCase};

/// What a person's `group` says when the article names none.
pub const UNKNOWN_GROUP: &str = "Others";
/// What a person's `role` says when the article gives none.
pub const UNKNOWN_ROLE: &str = "Named in the article";

/// A YAML scalar for `text`: plain when that reads back as the same text,
/// else double-quoted.
pub fn scalar(text: &str) -> String {
    let reserved = [
        "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n",
    ];
    let plain = !text.is_empty()
        && text.trim() == text
        && text.chars().next().is_some_and(char::is_alphabetic)
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(|c| {
            matches!(
                c,
                '{' | '}'
                    | '['
                    | ']'
                    | ','
                    | '&'
                    | '*'
                    | '!'
                    | '|'
                    | '>'
                    | '"'
                    | '%'
                    | '@'
                    | '`'
                    | '#'
                    | '\\'
            ) || c.is_control()
        })
        && !reserved.contains(&text.to_lowercase().as_str());
    if plain {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A comment's text on one line, shortened.
pub fn comment_text(text: &str, max_chars: usize) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let one_line = one_line.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max_chars {
        one_line
    } else {
        let cut: String = one_line.chars().take(max_chars).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The lines of one person entry, starting with `- ` at `indent`.
pub fn person_entry(person: &DraftPerson, indent: &str) -> Vec<String> {
    let inner = format!("{indent}  ");
    let mut lines = vec![
        format!("{indent}- id: {}", person.id),
        format!("{inner}name: {}", scalar(&person.name)),
    ];
    match &person.role {
        Some(role) => lines.push(format!("{inner}role: {}", scalar(role))),
        None => lines.push(format!(
            "{inner}role: {UNKNOWN_ROLE}  # the article gives no role: write one"
        )),
    }
    match &person.group {
        Some(group) => lines.push(format!("{inner}group: {}", scalar(group))),
        None => lines.push(format!(
            "{inner}group: {UNKNOWN_GROUP}  # the article does not say: a country, a party, an organisation?"
        )),
    }
    if !person.aliases.is_empty() {
        let aliases: Vec<String> = person.aliases.iter().map(|a| scalar(a)).collect();
        lines.push(format!("{inner}aliases: [{}]", aliases.join(", ")));
    }
    lines
}

pub fn quote_entry(speaker_id: &str, text: &str, from: Option<&str>, indent: &str) -> Vec<String> {
    let mut lines = vec![
        format!("{indent}- speaker: {speaker_id}"),
        format!("{indent}  text: {}", scalar(text)),
    ];
    if let Some(from) = from {
        lines.push(format!("{indent}  from: {from}"));
    }
    lines
}

/// A whole facts file from what the article holds.
pub fn fresh(findings: &Findings, article_path: &str) -> String {
    let mut lines = vec![
        format!("# A draft of the facts, made by `explainer draft` from {article_path}."),
        "# Check each role and group, write summaries, and build the timeline".to_owned(),
        "# from the dates listed at the end.".to_owned(),
    ];
    if findings.people.is_empty() {
        // The rules find people by capitalised names, as English writes
        // them: say so rather than that the article names no one.
        let why = match findings.letters {
            LetterCase::AllCapitals => Some(
                "# No one was found: the draft's rules read only English-like capitalised\n# names, and this article is written in capitals throughout, so no name\n# stands out. Add the people by hand.",
            ),
            LetterCase::Uncased => Some(
                "# No one was found: the draft's rules read only English-like capitalised\n# names, and this article is written in a script without capitals\n# (Chinese, Arabic, Hebrew…). Add the people by hand.",
            ),
            LetterCase::Mixed if findings.quotes.is_empty() && findings.unattributed.is_empty() => {
                Some(
                    "# The article names no one and quotes no one, so there is nothing to draft yet.",
                )
            }
            LetterCase::Mixed => Some(
                "# No one was found: the draft's rules read English-like capitalised names,\n# and the article names no one that way. Add the people by hand.",
            ),
        };
        lines.extend(why.into_iter().flat_map(str::lines).map(str::to_owned));
    }
    if findings.people.is_empty() {
        lines.push("people: []".to_owned());
    } else {
        lines.push("people:".to_owned());
        for person in &findings.people {
            lines.extend(person_entry(person, "  "));
        }
    }
    lines.push(String::new());
    if !findings.sources.is_empty() {
        lines.push(
            "# The transcripts in content/sources/: give each its title, and `at`".to_owned(),
        );
        lines.push("# and `url` (the recording) if you have them.".to_owned());
        lines.push("sources:".to_owned());
        for source in &findings.sources {
            lines.push(format!("  - id: {}", source.id));
            lines.push(format!("    file: {}", scalar(&source.file)));
            lines.push(format!("    title: {}", scalar(&source.title)));
        }
        lines.push(String::new());
    }
    if findings.quotes.is_empty() {
        lines.push("quotes: []".to_owned());
    } else {
        lines.push("quotes:".to_owned());
        for quote in &findings.quotes {
            lines.extend(quote_entry(
                &findings.people[quote.speaker].id,
                &quote.text,
                quote.from.as_deref(),
                "  ",
            ));
        }
    }
    if !findings.unattributed.is_empty() {
        lines.push(String::new());
        lines.push("# Quoted passages with no clear speaker, left out:".to_owned());
        for (paragraph, text) in &findings.unattributed {
            lines.push(format!(
                "#   paragraph {}: “{}”",
                paragraph + 1,
                comment_text(text, 100)
            ));
        }
    }
    lines.push(String::new());
    lines.push("timeline:".to_owned());
    if findings.dates.is_empty() {
        lines.push("  # The article mentions no dates.".to_owned());
    } else {
        lines.push(
            "  # Dates the article mentions, to start the timeline from (each entry".to_owned(),
        );
        lines.push("  # takes a `date:` and a `title:`):".to_owned());
        for date in &findings.dates {
            lines.push(format!(
                "  #   {} (paragraph {}): {}",
                date.iso,
                date.paragraph + 1,
                comment_text(&date.sentence, 110)
            ));
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// The same draft as [`fresh`], as ArchieML for a Google Doc. Its notes
/// are lines of plain text, which ArchieML leaves out: each is set apart
/// by a blank line (so the build does not take it for the rest of a value
/// missing its `:end`) and starts with words no command starts with.
pub fn fresh_aml(findings: &Findings, article_path: &str) -> String {
    let value = |key: &str, text: &str| format!("{key}: {}", one_line(text));
    let mut lines = vec![
        format!("A draft of the facts, made by `explainer draft` from {article_path}."),
        "Check each role and group, write summaries, and build the timeline from the dates listed at the end.".to_owned(),
        "Lines like these, that are not `key: value` lines or lists, are left out of the facts.".to_owned(),
    ];
    if findings.people.is_empty() && findings.quotes.is_empty() {
        lines.push(
            "The article names no one and quotes no one, so there is nothing to draft yet."
                .to_owned(),
        );
    }
    lines.push(String::new());
    lines.push("[people]".to_owned());
    for (index, person) in findings.people.iter().enumerate() {
        if index > 0 {
            lines.push(String::new());
        }
        lines.push(value("id", &person.id));
        lines.push(value("name", &person.name));
        let mut notes = Vec::new();
        match &person.role {
            Some(role) => lines.push(value("role", role)),
            None => {
                lines.push(value("role", UNKNOWN_ROLE));
                notes.push("The article gives no role: write one.");
            }
        }
        match &person.group {
            Some(group) => lines.push(value("group", group)),
            None => {
                lines.push(value("group", UNKNOWN_GROUP));
                notes.push(
                    "The article does not say which group: a country, a party, an organisation?",
                );
            }
        }
        if !person.aliases.is_empty() {
            lines.push("[.aliases]".to_owned());
            lines.extend(person.aliases.iter().map(|a| format!("* {}", one_line(a))));
            lines.push("[]".to_owned());
        }
        for note in notes {
            lines.push(String::new());
            lines.push(format!("For {}: {note}", one_line(&person.name)));
        }
    }
    lines.push("[]".to_owned());
    lines.push(String::new());
    lines.push("[quotes]".to_owned());
    for (index, quote) in findings.quotes.iter().enumerate() {
        if index > 0 {
            lines.push(String::new());
        }
        lines.push(value("speaker", &findings.people[quote.speaker].id));
        lines.push(value("text", &quote.text));
    }
    lines.push("[]".to_owned());
    if !findings.unattributed.is_empty() {
        lines.push(String::new());
        lines.push("Quoted passages with no clear speaker, left out:".to_owned());
        for (paragraph, text) in &findings.unattributed {
            lines.push(format!(
                "In paragraph {}: “{}”",
                paragraph + 1,
                comment_text(text, 100)
            ));
        }
    }
    lines.push(String::new());
    lines.push("[timeline]".to_owned());
    lines.push("[]".to_owned());
    lines.push(String::new());
    if findings.dates.is_empty() {
        lines.push("The article mentions no dates.".to_owned());
    } else {
        lines.push(
            "Dates the article mentions, to start the timeline from (each entry takes a `date:` and a `title:`):".to_owned(),
        );
        for date in &findings.dates {
            lines.push(format!(
                "On {} (paragraph {}): {}",
                date.iso,
                date.paragraph + 1,
                comment_text(&date.sentence, 110)
            ));
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// A value as one ArchieML line: what the article gives a draft never
/// spans lines, but a stray newline would end the value there.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back_as_written() {
        assert_eq!(scalar("Marco Rubio"), "Marco Rubio");
        assert_eq!(scalar("U.S. Secretary of State"), "U.S. Secretary of State");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(
            scalar("“We listened,” he said"),
            "\"“We listened,” he said\""
        );
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("say \"no\" \\ now"), "\"say \\\"no\\\" \\\\ now\"");
        assert_eq!(scalar("O’Brien"), "O’Brien");
        assert_eq!(scalar("2014"), "\"2014\"");
    }
}
