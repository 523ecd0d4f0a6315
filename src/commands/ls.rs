//! `s3img ls [PREFIX]`: list objects with size and last-modified time, and with `--long`
//! the stored hash of each.

use anyhow::Result;
use aws_sdk_s3::primitives::DateTimeFormat;
use serde_json::json;

use super::Context;
use crate::cli::LsArgs;
use tokio::task::JoinSet;

use crate::client::{S3, classify};
use crate::location::Location;
use crate::transfer::ObjectInfo;

/// Runs `ls`: one line, or one JSON document, per object, in key order.
pub async fn run(ctx: &Context, args: &LsArgs) -> Result<()> {
    let at = super::bucket_prefix(args.prefix.as_deref(), ctx)?;
    let s3 = ctx.connect(false).await?;

    let mut request = s3.client.list_objects_v2().bucket(&at.bucket);
    // Some stores treat an empty prefix or delimiter as a real one; send none.
    if !at.key.is_empty() {
        request = request.prefix(&at.key);
    }
    let mut pages = request.into_paginator().send();
    let (mut count, mut total) = (0u64, 0u64);
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| classify(&s3, e, &at.to_string()))?;
        let keys: Vec<(String, u64, String)> = page
            .contents()
            .iter()
            .map(|object| {
                let modified = object
                    .last_modified()
                    .and_then(|t| t.fmt(DateTimeFormat::DateTime).ok())
                    .unwrap_or_default();
                let size = object.size().unwrap_or(0).max(0) as u64;
                (object.key().unwrap_or_default().to_owned(), size, modified)
            })
            .collect();
        let details = if args.long {
            heads(&s3, &at.bucket, &keys).await?
        } else {
            vec![None; keys.len()]
        };
        for ((key, size, modified), info) in keys.into_iter().zip(details) {
            let (human, doc) = match info {
                None => (
                    format!(
                        "{modified:<20}  {:>10}  {key}",
                        bytesize::ByteSize(size).to_string()
                    ),
                    json!({"bucket": at.bucket, "key": key, "size": size,
                           "last_modified": modified}),
                ),
                Some(info) => {
                    let hash = info
                        .hash
                        .as_ref()
                        .map_or("-".to_owned(), |(algo, hex)| format!("{algo}:{hex}"));
                    let format = info.format.as_deref().unwrap_or("-");
                    let disk = info
                        .virtual_size
                        .map_or("-".to_owned(), |v| bytesize::ByteSize(v).to_string());
                    (
                        format!(
                            "{modified:<20}  {:>10}  {format:<5}  {disk:>10}  {hash}  {key}",
                            bytesize::ByteSize(size).to_string()
                        ),
                        json!({"bucket": at.bucket, "key": key, "size": size,
                               "last_modified": modified, "etag": info.etag,
                               "hash_algorithm": info.hash.as_ref().map(|(a, _)| a.name()),
                               "hash": info.hash.as_ref().map(|(_, h)| h),
                               "format": info.format, "virtual_size": info.virtual_size}),
                    )
                }
            };
            ctx.output.result(&human, &doc)?;
            count += 1;
            total += size;
        }
    }
    ctx.output.summary(&format!(
        "{}, {}",
        crate::output::count(count, "object"),
        bytesize::ByteSize(total)
    ));
    Ok(())
}

/// HEAD requests in flight at once for `ls --long`.
const HEADS_IN_FLIGHT: usize = 8;

/// What a HEAD request tells of each key, in the order of `keys`.
async fn heads(
    s3: &S3,
    bucket: &str,
    keys: &[(String, u64, String)],
) -> Result<Vec<Option<ObjectInfo>>> {
    let mut found = vec![None; keys.len()];
    let mut tasks = JoinSet::new();
    for (index, (key, _, _)) in keys.iter().enumerate() {
        if tasks.len() >= HEADS_IN_FLIGHT
            && let Some(done) = tasks.join_next().await
        {
            let (at, info): (usize, Result<ObjectInfo>) = done?;
            found[at] = Some(info?);
        }
        let (s3, at) = (
            s3.clone(),
            Location {
                bucket: bucket.to_owned(),
                key: key.clone(),
            },
        );
        tasks.spawn(async move { (index, crate::transfer::head(&s3, &at).await) });
    }
    while let Some(done) = tasks.join_next().await {
        let (at, info) = done?;
        found[at] = Some(info?);
    }
    Ok(found)
}
