//! `s3img get SRC [FILE]`: download an image into a file, a directory or standard output,
//! or every image under a prefix into a directory.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use serde_json::json;

use super::Context;
use crate::cli::GetArgs;
use crate::client::{S3, classify};
use crate::error::{Failure, usage};
use crate::location::{Location, relative_path};
use crate::output::Output;
use crate::transfer::download::{self, Destination, Options};
use crate::transfer::{RANGE_SIZE, RANGES_PER_SLOT};

/// Runs `get`: one object, or every object under a prefix (SRC ending in /).
pub async fn run(ctx: &Context, args: &GetArgs) -> Result<()> {
    let transfer = &ctx.settings.transfer;
    let options = Options {
        concurrency: transfer.concurrency * RANGES_PER_SLOT,
        range_size: RANGE_SIZE,
        sparse: !args.no_sparse,
        hash: transfer.hash,
        resume: !args.no_resume,
    };
    if args.src.ends_with('/') {
        return get_prefix(ctx, args, options).await;
    }
    let from = Location::parse_object(&args.src, ctx.settings.bucket.as_deref())?;
    let to = destination(args.file.as_deref(), &from)?;
    if let Destination::File(path) = &to
        && !args.force
        && path.exists()
    {
        return Err(Failure::Exists(path.display().to_string()).into());
    }
    let s3 = ctx.connect(false).await?;
    get_one(&s3, &from, &to, options, ctx.output).await
}

/// Downloads every object under a prefix into a directory, keeping the rest of each key as
/// a relative path, `--jobs` at a time.
async fn get_prefix(ctx: &Context, args: &GetArgs, options: Options) -> Result<()> {
    let at = Location::parse(&args.src, ctx.settings.bucket.as_deref())?;
    let dir = PathBuf::from(args.file.as_deref().unwrap_or("."));
    if args.file.as_deref() == Some("-") || !dir.is_dir() {
        return Err(usage(format!(
            "SRC {} is a prefix: FILE must be an existing directory, not `{}`",
            args.src,
            dir.display()
        )));
    }
    let s3 = ctx.connect(false).await?;
    let mut pages = s3
        .client
        .list_objects_v2()
        .bucket(&at.bucket)
        .prefix(&at.key)
        .into_paginator()
        .send();
    let mut plan = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| classify(&s3, e, &at.to_string()))?;
        for object in page.contents() {
            let Some(key) = object.key().filter(|k| !k.ends_with('/')) else {
                continue;
            };
            let Some(relative) = relative_path(&at.key, key) else {
                return Err(usage(format!(
                    "refusing s3://{}/{key}: its name would leave {}",
                    at.bucket,
                    dir.display()
                )));
            };
            let path = dir.join(relative);
            if path.exists() && !args.force {
                return Err(Failure::Exists(path.display().to_string()).into());
            }
            let from = Location {
                bucket: at.bucket.clone(),
                key: key.to_owned(),
            };
            plan.push((from, path));
        }
    }
    if plan.is_empty() {
        return Err(Failure::NotFound(format!("any object under {at}")).into());
    }
    let work = plan
        .into_iter()
        .map(|(from, path)| {
            let (s3, output) = (s3.clone(), ctx.output);
            async move {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .with_context(|| format!("creating {}", parent.display()))?;
                }
                get_one(&s3, &from, &Destination::File(path), options, output).await
            }
        })
        .collect();
    super::run_all(args.jobs, work, "downloads").await
}

/// Downloads one object and prints its result.
async fn get_one(
    s3: &S3,
    from: &Location,
    to: &Destination,
    options: Options,
    output: Output,
) -> Result<()> {
    let started = std::time::Instant::now();
    let label = format!("get {}", from.file_name());
    let done = download::download(s3, from, to, options, |size| {
        output.progress(Some(size), &label)
    })
    .await
    .map_err(|e| e.context(format!("downloading {from}")))?;
    let secs = started.elapsed().as_secs_f64();
    let shown = match to {
        Destination::File(path) => path.display().to_string(),
        Destination::Stdout => "-".to_owned(),
    };
    let bytes = done.info.size;
    output.summary(&format!(
        "downloaded {from} to {shown}: {} in {secs:.1}s ({}/s), {}",
        bytesize::ByteSize(bytes),
        bytesize::ByteSize((bytes as f64 / secs.max(0.001)) as u64),
        if done.verified {
            format!("{} verified", done.hash_algorithm)
        } else {
            format!(
                "no stored hash to verify ({} computed)",
                done.hash_algorithm
            )
        }
    ));
    if matches!(to, Destination::File(_)) || output.json {
        output.result(
            &format!("{shown}  {}:{}", done.hash_algorithm, done.hash),
            &json!({
                "action": "get",
                "bucket": from.bucket,
                "key": from.key,
                "file": shown,
                "size": bytes,
                "last_modified": done.info.last_modified,
                "hash_algorithm": done.hash_algorithm.name(),
                "hash": done.hash,
                "verified": done.verified,
                "seconds": secs,
            }),
        )?;
    }
    Ok(())
}

fn destination(file: Option<&str>, from: &Location) -> Result<Destination> {
    let name = || {
        from.local_name().ok_or_else(|| {
            usage(format!(
                "{from} ends in `{}`, which cannot name a file: give FILE",
                from.file_name()
            ))
        })
    };
    match file {
        Some("-") => Ok(Destination::Stdout),
        Some("") => Err(usage(
            "FILE is empty: give a file, a directory, or - for standard output",
        )),
        Some(file) => {
            let path = PathBuf::from(file);
            if path.is_dir() || file.ends_with('/') {
                if !path.is_dir() {
                    return Err(usage(format!("directory {file} does not exist")));
                }
                Ok(Destination::File(path.join(name()?)))
            } else {
                Ok(Destination::File(path))
            }
        }
        None => Ok(Destination::File(PathBuf::from(name()?))),
    }
}
