//! Entry point of the reporting channel's bundle (`report.html`, for the
//! pages under `/report`): install the panic hook and mount
//! [`portal::ReportApp`].

fn main() {
    console_error_panic_hook::set_once();
    portal::boot::remove_placeholder();
    portal::boot::take_over();
    portal::boot::arrived(portal::components::layout::Bundle::Report);
    leptos::mount::mount_to_body(portal::ReportApp);
    portal::boot::ready();
}
