//! Entry points for the fuzz targets under `fuzz/`. Each runs one parser over arbitrary
//! text and panics when a property that must hold for every input does not: a panic here
//! is a finding, whether it comes from the parser or from the check.

use std::path::{Component, Path};

use crate::config_file::{ConfigFile, KNOWN_KEYS};
use crate::error::render;
use crate::location::{Location, check_bucket_name, relative_path};
use crate::settings::{
    MAX_SINGLE_PUT, MIN_PART_SIZE, parse_bool, parse_duration, parse_endpoint, parse_host,
    parse_number, parse_size,
};
use crate::transfer::MAX_PART_SIZE;
use crate::transfer::hash::{Algorithm, State, taken_in};

/// `s3://` locations and bare keys, the default file name taken from a key, and the
/// relative path a key under a prefix becomes. The text is split at its first newline into
/// a prefix and a key for the last.
pub fn location(text: &str) {
    for bucket in [None, Some("images")] {
        match Location::parse(text, bucket) {
            Ok(at) => {
                assert!(check_bucket_name(&at.bucket).is_ok(), "{at:?}");
                assert!(at.key.len() <= 1024, "{at:?}");
                let again = Location::parse(&at.to_string(), None).expect("shown form parses");
                assert_eq!(again, at, "the shown form names the same place");
            }
            Err(err) => one_line_error(&err),
        }
        if let Ok(at) = Location::parse_object(text, bucket) {
            assert!(!at.key.is_empty() && !at.key.ends_with('/'), "{at:?}");
            if let Some(name) = at.local_name() {
                assert_single_normal_component(name);
            }
        }
    }
    let (prefix, key) = text.split_once('\n').unwrap_or(("", text));
    if let Some(relative) = relative_path(prefix, key) {
        assert_eq!(format!("{prefix}{relative}"), key);
        assert!(!relative.is_empty());
        let path = Path::new(relative);
        assert!(
            path.components().all(|c| matches!(c, Component::Normal(_))),
            "{relative:?} must stay below its directory"
        );
    }
}

/// s3img's TOML config file, without and with a profile. A value that parses stands on a
/// line of the file under a key s3img knows.
pub fn config_file(text: &str) {
    let path = Path::new("fuzz.toml");
    for profile in [None, Some("lab")] {
        match ConfigFile::parse(path, text, profile) {
            Ok(file) => values_are_known_and_placed(&file, text),
            Err(err) => one_line_error(&err),
        }
    }
}

/// The `[glance_store]` section of a glance-api.conf.
pub fn glance_config(text: &str) {
    match crate::glance::parse(Path::new("glance-api.conf"), text) {
        Ok(file) => values_are_known_and_placed(&file, text),
        Err(err) => one_line_error(&err),
    }
}

/// The checks a setting's value goes through, wherever it comes from. What they accept
/// lies within the bounds they were given.
pub fn setting_value(text: &str) {
    for (min, max) in [
        (MIN_PART_SIZE, MAX_PART_SIZE),
        (MIN_PART_SIZE, MAX_SINGLE_PUT),
    ] {
        if let Ok(size) = parse_size(text, min, max) {
            assert!((min..=max).contains(&size), "{text:?} gave {size}");
        }
    }
    if let Ok(port) = parse_number(text, 1, 65_535) {
        assert!((1..=65_535).contains(&port));
    }
    let _ = parse_bool(text);
    let _ = parse_duration(text);
    if let Ok(host) = parse_host(text) {
        assert!(
            !host.is_empty() && !host.contains(['/', '@', ' ']),
            "{host:?}"
        );
    }
    if let Ok(endpoint) = parse_endpoint(text) {
        assert!(
            endpoint.starts_with("http://") || endpoint.starts_with("https://"),
            "{endpoint:?}"
        );
        let again = parse_endpoint(&endpoint).expect("an accepted endpoint parses again");
        assert_eq!(again, endpoint, "one spelling for one endpoint");
    }
}

/// A hash state saved in a resume journal or a partial download's record, read back. A
/// state restores only at the byte count it holds, then saves as the same text and can
/// finish.
pub fn saved_hash_state(text: &str) {
    for algo in [Algorithm::Sha256, Algorithm::Sha512] {
        let held = hex::decode(text).ok().and_then(|raw| taken_in(algo, &raw));
        let Some(bytes) = held.and_then(|n| u64::try_from(n).ok()) else {
            assert!(State::restore(algo, text, 0).is_none(), "{text:?}");
            continue;
        };
        assert!(State::restore(algo, text, bytes.wrapping_add(1)).is_none());
        if let Some(mut state) = State::restore(algo, text, bytes) {
            assert_eq!(state.snapshot(), text.to_ascii_lowercase());
            state.update(b"more");
            let _ = state.hex();
        }
    }
}

fn values_are_known_and_placed(file: &ConfigFile, text: &str) {
    let lines = text.split('\n').count();
    for (key, value) in &file.values {
        assert!(
            KNOWN_KEYS.contains(&key.as_str()),
            "unknown key {key:?} kept"
        );
        assert!(
            (1..=lines).contains(&value.line),
            "{key} on line {} of {lines}",
            value.line
        );
    }
}

/// Every refusal renders as one line that starts like every other s3img error.
fn one_line_error(err: &anyhow::Error) {
    let shown = render(err);
    let first = shown.lines().next().unwrap_or_default();
    assert!(first.starts_with("s3img: error: "), "{shown:?}");
    assert!(!first.chars().any(char::is_control), "{shown:?}");
}

fn assert_single_normal_component(name: &str) {
    let mut components = Path::new(name).components();
    assert!(
        matches!(components.next(), Some(Component::Normal(_))) && components.next().is_none(),
        "{name:?} must be one plain file name"
    );
}
