//! The whole-image hash: computed on a thread of its own while the image streams, stored
//! as user metadata named after its algorithm, and checked again on download.
//!
//! Parts reach the hashing thread in order through a bounded channel, so reading, hashing
//! and sending overlap and the image is never read twice.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

use bytes::Bytes;
use sha2::{Digest, Sha256, Sha512};

/// A hash algorithm s3img can store and check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Algorithm {
    #[default]
    Sha256,
    /// What glance records by default (`os_hash_algo`).
    Sha512,
}

impl Algorithm {
    /// Every algorithm, in the order a stored hash is looked for.
    pub const ALL: [Algorithm; 2] = [Algorithm::Sha256, Algorithm::Sha512];

    /// The algorithm's name, which is also its metadata key (`x-amz-meta-sha256`).
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Sha256 => "sha256",
            Algorithm::Sha512 => "sha512",
        }
    }

    /// The stored hash of an object, from its user metadata, with its algorithm.
    pub fn stored(metadata: Option<&HashMap<String, String>>) -> Option<(Algorithm, String)> {
        let metadata = metadata?;
        Algorithm::ALL.into_iter().find_map(|algo| {
            metadata
                .get(algo.name())
                .map(|hex| (algo, hex.trim().to_ascii_lowercase()))
        })
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Algorithm {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().replace('-', "").as_str() {
            "sha256" => Ok(Algorithm::Sha256),
            "sha512" => Ok(Algorithm::Sha512),
            _ => Err(format!("unknown hash {s:?}: use sha256 or sha512")),
        }
    }
}

/// A hash being computed on the caller's thread.
pub enum State {
    Sha256(Sha256),
    Sha512(Sha512),
}

impl State {
    pub fn new(algo: Algorithm) -> Self {
        match algo {
            Algorithm::Sha256 => State::Sha256(Sha256::new()),
            Algorithm::Sha512 => State::Sha512(Sha512::new()),
        }
    }

    pub fn update(&mut self, data: &[u8]) {
        match self {
            State::Sha256(h) => h.update(data),
            State::Sha512(h) => h.update(data),
        }
    }

    /// The hash as lowercase hex.
    pub fn hex(self) -> String {
        match self {
            State::Sha256(h) => hex::encode(h.finalize()),
            State::Sha512(h) => hex::encode(h.finalize()),
        }
    }
}

/// Hashes bytes handed to it in order, on its own thread.
pub struct Hasher {
    sender: Option<SyncSender<Bytes>>,
    thread: Option<JoinHandle<String>>,
}

impl Hasher {
    /// Starts the hashing thread. At most `queue` chunks wait for it; `feed` blocks beyond.
    pub fn start(algo: Algorithm, queue: usize) -> Self {
        let (sender, receiver) = sync_channel::<Bytes>(queue.max(1));
        let thread = std::thread::Builder::new()
            .name("s3img-hash".into())
            .spawn(move || {
                let mut state = State::new(algo);
                for chunk in receiver {
                    state.update(&chunk);
                }
                state.hex()
            })
            .expect("spawning the hashing thread");
        Hasher {
            sender: Some(sender),
            thread: Some(thread),
        }
    }

    /// Hands the next bytes of the image over. Cheap: `Bytes` is shared, not copied. Waits
    /// while the queue is full, which happens only when hashing is the slowest step.
    pub async fn feed(&self, chunk: Bytes) {
        let Some(sender) = self.sender.clone() else {
            return;
        };
        if let Err(full) = sender.try_send(chunk) {
            let chunk = match full {
                std::sync::mpsc::TrySendError::Full(chunk) => chunk,
                std::sync::mpsc::TrySendError::Disconnected(_) => return,
            };
            let _ = tokio::task::spawn_blocking(move || sender.send(chunk)).await;
        }
    }

    /// The hash of everything fed, as lowercase hex.
    pub fn finish(mut self) -> String {
        drop(self.sender.take());
        self.thread
            .take()
            .expect("finish is called once")
            .join()
            .expect("the hashing thread does not panic")
    }
}

impl Drop for Hasher {
    fn drop(&mut self) {
        drop(self.sender.take());
    }
}

/// The hash of `data` in one call.
pub fn digest(algo: Algorithm, data: &[u8]) -> String {
    let mut state = State::new(algo);
    state.update(data);
    state.hex()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        assert_eq!(
            digest(Algorithm::Sha256, b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(digest(Algorithm::Sha512, b"abc").starts_with("ddaf35a193617aba"));
    }

    #[tokio::test]
    async fn the_thread_hashes_chunks_in_order() {
        let hasher = Hasher::start(Algorithm::Sha256, 1);
        for chunk in [&b"a"[..], b"b", b"c"] {
            hasher.feed(Bytes::copy_from_slice(chunk)).await;
        }
        assert_eq!(hasher.finish(), digest(Algorithm::Sha256, b"abc"));
    }

    #[test]
    fn names_parse_and_stored_hashes_are_found() {
        assert_eq!("SHA-512".parse::<Algorithm>(), Ok(Algorithm::Sha512));
        assert!("md5".parse::<Algorithm>().is_err());
        let meta = HashMap::from([("sha512".to_owned(), "ABC".to_owned())]);
        assert_eq!(
            Algorithm::stored(Some(&meta)),
            Some((Algorithm::Sha512, "abc".to_owned()))
        );
        assert_eq!(Algorithm::stored(None), None);
    }
}
