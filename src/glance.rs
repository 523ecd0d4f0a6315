//! glance-api.conf as a settings layer: the `[glance_store]` options of the S3 driver, and
//! those of the proposal that added a proxy to it, mapped onto s3img's keys.
//!
//! The file is oslo.config INI. It is read by hand rather than with an INI crate because
//! every value must keep its line number, so that a bad one is reported as `file:line`
//! like any other setting.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;

use crate::config_file::{ConfigFile, FileValue};
use crate::error::usage;

/// glance option → s3img key, and how the value changes on the way.
const MAP: &[(&str, &str, Convert)] = &[
    ("s3_store_host", "endpoint", Convert::Endpoint),
    ("s3_store_access_key", "access_key", Convert::Same),
    ("s3_store_secret_key", "secret_key", Convert::Same),
    ("s3_store_bucket", "bucket", Convert::Same),
    (
        "s3_store_bucket_url_format",
        "path_style",
        Convert::UrlFormat,
    ),
    (
        "s3_store_large_object_size",
        "transfer.multipart_threshold",
        Convert::Megabytes,
    ),
    (
        "s3_store_large_object_chunk_size",
        "transfer.part_size",
        Convert::Megabytes,
    ),
    (
        "s3_store_thread_pools",
        "transfer.concurrency",
        Convert::Same,
    ),
    ("s3_store_cacert", "ca_bundle", Convert::Same),
    ("s3_store_region_name", "region", Convert::Same),
    ("s3_store_enable_proxy", "proxy.enable", Convert::Same),
    ("s3_store_proxy_host", "proxy.host", Convert::Same),
    ("s3_store_proxy_port", "proxy.port", Convert::Same),
    ("s3_store_proxy_user", "proxy.user", Convert::Same),
    ("s3_store_proxy_password", "proxy.password", Convert::Same),
];

/// glance options s3img reads but has no use for.
const IGNORED: &[&str] = &["s3_store_create_bucket_on_put"];

#[derive(Debug, Clone, Copy)]
enum Convert {
    Same,
    /// glance takes a bare host and adds `https://`.
    Endpoint,
    /// `path`, `virtual` or `auto`.
    UrlFormat,
    /// glance counts these in MB.
    Megabytes,
}

/// Reads the `[glance_store]` section of a glance-api.conf as one more config file.
pub fn load(path: &Path) -> Result<ConfigFile> {
    let text = crate::bounded::read_text(path, crate::bounded::SETTINGS_FILE).map_err(|e| {
        usage(format!(
            "cannot read the glance config {}: {e}",
            path.display()
        ))
    })?;
    parse(path, &text)
}

/// Parses the text of a glance-api.conf named `path`.
pub fn parse(path: &Path, text: &str) -> Result<ConfigFile> {
    let mut values = BTreeMap::new();
    let mut in_store = false;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            in_store = section.trim() == "glance_store";
            continue;
        }
        if !in_store {
            continue;
        }
        let Some((name, value)) = line.split_once('=') else {
            return Err(usage(format!(
                "{}:{}: expected `option = value` in [glance_store]",
                path.display(),
                index + 1
            )));
        };
        let (name, value) = (name.trim(), value.trim());
        if IGNORED.contains(&name) {
            tracing::info!(
                "{}:{}: {name} is not used by s3img",
                path.display(),
                index + 1
            );
            continue;
        }
        let Some((_, key, convert)) = MAP.iter().find(|(option, _, _)| *option == name) else {
            continue;
        };
        let text = match convert {
            Convert::Same => Some(value.to_owned()),
            Convert::Endpoint if value.contains("://") => Some(value.to_owned()),
            Convert::Endpoint => Some(format!("https://{value}")),
            Convert::UrlFormat => match value {
                "path" => Some("true".to_owned()),
                "virtual" => Some("false".to_owned()),
                _ => None,
            },
            Convert::Megabytes => Some(format!("{value}MiB")),
        };
        if let Some(text) = text {
            values.insert(
                key.to_string(),
                FileValue {
                    text,
                    line: index + 1,
                },
            );
        }
    }
    Ok(ConfigFile {
        path: path.to_owned(),
        values,
        has_profile: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_section_maps_onto_s3img_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("glance-api.conf");
        std::fs::write(
            &path,
            "[DEFAULT]\ns3_store_bucket = wrong\n\n[glance_store]\n# the RGW\n\
             s3_store_host = rgw.example.internal:8080\ns3_store_bucket = images\n\
             s3_store_bucket_url_format = path\ns3_store_large_object_chunk_size = 64\n\
             s3_store_enable_proxy = True\ns3_store_proxy_port = 3128\n\
             s3_store_create_bucket_on_put = true\n\n[other]\ns3_store_region_name = no\n",
        )
        .unwrap();
        let file = load(&path).unwrap();
        let get = |k: &str| file.values.get(k).map(|v| (v.text.as_str(), v.line));
        assert_eq!(
            get("endpoint"),
            Some(("https://rgw.example.internal:8080", 6))
        );
        assert_eq!(get("bucket"), Some(("images", 7)));
        assert_eq!(get("path_style"), Some(("true", 8)));
        assert_eq!(get("transfer.part_size"), Some(("64MiB", 9)));
        assert_eq!(get("proxy.enable"), Some(("True", 10)));
        assert_eq!(get("region"), None);
    }
}
