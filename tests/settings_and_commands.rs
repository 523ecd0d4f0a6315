//! End-to-end: settings layers, password sources and command behaviour, against the real
//! S3 server and squid.

mod common;

use std::path::Path;

use common::*;

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// Each layer overrides the one below: a bad proxy port is reported from the highest layer
/// that sets it, named by flag, variable or file and line.
#[test]
fn each_settings_layer_overrides_the_one_below() {
    let dir = scratch();
    let d = dir.path();
    write(
        d,
        "system-config.toml",
        "[proxy]\nhost = \"127.0.0.1\"\nport = 0\n",
    );
    let run = |cmd: &mut S3img, args: &[&str]| cmd.run(args).fails_with(2);

    let err = run(&mut S3img::new(d), &["ls", "s3://images/"]);
    let system = d.join("system-config.toml");
    assert!(
        err.contains(&format!("(from {}:3)", system.display())),
        "{err}"
    );

    write(
        d,
        "xdg/s3img/config.toml",
        "bucket = \"images\"\n\n[proxy]\nport = 70000\n",
    );
    let err = run(&mut S3img::new(d), &["ls"]);
    let user = d.join("xdg/s3img/config.toml");
    assert!(
        err.contains(&format!(
            "invalid proxy.port `70000` (from {}:4)",
            user.display()
        )),
        "{err}"
    );

    let err = run(S3img::new(d).env("S3IMG_PROXY_PORT", "http"), &["ls"]);
    assert!(
        err.contains("(from variable S3IMG_PROXY_PORT): must be a port number"),
        "{err}"
    );

    let err = run(
        S3img::new(d).env("S3IMG_PROXY_PORT", "http"),
        &["ls", "--proxy-port", "99999"],
    );
    assert!(
        err.contains("invalid proxy.port `99999` (from flag --proxy-port)"),
        "{err}"
    );
}

/// A config file alone (endpoint, keys, proxy with a password file) is enough.
#[test]
fn config_file_supplies_endpoint_credentials_and_proxy() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let proxy = Proxy::start(ProxyKind::Squid, d, "from-a-file", s3.service.port);
    write(d, "secret/pw", "from-a-file\n");
    let config = format!(
        "endpoint = \"{}\"\nregion = \"us-east-1\"\nbucket = \"elsewhere\"\n\
         access_key = \"{ACCESS_KEY}\"\nsecret_key = \"{SECRET_KEY}\"\n\n\
         [proxy]\nhost = \"127.0.0.1\"\nport = {}\nuser = \"{PROXY_USER}\"\n\
         password_file = \"~/secret/pw\"\n\n[profiles.lab]\nbucket = \"images\"\n",
        s3.endpoint(),
        proxy.service.port
    );
    let config = write(d, "conf/s3img.toml", &config);
    write(d, "a.img", "image bytes");

    let mut cmd = S3img::new(d);
    cmd.env("S3IMG_CONFIG", &config);
    cmd.run(&["put", "a.img", "--profile", "lab"]).ok();
    assert_eq!(s3.object("a.img").unwrap(), b"image bytes");
    assert!(
        proxy
            .log_with("PUT")
            .contains(&format!("PUT http://{S3_HOST}"))
    );

    let err = S3img::new(d)
        .env("S3IMG_CONFIG", &config)
        .run(&["ls", "--profile", "prod"])
        .fails_with(2);
    assert!(err.contains("profile `prod` does not exist"), "{err}");
}

#[test]
fn config_file_mistakes_name_file_line_and_fix() {
    let dir = scratch();
    let d = dir.path();
    let path = write(d, "c.toml", "bucket = \"images\"\n[proxy]\nhots = \"p\"\n");
    let err = S3img::new(d)
        .run(&["--config", path.to_str().unwrap(), "ls"])
        .fails_with(2);
    assert!(
        err.contains(&format!(
            "{}:3:8: unknown key `proxy.hots` (did you mean `proxy.host`?)",
            path.display()
        )),
        "{err}"
    );

    let path = write(d, "bad.toml", "bucket = \"images\"\nretries = \n");
    let err = S3img::new(d)
        .run(&["ls", "--config", path.to_str().unwrap()])
        .fails_with(2);
    assert!(
        err.contains(&format!("{}:2:", path.display())) && err.contains("invalid TOML"),
        "{err}"
    );

    let err = S3img::new(d)
        .run(&["ls", "--config", "/nonexistent/c.toml"])
        .fails_with(2);
    assert!(
        err.contains("cannot read config file /nonexistent/c.toml"),
        "{err}"
    );
}

#[test]
fn bad_settings_are_usage_errors_naming_the_setting() {
    let dir = scratch();
    let d = dir.path();
    let err = S3img::new(d)
        .env("S3IMG_PROXY_ENABLE", "true")
        .run(&["ls", "s3://images"])
        .fails_with(2);
    assert!(
        err.contains(
            "the proxy is enabled (from variable S3IMG_PROXY_ENABLE) but proxy.host is not set"
        ),
        "{err}"
    );

    let err = S3img::new(d)
        .run(&["ls", "s3://images", "--endpoint", "minio:9000"])
        .fails_with(2);
    assert!(
        err.contains("invalid endpoint `minio:9000` (from flag --endpoint)"),
        "{err}"
    );

    let err = S3img::new(d)
        .run(&["ls", "--retries", "many", "s3://images"])
        .fails_with(2);
    assert!(
        err.contains("invalid retries `many` (from flag --retries)"),
        "{err}"
    );

    let err = S3img::new(d).run(&["ls"]).fails_with(2);
    assert!(err.contains("no bucket"), "{err}");
}

#[test]
fn missing_proxy_password_without_a_terminal_fails_at_once() {
    let dir = scratch();
    let d = dir.path();
    let started = std::time::Instant::now();
    let mut cmd = S3img::against(d, "http://127.0.0.1:9");
    cmd.env("S3IMG_PROXY_HOST", "127.0.0.1")
        .env("S3IMG_PROXY_USER", "ops");
    let err = cmd.run(&["ls"]).fails_with(2);
    assert!(started.elapsed().as_secs() < 10);
    assert!(
        err.contains("needs a password and there is no terminal"),
        "{err}"
    );
    for way in [
        "S3IMG_PROXY_PASSWORD",
        "proxy.password_file",
        "--proxy-password-stdin",
    ] {
        assert!(err.contains(way), "{way} not offered: {err}");
    }
}

/// A password file others may read is named with the fix; one only its owner reads is
/// used quietly.
#[test]
fn a_password_file_others_may_read_gets_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let proxy = Proxy::start(ProxyKind::Squid, d, "from a file", s3.service.port);
    let file = d.join("proxy-pw");
    std::fs::write(&file, "from a file\n").unwrap();
    for (mode, warned) in [(0o644, true), (0o600, false)] {
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).unwrap();
        let mut cmd = S3img::through(d, &s3.endpoint(), &proxy);
        cmd.env_remove("S3IMG_PROXY_PASSWORD")
            .env("S3IMG_PROXY_PASSWORD_FILE", &file);
        let run = cmd.run(&["ls"]);
        run.ok();
        let warning = format!(
            "proxy.password_file {} may be read by its group or others: run chmod 600",
            file.display()
        );
        assert_eq!(run.stderr().contains(&warning), warned, "{}", run.stderr());
    }
}

#[test]
fn proxy_password_from_standard_input() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let proxy = Proxy::start(ProxyKind::Squid, d, "typed in", s3.service.port);
    let mut cmd = S3img::through(d, &s3.endpoint(), &proxy);
    cmd.env_remove("S3IMG_PROXY_PASSWORD");
    cmd.run_with_input(&["ls", "--proxy-password-stdin"], b"typed in\n")
        .ok();
    assert!(proxy.log_with("GET").contains("GET"));

    // Standard input cannot carry both the image and the password.
    let mut cmd = S3img::through(d, &s3.endpoint(), &proxy);
    cmd.env_remove("S3IMG_PROXY_PASSWORD");
    let run = cmd.run_with_input(&["put", "-", "x.img", "--proxy-password-stdin"], b"pw\n");
    assert!(
        run.fails_with(2)
            .contains("cannot be used while the image is read from standard input")
    );
}

#[test]
fn secrets_never_appear_in_output_even_at_debug_level() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let password = "Sup3r-S3cret-Proxy";
    let proxy = Proxy::start(ProxyKind::Squid, d, password, s3.service.port);
    write(d, "a.img", "abc");
    let run = S3img::through(d, &s3.endpoint(), &proxy).run(&["-vv", "put", "a.img"]);
    run.ok();
    let all = format!("{}{}", run.stdout(), run.stderr());
    assert!(
        all.contains("client ready"),
        "no debug output to check: {all}"
    );
    for secret in [password, SECRET_KEY, "U3VwM3ItUzNjcmV0"] {
        assert!(!all.contains(secret), "{secret} leaked:\n{all}");
    }
}

#[test]
fn standard_proxy_variables_apply_only_without_s3img_proxy_settings() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let proxy = Proxy::start(ProxyKind::Squid, d, "envpw", s3.service.port);
    let env_proxy = format!("http://{PROXY_USER}:envpw@127.0.0.1:{}", proxy.service.port);

    S3img::against(d, &s3.endpoint())
        .env("HTTP_PROXY", &env_proxy)
        .run(&["ls"])
        .ok();
    assert!(proxy.log_with("GET").contains("GET"));

    // Failures name the variable the proxy came from, and the hint points there.
    let wrong = format!("http://{PROXY_USER}:nope@127.0.0.1:{}", proxy.service.port);
    let err = S3img::against(d, &s3.endpoint())
        .env("HTTP_PROXY", &wrong)
        .run(&["ls"])
        .fails_with(5);
    assert!(err.contains("(from HTTP_PROXY)"), "{err}");
    assert!(
        err.contains("hint: check the user and password in HTTP_PROXY"),
        "{err}"
    );
    assert!(!err.contains("nope"), "{err}");

    // --no-proxy turns every proxy off: the name only squid resolves now fails.
    let mut cmd = S3img::against(d, &s3.endpoint());
    cmd.env("HTTP_PROXY", &env_proxy).env("S3IMG_RETRIES", "0");
    cmd.run(&["ls", "--no-proxy"]).fails_with(8);

    // An s3img proxy setting wins over HTTP_PROXY: here a port where nothing listens.
    let mut cmd = S3img::against(d, &s3.endpoint());
    cmd.env("HTTP_PROXY", &env_proxy)
        .env("S3IMG_RETRIES", "0")
        .env("S3IMG_PROXY_HOST", "127.0.0.1")
        .env("S3IMG_PROXY_PORT", free_port().to_string());
    let err = cmd.run(&["ls"]).fails_with(6);
    assert!(!err.contains("HTTP_PROXY"), "{err}");
    assert!(
        err.contains("hint: check proxy.host and proxy.port"),
        "{err}"
    );
}

#[test]
fn put_never_replaces_an_object_without_force() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    write(d, "a.img", "first");
    S3img::against(d, &s3.loopback_endpoint())
        .run(&["put", "a.img"])
        .ok();
    write(d, "a.img", "second");
    let err = S3img::against(d, &s3.loopback_endpoint())
        .run(&["put", "a.img"])
        .fails_with(9);
    assert!(
        err.contains("s3://images/a.img already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(s3.object("a.img").unwrap(), b"first");
    S3img::against(d, &s3.loopback_endpoint())
        .run(&["put", "--force", "a.img"])
        .ok();
    assert_eq!(s3.object("a.img").unwrap(), b"second");
}

#[test]
fn put_from_standard_input_and_get_to_standard_output() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let image = random_bytes(7 * 1024 * 1024 + 3, 5);
    let mut cmd = S3img::against(d, &s3.loopback_endpoint());
    cmd.env("S3IMG_PART_SIZE", "5MiB");
    cmd.run_with_input(&["put", "-", "s3://images/piped.raw"], &image)
        .ok();
    assert_eq!(s3.object("piped.raw").unwrap(), image);
    let run = S3img::against(d, &s3.loopback_endpoint()).run(&["get", "piped.raw", "-"]);
    run.ok();
    assert_eq!(run.output.stdout, image);

    S3img::against(d, &s3.loopback_endpoint())
        .run_with_input(&["put", "-", "empty.raw"], b"")
        .ok();
    assert_eq!(s3.object("empty.raw").unwrap(), b"");
}

#[test]
fn a_failed_get_leaves_no_file_behind() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let err = S3img::against(d, &s3.loopback_endpoint())
        .run(&["get", "missing.qcow2"])
        .fails_with(3);
    assert!(err.contains("s3://images/missing.qcow2 not found"), "{err}");
    let left: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("missing"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");

    write(d, "exists.img", "local");
    let err =
        S3img::against(d, &s3.loopback_endpoint()).run(&["get", "missing.qcow2", "exists.img"]);
    assert!(err.fails_with(9).contains("exists.img already exists"));
    assert_eq!(std::fs::read(d.join("exists.img")).unwrap(), b"local");
}

#[test]
fn delete_of_a_missing_object_fails_unless_ignored() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let err = S3img::against(d, &s3.loopback_endpoint())
        .run(&["delete", "nope.img"])
        .fails_with(3);
    assert!(err.contains("s3://images/nope.img not found"), "{err}");
    let out = S3img::against(d, &s3.loopback_endpoint())
        .run(&["delete", "--ignore-missing", "--json", "nope.img"])
        .ok();
    let doc: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(doc["deleted"], false);
    assert!(s3.requests().iter().all(|r| r["method"] != "DELETE"));
}

#[test]
fn wrong_s3_credentials_are_access_denied() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let mut cmd = S3img::against(d, &s3.loopback_endpoint());
    cmd.env("AWS_SECRET_ACCESS_KEY", "not-the-key");
    let err = cmd.run(&["ls"]).fails_with(4);
    assert!(err.contains("access denied to s3://images/"), "{err}");
    assert!(!err.contains("not-the-key"));
}

#[test]
fn help_answers_with_examples_and_global_options_work_after_the_command() {
    let dir = scratch();
    for cmd in ["put", "get", "delete", "ls"] {
        let help = S3img::new(dir.path()).run(&[cmd, "--help"]).ok();
        assert!(
            help.contains("Examples:"),
            "{cmd} --help has no examples:\n{help}"
        );
        assert!(
            help.contains("S3IMG_PROXY_HOST"),
            "{cmd} --help hides the proxy variables"
        );
    }
    let help = S3img::new(dir.path()).run(&["--help"]).ok();
    assert!(help.contains("HTTPS_PROXY"), "{help}");
}

/// With a terminal, a missing proxy password is asked for, naming the user and proxy.
/// `script` gives s3img a pseudo-terminal and types the answer into it.
#[test]
fn missing_proxy_password_is_prompted_on_a_terminal() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let proxy = Proxy::start(ProxyKind::Squid, d, "at-the-prompt", s3.service.port);
    let s3img = env!("CARGO_BIN_EXE_s3img");
    let line = format!(
        "{s3img} --endpoint {} --bucket images --proxy-host 127.0.0.1 --proxy-port {} \
         --proxy-user {PROXY_USER} ls",
        s3.endpoint(),
        proxy.service.port
    );
    let mut child = on_a_terminal(&line, d);
    let mut stdin = child.stdin.take().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    std::io::Write::write_all(&mut stdin, b"at-the-prompt\n").unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let screen = String::from_utf8_lossy(&output.stdout);
    assert!(
        screen.contains(&format!(
            "Password for proxy user {PROXY_USER} at 127.0.0.1:{}",
            proxy.service.port
        )),
        "{screen}"
    );
    assert!(output.status.success(), "{screen}");
    assert!(
        proxy
            .log_with("GET")
            .contains(&format!("GET http://{S3_HOST}"))
    );
}

/// `config` names where each value came from and never shows a secret.
#[test]
fn config_shows_each_value_with_its_source_and_hides_secrets() {
    let dir = scratch();
    let d = dir.path();
    let user = write(
        d,
        "xdg/s3img/config.toml",
        "bucket = \"images\"\nsecret_key = \"file-secret-value\"\naccess_key = \"AKFILE\"\n\n\
         [proxy]\nhost = \"proxy.example.internal\"\nuser = \"ops\"\n\n[transfer]\nconcurrency = 6\n",
    );
    std::fs::set_permissions(&user, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let run = S3img::new(d)
        .env("S3IMG_PROXY_PASSWORD", "env-password-value")
        .run(&["config", "--json", "--proxy-port", "8080"]);
    let out = run.ok();
    let shown: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let get = |key: &str| shown.iter().find(|s| s["key"] == key).unwrap().clone();
    assert_eq!(get("bucket")["source"], format!("{}:1", user.display()));
    assert_eq!(get("proxy.port")["value"], "8080");
    assert_eq!(get("proxy.port")["source"], "--proxy-port");
    assert_eq!(get("proxy.password")["value"], "***");
    assert_eq!(get("proxy.password")["source"], "S3IMG_PROXY_PASSWORD");
    assert_eq!(get("transfer.concurrency")["value"], "6");
    assert_eq!(get("transfer.part_size")["origin"], "default");
    assert_eq!(get("region")["value"], "us-east-1");
    for secret in ["file-secret-value", "AKFILE", "env-password-value"] {
        assert!(
            !out.contains(secret) && !run.stderr().contains(secret),
            "{secret} shown"
        );
    }
    // A readable file holding a secret is named, with the fix.
    assert!(
        run.stderr().contains(&format!(
            "{} holds secret_key but its group or others may read it: run chmod 600",
            user.display()
        )),
        "{}",
        run.stderr()
    );
    std::fs::set_permissions(&user, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let quiet = S3img::new(d).run(&["config"]);
    let human = quiet.ok();
    assert!(!quiet.stderr().contains("chmod"), "{}", quiet.stderr());
    assert!(human.contains("proxy.host"), "{human}");
    assert!(
        quiet
            .stderr()
            .contains("proxy in effect: http://ops@proxy.example.internal:3128")
    );
}

/// A realistic glance-api.conf supplies the store and the proxy, and `config` names it.
#[test]
fn a_glance_config_is_a_settings_layer() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let proxy = Proxy::start(ProxyKind::Squid, d, "glance pw", s3.service.port);
    let glance = write(
        d,
        "glance-api.conf",
        &format!(
            "[DEFAULT]\nbind_host = 0.0.0.0\nbind_port = 9292\nworkers = 4\n\n\
             [database]\nconnection = mysql+pymysql://glance:secret@db/glance\n\n\
             [keystone_authtoken]\nwww_authenticate_uri = http://keystone:5000\n\n\
             [glance_store]\nstores = s3\ndefault_store = s3\n\
             s3_store_host = {endpoint}\n\
             s3_store_access_key = {ACCESS_KEY}\n\
             s3_store_secret_key = {SECRET_KEY}\n\
             s3_store_bucket = {BUCKET}\n\
             s3_store_create_bucket_on_put = false\n\
             s3_store_bucket_url_format = path\n\
             s3_store_large_object_size = 5\n\
             s3_store_large_object_chunk_size = 5\n\
             s3_store_thread_pools = 3\n\
             s3_store_region_name = us-east-1\n\
             s3_store_enable_proxy = True\n\
             s3_store_proxy_host = 127.0.0.1\n\
             s3_store_proxy_port = {port}\n\
             s3_store_proxy_user = {PROXY_USER}\n\
             s3_store_proxy_password = glance pw\n\n\
             [oslo_policy]\nenforce_scope = true\n",
            endpoint = s3.endpoint(),
            port = proxy.service.port,
        ),
    );
    std::fs::set_permissions(&glance, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    std::fs::write(d.join("disk.raw"), random_bytes(12 * 1024 * 1024, 4)).unwrap();

    let glance_arg = glance.display().to_string();
    let put = S3img::new(d).run(&["--json", "--glance-config", &glance_arg, "put", "disk.raw"]);
    let put: serde_json::Value = serde_json::from_str(put.ok().trim()).unwrap();
    assert_eq!(put["parts"], 3, "chunk size 5 MB from glance: {put}");
    assert!(
        proxy.log_with("disk.raw").contains("disk.raw"),
        "not through the proxy glance named"
    );

    let shown = S3img::new(d)
        .env("S3IMG_GLANCE_CONFIG", &glance)
        .run(&["config", "--json"]);
    let out = shown.ok();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let get = |key: &str| lines.iter().find(|s| s["key"] == key).unwrap().clone();
    let line = std::fs::read_to_string(&glance)
        .unwrap()
        .lines()
        .position(|l| l.starts_with("s3_store_proxy_host"))
        .unwrap()
        + 1;
    assert_eq!(
        get("proxy.host")["source"],
        format!("{}:{line}", glance.display())
    );
    assert_eq!(get("transfer.concurrency")["value"], "3");
    assert_eq!(get("proxy.password")["value"], "***");
    assert!(!out.contains("glance pw") && !out.contains(SECRET_KEY));

    // A variable still beats the glance file.
    let over = S3img::new(d)
        .env("S3IMG_GLANCE_CONFIG", &glance)
        .env("S3IMG_PROXY_PORT", "1")
        .run(&["config", "--json"]);
    assert!(over.ok().contains("\"source\":\"S3IMG_PROXY_PORT\""));
}
