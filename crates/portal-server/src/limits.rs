//! Per-client rate limits: hazard reports, photo uploads, status
//! look-ups and public reads about reports. A client over its limit is answered 429 with `Retry-After`.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

/// A limit of so many requests per hour per client address, all of which
/// may come at once. An IPv6 client counts by its /64 network: one
/// household or phone is given a whole /64 and can pick any address in it.
#[derive(Debug)]
pub struct HourlyLimit {
    limiter: Option<DefaultKeyedRateLimiter<IpAddr>>,
}

impl HourlyLimit {
    /// `per_hour` requests an hour; 0 turns the limit off.
    pub fn new(per_hour: u32) -> Self {
        Self {
            limiter: NonZeroU32::new(per_hour).map(|n| RateLimiter::keyed(Quota::per_hour(n))),
        }
    }

    /// Counts one request from `client`, or refuses it with the wait.
    pub fn check(&self, client: IpAddr) -> Result<(), ApiError> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        limiter.check_key(&key(client)).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            ApiError::TooManyRequests(wait.as_secs() + 1)
        })
    }

    /// Forgets clients whose allowance is full again (call now and then).
    pub fn forget_idle(&self) {
        if let Some(limiter) = &self.limiter {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// What a client is counted by: its IPv4 address, or its IPv6 /64 network.
pub fn key(client: IpAddr) -> IpAddr {
    match client.to_canonical() {
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !(u128::MAX >> 64);
            IpAddr::V6(bits.into())
        }
        v4 => v4,
    }
}

/// The limits of the reporting channel.
#[derive(Debug)]
pub struct Limits {
    pub reports: HourlyLimit,
    pub photos: HourlyLimit,
    pub lookups: HourlyLimit,
    /// Public reads about reports: Open311 request views, the recent hint.
    pub reads: HourlyLimit,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_counts_per_client_and_says_how_long_to_wait() {
        let limit = HourlyLimit::new(2);
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        assert!(limit.check(a).is_ok());
        assert!(limit.check(a).is_ok());
        match limit.check(a) {
            Err(ApiError::TooManyRequests(seconds)) => assert!(seconds > 1000, "{seconds}"),
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(
            limit.check(b).is_ok(),
            "another client has its own allowance"
        );
    }

    #[test]
    fn an_ipv6_client_counts_by_its_64_network() {
        let limit = HourlyLimit::new(1);
        let one: IpAddr = "2001:db8:1:2::1".parse().expect("an address");
        let same_network: IpAddr = "2001:db8:1:2:ffff::9".parse().expect("an address");
        let other_network: IpAddr = "2001:db8:1:3::1".parse().expect("an address");
        assert!(limit.check(one).is_ok());
        assert!(limit.check(same_network).is_err());
        assert!(limit.check(other_network).is_ok());
    }

    #[test]
    fn zero_turns_the_limit_off() {
        let limit = HourlyLimit::new(0);
        let a: IpAddr = [10, 0, 0, 1].into();
        for _ in 0..1000 {
            assert!(limit.check(a).is_ok());
        }
    }
}
