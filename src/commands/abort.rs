//! `s3img abort`: abort incomplete multipart uploads, one by id or all older than an age.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::AbortArgs;
use crate::error::usage;
use crate::transfer::uploads;

/// Runs `abort`: one line, or one JSON document, per upload aborted.
pub async fn run(ctx: &Context, args: &AbortArgs) -> Result<()> {
    let at = super::bucket_prefix(args.target.as_deref(), ctx)?;
    let chosen = match (&args.upload_id, &args.older_than) {
        (Some(id), None) => {
            if at.key.is_empty() || at.key.ends_with('/') {
                return Err(usage(
                    "--upload-id needs the object's key: s3://BUCKET/KEY or a key",
                ));
            }
            Selection::One(id.clone())
        }
        (None, Some(age)) => Selection::OlderThan(
            crate::settings::parse_duration(age)
                .map_err(|why| usage(format!("invalid --older-than `{age}`: {why}")))?,
        ),
        _ => {
            return Err(usage(
                "say which uploads: --upload-id ID for one, or --older-than AGE (such as 7d, \
                 or 0s for all) for every upload under TARGET started before then",
            ));
        }
    };
    let s3 = ctx.connect(false).await?;
    let targets: Vec<(String, String, String)> = match &chosen {
        Selection::One(id) => vec![(at.key.clone(), id.clone(), String::new())],
        Selection::OlderThan(age) => {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64);
            let cutoff = now - age.as_secs() as i64;
            uploads::list(&s3, &at)
                .await?
                .into_iter()
                .filter(|u| u.initiated_secs.is_some_and(|t| t <= cutoff))
                .map(|u| (u.key, u.upload_id, u.initiated))
                .collect()
        }
    };
    for (key, id, initiated) in &targets {
        if !args.dry_run {
            uploads::abort(&s3, &at.bucket, key, id).await?;
        }
        let verb = if args.dry_run {
            "would abort"
        } else {
            "aborted"
        };
        ctx.output.result(
            &format!("{verb} {id}  s3://{}/{key}", at.bucket),
            &json!({
                "action": if args.dry_run { "would-abort" } else { "abort" },
                "bucket": at.bucket,
                "key": key,
                "upload_id": id,
                "initiated": initiated,
            }),
        )?;
    }
    ctx.output.summary(&format!(
        "{} {} uploads",
        if args.dry_run {
            "would abort"
        } else {
            "aborted"
        },
        targets.len()
    ));
    Ok(())
}

enum Selection {
    One(String),
    OlderThan(Duration),
}
