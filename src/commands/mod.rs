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

use anyhow::Result;

use crate::client::S3;
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
