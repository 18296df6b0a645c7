//! Behind a load balancer (issue 13 item 4): the TCP peer is the proxy, so every citizen
//! would share one rate-limit bucket. `EPAS_TRUSTED_PROXIES` lists the proxies' CIDRs;
//! only a request whose peer is one of them has its `Forwarded` (RFC 7239) or
//! `X-Forwarded-For` header read, from the right, skipping trusted hops: the first
//! address that is not a trusted proxy is the client. Anyone else's header is ignored (a
//! client could write any address into it). A layer puts the client's address where
//! every consumer reads it (`ConnectInfo`): rate limits, the proof of work, the staff
//! login lockout, the metrics' loopback rule.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;

/// One `address/prefix` block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// `10.0.0.0/8`, `2001:db8::/32`, or a bare address (a block of one).
    pub fn parse(text: &str) -> Option<Cidr> {
        let text = text.trim();
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix.parse::<u8>().ok()?)),
            None => (text, None),
        };
        let network: IpAddr = address.parse().ok()?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(Cidr { network, prefix })
    }

    pub fn contains(&self, address: IpAddr) -> bool {
        let (network, address) = match (self.network, address) {
            (IpAddr::V4(n), IpAddr::V4(a)) => (u128::from(n.to_bits()), u128::from(a.to_bits())),
            (IpAddr::V6(n), IpAddr::V6(a)) => (n.to_bits(), a.to_bits()),
            (IpAddr::V6(n), IpAddr::V4(a)) => (n.to_bits(), a.to_ipv6_mapped().to_bits()),
            (IpAddr::V4(n), IpAddr::V6(a)) => match a.to_ipv4_mapped() {
                Some(a) => (u128::from(n.to_bits()), u128::from(a.to_bits())),
                None => return false,
            },
        };
        let bits = if self.network.is_ipv4() { 32 } else { 128 };
        let shift = bits - u32::from(self.prefix);
        if shift >= 128 {
            return true;
        }
        (network >> shift) == (address >> shift)
    }
}

/// Parses `EPAS_TRUSTED_PROXIES`: CIDRs separated by commas or spaces.
pub fn parse_list(text: &str) -> Result<Vec<Cidr>, String> {
    text.split([',', ' '])
        .filter(|part| !part.trim().is_empty())
        .map(|part| {
            Cidr::parse(part).ok_or_else(|| {
                format!("EPAS_TRUSTED_PROXIES: {part:?} is not an address or a CIDR block")
            })
        })
        .collect()
}

/// The client's address: `peer`, unless `peer` is a trusted proxy and the forwarding
/// headers name an untrusted hop before it.
#[must_use]
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |address: &IpAddr| trusted.iter().any(|cidr| cidr.contains(*address));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops = forwarded_for(headers);
    hops.iter()
        .rev()
        .find(|hop| !is_trusted(hop))
        .or(hops.first())
        .copied()
        .unwrap_or(peer)
}

/// The addresses a request passed through, first (the client) to last: from `Forwarded`
/// when present, else `X-Forwarded-For`. Unparseable entries (`unknown`, obfuscated
/// identifiers) end the list there, so they can never be taken for the client.
fn forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    let forwarded: Vec<&str> = headers
        .get_all("forwarded")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    let hops: Vec<String> = if forwarded.is_empty() {
        headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(|hop| hop.trim().to_owned())
            .collect()
    } else {
        forwarded
            .iter()
            .flat_map(|value| value.split(','))
            .filter_map(|element| {
                element.split(';').find_map(|pair| {
                    let (key, value) = pair.trim().split_once('=')?;
                    key.trim()
                        .eq_ignore_ascii_case("for")
                        .then(|| value.trim().to_owned())
                })
            })
            .collect()
    };
    // A later unparseable hop hides what came before it: keep only the parseable tail.
    let parsed: Vec<Option<IpAddr>> = hops.iter().map(|hop| parse_hop(hop)).collect();
    let start = parsed
        .iter()
        .rposition(Option::is_none)
        .map_or(0, |i| i + 1);
    parsed[start..].iter().flatten().copied().collect()
}

/// `192.0.2.1`, `192.0.2.1:4711`, `"[2001:db8::1]:4711"`, `2001:db8::1`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim().trim_matches('"');
    if let Ok(address) = hop.parse::<IpAddr>() {
        return Some(address);
    }
    if let Ok(socket) = hop.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    hop.strip_prefix('[')
        .and_then(|rest| rest.split(']').next())
        .and_then(|inner| inner.parse().ok())
}

/// The layer: with trusted proxies configured, the request's `ConnectInfo` becomes the
/// client's address (port 0) when its peer is one of them.
pub async fn client_behind_proxies(
    State(trusted): State<std::sync::Arc<Vec<Cidr>>>,
    mut request: Request,
    next: Next,
) -> Response {
    if !trusted.is_empty()
        && let Some(ConnectInfo(peer)) = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .copied()
    {
        let client = client_address(peer.ip(), request.headers(), &trusted);
        if client != peer.ip() {
            request
                .extensions_mut()
                .insert(ConnectInfo(SocketAddr::new(client, 0)));
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn blocks_contain_their_addresses_only() {
        let block = Cidr::parse("10.0.0.0/8").unwrap();
        assert!(block.contains(ip("10.200.3.4")));
        assert!(!block.contains(ip("11.0.0.1")));
        assert!(block.contains(ip("::ffff:10.1.2.3")), "IPv4-mapped");
        assert!(Cidr::parse("192.0.2.7").unwrap().contains(ip("192.0.2.7")));
        assert!(!Cidr::parse("192.0.2.7").unwrap().contains(ip("192.0.2.8")));
        assert!(
            Cidr::parse("2001:db8::/32")
                .unwrap()
                .contains(ip("2001:db8:1::5"))
        );
        assert!(
            Cidr::parse("0.0.0.0/0")
                .unwrap()
                .contains(ip("203.0.113.1"))
        );
        for bad in ["10.0.0.0/33", "nonsense", "10.0.0/8", "::/129"] {
            assert_eq!(Cidr::parse(bad), None, "{bad}");
        }
        assert!(parse_list("10.0.0.0/8, ::1  127.0.0.1").unwrap().len() == 3);
        assert!(parse_list("10.0.0.0/8,bogus").is_err());
    }

    #[test]
    fn only_a_trusted_peer_has_its_forwarding_headers_read() {
        let trusted = parse_list("10.0.0.0/8").unwrap();
        let xff = headers(&[("x-forwarded-for", "203.0.113.9")]);
        // A client writing the header itself is not believed.
        assert_eq!(
            client_address(ip("198.51.100.1"), &xff, &trusted),
            ip("198.51.100.1")
        );
        assert_eq!(
            client_address(ip("10.0.0.5"), &xff, &trusted),
            ip("203.0.113.9")
        );
        // Nothing configured: never read.
        assert_eq!(client_address(ip("10.0.0.5"), &xff, &[]), ip("10.0.0.5"));
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let trusted = parse_list("10.0.0.0/8").unwrap();
        // The client forged a first entry; the proxies appended the real one and theirs.
        let chain = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.9, 10.0.0.7")]);
        assert_eq!(
            client_address(ip("10.0.0.5"), &chain, &trusted),
            ip("203.0.113.9")
        );
        let two = headers(&[
            ("x-forwarded-for", "1.2.3.4"),
            ("x-forwarded-for", "203.0.113.9"),
        ]);
        assert_eq!(
            client_address(ip("10.0.0.5"), &two, &trusted),
            ip("203.0.113.9")
        );
        // RFC 7239, with a port and IPv6 in brackets; it wins over X-Forwarded-For.
        let forwarded = headers(&[
            (
                "forwarded",
                "for=192.0.2.60;proto=https, for=\"[2001:db8:cafe::17]:4711\"",
            ),
            ("x-forwarded-for", "198.51.100.77"),
        ]);
        assert_eq!(
            client_address(ip("10.0.0.5"), &forwarded, &trusted),
            ip("2001:db8:cafe::17")
        );
        // An unknown hop hides what is before it; then the peer itself is what we know.
        let unknown = headers(&[("forwarded", "for=192.0.2.60, for=unknown")]);
        assert_eq!(
            client_address(ip("10.0.0.5"), &unknown, &trusted),
            ip("10.0.0.5")
        );
        // Only trusted hops: the first of them.
        let inside = headers(&[("x-forwarded-for", "10.1.1.1, 10.2.2.2")]);
        assert_eq!(
            client_address(ip("10.0.0.5"), &inside, &trusted),
            ip("10.1.1.1")
        );
    }
}
