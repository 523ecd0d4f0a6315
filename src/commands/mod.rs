//! One file per subcommand, each wiring settings, client, transfer and output together.
//!
//! [`Context`] carries what every command needs; the client is built only by commands that
//! talk to S3, so `generate` works with no settings at all.

pub mod abort;
pub mod check;
pub mod config;
pub mod delete;
pub mod generate;
pub mod get;
pub mod ls;
pub mod put;
pub mod uploads;

use std::future::Future;
use std::sync::Arc;

use anyhow::Result;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::client::S3;
use crate::error::usage;
use crate::location::Location;
use crate::output::Output;
use crate::proxy::ProxyPlan;
use crate::settings::Settings;

/// What a command runs with.
pub struct Context {
    pub settings: Settings,
    pub output: Output,
}

impl Context {
    /// Resolves the proxy password and builds the client. `stdin_is_data` is true when
    /// standard input carries the image.
    pub async fn connect(&self, stdin_is_data: bool) -> Result<S3> {
        let password = match &self.settings.proxy {
            ProxyPlan::Explicit(server) => server.resolve_password(stdin_is_data)?,
            _ => None,
        };
        crate::client::build(&self.settings, password.as_ref()).await
    }
}

/// The bucket and key prefix a listing command works on: the one given, else the whole
/// configured bucket.
pub fn bucket_prefix(given: Option<&str>, ctx: &Context) -> Result<Location> {
    let bucket = ctx.settings.bucket.as_deref();
    match given {
        Some(prefix) => Location::parse(prefix, bucket),
        None => Location::parse("", bucket).map_err(|_| {
            usage("no bucket: give s3://BUCKET/, or set --bucket, S3IMG_BUCKET or `bucket`")
        }),
    }
}

/// Runs transfers, at most `jobs` at once. With several, each failure is printed as it
/// happens and the first in the given order is returned, saying how many `what` there
/// were; a single transfer's failure is returned as it is.
pub async fn run_all<F>(jobs: u16, work: Vec<F>, what: &str) -> Result<()>
where
    F: Future<Output = Result<()>> + Send + 'static,
{
    let count = work.len();
    let slots = Arc::new(Semaphore::new(usize::from(jobs)));
    let mut tasks = JoinSet::new();
    for (index, job) in work.into_iter().enumerate() {
        let slots = slots.clone();
        tasks.spawn(async move {
            let _slot = slots.acquire_owned().await;
            (index, job.await)
        });
    }
    let mut failures = Vec::new();
    while let Some(done) = tasks.join_next().await {
        let (index, result) = done?;
        if let Err(err) = result {
            if count > 1 {
                eprintln!("{}", crate::error::render(&err));
            }
            failures.push((index, err));
        }
    }
    failures.sort_by_key(|(index, _)| *index);
    match failures.into_iter().next() {
        None => Ok(()),
        Some((_, err)) if count == 1 => Err(err),
        Some((_, err)) => Err(err.context(format!("some of the {count} {what} failed"))),
    }
}
