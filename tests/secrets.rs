//! End-to-end: known secrets (proxy password, access key, secret key) never show up in
//! what s3img prints at -vv, in what it keeps on disk, or at the S3 server.

mod common;

use std::time::Duration;

use common::*;

const PASSWORD: &str = "Pr0xy-p@ss:w/rd#Z9";

fn assert_clean(what: &str, text: &str) {
    for secret in [PASSWORD, ACCESS_KEY, SECRET_KEY] {
        assert!(!text.contains(secret), "{what} shows a secret:\n{text}");
    }
}

#[test]
fn no_command_shows_a_secret_even_at_vv() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(
        d,
        S3Options {
            part_delay_ms: 300,
            ..S3Options::default()
        },
    );
    let proxy = Proxy::start(ProxyKind::Squid, d, PASSWORD, s3.service.port);
    std::fs::write(d.join("disk.raw"), random_bytes(12 * 1024 * 1024, 40)).unwrap();
    std::fs::create_dir(d.join("out")).unwrap();
    let cmd = || {
        let mut cmd = S3img::through(d, &s3.endpoint(), &proxy);
        cmd.env("S3IMG_PART_SIZE", "5MiB");
        cmd
    };

    // An interrupted upload leaves a journal behind; it must not hold a secret either.
    let first = cmd().spawn(&["-vv", "put", "disk.raw", "s3://images/kept.raw"]);
    let reached = wait_until(Duration::from_secs(60), || {
        journals(d).iter().any(|(_, parts)| !parts.is_empty())
    });
    assert!(reached);
    first.signal("INT");
    let stopped = first.wait();
    assert_clean(
        "an interrupted put",
        &(stopped.stdout() + &stopped.stderr()),
    );
    for (path, _) in journals(d) {
        assert_clean("the resume journal", &read(&path));
    }

    let runs: &[&[&str]] = &[
        &["-vv", "put", "disk.raw"],
        &["-vv", "ls", "--long"],
        &["-vv", "get", "disk.raw", "out/"],
        &["-vv", "get", "disk.raw", "-"],
        &["-vv", "config"],
        &["-vv", "--json", "config"],
        &["-vv", "--json", "ls", "--long"],
        &["-vv", "check"],
        &["-vv", "uploads"],
        &["-vv", "abort", "--older-than", "0s"],
        &["-vv", "delete", "disk.raw"],
    ];
    for args in runs {
        let run = cmd().run(args);
        run.ok();
        let printed = String::from_utf8_lossy(&run.output.stdout).into_owned() + &run.stderr();
        assert_clean(&format!("s3img {args:?}"), &printed);
    }
    // The proxy credentials stop at the proxy.
    for request in s3.requests() {
        assert_eq!(request["proxy_authorization"], false, "{request}");
    }
}

/// A key refused as malformed is named, not shown.
#[test]
fn a_refused_access_key_or_session_token_is_not_echoed() {
    let dir = scratch();
    let d = dir.path();
    let endpoint = format!("http://127.0.0.1:{}", free_port());
    let config = d.join("config.toml");
    std::fs::write(
        &config,
        "access_key = \"AKID WITH-SPACE\"\nsecret_key = \"s\"\n",
    )
    .unwrap();
    let mut cmd = S3img::against(d, &endpoint);
    cmd.env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("S3IMG_CONFIG", &config);
    let err = cmd.run(&["ls"]).fails_with(2);
    assert!(err.contains("invalid access_key (from "), "{err}");
    assert!(!err.contains("WITH-SPACE"), "{err}");

    let mut cmd = S3img::against(d, &endpoint);
    cmd.env("AWS_SESSION_TOKEN", "TOKEN-VALUE\n");
    let err = cmd.run(&["ls"]).fails_with(2);
    assert!(err.contains("invalid AWS_SESSION_TOKEN"), "{err}");
    assert!(!err.contains("TOKEN-VALUE"), "{err}");
}

/// The command line and environment of a running process, as other users of the machine
/// can read them (the environment only with the same user, but a crash dump or `ps e`
/// shows it too).
fn visible_from_outside(pid: u32) -> String {
    let read = |what: &str| {
        std::fs::read(format!("/proc/{pid}/{what}"))
            .map(|bytes| String::from_utf8_lossy(&bytes).replace('\0', " "))
            .unwrap_or_default()
    };
    format!("cmdline: {}\nenviron: {}", read("cmdline"), read("environ"))
}

/// Processes whose command line contains `needle`.
fn processes_with(needle: &str) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|bytes| String::from_utf8_lossy(&bytes).contains(needle))
        })
        .collect()
}

#[test]
fn a_password_from_standard_input_or_the_prompt_is_never_in_arguments_or_environment() {
    let dir = scratch();
    let d = dir.path();
    // Each GET of the object waits, so the process can be looked at mid-transfer.
    let s3 = S3Server::start(
        d,
        S3Options {
            get_delay_ms: 1500,
            ..S3Options::default()
        },
    );
    let proxy = Proxy::start(ProxyKind::Squid, d, PASSWORD, s3.service.port);
    std::fs::write(d.join("disk.raw"), random_bytes(64 * 1024, 41)).unwrap();
    S3img::through(d, &s3.endpoint(), &proxy)
        .run(&["put", "disk.raw"])
        .ok();

    // Read from standard input.
    let requests = s3.requests().len();
    let mut cmd = S3img::through(d, &s3.endpoint(), &proxy);
    cmd.env_remove("S3IMG_PROXY_PASSWORD")
        .stdin(std::process::Stdio::piped());
    let mut get = cmd.spawn(&[
        "--proxy-password-stdin",
        "get",
        "disk.raw",
        "from-stdin.raw",
    ]);
    get.type_and_close(format!("{PASSWORD}\n").as_bytes());
    let busy = wait_until(Duration::from_secs(30), || s3.requests().len() > requests);
    assert!(busy, "no request reached the server");
    let seen = visible_from_outside(get.pid());
    assert!(seen.contains("--proxy-password-stdin"), "{seen}");
    assert!(!seen.contains(PASSWORD), "the password is visible:\n{seen}");
    get.wait().ok();

    // Typed at the prompt on a terminal (`script` provides one).
    let s3img = env!("CARGO_BIN_EXE_s3img");
    let line = format!(
        "{s3img} --endpoint {} --bucket images --proxy-host 127.0.0.1 --proxy-port {} \
         --proxy-user {PROXY_USER} get disk.raw from-prompt.raw",
        s3.endpoint(),
        proxy.service.port
    );
    let mut script = on_a_terminal(&line, d);
    let mut typed = script.stdin.take().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    std::io::Write::write_all(&mut typed, format!("{PASSWORD}\n").as_bytes()).unwrap();
    let requests = s3.requests().len();
    let busy = wait_until(Duration::from_secs(30), || s3.requests().len() > requests);
    assert!(busy, "no request reached the server after the prompt");
    let pids = processes_with("from-prompt.raw");
    assert!(!pids.is_empty(), "s3img under script not found");
    for pid in pids {
        let seen = visible_from_outside(pid);
        assert!(!seen.contains(PASSWORD), "the password is visible:\n{seen}");
    }
    drop(typed);
    let output = script.wait_with_output().unwrap();
    let screen = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{screen}");
    assert!(
        !screen.contains(PASSWORD),
        "the typed password was echoed:\n{screen}"
    );
    assert_eq!(
        std::fs::read(d.join("from-prompt.raw")).unwrap(),
        std::fs::read(d.join("disk.raw")).unwrap()
    );
}
