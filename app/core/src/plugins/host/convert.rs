//! Conversions between a version's generated bindings and the app's own types ([`api`]).
//!
//! Every API version has its own generated types, so each host module needs its own
//! conversions. Where a type is the same in two versions the conversion is the same text, so
//! it is written once here as a macro, and each version module expands it for its bindings.
//! A type that a later version changes gets its conversion written in that version's module.
//!
//! [`api`]: crate::plugins::api

/// A conversion between two types of the same shape, field by field. [`From`] cannot be used:
/// the blanket impls for `Vec` and `Option` below would overlap with the standard library's.
pub(super) trait Conv<T> {
    fn conv(self) -> T;
}

impl<A: Conv<B>, B> Conv<Vec<B>> for Vec<A> {
    fn conv(self) -> Vec<B> {
        self.into_iter().map(Conv::conv).collect()
    }
}

impl<A: Conv<B>, B> Conv<Option<B>> for Option<A> {
    fn conv(self) -> Option<B> {
        self.map(Conv::conv)
    }
}

macro_rules! same {
    ($($t:ty),*) => {
        $(impl Conv<$t> for $t {
            fn conv(self) -> $t {
                self
            }
        })*
    };
}
same!(String, bool, f64, u32);

/// `record!(from, to, Name { a, b })`: `from::Name` to `to::Name`, field by field. The
/// caller has [`Conv`] in scope.
macro_rules! record {
    ($from:ident, $to:ident, $name:ident { $($field:ident),* $(,)? }) => {
        impl $crate::plugins::host::convert::Conv<$to::$name> for $from::$name {
            fn conv(self) -> $to::$name {
                $to::$name { $($field: self.$field.conv()),* }
            }
        }
    };
}

/// `variant!(from, to, Name { Unit, .. } { Wrapping, .. })`: the unit cases, then the cases
/// that carry one value.
macro_rules! variant {
    ($from:ident, $to:ident, $name:ident { $($unit:ident),* $(,)? } { $($wrap:ident),* $(,)? }) => {
        impl $crate::plugins::host::convert::Conv<$to::$name> for $from::$name {
            fn conv(self) -> $to::$name {
                match self {
                    $($from::$name::$unit => $to::$name::$unit,)*
                    $($from::$name::$wrap(v) => $to::$name::$wrap(v.conv()),)*
                }
            }
        }
    };
}

/// The conversions of the types that are the same in every API version so far, for the
/// generated module `wit` (`exports::ansvar::plugin::form_plugin`) and the app's `api`.
macro_rules! shared_types {
    ($wit:ident, $api:ident) => {
        record!($wit, $api, Localized { nb, en });
        variant!($wit, $api, LifeDomain {
            Health, SubstanceUse, Housing, WorkAndActivity, Finances, SocialNetworkAndFamily,
            Leisure, LegalMatters,
        } {});
        variant!($api, $wit, LifeDomain {
            Health, SubstanceUse, Housing, WorkAndActivity, Finances, SocialNetworkAndFamily,
            Leisure, LegalMatters,
        } {});
        record!($wit, $api, PluginManifest {
            id, name, description, version, publisher, api_version, capabilities,
        });
        record!($wit, $api, ChoiceOption { value, label });
        record!($wit, $api, NumberSpec { min, max, integer, unit });
        record!($wit, $api, ScaleSpec { low_label, high_label });
        variant!($wit, $api, MatchValue { Answered } { OneOf, YesNo });
        record!($wit, $api, Condition { field, is });
        record!($wit, $api, SubField { id, label, help, required, kind, show_when });
        record!($wit, $api, GroupSpec { fields, add_label, min_rows, max_rows });
        record!($wit, $api, Field { id, label, help, required, kind, show_when });
        record!($wit, $api, Section { id, title, help, fields, show_when });
        record!($wit, $api, FormDefinition { title, sections });
        record!($api, $wit, Participant { name, role, organisation });
        variant!($api, $wit, GoalStatus {
            NotStarted, InProgress, Achieved, Paused, Discontinued,
        } {});
        record!($api, $wit, Goal { id, domain, text, status, target_date });
        record!($api, $wit, PlanPeriod { start, end, next_revision });
        record!($api, $wit, Action { description, responsible, due, done, goal_id });
        variant!($wit, $api, Severity { Error, Warning, Info } {});
        record!($wit, $api, FieldMessage { path, severity, message });
        record!($wit, $api, SummaryLine { text });
        variant!($wit, $api, Tone { Neutral, Good, Caution, Alert } {});
        record!($wit, $api, ComputedValue { id, label, value, number, tone, reasons });
    };
}

/// The calls, for a version module whose bindings are `Plugin`/`PluginPre` and whose
/// generated interface module is `wit`. Each call instantiates afresh (see `host::call`).
macro_rules! calls {
    ($wit:ident, $api:ident) => {
        /// This version's ready-to-instantiate plugin.
        #[derive(Clone)]
        pub struct Pre(PluginPre<Limits>);

        impl Pre {
            pub fn new(pre: wasmtime::component::InstancePre<Limits>) -> wasmtime::Result<Pre> {
                Ok(Pre(PluginPre::new(pre)?))
            }

            fn guest(&self, store: &mut Store<Limits>) -> wasmtime::Result<Plugin> {
                self.0.instantiate(store)
            }

            pub fn instantiate_only(&self, store: &mut Store<Limits>) -> wasmtime::Result<()> {
                self.guest(store).map(|_| ())
            }

            pub fn manifest(
                &self,
                store: &mut Store<Limits>,
            ) -> wasmtime::Result<$api::PluginManifest> {
                let p = self.guest(store)?;
                Ok(p.ansvar_plugin_form_plugin().call_manifest(store)?.conv())
            }

            pub fn form(
                &self,
                store: &mut Store<Limits>,
            ) -> wasmtime::Result<$api::FormDefinition> {
                let p = self.guest(store)?;
                Ok(p.ansvar_plugin_form_plugin().call_form(store)?.conv())
            }

            pub fn validate(
                &self,
                store: &mut Store<Limits>,
                data: &str,
                context: &$api::CaseContext,
            ) -> wasmtime::Result<Vec<$api::FieldMessage>> {
                let p = self.guest(store)?;
                let context: $wit::CaseContext = context.clone().conv();
                let out = p
                    .ansvar_plugin_form_plugin()
                    .call_validate(store, data, &context)?;
                Ok(out.conv())
            }

            pub fn summarize(
                &self,
                store: &mut Store<Limits>,
                data: &str,
                context: &$api::CaseContext,
            ) -> wasmtime::Result<Vec<$api::SummaryLine>> {
                let p = self.guest(store)?;
                let context: $wit::CaseContext = context.clone().conv();
                let out = p
                    .ansvar_plugin_form_plugin()
                    .call_summarize(store, data, &context)?;
                Ok(out.conv())
            }

            pub fn computed(
                &self,
                store: &mut Store<Limits>,
                data: &str,
                context: &$api::CaseContext,
            ) -> wasmtime::Result<Vec<$api::ComputedValue>> {
                let p = self.guest(store)?;
                let context: $wit::CaseContext = context.clone().conv();
                let out = p
                    .ansvar_plugin_form_plugin()
                    .call_computed(store, data, &context)?;
                Ok(out.conv())
            }
        }
    };
}

pub(super) use {calls, record, shared_types, variant};
