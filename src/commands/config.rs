//! `gazette config check` and `gazette config default`: the config file as gazette reads it.

use std::io::{self, Write};
use std::path::Path;

use super::clean;
use crate::cli::ConfigCommand;
use crate::config;
use crate::library::cache::Cache;
use crate::safe_path;

/// `gazette config check [FILE]` and `gazette config default`.
pub fn config_command(action: ConfigCommand, flag: Option<&Path>) -> anyhow::Result<u8> {
    match action {
        ConfigCommand::Default => {
            io::stdout().lock().write_all(config::EXAMPLE.as_bytes())?;
            Ok(0)
        }
        ConfigCommand::Check { file } => {
            let result = config::load(file.as_deref().or(flag));
            match result {
                Err(e) => {
                    eprintln!("gazette: {e}");
                    Ok(2)
                }
                Ok((c, path)) => {
                    let mut out = io::stdout().lock();
                    match path {
                        Some(p) => writeln!(out, "{}: ok", safe_path(&p))?,
                        None => writeln!(out, "no config file; using the defaults")?,
                    }
                    let folders: Vec<String> = c.folders.iter().map(|f| safe_path(f)).collect();
                    writeln!(
                        out,
                        "library: {}",
                        if folders.is_empty() {
                            "the bundled sample".into()
                        } else {
                            folders.join(", ")
                        }
                    )?;
                    writeln!(
                        out,
                        "state folder: {}",
                        crate::reader::state_dir(None, &c)
                            .map(|p| safe_path(&p))
                            .unwrap_or_else(|| "none".into())
                    )?;
                    writeln!(
                        out,
                        "cache folder: {}",
                        c.cache_dir
                            .clone()
                            .or_else(Cache::default_dir)
                            .map(|p| safe_path(&p))
                            .unwrap_or_else(|| "none".into())
                    )?;
                    writeln!(
                        out,
                        "saved pages folder: {}",
                        crate::later::saved_dir(None, c.saved_dir.as_deref())
                            .map(|p| safe_path(&p))
                            .unwrap_or_else(|| "none".into())
                    )?;
                    writeln!(
                        out,
                        "max file size: {} MiB",
                        c.options.size_cap / (1024 * 1024)
                    )?;
                    writeln!(out, "theme: {}", c.theme_name)?;
                    writeln!(
                        out,
                        "date format: {}  related articles: {}",
                        clean(&c.settings.date_format),
                        c.settings.related_count
                    )?;
                    for a in crate::action::Action::ALL {
                        writeln!(out, "key {:<16} {}", a.name(), c.keymap.describe_keys(a))?;
                    }
                    Ok(0)
                }
            }
        }
    }
}
