//! What s3img stores with an object besides its bytes, and how it gets there.
//!
//! A single PUT carries the metadata itself. A multipart upload learns the image's hash only
//! after its last part, when S3 no longer accepts metadata for it, so the finished object is
//! copied onto itself on the server with the metadata replaced: one request for objects up
//! to 5 GiB, a server-side multipart copy above. No image byte crosses the proxy again.

use std::collections::HashMap;

use anyhow::{Context, Result};
use aws_sdk_s3::primitives::DateTimeFormat;
use aws_sdk_s3::types::{CompletedPart, MetadataDirective};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use tokio::task::JoinSet;

use super::hash::Algorithm;
use super::image::ImageInfo;
use crate::client::{S3, classify};
use crate::location::Location;

/// The largest object S3 copies in one CopyObject request.
const SINGLE_COPY_LIMIT: u64 = 5 * 1024 * 1024 * 1024;
/// Bytes per part of a server-side multipart copy.
const COPY_PART_SIZE: u64 = 1024 * 1024 * 1024;
/// Part copies in flight at once.
const COPY_CONCURRENCY: usize = 4;

/// Characters of a key left as they are in the copy-source header.
const KEY_PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What `ls --long` and `get` learn about an object.
#[derive(Debug, Clone, Default)]
pub struct ObjectInfo {
    pub size: u64,
    pub last_modified: String,
    pub etag: Option<String>,
    /// The stored whole-image hash and its algorithm, when s3img (or glance-minded tooling)
    /// stored one.
    pub hash: Option<(Algorithm, String)>,
    /// The image format s3img recognised on upload, and the virtual disk size.
    pub format: Option<String>,
    pub virtual_size: Option<u64>,
}

/// Metadata keys of the image format and virtual size.
const FORMAT: &str = "format";
const VIRTUAL_SIZE: &str = "virtual-size";

impl ObjectInfo {
    /// Fills in what user metadata tells.
    pub fn read_metadata(&mut self, metadata: Option<&HashMap<String, String>>) {
        self.hash = Algorithm::stored(metadata);
        self.format = metadata.and_then(|m| m.get(FORMAT)).cloned();
        self.virtual_size = metadata
            .and_then(|m| m.get(VIRTUAL_SIZE))
            .and_then(|v| v.parse().ok());
    }
}

/// The user metadata s3img stores for an image with this hash and header.
pub fn for_image(algo: Algorithm, hex: &str, image: &ImageInfo) -> HashMap<String, String> {
    let mut metadata = HashMap::from([
        (algo.name().to_owned(), hex.to_owned()),
        (FORMAT.to_owned(), image.format.to_owned()),
    ]);
    if let Some(size) = image.virtual_size {
        metadata.insert(VIRTUAL_SIZE.to_owned(), size.to_string());
    }
    metadata
}

/// Reads an object's size, time, ETag and stored hash with one HEAD request.
pub async fn head(s3: &S3, at: &Location) -> Result<ObjectInfo> {
    let head = s3
        .client
        .head_object()
        .bucket(&at.bucket)
        .key(&at.key)
        .send()
        .await
        .map_err(|e| classify(s3, e, &at.to_string()))?;
    let mut info = ObjectInfo {
        size: head.content_length().unwrap_or(0).max(0) as u64,
        last_modified: head
            .last_modified()
            .and_then(|t| t.fmt(DateTimeFormat::DateTime).ok())
            .unwrap_or_default(),
        etag: head.e_tag().map(str::to_owned),
        ..ObjectInfo::default()
    };
    info.read_metadata(head.metadata());
    Ok(info)
}

/// Replaces the user metadata of the object at `at`, of `size` bytes, on the server.
pub async fn replace(
    s3: &S3,
    at: &Location,
    size: u64,
    metadata: HashMap<String, String>,
) -> Result<()> {
    let source = format!("{}/{}", at.bucket, utf8_percent_encode(&at.key, KEY_PATH));
    let limit = single_copy_limit();
    if size <= limit {
        s3.client
            .copy_object()
            .bucket(&at.bucket)
            .key(&at.key)
            .copy_source(&source)
            .metadata_directive(MetadataDirective::Replace)
            .set_metadata(Some(metadata))
            .customize()
            .config_override(crate::client::long_answer())
            .send()
            .await
            .map_err(|e| classify(s3, e, &at.to_string()))?;
        return Ok(());
    }
    let part_size = COPY_PART_SIZE.min(limit).max(1);
    copy_in_parts(s3, at, &source, size, part_size, metadata).await
}

fn single_copy_limit() -> u64 {
    // A test knob, not a setting, and only in debug builds (the ones the tests run): lets
    // the suite exercise the multipart copy without uploading more than 5 GiB.
    #[cfg(debug_assertions)]
    if let Some(limit) = std::env::var("S3IMG_TEST_SINGLE_COPY_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return limit;
    }
    SINGLE_COPY_LIMIT
}

async fn copy_in_parts(
    s3: &S3,
    at: &Location,
    source: &str,
    size: u64,
    part_size: u64,
    metadata: HashMap<String, String>,
) -> Result<()> {
    let upload_id = super::uploads::create(s3, at, Some(metadata)).await?;
    let result = async {
        let mut tasks = JoinSet::new();
        let mut parts = Vec::new();
        let mut start = 0u64;
        let mut number = 0i32;
        while start < size {
            if tasks.len() >= COPY_CONCURRENCY
                && let Some(done) = tasks.join_next().await
            {
                parts.push(done.context("a part copy task failed")??);
            }
            let end = (start + part_size).min(size) - 1;
            number += 1;
            let (s3, at, source, upload_id) =
                (s3.clone(), at.clone(), source.to_owned(), upload_id.clone());
            tasks.spawn(async move {
                let copied = s3
                    .client
                    .upload_part_copy()
                    .bucket(&at.bucket)
                    .key(&at.key)
                    .upload_id(upload_id)
                    .part_number(number)
                    .copy_source(source)
                    .copy_source_range(format!("bytes={start}-{end}"))
                    .customize()
                    .config_override(crate::client::long_answer())
                    .send()
                    .await
                    .map_err(|e| classify(&s3, e, &at.to_string()))?;
                let etag = copied
                    .copy_part_result()
                    .and_then(|r| r.e_tag())
                    .map(str::to_owned);
                anyhow::Ok(
                    CompletedPart::builder()
                        .part_number(number)
                        .set_e_tag(etag)
                        .build(),
                )
            });
            start = end + 1;
        }
        while let Some(done) = tasks.join_next().await {
            parts.push(done.context("a part copy task failed")??);
        }
        parts.sort_by_key(|p| p.part_number());
        super::uploads::complete(s3, at, &upload_id, parts).await
    }
    .await;
    if result.is_err() {
        let _ = super::uploads::abort_request(s3, at, &upload_id).await;
    }
    result.context("copying the object onto itself to store its metadata")
}
