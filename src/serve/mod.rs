//! `serve`: build, serve the output over HTTP, and rebuild on every change.
//!
//! It wraps [`crate::build_remembering`] and nothing deeper, with a
//! [`crate::Memory`] of its own for the session: a watcher thread turns
//! saves into builds, each build's outcome goes into a shared [`BuildState`],
//! and the HTTP side tells open pages to reload (or to show the error) over
//! Server-Sent Events. A failed build leaves the last good site on disk, so
//! the server goes on serving it.

mod host;
mod http;
mod watch;

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::watch as state_channel;

use crate::diagnostic::Diagnostic;
use crate::{BuildOptions, Failure, Previous, Report};

/// Clear of the ports common development servers take (3000, 4000, 5173,
/// 8000, 8080, Hugo's 1313, Zola's 1111).
pub const DEFAULT_PORT: u16 = 7373;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0 asks the system for a free port.
    pub port: u16,
}

impl ServeOptions {
    pub fn new(build: BuildOptions) -> Self {
        ServeOptions {
            build,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
        }
    }
}

/// What the server tells whoever started it; the binary prints these.
pub enum ServeEvent<'a> {
    Listening {
        /// An address that reaches the server.
        address: SocketAddr,
        /// Bound to every address of the machine (`--bind 0.0.0.0`).
        all_interfaces: bool,
    },
    /// A change was seen; these files changed, named from where the
    /// command ran.
    Rebuilding(&'a [PathBuf]),
    Built(&'a Report),
    Failed(&'a Report),
    /// The build could not even start (the output folder was refused…).
    Refused(&'a Diagnostic),
    /// The watcher reported a problem; serving goes on.
    WatchError(String),
    Stopped,
}

/// The outcome of the latest build, as open pages need it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildState {
    /// Counts good builds: a page built before the current one must reload.
    pub generation: u64,
    /// The latest build's errors, as plain text, while it is broken.
    pub error: Option<String>,
    pub shutting_down: bool,
}

/// Serve until Ctrl-C. Returns an error only when serving cannot start.
pub fn serve(
    options: ServeOptions,
    on_event: impl Fn(ServeEvent) + Send + Sync + 'static,
) -> Result<(), Diagnostic> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::file_error("serve", format!("cannot start: {e}")))?;
    runtime.block_on(run(options, Arc::new(on_event)))
}

type EventSink = Arc<dyn Fn(ServeEvent) + Send + Sync>;

async fn run(options: ServeOptions, on_event: EventSink) -> Result<(), Diagnostic> {
    let address = SocketAddr::new(options.bind, options.port);
    let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| {
        Diagnostic::file_error(
            format!("{address}"),
            format!("cannot listen on this address: {e}"),
        )
        .with_help("choose another port with --port, or 0 for any free one")
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| Diagnostic::file_error("serve", format!("cannot read the address: {e}")))?;

    let mut build = options.build.clone();
    let output = build.output_dir();
    // What was there when serving started is the baseline for "New" marks
    // for the whole session; each rebuild would otherwise compare against
    // the one before it, and a mark would vanish at the next save.
    if matches!(build.previous, Previous::Output) {
        let baseline = crate::previous_in(&output);
        build.previous = Previous::Read(baseline.map(Box::new));
    }
    // Links that must be absolute (the 404 page's) point at this server.
    let shown_host = reachable(address);
    build.base_url = Some(format!("http://{shown_host}/"));

    let (state, _) = state_channel::channel(BuildState::default());
    let state = Arc::new(state);
    let mut session = Session::default();
    run_build(&build, &state, &on_event, &mut session)?;

    let _watcher = watch::start(&build, Arc::clone(&state), Arc::clone(&on_event), session)?;
    on_event(ServeEvent::Listening {
        address: shown_host,
        all_interfaces: address.ip().is_unspecified(),
    });

    let app = http::router(
        output,
        Arc::clone(&state),
        host::Hosts::for_address(address),
    );
    let shutdown_state = Arc::clone(&state);
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            stop_requested().await;
            // Ends the open event streams, so the shutdown need not wait
            // for pages that stay open.
            shutdown_state.send_modify(|s| s.shutting_down = true);
        })
        .await;
    on_event(ServeEvent::Stopped);
    served.map_err(|e| Diagnostic::file_error("serve", format!("the server failed: {e}")))
}

/// The address to print for one bound to every interface: the one this
/// machine would send from (a UDP socket's `connect` picks the route and
/// sends nothing; 192.0.2.1 and 2001:db8::1 are documentation addresses),
/// or loopback when it has no network. Any other address is itself.
fn reachable(address: SocketAddr) -> SocketAddr {
    if !address.ip().is_unspecified() {
        return address;
    }
    let (probe, fallback): (SocketAddr, IpAddr) = match address {
        SocketAddr::V4(_) => (
            SocketAddr::new(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)), 9),
            IpAddr::V4(Ipv4Addr::LOCALHOST),
        ),
        SocketAddr::V6(_) => (
            SocketAddr::new(
                IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)),
                9,
            ),
            IpAddr::V6(Ipv6Addr::LOCALHOST),
        ),
    };
    let ip = std::net::UdpSocket::bind(SocketAddr::new(address.ip(), 0))
        .and_then(|socket| {
            socket.connect(probe)?;
            socket.local_addr()
        })
        .map(|local| local.ip())
        .ok()
        .filter(|ip| !ip.is_unspecified() && !ip.is_loopback())
        .unwrap_or(fallback);
    SocketAddr::new(ip, address.port())
}

/// What a session keeps from one build to the next.
#[derive(Default)]
struct Session {
    memory: crate::Memory,
    /// Notes already told: the same history gives the same note on every
    /// save, which says nothing new after the first.
    told: HashSet<String>,
}

/// Ctrl-C, or a polite request to stop from a process manager.
async fn stop_requested() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Build once and publish the outcome. Only a refused output folder is an
/// error here; a broken story is reported and served around.
fn run_build(
    options: &BuildOptions,
    state: &state_channel::Sender<BuildState>,
    on_event: &EventSink,
    session: &mut Session,
) -> Result<(), Diagnostic> {
    let mut tell_once = |report: &mut Report| {
        report
            .notes
            .retain(|note| session.told.insert(note.clone()));
    };
    match crate::build_remembering(options, &mut session.memory) {
        Ok(mut report) => {
            tell_once(&mut report);
            on_event(ServeEvent::Built(&report));
            state.send_modify(|s| {
                s.generation += 1;
                s.error = None;
            });
            Ok(())
        }
        Err(Failure::Content(mut report) | Failure::Output(mut report)) => {
            tell_once(&mut report);
            on_event(ServeEvent::Failed(&report));
            let text: Vec<String> = report.diagnostics.iter().map(|d| d.render()).collect();
            let text = format!("{}\n\n{}", text.join("\n\n"), report.summary());
            state.send_modify(|s| s.error = Some(text));
            Ok(())
        }
        Err(Failure::Usage(diagnostic)) => {
            on_event(ServeEvent::Refused(&diagnostic));
            Err(diagnostic)
        }
    }
}
