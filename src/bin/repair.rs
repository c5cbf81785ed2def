//! Entry point of the credit-repair bundle (`repair.html`: the application
//! and its status, under `/blacklist/repair`): [`run`] mounts
//! [`portal::RepairApp`] (see [`portal::boot`]).

/// Called by the page's loader once the Wasm is instantiated.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn run() {
    portal::boot::start(
        portal::components::layout::Bundle::Repair,
        portal::RepairApp,
    );
}

/// Nothing: the loader calls [`run`] in a task of its own.
fn main() {}
