//! The only place that builds the S3 client: endpoint, region, addressing style, trust
//! store, proxy, retries and timeouts.
//!
//! It also turns SDK errors into s3img's failure classes, so that no SDK type leaves this
//! module and `transfer`. The proxy user and password are percent-encoded before they are
//! handed to the SDK, which pastes them into a URL as they are; a password holding
//! `@ : / % #` would otherwise become part of the proxy's host name.

use std::error::Error as StdError;
use std::time::Duration;

use anyhow::{Context, Result};
use aws_config::BehaviorVersion;
use aws_sdk_s3::config::retry::{ClassifyRetry, RetryAction, RetryConfig};
use aws_sdk_s3::config::timeout::TimeoutConfig;
use aws_sdk_s3::config::{
    Credentials, Region, RequestChecksumCalculation, ResponseChecksumValidation,
};
use aws_sdk_s3::error::SdkError;
use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{self, TlsContext, TrustStore, rustls_provider::CryptoMode};
use aws_smithy_http_client::{Builder as HttpBuilder, Connector};
use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::retries::classifiers::RetryClassifierPriority;
use aws_smithy_runtime_api::http::Response as RawResponse;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::bounded;
use crate::error::{Failure, ProxyName};
use crate::proxy::ProxyPlan;
use crate::secret::Secret;
use crate::settings::Settings;

/// The S3 client and what error classification needs to know about how it connects.
#[derive(Clone, Debug)]
pub struct S3 {
    pub client: aws_sdk_s3::Client,
    /// The proxy every request goes through, as it may be shown, when there is one.
    pub proxy: Option<ProxyName>,
    /// The endpoint as it may be shown.
    pub endpoint: String,
    /// The `retries` setting: extra attempts the SDK makes per request, and extra sends
    /// s3img makes of an upload part whose attempts all failed for a transient reason.
    pub retries: u32,
    /// How long a request may go without progress: the SDK's read timeout, the limit
    /// between two pieces of a downloaded body, and of an upload's body taken or answered.
    pub timeout: Duration,
    /// Whether uploaded bodies are covered by the request signature. Over plain HTTP the
    /// signature is what protects a body from change on the way; over HTTPS, TLS does,
    /// and hashing every byte once more for the signature would only cost time.
    pub sign_payload: bool,
}

impl S3 {
    /// ` through proxy URL` when requests go through one, else nothing: for messages that
    /// name the endpoint.
    fn via(&self) -> String {
        self.proxy
            .as_ref()
            .map(|proxy| format!(" through proxy {proxy}"))
            .unwrap_or_default()
    }
}

/// Characters left as they are in the userinfo of the proxy URL; everything else is encoded.
const USERINFO: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// How long to wait for a TCP connection to the proxy or endpoint.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Builds the client. `proxy_password` is the resolved password of an explicit proxy user.
pub async fn build(settings: &Settings, proxy_password: Option<&Secret>) -> Result<S3> {
    let trust = trust_store(settings)?;
    let tls_context = TlsContext::builder()
        .with_trust_store(trust)
        .build()
        .context("setting up TLS")?;
    let proxy_config = proxy_config(&settings.proxy, proxy_password)?;

    let http_client = HttpBuilder::new().build_with_connector_fn(move |conn, components| {
        let mut builder = Connector::builder()
            .tls_provider(tls::Provider::Rustls(CryptoMode::Ring))
            .tls_context(tls_context.clone())
            .proxy_config(proxy_config.clone())
            .enable_tcp_nodelay(true);
        if let Some(conn) = conn {
            builder = builder.connector_settings(conn.clone());
        }
        if let Some(sleep) = components.and_then(|c| c.sleep_impl()) {
            builder = builder.sleep_impl(sleep);
        }
        builder.build()
    });

    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(settings.region.clone()))
        .http_client(http_client.clone());
    if let Some(creds) = &settings.credentials {
        loader = loader.credentials_provider(Credentials::new(
            &creds.access_key,
            creds.secret_key.expose(),
            None,
            None,
            "s3img-config",
        ));
    }
    let shared = loader.load().await;

    let mut config = aws_sdk_s3::config::Builder::from(&shared)
        .http_client(http_client)
        .force_path_style(settings.path_style)
        .retry_config(RetryConfig::standard().with_max_attempts(settings.retries + 1))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .read_timeout(settings.timeout)
                .build(),
        )
        // Many S3-compatible stores reject the CRC trailers the SDK sends by default.
        .request_checksum_calculation(RequestChecksumCalculation::WhenRequired)
        .response_checksum_validation(ResponseChecksumValidation::WhenRequired)
        .retry_classifier(ProxyAuthIsFinal);
    if let Some(endpoint) = &settings.endpoint {
        config = config.endpoint_url(endpoint);
    }

    let proxy = match &settings.proxy {
        ProxyPlan::Explicit(server) => Some(server.name()),
        ProxyPlan::Environment => env_proxy(settings.endpoint.as_deref()),
        ProxyPlan::Direct => None,
    };
    let endpoint = settings
        .endpoint
        .clone()
        .unwrap_or_else(|| format!("AWS S3 ({})", settings.region));
    let sign_payload = settings
        .endpoint
        .as_deref()
        .is_some_and(|e| e.to_ascii_lowercase().starts_with("http://"));
    tracing::info!(
        endpoint = %endpoint,
        region = %settings.region,
        path_style = settings.path_style,
        proxy = %proxy.as_ref().map_or("none".to_owned(), ToString::to_string),
        retries = settings.retries,
        timeout_secs = settings.timeout.as_secs(),
        sign_payload,
        "client ready"
    );
    Ok(S3 {
        client: aws_sdk_s3::Client::from_conf(config.build()),
        proxy,
        endpoint,
        retries: settings.retries,
        timeout: settings.timeout,
        sign_payload,
    })
}

/// The settings of a request whose answer comes only once the server has taken in a large
/// body or copied one (PutObject, UploadPart, CompleteMultipartUpload, copies): the read
/// timeout counts from the start of the request, so it would cut off a slow upload or a
/// long server-side step that is making progress. Uploads are bounded by their progress
/// instead (`transfer::watch`).
pub fn long_answer() -> aws_sdk_s3::config::Builder {
    aws_sdk_s3::config::Builder::new().timeout_config(
        TimeoutConfig::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .disable_read_timeout()
            .build(),
    )
}

fn trust_store(settings: &Settings) -> Result<TrustStore> {
    let Some(path) = &settings.ca_bundle else {
        return Ok(TrustStore::default());
    };
    let pem = std::fs::File::open(path)
        .and_then(|file| bounded::read(file, bounded::SETTINGS_FILE))
        .map_err(|e| {
            crate::error::usage(format!("cannot read ca_bundle {}: {e}", path.display()))
        })?;
    if !pem.windows(27).any(|w| w == b"-----BEGIN CERTIFICATE-----") {
        return Err(crate::error::usage(format!(
            "ca_bundle {} holds no PEM certificate",
            path.display()
        )));
    }
    Ok(TrustStore::empty()
        .with_native_roots(false)
        .with_pem_certificate(pem))
}

fn proxy_config(plan: &ProxyPlan, password: Option<&Secret>) -> Result<ProxyConfig> {
    let server = match plan {
        ProxyPlan::Direct => return Ok(ProxyConfig::disabled()),
        ProxyPlan::Environment => return Ok(ProxyConfig::from_env()),
        ProxyPlan::Explicit(server) => server,
    };
    let url = format!("http://{}", server.authority());
    let mut config = ProxyConfig::all(url.as_str())
        .map_err(|e| crate::error::usage(format!("invalid proxy {url}: {e}")))?;
    if let Some(user) = &server.user {
        let pass = password.map_or("", Secret::expose);
        config = config.with_basic_auth(encode(user), encode(pass));
    }
    if let Some(rules) = &server.no_proxy {
        config = config.no_proxy(rules);
    }
    Ok(config)
}

fn encode(text: &str) -> String {
    utf8_percent_encode(text, USERINFO).to_string()
}

/// The proxy `HTTPS_PROXY`/`HTTP_PROXY` would pick, without its user part, for messages.
fn env_proxy(endpoint: Option<&str>) -> Option<ProxyName> {
    let https = endpoint.is_none_or(|e| e.starts_with("https:"));
    let names: &[&'static str] = if https {
        &["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
    } else {
        &["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
    };
    let (variable, url) = names.iter().find_map(|&name| {
        let value = std::env::var(name).ok().filter(|v| !v.is_empty())?;
        Some((name, value))
    })?;
    let uri: http::Uri = url.parse().ok()?;
    let host = uri.host()?;
    let scheme = uri.scheme_str().unwrap_or("http");
    let url = match uri.port_u16() {
        Some(port) => format!("{scheme}://{host}:{port}"),
        None => format!("{scheme}://{host}"),
    };
    Some(ProxyName {
        url,
        variable: Some(variable),
    })
}

/// Stops the SDK from retrying a proxy authentication failure: the same password fails
/// the same way, and each try may count against the account at the proxy.
#[derive(Debug)]
struct ProxyAuthIsFinal;

impl ClassifyRetry for ProxyAuthIsFinal {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        if ctx.response().is_some_and(is_proxy_auth_response) {
            return RetryAction::RetryForbidden;
        }
        if let Some(Err(err)) = ctx.output_or_error()
            && let Some(conn) = err.as_connector_error()
            && tunnel_auth_failed(&chain_text(conn))
        {
            return RetryAction::RetryForbidden;
        }
        RetryAction::NoActionIndicated
    }

    fn classify_retry_v2(&self, ctx: &InterceptorContext, previous: &RetryAction) -> RetryAction {
        let action = self.classify_retry(ctx);
        if action == RetryAction::NoActionIndicated && previous.should_retry() {
            let reason = match (ctx.response(), ctx.output_or_error()) {
                (Some(resp), _) => format!("HTTP {}", resp.status().as_u16()),
                (None, Some(Err(err))) => innermost(err),
                _ => previous.to_string(),
            };
            tracing::info!(
                "request failed ({reason}); the SDK will retry it if any attempt is left"
            );
        }
        action
    }

    fn name(&self) -> &'static str {
        "s3img proxy authentication"
    }

    fn priority(&self) -> RetryClassifierPriority {
        RetryClassifierPriority::run_after(RetryClassifierPriority::transient_error_classifier())
    }
}

/// A 407, or a 401 that the proxy sent (tinyproxy answers a wrong password with 401).
fn is_proxy_auth_response(response: &RawResponse) -> bool {
    match response.status().as_u16() {
        407 => true,
        401 => from_proxy(response),
        _ => false,
    }
}

/// Whether a connector error's text says the proxy refused the credentials of a CONNECT
/// tunnel; the tunnel's answer never reaches the SDK as a response.
fn tunnel_auth_failed(chain_text: &str) -> bool {
    chain_text.contains("ProxyAuthRequired")
}

/// Whether an error response was written by a proxy rather than the S3 service.
fn from_proxy(response: &RawResponse) -> bool {
    let headers = response.headers();
    if headers.get("x-amz-request-id").is_some() {
        return false;
    }
    let server = headers.get("server").unwrap_or("").to_ascii_lowercase();
    headers.get("proxy-authenticate").is_some()
        || headers.get("x-squid-error").is_some()
        || server.contains("squid")
        || server.contains("tinyproxy")
}

/// The deepest cause's message: the one that says what actually happened.
fn innermost(err: &(dyn StdError + 'static)) -> String {
    let mut last = err;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

/// Why an error is worth sending the same request again, or `None` when it is not: the
/// connection was cut mid-request (as squid 5 does to some uploads when the server reads
/// slower than the client sends), it timed out, or the service answered 5xx or throttled.
pub fn transient_reason<E>(err: &SdkError<E, RawResponse>) -> Option<String>
where
    E: StdError + 'static,
{
    if let Some(response) = err.raw_response() {
        let status = response.status().as_u16();
        let proxy_auth = is_proxy_auth_response(response);
        return (!proxy_auth && (status >= 500 || status == 429)).then(|| format!("HTTP {status}"));
    }
    match err {
        SdkError::DispatchFailure(failure) => {
            let conn = failure.as_connector_error()?;
            let text = chain_text(conn);
            let refused = tunnel_auth_failed(&text)
                || text.contains("InvalidCertificate")
                || text.contains("dns error");
            (!refused && (failure.is_io() || failure.is_timeout() || failure.is_other()))
                .then(|| innermost(conn))
        }
        SdkError::TimeoutError(_) => Some("timed out".into()),
        SdkError::ResponseError(_) => Some(innermost(err)),
        _ => None,
    }
}

/// Whether an error's text reads as a connection cut off part-way through a request.
pub fn is_cut_off(text: &str) -> bool {
    [
        "connection closed before message completed",
        "Broken pipe",
        "Connection reset",
    ]
    .iter()
    .any(|sign| text.contains(sign))
}

/// Every message in an error's chain, with Debug forms, for matching on causes the SDK
/// does not expose as types.
fn chain_text(err: &(dyn StdError + 'static)) -> String {
    let mut text = format!("{err} {err:?}");
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(&format!(" | {cause} {cause:?}"));
        source = cause.source();
    }
    text
}

/// Turns an SDK error into an error that names what failed and carries its failure class.
/// `what` names the bucket or object, such as `s3://images/a.qcow2`.
pub fn classify<E>(s3: &S3, err: SdkError<E, RawResponse>, what: &str) -> anyhow::Error
where
    E: StdError + Send + Sync + 'static,
{
    let proxy = s3.proxy.clone();
    if let Some(response) = err.raw_response() {
        let status = response.status().as_u16();
        if response.status().is_success() {
            return anyhow::anyhow!(
                "{what}: the answer (HTTP {status}) could not be read: {}",
                innermost(&err)
            );
        }
        let proxied = proxy.is_some() && from_proxy(response);
        let failure = match status {
            407 => proxy.map(|proxy| Failure::ProxyAuth { proxy }),
            401 if proxied => proxy.map(|proxy| Failure::ProxyAuth { proxy }),
            403 if proxied => proxy.map(|proxy| Failure::ProxyRefused {
                proxy,
                status: Some(status),
            }),
            502..=504 if proxied => {
                let reason = response
                    .headers()
                    .get("x-squid-error")
                    .unwrap_or("")
                    .to_owned();
                Some(Failure::Connect(format!(
                    "the proxy could not reach {} (HTTP {status}{})",
                    s3.endpoint,
                    if reason.is_empty() {
                        String::new()
                    } else {
                        format!(", {reason}")
                    }
                )))
            }
            403 => Some(Failure::AccessDenied(what.to_owned())),
            404 => Some(Failure::NotFound(what.to_owned())),
            _ => None,
        };
        let service = service_message(&err);
        return match failure {
            Some(failure) => anyhow::Error::new(failure),
            None => anyhow::anyhow!("{what}: S3 answered HTTP {status}{service}"),
        };
    }
    match &err {
        SdkError::DispatchFailure(failure) => {
            let conn = failure.as_connector_error();
            let text = conn.map(|c| chain_text(c)).unwrap_or_default();
            let cause = conn.map(|c| innermost(c)).unwrap_or_default();
            dispatch_failure(s3, &text, &cause, failure.is_timeout())
        }
        SdkError::TimeoutError(_) => anyhow::Error::new(Failure::Connect(format!(
            "timed out talking to {}",
            s3.endpoint
        ))),
        _ => anyhow::anyhow!("{}", chain_text(&err)).context(format!("request for {what} failed")),
    }
}

fn service_message<E: StdError + 'static>(err: &SdkError<E, RawResponse>) -> String {
    match err.as_service_error().map(ToString::to_string) {
        Some(msg) if !msg.is_empty() && msg != "unhandled error" => format!(": {msg}"),
        _ => String::new(),
    }
}

/// Classifies a failure to send a request at all.
fn dispatch_failure(s3: &S3, text: &str, cause: &str, timeout: bool) -> anyhow::Error {
    // The SDK looks for credentials only when the first request is signed, and reports
    // finding none as a failure to send it.
    if text.contains("CredentialsNotLoaded") {
        tracing::debug!("dispatch failure: {text}");
        return crate::error::usage(
            "no S3 credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, \
             access_key and secret_key in the config file, or AWS_PROFILE",
        );
    }
    if text.contains("ProviderError") || text.contains("ProviderTimedOut") {
        tracing::debug!("dispatch failure: {text}");
        return crate::error::usage(format!(
            "the AWS SDK could not load S3 credentials: {}",
            cause.lines().next().unwrap_or_default()
        ));
    }
    let failure = match &s3.proxy {
        Some(proxy) if tunnel_auth_failed(text) => Failure::ProxyAuth {
            proxy: proxy.clone(),
        },
        // Every connection goes to the proxy, so a refused one or a name that does not
        // resolve is the proxy's.
        Some(proxy) if text.contains("Connection refused") || text.contains("dns error") => {
            Failure::ProxyUnreachable {
                proxy: proxy.clone(),
                reason: if text.contains("dns error") {
                    "its name does not resolve".into()
                } else {
                    "connection refused".into()
                },
            }
        }
        // The proxy answered the CONNECT with something other than 200.
        Some(proxy) if text.contains("TunnelUnsuccessful") => Failure::ProxyRefused {
            proxy: proxy.clone(),
            status: None,
        },
        // The proxy took the connection and closed or reset it without answering the
        // CONNECT: broken or overloaded, perhaps briefly; worth another try later.
        Some(proxy)
            if text.contains("TunnelUnexpectedEof")
                || text.contains("io error establishing tunnel") =>
        {
            tracing::debug!("dispatch failure: {text}");
            return anyhow::anyhow!(
                "proxy {proxy} closed the connection without answering the tunnel request \
                 (CONNECT) to {} ({cause})",
                s3.endpoint
            );
        }
        Some(proxy) if text.contains("tunnel error") => {
            tracing::debug!("dispatch failure: {text}");
            return anyhow::anyhow!(
                "the tunnel (CONNECT) through proxy {proxy} to {} failed: {cause}",
                s3.endpoint
            );
        }
        _ if text.contains("UnknownIssuer") || text.contains("InvalidCertificate") => {
            Failure::Connect(format!(
                "the TLS certificate of {} is not trusted",
                s3.endpoint
            ))
        }
        // Connected and sent, then no answer within the read timeout: a stuck or slow
        // server or proxy, not an unreachable one.
        _ if timeout && text.contains("HTTP read") => {
            tracing::debug!("dispatch failure: {text}");
            let via = s3.via();
            return anyhow::anyhow!(
                "no answer from {}{via} within {} s (timeout); a slow store may need a longer \
                 --timeout",
                s3.endpoint,
                s3.timeout.as_secs()
            );
        }
        _ if timeout => Failure::Connect(format!("timed out connecting to {}", s3.endpoint)),
        // Connected, then cut off: not a reachability problem, and worth another try later.
        _ if is_cut_off(text) => {
            tracing::debug!("dispatch failure: {text}");
            let via = s3.via();
            return anyhow::anyhow!(
                "the connection to {}{via} was cut off in the middle of a request ({cause})",
                s3.endpoint
            );
        }
        _ if text.contains("dns error") => {
            Failure::Connect(format!("the host of {} does not resolve", s3.endpoint))
        }
        _ if text.contains("Connection refused") => Failure::Connect(format!(
            "cannot connect to {}: connection refused",
            s3.endpoint
        )),
        _ => Failure::Connect(format!("cannot reach {}: {cause}", s3.endpoint)),
    };
    tracing::debug!("dispatch failure: {text}");
    anyhow::Error::new(failure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo_encoding_keeps_reserved_characters_out_of_the_url() {
        assert_eq!(encode("p@ss:w/o%r#d x"), "p%40ss%3Aw%2Fo%25r%23d%20x");
        assert_eq!(encode("ops-1.a_b~"), "ops-1.a_b~");
        assert_eq!(encode("pässwörd"), "p%C3%A4ssw%C3%B6rd");
    }
}
