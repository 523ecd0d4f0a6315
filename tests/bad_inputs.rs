//! Tables of bad inputs. Each row must fail with its exit code and a one-line error that
//! names the culprit, must not panic, and must leave nothing half-written behind.
//!
//! The first table covers flags, variables, config files, locations and local files. None
//! of its rows needs a server: the endpoint points at a port nothing listens on, so any
//! request sent would also fail, but with another exit code. The second covers servers and
//! proxies that refuse, fail or break off, and a file that grows while it is read.

mod common;

use std::collections::BTreeSet;
use std::fs::Permissions;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use common::*;

const MIB: usize = 1024 * 1024;

struct Row {
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
    /// A config file for this row (written as S3IMG_CONFIG).
    config: Option<&'static str>,
    /// Run as an unprivileged user, so that file permissions apply even to root.
    unprivileged: bool,
    /// A file to read standard input from, instead of nothing.
    stdin: Option<&'static str>,
    code: i32,
    says: &'static str,
}

const fn row(args: &'static [&'static str], code: i32, says: &'static str) -> Row {
    Row {
        args,
        env: &[],
        config: None,
        unprivileged: false,
        stdin: None,
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
        unprivileged: false,
        stdin: None,
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
        unprivileged: false,
        stdin: None,
        code,
        says,
    }
}

const ROWS: &[Row] = &[
    row(&["put"], 2, "FILE"),
    Row {
        unprivileged: true,
        ..row(&["put", "locked.img"], 2, "cannot read locked.img")
    },
    row(
        &["get", "s3://images/vm/.."],
        2,
        "ends in `..`, which cannot name a file",
    ),
    row(
        &["get", "s3://images/vm/.", "folder/"],
        2,
        "ends in `.`, which cannot name a file",
    ),
    row(&["put", "missing.img"], 2, "cannot read missing.img"),
    row(&["put", ""], 2, "FILE is empty"),
    row(&["get", "s3://images/vm/a.raw", ""], 2, "FILE is empty"),
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
    row(
        &["--endpoint", "http://127.0.0.1:99999", "ls"],
        2,
        "invalid endpoint `http://127.0.0.1:99999` (from flag --endpoint): the port must be",
    ),
    row(
        &["--proxy-host", "proxy\n.internal", "ls"],
        2,
        "invalid proxy.host `proxy\\n.internal` (from flag --proxy-host)",
    ),
    row(&["--region", "", "ls"], 2, "region"),
    row(
        &["--region", "us/east", "ls"],
        2,
        "invalid region `us/east` (from flag --region)",
    ),
    row(
        &["--region", "us\neast", "ls"],
        2,
        "invalid region `us\\neast` (from flag --region)",
    ),
    env_row(
        &["ls"],
        &[("AWS_ACCESS_KEY_ID", "AKID\nINJECTED")],
        2,
        "invalid AWS_ACCESS_KEY_ID (from variable AWS_ACCESS_KEY_ID)",
    ),
    env_row(
        &["ls"],
        &[("AWS_ACCESS_KEY_ID", ""), ("AWS_SECRET_ACCESS_KEY", "")],
        2,
        "no S3 credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
    ),
    env_row(
        &["ls"],
        &[("AWS_SESSION_TOKEN", "token\r\nX-Injected: 1")],
        2,
        "invalid AWS_SESSION_TOKEN (from variable AWS_SESSION_TOKEN)",
    ),
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
    env_row(
        &["ls"],
        &[("HTTP_PROXY", "http://127.0.0.1:1"), ("S3IMG_RETRIES", "0")],
        6,
        "proxy http://127.0.0.1:1 (from HTTP_PROXY) is not reachable",
    ),
    // Files and streams that never end, where a small one is expected.
    env_row(
        &["ls"],
        &[("S3IMG_CONFIG", "/dev/zero")],
        2,
        "cannot read config file /dev/zero: larger than 4.0 MiB",
    ),
    row(
        &["--ca-bundle", "/dev/zero", "ls"],
        2,
        "cannot read ca_bundle /dev/zero: larger than 4.0 MiB",
    ),
    row(
        &["--glance-config", "/dev/zero", "ls"],
        2,
        "cannot read the glance config /dev/zero: larger than 4.0 MiB",
    ),
    env_row(
        &["--proxy-host", "127.0.0.1", "--proxy-user", "ops", "ls"],
        &[("S3IMG_PROXY_PASSWORD_FILE", "/dev/zero")],
        2,
        "proxy.password_file /dev/zero (from variable S3IMG_PROXY_PASSWORD_FILE): its first \
         line is longer than 4.0 KiB",
    ),
    Row {
        stdin: Some("/dev/zero"),
        ..row(
            &[
                "--proxy-host",
                "127.0.0.1",
                "--proxy-user",
                "ops",
                "--proxy-password-stdin",
                "ls",
            ],
            2,
            "standard input (--proxy-password-stdin): its first line is longer than 4.0 KiB",
        )
    },
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
    std::fs::write(d.join("locked.img"), b"image").unwrap();
    std::fs::set_permissions(d.join("locked.img"), Permissions::from_mode(0o000)).unwrap();
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
        if row.unprivileged {
            cmd.unprivileged();
        }
        if let Some(path) = row.stdin {
            cmd.stdin(std::fs::File::open(path).unwrap().into());
        }
        let run = cmd.run(row.args);
        let err = run.fails_with(row.code);
        assert_one_line(&err);
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

/// An error is one `s3img: error:` line naming the failure; what follows it are only
/// usage, hint and resume lines.
fn assert_one_line(err: &str) {
    // Warnings logged on the way may come first.
    let mut lines = err
        .lines()
        .skip_while(|line| !line.starts_with("s3img: error: "));
    assert!(lines.next().is_some(), "no `s3img: error:` line in:\n{err}");
    for line in lines.filter(|line| !line.is_empty()) {
        assert!(
            ["usage: ", "hint: ", "resume: "]
                .iter()
                .any(|start| line.starts_with(start)),
            "a line that is not usage, hint or resume in:\n{err}"
        );
    }
}

/// How a server-side row is set up.
#[derive(Clone, Copy, Debug)]
enum Rig {
    /// The healthy server, reached directly, with a wrong secret key.
    WrongSecret,
    /// The healthy server, reached directly.
    Direct,
    /// The healthy server through squid, with a wrong proxy password.
    WrongProxyPassword,
    /// A server that answers every upload with HTTP 500.
    Failing,
    /// A server that sends half of every object body it announces.
    Short,
    /// A server that sends half of every object body, then nothing, holding the line.
    Stalling,
    /// A server that waits 3 s before answering any GET of an object.
    Slow,
    /// A server that takes the first MiB of every upload's body, then neither reads more
    /// nor answers, holding the line.
    StallingUploads,
    /// A "proxy" that accepts each connection and closes it at once; plain HTTP or a
    /// CONNECT tunnel for HTTPS.
    Closing { https: bool },
    /// An HTTPS server whose certificate no trusted CA signed, directly or through squid.
    Untrusted { proxied: bool },
}

struct ServerRow {
    rig: Rig,
    args: &'static [&'static str],
    code: i32,
    says: &'static str,
}

const fn server_row(
    rig: Rig,
    args: &'static [&'static str],
    code: i32,
    says: &'static str,
) -> ServerRow {
    ServerRow {
        rig,
        args,
        code,
        says,
    }
}

const SERVER_ROWS: &[ServerRow] = &[
    server_row(
        Rig::WrongSecret,
        &["put", "a.img"],
        4,
        "access denied to s3://images/a.img",
    ),
    server_row(
        Rig::WrongSecret,
        &["get", "vm/base.raw", "back.raw"],
        4,
        "access denied to s3://images/vm/base.raw",
    ),
    server_row(Rig::WrongSecret, &["ls"], 4, "access denied"),
    server_row(
        Rig::Direct,
        &["get", "vm/missing.raw", "back.raw"],
        3,
        "s3://images/vm/missing.raw not found",
    ),
    server_row(
        Rig::Direct,
        &["ls", "s3://no-such-bucket/"],
        3,
        "no-such-bucket",
    ),
    server_row(
        Rig::Direct,
        &["put", "a.img", "vm/base.raw"],
        9,
        "s3://images/vm/base.raw already exists",
    ),
    server_row(
        Rig::Direct,
        &["get", "vm/base.raw", "linked.raw"],
        1,
        ".linked.raw.s3img.part is a symbolic link; refusing to write through it",
    ),
    server_row(
        Rig::WrongProxyPassword,
        &["put", "a.img"],
        5,
        "proxy authentication failed at http://ops@127.0.0.1:",
    ),
    server_row(
        Rig::WrongProxyPassword,
        &["get", "vm/base.raw", "back.raw"],
        5,
        "proxy authentication failed at http://ops@127.0.0.1:",
    ),
    server_row(Rig::Failing, &["put", "a.img"], 1, "S3 answered HTTP 500"),
    server_row(
        Rig::Failing,
        &[
            "--part-size",
            "5MiB",
            "--multipart-threshold",
            "5MiB",
            "put",
            "big.img",
        ],
        1,
        "S3 answered HTTP 500",
    ),
    server_row(
        Rig::Short,
        &["get", "vm/base.raw", "back.raw"],
        1,
        "cut off in the middle of a request",
    ),
    server_row(
        Rig::Short,
        &["get", "vm/base.raw", "-"],
        1,
        "cut off in the middle of a request",
    ),
    server_row(
        Rig::Stalling,
        &["--timeout", "1", "get", "vm/base.raw", "back.raw"],
        1,
        "nothing arrived for 1 s after 153600 bytes (timeout)",
    ),
    server_row(
        Rig::Slow,
        &["--timeout", "1", "get", "vm/base.raw", "back.raw"],
        1,
        "no answer from http://127.0.0.1:",
    ),
    server_row(
        Rig::StallingUploads,
        &["--timeout", "1", "put", "a.img"],
        1,
        "s3://images/a.img: no answer for 1 s after all 307200 bytes were sent (timeout)",
    ),
    server_row(
        Rig::StallingUploads,
        &[
            "--timeout",
            "1",
            "--part-size",
            "32MiB",
            "--multipart-threshold",
            "32MiB",
            "put",
            "huge.img",
        ],
        1,
        "s3://images/huge.img: the connection took nothing for 1 s after ",
    ),
    server_row(
        Rig::Closing { https: false },
        &["put", "a.img"],
        1,
        "through proxy http://127.0.0.1:",
    ),
    server_row(
        Rig::Closing { https: true },
        &["put", "a.img"],
        1,
        "closed the connection without answering the tunnel request",
    ),
    server_row(
        Rig::Closing { https: true },
        &["get", "vm/base.raw", "back.raw"],
        1,
        "closed the connection without answering the tunnel request",
    ),
    server_row(
        Rig::Untrusted { proxied: false },
        &["put", "a.img"],
        8,
        "the TLS certificate of https://localhost:",
    ),
    server_row(
        Rig::Untrusted { proxied: true },
        &["get", "vm/base.raw", "back.raw"],
        8,
        "is not trusted",
    ),
];

/// The files under a store's bucket folder: the objects it holds.
fn objects(store: &Path) -> BTreeSet<String> {
    fn walk(dir: &Path, base: &Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                let relative = path.strip_prefix(base).unwrap();
                out.insert(relative.to_string_lossy().into_owned());
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(store, store, &mut out);
    out
}

/// Accepts up to 100 connections on a loopback port, closing each at once.
fn closing_listener() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(100) {
            drop(stream);
        }
    });
    port
}

#[test]
fn servers_and_proxies_that_refuse_fail_or_break_off_are_answered_and_leave_nothing_behind() {
    assert!(SERVER_ROWS.len() >= 15, "{} rows", SERVER_ROWS.len());
    let dir = scratch();
    let d = dir.path();
    let work = d.join("work");
    std::fs::create_dir(&work).unwrap();
    std::fs::set_permissions(&work, Permissions::from_mode(0o777)).unwrap();
    std::fs::write(work.join("a.img"), random_bytes(300 * 1024, 1)).unwrap();
    std::fs::write(work.join("big.img"), random_bytes(11 * MIB, 2)).unwrap();
    // Two parts, each larger than what the kernel buffers for a connection that is not
    // read (some 12 MB on loopback).
    std::fs::write(work.join("huge.img"), random_bytes(64 * MIB, 4)).unwrap();
    // A link planted where a download keeps its partial file must not be followed.
    std::fs::write(work.join("victim.txt"), b"keep me").unwrap();
    std::os::unix::fs::symlink("victim.txt", work.join(".linked.raw.s3img.part")).unwrap();

    let good = S3Server::start(&d.join("good"), S3Options::default());
    S3img::against(&work, &good.loopback_endpoint())
        .run(&["put", "a.img", "vm/base.raw"])
        .ok();
    // Servers that hold a.img as vm/base.raw but misbehave when it is fetched.
    let holding = |name: &str, options| {
        S3Server::holding(&d.join(name), options, &work, "a.img", "vm/base.raw")
    };
    let short = holding(
        "short",
        S3Options {
            short_gets: true,
            ..S3Options::default()
        },
    );
    let stalling = holding(
        "stalling",
        S3Options {
            stall_gets: true,
            ..S3Options::default()
        },
    );
    let slow = holding(
        "slow",
        S3Options {
            get_delay_ms: 3000,
            ..S3Options::default()
        },
    );
    let stalling_uploads = S3Server::start(
        &d.join("stalling-uploads"),
        S3Options {
            stall_puts: true,
            ..S3Options::default()
        },
    );
    let failing = S3Server::start(
        &d.join("failing"),
        S3Options {
            fail_puts: Some(500),
            ..S3Options::default()
        },
    );
    let tls = S3Server::start(
        &d.join("tls"),
        S3Options {
            tls: true,
            ..S3Options::default()
        },
    );
    let squid = Proxy::start(ProxyKind::Squid, d, "right-password", good.service.port);
    let squid_for_tls = Proxy::start(ProxyKind::Squid, &d.join("tls"), "tls", tls.service.port);
    let closing = closing_listener();

    for (index, row) in SERVER_ROWS.iter().enumerate() {
        let server = match row.rig {
            Rig::Failing => &failing,
            Rig::Short => &short,
            Rig::Stalling => &stalling,
            Rig::Slow => &slow,
            Rig::StallingUploads => &stalling_uploads,
            Rig::Untrusted { .. } => &tls,
            _ => &good,
        };
        let before_local = listing(&work);
        let before_store = objects(&server.root.join("images"));
        let mut cmd = match row.rig {
            Rig::WrongProxyPassword => {
                let mut cmd = S3img::through(&work, &server.endpoint(), &squid);
                cmd.env("S3IMG_PROXY_PASSWORD", "wrong-password");
                cmd
            }
            Rig::Closing { https } => {
                let scheme = if https { "https" } else { "http" };
                let mut cmd = S3img::against(
                    &work,
                    &format!("{scheme}://127.0.0.1:{}", server.service.port),
                );
                cmd.env("S3IMG_PROXY_HOST", "127.0.0.1")
                    .env("S3IMG_PROXY_PORT", closing.to_string());
                cmd
            }
            Rig::Untrusted { proxied: false } => {
                S3img::against(&work, &format!("https://localhost:{}", server.service.port))
            }
            Rig::Untrusted { proxied: true } => {
                S3img::through(&work, &server.endpoint(), &squid_for_tls)
            }
            _ => S3img::against(&work, &server.loopback_endpoint()),
        };
        if let Rig::WrongSecret = row.rig {
            cmd.env("AWS_SECRET_ACCESS_KEY", "not-the-secret-key");
        }
        let run = cmd.env("S3IMG_RETRIES", "1").run(row.args);
        let err = run.fails_with(row.code);
        assert_one_line(&err);
        assert!(
            err.contains(row.says),
            "row {index} {:?} {:?}: expected `{}` in:\n{err}",
            row.rig,
            row.args,
            row.says
        );
        // What a resumable failure keeps is hidden and said so: the partial download
        // beside its destination, or the upload's journal under HOME (the working
        // directory here). Anything else is removed.
        let kept_for_resume = err.contains("\nresume: ");
        let new_local: Vec<String> = listing(&work).difference(&before_local).cloned().collect();
        for name in &new_local {
            assert!(
                kept_for_resume
                    && (name == ".local" || name.starts_with('.') && name.contains(".s3img.part")),
                "row {index} {:?} {:?} left {name} in the working directory:\n{err}",
                row.rig,
                row.args
            );
        }
        // A download to standard output cannot take back what it wrote; anything else
        // prints nothing on failure.
        assert!(
            run.stdout().is_empty() || row.args.contains(&"-"),
            "row {index}: {}",
            run.stdout()
        );
        assert_eq!(
            objects(&server.root.join("images")),
            before_store,
            "row {index} {:?} {:?} changed the bucket",
            row.rig,
            row.args
        );
        if !kept_for_resume {
            let mut list = match &server.ca {
                Some(ca) => {
                    let endpoint = format!("https://localhost:{}", server.service.port);
                    let mut list = S3img::against(&work, &endpoint);
                    list.env("S3IMG_CA_BUNDLE", ca);
                    list
                }
                None => S3img::against(&work, &server.loopback_endpoint()),
            };
            let uploads = list.run(&["uploads", "--json"]).ok();
            assert!(
                uploads.trim().is_empty(),
                "row {index} {:?}: an upload was left open: {uploads}",
                row.args
            );
        }
        for name in new_local {
            let _ = std::fs::remove_file(work.join(name));
        }
    }
    assert_eq!(std::fs::read(work.join("victim.txt")).unwrap(), b"keep me");
}

#[test]
fn a_file_that_changes_while_it_is_read_fails_the_put_and_leaves_nothing() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(
        &d.join("s3"),
        S3Options {
            part_delay_ms: 300,
            ..S3Options::default()
        },
    );
    for name in ["grows.img", "shrinks.img", "rewritten.img"] {
        let path = d.join(name);
        std::fs::write(&path, random_bytes(16 * MIB, 3)).unwrap();
        let requests = s3.requests().len();
        // One part in flight: the file is still being read when the first part arrives.
        let put = S3img::against(d, &s3.loopback_endpoint()).spawn(&[
            "--concurrency",
            "1",
            "--part-size",
            "5MiB",
            "--multipart-threshold",
            "5MiB",
            "put",
            name,
        ]);
        let started = wait_until(Duration::from_secs(30), || {
            s3.requests()[requests..]
                .iter()
                .any(|r| r["query"].as_str().unwrap_or("").contains("partNumber="))
        });
        assert!(started, "no part upload began");
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        match name {
            "grows.img" => file.set_len(19 * MIB as u64).unwrap(),
            "shrinks.img" => file.set_len(8 * MIB as u64).unwrap(),
            _ => std::os::unix::fs::FileExt::write_all_at(&file, b"new boot sector", 0).unwrap(),
        }
        let run = put.wait();
        let err = run.fails_with(1);
        assert_one_line(&err);
        assert!(
            err.contains(&format!("{name} changed while it was read")),
            "{err}"
        );
        assert!(
            !err.contains("resume:"),
            "a changed file cannot resume: {err}"
        );
        assert!(
            objects(&s3.root.join("images")).is_empty(),
            "an object was made"
        );
        let uploads = S3img::against(d, &s3.loopback_endpoint())
            .run(&["uploads", "--json"])
            .ok();
        assert!(uploads.trim().is_empty(), "upload left open: {uploads}");
        assert!(journals(d).is_empty(), "a journal was kept");
    }
}

/// A key may hold control characters; what s3img prints for a person shows them escaped,
/// so a listing cannot recolour the terminal or forge a line. JSON carries the key as it
/// is. A listing XML cannot carry fails with an error that says so.
#[test]
fn control_characters_in_keys_are_escaped_for_people_and_kept_in_json() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(&d.join("s3"), S3Options::default());
    std::fs::write(d.join("a.img"), b"image").unwrap();
    // U+009B is the one-character form of the terminal's escape sequence introducer.
    let key = "vm/red\u{9b}31m\nforged line.raw";
    let cmd = || S3img::against(d, &s3.loopback_endpoint());
    cmd()
        .run(&["put", "a.img", &format!("s3://images/{key}")])
        .ok();
    let shown = cmd().run(&["ls", "vm/"]).ok();
    assert_eq!(shown.lines().count(), 1, "{shown}");
    assert!(!shown.contains('\u{9b}'), "{shown:?}");
    assert!(shown.contains("red\\u{9b}31m\\nforged line.raw"), "{shown}");
    let json = cmd().run(&["--json", "ls", "vm/"]).ok();
    let doc: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(doc["key"], key);
    let err = cmd()
        .run(&["get", &format!("s3://images/{key}.missing"), "x.raw"])
        .fails_with(3);
    assert!(
        !err.contains('\u{9b}') && !err.contains("\nforged"),
        "{err:?}"
    );
    assert_one_line(&err);

    // ESC cannot appear in XML 1.0: the object is stored, but a listing that holds it
    // cannot be read.
    let esc = "esc/\u{1b}[2J.raw";
    cmd()
        .run(&["put", "a.img", &format!("s3://images/{esc}")])
        .ok();
    let err = cmd().run(&["ls", "esc/"]).fails_with(1);
    assert_one_line(&err);
    assert!(
        err.contains("s3://images/esc/: the answer (HTTP 200) could not be read"),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "{err:?}");
    cmd()
        .run(&["get", &format!("s3://images/{esc}"), "esc.raw"])
        .ok();
    assert_eq!(std::fs::read(d.join("esc.raw")).unwrap(), b"image");
}
