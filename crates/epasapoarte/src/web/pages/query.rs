//! Reading one parameter of a page's query string, leniently: a missing, repeated or oddly
//! encoded parameter is an answer to show a question for, never a framework rejection.

/// The first value of `name`, percent-decoded (`None` when absent; `Some("")` when empty).
pub fn param(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::param;

    #[test]
    fn params_are_decoded_and_the_first_one_wins() {
        let query = Some("pentru=adult&tip=passport%5Felectronic&tip=x&gol=");
        assert_eq!(param(query, "tip").as_deref(), Some("passport_electronic"));
        assert_eq!(param(query, "gol").as_deref(), Some(""));
        assert_eq!(param(query, "lipsa"), None);
        assert_eq!(param(None, "tip"), None);
        assert_eq!(param(Some("%FF%FE=%C3"), "x"), None);
    }
}
