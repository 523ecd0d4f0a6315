//! Downloading an image into a file or standard output, as concurrent ranged GETs.
//!
//! Ranges are fetched `concurrency` at a time and handed on in order to a writer thread,
//! which hashes and writes them and leaves runs of zero blocks as holes in a file; memory
//! stays bounded by the ranges in flight, in buffers that are reused. Every range after the first is
//! asked for on the condition that the object's ETag has not changed.
//!
//! A file is written beside its destination under a temporary name and renamed only once
//! every byte arrived, matched the stored hash and was flushed to disk, so a failed or
//! interrupted download never leaves a partial file under the destination name.

use std::collections::VecDeque;
use std::fs::File;
use std::io::Write;
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::Duration;

use anyhow::{Context, Result};
use aws_sdk_s3::operation::get_object::GetObjectOutput;
use aws_sdk_s3::primitives::{ByteStream, DateTimeFormat};
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use tokio::task::JoinHandle;

use super::ObjectInfo;
use super::buffers::Buffers;
use super::hash::{Algorithm, State};
use super::retry::{self, Attempt};
use crate::client::{S3, classify};
use crate::error::{Failure, Resumable, usage};
use crate::location::Location;
use crate::output::{Progress, Tally};

/// Where the image goes.
#[derive(Debug, Clone)]
pub enum Destination {
    File(PathBuf),
    Stdout,
}

/// How a download runs.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Ranges in flight at once.
    pub concurrency: usize,
    /// Bytes per ranged GET.
    pub range_size: u64,
    /// Leave runs of zero blocks as holes in a file.
    pub sparse: bool,
    /// The algorithm to compute when the object has no stored hash.
    pub hash: Algorithm,
    /// Continue from a partial file an earlier, interrupted download left.
    pub resume: bool,
}

/// What a partial download needs to go on, kept beside its temporary file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Partial {
    endpoint: String,
    bucket: String,
    key: String,
    etag: String,
    size: u64,
    /// Bytes from the start that are in the file.
    written: u64,
    hash: String,
    hash_state: String,
}

/// Bytes written between two saves of the partial download's record.
const SAVE_EVERY: u64 = 64 * 1024 * 1024;

/// What a download did.
#[derive(Debug, Clone)]
pub struct Downloaded {
    pub info: ObjectInfo,
    pub hash_algorithm: Algorithm,
    /// The hash of the bytes written, lowercase hex.
    pub hash: String,
    /// Whether the object carried a stored hash (which then matched).
    pub verified: bool,
}

/// Removes a temporary file and its record when dropped, unless they are to be kept.
struct TempFile {
    path: PathBuf,
    record: PathBuf,
    keep: bool,
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
            let _ = std::fs::remove_file(&self.record);
        }
    }
}

/// Downloads `from` into `to`. `progress` is made once the size is known.
pub async fn download(
    s3: &S3,
    from: &Location,
    to: &Destination,
    options: Options,
    progress: impl FnOnce(u64) -> Progress,
) -> Result<Downloaded> {
    match to {
        Destination::Stdout => fetch(s3, from, Sink::Stdout, None, options, progress).await,
        Destination::File(path) => download_file(s3, from, path, options, progress).await,
    }
}

async fn download_file(
    s3: &S3,
    from: &Location,
    path: &Path,
    options: Options,
    progress: impl FnOnce(u64) -> Progress,
) -> Result<Downloaded> {
    let (temp_path, record_path) = temp_paths(path);
    // A symbolic link planted under the temporary name (in a shared directory, say) is
    // refused rather than followed to a file it would overwrite.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&temp_path)
        .map_err(|e| {
            if e.raw_os_error() == Some(libc::ELOOP) {
                anyhow::anyhow!(
                    "{} is a symbolic link; refusing to write through it",
                    temp_path.display()
                )
            } else {
                anyhow::Error::new(e).context(format!("creating {}", temp_path.display()))
            }
        })?;
    if let Err(err) = file.try_lock() {
        return Err(match err {
            std::fs::TryLockError::WouldBlock => usage(format!(
                "another s3img is downloading to {}",
                path.display()
            )),
            std::fs::TryLockError::Error(err) => {
                anyhow::Error::new(err).context(format!("locking {}", temp_path.display()))
            }
        });
    }
    let mut temp = TempFile {
        path: temp_path.clone(),
        record: record_path.clone(),
        keep: false,
    };
    let partial = if options.resume {
        read_record(&record_path)
            .filter(|p| p.endpoint == s3.endpoint && p.bucket == from.bucket && p.key == from.key)
    } else {
        None
    };
    // A record is only as good as the file beside it: one that claims more bytes than the
    // file holds (truncated since), or whose hash state was saved at another point, is
    // not followed.
    let on_disk = file.metadata().map_or(0, |m| m.len());
    let partial = partial.filter(|p| {
        let state_fits = p
            .hash
            .parse::<Algorithm>()
            .ok()
            .is_some_and(|algo| State::restore(algo, &p.hash_state, p.written).is_some());
        let fits = state_fits && p.written <= on_disk;
        if !fits {
            tracing::warn!(
                "the record of the interrupted download of {from} does not fit {}; starting \
                 over",
                temp_path.display()
            );
        }
        fits
    });
    let sink = Sink::File {
        file,
        path: temp_path.clone(),
        record: record_path.clone(),
        sparse: options.sparse,
    };
    match fetch(s3, from, sink, partial, options, progress).await {
        Ok(done) => {
            std::fs::rename(&temp.path, path).with_context(|| {
                format!("renaming {} to {}", temp.path.display(), path.display())
            })?;
            temp.path = PathBuf::new();
            Ok(done)
        }
        Err(err) if crate::error::resumable(&err) => {
            temp.keep = std::fs::metadata(&record_path).is_ok();
            if temp.keep {
                return Err(err.context(Resumable));
            }
            Err(err)
        }
        Err(err) => Err(err),
    }
}

/// `dir/.name.s3img.part` and its record `dir/.name.s3img.part.json`: hidden, beside the
/// destination, so that a later run finds them.
fn temp_paths(path: &Path) -> (PathBuf, PathBuf) {
    let name = path
        .file_name()
        .map_or_else(|| "image".into(), |n| n.to_string_lossy());
    (
        path.with_file_name(format!(".{name}.s3img.part")),
        path.with_file_name(format!(".{name}.s3img.part.json")),
    )
}

/// Where the writer thread puts the bytes.
enum Sink {
    File {
        file: File,
        path: PathBuf,
        /// Where the record of a partial download is kept.
        record: PathBuf,
        sparse: bool,
    },
    Stdout,
}

/// The first response tells the size, ETag and stored hash; the rest are ranges. With
/// `partial`, fetching starts where an earlier download stopped, if the object is the same.
async fn fetch(
    s3: &S3,
    from: &Location,
    sink: Sink,
    partial: Option<Partial>,
    options: Options,
    progress: impl FnOnce(u64) -> Progress,
) -> Result<Downloaded> {
    let what = from.to_string();
    let range_size = options.range_size.max(1);
    let start = async {
        if let Some(partial) = partial {
            match resume_response(s3, from, &partial, range_size).await? {
                Some(first) => return Ok((first, Some(partial))),
                None => {
                    tracing::warn!("{what} changed since the interrupted download; starting over")
                }
            }
        }
        anyhow::Ok((first_response(s3, from, range_size).await?, None))
    };
    let (first, partial) = tokio::select! {
        result = start => result?,
        () = crate::interrupt::interrupted() => return Err(Failure::Interrupted.into()),
    };
    let size = total_size(&first).with_context(|| format!("{what}: no usable size"))?;
    let mut info = ObjectInfo {
        size,
        last_modified: first
            .last_modified()
            .and_then(|t| t.fmt(DateTimeFormat::DateTime).ok())
            .unwrap_or_default(),
        etag: first.e_tag().map(str::to_owned),
        ..ObjectInfo::default()
    };
    info.read_metadata(first.metadata());
    let algo = info.hash.as_ref().map_or(options.hash, |(algo, _)| *algo);
    let (offset, state) = match &partial {
        Some(p) => match State::restore(algo, &p.hash_state, p.written) {
            Some(state) if p.hash == algo.name() => (p.written, state),
            _ => anyhow::bail!(
                "the record of the interrupted download is damaged: run get again with --no-resume"
            ),
        },
        None => (0, State::new(algo)),
    };
    if offset > 0 {
        tracing::info!("resuming the download of {what} at byte {offset} of {size}");
    }
    let progress = progress(size);
    progress.add(offset);
    let record = Partial {
        endpoint: s3.endpoint.clone(),
        bucket: from.bucket.clone(),
        key: from.key.clone(),
        etag: info.etag.clone().unwrap_or_default(),
        size,
        written: offset,
        hash: algo.name().to_owned(),
        hash_state: String::new(),
    };
    let first_len = first.content_length().unwrap_or(0).max(0) as u64;
    // A server that ignores Range sends the whole object in the first body; it is then
    // passed on in range-sized pieces as it arrives, never held whole.
    let whole_body = first_len > range_size;
    if whole_body {
        tracing::info!(
            "{what}: the server ignored the range and sends all {first_len} bytes at once"
        );
    }

    // Ranges in flight, one waiting for the writer and one being written.
    let buffers = Arc::new(Buffers::new(options.concurrency + 2));
    let (sender, receiver) = sync_channel::<Vec<u8>>(1);
    let writer = {
        let buffers = buffers.clone();
        std::thread::Builder::new()
            .name("s3img-write".into())
            .spawn(move || write_all(sink, &receiver, state, record, &buffers))
            .context("starting the writer thread")?
    };

    let fetched = async {
        if whole_body {
            let passed = pass_on(
                first,
                &sender,
                &buffers,
                range_size as usize,
                &progress,
                &what,
                s3.timeout,
            )
            .await?;
            return Ok(offset + passed);
        }
        let mut queue = InOrder(VecDeque::new());
        let first_body = {
            let (what, mut tally, idle) = (what.clone(), progress.tally(), s3.timeout);
            let buf = buffers.take(first_len as usize);
            tokio::spawn(async move { collect(first, buf, &what, idle, &mut tally).await })
        };
        queue.0.push_back(first_body);
        let mut next = offset + first_len;
        let mut written = offset;
        loop {
            while queue.0.len() < options.concurrency && next < size {
                let end = (next + range_size).min(size);
                let (s3, from, etag, progress, buffers) = (
                    s3.clone(),
                    from.clone(),
                    info.etag.clone(),
                    progress.clone(),
                    buffers.clone(),
                );
                queue.0.push_back(tokio::spawn(async move {
                    let range = Range { start: next, end };
                    fetch_range(&s3, &from, etag.as_deref(), range, &progress, &buffers).await
                }));
                next = end;
            }
            let Some(head) = queue.0.pop_front() else {
                break;
            };
            let chunk = head.await.context("a download task failed")??;
            written += chunk.len() as u64;
            let sender = sender.clone();
            let sent = tokio::task::spawn_blocking(move || sender.send(chunk)).await;
            if !matches!(sent, Ok(Ok(()))) {
                // The writer stopped; its own error is the one to report.
                break;
            }
        }
        anyhow::Ok(written)
    };
    let fetched = tokio::select! {
        result = fetched => result,
        () = crate::interrupt::interrupted() => Err(Failure::Interrupted.into()),
    };
    drop(sender);
    let written_hash = tokio::task::spawn_blocking(move || writer.join())
        .await
        .context("waiting for the writer thread")?
        .map_err(|_| anyhow::anyhow!("the writer thread panicked"))?;
    let written = fetched?;
    let hash = written_hash?;
    progress.finish();
    if written != size {
        anyhow::bail!("{what}: the server announced {size} bytes but sent {written}");
    }
    let verified = match &info.hash {
        Some((algo, expected)) if *expected != hash => {
            return Err(Failure::HashMismatch {
                what,
                algorithm: algo.name(),
                expected: expected.clone(),
                actual: hash,
            }
            .into());
        }
        Some(_) => true,
        None => {
            tracing::info!("{what} has no stored hash to check; its {algo} is {hash}");
            false
        }
    };
    Ok(Downloaded {
        info,
        hash_algorithm: algo,
        hash,
        verified,
    })
}

/// The first range of the object, or the whole object when it is empty (S3 answers a
/// range of an empty object with 416).
async fn first_response(s3: &S3, from: &Location, range_size: u64) -> Result<GetObjectOutput> {
    let what = from.to_string();
    let ranged = retry::again(s3, &format!("the first range of {what}"), || async {
        s3.client
            .get_object()
            .bucket(&from.bucket)
            .key(&from.key)
            .range(format!("bytes=0-{}", range_size - 1))
            .send()
            .await
            .map_err(|err| {
                if err.raw_response().map(|r| r.status().as_u16()) == Some(416) {
                    Attempt::Final(anyhow::anyhow!(EmptyObject))
                } else {
                    Attempt::from_sdk(s3, err, &what)
                }
            })
    })
    .await;
    match ranged {
        Err(err) if err.is::<EmptyObject>() => s3
            .client
            .get_object()
            .bucket(&from.bucket)
            .key(&from.key)
            .send()
            .await
            .map_err(|e| classify(s3, e, &what)),
        other => other,
    }
}

/// The next range of an object an earlier download stopped in, on the condition that the
/// object is unchanged; `None` when it changed (or the record does not fit it).
async fn resume_response(
    s3: &S3,
    from: &Location,
    partial: &Partial,
    range_size: u64,
) -> Result<Option<GetObjectOutput>> {
    if partial.written >= partial.size || partial.etag.is_empty() {
        return Ok(None);
    }
    let what = from.to_string();
    let end = (partial.written + range_size).min(partial.size) - 1;
    let resp = s3
        .client
        .get_object()
        .bucket(&from.bucket)
        .key(&from.key)
        .range(format!("bytes={}-{end}", partial.written))
        .if_match(&partial.etag)
        .send()
        .await;
    match resp {
        Ok(resp)
            if resp.e_tag() == Some(partial.etag.as_str())
                && holds_range(resp.content_range(), partial.written, end + 1) =>
        {
            Ok(Some(resp))
        }
        Ok(_) => Ok(None),
        Err(err)
            if matches!(
                err.raw_response().map(|r| r.status().as_u16()),
                Some(412 | 416)
            ) =>
        {
            Ok(None)
        }
        Err(err) => Err(classify(s3, err, &what)),
    }
}

/// The marker for a 416 on the first range.
#[derive(Debug)]
struct EmptyObject;

impl std::fmt::Display for EmptyObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the object is empty")
    }
}

impl std::error::Error for EmptyObject {}

/// The object's size: from `Content-Range` (`bytes 0-8388607/2147483648`) when the
/// answer is a range, else its length.
fn total_size(resp: &GetObjectOutput) -> Option<u64> {
    match resp.content_range() {
        Some(range) => range.rsplit_once('/')?.1.trim().parse().ok(),
        None => u64::try_from(resp.content_length()?).ok(),
    }
}

/// Range fetches in the order their bytes are written; any left are stopped when dropped.
struct InOrder(VecDeque<JoinHandle<Result<Vec<u8>>>>);

impl Drop for InOrder {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}

/// Reads a response's body into `buf`, which has room for the announced length; a body
/// longer than announced is refused rather than let grow the buffer.
async fn collect(
    resp: GetObjectOutput,
    mut buf: Vec<u8>,
    what: &str,
    idle: Duration,
    progress: &mut Tally,
) -> Result<Vec<u8>> {
    let announced = resp.content_length().unwrap_or(0).max(0) as usize;
    let mut body = resp.body;
    while let Some(chunk) = next_piece(&mut body, idle, what, buf.len() as u64).await? {
        if buf.len() + chunk.len() > announced {
            anyhow::bail!("{what}: the server sent more than the {announced} bytes it announced");
        }
        progress.add(chunk.len() as u64);
        buf.extend_from_slice(&chunk);
    }
    Ok(buf)
}

/// The next piece of a body; an error when it breaks off or nothing arrives for `idle`
/// (a server or proxy that holds the connection open and sends no more). `so_far` is
/// how much of it arrived before.
async fn next_piece(
    body: &mut ByteStream,
    idle: Duration,
    what: &str,
    so_far: u64,
) -> Result<Option<Bytes>> {
    match tokio::time::timeout(idle, body.try_next()).await {
        Ok(piece) => piece.with_context(|| format!("reading {what} after {so_far} bytes")),
        Err(_) => anyhow::bail!(
            "{what}: nothing arrived for {} s after {so_far} bytes (timeout)",
            idle.as_secs()
        ),
    }
}

/// Hands a whole-object body to the writer in pieces of `piece` bytes as it arrives.
/// Returns the bytes passed on.
async fn pass_on(
    resp: GetObjectOutput,
    sender: &SyncSender<Vec<u8>>,
    buffers: &Buffers,
    piece: usize,
    progress: &Progress,
    what: &str,
    idle: Duration,
) -> Result<u64> {
    let send = |buf: Vec<u8>| {
        let sender = sender.clone();
        async move {
            // An error means the writer stopped; its own error is the one to report.
            matches!(
                tokio::task::spawn_blocking(move || sender.send(buf)).await,
                Ok(Ok(()))
            )
        }
    };
    let mut body = resp.body;
    let mut buf = buffers.take(piece);
    let mut passed = 0u64;
    while let Some(chunk) = next_piece(&mut body, idle, what, passed + buf.len() as u64).await? {
        progress.add(chunk.len() as u64);
        let mut rest = &chunk[..];
        while !rest.is_empty() {
            let (now, later) = rest.split_at((piece - buf.len()).min(rest.len()));
            buf.extend_from_slice(now);
            rest = later;
            if buf.len() == piece {
                passed += piece as u64;
                if !send(std::mem::replace(&mut buf, buffers.take(piece))).await {
                    return Ok(passed);
                }
            }
        }
    }
    passed += buf.len() as u64;
    if !buf.is_empty() {
        send(buf).await;
    }
    Ok(passed)
}

/// Whether a response holds exactly bytes `start..end`, by its `Content-Range`.
fn holds_range(content_range: Option<&str>, start: u64, end: u64) -> bool {
    content_range
        .and_then(|range| range.strip_prefix("bytes "))
        .and_then(|range| range.split_once('/'))
        .and_then(|(span, _)| span.split_once('-'))
        .is_some_and(|(first, last)| {
            first.trim().parse() == Ok(start) && last.trim().parse::<u64>() == Ok(end - 1)
        })
}

/// Bytes `start..end` of an object.
#[derive(Debug, Clone, Copy)]
struct Range {
    start: u64,
    end: u64,
}

/// Fetches a range, again when the body breaks off.
async fn fetch_range(
    s3: &S3,
    from: &Location,
    etag: Option<&str>,
    Range { start, end }: Range,
    progress: &Progress,
    buffers: &Buffers,
) -> Result<Vec<u8>> {
    let what = from.to_string();
    let label = format!("bytes {start}-{} of {what}", end - 1);
    retry::again(s3, &label, || async {
        let mut request = s3
            .client
            .get_object()
            .bucket(&from.bucket)
            .key(&from.key)
            .range(format!("bytes={start}-{}", end - 1));
        if let Some(etag) = etag {
            request = request.if_match(etag);
        }
        let resp = request.send().await.map_err(|err| {
            if err.raw_response().map(|r| r.status().as_u16()) == Some(412) {
                Attempt::Final(anyhow::anyhow!(
                    "{what} changed on the server while it was downloaded; run get again"
                ))
            } else {
                Attempt::from_sdk(s3, err, &what)
            }
        })?;
        if !holds_range(resp.content_range(), start, end) {
            return Err(Attempt::Final(anyhow::anyhow!(
                "{what}: asked for bytes {start}-{}, the server answered with {}; it does not \
                 serve ranges consistently",
                end - 1,
                resp.content_range().unwrap_or("the whole object")
            )));
        }
        // Progress counted for a broken-off body is taken back before the retry.
        let mut counted = progress.tally();
        let buf = buffers.take((end - start) as usize);
        match collect(resp, buf, &label, s3.timeout, &mut counted).await {
            Ok(bytes) if bytes.len() as u64 == end - start => Ok(bytes),
            Ok(bytes) => {
                counted.undo();
                let arrived = bytes.len();
                buffers.give(bytes);
                Err(Attempt::Transient {
                    reason: format!("{arrived} of {} bytes arrived", end - start),
                    error: anyhow::anyhow!("{label}: the body was cut short"),
                })
            }
            Err(error) => {
                counted.undo();
                Err(Attempt::Transient {
                    reason: format!("{:#}", error.root_cause()),
                    error,
                })
            }
        }
    })
    .await
}

/// Bytes hashed and written at a time, so each block is still in the CPU's cache when it is
/// written after being hashed.
const WRITE_BLOCK: usize = 1024 * 1024;

/// The writer thread: hashes and writes chunks in order from `record.written`, handing
/// their buffers back. A file's record of progress is saved now and then and when the
/// chunks stop, after the bytes it counts are on disk. Returns the hash of the whole object.
fn write_all(
    sink: Sink,
    chunks: &Receiver<Vec<u8>>,
    mut hash: State,
    mut record: Partial,
    buffers: &Buffers,
) -> Result<String> {
    match sink {
        Sink::Stdout => {
            let mut out = std::io::stdout().lock();
            for chunk in chunks {
                for block in chunk.chunks(WRITE_BLOCK) {
                    hash.update(block);
                    out.write_all(block).context("writing to standard output")?;
                }
                buffers.give(chunk);
            }
            out.flush().context("writing to standard output")?;
        }
        Sink::File {
            file,
            path,
            record: record_path,
            sparse,
        } => {
            let context = || format!("writing {}", path.display());
            // Whatever lies past the bytes being resumed from is stale.
            file.set_len(record.written).with_context(context)?;
            let mut saved = record.written;
            let result = (|| {
                for chunk in chunks {
                    for block in chunk.chunks(WRITE_BLOCK) {
                        hash.update(block);
                        if sparse {
                            write_sparse(&file, record.written, block)
                        } else {
                            file.write_all_at(block, record.written)
                        }
                        .with_context(context)?;
                        record.written += block.len() as u64;
                    }
                    buffers.give(chunk);
                    if record.written - saved >= SAVE_EVERY {
                        save_record(&file, &record_path, &mut record, &hash)?;
                        saved = record.written;
                    }
                }
                anyhow::Ok(())
            })();
            // Trailing holes need the length set; earlier ones are covered by later data.
            file.set_len(record.written).with_context(context)?;
            save_record(&file, &record_path, &mut record, &hash)?;
            result?;
        }
    }
    Ok(hash.hex())
}

/// The record of a partial download, when there is a readable one. Like the partial file,
/// it is not read through a symbolic link, and it is small.
fn read_record(path: &Path) -> Option<Partial> {
    const LIMIT: u64 = 64 * 1024;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .ok()?;
    let text = crate::bounded::read(file, LIMIT).ok()?;
    serde_json::from_slice(&text).ok()
}

/// Saves how far a download got, once the bytes it counts are on disk.
fn save_record(file: &File, path: &Path, record: &mut Partial, hash: &State) -> Result<()> {
    record.hash_state = hash.snapshot();
    let context = || format!("saving {}", path.display());
    file.sync_data().with_context(context)?;
    let temp = path.with_extension("new");
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&temp)
        .with_context(context)?;
    out.write_all(&serde_json::to_vec(record).with_context(context)?)
        .with_context(context)?;
    std::fs::rename(&temp, path).with_context(context)
}

/// Block size below which zeros are written rather than skipped.
const HOLE_BLOCK: usize = 4096;

/// Writes `data` at `offset`, skipping blocks that are all zero so they become holes.
fn write_sparse(file: &File, offset: u64, data: &[u8]) -> std::io::Result<()> {
    let mut run_start: Option<usize> = None;
    let mut at = 0;
    while at < data.len() {
        let end = (at + HOLE_BLOCK).min(data.len());
        let zero = is_zero(&data[at..end]);
        match (zero, run_start) {
            (false, None) => run_start = Some(at),
            (true, Some(start)) => {
                file.write_all_at(&data[start..at], offset + start as u64)?;
                run_start = None;
            }
            _ => {}
        }
        at = end;
    }
    if let Some(start) = run_start {
        file.write_all_at(&data[start..], offset + start as u64)?;
    }
    Ok(())
}

fn is_zero(block: &[u8]) -> bool {
    let mut words = block.chunks_exact(8);
    let words_zero = words
        .by_ref()
        .all(|w| u64::from_ne_bytes(w.try_into().expect("chunks of 8")) == 0);
    words_zero && words.remainder().iter().all(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn zero_blocks_become_holes_and_the_bytes_stay_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("image.raw");
        let file = File::create(&path).unwrap();
        let mut data = vec![0u8; 1024 * 1024];
        data[10] = 1;
        data[600_000] = 2;
        let tail = vec![0u8; 1024 * 1024];
        write_sparse(&file, 0, &data).unwrap();
        write_sparse(&file, data.len() as u64, &tail).unwrap();
        file.set_len((data.len() + tail.len()) as u64).unwrap();
        file.sync_all().unwrap();
        let read = std::fs::read(&path).unwrap();
        assert_eq!(&read[..data.len()], &data[..]);
        assert!(read[data.len()..].iter().all(|&b| b == 0));
        let allocated = std::fs::metadata(&path).unwrap().blocks() * 512;
        assert!(allocated <= 64 * 1024, "{allocated} bytes allocated");
    }

    #[test]
    fn a_range_answer_must_hold_the_bytes_asked_for() {
        assert!(holds_range(Some("bytes 0-4194303/9437184"), 0, 4_194_304));
        assert!(holds_range(Some("bytes 8-8/9"), 8, 9));
        assert!(!holds_range(Some("bytes 0-9437183/9437184"), 0, 4_194_304));
        assert!(!holds_range(Some("bytes 4-7/9"), 0, 4));
        assert!(!holds_range(Some("bytes */9"), 0, 4));
        assert!(!holds_range(None, 0, 4));
    }

    #[test]
    fn zero_detection_looks_at_every_byte() {
        assert!(is_zero(&[0; 4099]));
        let mut block = [0u8; 4099];
        block[4098] = 1;
        assert!(!is_zero(&block));
        block[4098] = 0;
        block[7] = 1;
        assert!(!is_zero(&block));
    }
}
