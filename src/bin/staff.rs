//! Entry point of the staff workspace bundle (`staff.html`, served under
//! `/staff/`): install the panic hook and mount [`portal::StaffApp`].

fn main() {
    console_error_panic_hook::set_once();
    portal::boot::remove_placeholder();
    portal::boot::take_over();
    portal::boot::arrived(portal::components::layout::Bundle::Staff);
    leptos::mount::mount_to_body(portal::StaffApp);
    portal::boot::ready();
}
