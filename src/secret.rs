//! A string that must never be shown: proxy passwords and S3 secret keys.
//!
//! The value is wrapped from the moment it is read, and its `Debug` and `Display` both print
//! a placeholder, so no log line, error chain or `{:?}` can reveal it by accident. Only
//! [`Secret::expose`] gives the text, and only the client builder calls it.

use std::fmt;

/// A secret value whose formatting prints `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value read from a flag, variable, file, standard input or prompt.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The real text, for the one place that must hand it to the network stack.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_never_shows_the_value() {
        let secret = Secret::new("p@ss:word");
        assert_eq!(format!("{secret:?} {secret}"), "*** ***");
        assert_eq!(secret.expose(), "p@ss:word");
    }
}
