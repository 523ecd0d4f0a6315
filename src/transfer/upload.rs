//! Uploading an image: one PUT for small files, a multipart upload with several parts in
//! flight for large files and for standard input, hashing the image in the same pass.
//!
//! At most `concurrency` parts are held in memory at once: a part's buffer is only filled
//! after a slot is free, and the hashing thread shares the buffers rather than copying
//! them.
//!
//! A multipart upload of a file keeps a journal (see [`super::journal`]); when it is
//! interrupted or fails for a reason that may pass, the upload and its journal stay, and
//! running the same command again sends only the parts the server does not have. Any other
//! failure, and any failure of an upload from standard input, aborts the multipart upload
//! so that nothing is left to cost storage.

use std::collections::BTreeMap;
use std::io::SeekFrom;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::CompletedPart;
use bytes::Bytes;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncSeekExt};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::Parts;
use super::buffers::Buffers;
use super::hash::{self, Algorithm, Hasher, Snapshots, State};
use super::image::{self, ImageInfo};
use super::journal::{self, FileId, Journal};
use super::metadata;
use super::retry::{self, Attempt};
use super::uploads;
use super::watch::Watch;
use crate::client::{self, S3, classify};
use crate::error::{Failure, Resumable};
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
    /// What the image's header says, as stored with the object.
    pub image: ImageInfo,
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
    /// Bytes read ahead (the first part of standard input), handed out before any more.
    pending: Option<Bytes>,
    /// The bytes a file has from where reading starts; reading more or less is an error.
    file_size: Option<u64>,
    /// The file's identity when it was opened; another one after reading is an error.
    identity: Option<FileId>,
    name: String,
}

/// A file that changed while it was read: its upload cannot be resumed.
#[derive(Debug)]
struct SourceChanged(String);

impl std::fmt::Display for SourceChanged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SourceChanged {}

impl Source {
    /// Opens the input, a file at byte `offset`.
    async fn open(input: &Input, offset: u64, buffers: Arc<Buffers>) -> Result<Source> {
        Ok(match input {
            Input::File { path, size } => {
                let identity = FileId::of(path)?;
                let mut file = tokio::fs::File::open(path)
                    .await
                    .with_context(|| format!("opening {}", path.display()))?;
                if offset > 0 {
                    file.seek(SeekFrom::Start(offset))
                        .await
                        .with_context(|| format!("reading {}", path.display()))?;
                }
                let left = size.saturating_sub(offset);
                Source {
                    // One byte past the size shows a file that grows while it is read.
                    reader: Box::new(file.take(left + 1)),
                    buffers,
                    pending: None,
                    file_size: Some(left),
                    identity: Some(identity),
                    name: path.display().to_string(),
                }
            }
            Input::Stdin { .. } => Source {
                reader: Box::new(tokio::io::stdin()),
                buffers,
                pending: None,
                file_size: None,
                identity: None,
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
            Some(size) if size != total => Err(SourceChanged(format!(
                "{} changed while it was read: {size} bytes were expected, {} were read",
                self.name,
                if total > size {
                    "more".to_owned()
                } else {
                    total.to_string()
                }
            ))
            .into()),
            _ => self.check_unmodified(),
        }
    }

    /// Fails when a file was written to while it was read, even in place: an image of a
    /// running machine, say. Its modification time or inode moved.
    fn check_unmodified(&self) -> Result<()> {
        let Some(before) = &self.identity else {
            return Ok(());
        };
        let now = FileId::of(&before.path)?;
        if now != *before {
            return Err(SourceChanged(format!(
                "{} changed while it was read: it was modified or replaced; stop whatever \
                 writes to it (a running machine?) and put it again",
                self.name
            ))
            .into());
        }
        Ok(())
    }
}

/// Uploads `input` to `to` with its hash in the object's metadata. `resume` lets a
/// multipart upload of a file continue one that was interrupted.
pub async fn upload(
    s3: &S3,
    to: &Location,
    input: &Input,
    transfer: &TransferSettings,
    resume: bool,
    progress: &Progress,
) -> Result<Uploaded> {
    // Parts in flight, and the one being read.
    let buffers = Arc::new(Buffers::new(transfer.concurrency + 1));
    let algo = transfer.hash;
    let (session, source, image) = match input {
        Input::File { size, .. } if *size < transfer.multipart_threshold => {
            let mut source = Source::open(input, 0, buffers).await?;
            let data = source.read(size + 1).await?;
            source.check_total(data.len() as u64)?;
            let image = image::detect_whole(&data);
            return put_whole(s3, to, data, algo, image, progress).await;
        }
        Input::File { path, size } => {
            let parts = Parts::plan(Some(*size), transfer.part_size);
            let session = Session::begin(s3, to, path, parts, algo, resume).await?;
            let offset = session.offset();
            progress.add(offset);
            let source = Source::open(input, offset, buffers).await?;
            (session, source, image::inspect(path, *size))
        }
        Input::Stdin { expected } => {
            let parts = Parts::plan(*expected, transfer.part_size);
            let mut source = Source::open(input, 0, buffers).await?;
            let first = source.read(parts.size_of(1)).await?;
            if (first.len() as u64) < parts.size_of(1) {
                let image = image::detect_whole(&first);
                return put_whole(s3, to, first, algo, image, progress).await;
            }
            let image = image::detect(&first, None, None);
            source.pending = Some(first);
            (Session::fresh(s3, to, parts, algo).await?, source, image)
        }
    };
    tracing::info!(
        part_size = session.parts.size_of(1),
        concurrency = transfer.concurrency,
        upload_id = %session.upload_id,
        "multipart upload to {to}"
    );
    let (bytes, count, hash, image) =
        multipart(s3, to, session, source, transfer, image, progress).await?;
    Ok(Uploaded {
        bytes,
        parts: count,
        hash_algorithm: algo,
        hash,
        image,
    })
}

/// Sends an image held in memory with one PUT, its hash in the same request.
async fn put_whole(
    s3: &S3,
    to: &Location,
    data: Bytes,
    algo: Algorithm,
    image: ImageInfo,
    progress: &Progress,
) -> Result<Uploaded> {
    let bytes = data.len() as u64;
    let hashed = data.clone();
    let hash = tokio::task::spawn_blocking(move || hash::digest(algo, &hashed))
        .await
        .context("hashing the image")?;
    let what = to.to_string();
    retry::again(s3, &format!("the upload of {to}"), || async {
        let watch = Watch::new(data.clone());
        let put = s3
            .client
            .put_object()
            .bucket(&to.bucket)
            .key(&to.key)
            .set_metadata(Some(metadata::for_image(algo, &hash, &image)))
            .body(ByteStream::from(data.clone()))
            .customize()
            .config_override(client::long_answer())
            .interceptor(watch.interceptor());
        let put = if s3.sign_payload {
            put
        } else {
            put.disable_payload_signing()
        };
        watch
            .run(put.send(), s3.timeout)
            .await
            .map_err(|stalled| Attempt::stalled(&what, &stalled))?
            .map_err(|e| Attempt::from_sdk(s3, e, &what))
    })
    .await?;
    progress.add(bytes);
    Ok(Uploaded {
        bytes,
        parts: 0,
        hash_algorithm: algo,
        hash,
        image,
    })
}

/// A multipart upload under way: a new one, or one taken up again from its journal.
struct Session {
    upload_id: String,
    parts: Parts,
    /// Parts the server has already, by number: their size and ETag.
    done: BTreeMap<u64, (u64, String)>,
    /// The first part to read; those before it are on the server and already hashed.
    first_part: u64,
    /// The hash state after the parts before `first_part`.
    state: State,
    journal: Option<Arc<Mutex<Journal>>>,
}

impl Session {
    /// A new multipart upload with no journal, for standard input.
    async fn fresh(s3: &S3, to: &Location, parts: Parts, algo: Algorithm) -> Result<Session> {
        Ok(Session {
            upload_id: uploads::create(s3, to, None).await?,
            parts,
            done: BTreeMap::new(),
            first_part: 1,
            state: State::new(algo),
            journal: None,
        })
    }

    /// The upload of the file at `path`: the one its journal names when that can go on,
    /// else a new one with a new journal.
    async fn begin(
        s3: &S3,
        to: &Location,
        path: &Path,
        parts: Parts,
        algo: Algorithm,
        resume: bool,
    ) -> Result<Session> {
        let file = FileId::of(path)?;
        let journal_path = journal::path_for(
            &journal::directory()?,
            &s3.endpoint,
            &to.bucket,
            &to.key,
            &file.path,
        );
        if let Some((header, lines)) = journal::read(&journal_path) {
            let why_not = if !resume {
                Some("--no-resume was given".to_owned())
            } else if header.file != file {
                Some(format!("{} changed since then", path.display()))
            } else if header.hash != algo.name() {
                Some(format!("it was hashing with {}", header.hash))
            } else if !Parts::fits(file.size, header.part_size) {
                Some(format!(
                    "its journal names a part size of {} bytes, which S3 would refuse",
                    header.part_size
                ))
            } else {
                None
            };
            match why_not {
                None => {
                    if let Some(session) =
                        Session::take_up(s3, to, &journal_path, header, &lines, algo).await?
                    {
                        return Ok(session);
                    }
                }
                Some(why) => {
                    tracing::warn!(
                        "not resuming the interrupted upload of {} to {to}: {why}; starting over",
                        path.display()
                    );
                    abort(s3, to, &header.upload_id).await;
                }
            }
        }
        let upload_id = uploads::create(s3, to, None).await?;
        let Parts::Fixed(part_size) = parts else {
            unreachable!("a file of known size gets fixed parts");
        };
        let header = journal::Header {
            endpoint: s3.endpoint.clone(),
            bucket: to.bucket.clone(),
            key: to.key.clone(),
            file,
            part_size,
            hash: algo.name().to_owned(),
            upload_id: upload_id.clone(),
            started: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        };
        let journal = Journal::create(&journal_path, &header)?;
        tracing::info!("resume journal: {}", journal.path().display());
        Ok(Session {
            upload_id,
            parts,
            done: BTreeMap::new(),
            first_part: 1,
            state: State::new(algo),
            journal: Some(Arc::new(Mutex::new(journal))),
        })
    }

    /// Takes up the upload a journal describes, keeping the parts the server confirms.
    /// `None` when the server no longer knows the upload.
    async fn take_up(
        s3: &S3,
        to: &Location,
        journal_path: &Path,
        header: journal::Header,
        lines: &[journal::Part],
        algo: Algorithm,
    ) -> Result<Option<Session>> {
        let on_server = match uploads::list_parts(s3, to, &header.upload_id).await {
            Ok(parts) => parts,
            Err(err) if matches!(err.downcast_ref(), Some(Failure::NotFound(_))) => {
                tracing::warn!(
                    "the interrupted upload {} is gone from the server; starting over",
                    header.upload_id
                );
                return Ok(None);
            }
            Err(err) => return Err(err.context("listing the parts of the interrupted upload")),
        };
        let mut done = BTreeMap::new();
        let mut states = BTreeMap::new();
        for line in lines {
            let confirmed = on_server.get(&line.part).is_some_and(|(size, etag)| {
                *size == line.size
                    && etag
                        .as_deref()
                        .is_none_or(|etag| same_etag(etag, &line.etag))
            });
            if confirmed {
                done.insert(line.part, (line.size, line.etag.clone()));
                if let Some(state) = &line.hash_state {
                    states.insert(line.part, state.clone());
                }
            }
        }
        // Parts 1..=k are on the server and the hash state after k is known: reading starts
        // after them. Later parts the server has are read and hashed, but not sent.
        let mut first_part = 1;
        let mut state = State::new(algo);
        let mut k = 0;
        let mut hashed = 0;
        while let Some((size, _)) = done.get(&(k + 1)) {
            k += 1;
            hashed += size;
            if let Some(saved) = states.get(&k).and_then(|s| State::restore(algo, s, hashed)) {
                first_part = k + 1;
                state = saved;
            }
        }
        tracing::info!(
            "resuming upload {} of {to}: {} parts already on the server",
            header.upload_id,
            done.len()
        );
        Ok(Some(Session {
            upload_id: header.upload_id,
            parts: Parts::Fixed(header.part_size),
            done,
            first_part,
            state,
            journal: Some(Arc::new(Mutex::new(Journal::append_to(journal_path)?))),
        }))
    }

    /// Where reading starts in the file.
    fn offset(&self) -> u64 {
        (1..self.first_part).map(|n| self.parts.size_of(n)).sum()
    }

    /// The journal is no longer needed: the upload completed or was aborted.
    fn forget(self) {
        // Part tasks stopped by a failure may not have dropped their handles yet.
        if let Some(journal) = self.journal {
            journal.lock().unwrap_or_else(|e| e.into_inner()).remove();
        }
    }
}

/// ETags compare without their quotes.
fn same_etag(a: &str, b: &str) -> bool {
    a.trim_matches('"') == b.trim_matches('"')
}

/// Whether running the same command again can continue after this failure.
fn resumable(err: &anyhow::Error) -> bool {
    !err.chain().any(|cause| cause.is::<SourceChanged>()) && crate::error::resumable(err)
}

/// Sends the parts, completes the upload and stores the hash; on failure keeps the upload
/// for a resume or aborts it. Returns bytes, parts and the hash.
async fn multipart(
    s3: &S3,
    to: &Location,
    mut session: Session,
    source: Source,
    transfer: &TransferSettings,
    image: ImageInfo,
    progress: &Progress,
) -> Result<(u64, u64, String, ImageInfo)> {
    let state = std::mem::replace(&mut session.state, State::new(transfer.hash));
    let hasher = Hasher::start(state, 1);
    let work = send_parts(
        s3,
        to,
        &session,
        source,
        transfer.concurrency,
        &hasher,
        progress,
    );
    let sent = tokio::select! {
        result = work => result,
        () = crate::interrupt::interrupted() => Err(Failure::Interrupted.into()),
    };
    let result = match sent {
        Ok(parts) => complete(s3, to, &session.upload_id, parts).await,
        Err(err) => Err(err),
    };
    match result {
        Ok((bytes, count)) => {
            session.forget();
            let hash = tokio::task::spawn_blocking(move || hasher.finish())
                .await
                .context("hashing the image")?;
            tracing::info!("storing the image's {}: {hash}", transfer.hash);
            // A raw image's disk is as large as the image.
            let image = ImageInfo {
                virtual_size: image
                    .virtual_size
                    .or((image.format == "raw").then_some(bytes)),
                ..image
            };
            let stored = metadata::for_image(transfer.hash, &hash, &image);
            metadata::replace(s3, to, bytes, stored)
                .await
                .with_context(|| {
                    format!(
                        "{to} was uploaded whole, but storing its {} failed",
                        transfer.hash
                    )
                })?;
            Ok((bytes, count, hash, image))
        }
        Err(err) if session.journal.is_some() && resumable(&err) => {
            let cuts = retry::cuts();
            if cuts > 0 && s3.proxy.is_some() {
                tracing::warn!(
                    "{cuts} part uploads were cut off part-way. Squid 5 does this to large \
                     request bodies when the store reads slowly (squid bug 5405): a smaller \
                     part size (--part-size 5MiB, with --no-resume) or \
                     `client_request_buffer_max_size 64 MB` in squid.conf avoids it"
                );
            }
            tracing::info!(
                "keeping multipart upload {} of {to} to be resumed",
                session.upload_id
            );
            Err(err.context(Resumable))
        }
        Err(err) => {
            abort(s3, to, &session.upload_id).await;
            session.forget();
            Err(err)
        }
    }
}

/// Reads, hashes and sends every part the server does not have yet; returns all parts in
/// order with the object's total size.
async fn send_parts(
    s3: &S3,
    to: &Location,
    session: &Session,
    mut source: Source,
    concurrency: usize,
    hasher: &Hasher,
    progress: &Progress,
) -> Result<(Vec<CompletedPart>, u64)> {
    let slots = Arc::new(Semaphore::new(concurrency));
    let snapshots = hasher.snapshots();
    let mut tasks: JoinSet<Result<CompletedPart>> = JoinSet::new();
    let mut parts: Vec<CompletedPart> = session
        .done
        .range(..session.first_part)
        .map(|(number, (_, etag))| completed(*number, etag))
        .collect();
    let mut total = session.offset();
    let mut read = 0u64;
    let mut next = source.pending.take();
    let mut number = session.first_part - 1;

    loop {
        let slot = slots
            .clone()
            .acquire_owned()
            .await
            .context("upload slots closed")?;
        let want = session.parts.size_of(number + 1);
        let data = match next.take() {
            Some(data) => data,
            None => source.read(want).await?,
        };
        if data.is_empty() {
            break;
        }
        let len = data.len() as u64;
        let last = len < want;
        number += 1;
        if number > super::MAX_PARTS {
            anyhow::bail!(
                "the image needs more than {} parts: raise transfer.part_size, or give \
                 --expected-size for standard input",
                super::MAX_PARTS
            );
        }
        read += len;
        total += len;
        hasher.feed(number, data.clone()).await;
        if let Some((size, etag)) = session.done.get(&number) {
            if *size != len {
                return Err(SourceChanged(format!(
                    "part {number} on the server has {size} bytes, the file has {len} there"
                ))
                .into());
            }
            parts.push(completed(number, etag));
            progress.add(len);
            source.buffers.reclaim(data);
            drop(slot);
        } else {
            let (s3, to, upload_id) = (s3.clone(), to.clone(), session.upload_id.clone());
            let (progress, buffers) = (progress.clone(), source.buffers.clone());
            let (journal, snapshots) = (session.journal.clone(), snapshots.clone());
            tasks.spawn(async move {
                let sent = send_part(&s3, &to, &upload_id, number as i32, &data).await?;
                record(journal, number, len, sent.e_tag().unwrap_or(""), &snapshots).await?;
                progress.add(len);
                // The hashing thread is done with it by now, unless it is the slowest step.
                buffers.reclaim(data);
                drop(slot);
                Ok(sent)
            });
        }
        while let Some(finished) = tasks.try_join_next() {
            parts.push(finished.context("a part upload task failed")??);
        }
        if last {
            break;
        }
    }
    source.check_total(read)?;
    while let Some(finished) = tasks.join_next().await {
        parts.push(finished.context("a part upload task failed")??);
    }
    parts.sort_by_key(|p| p.part_number());
    Ok((parts, total))
}

fn completed(number: u64, etag: &str) -> CompletedPart {
    CompletedPart::builder()
        .part_number(number as i32)
        .e_tag(etag)
        .build()
}

/// Records a part the server acknowledged in the journal, when there is one, with the hash
/// state after it if the hashing thread has got there.
async fn record(
    journal: Option<Arc<Mutex<Journal>>>,
    part: u64,
    size: u64,
    etag: &str,
    snapshots: &Snapshots,
) -> Result<()> {
    let Some(journal) = journal else {
        return Ok(());
    };
    let line = journal::Part {
        part,
        size,
        etag: etag.to_owned(),
        hash_state: snapshots
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&part)
            .cloned(),
    };
    tokio::task::spawn_blocking(move || {
        journal
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .record(&line)
    })
    .await
    .context("writing the resume journal")?
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
        let watch = Watch::new(body.clone());
        let upload = s3
            .client
            .upload_part()
            .bucket(&to.bucket)
            .key(&to.key)
            .upload_id(upload_id)
            .part_number(number)
            .body(ByteStream::from(body.clone()))
            .customize()
            .config_override(client::long_answer())
            .interceptor(watch.interceptor());
        let upload = if s3.sign_payload {
            upload
        } else {
            upload.disable_payload_signing()
        };
        watch
            .run(upload.send(), s3.timeout)
            .await
            .map_err(|stalled| Attempt::stalled(&what, &stalled))?
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
    uploads::complete(s3, to, upload_id, parts)
        .await
        .context("completing the multipart upload")?;
    Ok((bytes, count))
}

/// Aborts an upload after a failure; a failure to abort is logged, not raised, so the
/// original error is the one reported.
async fn abort(s3: &S3, to: &Location, upload_id: &str) {
    match uploads::abort_request(s3, to, upload_id).await {
        Ok(()) => tracing::info!(upload_id, "multipart upload aborted"),
        Err(err) => tracing::warn!("could not abort multipart upload {upload_id} of {to}: {err:#}"),
    }
}
