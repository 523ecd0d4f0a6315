//! Parsing the places a command names: `s3://bucket/key`, a bare key in the configured
//! bucket, or a prefix. Pure functions: no settings lookup beyond the bucket passed in.

use anyhow::Result;

use crate::error::usage;

/// An object or prefix in a bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub bucket: String,
    /// The key, or the prefix for `ls`; may be empty for a whole bucket.
    pub key: String,
}

impl Location {
    /// Parses `s3://bucket/key` or a bare key that lives in `default_bucket`.
    pub fn parse(text: &str, default_bucket: Option<&str>) -> Result<Self> {
        let (bucket, key) = match text.strip_prefix("s3://") {
            Some(rest) => {
                let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
                (bucket.to_owned(), key.to_owned())
            }
            None if text.contains("://") => {
                return Err(usage(format!(
                    "`{text}` is not an S3 location: use s3://BUCKET/KEY or a bare key"
                )));
            }
            None => {
                let bucket = default_bucket.ok_or_else(|| {
                    usage(format!(
                        "no bucket for `{text}`: write s3://BUCKET/{text}, or set the bucket \
                         with --bucket, S3IMG_BUCKET or `bucket` in the config file"
                    ))
                })?;
                (bucket.to_owned(), text.to_owned())
            }
        };
        check_bucket(&bucket, text)?;
        if key.len() > 1024 {
            return Err(usage(format!(
                "key of `{text}` is longer than S3's 1024 bytes"
            )));
        }
        Ok(Location { bucket, key })
    }

    /// Like [`Location::parse`], but the key must name an object.
    pub fn parse_object(text: &str, default_bucket: Option<&str>) -> Result<Self> {
        let location = Self::parse(text, default_bucket)?;
        if location.key.is_empty() || location.key.ends_with('/') {
            return Err(usage(format!(
                "`{text}` names no object: add the key after the bucket"
            )));
        }
        Ok(location)
    }

    /// The key's last path segment, a default local file name.
    pub fn file_name(&self) -> &str {
        self.key.rsplit('/').next().unwrap_or(&self.key)
    }

    /// [`Location::file_name`] when it can name a file in a directory without leaving it:
    /// not empty, `.` or `..`.
    pub fn local_name(&self) -> Option<&str> {
        Some(self.file_name()).filter(|name| is_plain_segment(name))
    }
}

/// The part of `key` below `prefix` as a relative path that stays inside the directory it
/// is joined to: `None` when the key does not start with the prefix, or when a segment of
/// the rest is empty, `.` or `..`.
pub fn relative_path<'a>(prefix: &str, key: &'a str) -> Option<&'a str> {
    let relative = key.strip_prefix(prefix)?;
    relative
        .split('/')
        .all(is_plain_segment)
        .then_some(relative)
}

fn is_plain_segment(segment: &str) -> bool {
    !matches!(segment, "" | "." | "..")
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "s3://{}/{}", self.bucket, self.key)
    }
}

/// S3's bucket naming rules, loosened to what Ceph RGW and MinIO also accept.
pub fn check_bucket_name(bucket: &str) -> Result<(), String> {
    let valid_chars = bucket
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
    if !(3..=63).contains(&bucket.len()) || !valid_chars {
        return Err("not a valid bucket name: 3 to 63 letters, digits, dots or hyphens".into());
    }
    Ok(())
}

fn check_bucket(bucket: &str, text: &str) -> Result<()> {
    if bucket.is_empty() {
        return Err(usage(format!(
            "`{text}` names no bucket: write s3://BUCKET/KEY"
        )));
    }
    check_bucket_name(bucket).map_err(|why| usage(format!("`{bucket}` is {why}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(bucket: &str, key: &str) -> Location {
        Location {
            bucket: bucket.into(),
            key: key.into(),
        }
    }

    #[test]
    fn s3_urls_name_bucket_and_key() {
        assert_eq!(
            Location::parse("s3://images/a/b.qcow2", None).unwrap(),
            loc("images", "a/b.qcow2")
        );
        assert_eq!(
            Location::parse("s3://images", None).unwrap(),
            loc("images", "")
        );
        assert_eq!(
            Location::parse("s3://images/", None).unwrap(),
            loc("images", "")
        );
    }

    #[test]
    fn bare_keys_use_the_configured_bucket() {
        assert_eq!(
            Location::parse("a.raw", Some("images")).unwrap(),
            loc("images", "a.raw")
        );
        let err = Location::parse("a.raw", None).unwrap_err().to_string();
        assert!(err.contains("no bucket"), "{err}");
    }

    #[test]
    fn bad_locations_are_refused() {
        assert!(Location::parse("s3:///key", None).is_err());
        assert!(Location::parse("http://x/y", None).is_err());
        assert!(Location::parse("s3://a/b", None).is_err());
        assert!(Location::parse("s3://bad bucket/k", None).is_err());
        assert!(Location::parse_object("s3://images/dir/", None).is_err());
    }

    #[test]
    fn the_file_name_is_the_last_segment() {
        assert_eq!(loc("b", "x/y/z.qcow2").file_name(), "z.qcow2");
        assert_eq!(loc("b", "x/y/z.qcow2").local_name(), Some("z.qcow2"));
        assert_eq!(loc("b", "x/..").local_name(), None);
        assert_eq!(loc("b", ".").local_name(), None);
    }

    #[test]
    fn relative_paths_stay_below_the_prefix() {
        assert_eq!(relative_path("img/", "img/a/b.raw"), Some("a/b.raw"));
        assert_eq!(relative_path("", "a.raw"), Some("a.raw"));
        assert_eq!(relative_path("img/", "other/a.raw"), None);
        assert_eq!(relative_path("img/", "img/../a.raw"), None);
        assert_eq!(relative_path("img/", "img//a.raw"), None);
        assert_eq!(relative_path("img/", "img/./a.raw"), None);
        assert_eq!(relative_path("é", "\u{e9}x"), Some("x"));
        assert_eq!(relative_path("\u{e9}", "ex"), None);
    }
}
