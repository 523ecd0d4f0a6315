//! `s3img uploads [PREFIX]`: list incomplete multipart uploads with what they hold so far.

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::UploadsArgs;
use crate::transfer::uploads;

/// Runs `uploads`: one line, or one JSON document, per incomplete upload.
pub async fn run(ctx: &Context, args: &UploadsArgs) -> Result<()> {
    let at = super::bucket_prefix(args.prefix.as_deref(), ctx)?;
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
        "{} holding {}",
        crate::output::count(found.len() as u64, "incomplete upload"),
        bytesize::ByteSize(total)
    ));
    Ok(())
}
