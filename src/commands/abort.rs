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
            parse_age(age).map_err(|why| usage(format!("invalid --older-than `{age}`: {why}")))?,
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

/// An age such as `90s`, `30m`, `12h`, `7d` or `2w`; a bare number is seconds.
pub(crate) fn parse_age(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| "must be a number with a unit, such as 7d or 12h".to_owned())?;
    let unit_secs = match unit.trim() {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        other => return Err(format!("unknown unit {other:?}: use s, m, h, d or w")),
    };
    number
        .checked_mul(unit_secs)
        .map(Duration::from_secs)
        .ok_or_else(|| "too large".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_take_units() {
        assert_eq!(parse_age("7d"), Ok(Duration::from_secs(7 * 86_400)));
        assert_eq!(parse_age("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_age("0s"), Ok(Duration::ZERO));
        assert!(parse_age("3y").unwrap_err().contains("unknown unit"));
        assert!(parse_age("d").is_err());
        assert!(parse_age("99999999999999999999w").is_err());
    }
}
