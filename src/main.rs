//! The command line: parse it, call the library, print what it reports.

use std::io::{IsTerminal, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use explainer::diagnostic::Diagnostic;
use explainer::serve::{ServeEvent, ServeOptions};
use explainer::{BuildOptions, Failure, Previous, Report};

/// Build a news explainer page from an article and a file of curated facts.
#[derive(Parser)]
#[command(version = env!("EXPLAINER_VERSION_LINE"), about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the story and write the site.
    Build {
        /// The story root: the folder holding content/ (and optionally
        /// templates/ and static/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// The absolute URL the site is published at, for links that must be
        /// absolute (https://user.github.io/repo/).
        #[arg(long, env = "EXPLAINER_BASE_URL")]
        base_url: Option<String>,
        /// The facts.json of the last published build: what differs from it
        /// is marked "New" [default: the one in the output folder].
        #[arg(long, value_name = "PATH")]
        previous: Option<PathBuf>,
        /// Also print the time each stage took.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Run the same checks as build, writing nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build, serve the site on this machine, and rebuild and reload open
    /// pages on every change to content/, templates/ or static/.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// The port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = explainer::serve::DEFAULT_PORT)]
        port: u16,
        /// The address to listen on. Other machines can reach the server
        /// only if this is not a loopback address.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
    },
    /// Draft content/facts.yaml from the article: its people, their roles,
    /// its quotes and who said them, and its dates. With facts already
    /// there, prints them with only what the article adds, marked as new.
    /// Never overwrites the story's facts file.
    Draft {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write the draft to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// `yaml`, or `aml` (ArchieML, for a Google Doc) [default: the form
        /// of the story's facts file, else yaml].
        #[arg(long, value_parser = parse_format)]
        format: Option<explainer::export::Format>,
    },
    /// Print the story's facts converted to the other form: ArchieML
    /// (content/facts.aml) from YAML (content/facts.yaml), or back.
    ExportFacts {
        /// `aml` or `yaml`: the form to convert to.
        #[arg(long, value_parser = parse_format)]
        format: explainer::export::Format,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write the facts to this file instead of standard output; never
        /// one of the story's inputs.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Start a new story: an example article and its drafted facts, a
    /// .gitignore, a README and a GitHub Pages workflow that publishes it
    /// with this release's binary.
    New {
        /// The folder to create; it must not exist or be empty.
        dir: PathBuf,
    },
    /// Copy built-in templates and static files into the story root, to
    /// change them there. Never overwrites a file that differs from the
    /// built-in without --force.
    Eject {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Replace files that differ from the built-in.
        #[arg(long)]
        force: bool,
        /// The files to copy (templates/index.html, static/style.css, or
        /// style.css) [default: all of them].
        files: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (result, verbose) = match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            previous,
            verbose,
        } => (
            explainer::build(&BuildOptions {
                root,
                output,
                base_url,
                previous: previous.map_or(Previous::Output, Previous::File),
            }),
            verbose,
        ),
        Command::Check { root } => (explainer::check(&root), false),
        Command::Serve {
            root,
            output,
            port,
            bind,
        } => {
            let mut build = BuildOptions::new(root);
            build.output = output;
            return serve(ServeOptions { build, bind, port });
        }
        Command::Draft {
            root,
            output,
            format,
        } => return draft(&root, output.as_deref(), format),
        Command::ExportFacts {
            format,
            root,
            output,
        } => return export_facts(&root, format, output.as_deref()),
        Command::New { dir } => return new(&dir),
        Command::Eject { root, force, files } => return eject(&root, force, &files),
    };
    match result {
        Ok(report) => {
            print_report(&report, verbose);
            ExitCode::SUCCESS
        }
        Err(failure) => {
            match &failure {
                Failure::Content(report) | Failure::Output(report) => print_report(report, verbose),
                Failure::Usage(diagnostic) => print_diagnostics(std::iter::once(diagnostic)),
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

fn new(dir: &Path) -> ExitCode {
    match explainer::starter::create(dir) {
        Ok(files) => {
            eprintln!("Created a new story in {}:", dir.display());
            for file in files {
                eprintln!("  {file}");
            }
            if let Some(site) = explainer::starter::site_of(dir) {
                eprintln!(
                    "It is a story of the site in {}: build the site with: explainer build --root {}",
                    site.display(),
                    site.display()
                );
                return ExitCode::SUCCESS;
            }
            eprintln!("Build it with: explainer build --root {}", dir.display());
            eprintln!(
                "Publish it by pushing it to a GitHub repository whose Pages source is \"GitHub Actions\" (see its README.md)"
            );
            ExitCode::SUCCESS
        }
        Err(diagnostic) => {
            print_diagnostics(std::iter::once(&diagnostic));
            ExitCode::from(2)
        }
    }
}

fn eject(root: &Path, force: bool, files: &[String]) -> ExitCode {
    use explainer::eject::{Edited, Failure};
    let edited = if force { Edited::Replace } else { Edited::Keep };
    let done = match explainer::eject::eject(root, files, edited) {
        Ok(done) => done,
        Err(failure) => {
            match &failure {
                Failure::Usage(diagnostics) => print_diagnostics(diagnostics.iter()),
                Failure::Output(diagnostic) => print_diagnostics(std::iter::once(diagnostic)),
            }
            return ExitCode::from(failure.exit_code());
        }
    };
    let shown = |file: &String| {
        if root == Path::new(".") {
            file.clone()
        } else {
            root.join(file).display().to_string()
        }
    };
    let mut stderr = std::io::stderr().lock();
    for file in &done.written {
        let _ = writeln!(stderr, "Copied {}", shown(file));
    }
    for file in &done.replaced {
        let _ = writeln!(stderr, "Replaced {}", shown(file));
    }
    for file in &done.unchanged {
        let _ = writeln!(stderr, "Already the built-in: {}", shown(file));
    }
    for file in &done.skipped {
        let _ = writeln!(
            stderr,
            "Skipped {}: it differs from the built-in (--force replaces it)",
            shown(file)
        );
    }
    ExitCode::SUCCESS
}

fn parse_format(name: &str) -> Result<explainer::export::Format, String> {
    explainer::export::Format::from_name(name)
        .ok_or_else(|| format!("`{name}` is not a form of the facts: use `aml` or `yaml`"))
}

fn export_facts(root: &Path, format: explainer::export::Format, output: Option<&Path>) -> ExitCode {
    use explainer::export::Failure;
    let exported = match explainer::export::run(root, format, output) {
        Ok(exported) => exported,
        Err(Failure::Usage(diagnostic)) => {
            print_diagnostics(std::iter::once(&diagnostic));
            return ExitCode::from(2);
        }
        Err(Failure::Content(diagnostics)) => {
            print_diagnostics(diagnostics.iter());
            eprintln!("Export failed: the facts have problems to fix first");
            return ExitCode::from(1);
        }
    };
    print_diagnostics(exported.warnings.iter());
    match output {
        Some(path) => eprintln!("Wrote the facts to {}", path.display()),
        None => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(exported.text.as_bytes())
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}

fn draft(
    root: &Path,
    output: Option<&Path>,
    format: Option<explainer::export::Format>,
) -> ExitCode {
    let drafted = match explainer::draft::run(root, output, format) {
        Ok(drafted) => drafted,
        Err(explainer::draft::Failure::Usage(diagnostic)) => {
            print_diagnostics(std::iter::once(&diagnostic));
            return ExitCode::from(2);
        }
        Err(explainer::draft::Failure::Content(diagnostics)) => {
            print_diagnostics(diagnostics.iter());
            eprintln!(
                "Draft failed: {}",
                explainer::draft::what_failed(&diagnostics)
            );
            return ExitCode::from(1);
        }
    };
    print_diagnostics(drafted.warnings.iter());
    match output {
        Some(path) => eprintln!("Wrote the draft to {}", path.display()),
        None => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(drafted.text.as_bytes())
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}

fn serve(options: ServeOptions) -> ExitCode {
    let result = explainer::serve::serve(options, |event| match event {
        ServeEvent::Listening {
            address,
            all_interfaces,
        } => {
            let reach = if all_interfaces {
                "; it listens on all interfaces, so other machines can reach it too"
            } else if address.ip().is_loopback() {
                ""
            } else {
                "; other machines can reach it"
            };
            eprintln!("Serving on http://{address}/ (Ctrl-C stops){reach}");
        }
        ServeEvent::Rebuilding(paths) => {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            eprintln!("Changed: {}", names.join(", "));
        }
        ServeEvent::Built(report) | ServeEvent::Failed(report) => print_report(report, false),
        ServeEvent::Refused(diagnostic) => print_diagnostics(std::iter::once(diagnostic)),
        ServeEvent::WatchError(error) => eprintln!("warning: watching for changes: {error}"),
        ServeEvent::Stopped => eprintln!("Stopped."),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(diagnostic) => {
            print_diagnostics(std::iter::once(&diagnostic));
            ExitCode::from(2)
        }
    }
}

fn print_report(report: &Report, verbose: bool) {
    print_diagnostics(report.diagnostics.iter());
    let mut stderr = std::io::stderr().lock();
    for note in &report.notes {
        let _ = writeln!(stderr, "note: {note}");
    }
    let _ = writeln!(stderr, "{}", report.summary());
    if verbose {
        let _ = writeln!(stderr, "  {}", report.stage_times());
    }
}

fn print_diagnostics<'a>(diagnostics: impl Iterator<Item = &'a Diagnostic>) {
    let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut stderr = std::io::stderr().lock();
    for diagnostic in diagnostics {
        let text = if styled {
            diagnostic.render_styled()
        } else {
            diagnostic.render()
        };
        let _ = writeln!(stderr, "{text}\n");
    }
}
