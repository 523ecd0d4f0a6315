//! A bound on how long an upload request may go without progress.
//!
//! The SDK's read timeout counts from the start of a request, so uploads run without it: a
//! large part on a slow link would be cut off while it is moving. Instead, the body of each
//! upload is handed to the connection in pieces, each piece noted as taken; a request
//! whose connection takes nothing for the idle time, or that gets no answer within the
//! idle time after its last piece, is given up as timed out. That is what a proxy or
//! server that stops reading looks like from here.
//!
//! The body is swapped in after the request is signed, so signing still sees the bytes in
//! memory and can sign the payload.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Instant;

use aws_sdk_s3::config::interceptors::BeforeTransmitInterceptorContextMut;
use aws_sdk_s3::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_smithy_types::body::SdkBody;
use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};

/// Bytes handed to the connection at a time: small enough that progress is seen often,
/// large enough that noting it costs nothing.
const PIECE: usize = 128 * 1024;

/// One upload's body and what the connection has taken of it, shared by the body of each
/// attempt and the watcher.
#[derive(Debug)]
pub struct Watch {
    body: Bytes,
    start: Instant,
    /// Milliseconds after `start` of the last progress.
    last: AtomicU64,
    /// Bytes of the current attempt's body taken so far.
    taken: AtomicU64,
}

/// The upload gave no sign of progress for the idle time.
#[derive(Debug)]
pub struct Stalled {
    idle: Duration,
    taken: u64,
    total: u64,
}

impl std::fmt::Display for Stalled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = self.idle.as_secs();
        if self.taken >= self.total {
            write!(
                f,
                "no answer for {secs} s after all {} bytes were sent (timeout)",
                self.total
            )
        } else {
            write!(
                f,
                "the connection took nothing for {secs} s after {} of {} bytes (timeout)",
                self.taken, self.total
            )
        }
    }
}

impl Watch {
    pub fn new(body: Bytes) -> Arc<Watch> {
        Arc::new(Watch {
            body,
            start: Instant::now(),
            last: AtomicU64::new(0),
            taken: AtomicU64::new(0),
        })
    }

    fn touch(&self) {
        let now = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(now, Ordering::Relaxed);
    }

    fn since_last(&self) -> Duration {
        let last = Duration::from_millis(self.last.load(Ordering::Relaxed));
        self.start.elapsed().saturating_sub(last)
    }

    /// The interceptor that gives each attempt of the request a body reporting here.
    pub fn interceptor(self: &Arc<Self>) -> Swap {
        Swap(self.clone())
    }

    /// Runs `send` until it finishes, or until nothing has moved for `idle`.
    pub async fn run<T>(
        &self,
        send: impl Future<Output = T>,
        idle: Duration,
    ) -> Result<T, Stalled> {
        let mut send = std::pin::pin!(send);
        self.touch();
        loop {
            let wait = idle.saturating_sub(self.since_last());
            if wait.is_zero() {
                return Err(Stalled {
                    idle,
                    taken: self.taken.load(Ordering::Relaxed),
                    total: self.body.len() as u64,
                });
            }
            if let Ok(out) = tokio::time::timeout(wait, send.as_mut()).await {
                return Ok(out);
            }
        }
    }
}

/// Replaces an upload request's in-memory body, once it is signed, with the same bytes as
/// a [`Watched`] body.
#[derive(Debug)]
pub struct Swap(Arc<Watch>);

impl Intercept for Swap {
    fn name(&self) -> &'static str {
        "s3img::Swap"
    }

    fn modify_before_transmit(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        let watch = &self.0;
        watch.taken.store(0, Ordering::Relaxed);
        watch.touch();
        let watched = Watched {
            rest: watch.body.clone(),
            watch: watch.clone(),
        };
        *context.request_mut().body_mut() = SdkBody::from_body_1_x(watched);
        Ok(())
    }
}

/// A body held in memory, handed out in pieces of [`PIECE`] bytes, each noted in its
/// [`Watch`] when the connection asks for the next.
struct Watched {
    rest: Bytes,
    watch: Arc<Watch>,
}

impl Body for Watched {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        if self.rest.is_empty() {
            return Poll::Ready(None);
        }
        let size = PIECE.min(self.rest.len());
        let piece = self.rest.split_to(size);
        self.watch
            .taken
            .fetch_add(piece.len() as u64, Ordering::Relaxed);
        self.watch.touch();
        Poll::Ready(Some(Ok(Frame::data(piece))))
    }

    fn is_end_stream(&self) -> bool {
        self.rest.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.rest.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(body: Bytes) -> Vec<usize> {
        let watch = Watch::new(body.clone());
        let mut watched = Watched {
            rest: body,
            watch: watch.clone(),
        };
        let waker = std::task::Waker::noop();
        let mut cx = Context::from_waker(waker);
        let mut sizes = Vec::new();
        while let Poll::Ready(Some(Ok(frame))) = Pin::new(&mut watched).poll_frame(&mut cx) {
            sizes.push(frame.into_data().map_or(0, |d| d.len()));
        }
        assert_eq!(
            watch.taken.load(Ordering::Relaxed),
            sizes.iter().sum::<usize>() as u64
        );
        sizes
    }

    #[test]
    fn a_body_is_handed_out_whole_in_pieces() {
        assert_eq!(
            pieces(Bytes::from(vec![7; PIECE * 2 + 5])),
            [PIECE, PIECE, 5]
        );
        assert!(pieces(Bytes::new()).is_empty());
    }

    #[tokio::test]
    async fn a_request_that_moves_is_not_cut_off_and_one_that_does_not_is() {
        let idle = Duration::from_millis(400);
        let watch = Watch::new(Bytes::from_static(b"ten bytes!"));
        // Progress every 150 ms for 1.2 s: never idle for 400 ms.
        let moving = async {
            for _ in 0..8 {
                tokio::time::sleep(Duration::from_millis(150)).await;
                watch.touch();
            }
            "answered"
        };
        assert_eq!(watch.run(moving, idle).await.unwrap(), "answered");

        let stuck = Watch::new(Bytes::from_static(b"ten bytes!"));
        stuck.taken.store(4, Ordering::Relaxed);
        let err = stuck
            .run(std::future::pending::<()>(), Duration::from_secs(1))
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "the connection took nothing for 1 s after 4 of 10 bytes (timeout)"
        );
    }
}
