//! The staff session cookie: HttpOnly (no script reads it), SameSite=Strict (no other
//! site's link or form carries it), Path=/admin (the public pages never see it), Secure
//! when the service is served over HTTPS, and no Max-Age — it dies with the browser, and
//! the server ends it sooner (idle and absolute timeouts).

use crate::state::AppState;

pub const NAME: &str = "epas_staff";

/// Whether cookies must be `Secure` (the public URL is HTTPS).
pub fn secure(state: &AppState) -> bool {
    state.service.config.base_url.starts_with("https://")
}

/// The `Set-Cookie` value that opens a session.
pub fn set(token: &str, secure: bool) -> String {
    with_secure(
        format!("{NAME}={token}; Path=/admin; HttpOnly; SameSite=Strict"),
        secure,
    )
}

/// The `Set-Cookie` value that removes it.
pub fn cleared(secure: bool) -> String {
    with_secure(
        format!("{NAME}=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict"),
        secure,
    )
}

fn with_secure(mut text: String, secure: bool) -> String {
    if secure {
        text.push_str("; Secure");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_strict_http_only_and_scoped_to_admin() {
        let text = set("abc", false);
        assert_eq!(
            text,
            "epas_staff=abc; Path=/admin; HttpOnly; SameSite=Strict"
        );
        assert!(set("abc", true).ends_with("; Secure"));
        assert!(cleared(false).contains("Max-Age=0"));
    }
}
