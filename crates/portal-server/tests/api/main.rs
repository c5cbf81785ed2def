//! API tests: the real server on a free port, a fresh database per test.

mod decisions;
mod errors;
mod helpers;
mod site;
mod web;
