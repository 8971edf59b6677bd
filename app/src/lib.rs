//! Ansvar: responsibility-group meetings around a person's individual plan (IP).
//!
//! This crate is the window ([`ui`]) and the `ansvar` command. Everything else is the headless
//! core, `ansvar-core` (`app/core/`), re-exported here under the same names:
//!
//! - [`domain`]: the plan model and its edits (plain Rust).
//! - [`store`]: the redb file: cases, edit log, case index, settings.
//! - [`session`]: the one path every change takes: apply, log, commit, undo/redo.
//! - [`text`]: the text catalogue, in bokmål and English.
//! - [`ui`]: the egui app; panels read state and send commands.

pub use ansvar_core::{
    clock, consent, demo, domain, export, fsio, i18n, plugins, session, store, text, week,
};

pub mod ui;
