//! The portal's browser app: a Leptos single-page app, rendered on the
//! client and compiled to WebAssembly.
//!
//! - [`app`]: the router, the route table and the page shell.
//! - [`pages`]: one module per page.
//! - [`components`]: pieces shared by pages (layout, loading and error states).
//! - [`api`]: the typed client of the JSON API — the only module doing HTTP.
//! - [`i18n`]: the interface text in Chinese and English.
//! - [`prefs`]: preferences remembered in the browser.

#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod boot;
pub mod components;
pub mod data;
pub mod i18n;
pub mod pages;
pub mod prefs;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;

pub use app::{App, RepairApp, ReportApp, StaffApp, ToolsApp};
