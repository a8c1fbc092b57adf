//! Watch the story's inputs and rebuild when they change.
//!
//! Only `content/`, `templates/`, `static/` and `i18n/` are watched, never the whole
//! root: the root is often a project folder with `target/` and the output
//! in it, and the build's own writes must not set off another build.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use tokio::sync::watch as state_channel;

use super::{BuildState, EventSink, ServeEvent, Session, run_build};
use crate::BuildOptions;
use crate::diagnostic::Diagnostic;

/// An editor's save (write a temporary file, rename it over the old one)
/// takes a few milliseconds; this gathers it into one build without making
/// the reload feel late.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// A story's input folders, and a site's `stories/`, in which only each
/// story's input folders count.
const WATCHED: [&str; 5] = [
    crate::load::INPUT_FOLDERS[0],
    crate::load::INPUT_FOLDERS[1],
    crate::load::INPUT_FOLDERS[2],
    crate::load::INPUT_FOLDERS[3],
    crate::site::STORIES,
];

/// A site's own files at its root.
const SITE_FILES: [&str; 2] = [crate::layout::SITE_FILE, crate::validate::SHARED_PEOPLE];

type FolderWatcher = Arc<Mutex<Debouncer<RecommendedWatcher, RecommendedCache>>>;

/// Watching stops when the returned value is dropped.
pub struct Watcher {
    _debouncer: FolderWatcher,
}

pub fn start(
    options: &BuildOptions,
    state: Arc<state_channel::Sender<BuildState>>,
    on_event: EventSink,
    mut session: Session,
) -> Result<Watcher, Diagnostic> {
    let root = crate::absolute(&options.root);
    let (changes, changed) = mpsc::channel::<Vec<PathBuf>>();
    let filter_root = root.clone();
    let filter_events = Arc::clone(&on_event);
    let mut debouncer =
        new_debouncer(
            DEBOUNCE,
            None,
            move |result: DebounceEventResult| match result {
                Ok(events) => {
                    let paths: Vec<PathBuf> = events
                        .iter()
                        .filter(|event| !matches!(event.kind, EventKind::Access(_)))
                        .flat_map(|event| event.paths.iter())
                        .filter(|path| is_input(&filter_root, path))
                        .cloned()
                        .collect();
                    if !paths.is_empty() {
                        let _ = changes.send(paths);
                    }
                }
                Err(errors) => {
                    for error in errors {
                        filter_events(ServeEvent::WatchError(error.to_string()));
                    }
                }
            },
        )
        .map_err(|e| watch_failed(&root, &e))?;

    // The root itself, not recursively: to notice `templates/` or `static/`
    // being created after serving started.
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_failed(&root, &e))?;
    let debouncer = Arc::new(Mutex::new(debouncer));
    let mut watched = Vec::new();
    watch_new_folders(&root, &debouncer, &mut watched)
        .map_err(|(path, e)| watch_failed(&path, &e))?;

    let options = options.clone();
    let loop_debouncer = Arc::clone(&debouncer);
    std::thread::spawn(move || {
        // One build per burst of changes; changes that arrive during a build
        // are gathered into the next one.
        while let Ok(mut paths) = changed.recv() {
            while let Ok(more) = changed.try_recv() {
                paths.extend(more);
            }
            paths.sort();
            paths.dedup();
            if let Err((path, error)) = watch_new_folders(&root, &loop_debouncer, &mut watched) {
                on_event(ServeEvent::WatchError(format!(
                    "{}: {error}",
                    path.display()
                )));
            }
            // Named as the build's messages name files, so that either
            // opens from where serve was started.
            let shown: Vec<PathBuf> = paths
                .iter()
                .map(|path| {
                    let relative = path.strip_prefix(&root).unwrap_or(path);
                    crate::root::shown_path(&options.root, relative)
                })
                .collect();
            on_event(ServeEvent::Rebuilding(&shown));
            // A refused output folder is reported; serving goes on, and the
            // next save tries again.
            let _ = run_build(&options, &state, &on_event, &mut session);
        }
    });
    Ok(Watcher {
        _debouncer: debouncer,
    })
}

/// Watch each input folder that exists and is not watched yet.
fn watch_new_folders(
    root: &Path,
    debouncer: &FolderWatcher,
    watched: &mut Vec<PathBuf>,
) -> Result<(), (PathBuf, notify_debouncer_full::notify::Error)> {
    for folder in WATCHED {
        let path = root.join(folder);
        if path.is_dir() && !watched.contains(&path) {
            let mut debouncer = debouncer.lock().unwrap_or_else(|e| e.into_inner());
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| (path.clone(), e))?;
            watched.push(path);
        }
    }
    Ok(())
}

/// A change under one of the watched folders, or to one of them, and not
/// an editor's scratch file.
fn is_input(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut components = relative.components();
    let first = components.next();
    let site_file = first.is_some_and(|first| SITE_FILES.iter().any(|f| first.as_os_str() == *f))
        && components.clone().next().is_none();
    let in_watched = first.is_some_and(|first| WATCHED.iter().any(|w| first.as_os_str() == *w));
    // In `stories/<slug>/`, only the story's inputs: its own output and
    // picture cache are written by the build.
    let in_story_inputs = first.is_none_or(|first| first.as_os_str() != crate::site::STORIES)
        || match (components.next(), components.next()) {
            (Some(_), Some(folder)) => crate::load::INPUT_FOLDERS
                .iter()
                .any(|f| folder.as_os_str() == *f),
            (Some(_), None) => true,
            _ => true,
        };
    let in_watched = (in_watched && in_story_inputs) || site_file;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let scratch = name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name == "4913";
    in_watched && !scratch
}

fn watch_failed(path: &Path, error: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::file_error(
        path.display().to_string(),
        format!("cannot watch for changes: {error}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inputs_count_as_changes() {
        let root = Path::new("/story");
        assert!(is_input(root, Path::new("/story/content/facts.yaml")));
        assert!(is_input(root, Path::new("/story/content/facts.aml")));
        assert!(is_input(root, Path::new("/story/static/img/a.png")));
        assert!(is_input(root, Path::new("/story/templates")));
        assert!(is_input(root, Path::new("/story/i18n/fr.yaml")));
        assert!(!is_input(root, Path::new("/story/public/index.html")));
        assert!(!is_input(root, Path::new("/story/.public.explainer-tmp-1")));
        assert!(!is_input(root, Path::new("/story/target/x")));
        assert!(!is_input(root, Path::new("/story/content/.facts.yaml.swp")));
        assert!(!is_input(root, Path::new("/story/content/facts.yaml~")));
        assert!(!is_input(root, Path::new("/elsewhere/content/facts.yaml")));
        assert!(is_input(root, Path::new("/story/site.yaml")));
        assert!(is_input(root, Path::new("/story/people.yaml")));
        assert!(is_input(
            root,
            Path::new("/story/stories/ilva/content/facts.yaml")
        ));
        assert!(!is_input(
            root,
            Path::new("/story/stories/ilva/.cache/x.webp")
        ));
        assert!(!is_input(
            root,
            Path::new("/story/stories/ilva/public/index.html")
        ));
    }
}
