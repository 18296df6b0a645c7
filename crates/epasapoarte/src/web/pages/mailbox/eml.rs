//! Reads one `.eml` file of the file transport: the recipient, the subject and the text
//! part. The transport writes lettre-built MIME (`multipart/alternative` text + HTML,
//! inside `multipart/mixed` with the calendar when there is one), its parts in
//! quoted-printable or base64 and its subject as RFC 2047 encoded words: `mail-parser`
//! undoes all of that.

use mail_parser::MessageParser;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eml {
    pub to: String,
    pub subject: String,
    /// The plain-text part with Unix line endings ("" when there is none).
    pub text: String,
}

/// `None` when the bytes are not a message at all.
pub fn read(bytes: &[u8]) -> Option<Eml> {
    let message = MessageParser::default().parse(bytes)?;
    let to = message
        .to()
        .and_then(|to| to.first())
        .and_then(|address| address.address())
        .unwrap_or_default()
        .to_owned();
    Some(Eml {
        to,
        subject: message.subject().unwrap_or_default().to_owned(),
        text: message
            .body_text(0)
            .map(|text| text.replace("\r\n", "\n"))
            .unwrap_or_default(),
    })
}

/// Whether a name is one the file transport writes (`{millis}-{outbox id}.eml`): the only
/// names the mailbox opens, so a path can never leave the mail directory.
pub fn is_mail_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".eml") else {
        return false;
    };
    let Some((millis, id)) = stem.split_once('-') else {
        return false;
    };
    let digits =
        |part: &str| (1..=20).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
    digits(millis) && digits(id)
}

/// The time in a file's name (milliseconds since 1970, when the e-mail was queued).
pub fn queued_at(name: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let millis = name.split_once('-')?.0.parse().ok()?;
    chrono::DateTime::from_timestamp_millis(millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_transport_names_are_mail_names() {
        assert!(is_mail_name("1764743400000-42.eml"));
        for name in [
            "../secret.key",
            "1-2.eml/..",
            "-1.eml",
            "1-.eml",
            "a-1.eml",
            "1-2.txt",
            "1-2-3.eml",
        ] {
            assert!(!is_mail_name(name), "{name}");
        }
    }

    #[test]
    fn a_quoted_printable_message_reads_back_as_text() {
        let eml = b"To: ana@example.ro\r\nSubject: =?utf-8?q?Confirma=C8=9Bi?=\r\n\
            MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
            Content-Transfer-Encoding: quoted-printable\r\n\r\nBun=C4=83 ziua,\r\nlinia a doua\r\n";
        let mail = read(eml).unwrap_or_else(|| panic!("a message"));
        assert_eq!(mail.to, "ana@example.ro");
        assert_eq!(mail.subject, "Confirmați");
        assert_eq!(mail.text, "Bună ziua,\nlinia a doua\n");
    }
}
