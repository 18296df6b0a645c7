use super::*;
use chrono::{NaiveTime, TimeDelta};

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

const HEX_KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

#[test]
fn defaults_match_the_spec() {
    let config = Config::default();
    assert_eq!(config.database_url.expose(), "sqlite://data/epasapoarte.db");
    assert_eq!(config.listen, "127.0.0.1:8080");
    assert_eq!(config.base_url, "http://127.0.0.1:8080");
    assert_eq!(config.mail_dir, PathBuf::from("data/mail"));
    assert_eq!(config.mail_from, "programari@epasapoarte.local");
    assert_eq!(config.confirm_timeout_secs, 1800);
    assert!(config.rate_limits);
    assert!(config.smtp_url.is_none());
}

#[test]
fn environment_overrides_the_file_layer() {
    let mut config = Config::default();
    config
        .apply(toml::from_str("listen = \"0.0.0.0:9000\"\nmail_from = \"a@b.ro\"").unwrap())
        .unwrap();
    let layer = Layer::from_env(env(&[
        ("EPAS_LISTEN", "127.0.0.1:1"),
        ("EPAS_RATE_LIMITS", "off"),
    ]))
    .unwrap();
    config.apply(layer).unwrap();
    assert_eq!(config.listen, "127.0.0.1:1");
    assert_eq!(config.mail_from, "a@b.ro");
    assert!(!config.rate_limits);
}

#[test]
fn unknown_keys_in_the_file_are_refused() {
    assert!(toml::from_str::<Layer>("listne = \"x\"").is_err());
}

#[test]
fn postgres_without_a_secret_key_is_refused() {
    let mut config = Config::default();
    config
        .apply(Layer::from_env(env(&[("EPAS_DATABASE_URL", "postgres://localhost/x")])).unwrap())
        .unwrap();
    assert!(config.validate().is_err());
    config
        .apply(Layer::from_env(env(&[("EPAS_SECRET_KEY", HEX_KEY)])).unwrap())
        .unwrap();
    assert!(config.validate().is_ok());
}

#[test]
fn secret_key_is_never_printed() {
    let mut config = Config::default();
    config
        .apply(Layer::from_env(env(&[("EPAS_SECRET_KEY", HEX_KEY)])).unwrap())
        .unwrap();
    let printed = format!("{config:?}");
    assert!(!printed.contains("0a0b0c"), "{printed}");
    assert!(printed.contains("redacted"));
}

#[test]
fn secret_keys_parse_from_hex_or_prefixed_base64_and_nothing_else() {
    let hex = SecretKey::parse(HEX_KEY).unwrap();
    let b64 = SecretKey::parse("base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=").unwrap();
    assert_eq!(hex, b64);
    assert!(SecretKey::parse("abcd").is_err(), "too short");
    assert!(SecretKey::parse("not a key at all!").is_err());
    // Base64 without its prefix is no longer guessed at.
    assert!(SecretKey::parse("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=").is_err());
    // Issue 13: a 64-digit hex key with one typo was read as base64 — another key.
    let typo = format!("{}g", &HEX_KEY[..HEX_KEY.len() - 1]);
    let error = SecretKey::parse(&typo).unwrap_err().to_string();
    assert!(
        error.contains("1 of its 64 characters are not hex digits"),
        "{error}"
    );
    assert!(
        !error.contains(&typo[..16]),
        "the message never quotes the key"
    );
    assert!(
        SecretKey::parse(&HEX_KEY[..63]).is_err(),
        "an odd number of digits"
    );
}

#[test]
fn bad_numbers_and_switches_are_clear_errors() {
    let err = Layer::from_env(env(&[("EPAS_CONFIRM_TIMEOUT_SECS", "ten")])).unwrap_err();
    assert!(err.to_string().contains("EPAS_CONFIRM_TIMEOUT_SECS"));
    let mut config = Config::default();
    let err = config
        .apply(Layer::from_env(env(&[("EPAS_RATE_LIMITS", "maybe")])).unwrap())
        .unwrap_err();
    assert!(err.to_string().contains("on or off"));
}

#[test]
fn printing_a_config_shows_no_password_of_the_database_or_the_relay() {
    let mut config = Config::default();
    config
        .apply(
            Layer::from_env(env(&[
                (
                    "EPAS_DATABASE_URL",
                    "postgres://app:pg-pass-5e@db:5432/epas",
                ),
                ("EPAS_SMTP_URL", "smtp://relay:smtp-pass-7f@mail:25"),
                ("EPAS_SECRET_KEY", HEX_KEY),
            ]))
            .unwrap(),
        )
        .unwrap();
    config.validate().unwrap();
    let shown = format!("{config:?} {config:#?}");
    for secret in [
        "pg-pass-5e",
        "smtp-pass-7f",
        "relay:",
        "app:",
        HEX_KEY,
        "0001020304",
    ] {
        assert!(!shown.contains(secret), "{secret} printed in {shown}");
    }
    assert!(shown.contains("db:5432/epas") && shown.contains("mail:25"));
    assert_eq!(
        config.database_url.expose(),
        "postgres://app:pg-pass-5e@db:5432/epas"
    );
}

#[test]
fn a_toml_error_names_its_line_but_quotes_nothing_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("epas.toml");
    let file = "listen = \"127.0.0.1:8080\"\n\
                database_url = \"postgres://app:toml-pass-9c@db/epas\n\
                confirm_timeout_secs = \"toml-pass-9c\"\n";
    std::fs::write(&path, file).unwrap();
    let error = format!("{:#}", Config::load(Some(&path)).unwrap_err());
    assert!(!error.contains("toml-pass-9c"), "{error}");
    assert!(error.contains("line 2"), "{error}");

    std::fs::write(&path, "confirm_timeout_secs = \"toml-pass-9c\"\n").unwrap();
    let error = format!("{:#}", Config::load(Some(&path)).unwrap_err());
    assert!(!error.contains("toml-pass-9c"), "{error}");
    assert!(error.contains("line 1"), "{error}");
}

#[test]
fn fair_access_defaults_are_the_spec_policy() {
    let fair = Config::default().fair;
    assert!(fair.draw);
    assert_eq!(fair.draw_at, NaiveTime::from_hms_opt(0, 5, 0).unwrap());
    let hours = TimeDelta::hours;
    assert_eq!(
        (fair.hold.long, fair.hold.medium, fair.hold.short),
        (hours(12), hours(3), TimeDelta::minutes(30))
    );
    assert_eq!(
        (fair.release_delay.min, fair.release_delay.max),
        (TimeDelta::seconds(900), TimeDelta::seconds(10_800))
    );
    assert_eq!(fair.reconfirm.before, TimeDelta::days(7));
    assert_eq!(fair.reconfirm.window, hours(48));
    assert_eq!(fair.cooloff.days, 30);
}

#[test]
fn fair_access_is_set_from_the_environment() {
    let mut config = Config::default();
    let layer = Layer::from_env(env(&[
        ("EPAS_DRAW", "off"),
        ("EPAS_DRAW_AT", "00:30"),
        ("EPAS_HOLD_SECS", "60/30/10"),
        ("EPAS_RELEASE_DELAY", "0-0"),
        ("EPAS_RECONFIRM_BEFORE_SECS", "0"),
        ("EPAS_RECONFIRM_WINDOW_SECS", "60"),
        ("EPAS_NO_SHOW_COOLOFF_DAYS", "7"),
    ]))
    .unwrap();
    config.apply(layer).unwrap();
    config.validate().unwrap();
    let fair = &config.fair;
    assert!(!fair.draw);
    assert_eq!(fair.draw_at, NaiveTime::from_hms_opt(0, 30, 0).unwrap());
    assert_eq!(fair.hold.short, TimeDelta::seconds(10));
    assert_eq!(fair.release_delay.max, TimeDelta::zero());
    assert!(!fair.reconfirm.is_on());
    assert_eq!(fair.reconfirm.window, TimeDelta::seconds(60));
    assert_eq!(fair.cooloff.days, 7);
}

#[test]
fn bad_fair_access_values_are_refused_with_the_variable_named() {
    for (name, value) in [
        ("EPAS_DRAW", "maybe"),
        ("EPAS_DRAW_AT", "25:00"),
        ("EPAS_HOLD_SECS", "43200/10800"),
        ("EPAS_RELEASE_DELAY", "10800-900"),
        ("EPAS_RELEASE_DELAY", "soon"),
        ("EPAS_NO_SHOW_COOLOFF_DAYS", "-1"),
        ("EPAS_NO_SHOW_COOLOFF_DAYS", "5000"),
        ("EPAS_RECONFIRM_WINDOW_SECS", "0"),
    ] {
        let mut config = Config::default();
        let error = Layer::from_env(env(&[(name, value)]))
            .and_then(|layer| config.apply(layer))
            .and_then(|()| config.validate())
            .expect_err(value);
        assert!(
            format!("{error:#}").contains(name),
            "{name}={value}: {error:#}"
        );
    }
}

#[test]
fn fair_access_keys_are_accepted_in_the_file() {
    let layer: Layer =
        toml::from_str("draw = \"off\"\nhold_secs = \"60/30/10\"\nrelease_delay = \"0-0\"")
            .unwrap();
    let mut config = Config::default();
    config.apply(layer).unwrap();
    assert!(!config.fair.draw);
    assert_eq!(config.fair.release_delay.max, TimeDelta::zero());
}

#[test]
fn the_simulation_clock_is_off_by_default_and_set_from_the_environment() {
    assert_eq!(Config::default().sim_clock, None);
    let mut config = Config::default();
    config
        .apply(
            Layer::from_env(env(&[
                ("EPAS_CLOCK_SCALE", "600"),
                ("EPAS_CLOCK_START", "2027-03-01T21:30:00Z"),
            ]))
            .unwrap(),
        )
        .unwrap();
    let sim = config.sim_clock.unwrap();
    assert_eq!(sim.scale, 600);
    assert_eq!(sim.start.unwrap().to_rfc3339(), "2027-03-01T21:30:00+00:00");
}

#[test]
fn the_environment_scale_keeps_the_file_start() {
    let mut config = Config::default();
    config
        .apply(toml::from_str("clock_start = \"2027-03-01T21:30:00Z\"").unwrap())
        .unwrap();
    config
        .apply(Layer::from_env(env(&[("EPAS_CLOCK_SCALE", "3600")])).unwrap())
        .unwrap();
    let sim = config.sim_clock.unwrap();
    assert_eq!((sim.scale, sim.start.is_some()), (3600, true));
}

#[test]
fn a_bad_simulation_clock_is_refused_with_the_variable_named() {
    let mut config = Config::default();
    let error = config
        .apply(Layer::from_env(env(&[("EPAS_CLOCK_SCALE", "0")])).unwrap())
        .unwrap_err();
    assert!(error.to_string().contains("EPAS_CLOCK_SCALE"), "{error}");
}

#[test]
fn trusted_proxies_are_cidr_blocks_and_a_bad_one_is_named() {
    let mut config = Config::default();
    config
        .apply(Layer::from_env(env(&[("EPAS_TRUSTED_PROXIES", "10.0.0.0/8, ::1")])).unwrap())
        .unwrap();
    assert_eq!(config.trusted_proxies.len(), 2);
    let error = Config::default()
        .apply(Layer::from_env(env(&[("EPAS_TRUSTED_PROXIES", "10.0.0.0/8,bogus")])).unwrap())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("EPAS_TRUSTED_PROXIES") && error.contains("bogus"),
        "{error}"
    );
}

#[test]
fn max_connections_is_read_and_zero_is_refused() {
    let mut config = Config::default();
    assert_eq!(config.max_connections, 4096);
    config
        .apply(Layer::from_env(env(&[("EPAS_MAX_CONNECTIONS", "250")])).unwrap())
        .unwrap();
    assert_eq!(config.max_connections, 250);
    config.validate().unwrap();
    config
        .apply(Layer::from_env(env(&[("EPAS_MAX_CONNECTIONS", "0")])).unwrap())
        .unwrap();
    let error = config.validate().unwrap_err().to_string();
    assert!(error.contains("EPAS_MAX_CONNECTIONS"), "{error}");
    let error = Layer::from_env(env(&[("EPAS_MAX_CONNECTIONS", "many")]))
        .unwrap_err()
        .to_string();
    assert!(error.contains("EPAS_MAX_CONNECTIONS"), "{error}");
}

#[test]
fn the_previous_key_is_parsed_as_strictly_named_and_never_printed() {
    let other = "f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f";
    let mut config = Config::default();
    config
        .apply(
            Layer::from_env(env(&[
                ("EPAS_SECRET_KEY", HEX_KEY),
                ("EPAS_PREVIOUS_SECRET_KEY", other),
            ]))
            .unwrap(),
        )
        .unwrap();
    assert_eq!(
        config.previous_secret_key,
        Some(SecretKey::parse(other).unwrap())
    );
    assert!(config.validate().is_ok());
    let printed = format!("{config:?}");
    assert!(!printed.contains("f0e1d2"), "{printed}");

    let typo = format!("{}g", &other[..other.len() - 1]);
    let error = Config::default()
        .apply(Layer::from_env(env(&[("EPAS_PREVIOUS_SECRET_KEY", &typo)])).unwrap())
        .unwrap_err()
        .to_string();
    assert!(error.contains("EPAS_PREVIOUS_SECRET_KEY"), "{error}");
    assert!(!error.contains(&typo[..16]), "{error}");

    // The same key twice is a mistake, not a rotation.
    let mut same = Config::default();
    same.apply(
        Layer::from_env(env(&[
            ("EPAS_SECRET_KEY", HEX_KEY),
            ("EPAS_PREVIOUS_SECRET_KEY", HEX_KEY),
        ]))
        .unwrap(),
    )
    .unwrap();
    assert!(same.validate().is_err());
}
