//! `quiz sync [DIR]`: exchange progress with the learner's other devices through a folder
//! they already sync (see [`crate::sync`]), or, with `--status`, list the devices.

use anyhow::bail;

use crate::cli::SyncArgs;
use crate::env::Context;
use crate::escape::escape_line;
use crate::exit::ExitCode;
use crate::store::Store;
use crate::sync::{self, Options};
use crate::ui::format::plural;

pub(crate) fn run(args: &SyncArgs, context: &Context) -> anyhow::Result<ExitCode> {
    let settings = context.settings()?;
    if args.status {
        status(context)?;
        return Ok(ExitCode::Success);
    }
    let Some(dir) = args.dir.clone().or(settings.sync_dir.clone()) else {
        bail!("no sync folder: name one (`quiz sync ~/Sync`) or set `sync_dir` in the config file");
    };
    let _lock = crate::store::lock::acquire(&context.data_dir)?;
    let mut store = Store::open(&context.data_dir)?;
    let options = Options {
        git: !args.no_git,
        name: args.name.clone(),
    };
    let report = sync::run(&mut store, &dir, &options, &settings, context)?;
    crate::ui::sync_report::warnings(&report);
    crate::outln!("{}", sync::describe(&report, &dir))?;
    Ok(ExitCode::Success)
}

fn status(context: &Context) -> anyhow::Result<()> {
    let store = Store::open_to_read(&context.data_dir)?;
    let own = store.device_id()?;
    let name = store
        .device_name()?
        .map(|name| format!(" ({})", escape_line(&name)))
        .unwrap_or_default();
    crate::outln!("this device: {own}{name}")?;
    match (
        store.meta(sync::LAST_SYNC_KEY)?,
        store.meta(sync::LAST_DIR_KEY)?,
    ) {
        (Some(at), Some(dir)) => {
            crate::outln!("last sync: {} with {}", escape_line(&at), escape_line(&dir))?
        }
        _ => crate::outln!("last sync: never")?,
    }
    crate::outln!("devices:")?;
    for device in store.devices()? {
        let name = device
            .name
            .as_deref()
            .map_or_else(|| "(no name)".to_owned(), escape_line);
        let last = device.last_at.map_or_else(
            || "no events".to_owned(),
            |at| format!("last event #{} at {at:.0}", device.last_seq),
        );
        let this = if device.device == own {
            ", this device"
        } else {
            ""
        };
        crate::outln!(
            "  {}  {name}: {}, {last}{this}",
            device.device,
            plural(
                usize::try_from(device.reviews).unwrap_or(usize::MAX),
                "review"
            ),
        )?;
    }
    if let Some(latest) = store.latest_setting("retention")? {
        crate::outln!(
            "desired retention: {} (set by {} at {:.0})",
            escape_line(&latest.value),
            latest.device,
            latest.at
        )?;
    }
    Ok(())
}
