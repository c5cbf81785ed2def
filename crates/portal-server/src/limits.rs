//! Per-client rate limits: hazard reports, photo uploads and status
//! look-ups. A client over its limit is answered 429 with `Retry-After`.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

/// A limit of so many requests per hour per client address, all of which
/// may come at once.
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
        limiter.check_key(&client).map_err(|not_until| {
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

/// The limits of the reporting channel.
#[derive(Debug)]
pub struct Limits {
    pub reports: HourlyLimit,
    pub photos: HourlyLimit,
    pub lookups: HourlyLimit,
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
    fn zero_turns_the_limit_off() {
        let limit = HourlyLimit::new(0);
        let a: IpAddr = [10, 0, 0, 1].into();
        for _ in 0..1000 {
            assert!(limit.check(a).is_ok());
        }
    }
}
