//! A real S3 server for s3img's tests, demo and benchmark.
//!
//! It serves the `s3s-fs` file-system store, which checks SigV4 signatures and implements
//! multipart uploads, and adds what a test needs to see from the server's side: a JSON-lines
//! record of every request it received (method, path, query, the proxy's `Via` header, whether
//! a `Proxy-Authorization` header leaked through, checksum headers), an optional strict mode
//! that rejects the SDK's default checksum headers the way some S3-compatible stores do, and
//! optional TLS with a certificate authority it makes itself.
//!
//! It must never listen anywhere but loopback: `--listen` refuses other addresses.

use std::convert::Infallible;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, bail};
use clap::Parser;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use s3s::Body;
use s3s::auth::SimpleAuth;
use s3s::service::{S3Service, S3ServiceBuilder};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

/// Command line of the test server.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Opt {
    /// Address to listen on; must be a loopback address. Port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,

    /// Directory that holds the buckets (one sub-directory each).
    #[arg(long)]
    root: PathBuf,

    /// Access key that requests must be signed with.
    #[arg(long)]
    access_key: String,

    /// Secret key that requests must be signed with.
    #[arg(long)]
    secret_key: String,

    /// Buckets to create at start.
    #[arg(long = "bucket")]
    buckets: Vec<String>,

    /// Append one JSON line per request received to this file.
    #[arg(long)]
    request_log: Option<PathBuf>,

    /// Reject requests that carry flexible-checksum headers or trailers, as some
    /// S3-compatible stores do.
    #[arg(long)]
    reject_checksums: bool,

    /// Serve HTTPS: write a new CA certificate to DIR/ca.pem and serve a certificate it
    /// signed for each --tls-name.
    #[arg(long, value_name = "DIR")]
    tls_dir: Option<PathBuf>,

    /// A DNS name the TLS certificate is valid for.
    #[arg(long = "tls-name", default_value = "localhost")]
    tls_names: Vec<String>,

    /// Write the bound port to this file once listening (written atomically).
    #[arg(long)]
    port_file: Option<PathBuf>,

    /// Wait this long before handling each part upload, so tests can act mid-upload.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    part_delay_ms: u64,

    /// Wait this long before answering each GET of an object, so tests can act
    /// mid-download.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    get_delay_ms: u64,

    /// Send only half of every object body a GET announces, then close the connection, as
    /// a broken proxy or server does.
    #[arg(long)]
    short_gets: bool,

    /// Send half of every object body a GET announces, then nothing more for two minutes,
    /// holding the connection open, as a stuck proxy or server does.
    #[arg(long)]
    stall_gets: bool,

    /// Take the first MiB of every upload's body (PutObject and UploadPart, not copies),
    /// then read nothing more and send no answer for two minutes, holding the connection
    /// open, as a stuck proxy or server does.
    #[arg(long)]
    stall_puts: bool,

    /// Answer every Nth part upload with 503 Slow Down, and the one after it with 500, as
    /// a store under load does; the client is expected to retry.
    #[arg(long, value_name = "N")]
    fail_every_nth_part: Option<u64>,

    /// Answer every upload (PutObject and UploadPart, not copies) with this HTTP status
    /// and an InternalError body, as a broken store does.
    #[arg(long, value_name = "STATUS")]
    fail_puts: Option<u16>,

    /// Drop the Range header of every request, so each GET answers with the whole object,
    /// as some stores and caches do.
    #[arg(long)]
    ignore_ranges: bool,
}

/// Everything each connection needs, shared.
struct Shared {
    s3: S3Service,
    log: Option<Mutex<File>>,
    reject_checksums: bool,
    part_delay: std::time::Duration,
    get_delay: std::time::Duration,
    short_gets: bool,
    stall_gets: bool,
    stall_puts: bool,
    fail_every_nth_part: Option<u64>,
    fail_puts: Option<u16>,
    ignore_ranges: bool,
    part_uploads: std::sync::atomic::AtomicU64,
    uploads: Uploads,
    root: PathBuf,
}

fn main() -> Result<()> {
    let opt = Opt::parse();
    if !opt.listen.ip().is_loopback() {
        bail!(
            "refusing to listen on {}: only loopback addresses are allowed",
            opt.listen
        );
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run(opt))
}

async fn run(opt: Opt) -> Result<()> {
    for bucket in &opt.buckets {
        std::fs::create_dir_all(opt.root.join(bucket))
            .with_context(|| format!("creating bucket directory {bucket}"))?;
    }
    let fs = s3s_fs::FileSystem::new(&opt.root)
        .map_err(|e| anyhow::anyhow!("opening the store: {e:?}"))?;
    let mut builder = S3ServiceBuilder::new(fs);
    builder.set_auth(SimpleAuth::from_single(
        opt.access_key.clone(),
        opt.secret_key.clone(),
    ));
    let log = match &opt.request_log {
        Some(path) => Some(Mutex::new(
            OpenOptions::new().create(true).append(true).open(path)?,
        )),
        None => None,
    };
    let shared = Arc::new(Shared {
        s3: builder.build(),
        log,
        reject_checksums: opt.reject_checksums,
        part_delay: std::time::Duration::from_millis(opt.part_delay_ms),
        get_delay: std::time::Duration::from_millis(opt.get_delay_ms),
        short_gets: opt.short_gets,
        stall_gets: opt.stall_gets,
        stall_puts: opt.stall_puts,
        fail_every_nth_part: opt.fail_every_nth_part,
        fail_puts: opt.fail_puts,
        ignore_ranges: opt.ignore_ranges,
        part_uploads: std::sync::atomic::AtomicU64::new(0),
        uploads: Uploads::load(&opt.root),
        root: opt.root.clone(),
    });

    let tls = match &opt.tls_dir {
        Some(dir) => Some(make_tls(dir, &opt.tls_names)?),
        None => None,
    };

    let listener = TcpListener::bind(opt.listen).await?;
    let port = listener.local_addr()?.port();
    if let Some(path) = &opt.port_file {
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, format!("{port}\n"))?;
        std::fs::rename(&tmp, path)?;
    }
    println!("listening on {}", listener.local_addr()?);

    loop {
        let (socket, _) = listener.accept().await?;
        // As production servers do: without it, the last small write of each response
        // waits for the client's delayed ACK, some 40 ms per request.
        socket.set_nodelay(true)?;
        let shared = shared.clone();
        let tls = tls.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| handle(shared.clone(), req));
            let builder = ConnBuilder::new(TokioExecutor::new());
            match tls {
                Some(acceptor) => {
                    if let Ok(stream) = acceptor.accept(socket).await {
                        let _ = builder
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    }
                }
                None => {
                    let _ = builder
                        .serve_connection(TokioIo::new(socket), service)
                        .await;
                }
            }
        });
    }
}

/// Records the request, applies the strict checksum rule, then hands it to the S3 store.
async fn handle(
    shared: Arc<Shared>,
    req: http::Request<Incoming>,
) -> Result<http::Response<Body>, Infallible> {
    let has_checksum = req.headers().keys().any(|name| {
        let name = name.as_str();
        name.starts_with("x-amz-checksum-")
            || name == "x-amz-sdk-checksum-algorithm"
            || name == "x-amz-trailer"
    });
    if let Some(log) = &shared.log {
        record(log, &req, has_checksum);
    }
    let upload = req.method() == http::Method::PUT
        && req.uri().path().trim_start_matches('/').contains('/')
        && !req.headers().contains_key("x-amz-copy-source");
    if upload && shared.stall_puts {
        let mut body = std::pin::pin!(req.into_body());
        let mut taken = 0;
        while taken < 1 << 20 {
            let frame = std::future::poll_fn(|cx| hyper::body::Body::poll_frame(body.as_mut(), cx));
            match frame.await {
                Some(Ok(frame)) => taken += frame.data_ref().map_or(0, |d| d.len()),
                _ => break,
            }
        }
        tokio::time::sleep(std::time::Duration::from_secs(120)).await;
        return Ok(error_response(500, "InternalError", "stalled upload"));
    }
    if let Some(status) = shared.fail_puts.filter(|_| upload) {
        // Take the whole body first, as a store that fails to write it does; answering
        // early would make the client see a broken pipe instead of the status.
        let mut body = Body::from(req.into_body());
        let _ = body.store_all_limited(1 << 30).await;
        return Ok(error_response(status, "InternalError", "injected failure"));
    }
    let part_upload = req.method() == http::Method::PUT
        && req.uri().query().is_some_and(|q| q.contains("partNumber="))
        && !req.headers().contains_key("x-amz-copy-source");
    if part_upload {
        let seen = shared
            .part_uploads
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            + 1;
        if let Some(n) = shared.fail_every_nth_part.filter(|n| *n > 0) {
            match seen % n {
                0 => {
                    return Ok(error_response(
                        503,
                        "SlowDown",
                        "please reduce your request rate",
                    ));
                }
                1 if seen > 1 => {
                    return Ok(error_response(500, "InternalError", "injected failure"));
                }
                _ => {}
            }
        }
        if !shared.part_delay.is_zero() {
            tokio::time::sleep(shared.part_delay).await;
        }
    }
    let object_get = req.method() == http::Method::GET
        && req.uri().path().trim_start_matches('/').contains('/')
        && !req.uri().query().is_some_and(|q| q.contains("uploadId"));
    if object_get && !shared.get_delay.is_zero() {
        tokio::time::sleep(shared.get_delay).await;
    }
    if shared.reject_checksums && has_checksum {
        return Ok(error_response(
            400,
            "InvalidArgument",
            "this store does not support flexible checksums",
        ));
    }
    let upload_call = UploadCall::of(&req);
    // The Range header is signed, so it stays; the store's partial answer is replaced by
    // the whole object afterwards. Keys are taken from the path as they are (the tests
    // use plain ones).
    let whole_object = (object_get && shared.ignore_ranges && req.headers().contains_key("range"))
        .then(|| shared.root.join(req.uri().path().trim_start_matches('/')));
    let resp = match shared.s3.call(req.map(Body::from)).await {
        Ok(resp) => resp,
        Err(_) => return Ok(error_response(500, "InternalError", "internal error")),
    };
    if let Some(path) = whole_object.filter(|_| resp.status() == http::StatusCode::PARTIAL_CONTENT)
    {
        let (mut parts, _) = resp.into_parts();
        let bytes = std::fs::read(&path).unwrap_or_default();
        parts.status = http::StatusCode::OK;
        parts.headers.remove("content-range");
        parts.headers.insert("content-length", bytes.len().into());
        return Ok(http::Response::from_parts(parts, Body::from(bytes)));
    }
    if object_get && shared.stall_gets && resp.status().is_success() {
        let (parts, mut body) = resp.into_parts();
        let bytes = body.store_all_limited(1 << 30).await.unwrap_or_default();
        let stalled = Stalled {
            first: Some(bytes.slice(..bytes.len() / 2)),
            silence: Box::pin(tokio::time::sleep(std::time::Duration::from_secs(120))),
        };
        return Ok(http::Response::from_parts(parts, Body::http_body(stalled)));
    }
    if object_get && shared.short_gets && resp.status().is_success() {
        let (parts, mut body) = resp.into_parts();
        let bytes = body.store_all_limited(1 << 30).await.unwrap_or_default();
        let half = bytes.slice(..bytes.len() / 2);
        return Ok(http::Response::from_parts(parts, Body::from(half)));
    }
    Ok(shared.uploads.follow(upload_call, resp).await)
}

/// A body that sends its first piece, then nothing until `silence` ends, then stops short
/// of the length its response announced.
struct Stalled {
    first: Option<hyper::body::Bytes>,
    silence: std::pin::Pin<Box<tokio::time::Sleep>>,
}

impl hyper::body::Body for Stalled {
    type Data = hyper::body::Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        if let Some(first) = self.first.take() {
            return std::task::Poll::Ready(Some(Ok(hyper::body::Frame::data(first))));
        }
        self.silence.as_mut().poll(cx).map(|()| None)
    }
}

/// A request that starts, ends or lists multipart uploads. s3s-fs keeps no list of its
/// uploads and does not implement ListMultipartUploads, so the server keeps one beside the
/// store (it survives a restart) and answers that request from it once s3s has
/// authenticated it.
enum UploadCall {
    Create { bucket: String, key: String },
    End { id: String },
    List { bucket: String, prefix: String },
    Other,
}

impl UploadCall {
    fn of(req: &http::Request<Incoming>) -> UploadCall {
        let path = percent_decode(req.uri().path().trim_start_matches('/'));
        let (bucket, key) = path.split_once('/').unwrap_or((&path, ""));
        let query = req.uri().query().unwrap_or("");
        let param = |name: &str| {
            query.split('&').find_map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (k == name).then(|| percent_decode(v))
            })
        };
        let (bucket, key) = (bucket.to_owned(), key.to_owned());
        match (req.method().as_str(), param("uploads"), param("uploadId")) {
            ("POST", Some(_), _) => UploadCall::Create { bucket, key },
            ("POST" | "DELETE", None, Some(id)) => UploadCall::End { id },
            ("GET", Some(_), None) if key.is_empty() => UploadCall::List {
                bucket,
                prefix: param("prefix").unwrap_or_default(),
            },
            _ => UploadCall::Other,
        }
    }
}

/// The multipart uploads under way: (bucket, key, upload id) and when each started.
struct Uploads {
    file: PathBuf,
    open: Mutex<Vec<(String, String, String, String)>>,
}

impl Uploads {
    fn load(root: &Path) -> Uploads {
        let file = root.join(".s3img-test-uploads.json");
        let open = std::fs::read(&file)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        Uploads {
            file,
            open: Mutex::new(open),
        }
    }

    fn save(&self, open: &[(String, String, String, String)]) {
        if let Ok(text) = serde_json::to_vec(open) {
            let _ = std::fs::write(&self.file, text);
        }
    }

    async fn follow(&self, call: UploadCall, resp: http::Response<Body>) -> http::Response<Body> {
        match call {
            UploadCall::Create { bucket, key } if resp.status().is_success() => {
                let (parts, mut body) = resp.into_parts();
                let bytes = body.store_all_limited(1 << 16).await.unwrap_or_default();
                let text = String::from_utf8_lossy(&bytes);
                if let Some(id) = text
                    .split_once("<UploadId>")
                    .and_then(|(_, rest)| rest.split_once("</UploadId>"))
                    .map(|(id, _)| id.to_owned())
                {
                    let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
                    open.push((bucket, key, id, now_iso8601()));
                    self.save(&open);
                }
                http::Response::from_parts(parts, Body::from(bytes))
            }
            UploadCall::End { id } if resp.status().is_success() => {
                let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
                open.retain(|(_, _, open_id, _)| *open_id != id);
                self.save(&open);
                resp
            }
            UploadCall::List { bucket, prefix } if resp.status() == 501 => {
                let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
                let mut xml = format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                     <ListMultipartUploadsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\
                     <Bucket>{bucket}</Bucket><Prefix>{prefix}</Prefix><MaxUploads>1000</MaxUploads>\
                     <IsTruncated>false</IsTruncated>"
                );
                let mut listed: Vec<_> = open
                    .iter()
                    .filter(|(b, k, _, _)| *b == bucket && k.starts_with(&prefix))
                    .collect();
                listed.sort();
                for (_, key, id, started) in listed {
                    xml.push_str(&format!(
                        "<Upload><Key>{}</Key><UploadId>{id}</UploadId>\
                         <Initiated>{started}</Initiated><StorageClass>STANDARD</StorageClass></Upload>",
                        xml_escape(key)
                    ));
                }
                xml.push_str("</ListMultipartUploadsResult>");
                http::Response::builder()
                    .status(200)
                    .header("content-type", "application/xml")
                    .body(Body::from(xml))
                    .expect("static response parts are valid")
            }
            _ => resp,
        }
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|b| hex(*b)),
            bytes.get(i + 2).and_then(|b| hex(*b)),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The time now as S3 writes it, `2026-12-03T18:00:00.000Z`.
fn now_iso8601() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.000Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

fn record(log: &Mutex<File>, req: &http::Request<Incoming>, has_checksum: bool) {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let line = serde_json::json!({
        "method": req.method().as_str(),
        "path": req.uri().path(),
        "query": req.uri().query().unwrap_or(""),
        "host": header("host"),
        "via": header("via"),
        "proxy_authorization": req.headers().contains_key("proxy-authorization"),
        "checksum_headers": has_checksum,
        "content_length": header("content-length"),
        "content_encoding": header("content-encoding"),
        "range": header("range"),
        "if_match": header("if-match"),
        "metadata_directive": header("x-amz-metadata-directive"),
    });
    let mut file = log.lock().unwrap_or_else(|e| e.into_inner());
    let _ = writeln!(file, "{line}");
}

fn error_response(status: u16, code: &str, message: &str) -> http::Response<Body> {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <Error><Code>{code}</Code><Message>{message}</Message></Error>"
    );
    http::Response::builder()
        .status(status)
        .header("content-type", "application/xml")
        .body(Body::from(body))
        .expect("static response parts are valid")
}

/// Makes a CA and a server certificate signed by it; writes the CA to `dir/ca.pem`.
fn make_tls(dir: &Path, names: &[String]) -> Result<TlsAcceptor> {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};

    let ca_key = KeyPair::generate()?;
    let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "s3img test CA");
    let ca_cert = ca_params.self_signed(&ca_key)?;
    let issuer = rcgen::Issuer::new(ca_params, ca_key);

    let key = KeyPair::generate()?;
    let cert = CertificateParams::new(names.to_vec())?.signed_by(&key, &issuer)?;

    std::fs::create_dir_all(dir)?;
    let tmp = dir.join("ca.pem.tmp");
    std::fs::write(&tmp, ca_cert.pem())?;
    std::fs::rename(&tmp, dir.join("ca.pem"))?;

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
        )?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}
