//! The `newsgraph` command line: parsing and dispatch only; each subcommand
//! lives in its own file under `src/cli/`.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsgraph: error: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
