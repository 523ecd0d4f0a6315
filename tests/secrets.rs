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
