//! Pieces shared by the pages.

pub mod file;
pub mod form;
pub mod head;
pub mod layout;
pub mod pagination;
pub mod prefs;
pub mod server_page;
pub mod status;
