//! `s3img config`: every setting's effective value and its source, secrets hidden.

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::proxy::ProxyPlan;
use crate::settings::Source;

/// Runs `config`: one line, or one JSON document, per setting, then the proxy in effect.
pub fn run(ctx: &Context) -> Result<()> {
    let settings = &ctx.settings;
    for shown in &settings.shown {
        let (origin, from) = match &shown.source {
            Some(Source::Flag(flag)) => ("flag", flag.to_string()),
            Some(Source::Env(var)) => ("variable", var.to_string()),
            Some(Source::File { path, line }) => ("file", format!("{}:{line}", path.display())),
            None => ("default", "default".to_owned()),
        };
        ctx.output.result(
            &format!("{:<30} = {:<32} ({from})", shown.key, shown.value),
            &json!({
                "key": shown.key,
                "value": shown.value,
                "origin": origin,
                "source": from,
            }),
        )?;
    }
    let proxy = match &settings.proxy {
        ProxyPlan::Direct => "none: direct connection".to_owned(),
        ProxyPlan::Environment => "from HTTPS_PROXY, HTTP_PROXY and NO_PROXY, if set".to_owned(),
        ProxyPlan::Explicit(server) => server.display(),
    };
    let files: Vec<String> = settings
        .files
        .iter()
        .map(|f| f.display().to_string())
        .collect();
    ctx.output.summary(&format!(
        "proxy in effect: {proxy}\nconfig files read: {}",
        if files.is_empty() {
            "none".to_owned()
        } else {
            files.join(", ")
        }
    ));
    Ok(())
}
