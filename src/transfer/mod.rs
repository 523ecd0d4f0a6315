//! The transfer engines: streaming uploads and downloads between local files or standard
//! streams and S3 objects, with the whole-image hash computed in the same pass.
//!
//! They take a built client and plain values; they never see clap, variables or files of
//! settings. Memory stays bounded by part size times parts in flight.

mod buffers;
pub mod download;
pub mod hash;
pub mod image;
mod journal;
mod metadata;
mod retry;
pub mod upload;
pub mod uploads;
mod watch;

pub use metadata::{ObjectInfo, head};

const MIB: u64 = 1024 * 1024;
/// Default bytes per part of a multipart upload.
pub const DEFAULT_PART_SIZE: u64 = 16 * MIB;
/// Default number of parts or ranges in flight.
pub const DEFAULT_CONCURRENCY: usize = 4;
/// S3's limit on the number of parts of one upload.
pub const MAX_PARTS: u64 = 10_000;
/// S3's smallest part, except the last.
pub const MIN_PART_SIZE: u64 = 5 * MIB;
/// S3's largest part.
pub const MAX_PART_SIZE: u64 = 5 * 1024 * MIB;
/// Bytes per ranged GET of a download.
pub const RANGE_SIZE: u64 = 4 * MIB;
/// Ranges a download keeps in flight per slot of `concurrency`: a quarter of a default part
/// each, so a download holds about half the memory of an upload while its many smaller
/// requests keep a store that reads slowly per stream busy.
pub const RANGES_PER_SLOT: usize = 2;
/// Parts after which an upload of unknown size doubles its part size.
const PARTS_PER_DOUBLING: u64 = 1_000;

/// How an upload is cut into parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parts {
    /// Every part but the last has this size.
    Fixed(u64),
    /// The size is unknown: parts start at this size and double every 1,000 parts, so
    /// 10,000 parts of a 16 MiB start carry about 16 TiB, while a small stream never
    /// holds more than the start size per part in memory.
    Growing(u64),
}

impl Parts {
    /// The plan for an upload of `size` bytes (`None` when unknown) with the configured
    /// part size: that size, grown in whole MiB when the upload would otherwise need more
    /// than [`MAX_PARTS`] parts.
    pub fn plan(size: Option<u64>, configured: u64) -> Parts {
        match size {
            Some(size) if size.div_ceil(configured) > MAX_PARTS => {
                Parts::Fixed(size.div_ceil(MAX_PARTS).div_ceil(MIB) * MIB)
            }
            Some(_) => Parts::Fixed(configured),
            None => Parts::Growing(configured),
        }
    }

    /// Whether a file of `size` bytes can go up in parts of `part_size` within S3's limits,
    /// as a plan made here always does; a resume journal that says otherwise is damaged.
    pub fn fits(size: u64, part_size: u64) -> bool {
        (MIN_PART_SIZE..=MAX_PART_SIZE).contains(&part_size)
            && size.div_ceil(part_size) <= MAX_PARTS
    }

    /// The size of part `number` (from 1).
    pub fn size_of(self, number: u64) -> u64 {
        match self {
            Parts::Fixed(size) => size,
            Parts::Growing(start) => {
                let doublings = ((number.max(1) - 1) / PARTS_PER_DOUBLING).min(20) as u32;
                start.saturating_mul(1 << doublings).min(MAX_PART_SIZE)
            }
        }
    }

    /// The most bytes `parts` parts can carry.
    #[cfg(test)]
    fn capacity(self, parts: u64) -> u64 {
        (1..=parts).map(|n| self.size_of(n)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_size_grows_to_stay_under_ten_thousand_parts() {
        assert_eq!(
            Parts::plan(Some(10 * MIB), 16 * MIB),
            Parts::Fixed(16 * MIB)
        );
        let huge = 500 * 1024 * 1024 * MIB; // 500 TiB
        let Parts::Fixed(part) = Parts::plan(Some(huge), 16 * MIB) else {
            panic!("a known size gets a fixed plan");
        };
        assert!(huge.div_ceil(part) <= MAX_PARTS);
        assert_eq!(part % MIB, 0);
    }

    #[test]
    fn only_part_sizes_s3_takes_fit() {
        assert!(Parts::fits(38 * MIB, 5 * MIB));
        assert!(!Parts::fits(38 * MIB, 0));
        assert!(!Parts::fits(38 * MIB, MIB));
        assert!(!Parts::fits(38 * MIB, MAX_PART_SIZE + 1));
        assert!(!Parts::fits(MAX_PARTS * 5 * MIB + 1, 5 * MIB));
        // 5 TiB, S3's largest object.
        let huge = 5 * 1024 * 1024 * MIB;
        let Parts::Fixed(planned) = Parts::plan(Some(huge), 5 * MIB) else {
            panic!("a known size gets a fixed plan");
        };
        assert!(Parts::fits(huge, planned));
    }

    #[test]
    fn a_stream_of_unknown_size_can_reach_a_tebibyte_and_more() {
        let plan = Parts::plan(None, 16 * MIB);
        assert_eq!(plan.size_of(1), 16 * MIB);
        assert_eq!(plan.size_of(1000), 16 * MIB);
        assert_eq!(plan.size_of(1001), 32 * MIB);
        assert!(plan.capacity(MAX_PARTS) >= 1024 * 1024 * MIB);
        assert!(plan.size_of(MAX_PARTS) <= MAX_PART_SIZE);
        // Even the smallest part size covers a tebibyte.
        assert!(Parts::plan(None, 5 * MIB).capacity(MAX_PARTS) >= 1024 * 1024 * MIB);
    }
}
