//! The few failures that change the exit code or the hint, and how any error is rendered.
//!
//! Everything else is an `anyhow` chain with context at each layer. A [`Failure`] anywhere in
//! the chain decides the exit code; the chain itself becomes one line of
//! `s3img: error: ...: ...` followed by an optional `hint:` line.

use std::fmt;

use crate::exit;

/// A proxy as messages name it: its URL without credentials, and the standard variable
/// that named it when no s3img proxy setting did, so that a hint points at the right place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyName {
    pub url: String,
    pub variable: Option<&'static str>,
}

impl fmt::Display for ProxyName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.url)?;
        match self.variable {
            Some(variable) => write!(f, " (from {variable})"),
            None => Ok(()),
        }
    }
}

/// A failure class that scripts and operators need to tell apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// A bad flag, setting or config file.
    Usage(String),
    /// The bucket or object does not exist.
    NotFound(String),
    /// S3 answered 403.
    AccessDenied(String),
    /// The proxy rejected the proxy credentials.
    ProxyAuth { proxy: ProxyName },
    /// Nothing answered at the proxy's address.
    ProxyUnreachable { proxy: ProxyName, reason: String },
    /// The proxy refused to forward the request; the status when the proxy's answer was
    /// seen (a refused CONNECT tunnel does not show it).
    ProxyRefused {
        proxy: ProxyName,
        status: Option<u16>,
    },
    /// The endpoint could not be reached directly, or TLS failed.
    Connect(String),
    /// The object already exists.
    Exists(String),
    /// The bytes that arrived do not match the hash stored with the object.
    HashMismatch {
        what: String,
        algorithm: &'static str,
        expected: String,
        actual: String,
    },
    /// Ctrl-C or SIGTERM.
    Interrupted,
}

impl Failure {
    /// The exit code this failure ends the process with.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => exit::USAGE,
            Failure::NotFound(_) => exit::NOT_FOUND,
            Failure::AccessDenied(_) => exit::ACCESS_DENIED,
            Failure::ProxyAuth { .. } => exit::PROXY_AUTH,
            Failure::ProxyUnreachable { .. } => exit::PROXY_UNREACHABLE,
            Failure::ProxyRefused { .. } => exit::PROXY_REFUSED,
            Failure::Connect(_) => exit::CONNECT,
            Failure::Exists(_) => exit::EXISTS,
            Failure::HashMismatch { .. } => exit::HASH_MISMATCH,
            Failure::Interrupted => exit::INTERRUPTED,
        }
    }

    /// What the operator can do about it, when that is known.
    pub fn hint(&self) -> Option<String> {
        match self {
            Failure::ProxyAuth { proxy } => Some(match proxy.variable {
                Some(variable) => format!(
                    "check the user and password in {variable} (percent-encode `@ : / %` in \
                     them), or give them as proxy.user and S3IMG_PROXY_PASSWORD"
                ),
                None => "check the proxy user and password (proxy.user, S3IMG_PROXY_PASSWORD, \
                         proxy.password_file or --proxy-password-stdin)"
                    .into(),
            }),
            Failure::ProxyUnreachable { proxy, .. } => Some(format!(
                "check {}, or pass --no-proxy to connect directly",
                proxy.variable.unwrap_or("proxy.host and proxy.port")
            )),
            Failure::ProxyRefused { .. } => Some(
                "the proxy's access rules refuse this destination or port; ask its operator, \
                 or add the endpoint to --no-proxy-for"
                    .into(),
            ),
            Failure::Connect(_) => Some(
                "check the endpoint URL; for a private CA, name its certificate with --ca-bundle"
                    .into(),
            ),
            Failure::Exists(_) => Some("pass --force to replace it".into()),
            Failure::HashMismatch { .. } => Some(
                "nothing was kept under the destination name; run get again, and if the \
                 mismatch stays, the stored object is damaged: upload it again"
                    .into(),
            ),
            Failure::AccessDenied(_) => {
                Some("check the access key, secret key and the bucket's policy".into())
            }
            _ => None,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(msg) | Failure::Connect(msg) => f.write_str(msg),
            Failure::NotFound(what) => write!(f, "{what} not found"),
            Failure::AccessDenied(what) => write!(f, "access denied to {what}"),
            Failure::ProxyAuth { proxy } => {
                write!(f, "proxy authentication failed at {proxy}")
            }
            Failure::ProxyUnreachable { proxy, reason } => {
                write!(f, "proxy {proxy} is not reachable: {reason}")
            }
            Failure::ProxyRefused {
                proxy,
                status: Some(status),
            } => write!(f, "proxy {proxy} refused the request (HTTP {status})"),
            Failure::ProxyRefused {
                proxy,
                status: None,
            } => {
                write!(f, "proxy {proxy} refused to open a tunnel (CONNECT)")
            }
            Failure::Exists(what) => write!(f, "{what} already exists"),
            Failure::HashMismatch {
                what,
                algorithm,
                expected,
                actual,
            } => write!(
                f,
                "{what}: the {algorithm} of the bytes received is {actual}, but the object \
                 records {expected}"
            ),
            Failure::Interrupted => f.write_str("interrupted"),
        }
    }
}

impl std::error::Error for Failure {}

/// Marks an error after which the transfer was kept so that running the same command again
/// continues it; the error's rendering then says how.
#[derive(Debug, Clone, Copy)]
pub struct Resumable;

impl Resumable {
    const TEXT: &str = "kept to be resumed";
}

impl fmt::Display for Resumable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(Self::TEXT)
    }
}

/// Whether a transfer that failed this way can go on later from where it stopped: it was
/// interrupted, or the network, proxy or store failed in a way that may pass. A refusal
/// (credentials, permissions, missing bucket) or damaged data cannot.
pub fn resumable(err: &anyhow::Error) -> bool {
    !err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<Failure>(),
            Some(
                Failure::Usage(_)
                    | Failure::NotFound(_)
                    | Failure::AccessDenied(_)
                    | Failure::ProxyAuth { .. }
                    | Failure::ProxyRefused { .. }
                    | Failure::Exists(_)
                    | Failure::HashMismatch { .. }
            )
        )
    })
}

/// Builds a usage failure from a message.
pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    Failure::Usage(msg.into()).into()
}

/// The exit code for any error: the first [`Failure`] in its chain, else `FAILURE`.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    failure_of(err).map_or(exit::FAILURE, Failure::exit_code)
}

fn failure_of(err: &anyhow::Error) -> Option<&Failure> {
    err.chain()
        .find_map(|cause| cause.downcast_ref::<Failure>())
}

/// Renders the error as the lines s3img prints on stderr.
pub fn render(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if text == Resumable::TEXT {
            continue;
        }
        // Layers often repeat the message of the cause they wrap; print each once.
        if parts.last().is_some_and(|last| last.contains(&text)) || text.is_empty() {
            continue;
        }
        parts.push(text);
    }
    let mut out = format!(
        "s3img: error: {}",
        crate::output::printable(&parts.join(": "))
    );
    if err.downcast_ref::<Resumable>().is_some() {
        out.push_str("\nresume: what arrived is kept; run the same command again to go on: ");
        out.push_str(&command_line());
    } else if let Some(hint) = failure_of(err).and_then(Failure::hint) {
        out.push_str("\nhint: ");
        out.push_str(&hint);
    }
    out
}

/// This process's command line, quoted for a shell.
fn command_line() -> String {
    use std::os::unix::ffi::OsStrExt;
    std::env::args_os()
        .map(|arg| shell_quote(arg.as_bytes()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One argument as a shell word: bare when that is safe, in single quotes when it is text,
/// and as `$'...'` with `\xNN` escapes when it holds control characters or bytes that are
/// not UTF-8, so that the word stays on one line and means the same bytes.
fn shell_quote(arg: &[u8]) -> String {
    let plain = |b: &u8| b.is_ascii_alphanumeric() || b"_-./:=@%+,".contains(b);
    match std::str::from_utf8(arg) {
        Ok(text) if !arg.is_empty() && arg.iter().all(plain) => text.to_owned(),
        Ok(text) if !text.chars().any(char::is_control) => {
            format!("'{}'", text.replace('\'', "'\\''"))
        }
        _ => {
            let mut out = String::from("$'");
            for &b in arg {
                match b {
                    b'\'' | b'\\' => {
                        out.push('\\');
                        out.push(b as char);
                    }
                    b' '..=b'~' => out.push(b as char),
                    _ => out.push_str(&format!("\\x{b:02x}")),
                }
            }
            out.push('\'');
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn the_first_failure_in_the_chain_decides_the_exit_code() {
        let err = anyhow::Error::from(Failure::ProxyAuth {
            proxy: ProxyName {
                url: "http://p:3128".into(),
                variable: None,
            },
        })
        .context("uploading image.qcow2");
        assert_eq!(exit_code(&err), exit::PROXY_AUTH);
        let text = render(&err);
        assert!(text.starts_with("s3img: error: uploading image.qcow2: proxy authentication"));
        assert!(text.contains("\nhint: "));
    }

    #[test]
    fn plain_errors_exit_with_failure() {
        let err = Err::<(), _>(std::io::Error::other("disk full"))
            .context("writing x")
            .unwrap_err();
        assert_eq!(exit_code(&err), exit::FAILURE);
        assert_eq!(render(&err), "s3img: error: writing x: disk full");
    }

    #[test]
    fn control_characters_cannot_break_the_error_line() {
        let err = usage("unknown key `a\nb\x1b[31m`");
        assert_eq!(render(&err), "s3img: error: unknown key `a\\nb\\u{1b}[31m`");
    }

    #[test]
    fn arguments_are_quoted_for_the_shell() {
        assert_eq!(shell_quote(b"put"), "put");
        assert_eq!(shell_quote(b"my image.raw"), "'my image.raw'");
        assert_eq!(shell_quote(b"it's"), "'it'\\''s'");
        assert_eq!(shell_quote(b""), "''");
        assert_eq!(shell_quote(b"a\nb"), "$'a\\x0ab'");
        assert_eq!(shell_quote(b"\xff'\\"), "$'\\xff\\'\\\\'");
    }
}
