//! Reads of the small files and streams s3img takes settings and state from (config files,
//! the CA bundle, the proxy password, a partial download's record), each with a bound on
//! its size, so that a wrong path such as `/dev/zero` or a disk image fails at once with
//! an error instead of filling memory.
//!
//! It only reads; it knows nothing of what the bytes mean.

use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::Path;

/// The most bytes s3img reads from a settings file: far above any real config file, CA
/// bundle or glance-api.conf (a system CA bundle is about 200 KiB).
pub const SETTINGS_FILE: u64 = 4 * 1024 * 1024;

/// The longest proxy password line taken from a file or standard input.
pub const PASSWORD_LINE: u64 = 4096;

/// The whole file at `path` as text, or an error when it holds more than `limit` bytes or
/// is not UTF-8.
pub fn read_text(path: &Path, limit: u64) -> io::Result<String> {
    let bytes = read(File::open(path)?, limit)?;
    String::from_utf8(bytes).map_err(|_| invalid("not UTF-8 text".into()))
}

/// Everything `file` holds, or an error when that is more than `limit` bytes.
pub fn read(file: File, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(invalid(format!(
            "larger than {}",
            bytesize::ByteSize(limit)
        )));
    }
    Ok(bytes)
}

/// The first line of `input`, with its line ending, or an error when no line ending comes
/// within `limit` bytes. Empty at the end of the input.
pub fn first_line(input: impl BufRead, limit: u64) -> io::Result<String> {
    let mut line = Vec::new();
    input.take(limit + 1).read_until(b'\n', &mut line)?;
    if line.len() as u64 > limit {
        return Err(invalid(format!(
            "its first line is longer than {}",
            bytesize::ByteSize(limit)
        )));
    }
    String::from_utf8(line).map_err(|_| invalid("its first line is not UTF-8 text".into()))
}

fn invalid(why: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_file_is_refused_at_its_limit() {
        let err = read(File::open("/dev/zero").unwrap(), 1024).unwrap_err();
        assert_eq!(err.to_string(), "larger than 1.0 KiB");
        let err = read_text(Path::new("/dev/zero"), SETTINGS_FILE).unwrap_err();
        assert_eq!(err.to_string(), "larger than 4.0 MiB");
    }

    #[test]
    fn the_first_line_stops_at_its_end_or_its_limit() {
        assert_eq!(first_line(&b"pass\nmore"[..], 10).unwrap(), "pass\n");
        assert_eq!(first_line(&b"pass"[..], 10).unwrap(), "pass");
        assert_eq!(first_line(&b""[..], 10).unwrap(), "");
        assert!(first_line(&b"0123456789ab\n"[..], 10).is_err());
        let zeros = io::BufReader::new(File::open("/dev/zero").unwrap());
        assert!(first_line(zeros, PASSWORD_LINE).is_err());
    }
}
