//! Rebuilds the server when the education content it embeds changes
//! (`include_dir!` cannot tell Cargo on stable Rust).

fn main() {
    println!("cargo::rerun-if-changed=../../content");
}
