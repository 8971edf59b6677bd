//! Guest API for Ansvar form plugins.
//!
//! A plugin is a `cdylib` crate that implements [`Plugin`] and calls
//! [`export_plugin!`]. It is built for `wasm32-unknown-unknown` and turned into a
//! WebAssembly component (see `scripts/build-plugins.sh`). The component exports
//! `ansvar:plugin/form-plugin@0.2.0` (see `wit/since_v0.2.0/plugin.wit`) and imports
//! nothing. The SDK always builds against the newest API; every released API version's WIT is
//! kept, frozen, in `wit/since_vX.Y.Z/` for the host, which runs them all.
//!
//! ```ignore
//! use ansvar_plugin_api::prelude::*;
//!
//! struct MyForm;
//!
//! impl Plugin for MyForm {
//!     fn manifest() -> PluginManifest {
//!         PluginManifest::new(
//!             "no.eksempel.mitt-skjema",
//!             loc("Mitt skjema", "My form"),
//!             loc("Et eksempel", "An example"),
//!             "1.0.0",
//!             "Eksempel kommune",
//!         )
//!     }
//!     fn form() -> FormDefinition {
//!         FormDefinition::new(loc("Mitt skjema", "My form")).section(
//!             Section::new("main", loc("Hoveddel", "Main"))
//!                 .field(Field::new("note", loc("Notat", "Note"), kind::long_text())),
//!         )
//!     }
//! }
//!
//! export_plugin!(MyForm);
//! ```
//!
//! Form data reaches the plugin as JSON text and is handed to the trait methods
//! as a [`Record`]: typed getters that never panic and return `None` for absent
//! or malformed values.

mod builders;
pub mod check;
mod data;
mod date;
pub mod fmt;
pub mod logic;

/// Generated from the newest WIT, `wit/since_v0.2.0/plugin.wit`. Plugin authors
/// normally use the re-exports at the crate root instead.
pub mod bindings {
    wit_bindgen::generate!({
        path: "wit/since_v0.2.0",
        world: "plugin",
        pub_export_macro: true,
        default_bindings_module: "ansvar_plugin_api::bindings",
        additional_derives: [PartialEq],
    });
}

use std::marker::PhantomData;

pub use bindings::exports::ansvar::plugin::form_plugin::{
    Action, Capability, CaseContext, ChoiceOption, ComputedValue, Condition, Field, FieldKind,
    FieldMessage, FormDefinition, Goal, GoalStatus, GroupSpec, LifeDomain, Localized, MatchValue,
    NumberSpec, Participant, PlanPeriod, PluginManifest, ScaleSpec, Section, Severity, SubField,
    SummaryLine, Tone, ValueKind,
};
pub use builders::{kind, label_of, loc, opt};
pub use data::{FormData, Record};
pub use date::Date;
pub use logic::TimeOfDay;

/// The API version this crate implements: the version of the newest WIT package.
pub const API_VERSION: &str = "0.2.0";

/// What a plugin provides. Only the manifest and the form are required; the
/// rest default to "nothing to say".
pub trait Plugin {
    /// Id, names, version, publisher and requested capabilities. The
    /// `api_version` field is overwritten with [`API_VERSION`] on export.
    fn manifest() -> PluginManifest;

    /// The form, as data.
    fn form() -> FormDefinition;

    /// Domain rules, e.g. "job start not before the first employer contact".
    ///
    /// The form's own rules (required fields, number ranges, known choice
    /// values, date format, row counts) are checked by the export glue from
    /// [`Plugin::form`] before this is called (see [`check::against_form`]);
    /// the messages of both are returned together.
    fn validate(data: Record<'_>, context: &CaseContext) -> Vec<FieldMessage> {
        let _ = (data, context);
        Vec::new()
    }

    /// A few lines for the meeting view and the minutes.
    fn summarize(data: Record<'_>, context: &CaseContext) -> Vec<SummaryLine> {
        let _ = (data, context);
        Vec::new()
    }

    /// Derived values such as a total score or a risk level.
    fn computed(data: Record<'_>, context: &CaseContext) -> Vec<ComputedValue> {
        let _ = (data, context);
        Vec::new()
    }
}

/// Connects a [`Plugin`] to the generated WIT exports. Used by
/// [`export_plugin!`]; not meant to be named by plugin authors.
#[doc(hidden)]
pub struct Adapter<P>(PhantomData<P>);

impl<P: Plugin> bindings::exports::ansvar::plugin::form_plugin::Guest for Adapter<P> {
    fn manifest() -> PluginManifest {
        let mut manifest = P::manifest();
        manifest.api_version = API_VERSION.to_string();
        manifest
    }

    fn form() -> FormDefinition {
        P::form()
    }

    fn validate(data: String, context: CaseContext) -> Vec<FieldMessage> {
        run_validate::<P>(&data, &context)
    }

    fn summarize(data: String, context: CaseContext) -> Vec<SummaryLine> {
        match FormData::parse(&data) {
            Ok(data) => P::summarize(data.record(), &context),
            Err(_) => Vec::new(),
        }
    }

    fn computed(data: String, context: CaseContext) -> Vec<ComputedValue> {
        match FormData::parse(&data) {
            Ok(data) => P::computed(data.record(), &context),
            Err(_) => Vec::new(),
        }
    }
}

/// What the exported `validate` returns: a parse error, or the form's own
/// rules followed by the plugin's domain rules. Public so that plugins can test
/// the full result on the host.
pub fn run_validate<P: Plugin>(json: &str, context: &CaseContext) -> Vec<FieldMessage> {
    match FormData::parse(json) {
        Err(message) => vec![message],
        Ok(data) => {
            let mut messages = check::against_form(&P::form(), data.record());
            messages.extend(P::validate(data.record(), context));
            messages
        }
    }
}

/// Exports a [`Plugin`] implementation as the component's `form-plugin`
/// interface. Call it once, at the top level of the plugin crate.
///
/// The exports are emitted only when compiling for wasm: their symbol names
/// (`ansvar:plugin/form-plugin@0.2.0#validate`) cannot be exported from a
/// native shared library, and host builds of a plugin exist only to run its
/// unit tests.
#[macro_export]
macro_rules! export_plugin {
    ($plugin:ty) => {
        #[cfg(target_family = "wasm")]
        const _: () = {
            type AnsvarPluginExport = $crate::Adapter<$plugin>;
    $crate::bindings::export!(AnsvarPluginExport with_types_in $crate::bindings);
        };
    };
}

/// Everything a plugin usually needs.
pub mod prelude {
    pub use crate::{
        API_VERSION, Action, Capability, CaseContext, ChoiceOption, ComputedValue, Condition, Date,
        Field, FieldKind, FieldMessage, FormData, FormDefinition, Goal, GoalStatus, GroupSpec,
        LifeDomain, Localized, MatchValue, NumberSpec, Participant, PlanPeriod, Plugin,
        PluginManifest, Record, ScaleSpec, Section, Severity, SubField, SummaryLine, TimeOfDay,
        Tone, ValueKind, export_plugin, fmt, kind, label_of, loc, opt,
    };
}
