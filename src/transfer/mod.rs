//! The transfer engines: streaming uploads and downloads between local files or standard
//! streams and S3 objects.
//!
//! They take a built client and plain values; they never see clap, variables or files of
//! settings. Memory stays bounded by part size times parts in flight.

pub mod download;
pub mod upload;

/// Default bytes per part of a multipart upload.
pub const DEFAULT_PART_SIZE: u64 = 16 * 1024 * 1024;
/// Default number of parts in flight.
pub const DEFAULT_CONCURRENCY: usize = 4;
/// S3's limit on the number of parts of one upload.
pub const MAX_PARTS: u64 = 10_000;

/// The part size for an upload of `size` bytes: the configured one, grown in whole MiB
/// when the upload would otherwise need more than [`MAX_PARTS`] parts.
pub fn part_size_for(size: Option<u64>, configured: u64) -> u64 {
    const MIB: u64 = 1024 * 1024;
    match size {
        Some(size) if size.div_ceil(configured) > MAX_PARTS => {
            size.div_ceil(MAX_PARTS).div_ceil(MIB) * MIB
        }
        _ => configured,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_size_grows_to_stay_under_ten_thousand_parts() {
        const MIB: u64 = 1024 * 1024;
        assert_eq!(part_size_for(Some(10 * MIB), 16 * MIB), 16 * MIB);
        assert_eq!(part_size_for(None, 16 * MIB), 16 * MIB);
        let huge = 500 * 1024 * 1024 * MIB; // 500 GiB
        let part = part_size_for(Some(huge), 16 * MIB);
        assert!(huge.div_ceil(part) <= MAX_PARTS);
        assert_eq!(part % MIB, 0);
    }
}
