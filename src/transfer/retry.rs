//! Sending a piece of a transfer again when it failed for a transient reason.
//!
//! The SDK retries each request on its own; this is the layer above, for what the SDK
//! cannot retry: an upload part whose every attempt was cut off by a proxy, or a download
//! range whose body broke off half-way. Pauses grow exponentially with jitter.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use aws_sdk_s3::error::SdkError;
use aws_smithy_runtime_api::http::Response as RawResponse;

use super::watch::Stalled;
use crate::client::{S3, classify, is_cut_off, transient_reason};

/// Why one attempt failed.
pub enum Attempt {
    /// Worth trying again; `reason` is logged.
    Transient {
        reason: String,
        error: anyhow::Error,
    },
    /// Trying again would fail the same way.
    Final(anyhow::Error),
}

impl Attempt {
    /// Classifies an SDK error; `what` names the object for the error message.
    pub fn from_sdk<E>(s3: &S3, err: SdkError<E, RawResponse>, what: &str) -> Self
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        match transient_reason(&err) {
            Some(reason) => Attempt::Transient {
                reason,
                error: classify(s3, err, what),
            },
            None => Attempt::Final(classify(s3, err, what)),
        }
    }

    /// An upload that made no progress for the idle time: the connection is dropped, and a
    /// new one may fare better.
    pub fn stalled(what: &str, stalled: &Stalled) -> Self {
        Attempt::Transient {
            reason: "timeout".to_owned(),
            error: anyhow::anyhow!("{what}: {stalled}"),
        }
    }
}

/// Requests whose connection was cut off mid-request, in this process so far.
static CUTS: AtomicU64 = AtomicU64::new(0);

/// How many requests had their connection cut off part-way so far.
pub fn cuts() -> u64 {
    CUTS.load(Ordering::Relaxed)
}

/// Runs `attempt` until it succeeds, fails for good, or has been retried `s3.retries`
/// times. `what` names the piece in the log line of each retry.
pub async fn again<T, F, Fut>(s3: &S3, what: &str, mut attempt: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Attempt>>,
{
    let mut retry = 0;
    loop {
        let result = attempt().await;
        if let Err(Attempt::Transient { reason, .. }) = &result
            && is_cut_off(reason)
        {
            CUTS.fetch_add(1, Ordering::Relaxed);
        }
        match result {
            Ok(value) => return Ok(value),
            Err(Attempt::Transient { reason, .. }) if retry < s3.retries => {
                retry += 1;
                let pause = backoff(retry);
                tracing::info!(
                    "{what} failed ({reason}); trying again in {:.1}s (retry {retry} of {})",
                    pause.as_secs_f64(),
                    s3.retries
                );
                tokio::time::sleep(pause).await;
            }
            Err(Attempt::Transient { error, .. } | Attempt::Final(error)) => return Err(error),
        }
    }
}

/// Exponential pause with jitter: about 0.5 s, 1 s, 2 s ... capped at 8 s.
pub fn backoff(retry: u32) -> Duration {
    let base = 250u64 << retry.min(5);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::from(d.subsec_nanos()));
    let jitter = nanos % (base / 2 + 1);
    Duration::from_millis((base + jitter).min(8_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_and_stay_capped() {
        let first = backoff(1);
        assert!(first >= Duration::from_millis(500) && first <= Duration::from_millis(750));
        assert!(backoff(3) >= Duration::from_secs(2));
        assert!(backoff(30) <= Duration::from_secs(8));
    }
}
