//! `explainer new`: a story root that builds as it is and publishes itself,
//! so covering the next story starts from one command. It holds only what
//! an editor writes (the article, the facts, a `.gitignore`, the Pages
//! workflow and a README): the templates and static files stay built in,
//! so that a later release's fixes reach the story by themselves
//! (`explainer eject` copies them out for an editor who wants to change
//! them). Its facts are what `explainer draft` makes of the example
//! article, so that nothing in them looks curated by an editor when it was
//! not: pasting the next article and drafting again replaces them whole.

use std::fs;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::load::{ARTICLE_PATH, FACTS_PATH};

const ARTICLE: &str = include_str!("../starter/article.md");
const GITIGNORE: &str = "/public\n/.cache\n";
/// Kept as a file of its own so that CI lints it with actionlint, as it is
/// here, before any story has it.
const WORKFLOW: &str = include_str!("../starter/pages.yml");
const README: &str = include_str!("../starter/README.md");

/// Where a new story's Pages workflow goes.
pub const WORKFLOW_PATH: &str = ".github/workflows/pages.yml";

/// The starter files' stand-ins for what only the binary knows: the release
/// that made the story and where releases are published. Both are spelled
/// so that the files stay valid YAML and Markdown with them in.
const VERSION_TOKEN: &str = "__EXPLAINER_VERSION__";
const REPOSITORY_TOKEN: &str = "__EXPLAINER_REPOSITORY__";

/// The Pages workflow a new story gets, pinned to this binary's version.
pub fn workflow() -> String {
    fill(WORKFLOW)
}

fn fill(template: &str) -> String {
    template
        .replace(VERSION_TOKEN, env!("CARGO_PKG_VERSION"))
        .replace(REPOSITORY_TOKEN, env!("CARGO_PKG_REPOSITORY"))
}

/// Write an example story with its Pages workflow into `dir`, which must not
/// exist yet or be empty. Returns the files written, relative to `dir`.
pub fn create(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    let name = dir.display().to_string();
    let failed = |path: &Path, error: std::io::Error| {
        Diagnostic::file_error(path.display().to_string(), format!("cannot write: {error}"))
    };
    if let Ok(mut entries) = fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(Diagnostic::file_error(
                name,
                "refusing to start a story in a folder that is not empty",
            )
            .with_help("name a new folder"));
        }
    } else if dir.exists() {
        return Err(Diagnostic::file_error(name, "this is a file, not a folder")
            .with_help("name a new folder"));
    }

    let facts = crate::draft::draft_text(ARTICLE).map_err(|diagnostics| {
        let first = diagnostics.into_iter().next();
        Diagnostic::file_error(
            FACTS_PATH,
            format!(
                "the example article could not be drafted: {}",
                first.map_or_else(String::new, |d| d.to_string())
            ),
        )
    })?;
    let site = site_of(dir);
    // A person of the site's people.yaml is listed by id: the drafted
    // role and group stay, as this story's.
    let facts = match &site {
        Some(site) => list_shared_by_id(&facts, &shared_ids(site)),
        None => facts,
    };
    let mut files = vec![(ARTICLE_PATH, ARTICLE.to_owned()), (FACTS_PATH, facts)];
    // A story of a site (`stories/<slug>/` beside `site.yaml`) takes the
    // site's look and is published with it: it has only its content.
    if site.is_none() {
        files.extend([
            (".gitignore", GITIGNORE.to_owned()),
            (WORKFLOW_PATH, workflow()),
            ("README.md", fill(README)),
        ]);
    }
    let mut written = Vec::with_capacity(files.len());
    for (relative, text) in files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
        }
        fs::write(&path, text).map_err(|e| failed(&path, e))?;
        written.push(relative.to_owned());
    }
    Ok(written)
}

/// The ids of a site's shared people; none when its people.yaml cannot
/// be read (the build will say why).
fn shared_ids(site: &Path) -> Vec<String> {
    let Ok(file) = crate::load::read_source(site, crate::validate::SHARED_PEOPLE) else {
        return Vec::new();
    };
    let Ok(root) = crate::load::yaml::parse(&file, &file.text, 1) else {
        return Vec::new();
    };
    let Some(crate::load::Value::Seq(people)) = root.field("people").map(|n| &n.value) else {
        return Vec::new();
    };
    people
        .iter()
        .filter_map(|p| p.field("id")?.as_str().map(str::to_owned))
        .collect()
}

/// A drafted facts file with the `name` of each person whose id is shared
/// taken out, as a story of the site lists them.
fn list_shared_by_id(facts: &str, shared: &[String]) -> String {
    let mut out = String::with_capacity(facts.len());
    let mut shared_entry = false;
    for line in facts.split_inclusive('\n') {
        if let Some(id) = line.trim_start().strip_prefix("- id: ") {
            shared_entry = shared.iter().any(|s| s == id.trim());
        } else if shared_entry && line.trim_start().starts_with("name: ") {
            continue;
        } else if !line.starts_with("    ") {
            shared_entry = false;
        }
        out.push_str(line);
    }
    out
}

/// The site root `dir` is a story of, when it is `stories/<slug>` of one.
pub fn site_of(dir: &Path) -> Option<std::path::PathBuf> {
    let absolute = crate::write::absolute(dir);
    let stories = absolute.parent()?;
    if stories.file_name()? != "stories" {
        return None;
    }
    let site = stories.parent()?;
    site.join(crate::layout::SITE_FILE)
        .is_file()
        .then(|| site.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_files_have_every_stand_in_filled() {
        for (name, template) in [("pages.yml", WORKFLOW), ("README.md", README)] {
            assert!(template.contains(VERSION_TOKEN), "{name} names no version");
            let filled = fill(template);
            assert!(!filled.contains("__EXPLAINER_"), "{name}: {filled}");
            assert!(filled.contains(env!("CARGO_PKG_VERSION")), "{name}");
        }
        assert!(
            env!("CARGO_PKG_REPOSITORY").starts_with("https://github.com/"),
            "the workflow downloads releases from the repository Cargo.toml names"
        );
    }
}
