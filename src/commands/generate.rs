//! The hidden `s3img generate DIR`: shell completions and man pages from the clap
//! definitions, so the committed copies never drift from the real flags.

use std::path::Path;

use anyhow::{Context as _, Result};
use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// Writes `DIR/completions/*` and `DIR/man/*.1`.
pub fn run(dir: &Path) -> Result<()> {
    let completions = dir.join("completions");
    std::fs::create_dir_all(&completions)
        .with_context(|| format!("creating {}", completions.display()))?;
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        clap_complete::generate_to(shell, &mut Cli::command(), "s3img", &completions)
            .with_context(|| format!("writing {shell} completions"))?;
    }

    let man = dir.join("man");
    std::fs::create_dir_all(&man).with_context(|| format!("creating {}", man.display()))?;
    let cmd = Cli::command()
        .after_help(exit_codes())
        .after_long_help(exit_codes());
    clap_mangen::generate_to(cmd, &man).context("writing man pages")?;
    Ok(())
}

/// The exit code table, as the man page shows it.
fn exit_codes() -> String {
    let mut text = String::from("Exit codes:\n");
    for (code, meaning) in crate::exit::TABLE {
        text.push_str(&format!("  {code:>3}  {meaning}\n"));
    }
    text
}
