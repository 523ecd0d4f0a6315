//! Downloading an image into a file or standard output, streaming.
//!
//! A file is written beside its destination under a temporary name and renamed only once
//! every byte arrived and was flushed to disk, so a failed or interrupted download never
//! leaves a partial file under the destination name.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tokio::io::{AsyncWrite, AsyncWriteExt};

use crate::client::{S3, classify};
use crate::error::Failure;
use crate::location::Location;
use crate::output::Output;

/// Where the image goes.
#[derive(Debug, Clone)]
pub enum Destination {
    File(PathBuf),
    Stdout,
}

/// Removes a temporary file when dropped, unless it was renamed into place.
struct TempFile {
    path: PathBuf,
    keep: bool,
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Downloads `from` into `to`; returns the number of bytes written.
pub async fn download(s3: &S3, from: &Location, to: &Destination, output: &Output) -> Result<u64> {
    let work = async {
        match to {
            Destination::Stdout => {
                let mut out = tokio::io::stdout();
                let bytes = fetch(s3, from, &mut out, output).await?;
                out.flush().await.context("writing to standard output")?;
                Ok(bytes)
            }
            Destination::File(path) => download_file(s3, from, path, output).await,
        }
    };
    tokio::select! {
        result = work => result,
        () = crate::interrupt::interrupted() => Err(Failure::Interrupted.into()),
    }
}

async fn download_file(s3: &S3, from: &Location, path: &Path, output: &Output) -> Result<u64> {
    let temp = TempFile {
        path: temp_path(path),
        keep: false,
    };
    let mut file = tokio::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp.path)
        .await
        .with_context(|| format!("creating {}", temp.path.display()))?;
    let bytes = fetch(s3, from, &mut file, output).await?;
    file.sync_all()
        .await
        .with_context(|| format!("writing {}", temp.path.display()))?;
    drop(file);
    let mut temp = temp;
    tokio::fs::rename(&temp.path, path)
        .await
        .with_context(|| format!("renaming {} to {}", temp.path.display(), path.display()))?;
    temp.keep = true;
    Ok(bytes)
}

/// `dir/.name.s3img-PID.part`: hidden, beside the destination, unique per process.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "image".into(), |n| n.to_string_lossy());
    let temp = format!(".{name}.s3img-{}.part", std::process::id());
    path.with_file_name(temp)
}

async fn fetch(
    s3: &S3,
    from: &Location,
    out: &mut (dyn AsyncWrite + Unpin + Send),
    output: &Output,
) -> Result<u64> {
    let resp = s3
        .client
        .get_object()
        .bucket(&from.bucket)
        .key(&from.key)
        .send()
        .await
        .map_err(|e| classify(s3, e, &from.to_string()))?;
    let expected = resp.content_length().and_then(|n| u64::try_from(n).ok());
    let progress = output.progress(expected, &format!("get {}", from.file_name()));
    let mut body = resp.body;
    let mut written = 0u64;
    while let Some(chunk) = body
        .try_next()
        .await
        .with_context(|| format!("reading {from} after {written} bytes"))?
    {
        out.write_all(&chunk).await.context("writing the image")?;
        written += chunk.len() as u64;
        progress.add(chunk.len() as u64);
    }
    progress.finish();
    if let Some(expected) = expected
        && expected != written
    {
        anyhow::bail!("{from}: the server announced {expected} bytes but sent {written}");
    }
    Ok(written)
}
