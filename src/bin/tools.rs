//! Entry point of the tools bundle (`tools.html`: quizzes, the
//! blacklist's batch check, a report's status and the reward estimate):
//! [`run`] mounts [`portal::ToolsApp`] (see [`portal::boot`]).

/// Called by the page's loader once the Wasm is instantiated.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn run() {
    portal::boot::start(portal::components::layout::Bundle::Tools, portal::ToolsApp);
}

/// Nothing: the loader calls [`run`] in a task of its own.
fn main() {}
