//! Ctrl-C and SIGTERM, as a future that long operations select on.
//!
//! `main` installs the handlers once; transfers wait on [`interrupted`] next to their work
//! so they can clean up (abort an upload, remove a temporary file) before exiting 130.

use std::sync::OnceLock;

use tokio::sync::watch;

fn channel() -> &'static watch::Sender<bool> {
    static CHANNEL: OnceLock<watch::Sender<bool>> = OnceLock::new();
    CHANNEL.get_or_init(|| watch::channel(false).0)
}

/// Starts listening for Ctrl-C and SIGTERM. Call once, inside the runtime.
pub fn install() {
    tokio::spawn(async {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            match signal(SignalKind::terminate()) {
                Ok(mut term) => {
                    tokio::select! {
                        _ = ctrl_c => {}
                        _ = term.recv() => {}
                    }
                }
                Err(_) => {
                    let _ = ctrl_c.await;
                }
            }
        }
        #[cfg(not(unix))]
        let _ = ctrl_c.await;
        tracing::info!("interrupted: stopping");
        channel().send_replace(true);
    });
}

/// Resolves once an interrupt arrived.
pub async fn interrupted() {
    let mut rx = channel().subscribe();
    let _ = rx.wait_for(|hit| *hit).await;
}
