//! The links e-mails carry (SPEC §6.2): the same tokens the API takes.

use crate::config::Config;
use crate::ids::LinkToken;

pub fn confirm_url(config: &Config, token: &LinkToken) -> String {
    format!("{}/programare/confirma/{}", config.base_url, token.expose())
}

pub fn cancel_url(config: &Config, token: &LinkToken) -> String {
    format!("{}/programare/anuleaza/{}", config.base_url, token.expose())
}

pub fn reconfirm_url(config: &Config, token: &LinkToken) -> String {
    format!(
        "{}/programare/reconfirma/{}",
        config.base_url,
        token.expose()
    )
}
