//! `newsgraph serve`: flags, opening the store, signals; the endpoint itself
//! is `newsgraph::server`.

use super::DEFAULT_STORE;
use anyhow::bail;
use newsgraph::server::{Endpoint, ServerConfig};
use newsgraph::store::GraphStore;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, default_value = DEFAULT_STORE)]
    store: PathBuf,
    /// Address and port to listen on; 127.0.0.1 keeps the endpoint local.
    #[arg(long, default_value = "127.0.0.1:7878")]
    bind: SocketAddr,
    /// Cancel a query after this many milliseconds (answered with 503).
    #[arg(long, default_value_t = 10_000)]
    timeout_ms: u64,
    /// Refuse answers with more rows (or triples) than this.
    #[arg(long, default_value_t = 100_000)]
    max_rows: usize,
    /// Refuse request bodies larger than this.
    #[arg(long, default_value_t = 10 * 1024 * 1024)]
    max_body_bytes: usize,
    /// Enable SPARQL Update and Graph Store writes for requests with
    /// `Authorization: Bearer TOKEN` (default: $NEWSGRAPH_UPDATE_TOKEN; read-only without).
    #[arg(long)]
    update_token: Option<String>,
    /// Connections served at once; more wait.
    #[arg(long, default_value_t = 64)]
    max_connections: usize,
    /// Query evaluations at once, counting cancelled ones until they stop;
    /// more wait up to the time limit, then get 503.
    #[arg(long, default_value_t = 4)]
    max_running_queries: usize,
    /// Do not log requests on stderr.
    #[arg(long, short)]
    quiet: bool,
}

/// Set by SIGINT/SIGTERM; the server polls it.
static STOP: AtomicBool = AtomicBool::new(false);

#[cfg(unix)]
extern "C" fn on_signal(_: libc::c_int) {
    // only an atomic store: async-signal-safe
    STOP.store(true, Ordering::SeqCst);
}

#[cfg(unix)]
fn install_signal_handlers() {
    // SAFETY: the handler only stores to an atomic; SIGPIPE is ignored so a
    // client that hangs up makes a write fail instead of killing the server.
    unsafe {
        libc::signal(
            libc::SIGINT,
            on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t,
        );
        libc::signal(
            libc::SIGTERM,
            on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t,
        );
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
}

#[cfg(not(unix))]
fn install_signal_handlers() {}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let token = a
        .update_token
        .or_else(|| std::env::var("NEWSGRAPH_UPDATE_TOKEN").ok());
    if token.as_deref().is_some_and(|t| t.trim().is_empty()) {
        bail!("the update token is empty; give a secret with --update-token or NEWSGRAPH_UPDATE_TOKEN, or neither for a read-only endpoint");
    }
    if token.is_none() {
        // read-only: nothing could ever fill a new store
        super::require_store(&a.store)?;
    }
    // writes need the read-write store (and its lock); reads leave it to `ingest`
    let store = if token.is_some() {
        GraphStore::open(&a.store)?
    } else {
        GraphStore::open_read_only(&a.store)?
    };
    if token.is_some() && !a.bind.ip().is_loopback() {
        eprintln!("newsgraph: warning: the update token travels in clear over plain HTTP on {}; put a TLS proxy in front", a.bind);
    }
    let config = ServerConfig {
        bind: a.bind,
        timeout: Duration::from_millis(a.timeout_ms.max(1)),
        max_rows: a.max_rows,
        max_body_bytes: a.max_body_bytes,
        update_token: token,
        max_connections: a.max_connections,
        max_running_queries: a.max_running_queries,
        quiet: a.quiet,
    };
    let writable = config.update_token.is_some();
    install_signal_handlers();
    let endpoint = Endpoint::new(store.inner().clone(), config);
    eprintln!(
        "newsgraph: serving {} ({}) at http://{}/ (SPARQL endpoint /sparql); Ctrl-C stops",
        a.store.display(),
        if writable {
            "read-write with the update token"
        } else {
            "read-only"
        },
        a.bind
    );
    endpoint.serve(&STOP)?;
    eprintln!("newsgraph: stopped");
    Ok(ExitCode::SUCCESS)
}
