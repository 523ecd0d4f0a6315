//! The proxy plan, and the one place the proxy password is looked for.
//!
//! Settings decide which plan applies: no proxy, the standard `HTTPS_PROXY` family of
//! variables, or an explicit proxy of s3img's own. For an explicit proxy with a user, this
//! module finds the password: the setting, a file, standard input, or a prompt when a
//! terminal is there to answer it. It never waits for input that cannot come, and the
//! password is a [`Secret`] from the moment it is read. It does not build SDK types.

use std::io::IsTerminal;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use anyhow::Result;

use crate::bounded::{self, PASSWORD_LINE};
use crate::error::{ProxyName, usage};
use crate::secret::Secret;
use crate::settings::Source;

/// Which proxy, if any, requests go through.
#[derive(Debug, Clone)]
pub enum ProxyPlan {
    /// Connect straight to the endpoint.
    Direct,
    /// No s3img proxy setting was given: use `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`.
    Environment,
    /// s3img's own proxy settings.
    Explicit(ProxyServer),
}

/// An explicit HTTP proxy.
#[derive(Debug, Clone)]
pub struct ProxyServer {
    pub host: String,
    pub port: u16,
    pub user: Option<String>,
    pub password: PasswordSource,
    /// Comma-separated hosts, domains and networks that bypass the proxy.
    pub no_proxy: Option<String>,
}

/// Where the proxy password comes from.
#[derive(Debug, Clone)]
pub enum PasswordSource {
    /// `S3IMG_PROXY_PASSWORD` or `proxy.password`.
    Value(Secret),
    /// `proxy.password_file`, with where that setting came from.
    File(PathBuf, Source),
    /// `--proxy-password-stdin`.
    Stdin,
    /// Nothing given: prompt when a terminal is attached, else fail.
    Ask,
}

impl ProxyServer {
    /// `host:port`, with brackets around an IPv6 address.
    pub fn authority(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// The proxy as it may be shown: `http://user@host:port`, never with a password.
    pub fn display(&self) -> String {
        match &self.user {
            Some(user) => format!("http://{user}@{}", self.authority()),
            None => format!("http://{}", self.authority()),
        }
    }

    /// The proxy as messages name it: an s3img setting, not a variable, chose it.
    pub fn name(&self) -> ProxyName {
        ProxyName {
            url: self.display(),
            variable: None,
        }
    }

    /// Reads the password if a user needs one. `stdin_is_data` is true when standard input
    /// carries the image, so it cannot also carry the password.
    pub fn resolve_password(&self, stdin_is_data: bool) -> Result<Option<Secret>> {
        let Some(user) = &self.user else {
            return Ok(None);
        };
        let password = match &self.password {
            PasswordSource::Value(secret) => secret.clone(),
            PasswordSource::File(path, source) => read_password_file(path, source)?,
            PasswordSource::Stdin if stdin_is_data => {
                return Err(usage(
                    "--proxy-password-stdin cannot be used while the image is read from \
                     standard input: use S3IMG_PROXY_PASSWORD or proxy.password_file",
                ));
            }
            PasswordSource::Stdin => read_password_stdin()?,
            PasswordSource::Ask => self.prompt(user)?,
        };
        Ok(Some(password))
    }

    fn prompt(&self, user: &str) -> Result<Secret> {
        if !std::io::stderr().is_terminal() {
            return Err(usage(format!(
                "proxy user {user} at {} needs a password and there is no terminal to ask \
                 on: set S3IMG_PROXY_PASSWORD, set proxy.password_file in the config file, \
                 or pipe it to --proxy-password-stdin",
                self.authority()
            )));
        }
        let question = format!("Password for proxy user {user} at {}: ", self.authority());
        let answer = rpassword::prompt_password(question).map_err(|e| {
            usage(format!(
                "cannot read the proxy password from the terminal ({e}): set \
                 S3IMG_PROXY_PASSWORD, proxy.password_file, or use --proxy-password-stdin"
            ))
        })?;
        Ok(Secret::new(answer))
    }
}

fn read_password_file(path: &PathBuf, source: &Source) -> Result<Secret> {
    let line = std::fs::File::open(path)
        .and_then(|file| bounded::first_line(std::io::BufReader::new(file), PASSWORD_LINE))
        .map_err(|e| {
            usage(format!(
                "cannot read proxy.password_file {} (from {source}): {e}",
                path.display()
            ))
        })?;
    let mode = std::fs::metadata(path).map_or(0, |m| m.permissions().mode());
    if mode & 0o077 != 0 {
        tracing::warn!(
            "proxy.password_file {} may be read by its group or others: run chmod 600 {}",
            path.display(),
            path.display()
        );
    }
    Ok(Secret::new(without_line_ending(line)))
}

fn read_password_stdin() -> Result<Secret> {
    let line = bounded::first_line(std::io::stdin().lock(), PASSWORD_LINE).map_err(|e| {
        usage(format!(
            "cannot read the proxy password from standard input (--proxy-password-stdin): {e}"
        ))
    })?;
    if line.is_empty() {
        return Err(usage(
            "--proxy-password-stdin was given but standard input was empty",
        ));
    }
    Ok(Secret::new(without_line_ending(line)))
}

/// A line without its line ending: `pass` of what `echo pass > file` writes.
fn without_line_ending(mut line: String) -> String {
    if line.ends_with('\n') {
        line.pop();
        if line.ends_with('\r') {
            line.pop();
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(host: &str, user: Option<&str>) -> ProxyServer {
        ProxyServer {
            host: host.into(),
            port: 3128,
            user: user.map(str::to_owned),
            password: PasswordSource::Value(Secret::new("s3cr3t")),
            no_proxy: None,
        }
    }

    #[test]
    fn display_never_shows_the_password() {
        let proxy = server("proxy.internal", Some("ops"));
        assert_eq!(proxy.display(), "http://ops@proxy.internal:3128");
        assert!(!format!("{proxy:?}").contains("s3cr3t"));
    }

    #[test]
    fn ipv6_hosts_are_bracketed() {
        assert_eq!(server("::1", None).authority(), "[::1]:3128");
    }

    #[test]
    fn a_password_line_loses_only_its_line_ending() {
        assert_eq!(without_line_ending("p@ss word\n".into()), "p@ss word");
        assert_eq!(without_line_ending("p\r\n".into()), "p");
        assert_eq!(without_line_ending(" p \r".into()), " p \r");
        assert_eq!(without_line_ending("p".into()), "p");
    }
}
