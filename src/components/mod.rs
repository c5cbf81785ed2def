//! Pieces shared by the pages.

pub mod form;
pub mod layout;
pub mod pagination;
pub mod prefs;
pub mod status;
