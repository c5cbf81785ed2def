//! Entry point of the staff workspace bundle (`staff.html`, served under
//! `/staff/`): [`run`] mounts [`portal::StaffApp`] (see [`portal::boot`]).

/// Called by the page's loader once the Wasm is instantiated.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn run() {
    portal::boot::start(portal::components::layout::Bundle::Staff, portal::StaffApp);
}

/// Nothing: the loader calls [`run`] in a task of its own.
fn main() {}
