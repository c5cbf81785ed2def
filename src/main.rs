//! Entry point of the public app's bundle: [`run`] takes over the page and
//! mounts [`portal::App`] (see [`portal::boot`]).

/// Called by the page's loader once the Wasm is instantiated.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn run() {
    portal::boot::start(portal::components::layout::Bundle::Public, portal::App);
}

/// Nothing: the loader calls [`run`] in a task of its own.
fn main() {}
