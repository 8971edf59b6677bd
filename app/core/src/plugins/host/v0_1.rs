//! Plugin API 0.1.0, frozen: bindings generated from `plugin-api/wit/since_v0.1.0` (never
//! edited again), and their conversions to and from the app's types.

use wasmtime::Store;

use super::Limits;
use super::convert::{Conv, calls, record, shared_types, variant};
use crate::plugins::api;

/// The WIT package version, as in the component's export name.
pub const VERSION: &str = "0.1.0";

wasmtime::component::bindgen!({
    path: "../../plugin-api/wit/since_v0.1.0",
    world: "plugin",
});

use exports::ansvar::plugin::form_plugin as wit;

shared_types!(wit, api);
calls!(wit, api);

variant!(wit, api, Capability {
    ParticipantNamesAndRoles, PersonName, PlanPeriod, Actions,
} { GoalsInDomain });
variant!(wit, api, ValueKind {
    ShortText, LongText, Date, YesNo,
} { Number, SingleChoice, MultipleChoice, Scale });
variant!(wit, api, FieldKind {
    ShortText, LongText, Date, YesNo,
} { Number, SingleChoice, MultipleChoice, Scale, RepeatingGroup });

impl Conv<wit::CaseContext> for api::CaseContext {
    /// The crisis plan's contacts' roles are not in 0.1: a 0.1 plugin cannot have asked.
    fn conv(self) -> wit::CaseContext {
        wit::CaseContext {
            today: self.today,
            person_name: self.person_name,
            participants: self.participants.conv(),
            goals: self.goals.conv(),
            plan_period: self.plan_period.conv(),
            actions: self.actions.conv(),
        }
    }
}
