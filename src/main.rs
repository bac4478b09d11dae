//! The `juesuan` binary: parse the command line, run, exit with the code `run` returns.

use clap::Parser;

fn main() {
    let cli = juesuan::cli::Cli::parse();
    std::process::exit(juesuan::app::run(cli));
}
