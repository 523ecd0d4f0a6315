//! Recognising a disk image by its header: qcow2, vmdk, vhdx, vhd, iso, else raw, with the
//! virtual disk size where the header records one.
//!
//! Only the bytes already read for the first part are looked at, plus, for a file, the
//! last 512 bytes (where a fixed-size VHD keeps its only footer).

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// What the header says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInfo {
    pub format: &'static str,
    /// The size of the disk the image holds, when the format records it.
    pub virtual_size: Option<u64>,
}

/// Bytes of the start of an image needed to recognise every format here (the ISO 9660
/// volume descriptor sits at 32 KiB).
pub const HEAD: usize = 32 * 1024 + 8;

fn be_u64(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_be_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

fn le_u64(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

/// Recognises an image from its first bytes and, when known, its last 512 bytes.
pub fn detect(head: &[u8], tail: Option<&[u8]>, size: Option<u64>) -> ImageInfo {
    let info = |format, virtual_size| ImageInfo {
        format,
        virtual_size,
    };
    if head.starts_with(b"QFI\xfb") {
        return info("qcow2", be_u64(head, 24));
    }
    if head.starts_with(b"KDMV") {
        return info("vmdk", le_u64(head, 12).map(|sectors| sectors * 512));
    }
    if head.starts_with(b"# Disk DescriptorFile") {
        return info("vmdk", None);
    }
    if head.starts_with(b"vhdxfile") {
        return info("vhdx", None);
    }
    if head.starts_with(b"conectix") {
        return info("vhd", be_u64(head, 48));
    }
    if let Some(tail) = tail
        && tail.len() == 512
        && tail.starts_with(b"conectix")
    {
        return info("vhd", be_u64(tail, 48));
    }
    if head.get(32_769..32_774) == Some(b"CD001".as_slice()) {
        return info("iso", size);
    }
    info("raw", size)
}

/// Recognises an image held whole in memory.
pub fn detect_whole(data: &[u8]) -> ImageInfo {
    let tail = data.len().checked_sub(512).map(|at| &data[at..]);
    detect(data, tail, Some(data.len() as u64))
}

/// Recognises the image in the file at `path`, of `size` bytes, from its first and last
/// bytes.
pub fn inspect(path: &Path, size: u64) -> ImageInfo {
    let mut head = Vec::with_capacity(HEAD);
    if let Ok(file) = std::fs::File::open(path) {
        let _ = file.take(HEAD as u64).read_to_end(&mut head);
    }
    detect(&head, tail_of(path).as_deref(), Some(size))
}

/// The last 512 bytes of a file, when it has that many.
pub fn tail_of(path: &Path) -> Option<Vec<u8>> {
    let mut file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    if len < 512 {
        return None;
    }
    file.seek(SeekFrom::Start(len - 512)).ok()?;
    let mut tail = vec![0; 512];
    file.read_exact(&mut tail).ok()?;
    Some(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised() {
        let mut qcow2 = b"QFI\xfb\0\0\0\x03".to_vec();
        qcow2.resize(32, 0);
        qcow2[24..32].copy_from_slice(&(10u64 << 30).to_be_bytes());
        assert_eq!(
            detect(&qcow2, None, Some(1000)).virtual_size,
            Some(10 << 30)
        );
        let mut iso = vec![0u8; HEAD];
        iso[32_769..32_774].copy_from_slice(b"CD001");
        assert_eq!(detect(&iso, None, Some(5)).format, "iso");
        let mut footer = b"conectix".to_vec();
        footer.resize(512, 0);
        footer[48..56].copy_from_slice(&(1u64 << 20).to_be_bytes());
        let vhd = detect(&[0; 100], Some(&footer), Some(1));
        assert_eq!((vhd.format, vhd.virtual_size), ("vhd", Some(1 << 20)));
        assert_eq!(detect(b"", None, Some(7)).format, "raw");
    }
}
