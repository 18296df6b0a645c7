//! The staff session cookie: HttpOnly (no script reads it), SameSite=Strict (no other
//! site's link or form carries it), Path=/admin (the public pages never see it), Secure
//! when the service is served over HTTPS, and no Max-Age — it dies with the browser, and
//! the server ends it sooner (idle and absolute timeouts).

use axum_extra::extract::cookie::{Cookie, SameSite};

pub const NAME: &str = "epas_staff";

/// The cookie that opens a session.
pub fn set(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((NAME, token))
        .path("/admin")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .build()
}

/// The cookie that removes it.
pub fn cleared(secure: bool) -> Cookie<'static> {
    let mut cookie = set(String::new(), secure);
    cookie.set_max_age(time::Duration::ZERO);
    cookie
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_strict_http_only_and_scoped_to_admin() {
        let text = set("abc".to_owned(), false).to_string();
        assert!(text.starts_with("epas_staff=abc;"), "{text}");
        for part in ["Path=/admin", "HttpOnly", "SameSite=Strict"] {
            assert!(text.contains(part), "{part} in {text}");
        }
        assert!(
            !text.contains("Secure") && !text.contains("Max-Age"),
            "{text}"
        );
        assert!(set("abc".to_owned(), true).to_string().contains("; Secure"));
        let cleared = cleared(false).to_string();
        assert!(cleared.starts_with("epas_staff=;") && cleared.contains("Max-Age=0"));
    }
}
