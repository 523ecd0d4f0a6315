//! `s3img uploads [PREFIX]`: list incomplete multipart uploads with what they hold so far.

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::UploadsArgs;
use crate::error::usage;
use crate::location::Location;
use crate::transfer::uploads;

/// Runs `uploads`: one line, or one JSON document, per incomplete upload.
pub async fn run(ctx: &Context, args: &UploadsArgs) -> Result<()> {
    let at = target(args.prefix.as_deref(), ctx)?;
    let s3 = ctx.connect(false).await?;
    let found = uploads::list(&s3, &at).await?;
    let mut total = 0;
    for upload in &found {
        total += upload.bytes;
        ctx.output.result(
            &format!(
                "{:<20}  {:>5} parts  {:>10}  {}  {}",
                upload.initiated,
                upload.parts,
                bytesize::ByteSize(upload.bytes).to_string(),
                upload.upload_id,
                upload.key
            ),
            &json!({
                "bucket": at.bucket,
                "key": upload.key,
                "upload_id": upload.upload_id,
                "initiated": upload.initiated,
                "parts": upload.parts,
                "bytes": upload.bytes,
            }),
        )?;
    }
    ctx.output.summary(&format!(
        "{} incomplete uploads holding {}",
        found.len(),
        bytesize::ByteSize(total)
    ));
    Ok(())
}

/// The bucket and prefix a command about uploads works on.
pub fn target(given: Option<&str>, ctx: &Context) -> Result<Location> {
    let bucket = ctx.settings.bucket.as_deref();
    match given {
        Some(prefix) => Location::parse(prefix, bucket),
        None => Location::parse("", bucket).map_err(|_| {
            usage("no bucket: give s3://BUCKET/, or set --bucket, S3IMG_BUCKET or `bucket`")
        }),
    }
}
