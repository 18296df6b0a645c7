//! A URL that may carry credentials (`postgres://user:password@…`, `smtp://user:pass@…`).
//! It prints as the URL with its user information replaced by `***`, so a `Config` in a
//! log line, a panic or an error shows where the service connects but never how; only
//! the code that connects reads it whole, through [`SecretUrl::expose`].

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

#[derive(Clone)]
pub struct SecretUrl(SecretString);

impl SecretUrl {
    /// The whole URL, password included: for the code that connects, nothing else.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// The URL with any `user:password@` replaced by `***@`: safe to print.
    pub fn redacted(&self) -> String {
        let url = self.expose();
        let Some((scheme, rest)) = url.split_once("://") else {
            return "<redacted>".to_owned();
        };
        // Everything up to the last '@' is user information: a password may hold an
        // unencoded '@', '/' or '?', so no other boundary is trusted (an '@' later in the
        // URL only hides more than needed).
        match rest.rfind('@') {
            Some(at) => format!("{scheme}://***@{}", strip_query(&rest[at + 1..])),
            None => format!("{scheme}://{}", strip_query(rest)),
        }
    }

    pub fn starts_with(&self, prefix: &str) -> bool {
        self.expose().starts_with(prefix)
    }
}

/// Query parameters may carry secrets too (`?password=…`, `?sslpassword=…`): never shown.
fn strip_query(tail: &str) -> String {
    match tail.split_once('?') {
        Some((path, _)) => format!("{path}?…"),
        None => tail.to_owned(),
    }
}

impl From<String> for SecretUrl {
    fn from(url: String) -> SecretUrl {
        SecretUrl(SecretString::from(url))
    }
}

impl From<&str> for SecretUrl {
    fn from(url: &str) -> SecretUrl {
        SecretUrl::from(url.to_owned())
    }
}

impl fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretUrl({:?})", self.redacted())
    }
}

impl fmt::Display for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::SecretUrl;

    #[test]
    fn a_password_in_a_database_url_never_prints() {
        let url =
            SecretUrl::from("postgres://app:s3cret-p@ss@db.internal:5432/epas?sslmode=require");
        let shown = [format!("{url:?}"), url.to_string(), url.redacted()];
        for text in shown {
            assert!(!text.contains("s3cret"), "{text}");
            assert!(!text.contains("app:"), "{text}");
            assert!(text.contains("db.internal:5432/epas"), "{text}");
        }
        assert_eq!(url.redacted(), "postgres://***@db.internal:5432/epas?…");
        assert!(
            url.expose().contains("s3cret-p@ss"),
            "the connecting code still reads it whole"
        );
    }

    #[test]
    fn smtp_credentials_never_print_and_a_url_without_them_prints_whole() {
        let url = SecretUrl::from("smtps://relay%40gov:pa%3Ass@smtp.example:465");
        assert_eq!(url.redacted(), "smtps://***@smtp.example:465");
        let plain = SecretUrl::from("sqlite://data/epasapoarte.db");
        assert_eq!(
            format!("{plain:?}"),
            "SecretUrl(\"sqlite://data/epasapoarte.db\")"
        );
    }

    #[test]
    fn a_password_with_a_slash_or_question_mark_still_never_prints() {
        for url in [
            "postgres://u:pa/ss@h/db",
            "postgres://u:pa?ss@h/db",
            "smtp://u:p#w@h:25",
        ] {
            let shown = SecretUrl::from(url).redacted();
            assert!(
                !shown.contains("pa") && !shown.contains("p#w"),
                "{url} → {shown}"
            );
        }
    }

    #[test]
    fn a_url_without_a_scheme_prints_nothing_of_itself() {
        assert_eq!(SecretUrl::from("user:pw@host").redacted(), "<redacted>");
    }
}
