//! s3img: move virtual machine images to and from S3 through an HTTP proxy.
//!
//! `main` only parses, runs, prints the error once and returns the exit code. Everything
//! else lives in the modules below; nothing but `main` ends the process.

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

use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, Command};
use crate::commands::Context;
use crate::output::Output;

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
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

/// A reader that went away (`s3img ls | head -1`) is not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
