//! Uploading an image: one PUT for small files, a multipart upload with several parts in
//! flight for large files and for standard input.
//!
//! At most `concurrency` parts are held in memory at once: a part's buffer is only filled
//! after a slot is free. A multipart upload that fails or is interrupted is aborted, so no
//! incomplete upload is left to cost storage.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::client::{S3, classify, transient_reason};
use crate::error::Failure;
use crate::location::Location;
use crate::output::Progress;
use crate::settings::TransferSettings;

/// Where the image comes from.
#[derive(Debug, Clone)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

/// What an upload did.
#[derive(Debug, Clone, Copy)]
pub struct Uploaded {
    pub bytes: u64,
    /// 0 for a single PUT.
    pub parts: u64,
}

/// Whether an object exists under the location's key.
pub async fn exists(s3: &S3, to: &Location) -> Result<bool> {
    let head = s3
        .client
        .head_object()
        .bucket(&to.bucket)
        .key(&to.key)
        .send()
        .await;
    match head {
        Ok(_) => Ok(true),
        Err(err) => {
            let err = classify(s3, err, &to.to_string());
            match err.downcast_ref::<Failure>() {
                Some(Failure::NotFound(_)) => Ok(false),
                _ => Err(err),
            }
        }
    }
}

/// How a multipart upload is cut and sent.
#[derive(Debug, Clone, Copy)]
struct Plan {
    part_size: u64,
    concurrency: usize,
}

/// Uploads `input` to `to`. `size` is the file's size when known.
pub async fn upload(
    s3: &S3,
    to: &Location,
    input: Input,
    size: Option<u64>,
    transfer: &TransferSettings,
    progress: &Progress,
) -> Result<Uploaded> {
    let part_size = super::part_size_for(size, transfer.part_size);
    if let (Input::File(path), Some(size)) = (&input, size)
        && size < transfer.multipart_threshold
    {
        return put_file(s3, to, path, size, progress).await;
    }
    let mut reader: Box<dyn AsyncRead + Unpin + Send> = match &input {
        Input::File(path) => Box::new(
            tokio::fs::File::open(path)
                .await
                .with_context(|| format!("opening {}", path.display()))?,
        ),
        Input::Stdin => Box::new(tokio::io::stdin()),
    };
    let first = read_part(&mut reader, part_size).await?;
    if (first.len() as u64) < part_size {
        let bytes = first.len() as u64;
        put_bytes(s3, to, first).await?;
        progress.add(bytes);
        return Ok(Uploaded { bytes, parts: 0 });
    }
    tracing::info!(
        part_size,
        concurrency = transfer.concurrency,
        "multipart upload to {to}"
    );
    let plan = Plan {
        part_size,
        concurrency: transfer.concurrency,
    };
    multipart(s3, to, reader, first, plan, progress).await
}

async fn put_file(
    s3: &S3,
    to: &Location,
    path: &PathBuf,
    size: u64,
    progress: &Progress,
) -> Result<Uploaded> {
    let body = ByteStream::read_from()
        .path(path)
        .build()
        .await
        .with_context(|| format!("opening {}", path.display()))?;
    let put = s3
        .client
        .put_object()
        .bucket(&to.bucket)
        .key(&to.key)
        .body(body);
    put.send()
        .await
        .map_err(|e| classify(s3, e, &to.to_string()))?;
    progress.add(size);
    Ok(Uploaded {
        bytes: size,
        parts: 0,
    })
}

async fn put_bytes(s3: &S3, to: &Location, bytes: Vec<u8>) -> Result<()> {
    let put = s3.client.put_object().bucket(&to.bucket).key(&to.key);
    put.body(ByteStream::from(bytes))
        .send()
        .await
        .map_err(|e| classify(s3, e, &to.to_string()))?;
    Ok(())
}

/// Reads up to `size` bytes; fewer only at the end of the input.
async fn read_part(reader: &mut (dyn AsyncRead + Unpin + Send), size: u64) -> Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(size as usize);
    reader
        .take(size)
        .read_to_end(&mut buf)
        .await
        .context("reading the image")?;
    Ok(buf)
}

async fn multipart(
    s3: &S3,
    to: &Location,
    reader: Box<dyn AsyncRead + Unpin + Send>,
    first: Vec<u8>,
    plan: Plan,
    progress: &Progress,
) -> Result<Uploaded> {
    let created = s3
        .client
        .create_multipart_upload()
        .bucket(&to.bucket)
        .key(&to.key)
        .send()
        .await
        .map_err(|e| classify(s3, e, &to.to_string()))?;
    let upload_id = created
        .upload_id()
        .context("the server started a multipart upload without an upload id")?
        .to_owned();
    tracing::info!(upload_id = %upload_id, "multipart upload started");

    let parts = async {
        let work = send_parts(s3, to, &upload_id, reader, first, plan, progress);
        tokio::select! {
            result = work => result,
            () = crate::interrupt::interrupted() => Err(Failure::Interrupted.into()),
        }
    };
    let result = match parts.await {
        Ok(parts) => complete(s3, to, &upload_id, parts).await,
        Err(err) => Err(err),
    };
    if result.is_err() {
        abort(s3, to, &upload_id).await;
    }
    result
}

/// Reads and sends every part; returns them in order with their total size.
async fn send_parts(
    s3: &S3,
    to: &Location,
    upload_id: &str,
    mut reader: Box<dyn AsyncRead + Unpin + Send>,
    first: Vec<u8>,
    plan: Plan,
    progress: &Progress,
) -> Result<(Vec<CompletedPart>, u64)> {
    let Plan {
        part_size,
        concurrency,
    } = plan;
    let slots = Arc::new(Semaphore::new(concurrency));
    let mut tasks: JoinSet<Result<(CompletedPart, u64)>> = JoinSet::new();
    let mut done = Vec::new();
    let mut next = Some(first);
    let mut number: i32 = 0;

    loop {
        let slot = slots
            .clone()
            .acquire_owned()
            .await
            .context("upload slots closed")?;
        let data = match next.take() {
            Some(data) => data,
            None => read_part(&mut *reader, part_size).await?,
        };
        if data.is_empty() {
            break;
        }
        let last = (data.len() as u64) < part_size;
        number += 1;
        if number as u64 > super::MAX_PARTS {
            anyhow::bail!(
                "the image needs more than {} parts of {}: raise transfer.part_size",
                super::MAX_PARTS,
                bytesize::ByteSize(part_size)
            );
        }
        let (s3, to, upload_id) = (s3.clone(), to.clone(), upload_id.to_owned());
        let progress = progress.clone();
        tasks.spawn(async move {
            let len = data.len() as u64;
            let part = send_part(&s3, &to, &upload_id, number, data).await?;
            progress.add(len);
            drop(slot);
            Ok((part, len))
        });
        while let Some(finished) = tasks.try_join_next() {
            done.push(finished.context("a part upload task failed")??);
        }
        if last {
            break;
        }
    }
    while let Some(finished) = tasks.join_next().await {
        done.push(finished.context("a part upload task failed")??);
    }
    let total = done.iter().map(|(_, len)| len).sum();
    let mut parts: Vec<CompletedPart> = done.into_iter().map(|(part, _)| part).collect();
    parts.sort_by_key(|p| p.part_number());
    Ok((parts, total))
}

/// Sends one part. On top of the SDK's own retries of each request, a part whose sends all
/// failed for a transient reason is sent again, up to `s3.retries` more times with growing
/// pauses: some proxies cut off a share of large uploads, and a part in memory is cheap to
/// resend while a failed upload is not.
async fn send_part(
    s3: &S3,
    to: &Location,
    upload_id: &str,
    number: i32,
    data: Vec<u8>,
) -> Result<CompletedPart> {
    let retries = s3.retries;
    let body = bytes::Bytes::from(data);
    let mut attempt = 0;
    let sent = loop {
        let result = s3
            .client
            .upload_part()
            .bucket(&to.bucket)
            .key(&to.key)
            .upload_id(upload_id)
            .part_number(number)
            .body(ByteStream::from(body.clone()))
            .send()
            .await;
        match result {
            Ok(sent) => break sent,
            Err(err) => match transient_reason(&err) {
                Some(reason) if attempt < retries => {
                    attempt += 1;
                    let pause = backoff(attempt);
                    tracing::info!(
                        "part {number} failed ({reason}); sending it again in {pause:?} \
                         (retry {attempt} of {retries})"
                    );
                    tokio::time::sleep(pause).await;
                }
                _ => {
                    return Err(classify(s3, err, &to.to_string()))
                        .with_context(|| format!("uploading part {number}"));
                }
            },
        }
    };
    tracing::debug!(part = number, "part uploaded");
    Ok(CompletedPart::builder()
        .part_number(number)
        .set_e_tag(sent.e_tag().map(str::to_owned))
        .build())
}

async fn complete(
    s3: &S3,
    to: &Location,
    upload_id: &str,
    (parts, bytes): (Vec<CompletedPart>, u64),
) -> Result<Uploaded> {
    let count = parts.len() as u64;
    s3.client
        .complete_multipart_upload()
        .bucket(&to.bucket)
        .key(&to.key)
        .upload_id(upload_id)
        .multipart_upload(
            CompletedMultipartUpload::builder()
                .set_parts(Some(parts))
                .build(),
        )
        .send()
        .await
        .map_err(|e| classify(s3, e, &to.to_string()))
        .context("completing the multipart upload")?;
    Ok(Uploaded {
        bytes,
        parts: count,
    })
}

/// Exponential pause with jitter: about 0.5 s, 1 s, 2 s ... capped at 8 s.
fn backoff(attempt: u32) -> std::time::Duration {
    let base = 250u64 << attempt.min(5);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() as u64);
    let jitter = nanos % (base / 2 + 1);
    std::time::Duration::from_millis((base + jitter).min(8_000))
}

/// Aborts an upload after a failure; a failure to abort is logged, not raised, so the
/// original error is the one reported.
async fn abort(s3: &S3, to: &Location, upload_id: &str) {
    let aborted = s3
        .client
        .abort_multipart_upload()
        .bucket(&to.bucket)
        .key(&to.key)
        .upload_id(upload_id)
        .send()
        .await;
    match aborted {
        Ok(_) => tracing::info!(upload_id, "multipart upload aborted"),
        Err(err) => tracing::warn!(
            "could not abort multipart upload {upload_id} of {to}: {:#}",
            classify(s3, err, &to.to_string())
        ),
    }
}
