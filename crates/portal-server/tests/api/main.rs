//! API tests: the real server on a free port, a fresh database per test.

mod backup;
mod blacklist;
mod cases;
mod connections;
mod decisions;
mod education;
mod enforcement;
mod enterprises;
mod errors;
mod helpers;
mod licences;
mod listing_rules;
mod open311;
mod pages;
mod publishing;
mod repair;
mod reports;
mod roles;
mod site;
mod spreadsheets;
mod staff;
mod web;
