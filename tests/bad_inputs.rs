//! A table of bad inputs across flags, variables, config files, locations and local files.
//! Each row must fail with its exit code and a one-line error that names the culprit, must
//! not panic, and must leave the working directory as it was. None of them needs a server:
//! the endpoint points at a port nothing listens on, so any request sent would also fail,
//! but with another exit code.

mod common;

use std::collections::BTreeSet;

use common::*;

struct Row {
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
    /// A config file for this row (written as S3IMG_CONFIG).
    config: Option<&'static str>,
    code: i32,
    says: &'static str,
}

const fn row(args: &'static [&'static str], code: i32, says: &'static str) -> Row {
    Row {
        args,
        env: &[],
        config: None,
        code,
        says,
    }
}

const fn env_row(
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
    code: i32,
    says: &'static str,
) -> Row {
    Row {
        args,
        env,
        config: None,
        code,
        says,
    }
}

const fn file_row(
    args: &'static [&'static str],
    config: &'static str,
    code: i32,
    says: &'static str,
) -> Row {
    Row {
        args,
        env: &[],
        config: Some(config),
        code,
        says,
    }
}

const ROWS: &[Row] = &[
    row(&["put"], 2, "FILE"),
    row(&["put", "missing.img"], 2, "cannot read missing.img"),
    row(&["put", "folder"], 2, "folder is a directory"),
    row(&["put", "/dev/null"], 2, "not a regular file"),
    row(
        &["put", "a.img", "b.img", "s3://images/one-key"],
        2,
        "DEST must be a prefix",
    ),
    row(
        &["put", "a.img", "-", "s3://images/x/"],
        2,
        "only be uploaded on its own",
    ),
    row(
        &["put", "--expected-size", "1GiB", "a.img"],
        2,
        "--expected-size is for standard input",
    ),
    row(
        &["put", "--expected-size", "lots", "-", "k"],
        2,
        "invalid --expected-size `lots`",
    ),
    row(
        &["put", "-", "s3://images/"],
        2,
        "standard input has no name",
    ),
    row(&["--part-size", "1MiB", "ls"], 2, "transfer.part_size"),
    row(&["--part-size", "big", "ls"], 2, "must be a size"),
    row(&["--concurrency", "0", "ls"], 2, "transfer.concurrency"),
    row(&["--concurrency", "65", "ls"], 2, "transfer.concurrency"),
    row(
        &["--multipart-threshold", "2GiB", "ls"],
        2,
        "transfer.multipart_threshold",
    ),
    row(&["--hash", "md5", "ls"], 2, "transfer.hash"),
    row(&["--retries", "-1", "ls"], 2, "retries"),
    row(&["--retries", "101", "ls"], 2, "retries"),
    row(
        &["--proxy-host", "127.0.0.1", "--proxy-port", "0", "ls"],
        2,
        "proxy.port",
    ),
    row(
        &["--proxy-host", "127.0.0.1", "--proxy-port", "70000", "ls"],
        2,
        "proxy.port",
    ),
    row(&["--proxy-host", "http://proxy", "ls"], 2, "proxy.host"),
    row(&["--proxy-host", "proxy:3128", "ls"], 2, "--proxy-port"),
    row(&["--proxy", "ls"], 2, "proxy.host is not set"),
    row(
        &["--proxy-password-stdin", "--proxy-host", "p", "ls"],
        2,
        "proxy",
    ),
    row(&["--endpoint", "not a url", "ls"], 2, "endpoint"),
    row(&["--region", "", "ls"], 2, "region"),
    row(
        &["--bucket", "a b", "ls"],
        2,
        "invalid bucket `a b` (from flag --bucket)",
    ),
    row(&["ls", "s3://"], 2, "bucket"),
    row(
        &["get", "s3://ab/key"],
        2,
        "`ab` is not a valid bucket name",
    ),
    row(
        &["get", "s3://images/vm/", "-"],
        2,
        "must be an existing directory",
    ),
    row(
        &["get", "s3://images/vm/", "missing-dir/"],
        2,
        "must be an existing directory",
    ),
    row(&["delete"], 2, "SRC"),
    row(&["abort", "s3://images/"], 2, "--upload-id ID for one"),
    row(&["abort", "--older-than", "3y"], 2, "unknown unit"),
    row(
        &["abort", "s3://images/", "--upload-id", "u1"],
        2,
        "needs the object's key",
    ),
    row(&["check", "s3://x"], 2, "`x` is not a valid bucket name"),
    row(
        &["--profile", "nope", "ls"],
        2,
        "profile `nope` does not exist",
    ),
    row(&["frobnicate"], 2, "frobnicate"),
    env_row(
        &["ls"],
        &[("S3IMG_PROXY_PORT", "http"), ("S3IMG_PROXY_HOST", "p")],
        2,
        "S3IMG_PROXY_PORT",
    ),
    env_row(
        &["ls"],
        &[("S3IMG_PATH_STYLE", "maybe")],
        2,
        "S3IMG_PATH_STYLE",
    ),
    env_row(
        &["ls"],
        &[("S3IMG_CONCURRENCY", "many")],
        2,
        "S3IMG_CONCURRENCY",
    ),
    env_row(&["ls"], &[("S3IMG_HASH", "crc32")], 2, "S3IMG_HASH"),
    file_row(
        &["ls"],
        "bucket = \"images\"\nretires = 3\n",
        2,
        "did you mean `retries`",
    ),
    file_row(
        &["ls"],
        "bucket = \"images\"\n[proxy\nhost = \"p\"\n",
        2,
        ".toml:2:7: invalid TOML",
    ),
    file_row(
        &["ls"],
        "[transfer]\npart_size = 12\n",
        2,
        "transfer.part_size",
    ),
    file_row(&["ls"], "retries = \"many\"\n", 2, "invalid retries `many`"),
    file_row(
        &["ls"],
        "[proxy]\nenable = true\n",
        2,
        "proxy.host is not set",
    ),
];

fn listing(dir: &std::path::Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn every_bad_input_is_answered_with_its_exit_code_and_culprit() {
    assert!(ROWS.len() >= 40, "the table has {} rows", ROWS.len());
    let dir = scratch();
    let d = dir.path();
    std::fs::write(d.join("a.img"), b"image").unwrap();
    std::fs::write(d.join("b.img"), b"image").unwrap();
    std::fs::create_dir(d.join("folder")).unwrap();
    let endpoint = format!("http://127.0.0.1:{}", free_port());
    for (index, row) in ROWS.iter().enumerate() {
        let before = listing(d);
        let mut cmd = S3img::against(d, &endpoint);
        for (key, value) in row.env {
            cmd.env(key, value);
        }
        let config = d.join(format!("row-{index}.toml"));
        if let Some(text) = row.config {
            std::fs::write(&config, text).unwrap();
            cmd.env("S3IMG_CONFIG", &config);
        }
        let run = cmd.run(row.args);
        let err = run.fails_with(row.code);
        assert!(
            err.contains(row.says),
            "row {index} {:?}: expected `{}` in:\n{err}",
            row.args,
            row.says
        );
        let _ = std::fs::remove_file(&config);
        assert_eq!(
            listing(d),
            before,
            "row {index} {:?} left files behind",
            row.args
        );
    }
}
