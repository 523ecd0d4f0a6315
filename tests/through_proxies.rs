//! End-to-end: the real s3img binary against a real S3 server through real squid and
//! tinyproxy with Basic auth. Each test asserts what the proxy and the server received.

mod common;

use common::*;

/// Every request the server saw came through the named proxy (its `Via` header).
fn assert_all_via(s3: &S3Server, proxy_name: &str) {
    let requests = s3.requests();
    assert!(!requests.is_empty(), "the server received no request");
    for req in &requests {
        let via = req["via"].as_str().unwrap_or("");
        assert!(
            via.contains(proxy_name),
            "request not via {proxy_name}: {req}"
        );
        assert_eq!(
            req["proxy_authorization"], false,
            "proxy credentials leaked to S3: {req}"
        );
    }
}

fn round_trip(kind: ProxyKind, password: &str, endpoint_of: fn(&S3Server) -> String) {
    let dir = scratch();
    let s3 = S3Server::start(dir.path(), S3Options::default());
    let proxy = Proxy::start(kind, dir.path(), password, s3.service.port);
    let endpoint = endpoint_of(&s3);
    let image = random_bytes(3 * 1024 * 1024 + 17, 1);
    std::fs::write(dir.path().join("disk.raw"), &image).unwrap();

    let put = S3img::through(dir.path(), &endpoint, &proxy).run(&["put", "disk.raw"]);
    let sha256 = hash_file("sha256sum", &dir.path().join("disk.raw"));
    assert_eq!(
        put.ok().trim(),
        format!("s3://images/disk.raw  sha256:{sha256}")
    );
    assert_eq!(s3.object("disk.raw").as_deref(), Some(&image[..]));

    let ls = S3img::through(dir.path(), &endpoint, &proxy).run(&["ls", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(ls.ok().trim()).unwrap();
    assert_eq!(listed["key"], "disk.raw");
    assert_eq!(listed["size"], image.len());

    let get = S3img::through(dir.path(), &endpoint, &proxy).run(&["get", "disk.raw", "back.raw"]);
    get.ok();
    assert_eq!(std::fs::read(dir.path().join("back.raw")).unwrap(), image);

    let delete = S3img::through(dir.path(), &endpoint, &proxy).run(&["delete", "disk.raw"]);
    delete.ok();
    assert_eq!(s3.object("disk.raw"), None);

    let log = proxy.log_with("DELETE");
    for method in ["PUT", "GET", "DELETE", "HEAD"] {
        assert!(log.contains(method), "{kind:?} log lacks {method}:\n{log}");
    }
    let name = if kind == ProxyKind::Squid {
        "squid"
    } else {
        "tinyproxy"
    };
    assert_all_via(&s3, name);
}

#[test]
fn put_ls_get_delete_through_squid_with_basic_auth() {
    round_trip(ProxyKind::Squid, "plain-password", S3Server::endpoint);
}

#[test]
fn put_ls_get_delete_through_tinyproxy_with_basic_auth() {
    round_trip(
        ProxyKind::Tinyproxy,
        "plain-password",
        S3Server::loopback_endpoint,
    );
}

#[test]
fn password_with_reserved_and_non_ascii_characters_works() {
    round_trip(ProxyKind::Squid, "p@ss:w/o%r#d sp äö", S3Server::endpoint);
}

#[test]
fn multipart_upload_of_a_qcow2_image_through_squid() {
    let dir = scratch();
    let s3 = S3Server::start(dir.path(), S3Options::default());
    let proxy = Proxy::start(ProxyKind::Squid, dir.path(), "pw", s3.service.port);
    let image = qcow2_image(dir.path(), "cirros.qcow2", 24);
    let bytes = std::fs::read(&image).unwrap();

    let mut cmd = S3img::through(dir.path(), &s3.endpoint(), &proxy);
    cmd.env("S3IMG_PART_SIZE", "5MiB")
        .env("S3IMG_CONCURRENCY", "3");
    let out = cmd
        .run(&["--json", "put", "cirros.qcow2", "s3://images/vm/"])
        .ok();
    let doc: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let parts = bytes.len().div_ceil(5 * 1024 * 1024);
    assert_eq!(doc["parts"], parts, "{doc}");
    assert_eq!(s3.object("vm/cirros.qcow2").unwrap(), bytes);

    let log = proxy.log_with("uploadId");
    let part_lines = log.lines().filter(|l| l.contains("partNumber=")).count();
    assert_eq!(
        part_lines, parts,
        "squid saw {part_lines} part uploads:\n{log}"
    );
    assert_all_via(&s3, "squid");

    S3img::through(dir.path(), &s3.endpoint(), &proxy)
        .run(&["get", "s3://images/vm/cirros.qcow2", "copy.qcow2"])
        .ok();
    assert_eq!(std::fs::read(dir.path().join("copy.qcow2")).unwrap(), bytes);
}

#[test]
fn https_endpoint_through_squid_connect_with_the_test_ca() {
    let dir = scratch();
    let s3 = S3Server::start(
        dir.path(),
        S3Options {
            tls: true,
            ..Default::default()
        },
    );
    let proxy = Proxy::start(ProxyKind::Squid, dir.path(), "pw", s3.service.port);
    std::fs::write(dir.path().join("a.img"), random_bytes(100_000, 3)).unwrap();
    let ca = s3.ca.clone().unwrap();

    // Without the CA the certificate is not trusted.
    let untrusted = S3img::through(dir.path(), &s3.endpoint(), &proxy).run(&["put", "a.img"]);
    let err = untrusted.fails_with(8);
    assert!(err.contains("not trusted"), "{err}");

    let mut cmd = S3img::through(dir.path(), &s3.endpoint(), &proxy);
    cmd.env("S3IMG_CA_BUNDLE", &ca);
    cmd.run(&["put", "a.img"]).ok();
    assert_eq!(s3.object("a.img").unwrap(), random_bytes(100_000, 3));
    let log = proxy.log_with("CONNECT");
    assert!(
        log.contains(&format!("CONNECT {S3_HOST}:{}", s3.service.port)),
        "{log}"
    );
}

#[test]
fn https_endpoint_through_tinyproxy_connect() {
    let dir = scratch();
    let s3 = S3Server::start(
        dir.path(),
        S3Options {
            tls: true,
            ..Default::default()
        },
    );
    let proxy = Proxy::start(ProxyKind::Tinyproxy, dir.path(), "pw", s3.service.port);
    std::fs::write(dir.path().join("a.img"), b"tiny image").unwrap();
    let endpoint = format!("https://localhost:{}", s3.service.port);
    let mut cmd = S3img::through(dir.path(), &endpoint, &proxy);
    cmd.env("S3IMG_CA_BUNDLE", s3.ca.as_ref().unwrap());
    cmd.run(&["put", "a.img"]).ok();
    assert_eq!(s3.object("a.img").unwrap(), b"tiny image");
    let log = proxy.log_with("CONNECT");
    assert!(log.contains("CONNECT"), "{log}");
}

#[test]
fn wrong_proxy_password_is_a_proxy_auth_failure_and_nothing_is_uploaded() {
    for kind in [ProxyKind::Squid, ProxyKind::Tinyproxy] {
        let dir = scratch();
        let s3 = S3Server::start(dir.path(), S3Options::default());
        let proxy = Proxy::start(kind, dir.path(), "right", s3.service.port);
        std::fs::write(dir.path().join("a.img"), b"data").unwrap();
        let endpoint = if kind == ProxyKind::Squid {
            s3.endpoint()
        } else {
            s3.loopback_endpoint()
        };
        let mut cmd = S3img::through(dir.path(), &endpoint, &proxy);
        cmd.env("S3IMG_PROXY_PASSWORD", "wrong");
        let err = cmd.run(&["put", "a.img"]).fails_with(5);
        assert!(
            err.contains("proxy authentication failed"),
            "{kind:?}: {err}"
        );
        assert!(!err.contains("wrong"), "the password leaked: {err}");
        assert!(s3.requests().is_empty(), "{kind:?} let a request through");
        assert_eq!(s3.object("a.img"), None);
        // Fails fast: the SDK did not retry the same wrong password.
        let log = proxy.log();
        let attempts = log
            .lines()
            .filter(|l| l.contains("HEAD") || l.contains("Request"))
            .count();
        assert!(attempts <= 1, "{kind:?} saw {attempts} attempts:\n{log}");
    }
}

#[test]
fn wrong_password_on_a_connect_tunnel_fails_fast() {
    let dir = scratch();
    let s3 = S3Server::start(
        dir.path(),
        S3Options {
            tls: true,
            ..Default::default()
        },
    );
    let proxy = Proxy::start(ProxyKind::Squid, dir.path(), "right", s3.service.port);
    std::fs::write(dir.path().join("a.img"), b"data").unwrap();
    let mut cmd = S3img::through(dir.path(), &s3.endpoint(), &proxy);
    cmd.env("S3IMG_PROXY_PASSWORD", "wrong")
        .env("S3IMG_CA_BUNDLE", s3.ca.as_ref().unwrap());
    let err = cmd.run(&["put", "a.img"]).fails_with(5);
    assert!(err.contains("proxy authentication failed"), "{err}");
    let log = proxy.log_with("CONNECT");
    assert_eq!(
        log.lines().filter(|l| l.contains("CONNECT")).count(),
        1,
        "{log}"
    );
}

#[test]
fn proxy_not_listening_is_reported_as_unreachable() {
    let dir = scratch();
    let s3 = S3Server::start(dir.path(), S3Options::default());
    let mut cmd = S3img::against(dir.path(), &s3.endpoint());
    cmd.env("S3IMG_PROXY_HOST", "127.0.0.1")
        .env("S3IMG_PROXY_PORT", free_port().to_string())
        .env("S3IMG_RETRIES", "0");
    let err = cmd.run(&["ls"]).fails_with(6);
    assert!(err.contains("not reachable"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert!(s3.requests().is_empty());
}

#[test]
fn an_endpoint_only_the_proxy_resolves_fails_without_it() {
    let dir = scratch();
    let s3 = S3Server::start(dir.path(), S3Options::default());
    let mut cmd = S3img::against(dir.path(), &s3.endpoint());
    cmd.env("S3IMG_RETRIES", "0");
    let err = cmd.run(&["ls"]).fails_with(8);
    assert!(err.contains("does not resolve"), "{err}");
    assert!(s3.requests().is_empty());
}

#[test]
fn uploads_succeed_on_a_store_that_rejects_checksum_headers() {
    let dir = scratch();
    let s3 = S3Server::start(
        dir.path(),
        S3Options {
            reject_checksums: true,
            ..Default::default()
        },
    );
    let proxy = Proxy::start(ProxyKind::Squid, dir.path(), "pw", s3.service.port);
    let image = random_bytes(6 * 1024 * 1024, 9);
    std::fs::write(dir.path().join("a.raw"), &image).unwrap();
    let mut cmd = S3img::through(dir.path(), &s3.endpoint(), &proxy);
    cmd.env("S3IMG_PART_SIZE", "5MiB");
    cmd.run(&["put", "a.raw"]).ok();
    std::fs::write(dir.path().join("b.raw"), b"small").unwrap();
    S3img::through(dir.path(), &s3.endpoint(), &proxy)
        .run(&["put", "b.raw"])
        .ok();
    assert_eq!(s3.object("a.raw").unwrap(), image);
    assert_eq!(s3.object("b.raw").unwrap(), b"small");
    assert!(s3.requests().iter().all(|r| r["checksum_headers"] == false));
}

/// A proxy whose access rules refuse the destination: exit 7 with a hint about the rules,
/// for plain requests (squid answers 403) and for CONNECT tunnels alike.
#[test]
fn a_refusal_by_the_proxy_rules_is_told_apart() {
    let dir = scratch();
    let d = dir.path();
    let plain = S3Server::start(&d.join("plain"), S3Options::default());
    let tls_dir = d.join("tls");
    let tls = S3Server::start(
        &tls_dir,
        S3Options {
            tls: true,
            ..S3Options::default()
        },
    );
    let rules = format!("acl s3_host dstdomain {S3_HOST}\nhttp_access deny authed s3_host\n");
    let proxy = Proxy::squid_with_rules(d, "pw", tls.service.port, &rules);

    let err = S3img::through(d, &plain.endpoint(), &proxy)
        .run(&["ls"])
        .fails_with(7);
    assert!(err.contains("refused the request (HTTP 403)"), "{err}");
    assert!(err.contains("hint: the proxy's access rules"), "{err}");

    let err = S3img::through(d, &tls.endpoint(), &proxy)
        .env("S3IMG_CA_BUNDLE", tls.ca.as_ref().unwrap())
        .run(&["ls"])
        .fails_with(7);
    assert!(err.contains("refused"), "{err}");
    let log = proxy.log_with("CONNECT");
    assert!(log.contains("TCP_DENIED/403"), "{log}");
    assert!(
        plain.requests().is_empty() && tls.requests().is_empty(),
        "a refused request reached S3"
    );
}

/// `check` walks the path and stops at the step that fails, with that failure's exit code.
#[test]
fn check_names_the_step_that_fails() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let proxy = Proxy::start(ProxyKind::Squid, d, "right", s3.service.port);
    let steps = |run: &Run| -> Vec<serde_json::Value> {
        run.stdout()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };

    let good = S3img::through(d, &s3.endpoint(), &proxy).run(&["check", "--json"]);
    good.ok();
    let all = steps(&good);
    assert_eq!(all.len(), 7, "{all:?}");
    assert!(all.iter().all(|s| s["ok"] == true), "{all:?}");

    let wrong = S3img::through(d, &s3.endpoint(), &proxy)
        .env("S3IMG_PROXY_PASSWORD", "wrong")
        .run(&["check", "--json"]);
    wrong.fails_with(5);
    let last = steps(&wrong).pop().unwrap();
    assert_eq!(last["step"], "proxy authentication");
    assert_eq!(last["ok"], false);

    let missing = S3img::through(d, &s3.endpoint(), &proxy).run(&["check", "s3://nosuchbucket"]);
    let err = missing.fails_with(3);
    assert!(
        missing.stdout().contains("FAIL  bucket exists"),
        "{}",
        missing.stdout()
    );
    assert!(err.contains("check failed at: bucket exists"), "{err}");

    let closed = S3img::through(d, &s3.endpoint(), &proxy)
        .env("S3IMG_PROXY_PORT", free_port().to_string())
        .run(&["check"]);
    closed.fails_with(6);
    assert!(
        closed.stdout().contains("FAIL  proxy reachable"),
        "{}",
        closed.stdout()
    );
}

/// `check` against the other failure classes: the proxy's rules refuse the tunnel, the
/// endpoint's certificate is not trusted, the S3 credentials are wrong.
#[test]
fn check_tells_refusals_tls_and_credentials_apart() {
    let dir = scratch();
    let d = dir.path();
    let tls = S3Server::start(
        &d.join("tls"),
        S3Options {
            tls: true,
            ..S3Options::default()
        },
    );
    let failing_step = |run: &Run, code: i32| -> String {
        run.fails_with(code);
        let last = run.stdout().lines().last().unwrap_or_default().to_owned();
        assert!(last.starts_with("FAIL"), "{}", run.stdout());
        last
    };

    let open = Proxy::start(ProxyKind::Squid, d, "pw", tls.service.port);
    let untrusted = S3img::through(d, &tls.endpoint(), &open).run(&["check"]);
    assert!(failing_step(&untrusted, 8).contains("endpoint reachable, TLS trusted"));
    let denied = S3img::through(d, &tls.endpoint(), &open)
        .env("S3IMG_CA_BUNDLE", tls.ca.as_ref().unwrap())
        .env("AWS_SECRET_ACCESS_KEY", "not-the-secret")
        .run(&["check"]);
    assert!(failing_step(&denied, 4).contains("S3 credentials and permissions"));
    drop(open);

    let rules = format!("acl s3_host dstdomain {S3_HOST}\nhttp_access deny authed s3_host\n");
    let strict_dir = d.join("strict");
    std::fs::create_dir_all(&strict_dir).unwrap();
    std::fs::set_permissions(
        &strict_dir,
        std::os::unix::fs::PermissionsExt::from_mode(0o777),
    )
    .unwrap();
    let strict = Proxy::squid_with_rules(&strict_dir, "pw", tls.service.port, &rules);
    let refused = S3img::through(d, &tls.endpoint(), &strict)
        .env("S3IMG_CA_BUNDLE", tls.ca.as_ref().unwrap())
        .run(&["check"]);
    assert!(failing_step(&refused, 7).contains("proxy forwards to the endpoint"));
}
