//! Merging flags, variables and config files into one plain [`Settings`] value.
//!
//! Precedence, highest first: flag, `S3IMG_*` variable, user config file, system config
//! file, built-in default. Every value keeps its [`Source`] until it is checked, so a bad
//! value is reported with where it came from. Nothing here touches the network; the only
//! files read are the config files.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use clap::ArgMatches;
use clap::parser::ValueSource;

use crate::cli::GlobalArgs;
use crate::config_file::ConfigFile;
use crate::error::usage;
use crate::proxy::{PasswordSource, ProxyPlan, ProxyServer};
use crate::secret::Secret;
use crate::transfer::hash::Algorithm;

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag, by its long name.
    Flag(&'static str),
    /// An environment variable, by its name.
    Env(&'static str),
    /// A config file and the line of the value.
    File { path: PathBuf, line: usize },
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "flag {flag}"),
            Source::Env(var) => write!(f, "variable {var}"),
            Source::File { path, line } => write!(f, "{}:{line}", path.display()),
        }
    }
}

/// One setting: its config key, its variable, and its flag (by clap id and long name).
struct Key {
    name: &'static str,
    env: Option<&'static str>,
    flag: Option<(&'static str, &'static str)>,
}

const fn key(
    name: &'static str,
    env: Option<&'static str>,
    flag: Option<(&'static str, &'static str)>,
) -> Key {
    Key { name, env, flag }
}

/// The settings layers know of. Variables with a flag are read by clap; the rest here.
const KEYS: &[Key] = &[
    key(
        "endpoint",
        Some("S3IMG_ENDPOINT"),
        Some(("endpoint", "--endpoint")),
    ),
    key("region", Some("S3IMG_REGION"), Some(("region", "--region"))),
    key("bucket", Some("S3IMG_BUCKET"), Some(("bucket", "--bucket"))),
    key(
        "path_style",
        Some("S3IMG_PATH_STYLE"),
        Some(("path_style", "--path-style")),
    ),
    key(
        "ca_bundle",
        Some("S3IMG_CA_BUNDLE"),
        Some(("ca_bundle", "--ca-bundle")),
    ),
    key(
        "retries",
        Some("S3IMG_RETRIES"),
        Some(("retries", "--retries")),
    ),
    key(
        "timeout",
        Some("S3IMG_TIMEOUT"),
        Some(("timeout", "--timeout")),
    ),
    key("access_key", None, None),
    key("secret_key", None, None),
    key(
        "proxy.enable",
        Some("S3IMG_PROXY_ENABLE"),
        Some(("proxy_enable", "--proxy")),
    ),
    key(
        "proxy.host",
        Some("S3IMG_PROXY_HOST"),
        Some(("proxy_host", "--proxy-host")),
    ),
    key(
        "proxy.port",
        Some("S3IMG_PROXY_PORT"),
        Some(("proxy_port", "--proxy-port")),
    ),
    key(
        "proxy.user",
        Some("S3IMG_PROXY_USER"),
        Some(("proxy_user", "--proxy-user")),
    ),
    key("proxy.password", Some("S3IMG_PROXY_PASSWORD"), None),
    key(
        "proxy.password_file",
        Some("S3IMG_PROXY_PASSWORD_FILE"),
        None,
    ),
    key(
        "proxy.no_proxy",
        Some("S3IMG_NO_PROXY"),
        Some(("no_proxy_for", "--no-proxy-for")),
    ),
    key(
        "transfer.part_size",
        Some("S3IMG_PART_SIZE"),
        Some(("part_size", "--part-size")),
    ),
    key(
        "transfer.concurrency",
        Some("S3IMG_CONCURRENCY"),
        Some(("concurrency", "--concurrency")),
    ),
    key(
        "transfer.multipart_threshold",
        Some("S3IMG_MULTIPART_THRESHOLD"),
        Some(("multipart_threshold", "--multipart-threshold")),
    ),
    key(
        "transfer.hash",
        Some("S3IMG_HASH"),
        Some(("hash", "--hash")),
    ),
];

/// Default proxy port: squid's.
pub const DEFAULT_PROXY_PORT: u16 = 3128;
/// Default number of retries after the first attempt.
pub const DEFAULT_RETRIES: u32 = 3;
/// Default time a request may go without progress.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The longest `timeout`: past an hour a stuck request is better retried.
const MAX_TIMEOUT: Duration = Duration::from_secs(3600);
const DEFAULT_REGION: &str = "us-east-1";
const MIB: u64 = 1024 * 1024;
pub use crate::transfer::{MAX_PART_SIZE, MIN_PART_SIZE};
/// The largest file sent in one request, which holds it in memory.
pub const MAX_SINGLE_PUT: u64 = 1024 * MIB;

/// Static S3 credentials from the config file.
#[derive(Debug, Clone)]
pub struct StaticCredentials {
    pub access_key: String,
    pub secret_key: Secret,
}

/// How transfers are cut and run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransferSettings {
    /// Bytes per part of a multipart upload (grown when a file needs more than 10,000).
    pub part_size: u64,
    /// Parts in flight at once.
    pub concurrency: usize,
    /// Files at least this large are uploaded in parts.
    pub multipart_threshold: u64,
    /// The hash stored with uploads.
    pub hash: Algorithm,
}

/// Everything the commands need, checked and merged.
#[derive(Debug, Clone)]
pub struct Settings {
    pub endpoint: Option<String>,
    pub region: String,
    pub bucket: Option<String>,
    pub path_style: bool,
    pub ca_bundle: Option<PathBuf>,
    /// Credentials from the config file; `None` leaves them to the AWS SDK's own chain.
    pub credentials: Option<StaticCredentials>,
    pub retries: u32,
    /// How long a request may go without progress before it is given up.
    pub timeout: Duration,
    pub proxy: ProxyPlan,
    pub transfer: TransferSettings,
    /// The config files that were read, user file first.
    pub files: Vec<PathBuf>,
    /// Every setting as `config` shows it, secrets hidden.
    pub shown: Vec<Shown>,
}

/// One setting's effective value, as it may be shown, and where it came from (`None`: the
/// built-in default, or not set).
#[derive(Debug, Clone)]
pub struct Shown {
    pub key: &'static str,
    pub value: String,
    pub source: Option<Source>,
}

/// Keys whose values are never shown.
const SECRET_KEYS: &[&str] = &["proxy.password", "secret_key", "access_key"];

/// Every known key, its value and source, defaults filled in from `settings`.
fn shown(layers: &Layers, settings: &Settings) -> Vec<Shown> {
    let proxy = match &settings.proxy {
        ProxyPlan::Explicit(server) => Some(server),
        _ => None,
    };
    let transfer = &settings.transfer;
    let fallback = |key: &str| -> String {
        match key {
            "endpoint" => "AWS S3".into(),
            "region" => settings.region.clone(),
            "path_style" => settings.path_style.to_string(),
            "ca_bundle" => "the system's roots".into(),
            "retries" => settings.retries.to_string(),
            "timeout" => format!("{}s", settings.timeout.as_secs()),
            "access_key" | "secret_key" => "the AWS SDK's chain".into(),
            "proxy.enable" => proxy.is_some().to_string(),
            "proxy.port" => proxy.map_or(DEFAULT_PROXY_PORT, |p| p.port).to_string(),
            "proxy.password" if proxy.is_some_and(|p| p.user.is_some()) => {
                "asked for on the terminal".into()
            }
            "transfer.part_size" => bytesize::ByteSize(transfer.part_size).to_string(),
            "transfer.concurrency" => transfer.concurrency.to_string(),
            "transfer.multipart_threshold" => {
                bytesize::ByteSize(transfer.multipart_threshold).to_string()
            }
            "transfer.hash" => transfer.hash.name().into(),
            _ => "not set".into(),
        }
    };
    KEYS.iter()
        .map(|def| {
            let found = layers.get(def.name).or_else(|| match def.name {
                "access_key" => std::env::var("AWS_ACCESS_KEY_ID")
                    .ok()
                    .map(|v| (v, Source::Env("AWS_ACCESS_KEY_ID"))),
                "secret_key" => std::env::var("AWS_SECRET_ACCESS_KEY")
                    .ok()
                    .map(|v| (v, Source::Env("AWS_SECRET_ACCESS_KEY"))),
                _ => None,
            });
            match found {
                Some((_, source)) if SECRET_KEYS.contains(&def.name) => Shown {
                    key: def.name,
                    value: "***".into(),
                    source: Some(source),
                },
                Some((value, source)) => Shown {
                    key: def.name,
                    value,
                    source: Some(source),
                },
                None => Shown {
                    key: def.name,
                    value: fallback(def.name),
                    source: None,
                },
            }
        })
        .collect()
}

/// Where config files live; a value so tests and packagers can move them.
#[derive(Debug, Clone)]
pub struct FilePaths {
    /// A glance-api.conf to read the S3 store options of.
    pub glance: Option<PathBuf>,
    /// The user file and whether it was named explicitly (then it must exist).
    pub user: Option<(PathBuf, bool)>,
    pub system: PathBuf,
}

impl FilePaths {
    /// `--config`/`S3IMG_CONFIG`, else the XDG config directory; the system file is
    /// `/etc/s3img/config.toml` unless `S3IMG_SYSTEM_CONFIG` names another.
    pub fn locate(global: &GlobalArgs) -> Self {
        let user = match &global.config {
            Some(path) => Some((path.clone(), true)),
            None => directories::ProjectDirs::from("", "", "s3img")
                .map(|dirs| (dirs.config_dir().join("config.toml"), false)),
        };
        let system = std::env::var_os("S3IMG_SYSTEM_CONFIG")
            .map_or_else(|| PathBuf::from("/etc/s3img/config.toml"), PathBuf::from);
        FilePaths {
            glance: global.glance_config.clone(),
            user,
            system,
        }
    }
}

/// The layers, ready to be asked for a key.
struct Layers {
    cli: BTreeMap<&'static str, (String, Source)>,
    files: Vec<ConfigFile>,
}

impl Layers {
    fn get(&self, name: &str) -> Option<(String, Source)> {
        if let Some(found) = self.cli.get(name) {
            return Some(found.clone());
        }
        let def = KEYS.iter().find(|k| k.name == name)?;
        // Variables that have a flag were already read by clap into `cli`.
        if let (Some(var), None) = (def.env, def.flag)
            && let Some(value) = std::env::var(var).ok().filter(|v| !v.is_empty())
        {
            return Some((value, Source::Env(var)));
        }
        self.files.iter().find_map(|file| {
            file.values.get(name).map(|v| {
                let source = Source::File {
                    path: file.path.clone(),
                    line: v.line,
                };
                (v.text.clone(), source)
            })
        })
    }

    /// Gets a key and parses it, naming the key and its source on failure.
    fn parse<T>(
        &self,
        name: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<Option<(T, Source)>> {
        let Some((text, source)) = self.get(name) else {
            return Ok(None);
        };
        match parse(text.trim()) {
            Ok(value) => Ok(Some((value, source))),
            Err(why) if SECRET_KEYS.contains(&name) => {
                Err(usage(format!("invalid {name} (from {source}): {why}")))
            }
            Err(why) => Err(usage(format!(
                "invalid {name} `{text}` (from {source}): {why}"
            ))),
        }
    }
}

/// Merges the layers. `matches` tells flags from variables.
pub fn load(global: &GlobalArgs, matches: &ArgMatches, paths: &FilePaths) -> Result<Settings> {
    let layers = Layers {
        cli: cli_values(global, matches),
        files: read_files(paths, global.profile.as_deref())?,
    };
    for file in &layers.files {
        warn_if_readable_secrets(file);
    }
    if let Some(profile) = &global.profile
        && !layers.files.iter().any(|f| f.has_profile)
    {
        let read: Vec<_> = layers
            .files
            .iter()
            .map(|f| f.path.display().to_string())
            .collect();
        let place = if read.is_empty() {
            "no config file was found".to_owned()
        } else {
            format!("none in {}", read.join(", "))
        };
        return Err(usage(format!(
            "profile `{profile}` does not exist ({place})"
        )));
    }

    let endpoint = layers.parse("endpoint", parse_endpoint)?.map(|(v, _)| v);
    let path_style = layers
        .parse("path_style", parse_bool)?
        .map_or(endpoint.is_some(), |(v, _)| v);
    let region = layers.parse("region", parse_region)?;
    let mut settings = Settings {
        region: region.map_or_else(|| DEFAULT_REGION.to_owned(), |(v, _)| v),
        bucket: layers
            .parse("bucket", |s| {
                crate::location::check_bucket_name(s).map(|()| s.to_owned())
            })?
            .map(|(v, _)| v),
        ca_bundle: layers
            .parse("ca_bundle", parse_text)?
            .map(|(v, _)| expand_home(&v)),
        credentials: static_credentials(&layers)?,
        retries: layers
            .parse("retries", |s| parse_number(s, 0, 100))?
            .map_or(DEFAULT_RETRIES, |(v, _)| v as u32),
        timeout: layers
            .parse("timeout", parse_timeout)?
            .map_or(DEFAULT_TIMEOUT, |(v, _)| v),
        proxy: proxy_plan(global, &layers)?,
        transfer: transfer_settings(&layers)?,
        files: layers.files.iter().map(|f| f.path.clone()).collect(),
        endpoint,
        path_style,
        shown: Vec::new(),
    };
    settings.shown = shown(&layers, &settings);
    Ok(settings)
}

/// Warns when a config file holds a secret and others than its owner may read it.
fn warn_if_readable_secrets(file: &ConfigFile) {
    use std::os::unix::fs::PermissionsExt;
    let secret = SECRET_KEYS
        .iter()
        .filter(|key| **key != "access_key")
        .find(|key| file.values.contains_key(**key));
    let Some(secret) = secret else { return };
    let Ok(meta) = std::fs::metadata(&file.path) else {
        return;
    };
    if meta.permissions().mode() & 0o077 != 0 {
        tracing::warn!(
            "{} holds {secret} but its group or others may read it: run chmod 600 {}",
            file.path.display(),
            file.path.display()
        );
    }
}

/// The values given on the command line or through a variable clap reads.
fn cli_values(
    global: &GlobalArgs,
    matches: &ArgMatches,
) -> BTreeMap<&'static str, (String, Source)> {
    let given = [
        ("endpoint", global.endpoint.clone()),
        ("region", global.region.clone()),
        ("bucket", global.bucket.clone()),
        ("path_style", global.path_style.clone()),
        (
            "ca_bundle",
            global.ca_bundle.as_ref().map(|p| p.display().to_string()),
        ),
        ("retries", global.retries.clone()),
        ("timeout", global.timeout.clone()),
        ("proxy.enable", global.proxy_enable.clone()),
        ("proxy.host", global.proxy_host.clone()),
        ("proxy.port", global.proxy_port.clone()),
        ("proxy.user", global.proxy_user.clone()),
        ("proxy.no_proxy", global.no_proxy_for.clone()),
        ("transfer.part_size", global.part_size.clone()),
        ("transfer.concurrency", global.concurrency.clone()),
        (
            "transfer.multipart_threshold",
            global.multipart_threshold.clone(),
        ),
        ("transfer.hash", global.hash.clone()),
    ];
    let mut out = BTreeMap::new();
    for (name, value) in given {
        let (Some(value), Some(def)) = (value, KEYS.iter().find(|k| k.name == name)) else {
            continue;
        };
        let Some((id, long)) = def.flag else { continue };
        let source = match matches.value_source(id) {
            Some(ValueSource::EnvVariable) => Source::Env(def.env.unwrap_or("")),
            _ => Source::Flag(long),
        };
        out.insert(def.name, (value, source));
    }
    out
}

fn read_files(paths: &FilePaths, profile: Option<&str>) -> Result<Vec<ConfigFile>> {
    let mut files = Vec::new();
    if let Some(path) = &paths.glance {
        files.push(crate::glance::load(path)?);
    }
    if let Some((path, required)) = &paths.user {
        files.extend(ConfigFile::load(path, profile, *required)?);
    }
    files.extend(ConfigFile::load(&paths.system, profile, false)?);
    Ok(files)
}

fn static_credentials(layers: &Layers) -> Result<Option<StaticCredentials>> {
    let access = layers.parse("access_key", parse_key_id)?;
    let secret = layers.parse("secret_key", parse_text)?;
    // Credentials in the environment beat the config file, as every other setting does.
    let env_has_keys = std::env::var_os("AWS_ACCESS_KEY_ID").is_some()
        && std::env::var_os("AWS_SECRET_ACCESS_KEY").is_some();
    // The SDK puts these in request headers as they are, and panics on a control character.
    for name in ["AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN"] {
        if let Ok(value) = std::env::var(name)
            && !value.is_empty()
            && let Err(why) = parse_key_id(&value)
        {
            return Err(usage(format!(
                "invalid {name} (from variable {name}): {why}"
            )));
        }
    }
    match (access, secret) {
        _ if env_has_keys => Ok(None),
        (Some((access_key, _)), Some((secret_key, _))) => Ok(Some(StaticCredentials {
            access_key,
            secret_key: Secret::new(secret_key),
        })),
        (Some((_, source)), None) => Err(usage(format!(
            "access_key is set (from {source}) but secret_key is not: set both or neither"
        ))),
        (None, Some((_, source))) => Err(usage(format!(
            "secret_key is set (from {source}) but access_key is not: set both or neither"
        ))),
        (None, None) => Ok(None),
    }
}

fn proxy_plan(global: &GlobalArgs, layers: &Layers) -> Result<ProxyPlan> {
    if global.no_proxy {
        return Ok(ProxyPlan::Direct);
    }
    let enable = layers.parse("proxy.enable", parse_bool)?;
    let host = layers.parse("proxy.host", parse_host)?;
    let port = layers.parse("proxy.port", |s| parse_number(s, 1, 65535))?;
    let user = layers.parse("proxy.user", parse_text)?;
    let no_proxy = layers.parse("proxy.no_proxy", parse_text)?.map(|(v, _)| v);

    let any_setting = enable.is_some() || host.is_some() || port.is_some() || user.is_some();
    match (enable, host) {
        (Some((false, _)), _) => Ok(ProxyPlan::Direct),
        (None, None) if !any_setting && !global.proxy_password_stdin => Ok(ProxyPlan::Environment),
        (enabled, None) => {
            let why = match enabled {
                Some((_, source)) => format!("the proxy is enabled (from {source})"),
                None => "a proxy port or user is set".to_owned(),
            };
            Err(usage(format!(
                "{why} but proxy.host is not set: give --proxy-host, S3IMG_PROXY_HOST or \
                 proxy.host, or pass --no-proxy"
            )))
        }
        (_, Some((host, _))) => {
            let password = password_source(global, layers, user.is_some())?;
            Ok(ProxyPlan::Explicit(ProxyServer {
                host,
                port: port.map_or(DEFAULT_PROXY_PORT, |(p, _)| p as u16),
                user: user.map(|(u, _)| u),
                password,
                no_proxy,
            }))
        }
    }
}

fn password_source(global: &GlobalArgs, layers: &Layers, has_user: bool) -> Result<PasswordSource> {
    if global.proxy_password_stdin {
        if !has_user {
            return Err(usage(
                "--proxy-password-stdin needs a proxy user (--proxy-user, S3IMG_PROXY_USER or \
                 proxy.user)",
            ));
        }
        return Ok(PasswordSource::Stdin);
    }
    let value = layers.get("proxy.password");
    let file = layers.get("proxy.password_file");
    // The higher layer wins between a password and a password file.
    let rank = |source: &Source| match source {
        Source::Flag(_) => 0,
        Source::Env(_) => 1,
        Source::File { path, .. } => {
            2 + layers
                .files
                .iter()
                .position(|f| &f.path == path)
                .unwrap_or(0)
        }
    };
    Ok(match (value, file) {
        (Some((v, vs)), Some((_, fs))) if rank(&vs) <= rank(&fs) => {
            PasswordSource::Value(Secret::new(v))
        }
        (_, Some((path, source))) => PasswordSource::File(expand_home(&path), source),
        (Some((v, _)), None) => PasswordSource::Value(Secret::new(v)),
        (None, None) => PasswordSource::Ask,
    })
}

fn transfer_settings(layers: &Layers) -> Result<TransferSettings> {
    let part_size = layers
        .parse("transfer.part_size", |s| {
            parse_size(s, MIN_PART_SIZE, MAX_PART_SIZE)
        })?
        .map_or(crate::transfer::DEFAULT_PART_SIZE, |(v, _)| v);
    let concurrency = layers
        .parse("transfer.concurrency", |s| parse_number(s, 1, 64))?
        .map_or(crate::transfer::DEFAULT_CONCURRENCY, |(v, _)| v as usize);
    let multipart_threshold = layers
        .parse("transfer.multipart_threshold", |s| {
            parse_size(s, MIN_PART_SIZE, MAX_SINGLE_PUT)
        })?
        .map_or(part_size, |(v, _)| v);
    let hash = layers
        .parse("transfer.hash", |s| s.parse::<Algorithm>())?
        .map_or(Algorithm::default(), |(v, _)| v);
    Ok(TransferSettings {
        part_size,
        concurrency,
        multipart_threshold,
        hash,
    })
}

fn parse_text(s: &str) -> Result<String, String> {
    if s.is_empty() {
        return Err("must not be empty".into());
    }
    Ok(s.to_owned())
}

/// A duration such as `90s`, `30m`, `12h`, `7d` or `2w`; a bare number is seconds.
pub(crate) fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| "must be a number with a unit, such as 7d or 12h".to_owned())?;
    let unit_secs = match unit.trim() {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        other => return Err(format!("unknown unit {other:?}: use s, m, h, d or w")),
    };
    number
        .checked_mul(unit_secs)
        .map(Duration::from_secs)
        .ok_or_else(|| "too large".to_owned())
}

/// A timeout: whole seconds, or a number with a unit (`90s`, `5m`), from 1 s to 1 h.
fn parse_timeout(s: &str) -> Result<Duration, String> {
    let bounds = "must be from 1s to 1h, such as 60, 90s or 5m";
    match parse_duration(s) {
        Ok(time) if (Duration::from_secs(1)..=MAX_TIMEOUT).contains(&time) => Ok(time),
        Ok(_) => Err(bounds.into()),
        Err(why) if why.starts_with("unknown unit") => Err(why),
        Err(_) => Err(bounds.into()),
    }
}

/// A region name: what AWS, Ceph RGW and MinIO use (`us-east-1`, `default`). It becomes
/// part of every signature's scope, where a `/` or a space would break it.
fn parse_region(s: &str) -> Result<String, String> {
    let fits = |c: char| c.is_ascii_alphanumeric() || "-_.".contains(c);
    if s.is_empty() || !s.chars().all(fits) {
        return Err("must be letters, digits, `-`, `_` or `.`, such as us-east-1".into());
    }
    Ok(s.to_owned())
}

/// An access key id or session token, which travel in request headers as they are.
fn parse_key_id(s: &str) -> Result<String, String> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_graphic()) {
        return Err("must be printable ASCII without spaces".into());
    }
    Ok(s.to_owned())
}

pub(crate) fn parse_bool(s: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        _ => Err("must be true or false".into()),
    }
}

pub(crate) fn parse_number(s: &str, min: u64, max: u64) -> Result<u64, String> {
    match s.parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ if min == 1 && max == 65535 => Err("must be a port number from 1 to 65535".into()),
        _ => Err(format!("must be a whole number from {min} to {max}")),
    }
}

pub fn parse_size(s: &str, min: u64, max: u64) -> Result<u64, String> {
    let bytes = s
        .parse::<bytesize::ByteSize>()
        .map_err(|_| "must be a size such as 64MiB".to_owned())?
        .as_u64();
    if !(min..=max).contains(&bytes) {
        return Err(format!(
            "must be from {} to {}",
            bytesize::ByteSize(min),
            bytesize::ByteSize(max)
        ));
    }
    Ok(bytes)
}

/// A proxy host: a name or an address, with no scheme, port or user part.
pub(crate) fn parse_host(s: &str) -> Result<String, String> {
    let bare = match s.strip_prefix('[') {
        Some(inner) => inner.strip_suffix(']').unwrap_or(s),
        None => s,
    };
    if bare.is_empty() || bare.contains(['/', '@', ' ']) {
        return Err("must be a host name or address, without scheme, user or port".into());
    }
    if bare.contains(':') {
        if bare.parse::<std::net::Ipv6Addr>().is_err() {
            return Err("must be a host name or address; give the port with --proxy-port".into());
        }
        return Ok(bare.to_owned());
    }
    let name_char = |c: char| c.is_ascii_alphanumeric() || "-._".contains(c);
    if !bare.chars().all(name_char) {
        return Err("must be a host name (letters, digits, `-`, `.`) or an IP address".into());
    }
    Ok(bare.to_owned())
}

/// An endpoint URL: `http` or `https`, a host, perhaps a port and a path; no user part or
/// query. Returned in one spelling (lowercase scheme, no trailing slash), which other
/// code may compare.
pub(crate) fn parse_endpoint(s: &str) -> Result<String, String> {
    const EXPECTED: &str = "not a URL: expected http://HOST[:PORT] or https://HOST[:PORT]";
    let uri: http::Uri = s.parse().map_err(|_| EXPECTED.to_owned())?;
    let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
        return Err(EXPECTED.into());
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!(
            "scheme `{scheme}` is not supported: use http:// or https://"
        ));
    }
    if authority.host().is_empty() {
        return Err(EXPECTED.into());
    }
    if authority.as_str().contains('@') {
        return Err(
            "must not carry a user or password: give S3 credentials as access_key and \
             secret_key"
                .into(),
        );
    }
    // `http::Uri` takes any digits as a port, and then reports no port at all when they
    // are more than a u16 holds.
    if let Some((_, port)) = authority.as_str().rsplit_once(':')
        && !port.contains(']')
        && !matches!(port.parse::<u16>(), Ok(1..))
    {
        return Err("the port must be a number from 1 to 65535".into());
    }
    if uri.query().is_some() {
        return Err("must not carry a query (`?...`)".into());
    }
    let path = uri.path().trim_end_matches('/');
    Ok(format!("{scheme}://{authority}{path}"))
}

/// Expands a leading `~/` to the home directory, as the config file examples use it.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), directories::BaseDirs::new()) {
        (Some(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_must_be_http_urls() {
        assert_eq!(
            parse_endpoint("http://s3.test:9000/").unwrap(),
            "http://s3.test:9000"
        );
        assert!(parse_endpoint("s3.test:9000").is_err());
        assert!(parse_endpoint("ftp://s3.test").unwrap_err().contains("ftp"));
        assert!(parse_endpoint("not a url").is_err());
        assert_eq!(
            parse_endpoint("HTTPS://rgw.internal:8443/s3/").unwrap(),
            "https://rgw.internal:8443/s3"
        );
        for bad_port in ["0", "99999"] {
            let err = parse_endpoint(&format!("http://s3.test:{bad_port}"));
            assert!(
                err.is_err_and(|e| e.contains("from 1 to 65535")),
                "{bad_port}"
            );
        }
        assert!(
            parse_endpoint("http://user@s3.test")
                .unwrap_err()
                .contains("user")
        );
        assert!(
            parse_endpoint("http://s3.test/?x=1")
                .unwrap_err()
                .contains("query")
        );
    }

    #[test]
    fn ports_are_checked() {
        assert_eq!(parse_number("3128", 1, 65535), Ok(3128));
        assert!(parse_number("0", 1, 65535).is_err());
        assert!(
            parse_number("70000", 1, 65535)
                .unwrap_err()
                .contains("port")
        );
        assert!(parse_number("http", 1, 65535).is_err());
    }

    #[test]
    fn hosts_carry_no_port_or_scheme() {
        assert_eq!(parse_host("proxy.internal").unwrap(), "proxy.internal");
        assert_eq!(parse_host("[::1]").unwrap(), "::1");
        assert_eq!(parse_host("::1").unwrap(), "::1");
        assert_eq!(parse_host("10.0.0.1").unwrap(), "10.0.0.1");
        for bad in ["[::1", "a\nb", "a%b", "pr\u{f6}xy", "a:b"] {
            assert!(parse_host(bad).is_err(), "{bad:?}");
        }
        assert!(parse_host("http://proxy").is_err());
        assert!(parse_host("proxy:3128").is_err());
    }

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(
            parse_size("64MiB", MIN_PART_SIZE, MAX_PART_SIZE),
            Ok(64 * MIB)
        );
        assert!(parse_size("1KiB", MIN_PART_SIZE, MAX_PART_SIZE).is_err());
        assert!(parse_size("lots", MIN_PART_SIZE, MAX_PART_SIZE).is_err());
    }

    #[test]
    fn durations_take_units() {
        assert_eq!(parse_duration("7d"), Ok(Duration::from_secs(7 * 86_400)));
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("0s"), Ok(Duration::ZERO));
        assert!(parse_duration("3y").unwrap_err().contains("unknown unit"));
        assert!(parse_duration("d").is_err());
        assert!(parse_duration("99999999999999999999w").is_err());
    }

    #[test]
    fn timeouts_stay_within_bounds() {
        assert_eq!(parse_timeout("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_timeout("5m"), Ok(Duration::from_secs(300)));
        for bad in ["0", "2h", "soon"] {
            assert!(
                parse_timeout(bad).unwrap_err().contains("from 1s to 1h"),
                "{bad}"
            );
        }
        assert!(parse_timeout("3y").unwrap_err().contains("unknown unit"));
    }
}
