//! The HTTP side of `serve`: the output folder as files, plus one event
//! stream that tells open pages to reload or to show the build's error.
//!
//! The reload script is added to HTML as it is sent, so it never reaches
//! the files on disk that get published.

use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::extract::State;
use axum::http::{HeaderValue, Response, StatusCode, Uri, header};
use axum::middleware::{Next, from_fn_with_state, map_response_with_state};
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use futures_util::stream::{self, Stream};
use tokio::sync::watch as state_channel;
use tower_http::services::ServeDir;

use super::BuildState;
use super::host::Hosts;

/// Under a name no story file can take: the build never writes names
/// starting with two underscores.
pub const EVENTS_PATH: &str = "/__explainer/events";

/// The largest page the reload script is added to; a bigger one is sent as
/// it is.
const MAX_INJECTED_PAGE: usize = 256 * 1024 * 1024;

/// The longest file name, and the longest path, the system opens.
const NAME_MAX: usize = 255;
#[cfg(target_os = "linux")]
const PATH_MAX: usize = 4096;
#[cfg(not(target_os = "linux"))]
const PATH_MAX: usize = 1024;

type SharedState = Arc<state_channel::Sender<BuildState>>;

pub fn router(output: PathBuf, state: SharedState, hosts: Hosts) -> Router {
    let not_found_output = output.clone();
    let files = ServeDir::new(&output)
        .append_index_html_on_directories(true)
        .fallback(get(move || not_found(not_found_output.clone())));
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback_service(files)
        .layer(from_fn_with_state(output, stay_inside))
        .layer(map_response_with_state(
            Arc::clone(&state),
            add_reload_script,
        ))
        // Outermost, so that a refused name reaches neither the files nor
        // the event stream.
        .layer(from_fn_with_state(Arc::new(hosts), known_host))
        .with_state(state)
}

/// Refuse a request that names a host the server does not answer as (see
/// [`Hosts`]).
async fn known_host(
    State(hosts): State<Arc<Hosts>>,
    request: Request,
    next: Next,
) -> Response<Body> {
    let host = request
        .headers()
        .get(header::HOST)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        .or_else(|| request.uri().authority().map(|a| a.to_string()));
    if hosts.allows(host.as_deref()) {
        return next.run(request).await;
    }
    (
        StatusCode::MISDIRECTED_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        hosts.refusal(host.as_deref()),
    )
        .into_response()
}

/// Answer 404 for anything that resolves outside the output folder. The
/// file server already refuses `..` in every encoding; this also catches a
/// symbolic link in the output folder that leads elsewhere (the build never
/// writes one, but someone else may).
async fn stay_inside(
    State(output): State<PathBuf>,
    request: Request,
    next: Next,
) -> Response<Body> {
    let requested = percent_decode(request.uri().path());
    let inside = match (requested, tokio::fs::canonicalize(&output).await) {
        (Some(requested), Ok(output)) => {
            let path = output.join(requested.trim_start_matches('/'));
            // Such a name makes opening fail with an error other than "not
            // found", which the file server answers 500 with nothing in it;
            // resolving the path may not see it when a folder on the way
            // is missing.
            let too_long = path.as_os_str().len() >= PATH_MAX
                || requested.split('/').any(|segment| segment.len() > NAME_MAX);
            match tokio::fs::canonicalize(&path).await {
                _ if too_long => false,
                Ok(real) => real.starts_with(&output),
                // Missing files are the file server's to answer.
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => true,
                // A name no file can have (longer than the system allows,
                // a file used as a folder…) is as missing as any: the file
                // server would answer it 500 with nothing in it.
                Err(_) => false,
            }
        }
        (None, _) => false,
        // Nothing is built yet: no file is there to serve.
        (_, Err(_)) => request.uri().path() == EVENTS_PATH,
    };
    if inside {
        next.run(request).await
    } else {
        not_found(output).await
    }
}

/// `None` when the escapes do not decode to UTF-8 text.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let decoded = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match decoded {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The site's own 404 page, or a plain one when nothing is built yet.
async fn not_found(output: PathBuf) -> Response<Body> {
    let page = tokio::fs::read(output.join("404.html"))
        .await
        .unwrap_or_else(|_| {
            b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\
              <body><h1>Not found</h1><p>Nothing is built yet, or there is no such file.</p></body></html>"
                .to_vec()
        });
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

/// `reload` when a newer good build exists than the page's, `failed` with
/// the error text while the story is broken.
async fn events(
    State(state): State<SharedState>,
    uri: Uri,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // `?since=<generation>`: the build the page was sent at.
    let since = uri
        .query()
        .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("since=")))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let receiver = state.subscribe();
    let start = (receiver, since, None::<String>);
    let stream = stream::unfold(
        start,
        |(mut receiver, mut seen_generation, mut shown_error)| async move {
            loop {
                let current = receiver.borrow_and_update().clone();
                if current.shutting_down {
                    return None;
                }
                if current.generation > seen_generation {
                    seen_generation = current.generation;
                    let event = Event::default().event("reload").data("reload");
                    return Some((Ok(event), (receiver, seen_generation, shown_error)));
                }
                if current.error.is_some() && current.error != shown_error {
                    shown_error = current.error.clone();
                    // A carriage return cannot travel in an event.
                    let text = current.error.unwrap_or_default().replace('\r', "");
                    let event = Event::default().event("failed").data(text);
                    return Some((Ok(event), (receiver, seen_generation, shown_error)));
                }
                if receiver.changed().await.is_err() {
                    return None;
                }
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Add the reload script to HTML, and keep browsers from caching anything:
/// a reload must show the new build.
async fn add_reload_script(
    State(state): State<SharedState>,
    response: Response<Body>,
) -> Response<Body> {
    let (mut parts, body) = response.into_parts();
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let is_html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = axum::body::to_bytes(body, MAX_INJECTED_PAGE).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let generation = state.borrow().generation;
    let script = reload_script(generation);
    let mut page = bytes.to_vec();
    let at = find_last(&page, b"</body>").unwrap_or(page.len());
    page.splice(at..at, script.into_bytes());
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(page))
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window.eq_ignore_ascii_case(needle))
}

/// Reload on a new build; while the story is broken, lay the error over the
/// page (the page itself stays the last good build).
fn reload_script(generation: u64) -> String {
    format!(
        r#"<script>
(() => {{
  const events = new EventSource("{EVENTS_PATH}?since={generation}");
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("failed", (event) => {{
    let overlay = document.getElementById("explainer-build-error");
    if (!overlay) {{
      overlay = document.createElement("div");
      overlay.id = "explainer-build-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5rem;background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
      const title = document.createElement("p");
      title.textContent = "The last edit broke the build. This page is the last good one; fix the error and it reloads.";
      title.style.cssText = "font-weight:bold;color:#ffb4a8;margin:0 0 1rem";
      const text = document.createElement("pre");
      text.style.cssText = "white-space:pre-wrap;margin:0";
      overlay.append(title, text);
      document.body.append(overlay);
    }}
    overlay.querySelector("pre").textContent = event.data;
  }});
}})();
</script>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_takes_valid_escapes_only() {
        assert_eq!(percent_decode("/a%20b/%2e%2E").as_deref(), Some("/a b/.."));
        assert_eq!(
            percent_decode("/100%/%zz/%+1/%4").as_deref(),
            Some("/100%/%zz/%+1/%4")
        );
        assert_eq!(percent_decode("/%ff"), None);
    }
}
