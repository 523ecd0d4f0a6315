//! The command line, as clap definitions and nothing else.
//!
//! No value here is checked beyond its type and no file or network is touched: the
//! `settings` module turns these into a plain `Settings` value. Every settings flag is
//! global, so it works before or after the subcommand, and most can also come from an
//! `S3IMG_*` variable, which `--help` names.

use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args, Parser, Subcommand};

/// Examples shown by `--help` and the man page.
pub const EXAMPLES: &str = "\
Examples:
  s3img put focal.qcow2                       upload to the configured bucket as focal.qcow2
  s3img put focal.qcow2 s3://images/ubuntu/   upload as ubuntu/focal.qcow2 in bucket images
  s3img ls s3://images/ubuntu/                list what is there
  s3img get s3://images/ubuntu/focal.qcow2    download into the current directory
  s3img delete s3://images/ubuntu/focal.qcow2

Settings come from flags, then S3IMG_* variables, then the config file
($XDG_CONFIG_HOME/s3img/config.toml, or --config), then /etc/s3img/config.toml.
Run 'man s3img' or see the README for every setting and the exit codes.";

/// The whole command line.
#[derive(Debug, Parser)]
#[command(
    name = "s3img",
    version,
    about = "Move virtual machine images to and from S3 through an HTTP proxy",
    after_help = EXAMPLES,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,

    /// Settings that every command shares.
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Options accepted before or after any subcommand.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Print nothing but results and errors: no progress bars, no summary line.
    #[arg(short, long, global = true, env = "S3IMG_QUIET", value_parser = BoolishValueParser::new(),
          action = ArgAction::SetTrue, help_heading = "Output")]
    pub quiet: bool,

    /// Say more on stderr: -v logs each decision and retry, -vv adds the SDK's own logs.
    /// S3IMG_LOG takes a full filter such as 's3img=trace'.
    #[arg(short, long, global = true, action = ArgAction::Count, help_heading = "Output")]
    pub verbose: u8,

    /// Print results as JSON, one document per result, for scripts.
    #[arg(long, global = true, help_heading = "Output")]
    pub json: bool,

    /// Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml.
    #[arg(
        long,
        global = true,
        env = "S3IMG_CONFIG",
        value_name = "FILE",
        help_heading = "Settings"
    )]
    pub config: Option<PathBuf>,

    /// Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options
    /// included) as settings, above the config files and below variables.
    #[arg(
        long,
        global = true,
        env = "S3IMG_GLANCE_CONFIG",
        value_name = "FILE",
        help_heading = "Settings"
    )]
    pub glance_config: Option<PathBuf>,

    /// Use this profile of the config file ([profiles.NAME]) over its top-level keys.
    #[arg(
        long,
        global = true,
        env = "S3IMG_PROFILE",
        value_name = "NAME",
        help_heading = "Settings"
    )]
    pub profile: Option<String>,

    /// URL of the S3 service, such as https://rgw.example.internal. Without it, AWS.
    #[arg(
        long,
        global = true,
        env = "S3IMG_ENDPOINT",
        value_name = "URL",
        help_heading = "Settings"
    )]
    pub endpoint: Option<String>,

    /// Region to sign requests for [default: us-east-1].
    #[arg(long, global = true, env = "S3IMG_REGION", help_heading = "Settings")]
    pub region: Option<String>,

    /// Bucket used when a location names only a key.
    #[arg(long, global = true, env = "S3IMG_BUCKET", help_heading = "Settings")]
    pub bucket: Option<String>,

    /// Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with
    /// --endpoint, false for AWS].
    #[arg(long, global = true, env = "S3IMG_PATH_STYLE", value_name = "BOOL",
          num_args = 0..=1, default_missing_value = "true", require_equals = true,
          help_heading = "Settings")]
    pub path_style: Option<String>,

    /// PEM file of the certificate authorities to trust for the endpoint, instead of the
    /// system's.
    #[arg(
        long,
        global = true,
        env = "S3IMG_CA_BUNDLE",
        value_name = "FILE",
        help_heading = "Settings"
    )]
    pub ca_bundle: Option<PathBuf>,

    /// How many times to retry a failed request before giving up [default: 3].
    #[arg(
        long,
        global = true,
        env = "S3IMG_RETRIES",
        allow_negative_numbers = true,
        value_name = "N",
        help_heading = "Settings"
    )]
    pub retries: Option<String>,

    /// Give up on a request that makes no progress for this long (seconds, or with a unit:
    /// 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of
    /// an upload taken, or no answer that long after an upload's last byte. Completing a
    /// multipart upload and copies wait as long as the server takes.
    #[arg(
        long,
        global = true,
        env = "S3IMG_TIMEOUT",
        value_name = "DURATION",
        help_heading = "Settings"
    )]
    pub timeout: Option<String>,

    /// Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host).
    /// With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used.
    #[arg(long = "proxy", global = true, env = "S3IMG_PROXY_ENABLE", value_name = "BOOL",
          num_args = 0..=1, default_missing_value = "true", require_equals = true,
          help_heading = "Proxy")]
    pub proxy_enable: Option<String>,

    /// Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included.
    #[arg(long, global = true, help_heading = "Proxy")]
    pub no_proxy: bool,

    /// Host name or address of the HTTP proxy.
    #[arg(
        long,
        global = true,
        env = "S3IMG_PROXY_HOST",
        value_name = "HOST",
        help_heading = "Proxy"
    )]
    pub proxy_host: Option<String>,

    /// Port of the HTTP proxy [default: 3128].
    #[arg(
        long,
        global = true,
        env = "S3IMG_PROXY_PORT",
        allow_negative_numbers = true,
        value_name = "PORT",
        help_heading = "Proxy"
    )]
    pub proxy_port: Option<String>,

    /// User for the proxy's Basic authentication. The password comes from
    /// S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt.
    #[arg(
        long,
        global = true,
        env = "S3IMG_PROXY_USER",
        value_name = "USER",
        help_heading = "Proxy"
    )]
    pub proxy_user: Option<String>,

    /// Read the proxy password from the first line of standard input.
    #[arg(long, global = true, help_heading = "Proxy")]
    pub proxy_password_stdin: bool,

    /// Comma-separated hosts, domains (.example.com) or networks that bypass the proxy.
    #[arg(
        long,
        global = true,
        env = "S3IMG_NO_PROXY",
        value_name = "LIST",
        help_heading = "Proxy"
    )]
    pub no_proxy_for: Option<String>,

    /// Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB].
    /// Grown by itself when a file would need more than 10,000 parts.
    #[arg(
        long,
        global = true,
        env = "S3IMG_PART_SIZE",
        value_name = "SIZE",
        help_heading = "Transfer"
    )]
    pub part_size: Option<String>,

    /// Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download
    /// (1 to 64) [default: 4]. An upload holds about this times the part size in memory.
    #[arg(
        long,
        global = true,
        env = "S3IMG_CONCURRENCY",
        allow_negative_numbers = true,
        value_name = "N",
        help_heading = "Transfer"
    )]
    pub concurrency: Option<String>,

    /// Files smaller than this go up in one request, held in memory (5MiB to 1GiB)
    /// [default: the part size].
    #[arg(
        long,
        global = true,
        env = "S3IMG_MULTIPART_THRESHOLD",
        value_name = "SIZE",
        help_heading = "Transfer"
    )]
    pub multipart_threshold: Option<String>,

    /// Hash stored with uploaded images and checked on download when the object has none:
    /// sha256 or sha512 (what glance records) [default: sha256].
    #[arg(
        long,
        global = true,
        env = "S3IMG_HASH",
        value_name = "ALGORITHM",
        help_heading = "Transfer"
    )]
    pub hash: Option<String>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Upload an image.
    #[command(after_help = "\
Examples:
  s3img put focal.qcow2                          key focal.qcow2 in the configured bucket
  s3img put focal.qcow2 ubuntu/focal.qcow2       that key in the configured bucket
  s3img put focal.qcow2 s3://images/ubuntu/      a trailing / keeps the file's name
  s3img put *.qcow2 s3://images/ubuntu/          several files, two at a time (-j)
  qemu-img convert -O raw a.qcow2 /dev/stdout | s3img put - s3://images/a.raw

An existing object is never replaced unless --force is given. An interrupted upload of a
file is kept: running the same command again sends only the parts still missing.")]
    Put(PutArgs),

    /// Download an image.
    #[command(after_help = "\
Examples:
  s3img get s3://images/ubuntu/focal.qcow2       writes ./focal.qcow2
  s3img get ubuntu/focal.qcow2 /var/lib/images/  into that directory
  s3img get s3://images/a.raw - | dd of=/dev/vdb bs=4M
  s3img get s3://images/ubuntu/ /var/lib/images/ every image under the prefix

The image is written beside the destination under a temporary name and renamed only
when complete and verified, so a failed download never leaves a partial file under the
real name. An interrupted download is kept there: the same command continues it.")]
    Get(GetArgs),

    /// Delete images.
    #[command(after_help = "\
Examples:
  s3img delete s3://images/ubuntu/focal.qcow2
  s3img delete --ignore-missing old-1.qcow2 old-2.qcow2")]
    Delete(DeleteArgs),

    /// List images: key, size and last-modified time.
    #[command(after_help = "\
Examples:
  s3img ls                         everything in the configured bucket
  s3img ls ubuntu/                 keys that start with ubuntu/
  s3img ls -l ubuntu/              with the sha256 or sha512 stored with each
  s3img ls s3://images/ --json     one JSON document per object, for scripts")]
    Ls(LsArgs),

    /// Show every setting's effective value and where it came from (secrets hidden).
    #[command(after_help = "\
Examples:
  s3img config                         key = value  (source)
  s3img config --profile lab --json    one JSON document per setting

A source is a flag, a variable, a config file and line, or the built-in default.")]
    Config,

    /// Walk the path to the bucket step by step and say which step fails and why.
    #[command(after_help = "\
Steps: settings, proxy reachable, proxy authentication, proxy forwards to the endpoint,
endpoint reachable and TLS trusted, S3 credentials and permissions, bucket exists.
The exit code is that of the first step that fails (see 'man s3img').

Examples:
  s3img check
  s3img check s3://images --json")]
    Check(CheckArgs),

    /// List incomplete multipart uploads: key, upload id, start, parts and bytes so far.
    #[command(after_help = "\
Examples:
  s3img uploads                    in the configured bucket
  s3img uploads s3://images/vm/    under a prefix
  s3img uploads --json             one JSON document per upload

An upload that s3img was interrupted in is resumed by running the same put again; one
nobody will resume still costs storage until it is aborted.")]
    Uploads(UploadsArgs),

    /// Abort incomplete multipart uploads: one by its id, or all older than an age.
    #[command(after_help = "\
Examples:
  s3img abort s3://images/vm/a.qcow2 --upload-id 2f1c...   that one upload
  s3img abort s3://images/ --older-than 7d                 every upload started over a week ago
  s3img abort --older-than 0s --dry-run                    what every upload would be

Ages take s, m, h, d or w, such as 90m, 12h or 7d.")]
    Abort(AbortArgs),

    /// Write shell completions and man pages into a directory (for packagers).
    #[command(hide = true)]
    Generate(GenerateArgs),
}

/// Arguments of `put`.
#[derive(Debug, Args)]
pub struct PutArgs {
    /// The image file, or - for standard input, then DEST: s3://BUCKET/KEY, a key in the
    /// configured bucket, or a prefix ending in /. Without DEST, the file's name in the
    /// configured bucket. With several files, the last argument is DEST and must be a
    /// prefix.
    #[arg(value_name = "FILE... [DEST]", required = true, num_args = 1..)]
    pub paths: Vec<String>,

    /// Files uploaded at once when several are given; each has its own progress bar.
    #[arg(short, long, value_name = "N", default_value_t = 2,
          value_parser = clap::value_parser!(u16).range(1..=16))]
    pub jobs: u16,

    /// Replace the object if it exists.
    #[arg(short, long)]
    pub force: bool,

    /// Start over instead of resuming an interrupted upload of the same file to the same
    /// place (the interrupted one is aborted).
    #[arg(long)]
    pub no_resume: bool,

    /// Size of what standard input will carry, such as 200GiB, so that parts can be sized
    /// for it. Without it, parts start at the part size and double every 1,000 parts.
    #[arg(long, value_name = "SIZE")]
    pub expected_size: Option<String>,
}

/// Arguments of `get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// s3://BUCKET/KEY, or a key in the configured bucket; a prefix ending in / fetches
    /// every object under it.
    #[arg(value_name = "SRC")]
    pub src: String,

    /// Where to write: a file, a directory, or - for standard output.
    /// Default: the key's last segment in the current directory. For a prefix, the
    /// directory that receives the objects under their names below the prefix.
    #[arg(value_name = "FILE")]
    pub file: Option<String>,

    /// Objects downloaded at once when SRC is a prefix.
    #[arg(short, long, value_name = "N", default_value_t = 2,
          value_parser = clap::value_parser!(u16).range(1..=16))]
    pub jobs: u16,

    /// Replace the local file if it exists.
    #[arg(short, long)]
    pub force: bool,

    /// Start over instead of continuing an interrupted download into the same file.
    #[arg(long)]
    pub no_resume: bool,

    /// Write every byte, zeros included. By default, runs of zero blocks in a file become
    /// holes, as qemu-img does, which saves space and time for raw images.
    #[arg(long)]
    pub no_sparse: bool,
}

/// Arguments of `delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// s3://BUCKET/KEY, or keys in the configured bucket.
    #[arg(value_name = "SRC", required = true)]
    pub srcs: Vec<String>,

    /// Succeed for objects that do not exist.
    #[arg(long)]
    pub ignore_missing: bool,
}

/// Arguments of `ls`.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// s3://BUCKET/PREFIX, or a prefix in the configured bucket. Default: everything in the
    /// configured bucket.
    #[arg(value_name = "PREFIX")]
    pub prefix: Option<String>,

    /// Also show the hash stored with each image (one HEAD request per object).
    #[arg(short, long)]
    pub long: bool,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The bucket to reach, as s3://BUCKET. Default: the configured bucket.
    #[arg(value_name = "BUCKET")]
    pub target: Option<String>,
}

/// Arguments of `uploads`.
#[derive(Debug, Args)]
pub struct UploadsArgs {
    /// s3://BUCKET/PREFIX, or a prefix in the configured bucket. Default: the whole
    /// configured bucket.
    #[arg(value_name = "PREFIX")]
    pub prefix: Option<String>,
}

/// Arguments of `abort`.
#[derive(Debug, Args)]
pub struct AbortArgs {
    /// The object (with --upload-id) or the prefix (with --older-than): s3://BUCKET/KEY,
    /// or a key or prefix in the configured bucket.
    #[arg(value_name = "TARGET")]
    pub target: Option<String>,

    /// Abort this upload of the object TARGET.
    #[arg(long, value_name = "ID", conflicts_with = "older_than")]
    pub upload_id: Option<String>,

    /// Abort every upload under TARGET started longer ago than AGE (such as 7d; 0s for all).
    #[arg(long, value_name = "AGE")]
    pub older_than: Option<String>,

    /// Say what would be aborted, and abort nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Arguments of the hidden `generate` command.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Directory that receives completions/ and man/.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}
