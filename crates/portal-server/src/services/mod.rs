//! Domain services: the state that several handlers share and that outlives
//! a request (indexes, limits, submissions in flight), with the operations
//! on it. A service knows nothing of HTTP routes; handlers in `routes/`
//! call it.

pub mod blacklist;
pub mod reporting;
pub mod statistics;

pub use blacklist::Blacklist;
pub use reporting::{DecodeError, Reporting};
