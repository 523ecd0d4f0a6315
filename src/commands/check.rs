//! `s3img check`: walks the path to the bucket one step at a time (settings, proxy,
//! proxy authentication, forwarding, TLS, S3 credentials, bucket) and says which step
//! fails and what to do about it.

use std::net::ToSocketAddrs;
use std::time::Duration;

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::CheckArgs;
use crate::error::{Failure, usage};
use crate::location::Location;
use crate::proxy::ProxyPlan;

/// The steps, in the order a request meets them.
const SETTINGS: &str = "settings";
const PROXY_REACHABLE: &str = "proxy reachable";
const PROXY_AUTH: &str = "proxy authentication";
const FORWARDING: &str = "proxy forwards to the endpoint";
const ENDPOINT: &str = "endpoint reachable, TLS trusted";
const CREDENTIALS: &str = "S3 credentials and permissions";
const BUCKET: &str = "bucket exists";

/// Runs `check`: one line, or one JSON document, per step; exits with the code of the
/// first step that fails.
pub async fn run(ctx: &Context, args: &CheckArgs) -> Result<()> {
    let at = match &args.target {
        Some(bucket) => Location::parse(bucket, None)?,
        None => Location::parse("", ctx.settings.bucket.as_deref()).map_err(|_| {
            usage("no bucket to check: give s3://BUCKET, or set --bucket, S3IMG_BUCKET or `bucket`")
        })?,
    };
    let settings = &ctx.settings;
    let endpoint = settings.endpoint.as_deref().unwrap_or("AWS S3");
    let steps = Steps { ctx };
    steps.ok(
        SETTINGS,
        &format!("endpoint {endpoint}, bucket {}", at.bucket),
    )?;

    let proxy = match &settings.proxy {
        ProxyPlan::Explicit(server) => Some(server),
        _ => None,
    };
    match proxy {
        Some(server) => {
            let authority = server.authority();
            let connected = tokio::task::spawn_blocking(move || {
                let addrs: Vec<_> = authority
                    .to_socket_addrs()
                    .map_err(|e| format!("{authority} does not resolve: {e}"))?
                    .collect();
                addrs
                    .iter()
                    .find_map(|a| {
                        std::net::TcpStream::connect_timeout(a, Duration::from_secs(5)).ok()
                    })
                    .map(|_| ())
                    .ok_or_else(|| format!("nothing answers at {authority}"))
            })
            .await?;
            match connected {
                Ok(()) => steps.ok(PROXY_REACHABLE, &server.display())?,
                Err(why) => {
                    return steps.fail(
                        PROXY_REACHABLE,
                        Failure::ProxyUnreachable {
                            proxy: server.name(),
                            reason: why,
                        }
                        .into(),
                    );
                }
            }
        }
        None => steps.ok(PROXY_REACHABLE, "no s3img proxy set: skipped")?,
    }

    let s3 = match ctx.connect(false).await {
        Ok(s3) => s3,
        Err(err) => return steps.fail(PROXY_AUTH, err),
    };
    let head = s3.client.head_bucket().bucket(&at.bucket).send().await;
    let err = match head {
        Ok(_) => {
            let proxy_note = if proxy.is_some() {
                "accepted"
            } else {
                "no proxy"
            };
            steps.ok(PROXY_AUTH, proxy_note)?;
            steps.ok(FORWARDING, proxy_note)?;
            steps.ok(ENDPOINT, endpoint)?;
            steps.ok(CREDENTIALS, "the bucket answered a signed request")?;
            return steps.ok(BUCKET, &at.bucket);
        }
        Err(err) => crate::client::classify(&s3, err, &at.to_string()),
    };
    let failure = err.downcast_ref::<Failure>().cloned();
    let order = [PROXY_AUTH, FORWARDING, ENDPOINT, CREDENTIALS, BUCKET];
    let failed_at = match failure {
        Some(Failure::ProxyAuth { .. }) => PROXY_AUTH,
        Some(Failure::ProxyRefused { .. }) => FORWARDING,
        Some(Failure::ProxyUnreachable { .. }) => PROXY_AUTH,
        Some(Failure::Connect(_)) => ENDPOINT,
        Some(Failure::AccessDenied(_)) => CREDENTIALS,
        Some(Failure::NotFound(_)) => BUCKET,
        _ => CREDENTIALS,
    };
    for step in order.iter().take_while(|s| **s != failed_at) {
        steps.ok(step, "passed")?;
    }
    steps.fail(failed_at, err)
}

/// Prints steps as they pass or fail.
struct Steps<'a> {
    ctx: &'a Context,
}

impl Steps<'_> {
    fn ok(&self, step: &str, detail: &str) -> Result<()> {
        self.ctx.output.result(
            &format!("ok    {step:<32} {detail}"),
            &json!({"step": step, "ok": true, "detail": detail}),
        )?;
        Ok(())
    }

    fn fail(&self, step: &'static str, err: anyhow::Error) -> Result<()> {
        let detail = format!("{err:#}");
        self.ctx.output.result(
            &format!("FAIL  {step:<32} {detail}"),
            &json!({"step": step, "ok": false, "detail": detail}),
        )?;
        Err(err.context(format!("check failed at: {step}")))
    }
}
