//! The portal's server: configuration → telemetry → database → demo data →
//! serve; or, with a command, a task such as creating a staff account or
//! backing up the database.

use clap::Parser;
use portal_server::config::{Command, Config, StaffCommand};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = Config::parse();
    portal_server::telemetry::init(config.log_format);
    match &config.command {
        None => portal_server::run(config).await,
        Some(Command::Backup { to }) => {
            let done = async {
                let store = portal_store::Store::open(&config.database_url).await?;
                store.backup_to(to).await?;
                anyhow::Ok(())
            }
            .await;
            match done {
                Ok(()) => {
                    println!("backed up to {}", to.display());
                    Ok(())
                }
                Err(error) => {
                    eprintln!("error: {error:#}");
                    std::process::exit(1);
                }
            }
        }
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
