//! The links e-mails carry (SPEC §6.2): the same tokens the API takes.

use crate::config::Config;

pub fn confirm_url(config: &Config, token: &str) -> String {
    format!("{}/programare/confirma/{token}", config.base_url)
}

pub fn cancel_url(config: &Config, token: &str) -> String {
    format!("{}/programare/anuleaza/{token}", config.base_url)
}
