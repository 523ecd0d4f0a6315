//! s3img: move virtual machine images to and from S3 through an HTTP proxy.
//!
//! The program is this library and a one-line `main`. [`main`] parses, runs, prints the
//! error once and returns the exit code; nothing else ends the process. The library exists
//! so that the fuzz targets under `fuzz/` can reach the parsers through [`fuzzing`]; it is
//! not an API for other programs.

mod bounded;
mod cli;
mod client;
mod commands;
mod config_file;
mod error;
mod exit;
mod glance;
mod interrupt;
mod location;
mod output;
mod proxy;
mod secret;
mod settings;
mod transfer;

#[doc(hidden)]
pub mod fuzzing;

use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, Command};
use crate::commands::Context;
use crate::output::Output;

/// Runs the command line of this process and returns its exit code.
pub fn main() -> ExitCode {
    let matches = match Cli::command().try_get_matches() {
        Ok(matches) => matches,
        Err(err) => return command_line_error(err),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => return command_line_error(err),
    };
    output::init_logging(cli.global.verbose);

    match run(&cli, &matches) {
        Ok(()) => ExitCode::from(exit::SUCCESS),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(exit::SUCCESS),
        Err(err) => {
            eprintln!("{}", error::render(&err));
            ExitCode::from(error::exit_code(&err))
        }
    }
}

fn run(cli: &Cli, matches: &clap::ArgMatches) -> Result<()> {
    if let Command::Generate(args) = &cli.command {
        return commands::generate::run(&args.dir);
    }
    let paths = settings::FilePaths::locate(&cli.global);
    let settings = settings::load(&cli.global, matches, &paths)?;
    tracing::debug!(files = ?settings.files, "settings loaded");
    let ctx = Context {
        settings,
        output: Output::new(cli.global.quiet, cli.global.json),
    };

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        interrupt::install();
        match &cli.command {
            Command::Put(args) => commands::put::run(&ctx, args).await,
            Command::Get(args) => commands::get::run(&ctx, args).await,
            Command::Delete(args) => commands::delete::run(&ctx, args).await,
            Command::Ls(args) => commands::ls::run(&ctx, args).await,
            Command::Config => commands::config::run(&ctx),
            Command::Check(args) => commands::check::run(&ctx, args).await,
            Command::Uploads(args) => commands::uploads::run(&ctx, args).await,
            Command::Abort(args) => commands::abort::run(&ctx, args).await,
            Command::Generate(_) => unreachable!("handled before the runtime starts"),
        }
    })
}

/// Prints clap's error in s3img's shape: one `s3img: error:` line, then the usage and any
/// tip on lines of their own. Help and version requests print as clap prints them.
fn command_line_error(err: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        err.exit()
    }
    let text = err.render().to_string();
    let mut message = Vec::new();
    let mut after = Vec::new();
    for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        if let Some(usage) = line.strip_prefix("Usage: ") {
            after.push(format!("usage: {usage}"));
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            after.push(format!("hint: {tip}"));
        } else if !line.starts_with("For more information") {
            message.push(line.strip_prefix("error: ").unwrap_or(line));
        }
    }
    eprintln!("s3img: error: {}", message.join(" "));
    for line in after {
        eprintln!("{line}");
    }
    ExitCode::from(exit::USAGE)
}

/// A reader that went away (`s3img ls | head -1`) is not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
