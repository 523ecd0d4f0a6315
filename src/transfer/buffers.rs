//! The large buffers that parts and ranges travel in, reused rather than allocated anew.
//!
//! Allocating and freeing buffers of many MiB from several threads lets the allocator keep
//! freed ones per thread, so a process's memory creeps up over a long transfer. Reusing a
//! few buffers keeps it flat: at most `keep` wait here between uses.

use std::sync::Mutex;

use bytes::Bytes;

/// A bounded stack of free buffers.
#[derive(Debug)]
pub struct Buffers {
    free: Mutex<Vec<Vec<u8>>>,
    keep: usize,
}

impl Buffers {
    pub fn new(keep: usize) -> Self {
        Buffers {
            free: Mutex::new(Vec::with_capacity(keep)),
            keep,
        }
    }

    /// An empty buffer that holds at least `size` bytes without growing.
    pub fn take(&self, size: usize) -> Vec<u8> {
        let reused = self.free.lock().unwrap_or_else(|e| e.into_inner()).pop();
        match reused {
            Some(buf) if buf.capacity() >= size => buf,
            _ => Vec::with_capacity(size),
        }
    }

    /// Hands a buffer back for reuse.
    pub fn give(&self, mut buf: Vec<u8>) {
        buf.clear();
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        if free.len() < self.keep {
            free.push(buf);
        }
    }

    /// Hands back the buffer behind `bytes` when nothing else holds it; else lets it go.
    pub fn reclaim(&self, bytes: Bytes) {
        if let Ok(unique) = bytes.try_into_mut() {
            self.give(unique.into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_come_back_empty_and_the_stack_stays_bounded() {
        let pool = Buffers::new(1);
        let mut a = pool.take(1024);
        a.extend_from_slice(&[1; 1024]);
        let a_ptr = a.as_ptr();
        pool.give(a);
        pool.give(Vec::with_capacity(2048));
        let again = pool.take(512);
        assert!(again.is_empty());
        assert_eq!(again.as_ptr(), a_ptr);
        // A shared buffer is not reclaimed; a unique one is.
        let shared = Bytes::from(vec![0u8; 64]);
        let other = shared.clone();
        pool.reclaim(shared);
        assert!(pool.take(64).capacity() >= 64);
        drop(other);
    }
}
