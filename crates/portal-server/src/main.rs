//! The portal's server: configuration → telemetry → database → demo data →
//! serve; or, with a command, a task such as creating a staff account.

use clap::Parser;
use portal_server::config::{Command, Config, StaffCommand};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    portal_server::telemetry::init(config.log_format);
    match &config.command {
        None => portal_server::run(config).await,
        Some(Command::Staff(StaffCommand::Add {
            username,
            name,
            role,
        })) => {
            let added = portal_server::staff::add_from_command_line(
                &config.database_url,
                username,
                name,
                *role,
            )
            .await;
            if let Err(error) = added {
                // A person typed this command: one line, no backtrace.
                eprintln!("error: {error:#}");
                std::process::exit(1);
            }
            Ok(())
        }
    }
}
