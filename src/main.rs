//! Entry point of the browser app: install the panic hook and mount [`portal::App`].

fn main() {
    console_error_panic_hook::set_once();
    portal::boot::remove_placeholder();
    leptos::mount::mount_to_body(portal::App);
}
