//! Entry point of the tools bundle (`tools.html`: quizzes and the
//! blacklist's batch check): install the panic hook and mount
//! [`portal::ToolsApp`].

fn main() {
    console_error_panic_hook::set_once();
    portal::boot::remove_placeholder();
    portal::boot::take_over();
    portal::boot::arrived(portal::components::layout::Bundle::Tools);
    leptos::mount::mount_to_body(portal::ToolsApp);
    portal::boot::ready();
}
