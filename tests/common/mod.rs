//! The test rig: a real S3 server, real squid and tinyproxy with Basic auth, real images,
//! all on 127.0.0.1 with temporary state, and the s3img binary run with a clean
//! environment.
//!
//! Each helper owns its process and kills it when dropped. Nothing here reaches an address
//! other than loopback: the S3 client gets explicit credentials and region, and
//! `AWS_EC2_METADATA_DISABLED` keeps the SDK from probing for instance metadata.

#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const ACCESS_KEY: &str = "AKIAS3IMGTEST";
pub const SECRET_KEY: &str = "s3img-test-secret-key";
pub const BUCKET: &str = "images";
/// A name only squid can resolve (through its hosts_file), so a request that bypasses
/// the proxy fails instead of passing quietly.
pub const S3_HOST: &str = "s3.test.internal";
pub const PROXY_USER: &str = "ops";

/// A scratch directory that processes running as another user can use.
pub fn scratch() -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("s3img-test-")
        .tempdir()
        .unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    dir
}

/// A child process killed on drop.
pub struct Service {
    child: Child,
    pub port: u16,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16, what: &str, child: &mut Child, log: &Path) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            let log = std::fs::read_to_string(log).unwrap_or_default();
            panic!("{what} exited with {status} before listening:\n{log}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("{what} did not listen on port {port} within 20s");
}

fn target_dir_binary(name: &str) -> PathBuf {
    let s3img = PathBuf::from(env!("CARGO_BIN_EXE_s3img"));
    let path = s3img.with_file_name(name);
    assert!(
        path.exists(),
        "{} is missing: build the workspace first (cargo build --workspace)",
        path.display()
    );
    path
}

/// The S3 server: s3s-fs with SigV4 checks and a request log.
pub struct S3Server {
    pub service: Service,
    pub root: PathBuf,
    pub log: PathBuf,
    /// The CA certificate when serving HTTPS.
    pub ca: Option<PathBuf>,
    dir: PathBuf,
    options: S3Options,
}

/// Options of the S3 server.
#[derive(Default, Clone, Copy)]
pub struct S3Options {
    pub tls: bool,
    pub reject_checksums: bool,
    /// Milliseconds the server waits before each part upload.
    pub part_delay_ms: u64,
    /// Milliseconds the server waits before answering each GET of an object.
    pub get_delay_ms: u64,
    /// GETs send half the body they announce.
    pub short_gets: bool,
    /// GETs send half the body they announce, then hold the connection silent.
    pub stall_gets: bool,
    /// Uploads have their first MiB taken, then neither read nor answered.
    pub stall_puts: bool,
    /// Every Nth part upload gets a 503 and the next one a 500.
    pub fail_every_nth_part: Option<u64>,
    /// Every upload (not a copy) is answered with this status.
    pub fail_puts: Option<u16>,
    /// Every ranged GET is answered with the whole object.
    pub ignore_ranges: bool,
}

impl S3Server {
    pub fn start(dir: &Path, options: S3Options) -> Self {
        Self::start_on(dir, options, 0)
    }

    /// Stops the server and starts it again on the same port and store.
    pub fn restart(&mut self) {
        let port = self.service.port;
        let _ = self.service.child.kill();
        let _ = self.service.child.wait();
        *self = Self::start_on(&self.dir.clone(), self.options, port);
    }

    fn start_on(dir: &Path, options: S3Options, port: u16) -> Self {
        let root = dir.join("store");
        let log = dir.join("s3-requests.jsonl");
        let port_file = dir.join("s3.port");
        // A port file left by an earlier server of this directory would be read first.
        let _ = std::fs::remove_file(&port_file);
        let stderr = dir.join("s3-server.log");
        let mut cmd = Command::new(target_dir_binary("s3img-test-server"));
        cmd.args(["--root"])
            .arg(&root)
            .args(["--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY])
            .args(["--bucket", BUCKET])
            .arg("--request-log")
            .arg(&log)
            .arg("--port-file")
            .arg(&port_file)
            .args(["--tls-name", S3_HOST, "--tls-name", "localhost"]);
        if options.reject_checksums {
            cmd.arg("--reject-checksums");
        }
        cmd.arg("--listen").arg(format!("127.0.0.1:{port}"));
        if options.part_delay_ms > 0 {
            cmd.arg("--part-delay-ms")
                .arg(options.part_delay_ms.to_string());
        }
        if options.short_gets {
            cmd.arg("--short-gets");
        }
        if options.stall_gets {
            cmd.arg("--stall-gets");
        }
        if options.stall_puts {
            cmd.arg("--stall-puts");
        }
        if options.get_delay_ms > 0 {
            cmd.arg("--get-delay-ms")
                .arg(options.get_delay_ms.to_string());
        }
        if let Some(n) = options.fail_every_nth_part {
            cmd.arg("--fail-every-nth-part").arg(n.to_string());
        }
        if options.ignore_ranges {
            cmd.arg("--ignore-ranges");
        }
        if let Some(status) = options.fail_puts {
            cmd.arg("--fail-puts").arg(status.to_string());
        }
        let ca = options.tls.then(|| dir.join("tls"));
        if let Some(tls) = &ca {
            cmd.arg("--tls-dir").arg(tls);
        }
        std::fs::create_dir_all(&root).unwrap();
        let mut child = cmd
            .stdout(Stdio::null())
            .stderr(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&stderr)
                    .unwrap(),
            )
            .spawn()
            .expect("starting s3img-test-server");
        let deadline = Instant::now() + Duration::from_secs(20);
        let port = loop {
            if let Ok(text) = std::fs::read_to_string(&port_file) {
                break text.trim().parse().unwrap();
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("S3 server exited with {status}: {}", read(&stderr));
            }
            assert!(Instant::now() < deadline, "S3 server did not start");
            std::thread::sleep(Duration::from_millis(50));
        };
        wait_for_port(port, "S3 server", &mut child, &stderr);
        S3Server {
            service: Service { child, port },
            root,
            log,
            ca: ca.map(|d| d.join("ca.pem")),
            dir: dir.to_owned(),
            options,
        }
    }

    /// A server with `options` whose store already holds `file` (in `work`) under `key`,
    /// put there through a well-behaved server of the same store first.
    pub fn holding(dir: &Path, options: S3Options, work: &Path, file: &str, key: &str) -> Self {
        let seeding = Self::start(dir, S3Options::default());
        S3img::against(work, &seeding.loopback_endpoint())
            .run(&["put", file, key])
            .ok();
        drop(seeding);
        Self::start(dir, options)
    }

    /// The endpoint URL with the host only squid resolves.
    pub fn endpoint(&self) -> String {
        let scheme = if self.ca.is_some() { "https" } else { "http" };
        format!("{scheme}://{S3_HOST}:{}", self.service.port)
    }

    /// The endpoint URL by loopback address, for proxies that resolve names themselves.
    pub fn loopback_endpoint(&self) -> String {
        let scheme = if self.ca.is_some() { "https" } else { "http" };
        format!("{scheme}://127.0.0.1:{}", self.service.port)
    }

    /// Every request the server received, oldest first.
    pub fn requests(&self) -> Vec<serde_json::Value> {
        read(&self.log)
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    }

    /// Flips one byte of a stored object on the server's disk, keeping its size.
    pub fn corrupt(&self, key: &str, offset: u64) {
        use std::os::unix::fs::FileExt;
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(self.root.join(BUCKET).join(key))
            .unwrap();
        let mut byte = [0u8];
        file.read_exact_at(&mut byte, offset).unwrap();
        file.write_all_at(&[byte[0] ^ 0x5a], offset).unwrap();
    }

    /// The stored bytes of an object, straight from the server's disk.
    pub fn object(&self, key: &str) -> Option<Vec<u8>> {
        std::fs::read(self.root.join(BUCKET).join(key)).ok()
    }
}

/// Which proxy to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProxyKind {
    Squid,
    Tinyproxy,
}

/// A real proxy with Basic auth.
pub struct Proxy {
    pub service: Service,
    pub kind: ProxyKind,
    pub access_log: PathBuf,
    pub password: String,
    dir: PathBuf,
    s3_port: u16,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        // squid keeps shared memory segments named after its service name; a killed squid
        // leaves them in /dev/shm.
        if self.kind == ProxyKind::Squid {
            let prefix = format!("s3imgtest{}-", self.service.port);
            if let Ok(entries) = std::fs::read_dir("/dev/shm") {
                for entry in entries.flatten() {
                    if entry.file_name().to_string_lossy().starts_with(&prefix) {
                        let _ = std::fs::remove_file(entry.path());
                    }
                }
            }
        }
    }
}

impl Proxy {
    /// Starts a proxy whose user `ops` has `password`; `s3_port` is the port CONNECT
    /// must be allowed to.
    pub fn start(kind: ProxyKind, dir: &Path, password: &str, s3_port: u16) -> Self {
        let dir = dir.join(format!("{kind:?}").to_lowercase());
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        let port = free_port();
        let (mut child, access_log, stderr) = match kind {
            ProxyKind::Squid => start_squid(&dir, port, password),
            ProxyKind::Tinyproxy => start_tinyproxy(&dir, port, password, s3_port),
        };
        wait_for_port(port, &format!("{kind:?}"), &mut child, &stderr);
        Proxy {
            service: Service { child, port },
            kind,
            access_log,
            password: password.to_owned(),
            dir,
            s3_port,
        }
    }

    /// Kills the proxy at once, as a crash would.
    pub fn kill(&mut self) {
        let _ = self.service.child.kill();
        let _ = self.service.child.wait();
    }

    /// Starts the proxy again on the same port, with the same settings and logs.
    pub fn start_again(&mut self) {
        let port = self.service.port;
        let _ = std::fs::remove_file(self.dir.join("squid.pid"));
        let (mut child, _, stderr) = match self.kind {
            ProxyKind::Squid => start_squid(&self.dir, port, &self.password),
            ProxyKind::Tinyproxy => start_tinyproxy(&self.dir, port, &self.password, self.s3_port),
        };
        wait_for_port(port, &format!("{:?}", self.kind), &mut child, &stderr);
        self.service.child = child;
    }

    /// Starts squid with extra access rules (squid.conf lines) ahead of its own.
    pub fn squid_with_rules(dir: &Path, password: &str, s3_port: u16, rules: &str) -> Self {
        let squid_dir = dir.join("squid");
        std::fs::create_dir_all(&squid_dir).unwrap();
        std::fs::write(squid_dir.join("rules.conf"), rules).unwrap();
        Self::start(ProxyKind::Squid, dir, password, s3_port)
    }

    /// The proxy's access log so far.
    pub fn log(&self) -> String {
        read(&self.access_log)
    }

    /// Waits until the access log has at least `lines` lines (squid writes it shortly
    /// after the request ends).
    pub fn log_with(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let log = self.log();
            if log.contains(needle) || Instant::now() > deadline {
                return log;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn start_squid(dir: &Path, port: u16, password: &str) -> (Child, PathBuf, PathBuf) {
    let htpasswd = dir.join("htpasswd");
    let status = Command::new("htpasswd")
        .args(["-b", "-c", "-m"])
        .arg(&htpasswd)
        .args([PROXY_USER, password])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("htpasswd (apache2-utils) is required");
    assert!(status.success());
    std::fs::set_permissions(&htpasswd, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::write(dir.join("hosts"), format!("127.0.0.1 {S3_HOST}\n")).unwrap();
    let d = dir.display();
    // Access rules a test adds, applied before authentication is asked for.
    let rules = std::fs::read_to_string(dir.join("rules.conf")).unwrap_or_default();
    let conf = format!(
        "http_port 127.0.0.1:{port}
pid_filename {d}/squid.pid
cache_log {d}/cache.log
access_log stdio:{d}/access.log squid
logformat squid %ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %un %Sh/%<a %mt
logfile_rotate 0
strip_query_terms off
cache deny all
cache_mem 8 MB
memory_cache_shared off
hosts_file {d}/hosts
dns_nameservers 127.0.0.1
coredump_dir {d}
netdb_filename none
pinger_enable off
shutdown_lifetime 0 seconds
client_request_buffer_max_size 64 MB
auth_param basic program /usr/lib/squid/basic_ncsa_auth {d}/htpasswd
auth_param basic realm s3img-test
acl authed proxy_auth REQUIRED
{rules}http_access deny !authed
http_access allow authed
http_access deny all
"
    );
    let conf_path = dir.join("squid.conf");
    std::fs::write(&conf_path, conf).unwrap();
    let stderr = dir.join("squid.stderr");
    // A service name of its own keeps parallel squids from sharing memory segments.
    let child = Command::new("squid")
        .args(["-N", "-n", &format!("s3imgtest{port}"), "-f"])
        .arg(&conf_path)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .expect("squid is required");
    (child, dir.join("access.log"), dir.join("cache.log"))
}

fn start_tinyproxy(
    dir: &Path,
    port: u16,
    password: &str,
    s3_port: u16,
) -> (Child, PathBuf, PathBuf) {
    let d = dir.display();
    let conf = format!(
        "User nobody
Group nogroup
Port {port}
Listen 127.0.0.1
Timeout 120
LogFile \"{d}/tinyproxy.log\"
LogLevel Info
PidFile \"{d}/tinyproxy.pid\"
MaxClients 64
Allow 127.0.0.1
BasicAuth {PROXY_USER} {password}
ConnectPort {s3_port}
"
    );
    let conf_path = dir.join("tinyproxy.conf");
    std::fs::write(&conf_path, conf).unwrap();
    let stderr = dir.join("tinyproxy.stderr");
    let child = Command::new("tinyproxy")
        .args(["-d", "-c"])
        .arg(&conf_path)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .expect("tinyproxy is required");
    (child, dir.join("tinyproxy.log"), stderr)
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// An s3img invocation with a clean environment: no HOME config, no AWS or S3IMG
/// variables, no proxy variables, and the given working directory.
pub struct S3img {
    cmd: Command,
}

impl S3img {
    pub fn new(dir: &Path) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_s3img"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", dir)
            .env("XDG_CONFIG_HOME", dir.join("xdg"))
            .env("S3IMG_SYSTEM_CONFIG", dir.join("system-config.toml"))
            .env("AWS_EC2_METADATA_DISABLED", "true")
            // Empty AWS config and credentials files: none of the runner's, and no warning
            // that a named file is missing.
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .current_dir(dir)
            .stdin(Stdio::null());
        S3img { cmd }
    }

    /// Credentials and region for the test server, plus its endpoint.
    pub fn against(dir: &Path, endpoint: &str) -> Self {
        let mut s = Self::new(dir);
        s.env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
            .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
            .env("S3IMG_REGION", "us-east-1")
            .env("S3IMG_ENDPOINT", endpoint)
            .env("S3IMG_BUCKET", BUCKET);
        s
    }

    /// Through `proxy` as user ops with its password (given by variable).
    pub fn through(dir: &Path, endpoint: &str, proxy: &Proxy) -> Self {
        let mut s = Self::against(dir, endpoint);
        s.env("S3IMG_PROXY_HOST", "127.0.0.1")
            .env("S3IMG_PROXY_PORT", proxy.service.port.to_string())
            .env("S3IMG_PROXY_USER", PROXY_USER)
            .env("S3IMG_PROXY_PASSWORD", &proxy.password);
        s
    }

    pub fn env(&mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> &mut Self {
        self.cmd.env(key, value);
        self
    }

    pub fn env_remove(&mut self, key: &str) -> &mut Self {
        self.cmd.env_remove(key);
        self
    }

    /// Runs as user nobody when the tests run as root, so that file permissions apply.
    pub fn unprivileged(&mut self) -> &mut Self {
        use std::os::unix::fs::MetadataExt;
        use std::os::unix::process::CommandExt;
        let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
        if root {
            self.cmd.uid(65534).gid(65534);
        }
        self
    }

    pub fn stdin(&mut self, stdin: Stdio) -> &mut Self {
        self.cmd.stdin(stdin);
        self
    }

    /// Runs with the arguments, bounded to two minutes.
    pub fn run(&mut self, args: &[&str]) -> Run {
        self.cmd
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let child = self.cmd.spawn().expect("starting s3img");
        let output = wait_bounded(child, Duration::from_secs(120));
        Run {
            output,
            args: args.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Runs with `input` on standard input.
    pub fn run_with_input(&mut self, args: &[&str], input: &[u8]) -> Run {
        use std::io::Write;
        self.cmd
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.cmd.spawn().expect("starting s3img");
        let mut stdin = child.stdin.take().unwrap();
        let input = input.to_vec();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let output = wait_bounded(child, Duration::from_secs(120));
        writer.join().unwrap();
        Run {
            output,
            args: args.iter().map(|s| s.to_string()).collect(),
        }
    }
}

fn wait_bounded(child: Child, limit: Duration) -> Output {
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("s3img did not finish within {limit:?}");
        }
    }
}

/// An s3img run in the background, for tests that interrupt it.
pub struct Background {
    child: Option<Child>,
    args: Vec<String>,
}

impl S3img {
    /// Starts s3img with the arguments and returns at once.
    pub fn spawn(&mut self, args: &[&str]) -> Background {
        self.cmd
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        Background {
            child: Some(self.cmd.spawn().expect("starting s3img")),
            args: args.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl Background {
    /// The process id, to look at it under /proc.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().unwrap().id()
    }

    /// Writes to its standard input and closes it (the command was set up with
    /// `stdin(Stdio::piped())`).
    pub fn type_and_close(&mut self, input: &[u8]) {
        use std::io::Write;
        let mut stdin = self.child.as_mut().unwrap().stdin.take().unwrap();
        stdin.write_all(input).unwrap();
    }

    /// Sends a signal by name (`INT`, `KILL`, ...).
    pub fn signal(&self, name: &str) {
        let pid = self.child.as_ref().unwrap().id().to_string();
        let status = Command::new("kill")
            .args([&format!("-{name}"), &pid])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for it to end, bounded to two minutes.
    pub fn wait(mut self) -> Run {
        let child = self.child.take().unwrap();
        Run {
            output: wait_bounded(child, Duration::from_secs(120)),
            args: std::mem::take(&mut self.args),
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Waits until `cond` holds, for at most `limit`; false when it never did.
pub fn wait_until(limit: Duration, mut cond: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if cond() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    cond()
}

/// The resume journals s3img keeps under `dir` (its HOME in tests), with their part lines.
pub fn journals(dir: &Path) -> Vec<(PathBuf, Vec<serde_json::Value>)> {
    let uploads = dir.join(".local/state/s3img/uploads");
    let Ok(entries) = std::fs::read_dir(&uploads) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .map(|p| {
            let parts = read(&p)
                .lines()
                .skip(1)
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect();
            (p, parts)
        })
        .collect()
}

/// The part numbers of every part upload the server received from `from_request` on.
pub fn part_uploads(s3: &S3Server, from_request: usize) -> Vec<u64> {
    s3.requests()
        .into_iter()
        .skip(from_request)
        .filter(|r| r["method"] == "PUT")
        .filter_map(|r| {
            let query = r["query"].as_str()?.to_owned();
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix("partNumber="))
                .and_then(|n| n.parse().ok())
        })
        .collect()
}

/// The result of one s3img run.
pub struct Run {
    pub output: Output,
    pub args: Vec<String>,
}

impl Run {
    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// Asserts success and returns stdout.
    pub fn ok(&self) -> String {
        assert_eq!(
            self.code(),
            0,
            "s3img {:?} failed:\nstdout: {}\nstderr: {}",
            self.args,
            self.stdout(),
            self.stderr()
        );
        self.stdout()
    }

    /// Asserts the exit code and returns stderr.
    pub fn fails_with(&self, code: i32) -> String {
        assert_eq!(
            self.code(),
            code,
            "s3img {:?}: expected exit {code}\nstdout: {}\nstderr: {}",
            self.args,
            self.stdout(),
            self.stderr()
        );
        assert!(!self.stderr().contains("panicked"), "{}", self.stderr());
        self.stderr()
    }
}

/// The hash of a file by coreutils (`sha256sum`, `sha512sum`), as lowercase hex.
pub fn hash_file(tool: &str, path: &Path) -> String {
    let out = Command::new(tool).arg(path).output().expect("coreutils");
    assert!(out.status.success(), "{tool} failed");
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

/// Deterministic pseudo-random bytes, so images do not compress or repeat.
pub fn random_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(len);
    out
}

/// Makes a real qcow2 image of `virtual_mib` MiB with `data_mib` MiB of random data
/// written into it by qemu-img itself (converted from a raw file).
pub fn qcow2_image(dir: &Path, name: &str, data_mib: usize) -> PathBuf {
    let raw = dir.join(format!("{name}.raw"));
    std::fs::write(&raw, random_bytes(data_mib * 1024 * 1024, 7)).unwrap();
    let out = dir.join(name);
    let status = Command::new("qemu-img")
        .args(["convert", "-f", "raw", "-O", "qcow2"])
        .arg(&raw)
        .arg(&out)
        .status()
        .expect("qemu-img is required");
    assert!(status.success(), "qemu-img convert failed");
    std::fs::remove_file(&raw).unwrap();
    let info = Command::new("qemu-img")
        .args(["info", "--output=json"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&info.stdout).contains("\"format\": \"qcow2\""));
    out
}

/// Runs `line` under `script`, which gives it a pseudo-terminal, with a clean environment
/// holding the test credentials and region, in `dir`. Standard input and output are piped:
/// what is written to the input is typed at the terminal.
pub fn on_a_terminal(line: &str, dir: &Path) -> Child {
    Command::new("script")
        .args(["-q", "-e", "-c", line, "/dev/null"])
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("S3IMG_REGION", "us-east-1")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("xdg"))
        .env("S3IMG_SYSTEM_CONFIG", dir.join("none.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("script (util-linux) is required")
}
