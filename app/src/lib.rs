//! Ansvar: responsibility-group meetings around a person's individual plan (IP).
//!
//! - [`domain`]: the plan model and its edits (plain Rust).
//! - [`store`]: the redb file: cases, edit log, case index, settings.
//! - [`session`]: the one path every change takes: apply, log, commit, undo/redo.
//! - [`ui`]: the egui app; panels read state and send commands.

pub mod clock;
pub mod consent;
pub mod demo;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod plugins;
pub mod session;
pub mod store;
pub mod text;
pub mod ui;
