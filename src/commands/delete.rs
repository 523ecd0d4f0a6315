//! `s3img delete SRC...`: delete objects; a missing one is an error unless told otherwise.

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::DeleteArgs;
use crate::client::classify;
use crate::error::Failure;
use crate::location::Location;
use crate::transfer::upload::exists;

/// Runs `delete`. Every location is checked before anything is deleted.
pub async fn run(ctx: &Context, args: &DeleteArgs) -> Result<()> {
    let bucket = ctx.settings.bucket.as_deref();
    let targets = args
        .srcs
        .iter()
        .map(|src| Location::parse_object(src, bucket))
        .collect::<Result<Vec<_>>>()?;
    let s3 = ctx.connect(false).await?;

    for target in &targets {
        // S3 answers a delete of a missing key with success, so ask first.
        let found = exists(&s3, target).await?;
        if !found {
            if args.ignore_missing {
                report(ctx, target, false)?;
                continue;
            }
            return Err(Failure::NotFound(target.to_string()).into());
        }
        s3.client
            .delete_object()
            .bucket(&target.bucket)
            .key(&target.key)
            .send()
            .await
            .map_err(|e| classify(&s3, e, &target.to_string()))
            .map_err(|e| e.context(format!("deleting {target}")))?;
        report(ctx, target, true)?;
    }
    Ok(())
}

fn report(ctx: &Context, target: &Location, deleted: bool) -> std::io::Result<()> {
    let human = if deleted {
        format!("deleted {target}")
    } else {
        format!("not found, ignored: {target}")
    };
    ctx.output.result(
        &human,
        &json!({
            "action": "delete",
            "bucket": target.bucket,
            "key": target.key,
            "deleted": deleted,
        }),
    )
}
