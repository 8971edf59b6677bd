//! IPS job follow-up (Individual Placement and Support): a local form that a
//! (fictional) municipality distributes as an Ansvar plugin.
//!
//! The form is in [`form`], the domain rules and the summary in [`logic`], as
//! plain functions that the host-side unit tests call directly.

use ansvar_plugin_api::prelude::*;

pub mod form;
pub mod logic;

pub struct IpsFollowUp;

impl Plugin for IpsFollowUp {
    fn manifest() -> PluginManifest {
        PluginManifest::new(
            "no.fjordvik.ips-oppfolging",
            loc("IPS jobboppfølging", "IPS job follow-up"),
            loc(
                "Jobbmål, åpenhet overfor arbeidsgiver, arbeidsgiverkontakter, jobbstart, \
                 oppfølging første måned og veiledning om ytelser med NAV-veileder.",
                "Job goal, disclosure to the employer, employer contacts, job start, \
                 support in the first month and benefits counselling with the NAV advisor.",
            ),
            env!("CARGO_PKG_VERSION"),
            "Fjordvik kommune",
        )
        .capability(Capability::GoalsInDomain(LifeDomain::WorkAndActivity))
        .capability(Capability::ParticipantNamesAndRoles)
    }

    fn form() -> FormDefinition {
        form::definition()
    }

    fn validate(data: Record<'_>, context: &CaseContext) -> Vec<FieldMessage> {
        logic::validate(data, context)
    }

    fn summarize(data: Record<'_>, context: &CaseContext) -> Vec<SummaryLine> {
        logic::summarize(data, context)
    }

    fn computed(data: Record<'_>, context: &CaseContext) -> Vec<ComputedValue> {
        logic::computed(data, context)
    }
}

export_plugin!(IpsFollowUp);
