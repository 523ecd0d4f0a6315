//! Multipart uploads as the store sees them: the requests that start, list, complete and
//! abort one, shared by uploads and metadata copies, and the listing and aborting of
//! incomplete uploads, so that no forgotten upload keeps costing storage.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result};
use aws_sdk_s3::primitives::DateTimeFormat;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};

use crate::client::{S3, classify};
use crate::location::Location;

/// One incomplete multipart upload.
#[derive(Debug, Clone)]
pub struct Incomplete {
    pub key: String,
    pub upload_id: String,
    /// When it started, as S3 reports it (RFC 3339), and in seconds since the epoch.
    pub initiated: String,
    pub initiated_secs: Option<i64>,
    pub parts: u64,
    pub bytes: u64,
}

/// The incomplete uploads of keys under `at` (a bucket and a key prefix), oldest key first.
pub async fn list(s3: &S3, at: &Location) -> Result<Vec<Incomplete>> {
    let what = at.to_string();
    let mut found = Vec::new();
    let (mut key_marker, mut id_marker) = (None::<String>, None::<String>);
    loop {
        let mut request = s3.client.list_multipart_uploads().bucket(&at.bucket);
        if !at.key.is_empty() {
            request = request.prefix(&at.key);
        }
        let page = request
            .set_key_marker(key_marker.take())
            .set_upload_id_marker(id_marker.take())
            .send()
            .await
            .map_err(|e| classify(s3, e, &what))?;
        for upload in page.uploads() {
            let (Some(key), Some(id)) = (upload.key(), upload.upload_id()) else {
                continue;
            };
            found.push(Incomplete {
                key: key.to_owned(),
                upload_id: id.to_owned(),
                initiated: upload
                    .initiated()
                    .and_then(|t| t.fmt(DateTimeFormat::DateTime).ok())
                    .unwrap_or_default(),
                initiated_secs: upload.initiated().map(|t| t.secs()),
                parts: 0,
                bytes: 0,
            });
        }
        if page.is_truncated() != Some(true) {
            break;
        }
        key_marker = page.next_key_marker().map(str::to_owned);
        id_marker = page.next_upload_id_marker().map(str::to_owned);
        if key_marker.is_none() && id_marker.is_none() {
            break;
        }
    }
    for upload in &mut found {
        let at = Location {
            bucket: at.bucket.clone(),
            key: upload.key.clone(),
        };
        let parts = list_parts(s3, &at, &upload.upload_id).await?;
        upload.parts = parts.len() as u64;
        upload.bytes = parts.values().map(|(size, _)| size).sum();
    }
    Ok(found)
}

/// Aborts one upload, and forgets its local journal; the store deletes its parts.
pub async fn abort(s3: &S3, bucket: &str, key: &str, upload_id: &str) -> Result<()> {
    let at = Location {
        bucket: bucket.to_owned(),
        key: key.to_owned(),
    };
    abort_request(s3, &at, upload_id).await?;
    super::journal::forget_upload(upload_id);
    Ok(())
}

/// Starts a multipart upload of `to`, with the object's user metadata if given; returns
/// its id.
pub(super) async fn create(
    s3: &S3,
    to: &Location,
    metadata: Option<HashMap<String, String>>,
) -> Result<String> {
    let created = s3
        .client
        .create_multipart_upload()
        .bucket(&to.bucket)
        .key(&to.key)
        .set_metadata(metadata)
        .send()
        .await
        .map_err(|e| classify(s3, e, &to.to_string()))?;
    Ok(created
        .upload_id()
        .context("the server started a multipart upload without an upload id")?
        .to_owned())
}

/// The parts the server holds for an upload: number to size and ETag (which some stores
/// leave out).
pub(super) async fn list_parts(
    s3: &S3,
    to: &Location,
    upload_id: &str,
) -> Result<BTreeMap<u64, (u64, Option<String>)>> {
    let mut pages = s3
        .client
        .list_parts()
        .bucket(&to.bucket)
        .key(&to.key)
        .upload_id(upload_id)
        .into_paginator()
        .send();
    let mut parts = BTreeMap::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| classify(s3, e, &format!("upload {upload_id} of {to}")))?;
        for part in page.parts() {
            if let Some(number) = part.part_number() {
                let size = part.size().unwrap_or(0).max(0) as u64;
                let etag = part.e_tag().map(str::to_owned);
                parts.insert(number.max(0) as u64, (size, etag));
            }
        }
    }
    Ok(parts)
}

/// Completes an upload from its parts, in order.
pub(super) async fn complete(
    s3: &S3,
    to: &Location,
    upload_id: &str,
    parts: Vec<CompletedPart>,
) -> Result<()> {
    s3.client
        .complete_multipart_upload()
        .bucket(&to.bucket)
        .key(&to.key)
        .upload_id(upload_id)
        .multipart_upload(
            CompletedMultipartUpload::builder()
                .set_parts(Some(parts))
                .build(),
        )
        .customize()
        .config_override(crate::client::long_answer())
        .send()
        .await
        .map_err(|e| classify(s3, e, &to.to_string()))?;
    Ok(())
}

/// Aborts an upload.
pub(super) async fn abort_request(s3: &S3, to: &Location, upload_id: &str) -> Result<()> {
    s3.client
        .abort_multipart_upload()
        .bucket(&to.bucket)
        .key(&to.key)
        .upload_id(upload_id)
        .send()
        .await
        .map_err(|e| classify(s3, e, &format!("upload {upload_id} of {to}")))?;
    Ok(())
}
