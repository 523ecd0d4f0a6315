//! Reading s3img's TOML config files into flat, line-numbered values.
//!
//! A file becomes a map from dotted keys (`proxy.port`) to the value's text and line, with
//! the selected profile's keys laid over the top-level ones. Unknown keys, wrong shapes and
//! malformed TOML are errors that name the file, the line and the column. This module only
//! reads files; it knows nothing of flags or variables.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use toml::de::{DeTable, DeValue};

use crate::error::usage;

/// Every key a config file may hold, outside and inside `[profiles.NAME]`.
pub const KNOWN_KEYS: &[&str] = &[
    "endpoint",
    "region",
    "bucket",
    "path_style",
    "ca_bundle",
    "access_key",
    "secret_key",
    "retries",
    "timeout",
    "proxy.enable",
    "proxy.host",
    "proxy.port",
    "proxy.user",
    "proxy.password",
    "proxy.password_file",
    "proxy.no_proxy",
    "transfer.part_size",
    "transfer.concurrency",
    "transfer.multipart_threshold",
    "transfer.hash",
];

/// Tables that group keys; they hold no value of their own.
const TABLES: &[&str] = &["proxy", "transfer"];

/// One value as the file wrote it, turned into text, with the line it stands on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileValue {
    pub text: String,
    pub line: usize,
}

/// The values of one config file after the profile was applied.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub values: BTreeMap<String, FileValue>,
    /// Whether the file has a `[profiles.NAME]` for the profile that was asked for.
    pub has_profile: bool,
}

impl ConfigFile {
    /// Reads and parses the file; `Ok(None)` when it does not exist and `required` is false.
    pub fn load(path: &Path, profile: Option<&str>, required: bool) -> Result<Option<Self>> {
        let text = match crate::bounded::read_text(path, crate::bounded::SETTINGS_FILE) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => return Ok(None),
            Err(e) => {
                return Err(usage(format!(
                    "cannot read config file {}: {e}",
                    path.display()
                )));
            }
        };
        Self::parse(path, &text, profile).map(Some)
    }

    /// Parses the text of a config file named `path`.
    pub fn parse(path: &Path, text: &str, profile: Option<&str>) -> Result<Self> {
        let at = |offset: usize| {
            let (line, col) = line_col(text, offset);
            format!("{}:{line}:{col}", path.display())
        };
        let root = DeTable::parse(text).map_err(|e| {
            let place = e
                .span()
                .map_or_else(|| path.display().to_string(), |s| at(s.start));
            usage(format!("{place}: invalid TOML: {}", e.message().trim_end()))
        })?;

        let mut values = BTreeMap::new();
        let mut profiles = None;
        for (key, value) in root.get_ref() {
            if key.get_ref() == "profiles" {
                profiles = Some(value);
                continue;
            }
            flatten(key.get_ref(), value, "", text, &at, &mut values)?;
        }

        let mut has_profile = false;
        if let Some(profiles) = profiles {
            let DeValue::Table(table) = profiles.get_ref() else {
                return Err(usage(format!(
                    "{}: profiles must be a table of [profiles.NAME] sections",
                    at(profiles.span().start)
                )));
            };
            for (name, body) in table {
                let DeValue::Table(body) = body.get_ref() else {
                    return Err(usage(format!(
                        "{}: profile {} must be a table",
                        at(name.span().start),
                        name.get_ref()
                    )));
                };
                let mut profile_values = BTreeMap::new();
                for (key, value) in body {
                    flatten(key.get_ref(), value, "", text, &at, &mut profile_values)?;
                }
                if Some(name.get_ref().as_ref()) == profile {
                    has_profile = true;
                    values.extend(profile_values);
                }
            }
        }
        Ok(ConfigFile {
            path: path.to_owned(),
            values,
            has_profile,
        })
    }
}

/// Walks one key of the file, adding each scalar under its dotted name.
fn flatten(
    key: &str,
    value: &toml::Spanned<DeValue<'_>>,
    parent: &str,
    text: &str,
    at: &dyn Fn(usize) -> String,
    out: &mut BTreeMap<String, FileValue>,
) -> Result<()> {
    let name = if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    };
    let place = at(value.span().start);
    if let DeValue::Table(table) = value.get_ref() {
        if !TABLES.contains(&name.as_str()) {
            return Err(unknown_key(&name, &place));
        }
        for (k, v) in table {
            flatten(k.get_ref(), v, &name, text, at, out)?;
        }
        return Ok(());
    }
    if !KNOWN_KEYS.contains(&name.as_str()) {
        return Err(unknown_key(&name, &place));
    }
    let scalar = scalar_text(value.get_ref())
        .with_context(|| format!("{place}: {name} has the wrong type"))
        .map_err(|e| usage(format!("{e:#}")))?;
    let (line, _) = line_col(text, value.span().start);
    out.insert(name, FileValue { text: scalar, line });
    Ok(())
}

/// Text of a scalar value; an array of strings is joined with commas (for no_proxy).
fn scalar_text(value: &DeValue<'_>) -> Result<String> {
    Ok(match value {
        DeValue::String(s) => s.to_string(),
        DeValue::Integer(i) => i.as_str().to_owned(),
        DeValue::Float(f) => f.as_str().to_owned(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Array(items) => {
            let mut parts = Vec::new();
            for item in items {
                match item.get_ref() {
                    DeValue::String(s) => parts.push(s.to_string()),
                    other => {
                        anyhow::bail!("expected strings in the list, found {}", other.type_str())
                    }
                }
            }
            parts.join(",")
        }
        other => anyhow::bail!("expected a single value, found {}", other.type_str()),
    })
}

fn unknown_key(name: &str, place: &str) -> anyhow::Error {
    let nearest = KNOWN_KEYS
        .iter()
        .chain(TABLES)
        .map(|known| (strsim::damerau_levenshtein(name, known), *known))
        .min()
        .filter(|(distance, _)| *distance <= 3);
    match nearest {
        Some((_, known)) => usage(format!(
            "{place}: unknown key `{name}` (did you mean `{known}`?)"
        )),
        None => usage(format!("{place}: unknown key `{name}`")),
    }
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.len(), |nl| before.len() - nl - 1)
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"endpoint = "https://rgw.example.internal"
retries = 5

[proxy]
enable = true
host = "proxy.example.internal"
port = 3128

[profiles.lab]
endpoint = "http://minio.lab:9000"
proxy = { enable = false }
"#;

    fn parse(text: &str, profile: Option<&str>) -> Result<ConfigFile> {
        ConfigFile::parse(Path::new("/etc/s3img/config.toml"), text, profile)
    }

    #[test]
    fn values_carry_their_line() {
        let file = parse(SAMPLE, None).unwrap();
        assert_eq!(
            file.values["proxy.port"],
            FileValue {
                text: "3128".into(),
                line: 7
            }
        );
        assert_eq!(file.values["retries"].text, "5");
        assert!(!file.has_profile);
    }

    #[test]
    fn a_profile_overrides_what_it_names() {
        let file = parse(SAMPLE, Some("lab")).unwrap();
        assert!(file.has_profile);
        assert_eq!(file.values["endpoint"].text, "http://minio.lab:9000");
        assert_eq!(
            file.values["proxy.enable"],
            FileValue {
                text: "false".into(),
                line: 11
            }
        );
        assert_eq!(file.values["proxy.host"].text, "proxy.example.internal");
    }

    #[test]
    fn an_unknown_key_suggests_the_nearest() {
        let err = parse("[proxy]\nhots = \"x\"\n", None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/etc/s3img/config.toml:2:8: unknown key `proxy.hots` (did you mean `proxy.host`?)"
        );
    }

    #[test]
    fn malformed_toml_names_line_and_column() {
        let err = parse("retries = 5\nendpoint = \n", None).unwrap_err();
        assert!(
            err.to_string().starts_with("/etc/s3img/config.toml:2:"),
            "{err}"
        );
        assert!(err.to_string().contains("invalid TOML"), "{err}");
    }

    #[test]
    fn a_table_where_a_value_belongs_is_refused() {
        let err = parse("[endpoint]\nurl = 1\n", None).unwrap_err();
        assert!(err.to_string().contains("unknown key `endpoint`"), "{err}");
        let err = parse("retries = [1]\n", None).unwrap_err();
        assert!(
            err.to_string().contains("retries has the wrong type"),
            "{err}"
        );
    }

    #[test]
    fn no_proxy_may_be_a_list() {
        let file = parse("[proxy]\nno_proxy = [\"a\", \".b\"]\n", None).unwrap();
        assert_eq!(file.values["proxy.no_proxy"].text, "a,.b");
    }
}
