//! `s3img put FILE... [DEST]`: upload images, refusing to replace an object unless forced.

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde_json::json;

use super::Context;
use crate::cli::PutArgs;
use crate::error::{Failure, usage};
use crate::location::Location;
use crate::settings::parse_size;
use crate::transfer::upload::{self, Input};

/// Runs `put`: one file, or several at once (`--jobs`), each with its own result.
pub async fn run(ctx: &Context, args: &PutArgs) -> Result<()> {
    let expected = args
        .expected_size
        .as_deref()
        .map(|s| {
            parse_size(s, 0, MAX_OBJECT_SIZE)
                .map_err(|why| usage(format!("invalid --expected-size `{s}`: {why}")))
        })
        .transpose()?;
    let (files, dest) = match args.paths.as_slice() {
        [file] => (vec![file.clone()], None),
        [file, dest] => (vec![file.clone()], Some(dest.clone())),
        [files @ .., dest] => {
            if !(dest.ends_with('/') || dest.trim_start_matches("s3://").split('/').count() == 1) {
                return Err(usage(format!(
                    "with several files, DEST must be a prefix ending in / (not `{dest}`)"
                )));
            }
            (files.to_vec(), Some(dest.clone()))
        }
        [] => return Err(usage("nothing to upload: give FILE")),
    };
    if files.len() > 1 && files.iter().any(|f| f == "-") {
        return Err(usage("standard input (-) can only be uploaded on its own"));
    }
    // Every input and destination is checked before anything is sent.
    let mut plan = Vec::new();
    for file in &files {
        let (input, name) = open_input(file, expected)?;
        let to = destination(
            dest.as_deref(),
            name.as_deref(),
            ctx.settings.bucket.as_deref(),
        )?;
        plan.push((file.clone(), input, to));
    }
    let stdin = matches!(plan.first(), Some((_, Input::Stdin { .. }, _)));
    let s3 = ctx.connect(stdin).await?;

    let (transfer, output) = (ctx.settings.transfer, ctx.output);
    let (force, resume) = (args.force, !args.no_resume);
    let work = plan
        .into_iter()
        .map(|(file, input, to)| {
            let s3 = s3.clone();
            async move {
                let one = One {
                    s3: &s3,
                    file: &file,
                    input: &input,
                    to: &to,
                    transfer: &transfer,
                    output,
                    force,
                    resume,
                };
                one.run().await
            }
        })
        .collect();
    super::run_all(args.jobs, work, "uploads").await
}

/// One upload of a `put`.
struct One<'a> {
    s3: &'a crate::client::S3,
    file: &'a str,
    input: &'a Input,
    to: &'a Location,
    transfer: &'a crate::settings::TransferSettings,
    output: crate::output::Output,
    force: bool,
    resume: bool,
}

impl One<'_> {
    async fn run(self) -> Result<()> {
        let One {
            s3,
            file,
            input,
            to,
            transfer,
            output,
            force,
            resume,
        } = self;
        if !force && upload::exists(s3, to).await? {
            return Err(Failure::Exists(to.to_string()).into());
        }
        let started = std::time::Instant::now();
        let size = match input {
            Input::File { size, .. } => Some(*size),
            Input::Stdin { expected } => *expected,
        };
        let progress = output.progress(size, &format!("put {}", to.file_name()));
        let result = upload::upload(s3, to, input, transfer, resume, &progress).await;
        progress.finish();
        let done = result.map_err(|e| e.context(format!("uploading {file} to {to}")))?;

        let secs = started.elapsed().as_secs_f64();
        output.summary(&format!(
            "uploaded {} to {to} in {secs:.1}s ({}/s)",
            bytesize::ByteSize(done.bytes),
            bytesize::ByteSize((done.bytes as f64 / secs.max(0.001)) as u64)
        ));
        output.result(
            &format!("{to}  {}:{}", done.hash_algorithm, done.hash),
            &json!({
                "action": "put",
                "file": file,
                "bucket": to.bucket,
                "key": to.key,
                "size": done.bytes,
                "parts": done.parts,
                "hash_algorithm": done.hash_algorithm.name(),
                "hash": done.hash,
                "format": done.image.format,
                "virtual_size": done.image.virtual_size,
                "seconds": secs,
            }),
        )?;
        Ok(())
    }
}

/// S3's largest object.
const MAX_OBJECT_SIZE: u64 = 5 * 1024 * 1024 * 1024 * 1024;

/// The input and the name to use when DEST names none.
fn open_input(file: &str, expected: Option<u64>) -> Result<(Input, Option<String>)> {
    if file == "-" {
        return Ok((Input::Stdin { expected }, None));
    }
    if file.is_empty() {
        return Err(usage(
            "FILE is empty: give an image file, or - for standard input",
        ));
    }
    if expected.is_some() {
        return Err(usage(
            "--expected-size is for standard input; a file's size is known",
        ));
    }
    let path = PathBuf::from(file);
    let meta = std::fs::metadata(&path).map_err(|e| usage(format!("cannot read {file}: {e}")))?;
    if meta.is_dir() {
        return Err(usage(format!("{file} is a directory, not an image file")));
    }
    if !meta.is_file() {
        return Err(usage(format!(
            "{file} is not a regular file; to upload from a device or pipe, use \
             `s3img put - DEST < {file}`"
        )));
    }
    std::fs::File::open(&path).map_err(|e| usage(format!("cannot read {file}: {e}")))?;
    let name = Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    Ok((
        Input::File {
            path,
            size: meta.len(),
        },
        name,
    ))
}

/// Where the image goes: DEST as given, with the file's name appended to a prefix.
fn destination(dest: Option<&str>, name: Option<&str>, bucket: Option<&str>) -> Result<Location> {
    let missing_name =
        || usage("standard input has no name: give DEST as s3://BUCKET/KEY or a key");
    let Some(dest) = dest else {
        let name = name.ok_or_else(missing_name)?;
        return Location::parse_object(name, bucket);
    };
    let mut location = Location::parse(dest, bucket)?;
    if location.key.is_empty() || location.key.ends_with('/') {
        location.key.push_str(name.ok_or_else(missing_name)?);
    }
    Ok(location)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_destination_keeps_the_file_name() {
        let to = destination(Some("s3://images/ubuntu/"), Some("a.qcow2"), None).unwrap();
        assert_eq!(to.to_string(), "s3://images/ubuntu/a.qcow2");
        let to = destination(None, Some("a.qcow2"), Some("images")).unwrap();
        assert_eq!(to.to_string(), "s3://images/a.qcow2");
        let to = destination(Some("s3://images"), Some("a.qcow2"), None).unwrap();
        assert_eq!(to.to_string(), "s3://images/a.qcow2");
    }

    #[test]
    fn standard_input_needs_a_key() {
        let err = destination(Some("s3://images/"), None, None).unwrap_err();
        assert!(err.to_string().contains("standard input has no name"));
    }
}
