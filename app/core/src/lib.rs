//! The headless core of Ansvar: everything but the window. It builds and tests without egui,
//! eframe, wgpu or rfd.
//!
//! - [`domain`]: the plan model and its edits (plain Rust).
//! - [`store`]: the redb file: cases, edit log, case index, settings.
//! - [`session`]: the one path every change takes: apply, log, commit, undo/redo.
//! - [`consent`]: what the person shares with whom.
//! - [`plugins`]: the sandboxed plugin host, one module per API version.
//! - [`export`]: the plan and minutes as PDF, FHIR R4 out and in.
//! - [`text`]: the text catalogue, in bokmål and English.
//! - [`clock`]: the one clock everything reads the time from.
//! - [`week`]: the coordinator's week: what is due across every case, from the index.
//! - [`fsio`]: reading inputs (regular files, size-limited) and writing outputs (atomically,
//!   never over an input).

pub mod clock;
pub mod consent;
pub mod demo;
pub mod domain;
pub mod export;
pub mod fsio;
pub mod fuzz;
pub mod i18n;
pub mod plugins;
pub mod session;
pub mod store;
pub mod text;
pub mod week;
