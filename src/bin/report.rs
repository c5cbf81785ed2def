//! Entry point of the reporting channel's bundle (`report.html`, for the
//! pages under `/report`): [`run`] mounts [`portal::ReportApp`] (see
//! [`portal::boot`]).

/// Called by the page's loader once the Wasm is instantiated.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn run() {
    portal::boot::start(
        portal::components::layout::Bundle::Report,
        portal::ReportApp,
    );
}

/// Nothing: the loader calls [`run`] in a task of its own.
fn main() {}
