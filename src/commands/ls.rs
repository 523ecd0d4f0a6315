//! `s3img ls [PREFIX]`: list objects with size and last-modified time.

use anyhow::Result;
use aws_sdk_s3::primitives::DateTimeFormat;
use serde_json::json;

use super::Context;
use crate::cli::LsArgs;
use crate::client::classify;
use crate::error::usage;
use crate::location::Location;

/// Runs `ls`: one line, or one JSON document, per object, in key order.
pub async fn run(ctx: &Context, args: &LsArgs) -> Result<()> {
    let bucket = ctx.settings.bucket.as_deref();
    let at = match &args.prefix {
        Some(prefix) => Location::parse(prefix, bucket)?,
        None => Location::parse("", bucket).map_err(|_| {
            usage("no bucket to list: give s3://BUCKET/, or set --bucket, S3IMG_BUCKET or `bucket`")
        })?,
    };
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
        for object in page.contents() {
            let key = object.key().unwrap_or_default();
            let size = object.size().unwrap_or(0).max(0) as u64;
            let modified = object
                .last_modified()
                .and_then(|t| t.fmt(DateTimeFormat::DateTime).ok())
                .unwrap_or_default();
            let human = format!(
                "{modified:<20}  {:>10}  {key}",
                bytesize::ByteSize(size).to_string()
            );
            let doc =
                json!({"bucket": at.bucket, "key": key, "size": size, "last_modified": modified});
            ctx.output.result(&human, &doc)?;
            count += 1;
            total += size;
        }
    }
    ctx.output
        .summary(&format!("{count} objects, {}", bytesize::ByteSize(total)));
    Ok(())
}
