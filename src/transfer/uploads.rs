//! Incomplete multipart uploads: listing them with what they hold so far, and aborting
//! them, so that no forgotten upload keeps costing storage.

use anyhow::Result;
use aws_sdk_s3::primitives::DateTimeFormat;

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
        let mut pages = s3
            .client
            .list_parts()
            .bucket(&at.bucket)
            .key(&at.key)
            .upload_id(&upload.upload_id)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| classify(s3, e, &at.to_string()))?;
            for part in page.parts() {
                upload.parts += 1;
                upload.bytes += part.size().unwrap_or(0).max(0) as u64;
            }
        }
    }
    Ok(found)
}

/// Aborts one upload; the parts it holds are deleted by the store.
pub async fn abort(s3: &S3, bucket: &str, key: &str, upload_id: &str) -> Result<()> {
    let what = format!("upload {upload_id} of s3://{bucket}/{key}");
    s3.client
        .abort_multipart_upload()
        .bucket(bucket)
        .key(key)
        .upload_id(upload_id)
        .send()
        .await
        .map_err(|e| classify(s3, e, &what))?;
    super::journal::forget_upload(upload_id);
    Ok(())
}
