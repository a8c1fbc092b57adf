//! A site's `site.yaml`: its title, description, language and publisher,
//! checked as a story's front matter is.

use super::schema::Checker;
use crate::desk::SiteConfig;
use crate::images::Probes;
use crate::load::Node;

const SITE_FIELDS: &[&str] = &["title", "description", "lang", "publisher"];

pub(super) fn read_site(
    checker: &mut Checker,
    root: &Node,
    static_files: &[&str],
    pictures: &Probes,
) -> Option<SiteConfig> {
    let fields = checker.mapping(root, "site.yaml", SITE_FIELDS)?;
    let title = checker.required_text(&fields, "title", "site.yaml");
    let description = checker.optional_text(&fields, "description");
    let lang = match fields.get("lang") {
        Some(node) => checker.language_tag(node, "`lang`"),
        None => Some(crate::locale::FALLBACK.to_owned()),
    };
    let publisher = fields.get("publisher").and_then(|node| {
        super::front_matter::read_publisher(checker, node, static_files, pictures)
    });
    Some(SiteConfig {
        title: title?,
        description,
        lang: lang?,
        publisher,
    })
}
