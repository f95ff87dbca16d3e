//! The `newsgraph` command line: parsing and dispatch only; each subcommand
//! lives in its own file under `src/cli/`.

mod cli;

// Extraction allocates many small strings per sentence; mimalloc's
// thread-local free lists cut that cost on every core.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    // mimalloc.h; the library is linked in by the mimalloc crate
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// Makes mimalloc keep freed pages for reuse instead of handing them back to
/// the OS. `extract` allocates each article's output on a worker and frees it
/// on the writer thread; by default those pages were returned ("purged") and
/// faulted in again, zeroed, for the next batch: about 14,000 page faults and
/// 5% of the CPU time on Reuters. Peak memory stays bounded (the batches are),
/// so keeping the pages costs a few tens of MB at most.
pub(crate) fn keep_freed_memory() {
    // `mi_option_purge_delay` in mimalloc.h (the same in its v2 and v3)
    const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;
    // SAFETY: mi_option_set only stores an option value; -1 means "never purge".
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

use clap::Parser;

fn main() -> std::process::ExitCode {
    // Like other Unix filters, end quietly when the reader goes away (`| head`).
    #[cfg(unix)]
    // SAFETY: restoring the default SIGPIPE action before any thread or I/O starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            // a reader that stopped early (`| head`) is not an error
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return std::process::ExitCode::SUCCESS;
            }
            // print each cause once: many errors already include their source
            let mut msg = String::new();
            for c in e.chain() {
                let s = c.to_string();
                if !msg.contains(&s) {
                    if !msg.is_empty() {
                        msg.push_str(": ");
                    }
                    msg.push_str(&s);
                }
            }
            eprintln!("newsgraph: error: {msg}");
            std::process::ExitCode::from(2)
        }
    }
}
