//! The links e-mails carry (SPEC §6.2): the same tokens the API takes.

use crate::config::Config;
use crate::ids::LinkToken;

pub fn confirm_url(config: &Config, token: &LinkToken) -> String {
    format!("{}/programare/confirma/{}", config.base_url, token.expose())
}

pub fn cancel_url(config: &Config, token: &LinkToken) -> String {
    format!("{}/programare/anuleaza/{}", config.base_url, token.expose())
}

/// The draw entry's confirm page (`GET` shows it, `POST` confirms).
pub fn draw_confirm_url(config: &Config, token: &LinkToken) -> String {
    format!("{}/tragere/confirma/{}", config.base_url, token.expose())
}

pub fn reconfirm_url(config: &Config, token: &LinkToken) -> String {
    format!(
        "{}/programare/reconfirma/{}",
        config.base_url,
        token.expose()
    )
}

/// The passport-expiry reminder's unsubscribe page (`GET` shows it, `POST` unsubscribes).
pub fn expiry_unsubscribe_url(config: &Config, token: &LinkToken) -> String {
    format!("{}/pasaport/dezabonare/{}", config.base_url, token.expose())
}
