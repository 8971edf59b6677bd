//! Housing-office checklist: a local form that a (fictional) municipality's
//! housing office distributes as an Ansvar plugin, with a computed eviction-risk
//! level and its reasons.
//!
//! The form is in [`form`], the risk rules and the summary in [`logic`], as
//! plain functions that the host-side unit tests call directly.

use ansvar_plugin_api::prelude::*;

pub mod form;
pub mod logic;

pub struct HousingChecklist;

impl Plugin for HousingChecklist {
    fn manifest() -> PluginManifest {
        PluginManifest::new(
            "no.fjordvik.bolig-sjekkliste",
            loc("Sjekkliste fra boligkontoret", "Housing-office checklist"),
            loc(
                "Leiekontrakt, husleierestanse, bostøtte og startlån, oppfølging og praktisk \
                 opplæring i hjemmet, naboforhold og beregnet risiko for utkastelse.",
                "Tenancy contract, rent arrears, housing allowance and start-up loan, home \
                 follow-up and practical training, neighbour relations and a computed \
                 eviction risk.",
            ),
            env!("CARGO_PKG_VERSION"),
            "Fjordvik kommune, boligkontoret",
        )
        .capability(Capability::GoalsInDomain(LifeDomain::Housing))
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

export_plugin!(HousingChecklist);
