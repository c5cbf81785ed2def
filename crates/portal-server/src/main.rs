//! The portal's server: configuration → telemetry → database → demo data → serve.

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = portal_server::config::Config::parse();
    portal_server::telemetry::init(config.log_format);
    portal_server::run(config).await
}
