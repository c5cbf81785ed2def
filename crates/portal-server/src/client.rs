//! The client's address, for rate limits and logs.
//!
//! Without configuration the client is the TCP peer. Deployed behind a
//! reverse proxy (nginx, a load balancer), every request comes from the
//! proxy, so all citizens would share one rate limit: `--trusted-proxies`
//! names the proxies, and for a request from one of them the client is the
//! right-most address of `X-Forwarded-For` that is not itself a trusted
//! proxy. Addresses a client writes into the header itself sit to the left
//! of the ones the proxies append, so they are never believed.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use ipnet::IpNet;

/// The reverse proxies whose `X-Forwarded-For` is believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    pub fn new(networks: Vec<IpNet>) -> Self {
        Self(networks)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client of a request that came from `peer` with these headers.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.trusts(client) {
            return client;
        }
        // Each proxy appends the address it received from; later headers
        // come after earlier ones. Walk from the right, past trusted hops.
        let hops: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .flat_map(|value| value.to_str().unwrap_or("").split(','))
            .map(str::trim)
            .collect();
        for hop in hops.into_iter().rev() {
            let Some(address) = parse_hop(hop) else {
                // Garbage was written by whoever sent it to the last trusted
                // hop; that hop's sender is as far as the chain is known.
                break;
            };
            client = address;
            if !self.trusts(address) {
                break;
            }
        }
        client
    }
}

/// One `X-Forwarded-For` entry: an address, possibly with a port
/// (`1.2.3.4:5678`, `[2001:db8::1]:443`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(address) = hop.parse::<IpAddr>() {
        return Some(address.to_canonical());
    }
    hop.parse::<SocketAddr>()
        .ok()
        .map(|socket| socket.ip().to_canonical())
}

/// Parses one `--trusted-proxies` entry: an address or a network in CIDR
/// notation.
pub fn parse_trusted(entry: &str) -> Result<IpNet, String> {
    let entry = entry.trim();
    entry
        .parse::<IpNet>()
        .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{entry:?} is neither an IP address nor a network like 10.0.0.0/8"))
}

/// The address of the client that sent a request (see the module docs).
#[derive(Clone, Copy, Debug)]
pub struct ClientAddress(pub IpAddr);

impl<S> FromRequestParts<S> for ClientAddress
where
    S: Send + Sync,
    Arc<TrustedProxies>: FromRef<S>,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let proxies = Arc::<TrustedProxies>::from_ref(state);
        // The server always runs with connection info; a router driven
        // without it (a unit test) counts as one unknown client.
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::from([0, 0, 0, 0]), |info| info.0.ip());
        Ok(Self(proxies.client(peer, &parts.headers)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn proxies(list: &[&str]) -> TrustedProxies {
        TrustedProxies::new(
            list.iter()
                .map(|e| parse_trusted(e).expect("a valid entry"))
                .collect(),
        )
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(
                "x-forwarded-for",
                HeaderValue::from_str(value).expect("a header value"),
            );
        }
        headers
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("an address")
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client(ip("10.0.0.5"), &forwarded(&["203.0.113.9"])),
            ip("10.0.0.5")
        );
    }

    #[test]
    fn a_trusted_proxy_is_believed_about_the_address_it_appended() {
        let trusted = proxies(&["10.0.0.5"]);
        assert_eq!(
            trusted.client(ip("10.0.0.5"), &forwarded(&["203.0.113.9"])),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn addresses_a_client_wrote_into_the_header_itself_are_not_believed() {
        let trusted = proxies(&["10.0.0.0/8"]);
        // The client sent "X-Forwarded-For: 1.1.1.1"; the proxy appended
        // the address it really came from.
        assert_eq!(
            trusted.client(ip("10.0.0.5"), &forwarded(&["1.1.1.1, 203.0.113.9"])),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_chain_of_trusted_proxies_is_walked_from_the_right() {
        let trusted = proxies(&["10.0.0.0/8", "192.168.1.1"]);
        assert_eq!(
            trusted.client(
                ip("10.0.0.5"),
                &forwarded(&["198.51.100.7", "192.168.1.1, 10.1.2.3"])
            ),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn an_untrusted_peer_is_the_client_even_with_a_header() {
        let trusted = proxies(&["10.0.0.0/8"]);
        assert_eq!(
            trusted.client(ip("203.0.113.9"), &forwarded(&["1.1.1.1"])),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn garbage_in_the_header_stops_the_walk_at_the_last_known_hop() {
        let trusted = proxies(&["10.0.0.0/8"]);
        assert_eq!(
            trusted.client(ip("10.0.0.5"), &forwarded(&["not-an-address, 10.0.0.9"])),
            ip("10.0.0.9")
        );
        assert_eq!(
            trusted.client(ip("10.0.0.5"), &forwarded(&[""])),
            ip("10.0.0.5")
        );
    }

    #[test]
    fn ports_and_ipv4_mapped_ipv6_addresses_are_understood() {
        let trusted = proxies(&["10.0.0.5"]);
        assert_eq!(
            trusted.client(ip("::ffff:10.0.0.5"), &forwarded(&["203.0.113.9:51234"])),
            ip("203.0.113.9")
        );
        assert_eq!(
            trusted.client(ip("10.0.0.5"), &forwarded(&["[2001:db8::1]:443"])),
            ip("2001:db8::1")
        );
    }

    #[test]
    fn a_trusted_entry_is_an_address_or_a_network() {
        assert!(parse_trusted("10.0.0.0/8").is_ok());
        assert!(parse_trusted("::1").is_ok());
        assert!(parse_trusted(" 127.0.0.1 ").is_ok());
        let error = parse_trusted("proxy.local").expect_err("a host name is refused");
        assert!(error.contains("proxy.local"), "{error}");
    }
}
