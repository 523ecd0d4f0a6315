//! Exit codes: the one list scripts may rely on, also printed in the man page and README.
//!
//! Nothing here decides which failure is which; [`crate::error::Failure`] maps onto these.

/// The command did what was asked.
pub const SUCCESS: u8 = 0;
/// A failure with no more specific code (an I/O error, an unexpected S3 answer).
pub const FAILURE: u8 = 1;
/// A bad flag, setting or config file: nothing was sent.
pub const USAGE: u8 = 2;
/// The bucket or object does not exist.
pub const NOT_FOUND: u8 = 3;
/// The S3 service refused the credentials or the operation (HTTP 403 from S3).
pub const ACCESS_DENIED: u8 = 4;
/// The proxy refused the proxy credentials (HTTP 407, or 401 from the proxy itself).
pub const PROXY_AUTH: u8 = 5;
/// The proxy could not be reached: nothing listens at its host and port, or its name
/// does not resolve.
pub const PROXY_UNREACHABLE: u8 = 6;
/// The proxy answered but refused to forward the request or open the tunnel.
pub const PROXY_REFUSED: u8 = 7;
/// The endpoint could not be reached or its TLS certificate was not trusted.
pub const CONNECT: u8 = 8;
/// `put` found an object under the key already and `--force` was not given.
pub const EXISTS: u8 = 9;
/// The downloaded bytes do not match the hash stored with the object.
pub const HASH_MISMATCH: u8 = 10;
/// Interrupted by Ctrl-C or SIGTERM.
pub const INTERRUPTED: u8 = 130;

/// Name and meaning of each code, for the man page and `--help`.
pub const TABLE: &[(u8, &str)] = &[
    (SUCCESS, "success"),
    (
        FAILURE,
        "failure not covered below (I/O error, unexpected S3 answer)",
    ),
    (USAGE, "bad flag, setting or config file; nothing was sent"),
    (NOT_FOUND, "bucket or object not found"),
    (ACCESS_DENIED, "S3 access denied (403 from the S3 service)"),
    (
        PROXY_AUTH,
        "proxy authentication failed (407, or 401 from the proxy)",
    ),
    (
        PROXY_UNREACHABLE,
        "proxy not reachable (connection refused, name not resolved)",
    ),
    (
        PROXY_REFUSED,
        "proxy refused the request or the CONNECT tunnel",
    ),
    (
        CONNECT,
        "endpoint not reachable, or its TLS certificate not trusted",
    ),
    (EXISTS, "object already exists and --force was not given"),
    (
        HASH_MISMATCH,
        "downloaded bytes do not match the hash stored with the object",
    ),
    (INTERRUPTED, "interrupted (Ctrl-C or SIGTERM)"),
];
