//! Entry point of the browser app: install the panic hook and mount [`portal::App`].

fn main() {
    console_error_panic_hook::set_once();
    portal::boot::remove_placeholder();
    portal::boot::take_over();
    portal::boot::arrived(portal::components::layout::Bundle::Public);
    leptos::mount::mount_to_body(portal::App);
    portal::boot::ready();
}
