//! Slugs: text made safe for ids and URL fragments.

/// Lowercase letters and digits joined by single hyphens. With
/// `ascii_only`, other letters are dropped too (for ids a person types);
/// without it they are kept (for generated anchors such as headings in any
/// language).
pub fn slug(text: &str, ascii_only: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let keep = if ascii_only {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if keep {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(out.trim_end_matches('-').len());
    out
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Prince Faisal bin Farhan Al Saud", true),
            "prince-faisal-bin-farhan-al-saud"
        );
        assert_eq!(slug("  Who’s who?  ", true), "who-s-who");
        assert_eq!(slug("Zoë Ĺ 李小龙", true), "zo");
        assert_eq!(slug("Zoë 李小龙", false), "zoë-李小龙");
    }
}
