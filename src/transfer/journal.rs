//! The resume journal of a multipart upload of a file: what was being uploaded where, and
//! which parts the server has, so that running the same `put` again sends only the rest.
//!
//! One file per upload under `$XDG_STATE_HOME/s3img/uploads/`, named by a hash of the
//! endpoint, bucket, key and file path. It is written as JSON lines and only ever
//! appended to, each line flushed to disk before the part counts as done: a crash at any
//! moment leaves every complete line readable, and a torn last line is ignored.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::hash::{self, Algorithm};

/// What identifies a file's content without reading it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileId {
    pub path: PathBuf,
    pub size: u64,
    pub modified_ns: i128,
    pub inode: u64,
    pub device: u64,
}

impl FileId {
    /// Reads the identity of the file at `path` (made absolute).
    pub fn of(path: &Path) -> Result<FileId> {
        let path =
            std::path::absolute(path).with_context(|| format!("resolving {}", path.display()))?;
        let meta =
            std::fs::metadata(&path).with_context(|| format!("reading {}", path.display()))?;
        Ok(FileId {
            size: meta.len(),
            modified_ns: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
            path,
        })
    }
}

/// The first line: the upload as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub endpoint: String,
    pub bucket: String,
    pub key: String,
    pub file: FileId,
    pub part_size: u64,
    pub hash: String,
    pub upload_id: String,
    /// Seconds since the Unix epoch.
    pub started: u64,
}

/// One line per part the server acknowledged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub part: u64,
    pub size: u64,
    pub etag: String,
    /// The whole-image hash state after this part, when the hashing thread had reached it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash_state: Option<String>,
}

/// An upload's journal, open for appending.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
}

/// Where the journals live: `$XDG_STATE_HOME/s3img/uploads`.
pub fn directory() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "s3img")
        .context("no home directory to keep the resume journal in")?;
    let base = dirs
        .state_dir()
        .map_or_else(|| dirs.data_local_dir().to_path_buf(), Path::to_path_buf);
    Ok(base.join("uploads"))
}

/// The journal file of an upload of `file` to `endpoint`/`bucket`/`key`.
pub fn path_for(dir: &Path, endpoint: &str, bucket: &str, key: &str, file: &Path) -> PathBuf {
    let name = format!("{endpoint}\0{bucket}\0{key}\0{}", file.display());
    let id = hash::digest(Algorithm::Sha256, name.as_bytes());
    dir.join(format!("{}.jsonl", &id[..32]))
}

/// Reads a journal: its header and every complete part line. `None` when there is none or
/// its header cannot be read.
pub fn read(path: &Path) -> Option<(Header, Vec<Part>)> {
    let file = File::open(path).ok()?;
    let mut lines = BufReader::new(file).lines();
    let header: Header = serde_json::from_str(&lines.next()?.ok()?).ok()?;
    let parts = lines
        .map_while(Result::ok)
        .filter_map(|line| serde_json::from_str::<Part>(&line).ok())
        .collect();
    Some((header, parts))
}

/// Deletes the local journal of an upload that was aborted, if this machine has one.
pub fn forget_upload(upload_id: &str) {
    let Ok(dir) = directory() else { return };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
        if read(&path).is_some_and(|(header, _)| header.upload_id == upload_id) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

impl Journal {
    /// Starts a new journal at `path`, replacing any old one.
    pub fn create(path: &Path, header: &Header) -> Result<Journal> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let temp = path.with_extension("new");
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temp)
            .with_context(|| format!("creating {}", temp.display()))?;
        let mut line = serde_json::to_string(header).context("writing the journal")?;
        line.push('\n');
        file.write_all(line.as_bytes())
            .and_then(|()| file.sync_all())
            .with_context(|| format!("writing {}", temp.display()))?;
        std::fs::rename(&temp, path).with_context(|| format!("creating {}", path.display()))?;
        Journal::append_to(path)
    }

    /// Opens an existing journal to add parts to it.
    pub fn append_to(path: &Path) -> Result<Journal> {
        let file = OpenOptions::new()
            .append(true)
            .open(path)
            .with_context(|| format!("opening {}", path.display()))?;
        Ok(Journal {
            path: path.to_owned(),
            file,
        })
    }

    /// Records a finished part, on disk before returning.
    pub fn record(&mut self, part: &Part) -> Result<()> {
        let mut line = serde_json::to_string(part).context("writing the journal")?;
        line.push('\n');
        self.file
            .write_all(line.as_bytes())
            .and_then(|()| self.file.sync_data())
            .with_context(|| format!("writing {}", self.path.display()))
    }

    /// The journal's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Deletes the journal: the upload completed or was given up. A handle still held
    /// elsewhere writes into the removed file, never into a new one.
    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(dir: &Path) -> Header {
        let file = dir.join("image");
        std::fs::write(&file, b"data").unwrap();
        Header {
            endpoint: "http://s3".into(),
            bucket: "b".into(),
            key: "k".into(),
            file: FileId::of(&file).unwrap(),
            part_size: 5 << 20,
            hash: "sha256".into(),
            upload_id: "u-1".into(),
            started: 1,
        }
    }

    #[test]
    fn parts_survive_and_a_torn_last_line_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let header = header(dir.path());
        let mut journal = Journal::create(&path, &header).unwrap();
        let part = Part {
            part: 1,
            size: 5 << 20,
            etag: "\"e1\"".into(),
            hash_state: Some("00ff".into()),
        };
        journal.record(&part).unwrap();
        drop(journal);
        let mut torn = OpenOptions::new().append(true).open(&path).unwrap();
        torn.write_all(b"{\"part\":2,\"si").unwrap();
        let (read_header, parts) = read(&path).unwrap();
        assert_eq!(read_header, header);
        assert_eq!(parts, vec![part]);
    }

    #[test]
    fn journals_are_named_by_what_they_upload() {
        let dir = Path::new("/state");
        let a = path_for(dir, "e", "b", "k", Path::new("/x"));
        assert_eq!(a, path_for(dir, "e", "b", "k", Path::new("/x")));
        assert_ne!(a, path_for(dir, "e", "b", "k2", Path::new("/x")));
        assert!(read(Path::new("/nonexistent/journal")).is_none());
    }
}
