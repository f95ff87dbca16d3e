//! The `newsgraph` command line: parsing and dispatch only; each subcommand
//! lives in its own file under `src/cli/`.

mod cli;

// Extraction allocates many small strings per sentence; mimalloc's
// thread-local free lists cut that cost on every core.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
