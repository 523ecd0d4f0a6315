//! The whole-image hash: computed on a thread of its own while the image streams, stored
//! as user metadata named after its algorithm, and checked again on download.
//!
//! Parts reach the hashing thread in order through a bounded channel, so reading, hashing
//! and sending overlap and the image is never read twice.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use bytes::Bytes;
use sha2::digest::common::hazmat::{SerializableState, SerializedState};
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

    /// The state so far, as hex, to be carried on with [`State::restore`] by a later run.
    pub fn snapshot(&self) -> String {
        match self {
            State::Sha256(h) => hex::encode(h.serialize()),
            State::Sha512(h) => hex::encode(h.serialize()),
        }
    }

    /// A state saved by [`State::snapshot`] after exactly `bytes` bytes of the image;
    /// `None` when the text is not one, or was saved at another point. A state that does
    /// not match its place would finish as a wrong hash of the image.
    pub fn restore(algo: Algorithm, snapshot: &str, bytes: u64) -> Option<State> {
        let raw = hex::decode(snapshot).ok()?;
        if bytes > MAX_HASHED || taken_in(algo, &raw)? != u128::from(bytes) {
            return None;
        }
        Some(match algo {
            Algorithm::Sha256 => {
                let saved = SerializedState::<Sha256>::try_from(raw.as_slice()).ok()?;
                State::Sha256(Sha256::deserialize(&saved).ok()?)
            }
            Algorithm::Sha512 => {
                let saved = SerializedState::<Sha512>::try_from(raw.as_slice()).ok()?;
                State::Sha512(Sha512::deserialize(&saved).ok()?)
            }
        })
    }

    /// The hash as lowercase hex.
    pub fn hex(self) -> String {
        match self {
            State::Sha256(h) => hex::encode(h.finalize()),
            State::Sha512(h) => hex::encode(h.finalize()),
        }
    }
}

/// The most bytes a saved state may claim: far above any image S3 holds (5 TiB), and low
/// enough that the hash's bit count cannot overflow when it finishes.
const MAX_HASHED: u64 = u64::MAX / 8;

/// How many bytes a serialized state has taken in, from the layout sha2 writes: the
/// compression state, the count of whole blocks (little-endian), then the buffer, whose
/// first byte is how much of a block it holds. `None` for text of another length.
pub(crate) fn taken_in(algo: Algorithm, raw: &[u8]) -> Option<u128> {
    let (words, block) = match algo {
        Algorithm::Sha256 => (32, 64),
        Algorithm::Sha512 => (64, 128),
    };
    let count = block / 8;
    if raw.len() != words + count + block {
        return None;
    }
    let mut blocks = [0u8; 16];
    blocks[..count].copy_from_slice(&raw[words..words + count]);
    let buffered = u128::from(raw[words + count]);
    u128::from_le_bytes(blocks)
        .checked_mul(block as u128)?
        .checked_add(buffered)
}

/// Snapshots of the hash state after each part, by part number, for the resume journal.
pub type Snapshots = Arc<Mutex<BTreeMap<u64, String>>>;

/// Hashes the parts handed to it in order, on its own thread, keeping a snapshot of the
/// state after each.
pub struct Hasher {
    sender: Option<SyncSender<(u64, Bytes)>>,
    thread: Option<JoinHandle<String>>,
    snapshots: Snapshots,
}

impl Hasher {
    /// Starts the hashing thread from `state`. At most `queue` parts wait for it; `feed`
    /// blocks beyond.
    pub fn start(state: State, queue: usize) -> Self {
        let (sender, receiver) = sync_channel::<(u64, Bytes)>(queue.max(1));
        let snapshots = Snapshots::default();
        let saved = snapshots.clone();
        let thread = std::thread::Builder::new()
            .name("s3img-hash".into())
            .spawn(move || {
                let mut state = state;
                for (part, chunk) in receiver {
                    state.update(&chunk);
                    let snapshot = state.snapshot();
                    saved
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(part, snapshot);
                }
                state.hex()
            })
            .expect("spawning the hashing thread");
        Hasher {
            sender: Some(sender),
            thread: Some(thread),
            snapshots,
        }
    }

    /// The state after each part hashed so far.
    pub fn snapshots(&self) -> Snapshots {
        self.snapshots.clone()
    }

    /// Hands the next bytes of the image over. Cheap: `Bytes` is shared, not copied. Waits
    /// while the queue is full, which happens only when hashing is the slowest step.
    pub async fn feed(&self, part: u64, chunk: Bytes) {
        let Some(sender) = self.sender.clone() else {
            return;
        };
        if let Err(full) = sender.try_send((part, chunk)) {
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
        let hasher = Hasher::start(State::new(Algorithm::Sha256), 1);
        for (part, chunk) in [&b"a"[..], b"b", b"c"].into_iter().enumerate() {
            hasher
                .feed(part as u64 + 1, Bytes::copy_from_slice(chunk))
                .await;
        }
        let snapshots = hasher.snapshots();
        assert_eq!(hasher.finish(), digest(Algorithm::Sha256, b"abc"));
        assert_eq!(snapshots.lock().unwrap().len(), 3);
    }

    #[test]
    fn a_saved_state_carries_on_where_it_stopped() {
        for algo in Algorithm::ALL {
            let mut state = State::new(algo);
            state.update(&[7u8; 1000]);
            let saved = state.snapshot();
            assert!(State::restore(algo, &saved, 999).is_none(), "saved at 1000");
            let mut restored = State::restore(algo, &saved, 1000).expect("a valid snapshot");
            restored.update(b"tail");
            let mut whole = vec![7u8; 1000];
            whole.extend_from_slice(b"tail");
            assert_eq!(restored.hex(), digest(algo, &whole));
        }
        assert!(State::restore(Algorithm::Sha256, "zz", 0).is_none());
        assert!(State::restore(Algorithm::Sha512, "00", 0).is_none());
    }

    #[test]
    fn the_byte_count_is_read_from_the_saved_layout() {
        for algo in Algorithm::ALL {
            for len in [0, 1, 63, 64, 65, 127, 128, 129, 5000] {
                let mut state = State::new(algo);
                state.update(&vec![1u8; len]);
                let raw = hex::decode(state.snapshot()).unwrap();
                assert_eq!(taken_in(algo, &raw), Some(len as u128), "{algo} {len}");
            }
        }
    }

    #[test]
    fn a_state_claiming_more_than_any_image_is_refused() {
        for (algo, words, count) in [(Algorithm::Sha256, 32, 8), (Algorithm::Sha512, 64, 16)] {
            let mut raw = hex::decode(State::new(algo).snapshot()).unwrap();
            raw[words..words + count].fill(0x70);
            let text = hex::encode(&raw);
            if let Some(claimed) = taken_in(algo, &raw) {
                assert!(State::restore(algo, &text, claimed as u64).is_none());
            }
            assert!(State::restore(algo, &text, u64::MAX).is_none());
        }
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
