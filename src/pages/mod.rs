//! One module per page.

pub mod blacklist;
pub mod education;
pub mod enforcement;
pub mod home;
pub mod not_found;
mod part;
pub mod report;
pub mod staff;
