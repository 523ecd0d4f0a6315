//! Uploading an image: one PUT for small files, a multipart upload with several parts in
//! flight for large files and for standard input, hashing the image in the same pass.
//!
//! At most `concurrency` parts are held in memory at once: a part's buffer is only filled
//! after a slot is free, and the hashing thread shares the buffers rather than copying
//! them. A multipart upload that fails or is interrupted is aborted, so no incomplete
//! upload is left to cost storage.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};
use bytes::Bytes;
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::Parts;
use super::buffers::Buffers;
use super::hash::{self, Algorithm, Hasher};
use super::metadata;
use super::retry::{self, Attempt};
use crate::client::{S3, classify};
use crate::error::Failure;
use crate::location::Location;
use crate::output::Progress;
use crate::settings::TransferSettings;

/// Where the image comes from.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file of the given size.
    File { path: PathBuf, size: u64 },
    /// Standard input, of a size that may have been announced.
    Stdin { expected: Option<u64> },
}

/// What an upload did.
#[derive(Debug, Clone)]
pub struct Uploaded {
    pub bytes: u64,
    /// 0 for a single PUT.
    pub parts: u64,
    pub hash_algorithm: Algorithm,
    /// The whole image's hash, lowercase hex, as stored with the object.
    pub hash: String,
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

/// The image being read, with what is known of its size.
struct Source {
    reader: Box<dyn AsyncRead + Unpin + Send>,
    buffers: Arc<Buffers>,
    /// A file's size when the upload started; reading more or less is an error.
    file_size: Option<u64>,
    name: String,
}

impl Source {
    async fn open(input: &Input, buffers: Arc<Buffers>) -> Result<Source> {
        Ok(match input {
            Input::File { path, size } => {
                let file = tokio::fs::File::open(path)
                    .await
                    .with_context(|| format!("opening {}", path.display()))?;
                Source {
                    // One byte past the size shows a file that grows while it is read.
                    reader: Box::new(file.take(size + 1)),
                    buffers,
                    file_size: Some(*size),
                    name: path.display().to_string(),
                }
            }
            Input::Stdin { .. } => Source {
                reader: Box::new(tokio::io::stdin()),
                buffers,
                file_size: None,
                name: "standard input".into(),
            },
        })
    }

    /// Reads up to `size` bytes; fewer only at the end of the input.
    async fn read(&mut self, size: u64) -> Result<Bytes> {
        let size = size as usize;
        let mut buf = self.buffers.take(size);
        // Filled in place: `read_to_end` would grow a full buffer to probe for more.
        while buf.len() < size {
            let room = (size - buf.len()) as u64;
            let read = (&mut self.reader)
                .take(room)
                .read_buf(&mut buf)
                .await
                .with_context(|| format!("reading {}", self.name))?;
            if read == 0 {
                break;
            }
        }
        Ok(Bytes::from(buf))
    }

    /// Fails when a file's length changed while it was read.
    fn check_total(&self, total: u64) -> Result<()> {
        match self.file_size {
            Some(size) if size != total => anyhow::bail!(
                "{} changed while it was read: it had {size} bytes, {} were read",
                self.name,
                if total > size {
                    "more".to_owned()
                } else {
                    total.to_string()
                }
            ),
            _ => Ok(()),
        }
    }
}

/// Uploads `input` to `to` with its hash in the object's metadata.
pub async fn upload(
    s3: &S3,
    to: &Location,
    input: &Input,
    transfer: &TransferSettings,
    progress: &Progress,
) -> Result<Uploaded> {
    let size = match input {
        Input::File { size, .. } => Some(*size),
        Input::Stdin { expected } => *expected,
    };
    let parts = Parts::plan(size, transfer.part_size);
    // Parts in flight, and the one being read.
    let buffers = Arc::new(Buffers::new(transfer.concurrency + 1));
    let mut source = Source::open(input, buffers).await?;

    // Small enough for one request: known files below the threshold, and any input that
    // ends within its first part.
    let first_len = match input {
        Input::File { size, .. } if *size < transfer.multipart_threshold => size + 1,
        _ => parts.size_of(1),
    };
    let first = source.read(first_len).await?;
    if (first.len() as u64) < first_len {
        source.check_total(first.len() as u64)?;
        return put_whole(s3, to, first, transfer.hash, progress).await;
    }

    tracing::info!(
        part_size = parts.size_of(1),
        concurrency = transfer.concurrency,
        "multipart upload to {to}"
    );
    let hasher = Hasher::start(transfer.hash, 1);
    let plan = Plan {
        parts,
        concurrency: transfer.concurrency,
    };
    let (bytes, count) = multipart(s3, to, source, first, plan, &hasher, progress).await?;
    let hash = hasher.finish();
    tracing::info!("storing the image's {}: {hash}", transfer.hash);
    metadata::replace(s3, to, bytes, metadata::for_image(transfer.hash, &hash))
        .await
        .with_context(|| {
            format!(
                "{to} was uploaded whole, but storing its {} failed",
                transfer.hash
            )
        })?;
    Ok(Uploaded {
        bytes,
        parts: count,
        hash_algorithm: transfer.hash,
        hash,
    })
}

/// Sends an image held in memory with one PUT, its hash in the same request.
async fn put_whole(
    s3: &S3,
    to: &Location,
    data: Bytes,
    algo: Algorithm,
    progress: &Progress,
) -> Result<Uploaded> {
    let bytes = data.len() as u64;
    let hashed = data.clone();
    let hash = tokio::task::spawn_blocking(move || hash::digest(algo, &hashed))
        .await
        .context("hashing the image")?;
    let what = to.to_string();
    retry::again(s3, &format!("the upload of {to}"), || async {
        let put = s3
            .client
            .put_object()
            .bucket(&to.bucket)
            .key(&to.key)
            .set_metadata(Some(metadata::for_image(algo, &hash)))
            .body(ByteStream::from(data.clone()))
            .customize();
        let put = if s3.sign_payload {
            put
        } else {
            put.disable_payload_signing()
        };
        put.send()
            .await
            .map_err(|e| Attempt::from_sdk(s3, e, &what))
    })
    .await?;
    progress.add(bytes);
    Ok(Uploaded {
        bytes,
        parts: 0,
        hash_algorithm: algo,
        hash,
    })
}

/// How a multipart upload is cut and sent.
#[derive(Debug, Clone, Copy)]
struct Plan {
    parts: Parts,
    concurrency: usize,
}

/// Starts a multipart upload, sends every part and completes it; aborts it on failure or
/// interrupt. Returns the bytes and parts sent.
async fn multipart(
    s3: &S3,
    to: &Location,
    source: Source,
    first: Bytes,
    plan: Plan,
    hasher: &Hasher,
    progress: &Progress,
) -> Result<(u64, u64)> {
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
        let work = send_parts(s3, to, &upload_id, source, first, plan, hasher, progress);
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

/// Reads, hashes and sends every part; returns them in order with their total size.
#[allow(clippy::too_many_arguments)]
async fn send_parts(
    s3: &S3,
    to: &Location,
    upload_id: &str,
    mut source: Source,
    first: Bytes,
    plan: Plan,
    hasher: &Hasher,
    progress: &Progress,
) -> Result<(Vec<CompletedPart>, u64)> {
    let slots = Arc::new(Semaphore::new(plan.concurrency));
    let mut tasks: JoinSet<Result<(CompletedPart, u64)>> = JoinSet::new();
    let mut done = Vec::new();
    let mut next = Some(first);
    let mut number: u64 = 0;
    let mut total = 0u64;

    loop {
        let slot = slots
            .clone()
            .acquire_owned()
            .await
            .context("upload slots closed")?;
        let want = plan.parts.size_of(number + 1);
        let data = match next.take() {
            Some(data) => data,
            None => source.read(want).await?,
        };
        if data.is_empty() {
            break;
        }
        let last = (data.len() as u64) < want;
        number += 1;
        if number > super::MAX_PARTS {
            anyhow::bail!(
                "the image needs more than {} parts: raise transfer.part_size, or give \
                 --expected-size for standard input",
                super::MAX_PARTS
            );
        }
        total += data.len() as u64;
        hasher.feed(data.clone()).await;
        let (s3, to, upload_id) = (s3.clone(), to.clone(), upload_id.to_owned());
        let (progress, buffers) = (progress.clone(), source.buffers.clone());
        let part = number as i32;
        tasks.spawn(async move {
            let len = data.len() as u64;
            let sent = send_part(&s3, &to, &upload_id, part, &data).await?;
            progress.add(len);
            // The hashing thread is done with it by now, unless it is the slowest step.
            buffers.reclaim(data);
            drop(slot);
            Ok((sent, len))
        });
        while let Some(finished) = tasks.try_join_next() {
            done.push(finished.context("a part upload task failed")??);
        }
        if last {
            break;
        }
    }
    source.check_total(total)?;
    while let Some(finished) = tasks.join_next().await {
        done.push(finished.context("a part upload task failed")??);
    }
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
    body: &Bytes,
) -> Result<CompletedPart> {
    let what = to.to_string();
    let sent = retry::again(s3, &format!("part {number}"), || async {
        let upload = s3
            .client
            .upload_part()
            .bucket(&to.bucket)
            .key(&to.key)
            .upload_id(upload_id)
            .part_number(number)
            .body(ByteStream::from(body.clone()))
            .customize();
        let upload = if s3.sign_payload {
            upload
        } else {
            upload.disable_payload_signing()
        };
        upload
            .send()
            .await
            .map_err(|e| Attempt::from_sdk(s3, e, &what))
    })
    .await
    .with_context(|| format!("uploading part {number}"))?;
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
) -> Result<(u64, u64)> {
    let count = parts.len() as u64;
    tracing::info!("all {count} parts sent; completing the upload");
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
    Ok((bytes, count))
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
