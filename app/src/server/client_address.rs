//! Who is asking, for rate limits: the address a request came from, seen through the
//! reverse proxies the deployment trusts, grouped as one person's connection is.
//!
//! Behind nginx on the same host every request arrives from 127.0.0.1, so a limit per
//! connecting address would be one limit for the whole site. The proxy says who it
//! forwarded for in `X-Forwarded-For`, but anyone can send that header, so it is only
//! believed from the addresses in `OUR_WORDS_TRUSTED_PROXIES`.

use ipnet::IpNet;
use std::net::{IpAddr, Ipv6Addr};

/// The client's address: `peer` (who connected), unless `peer` is a trusted proxy, in
/// which case the right-most address of `X-Forwarded-For` that is not itself a trusted
/// proxy (each proxy appends the address it was reached from, so the entries further
/// left were written by the client and prove nothing). A header that cannot be read
/// leaves the proxy's own address: the limit is then stricter, never looser.
pub fn client_address(
    peer: IpAddr,
    forwarded_for: Option<&str>,
    trusted_proxies: &[IpNet],
) -> IpAddr {
    let trusted = |ip: &IpAddr| trusted_proxies.iter().any(|net| net.contains(ip));
    let peer = peer.to_canonical();
    if !trusted(&peer) {
        return peer;
    }
    let Some(header) = forwarded_for else {
        return peer;
    };
    let mut client = peer;
    for hop in header.rsplit(',') {
        let Ok(ip) = hop.trim().parse::<IpAddr>() else {
            return client;
        };
        client = ip.to_canonical();
        if !trusted(&client) {
            break;
        }
    }
    client
}

/// The rate-limit key for an address. One IPv6 subscriber is given a whole /64 (and
/// can pick a new address in it for every request), so IPv6 addresses are counted by
/// their /64; IPv4 addresses one by one.
pub fn rate_limit_key(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            let prefix = Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
            format!("{prefix}/64")
        }
    }
}

/// `OUR_WORDS_TRUSTED_PROXIES`: addresses or networks, separated by commas or spaces
/// (`127.0.0.1, ::1, 10.0.0.0/8`).
pub fn parse_trusted_proxies(raw: &str) -> Result<Vec<IpNet>, String> {
    raw.split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| {
            item.parse::<IpNet>()
                .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| {
                    format!(
                        "OUR_WORDS_TRUSTED_PROXIES: \"{item}\" is not an address or network \
                         like 127.0.0.1 or 10.0.0.0/8"
                    )
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn proxies(s: &str) -> Vec<IpNet> {
        parse_trusted_proxies(s).unwrap()
    }

    #[test]
    fn behind_a_trusted_proxy_the_forwarded_client_is_the_client() {
        let nginx = proxies("127.0.0.1");
        assert_eq!(
            client_address(ip("127.0.0.1"), Some("203.0.113.7"), &nginx),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn a_forwarded_header_from_anyone_else_is_ignored() {
        assert_eq!(
            client_address(
                ip("198.51.100.2"),
                Some("203.0.113.7"),
                &proxies("127.0.0.1")
            ),
            ip("198.51.100.2"),
            "not a trusted proxy"
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), Some("203.0.113.7"), &[]),
            ip("127.0.0.1"),
            "no proxies trusted: the default"
        );
    }

    #[test]
    fn what_the_client_wrote_into_the_header_itself_is_not_believed() {
        // The client sent "X-Forwarded-For: 1.2.3.4"; the load balancer (10.0.0.5) and
        // nginx appended what they saw.
        let chain = proxies("127.0.0.1, 10.0.0.0/8");
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                Some("1.2.3.4, 203.0.113.7, 10.0.0.5"),
                &chain
            ),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn an_unreadable_header_leaves_the_last_address_known() {
        assert_eq!(
            client_address(ip("127.0.0.1"), Some("nonsense"), &proxies("127.0.0.1")),
            ip("127.0.0.1")
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), None, &proxies("127.0.0.1")),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn ipv6_addresses_are_counted_by_their_slash_64() {
        assert_eq!(
            rate_limit_key(ip("2001:db8:1:2:aaaa::1")),
            rate_limit_key(ip("2001:db8:1:2:bbbb::9"))
        );
        assert_eq!(
            rate_limit_key(ip("2001:db8:1:2:aaaa::1")),
            "2001:db8:1:2::/64"
        );
        assert_ne!(
            rate_limit_key(ip("2001:db8:1:3::1")),
            rate_limit_key(ip("2001:db8:1:2::1"))
        );
        assert_eq!(rate_limit_key(ip("203.0.113.7")), "203.0.113.7");
        // An IPv4 client seen through an IPv6 socket is still that IPv4 address.
        assert_eq!(rate_limit_key(ip("::ffff:203.0.113.7")), "203.0.113.7");
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks() {
        assert_eq!(proxies("127.0.0.1, ::1 10.0.0.0/8").len(), 3);
        assert!(parse_trusted_proxies("").unwrap().is_empty());
        let refused = parse_trusted_proxies("127.0.0.1, nginx").unwrap_err();
        assert!(refused.contains("\"nginx\""), "{refused}");
    }
}
