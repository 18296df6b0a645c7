//! The demo mailbox shows an e-mail's text with its links clickable — only the links to
//! this service (those starting with the configured base URL), so a demo page never
//! links anywhere else. The text is cut into plain and link segments; the template
//! escapes every segment, so no text of an e-mail can ever become markup.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    /// The segment is a link to itself.
    pub link: bool,
}

pub fn segments(text: &str, base_url: &str) -> Vec<Segment> {
    let base = base_url.trim_end_matches('/');
    let mut out = Vec::new();
    let mut rest = text;
    while !base.is_empty() {
        let Some(start) = rest.find(base) else { break };
        let after = &rest[start + base.len()..];
        // "http://ro.test.example" is another host: the base must end at a path boundary.
        let boundary = after
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '/' | '?' | '#') || ends_url(c));
        let url_len = base.len() + after.find(ends_url).unwrap_or(after.len());
        let trimmed =
            rest[start..start + url_len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        // Never shorter than the base itself: the loop always moves past it.
        let url = if trimmed.len() < base.len() {
            base
        } else {
            trimmed
        };
        if !boundary {
            push(&mut out, &rest[..start + base.len()], false);
            rest = &rest[start + base.len()..];
            continue;
        }
        push(&mut out, &rest[..start], false);
        push(&mut out, url, true);
        rest = &rest[start + url.len()..];
    }
    push(&mut out, rest, false);
    out
}

fn ends_url(c: char) -> bool {
    c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`')
}

fn push(out: &mut Vec<Segment>, text: &str, link: bool) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if !last.link && !link => last.text.push_str(text),
        _ => out.push(Segment {
            text: text.to_owned(),
            link,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<String> {
        segments(text, "http://ro.test/")
            .into_iter()
            .filter(|s| s.link)
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn links_to_the_service_become_links_without_trailing_punctuation() {
        let text =
            "Confirmați: http://ro.test/programare/confirma/abc_123.\nAltfel (http://ro.test/x).";
        assert_eq!(
            links(text),
            [
                "http://ro.test/programare/confirma/abc_123",
                "http://ro.test/x"
            ]
        );
        let joined: String = segments(text, "http://ro.test")
            .into_iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(joined, text, "nothing is lost or added");
    }

    #[test]
    fn other_hosts_and_look_alikes_stay_text() {
        assert!(
            links("https://evil.example/ http://ro.test.evil.example/x http://ro.testing/")
                .is_empty()
        );
        assert_eq!(links("http://ro.test"), ["http://ro.test"]);
    }

    #[test]
    fn markup_in_a_mail_stays_text_in_its_own_segment() {
        let parts = segments(
            "<script>http://ro.test/a\"onmouseover=x</script>",
            "http://ro.test",
        );
        assert_eq!(
            parts[1],
            Segment {
                text: "http://ro.test/a".into(),
                link: true
            }
        );
    }
}
