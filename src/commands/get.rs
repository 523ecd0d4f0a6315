//! `s3img get SRC [FILE]`: download an image into a file, a directory or standard output.

use std::path::PathBuf;

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::GetArgs;
use crate::error::{Failure, usage};
use crate::location::Location;
use crate::transfer::download::{self, Destination, Options};
use crate::transfer::{RANGE_SIZE, RANGES_PER_SLOT};

/// Runs `get`.
pub async fn run(ctx: &Context, args: &GetArgs) -> Result<()> {
    let from = Location::parse_object(&args.src, ctx.settings.bucket.as_deref())?;
    let to = destination(args.file.as_deref(), &from)?;
    if let Destination::File(path) = &to
        && !args.force
        && path.exists()
    {
        return Err(Failure::Exists(path.display().to_string()).into());
    }
    let s3 = ctx.connect(false).await?;

    let started = std::time::Instant::now();
    let transfer = &ctx.settings.transfer;
    let options = Options {
        concurrency: transfer.concurrency * RANGES_PER_SLOT,
        range_size: RANGE_SIZE,
        sparse: !args.no_sparse,
        hash: transfer.hash,
        resume: !args.no_resume,
    };
    let label = format!("get {}", from.file_name());
    let done = download::download(&s3, &from, &to, options, |size| {
        ctx.output.progress(Some(size), &label)
    })
    .await
    .map_err(|e| e.context(format!("downloading {from}")))?;
    let secs = started.elapsed().as_secs_f64();
    let shown = match &to {
        Destination::File(path) => path.display().to_string(),
        Destination::Stdout => "-".to_owned(),
    };
    let bytes = done.info.size;
    ctx.output.summary(&format!(
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
    if matches!(to, Destination::File(_)) || ctx.output.json {
        ctx.output.result(
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
    let name = from.file_name();
    match file {
        Some("-") => Ok(Destination::Stdout),
        Some(file) => {
            let path = PathBuf::from(file);
            if path.is_dir() || file.ends_with('/') {
                if !path.is_dir() {
                    return Err(usage(format!("directory {file} does not exist")));
                }
                Ok(Destination::File(path.join(name)))
            } else {
                Ok(Destination::File(path))
            }
        }
        None => Ok(Destination::File(PathBuf::from(name))),
    }
}
