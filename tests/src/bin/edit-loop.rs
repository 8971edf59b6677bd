//! Test helper: applies edits to a database in a loop and reports each one once `apply` has
//! returned, so a test can kill it at any moment and check that every reported edit survived.
//!
//! Usage: edit-loop DB_PATH [MAX_EDITS]. Prints `case ID`, then `applied N` per edit.

use std::io::Write;
use std::sync::Arc;

use ansvar_core::clock::Clock;
use ansvar_core::domain::{Action, ActionId, Author, Edit};
use ansvar_core::session::Session;
use ansvar_core::store::Store;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: edit-loop DB_PATH [MAX_EDITS]");
        std::process::exit(2);
    };
    let max: u64 = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    if let Err(e) = run(&path, max) {
        eprintln!("edit-loop: {e}");
        std::process::exit(1);
    }
}

fn run(path: &str, max: u64) -> Result<(), Box<dyn std::error::Error>> {
    let store = Arc::new(Store::open_test(path)?);
    let case = match store.list_cases()?.first() {
        Some(c) => c.id,
        None => store.create_case()?.id,
    };
    let mut session = Session::open(
        store,
        case,
        Clock::at_noon(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).expect("date")),
    )?;
    let start = session.case().actions.len() as u64;
    let author = Author::Staff {
        name: "Krasj Test".into(),
        organisation: "Nordvik kommune".into(),
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "case {case}")?;
    out.flush()?;
    for n in start..start + max {
        let action = Action {
            id: ActionId::new(),
            what: format!("tiltak {n}"),
            ..Action::default()
        };
        let index = session.case().actions.len();
        session.apply(Edit::InsertAction { index, action }, &author)?;
        writeln!(out, "applied {n}")?;
        out.flush()?;
    }
    Ok(())
}
