//! What s3img shows: results on stdout (human lines or JSON), progress bars, summaries and
//! logs on stderr.
//!
//! Progress bars are drawn only when stderr is a terminal and `-q` is not given, and log
//! lines are written through the bars so the two never mix on screen.

use std::io::{IsTerminal, Write};
use std::sync::OnceLock;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use tracing_subscriber::EnvFilter;

/// The bars on stderr; log lines suspend them while they print.
fn bars() -> &'static MultiProgress {
    static BARS: OnceLock<MultiProgress> = OnceLock::new();
    BARS.get_or_init(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr()))
}

/// How results and progress are shown for this run.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub quiet: bool,
    pub json: bool,
    bars: bool,
}

impl Output {
    /// Decides from the flags and whether stderr is a terminal.
    pub fn new(quiet: bool, json: bool) -> Self {
        Output {
            quiet,
            json,
            bars: !quiet && std::io::stderr().is_terminal(),
        }
    }

    /// A byte progress bar, hidden when bars are off.
    pub fn progress(&self, total: Option<u64>, label: &str) -> Progress {
        if !self.bars {
            return Progress(ProgressBar::hidden());
        }
        let bar = match total {
            Some(total) => ProgressBar::new(total).with_style(
                ProgressStyle::with_template(
                    "{msg} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}",
                )
                .expect("static template is valid")
                .progress_chars("=> "),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{msg} {spinner} {bytes} {binary_bytes_per_sec}")
                    .expect("static template is valid"),
            ),
        };
        let bar = bars().add(bar.with_message(printable(label)));
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress(bar)
    }

    /// Prints one result: `human` as a line, or `json` as one JSON document. Control
    /// characters (in a key a server listed, say) are escaped in the line; JSON escapes
    /// its own.
    pub fn result(&self, human: &str, json: &serde_json::Value) -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        if self.json {
            writeln!(out, "{json}")?;
        } else {
            writeln!(out, "{}", printable(human))?;
        }
        out.flush()
    }

    /// Closing lines on stderr for a person, unless `-q` or `--json`.
    pub fn summary(&self, line: &str) {
        if !self.quiet && !self.json {
            let shown: Vec<String> = line.lines().map(printable).collect();
            bars().suspend(|| eprintln!("{}", shown.join("\n")));
        }
    }
}

/// A progress bar for one transfer.
#[derive(Debug, Clone)]
pub struct Progress(ProgressBar);

impl Progress {
    /// Counts bytes that reached their destination.
    pub fn add(&self, bytes: u64) {
        self.0.inc(bytes);
    }

    /// A count of bytes added through it, which can be taken back when they must be sent
    /// again.
    pub fn tally(&self) -> Tally {
        Tally {
            progress: self.clone(),
            counted: 0,
        }
    }

    /// Removes the bar from the screen.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// Bytes counted on a progress bar by one attempt.
#[derive(Debug)]
pub struct Tally {
    progress: Progress,
    counted: u64,
}

impl Tally {
    /// Counts bytes on the bar.
    pub fn add(&mut self, bytes: u64) {
        self.counted += bytes;
        self.progress.add(bytes);
    }

    /// Takes back every byte this tally counted.
    pub fn undo(self) {
        self.progress.0.dec(self.counted);
    }
}

/// Sends logs to stderr: warnings by default, s3img's decisions at `-v`, the SDK's at
/// `-vv`; `S3IMG_LOG` takes a full filter.
pub fn init_logging(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "warn,s3img=info",
        2 => "info,s3img=debug",
        _ => "debug,s3img=trace",
    };
    let filter = std::env::var("S3IMG_LOG")
        .ok()
        .and_then(|f| EnvFilter::try_new(f).ok())
        .unwrap_or_else(|| EnvFilter::new(default));
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(color)
        .with_target(verbose >= 2)
        .with_writer(|| LogWriter(Vec::new()))
        .init();
}

/// Collects one log record and prints it through the progress bars when dropped.
struct LogWriter(Vec<u8>);

impl Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for LogWriter {
    fn drop(&mut self) {
        let text = std::mem::take(&mut self.0);
        bars().suspend(|| {
            let _ = std::io::stderr().lock().write_all(&text);
        });
    }
}

/// `n` and the noun, plural unless `n` is one: `1 object`, `3 objects`.
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The text with every control character escaped, so that it stays on one line and a name
/// or a server's message cannot move the cursor or recolour the terminal.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
