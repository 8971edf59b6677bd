//! Plugins through the real host: the two real plugins (forms, validation, computed values,
//! summaries, context), every hostile fixture (each refused or contained with its own message,
//! and a good plugin still runs afterwards), signed packages and the registry.
//!
//! The components come from `target/plugins/`, built from source by `scripts/build-plugins.sh`
//! before `cargo test` (the README's test command does both).

use std::path::{Path, PathBuf};

use ansvar_core::domain::{Case, Goal, GoalId, LifeDomain, Participant, Role};
use ansvar_core::i18n::Lang;
use ansvar_core::plugins::api::{self, CaseContext, FieldKind, Severity, Tone, ValueKind};
use ansvar_core::plugins::context::{self, Capability};
use ansvar_core::plugins::host::{LoadedPlugin, PluginHost};
use ansvar_core::plugins::package::{Package, SecretKey};
use ansvar_core::plugins::{ApiVersion, PluginError, registry};
use ansvar_core::store::Store;
use chrono::{NaiveDate, TimeZone, Utc};

const PLUGIN_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/plugins/");
const HOSTILE_ID: &str = "no.test.fiendtlig";
const IPS_ID: &str = "no.fjordvik.ips-oppfolging";
const HOUSING_ID: &str = "no.fjordvik.bolig-sjekkliste";
const TODAY: &str = "2025-10-20";

/// A built component from `target/plugins/`. Missing means the build step was skipped: fail and
/// say how to build, never skip.
fn wasm(name: &str) -> Vec<u8> {
    let path = Path::new(PLUGIN_DIR).join(format!("{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. Build the plugins first: bash scripts/build-plugins.sh",
            path.display()
        )
    })
}

/// A host with a compile cache of its own.
fn host() -> (tempfile::TempDir, PluginHost) {
    let cache = tempfile::tempdir().expect("temp dir");
    let host = PluginHost::new(Some(cache.path().to_path_buf())).expect("host");
    (cache, host)
}

fn load(host: &PluginHost, name: &str) -> LoadedPlugin {
    host.load(&wasm(name))
        .unwrap_or_else(|e| panic!("{name} should load: {e}"))
}

fn ctx() -> CaseContext {
    CaseContext {
        today: TODAY.into(),
        ..CaseContext::default()
    }
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 10, 20, 12, 0, 0).unwrap()
}

/// Both the Norwegian message and the English one (Display) name the plugin.
fn assert_names(err: &PluginError, id: &str) {
    let nb = err.message(Lang::Nb);
    let en = err.to_string();
    assert!(
        nb.contains(id),
        "Norwegian message does not name {id}: {nb}"
    );
    assert!(en.contains(id), "English message does not name {id}: {en}");
    assert_ne!(nb, en, "the Norwegian message is not translated: {nb}");
}

/// After a hostile call, an already loaded good plugin and a freshly loaded one both still work
/// in the same host.
fn assert_good_still_runs(host: &PluginHost, good: &LoadedPlugin) {
    let ok = good
        .validate(r#"{"note":"hei"}"#, &ctx())
        .expect("the good plugin still validates");
    assert_eq!(ok, vec![]);
    let again = load(host, "hostile-good");
    let messages = again
        .validate(r#"{"count":11}"#, &ctx())
        .expect("a freshly loaded good plugin validates");
    let paths: Vec<&str> = messages.iter().map(|m| m.path.as_str()).collect();
    assert_eq!(paths, vec!["note", "count"]);
    let ips = load(host, "ips-follow-up");
    assert_eq!(
        ips.validate(IPS_SAMPLE, &ips_ctx()).expect("IPS validates"),
        vec![]
    );
}

// ---------------------------------------------------------------------------------------------
// The IPS follow-up plugin
// ---------------------------------------------------------------------------------------------

const IPS_SAMPLE: &str = r#"{
    "job-goal": "Jobbe i butikk, helst med varer og lager",
    "disclosure": "partial",
    "disclosure-details": "Kan si at jeg har hatt en lang pause fra jobb.",
    "employer-contacts": [
        {"date": "2025-08-04", "employer": "Lagerhuset Nord", "contact-type": "visit", "outcome": "no-opening"},
        {"date": "2025-09-25", "employer": "Fjordvik Handel", "contact-type": "phone", "outcome": "follow-up"},
        {"date": "2025-10-01", "employer": "Fjordvik Handel", "contact-type": "visit", "outcome": "interview"},
        {"date": "2025-10-06", "employer": "Fjordvik Handel", "contact-type": "interview", "outcome": "job-offer"}
    ],
    "job-started": true,
    "start-date": "2025-10-12",
    "start-employer": "Fjordvik Handel",
    "hours-per-week": 20,
    "hourly-wage": 195.5,
    "weekly-support": true,
    "benefits-counselling-date": "2025-09-30",
    "benefits-topics": ["aap", "tax"]
}"#;

fn ips_ctx() -> CaseContext {
    let mut c = ctx();
    c.participants = Some(vec![api::Participant {
        name: "Kari Testesen".into(),
        role: "jobbspesialist".into(),
        organisation: Some("Fjordvik kommune".into()),
    }]);
    c.goals = Some(vec![api::Goal {
        id: "g1".into(),
        domain: api::LifeDomain::WorkAndActivity,
        text: "Ha en jobb jeg trives i".into(),
        status: api::GoalStatus::InProgress,
        target_date: None,
    }]);
    c
}

#[test]
fn ips_plugin_loads_with_its_manifest_and_form() {
    let (_cache, host) = host();
    let ips = load(&host, "ips-follow-up");
    let m = &ips.manifest;
    assert_eq!(m.id, IPS_ID);
    assert_eq!(m.version, "1.1.0");
    assert_eq!(m.api_version, "0.2.0");
    assert_eq!(ips.api, ApiVersion::V0_2);
    assert_eq!(m.publisher, "Fjordvik kommune");
    assert_eq!(m.name.en, "IPS job follow-up");
    assert_eq!(
        m.capabilities,
        vec![
            api::Capability::GoalsInDomain(api::LifeDomain::WorkAndActivity),
            api::Capability::ParticipantNamesAndRoles
        ]
    );
    assert_eq!(ips.hash.len(), 64);

    let form = &ips.form;
    assert_eq!(form.title.nb, "IPS jobboppfølging");
    let sections: Vec<(&str, usize)> = form
        .sections
        .iter()
        .map(|s| (s.id.as_str(), s.fields.len()))
        .collect();
    assert_eq!(
        sections,
        vec![
            ("goal", 1),
            ("disclosure", 2),
            ("contacts", 1),
            ("job-start", 6),
            ("first-month", 3),
            ("benefits", 3)
        ]
    );
    // The first month is shown only once the job has started.
    assert!(form.sections[4].show_when.is_some());
    let field = |id: &str| {
        form.sections
            .iter()
            .flat_map(|s| &s.fields)
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("no field {id}"))
    };
    assert!(field("job-goal").required);
    assert!(matches!(field("job-goal").kind, FieldKind::LongText));
    assert!(matches!(field("disclosure").kind, FieldKind::SingleChoice(ref o) if o.len() == 4));
    assert!(matches!(field("job-started").kind, FieldKind::YesNo));
    assert!(matches!(field("start-date").kind, FieldKind::Date));
    // API 0.2: a time of day, shown with weekly support.
    assert!(matches!(field("support-time").kind, FieldKind::TimeOfDay));
    assert!(field("support-time").show_when.is_some());
    assert!(
        matches!(field("benefits-topics").kind, FieldKind::MultipleChoice(ref o) if o.len() == 6)
    );
    match &field("hours-per-week").kind {
        FieldKind::Number(spec) => {
            assert_eq!((spec.min, spec.max), (Some(1.0), Some(60.0)));
            assert_eq!(spec.unit.as_ref().map(|u| u.en.as_str()), Some("h/week"));
        }
        other => panic!("hours-per-week is {other:?}"),
    }
    match &field("employer-contacts").kind {
        FieldKind::RepeatingGroup(group) => {
            let subs: Vec<(&str, bool)> = group
                .fields
                .iter()
                .map(|f| (f.id.as_str(), f.required))
                .collect();
            assert_eq!(
                subs,
                vec![
                    ("date", true),
                    ("employer", true),
                    ("contact-type", true),
                    ("outcome", false),
                    ("notes", false)
                ]
            );
            assert!(matches!(group.fields[0].kind, ValueKind::Date));
            assert!(matches!(group.fields[2].kind, ValueKind::SingleChoice(ref o) if o.len() == 5));
            assert_eq!(group.add_label.en, "New contact");
        }
        other => panic!("employer-contacts is {other:?}"),
    }
}

#[test]
fn ips_validates_good_and_bad_data() {
    let (_cache, host) = host();
    let ips = load(&host, "ips-follow-up");
    assert_eq!(ips.validate(IPS_SAMPLE, &ips_ctx()).unwrap(), vec![]);

    // Job start before the first employer contact.
    let early = IPS_SAMPLE.replace("\"2025-10-12\"", "\"2025-08-01\"");
    let messages = ips.validate(&early, &ips_ctx()).unwrap();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0].path, "start-date");
    assert_eq!(messages[0].severity, Severity::Error);
    assert!(
        messages[0]
            .message
            .nb
            .contains("før første arbeidsgiverkontakt")
            && messages[0].message.nb.contains("04.08.2025"),
        "{}",
        messages[0].message.nb
    );
    assert!(
        messages[0]
            .message
            .en
            .contains("before the first employer contact")
    );

    // Hours out of range, and a contact dated in the future.
    let bad = IPS_SAMPLE
        .replace("\"hours-per-week\": 20", "\"hours-per-week\": 61")
        .replace("\"2025-10-06\"", "\"2025-10-21\"");
    let messages = ips.validate(&bad, &ips_ctx()).unwrap();
    let paths: Vec<(&str, Severity)> = messages
        .iter()
        .map(|m| (m.path.as_str(), m.severity))
        .collect();
    assert_eq!(
        paths,
        vec![
            ("hours-per-week", Severity::Error),
            ("employer-contacts[3].date", Severity::Error)
        ]
    );
    assert!(messages[1].message.en.contains("in the future"));

    // Required fields, and text that is not JSON.
    let paths: Vec<String> = ips
        .validate("{}", &ctx())
        .unwrap()
        .into_iter()
        .map(|m| m.path)
        .collect();
    assert_eq!(paths, vec!["job-goal", "disclosure"]);
    let messages = ips.validate("{not json", &ctx()).unwrap();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].path, "");
}

#[test]
fn ips_computed_values_and_summaries() {
    let (_cache, host) = host();
    let ips = load(&host, "ips-follow-up");
    let values = ips.computed(IPS_SAMPLE, &ips_ctx()).unwrap();
    assert_eq!(values[0].id, "recent-employer-contacts");
    assert_eq!(values[0].number, Some(3.0));
    assert_eq!(values[0].label.en, "Employer contacts in the last 30 days");
    assert_eq!(values[1].id, "days-to-job-start");
    assert_eq!(values[1].number, Some(69.0));

    let lines = ips.summarize(IPS_SAMPLE, &ips_ctx()).unwrap();
    assert_eq!(
        lines[0].text.nb,
        "3 arbeidsgiverkontakter siste 30 dager (totalt 4); startet hos Fjordvik Handel 12.10, \
         20 t/uke, 195,5 kr/t"
    );
    assert_eq!(
        lines[0].text.en,
        "3 employer contacts in the last 30 days (4 in total); started at Fjordvik Handel on \
         12 Oct, 20 h/week, NOK 195.5/h"
    );
    let nb: Vec<&str> = lines.iter().map(|l| l.text.nb.as_str()).collect();
    let en: Vec<&str> = lines.iter().map(|l| l.text.en.as_str()).collect();
    assert!(nb.contains(&"Siste kontakt 06.10 med Fjordvik Handel: tilbud om jobb"));
    assert!(
        en.contains(&"Last contact 6 Oct with Fjordvik Handel: job offer"),
        "{en:?}"
    );
    assert!(nb.contains(&"Jobbspesialist: Kari Testesen"));
    assert!(en.contains(&"Employment specialist: Kari Testesen"));
    assert!(nb.contains(&"Arbeidsmål i planen: «Ha en jobb jeg trives i»"));
}

// ---------------------------------------------------------------------------------------------
// API versions: a plugin built with the 0.1 SDK, kept as built, beside 0.2 plugins
// ---------------------------------------------------------------------------------------------

/// `app/core/tests/fixtures/plugins/ips-follow-up-api-0.1.0.wasm`: IPS 1.0.0 as the 0.1 SDK built
/// it (see the README there). Without the host's 0.1 bindings it cannot load.
fn ips_api_0_1() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/plugins/ips-follow-up-api-0.1.0.wasm");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_plugin_built_with_the_0_1_sdk_loads_validates_and_summarises_unchanged() {
    let (_cache, host) = host();
    let old = host.load(&ips_api_0_1()).expect("the 0.1 plugin loads");
    let new = load(&host, "ips-follow-up");
    assert_eq!(old.api, ApiVersion::V0_1);
    assert_eq!(new.api, ApiVersion::V0_2);
    assert_eq!(
        (
            old.manifest.version.as_str(),
            old.manifest.api_version.as_str()
        ),
        ("1.0.0", "0.1.0")
    );
    assert_eq!(old.manifest.id, new.manifest.id);
    assert_eq!(old.manifest.capabilities, new.manifest.capabilities);
    // The same form, less the field 1.1.0 added with API 0.2.
    let mut form = new.form.clone();
    form.sections[4].fields.retain(|f| f.id != "support-time");
    assert_eq!(old.form, form);

    // Validation: exactly what it said before (the strings the 0.1 tests pinned).
    assert_eq!(old.validate(IPS_SAMPLE, &ips_ctx()).unwrap(), vec![]);
    let early = IPS_SAMPLE.replace("\"2025-10-12\"", "\"2025-08-01\"");
    let messages = old.validate(&early, &ips_ctx()).unwrap();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(
        (messages[0].path.as_str(), messages[0].severity),
        ("start-date", Severity::Error)
    );
    assert!(
        messages[0]
            .message
            .nb
            .contains("før første arbeidsgiverkontakt")
    );
    let paths: Vec<String> = old
        .validate("{}", &ctx())
        .unwrap()
        .into_iter()
        .map(|m| m.path)
        .collect();
    assert_eq!(paths, vec!["job-goal", "disclosure"]);

    // Summary and computed values, through the 0.1 context (no 0.2 fields to see).
    let lines = old.summarize(IPS_SAMPLE, &ips_ctx()).unwrap();
    assert_eq!(
        lines[0].text.nb,
        "3 arbeidsgiverkontakter siste 30 dager (totalt 4); startet hos Fjordvik Handel 12.10, \
         20 t/uke, 195,5 kr/t"
    );
    let nb: Vec<&str> = lines.iter().map(|l| l.text.nb.as_str()).collect();
    assert!(nb.contains(&"Jobbspesialist: Kari Testesen"), "{nb:?}");
    assert!(nb.contains(&"Arbeidsmål i planen: «Ha en jobb jeg trives i»"));
    assert_eq!(lines, new.summarize(IPS_SAMPLE, &ips_ctx()).unwrap());
    let values = old.computed(IPS_SAMPLE, &ips_ctx()).unwrap();
    assert_eq!(values[0].number, Some(3.0));
    assert_eq!(values, new.computed(IPS_SAMPLE, &ips_ctx()).unwrap());

    // Beside it, in the same host, the 0.2 plugin uses the time of day.
    let with_time = IPS_SAMPLE.replace(
        "\"weekly-support\": true,",
        "\"weekly-support\": true, \"support-time\": \"07:45\",",
    );
    let nb: Vec<String> = new
        .summarize(&with_time, &ips_ctx())
        .unwrap()
        .into_iter()
        .map(|l| l.text.nb)
        .collect();
    assert!(
        nb.contains(&"Ukentlig oppfølging første måned: ja, kl. 07:45".to_string()),
        "{nb:?}"
    );
    let bad = with_time.replace("07:45", "7:45");
    let messages = new.validate(&bad, &ips_ctx()).unwrap();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0].path, "support-time");
    // The 0.1 plugin ignores the key it does not know.
    assert_eq!(old.validate(&with_time, &ips_ctx()).unwrap(), vec![]);
    old.instantiate_only().unwrap();
}

#[test]
fn an_installed_0_1_plugin_keeps_working_and_upgrades_to_its_0_2_version() {
    let (cache, host) = host();
    let db = store(cache.path());
    let key = SecretKey::generate().unwrap();
    registry::trust_key(&db, key.public(), "Fjordvik kommune", now()).unwrap();
    let old = host.load(&ips_api_0_1()).unwrap();
    let package = Package::sign(
        serde_json::to_vec(&old.manifest).unwrap(),
        ips_api_0_1(),
        &key,
    );
    let grant = [Capability::GoalsInDomain(LifeDomain::WorkAndActivity)];
    let record = registry::install(&db, &host, &package.to_bytes(), &grant, now()).unwrap();
    assert_eq!(record.manifest.api_version, "0.1.0");
    let (_, loaded) = registry::load(&db, &host, IPS_ID).unwrap();
    assert_eq!(loaded.api, ApiVersion::V0_1);
    assert_eq!(loaded.validate(IPS_SAMPLE, &ips_ctx()).unwrap(), vec![]);
    // The new release, on API 0.2, replaces it.
    let record = registry::install(
        &db,
        &host,
        &signed(&host, "ips-follow-up", &key),
        &grant,
        now(),
    )
    .unwrap();
    assert_eq!(
        (
            record.manifest.version.as_str(),
            record.manifest.api_version.as_str()
        ),
        ("1.1.0", "0.2.0")
    );
    assert_eq!(
        registry::load(&db, &host, IPS_ID).unwrap().1.api,
        ApiVersion::V0_2
    );
}

#[test]
fn a_0_2_plugin_reads_the_crisis_contacts_roles_only_when_granted() {
    let (_cache, host) = host();
    let plugin = load(&host, "hostile-crisis-roles");
    assert_eq!(plugin.api, ApiVersion::V0_2);
    assert_eq!(
        plugin.manifest.capabilities,
        vec![api::Capability::CrisisContactRoles]
    );
    let requested: Vec<Capability> = plugin
        .manifest
        .capabilities
        .iter()
        .map(Capability::from_api)
        .collect();
    assert_eq!(requested, vec![Capability::CrisisContactRoles]);
    assert_eq!(
        Capability::CrisisContactRoles.describe(Lang::Nb),
        "rollene til kontaktene i kriseplanen"
    );
    let mut case = case();
    for (name, role) in [("Dr. Berg", "Fastlege"), ("Akutt", "DPS akutteam")] {
        case.crisis_plan
            .contacts
            .push(ansvar_core::domain::Contact {
                name: name.into(),
                role: role.into(),
                phone: "112".into(),
                ..Default::default()
            });
    }
    let today = NaiveDate::from_ymd_opt(2025, 10, 20).unwrap();
    let data = r#"{"note":"x","at":"21:15"}"#;
    let granted = context::build(&case, &requested, today);
    let lines = plugin.summarize(data, &granted).unwrap();
    assert_eq!(lines[0].text.nb, "Klokka 21:15");
    assert_eq!(lines[1].text.nb, "Kriseplanen har: Fastlege, DPS akutteam");
    assert!(!lines[1].text.nb.contains("Berg"));
    let refused = plugin
        .summarize(data, &context::build(&case, &[], today))
        .unwrap();
    assert_eq!(refused[1].text.nb, "Kriseplanen har: ");
    // The time field is checked by the SDK's form rules.
    let messages = plugin
        .validate(r#"{"note":"x","at":"25:00"}"#, &granted)
        .unwrap();
    let paths: Vec<&str> = messages.iter().map(|m| m.path.as_str()).collect();
    assert_eq!(paths, vec!["at"]);
}

// ---------------------------------------------------------------------------------------------
// The housing checklist plugin
// ---------------------------------------------------------------------------------------------

const CALM: &str = r#"{
    "contract-type": "municipal",
    "monthly-rent": 9000,
    "rent-arrears": false,
    "housing-allowance": "granted",
    "start-loan": "not-relevant",
    "follow-up-frequency": "weekly",
    "practical-training": ["cooking", "bills"],
    "neighbour-relations": "good"
}"#;

const TROUBLED: &str = r#"{
    "contract-type": "private",
    "contract-expires": "2025-12-31",
    "monthly-rent": 9000,
    "rent-arrears": true,
    "arrears-amount": 12500,
    "housing-allowance": "not-applied",
    "neighbour-relations": "complaints",
    "complaints-count": 2
}"#;

#[test]
fn housing_plugin_loads_with_its_manifest_and_form() {
    let (_cache, host) = host();
    let housing = load(&host, "housing-checklist");
    assert_eq!(housing.manifest.id, HOUSING_ID);
    assert_eq!(housing.manifest.version, "1.0.0");
    assert_eq!(
        housing.manifest.capabilities,
        vec![api::Capability::GoalsInDomain(api::LifeDomain::Housing)]
    );
    let sections: Vec<(&str, usize)> = housing
        .form
        .sections
        .iter()
        .map(|s| (s.id.as_str(), s.fields.len()))
        .collect();
    assert_eq!(
        sections,
        vec![
            ("tenancy", 3),
            ("finances", 6),
            ("home", 3),
            ("neighbours", 2),
            ("notes", 1)
        ]
    );
    let fields: Vec<&api::Field> = housing
        .form
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .collect();
    let kind_of = |id: &str| &fields.iter().find(|f| f.id == id).expect(id).kind;
    assert!(matches!(kind_of("contract-type"), FieldKind::SingleChoice(o) if o.len() == 6));
    assert!(matches!(kind_of("practical-training"), FieldKind::MultipleChoice(o) if o.len() == 7));
    assert!(matches!(kind_of("rent-arrears"), FieldKind::YesNo));
    assert!(matches!(kind_of("complaints-count"), FieldKind::Number(s) if s.integer));
    // Shown only with arrears.
    let amount = fields.iter().find(|f| f.id == "arrears-amount").unwrap();
    assert!(amount.required && amount.show_when.is_some());
}

#[test]
fn housing_validates_and_computes_eviction_risk() {
    let (_cache, host) = host();
    let housing = load(&host, "housing-checklist");
    assert_eq!(housing.validate(CALM, &ctx()).unwrap(), vec![]);
    let messages = housing.validate(TROUBLED, &ctx()).unwrap();
    let paths: Vec<(&str, Severity)> = messages
        .iter()
        .map(|m| (m.path.as_str(), m.severity))
        .collect();
    assert_eq!(paths, vec![("housing-allowance", Severity::Info)]);
    // Form rules: a required field, and a negative amount.
    let messages = housing
        .validate(
            r#"{"contract-type":"private","rent-arrears":true,"arrears-amount":-5}"#,
            &ctx(),
        )
        .unwrap();
    let paths: Vec<&str> = messages.iter().map(|m| m.path.as_str()).collect();
    assert!(paths.contains(&"arrears-amount"), "{paths:?}");
    assert!(paths.contains(&"neighbour-relations"), "{paths:?}");

    let values = housing.computed(TROUBLED, &ctx()).unwrap();
    let risk = &values[0];
    assert_eq!(risk.id, "eviction-risk");
    assert_eq!(
        (risk.value.nb.as_str(), risk.value.en.as_str()),
        ("høy", "high")
    );
    assert_eq!(risk.tone, Tone::Alert);
    assert_eq!(risk.number, Some(4.0));
    let reasons: Vec<&str> = risk.reasons.iter().map(|r| r.en.as_str()).collect();
    assert_eq!(
        reasons,
        vec![
            "Arrears of NOK 12,500 exceed one month's rent (about 1.4 months)",
            "Complaints from neighbours (2)",
            "The contract expires on 31 Dec 2025 (within 3 months)",
        ]
    );
    assert_eq!(values[1].id, "arrears-months");

    let calm = housing.computed(CALM, &ctx()).unwrap();
    assert_eq!(calm[0].value.en, "low");
    assert_eq!(calm[0].tone, Tone::Good);
    assert_eq!(calm.len(), 1);
}

#[test]
fn housing_summaries_in_both_languages() {
    let (_cache, host) = host();
    let housing = load(&host, "housing-checklist");
    let lines = housing.summarize(CALM, &ctx()).unwrap();
    let nb: Vec<&str> = lines.iter().map(|l| l.text.nb.as_str()).collect();
    assert_eq!(
        nb,
        vec![
            "Kommunal utleiebolig; tidsubestemt kontrakt; leie 9 000 kr/mnd",
            "Ingen husleierestanse",
            "Bostøtte: innvilget; startlån: ikke aktuelt",
            "Oppfølging i hjemmet: ukentlig; praktisk opplæring: matlaging, økonomi og regninger",
            "Naboforhold: gode",
            "Risiko for utkastelse: lav",
        ]
    );
    assert_eq!(lines[1].text.en, "No rent arrears");
    let lines = housing.summarize(TROUBLED, &ctx()).unwrap();
    assert_eq!(
        lines[1].text.nb,
        "Husleierestanse 12 500 kr (ca. 1,4 måneders leie)"
    );
    assert!(lines.iter().any(|l| {
        l.text
            .en
            .starts_with("Eviction risk: high – arrears of NOK 12,500 exceed one month's rent")
    }));
    assert!(lines.iter().any(|l| {
        l.text
            .nb
            .starts_with("Risiko for utkastelse: høy – restanse 12 500 kr")
    }));
}

// ---------------------------------------------------------------------------------------------
// Context: a plugin sees only the case data it was granted
// ---------------------------------------------------------------------------------------------

fn case() -> Case {
    let mut case = Case::default();
    case.person.name = "Ola Nordmann".into();
    case.goals.push(Goal {
        id: GoalId::new(),
        domain: LifeDomain::WorkAndActivity,
        own_words: "Ha en jobb jeg trives i".into(),
        ..Goal::default()
    });
    case.goals.push(Goal {
        id: GoalId::new(),
        domain: LifeDomain::Housing,
        own_words: "Bo i egen leilighet".into(),
        ..Goal::default()
    });
    case.participants.push(Participant {
        name: "Kari Testesen".into(),
        role: Role::IpsJobSpecialist,
        ..Participant::default()
    });
    case
}

#[test]
fn plugins_see_only_granted_case_data() {
    let (_cache, host) = host();
    let ips = load(&host, "ips-follow-up");
    let today = NaiveDate::from_ymd_opt(2025, 10, 20).unwrap();
    let case = case();

    // Granted nothing: no goals, no participants, and the summary says nothing about them.
    let nothing = context::build(&case, &[], today);
    assert_eq!(nothing.goals, None);
    assert_eq!(nothing.participants, None);
    assert_eq!(nothing.person_name, None);
    let lines = ips.summarize(IPS_SAMPLE, &nothing).unwrap();
    assert!(
        !lines
            .iter()
            .any(|l| l.text.nb.contains("Arbeidsmål") || l.text.nb.contains("Kari")),
        "{lines:?}"
    );

    // Granted what it asked for: the work goal (not the housing goal) and the participants.
    let requested: Vec<Capability> = ips
        .manifest
        .capabilities
        .iter()
        .map(Capability::from_api)
        .collect();
    let granted = context::build(&case, &requested, today);
    let goals = granted.goals.as_ref().expect("goals granted");
    assert_eq!(goals.len(), 1);
    assert_eq!(goals[0].text, "Ha en jobb jeg trives i");
    assert_eq!(
        granted.person_name, None,
        "the person's name was not asked for"
    );
    let nb: Vec<String> = ips
        .summarize(IPS_SAMPLE, &granted)
        .unwrap()
        .into_iter()
        .map(|l| l.text.nb)
        .collect();
    assert!(nb.contains(&"Arbeidsmål i planen: «Ha en jobb jeg trives i»".to_string()));
    assert!(nb.contains(&"Jobbspesialist: Kari Testesen".to_string()));

    // The housing plugin, granted its capability, sees the housing goal only.
    let housing = load(&host, "housing-checklist");
    let requested: Vec<Capability> = housing
        .manifest
        .capabilities
        .iter()
        .map(Capability::from_api)
        .collect();
    let granted = context::build(&case, &requested, today);
    assert_eq!(granted.participants, None);
    let nb: Vec<String> = housing
        .summarize(CALM, &granted)
        .unwrap()
        .into_iter()
        .map(|l| l.text.nb)
        .collect();
    assert!(nb.contains(&"Boligmål i planen: «Bo i egen leilighet»".to_string()));
    assert!(!nb.iter().any(|l| l.contains("jobb")), "{nb:?}");
}

// ---------------------------------------------------------------------------------------------
// Hostile fixtures built from source (tests/hostile-plugin)
// ---------------------------------------------------------------------------------------------

#[test]
fn the_good_fixture_behaves() {
    let (_cache, host) = host();
    let good = load(&host, "hostile-good");
    assert_eq!(good.manifest.id, HOSTILE_ID);
    assert_eq!(good.manifest.version, "1.0.0");
    assert!(good.manifest.capabilities.is_empty());
    assert_eq!(good.form.sections[0].fields.len(), 2);
    let lines = good.summarize(r#"{"note":"hei"}"#, &ctx()).unwrap();
    assert_eq!(lines[0].text.en, "Note: hei");
    let values = good.computed(r#"{"count":4}"#, &ctx()).unwrap();
    assert_eq!(values[0].number, Some(8.0));
    good.instantiate_only().unwrap();
    assert_good_still_runs(&host, &good);
}

#[test]
fn a_runaway_loop_is_stopped() {
    let (_cache, host) = host();
    let good = load(&host, "hostile-good");
    let looping = load(&host, "hostile-loop");
    // It loads (manifest and form are fine): only validate runs away.
    let err = looping
        .validate(r#"{"note":"hei"}"#, &ctx())
        .expect_err("a loop cannot succeed");
    assert!(
        matches!(&err, PluginError::TimeLimit { plugin, call: "validate" } if plugin == HOSTILE_ID),
        "{err:?}"
    );
    assert!(err.is_plugin_fault());
    assert_names(&err, HOSTILE_ID);
    assert!(err.message(Lang::Nb).contains("brukte for lang tid"));
    // The other calls of the same plugin still work: each call is a fresh instance.
    assert_eq!(
        looping.summarize(r#"{"note":"x"}"#, &ctx()).unwrap()[0]
            .text
            .nb,
        "Notat: x"
    );
    assert_good_still_runs(&host, &good);
}

#[test]
fn a_memory_bomb_is_stopped() {
    let (_cache, host) = host();
    let good = load(&host, "hostile-good");
    let bomb = load(&host, "hostile-memory-bomb");
    let err = bomb.validate("{}", &ctx()).expect_err("cannot succeed");
    assert!(
        matches!(&err, PluginError::MemoryLimit { plugin } if plugin == HOSTILE_ID),
        "{err:?}"
    );
    assert!(err.is_plugin_fault());
    assert_names(&err, HOSTILE_ID);
    assert!(err.message(Lang::Nb).contains("minne"));
    assert_good_still_runs(&host, &good);
}

#[test]
fn a_panic_is_a_contained_trap() {
    let (_cache, host) = host();
    let good = load(&host, "hostile-good");
    let panicking = load(&host, "hostile-panic");
    let err = panicking.validate("{}", &ctx()).expect_err("it panics");
    assert!(
        matches!(&err, PluginError::Trap { plugin, call: "validate", .. } if plugin == HOSTILE_ID),
        "{err:?}"
    );
    assert!(err.is_plugin_fault());
    assert_names(&err, HOSTILE_ID);
    assert!(err.message(Lang::Nb).contains("krasjet"));
    assert_good_still_runs(&host, &good);
}

#[test]
fn a_huge_result_is_refused() {
    let (_cache, host) = host();
    let good = load(&host, "hostile-good");
    let huge = load(&host, "hostile-huge-result");
    let err = huge.summarize("{}", &ctx()).expect_err("too large");
    match &err {
        PluginError::ResultTooLarge { plugin, call, size } => {
            assert_eq!(plugin, HOSTILE_ID);
            assert_eq!(*call, "summarize");
            // Both languages, 4 MiB each, as JSON.
            assert!(*size > 8 * 1024 * 1024, "{size}");
        }
        other => panic!("expected ResultTooLarge, got {other:?}"),
    }
    assert!(err.is_plugin_fault());
    assert_names(&err, HOSTILE_ID);
    assert!(err.message(Lang::Nb).contains("returnerte for mye"));
    assert_good_still_runs(&host, &good);
}

#[test]
fn a_malformed_result_is_refused() {
    let (_cache, host) = host();
    let good = load(&host, "hostile-good");
    let malformed = load(&host, "hostile-malformed-result");
    let err = malformed
        .validate(r#"{"note":"hei"}"#, &ctx())
        .expect_err("not UTF-8");
    assert!(
        matches!(&err, PluginError::BadResult { plugin, call: "validate", .. } if plugin == HOSTILE_ID),
        "{err:?}"
    );
    assert!(err.is_plugin_fault());
    assert_names(&err, HOSTILE_ID);
    assert!(err.message(Lang::Nb).contains("ugyldige data"));
    assert_good_still_runs(&host, &good);
}

#[test]
fn a_garbage_manifest_is_refused_at_load() {
    let (_cache, host) = host();
    let good = load(&host, "hostile-good");
    let err = host
        .load(&wasm("hostile-garbage-manifest"))
        .err()
        .expect("refused");
    match &err {
        PluginError::BadManifest { plugin, problem } => {
            assert_eq!(plugin, "NOT VALID");
            let en = problem.message(Lang::En);
            assert!(en.contains("reverse-DNS"), "{en}");
            assert!(
                !problem.message(Lang::Nb).contains("reverse-DNS"),
                "bokmål throughout"
            );
        }
        other => panic!("expected BadManifest, got {other:?}"),
    }
    assert_names(&err, "NOT VALID");
    assert!(err.message(Lang::Nb).contains("beskrivelsen er ugyldig"));
    assert_good_still_runs(&host, &good);
}

// ---------------------------------------------------------------------------------------------
// Hostile fixtures written in WAT
// ---------------------------------------------------------------------------------------------

fn assert_refused_at_load(host: &PluginHost, bytes: &[u8]) -> PluginError {
    match host.load(bytes) {
        Ok(p) => panic!("{} loaded but should be refused", p.manifest.id),
        Err(e) => e,
    }
}

fn exporting(version: &str) -> Vec<u8> {
    wat::parse_str(format!(
        r#"(component
            (instance $i)
            (export "ansvar:plugin/form-plugin@{version}" (instance $i)))"#
    ))
    .unwrap()
}

#[test]
fn a_newer_api_version_is_refused_with_the_ansvar_it_needs() {
    let (_cache, host) = host();
    let good = load(&host, "hostile-good");
    let err = assert_refused_at_load(&host, &exporting("0.3.0"));
    assert!(
        matches!(&err, PluginError::NewerApi { needs, supported, ansvar }
            if needs == "0.3.0" && supported == "0.1.0–0.2.0" && *ansvar == env!("CARGO_PKG_VERSION")),
        "{err:?}"
    );
    let nb = err.message(Lang::Nb);
    assert!(
        nb.contains("Oppdater Ansvar til en versjon som kjører utvidelses-API 0.3.0"),
        "{nb}"
    );
    assert!(
        nb.contains(&format!("({})", env!("CARGO_PKG_VERSION"))),
        "{nb}"
    );
    let en = err.to_string();
    assert!(
        en.contains("newer than this Ansvar") && en.contains("0.1.0–0.2.0"),
        "{en}"
    );
    assert_good_still_runs(&host, &good);
}

#[test]
fn an_older_unsupported_api_version_is_refused_as_clearly() {
    let (_cache, host) = host();
    let good = load(&host, "hostile-good");
    let err = assert_refused_at_load(&host, &exporting("0.0.9"));
    assert!(
        matches!(&err, PluginError::OlderApi { needs, supported, .. }
            if needs == "0.0.9" && supported == "0.1.0–0.2.0"),
        "{err:?}"
    );
    let nb = err.message(Lang::Nb);
    assert!(nb.contains("eldre enn denne versjonen av Ansvar"), "{nb}");
    assert!(nb.contains("bygges på nytt"), "{nb}");
    assert!(err.to_string().contains("older than this Ansvar"));
    // Inside the range but never released: no bindings to run it with.
    let err = assert_refused_at_load(&host, &exporting("0.1.5"));
    assert!(
        matches!(&err, PluginError::NotAComponent(d) if d.contains("0.1.5") && d.contains("0.1.0, 0.2.0")),
        "{err:?}"
    );
    assert_good_still_runs(&host, &good);
}

#[test]
fn the_supported_range_is_the_frozen_wit_folders() {
    // One folder per version the host runs, and the SDK builds against the newest.
    let wit = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../plugin-api/wit");
    for v in ApiVersion::ALL {
        let text = std::fs::read_to_string(wit.join(format!("since_v{v}/plugin.wit")))
            .unwrap_or_else(|e| panic!("the WIT of {v}: {e}"));
        assert!(text.contains(&format!("package ansvar:plugin@{v};")), "{v}");
    }
    assert_eq!(ansvar_plugin_api::API_VERSION, ApiVersion::NEWEST.as_str());
    assert_eq!(ApiVersion::OLDEST, ApiVersion::V0_1);
}

#[test]
fn a_core_module_or_random_bytes_are_not_components() {
    let (_cache, host) = host();
    let good = load(&host, "hostile-good");
    let core = wat::parse_str(r#"(module (func (export "validate")))"#).unwrap();
    let err = assert_refused_at_load(&host, &core);
    assert!(matches!(err, PluginError::NotAComponent(_)), "{err:?}");
    assert!(
        err.message(Lang::Nb)
            .starts_with("Dette er ikke en brukbar utvidelse")
    );

    let mut random = vec![0u8; 4096];
    let mut x: u32 = 0x1234_5678;
    for b in &mut random {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    let err = assert_refused_at_load(&host, &random);
    assert!(
        matches!(&err, PluginError::NotAComponent(d) if d == "not WebAssembly"),
        "{err:?}"
    );
    // Empty, and a WebAssembly header with nothing after it.
    assert!(matches!(
        assert_refused_at_load(&host, b""),
        PluginError::NotAComponent(_)
    ));
    assert!(matches!(
        assert_refused_at_load(&host, b"\0asm\x0d\0\x01\0"),
        PluginError::NotAComponent(_)
    ));
    // A component that exports something else entirely.
    let other = wat::parse_str(r#"(component (instance $i) (export "x:y/z@1.0.0" (instance $i)))"#)
        .unwrap();
    assert!(matches!(
        assert_refused_at_load(&host, &other),
        PluginError::NotAComponent(_)
    ));
    assert_good_still_runs(&host, &good);
}

#[test]
fn a_component_that_imports_anything_is_refused_at_link() {
    let (_cache, host) = host();
    let good = load(&host, "hostile-good");
    let importing = wat::parse_str(
        r#"(component
            (import "wasi:filesystem/types@0.2.0" (instance $fs
                (export "read-via-stream" (func (param "fd" u32) (result u32)))))
            (instance $i)
            (export "ansvar:plugin/form-plugin@0.1.0" (instance $i)))"#,
    )
    .unwrap();
    let err = assert_refused_at_load(&host, &importing);
    match &err {
        PluginError::Link(detail) => assert!(detail.contains("wasi:filesystem"), "{detail}"),
        other => panic!("expected Link, got {other:?}"),
    }
    assert!(
        err.message(Lang::Nb)
            .starts_with("Utvidelsen kan ikke kobles til")
    );
    // Exporting the interface without its functions cannot be linked either.
    let empty = wat::parse_str(
        r#"(component (instance $i) (export "ansvar:plugin/form-plugin@0.1.0" (instance $i)))"#,
    )
    .unwrap();
    assert!(matches!(
        assert_refused_at_load(&host, &empty),
        PluginError::Link(_)
    ));
    assert_good_still_runs(&host, &good);
}

#[test]
fn the_compile_cache_is_used_and_a_corrupt_cache_is_recompiled() {
    // Hosts that share a cache key (as the app's do, through the database's setting).
    let key = [7u8; 32];
    let cache = tempfile::tempdir().expect("temp dir");
    let host = PluginHost::with_cache_key(Some(cache.path().to_path_buf()), key).unwrap();
    let bytes = wasm("hostile-good");
    let first = host.load(&bytes).unwrap();
    let cached: Vec<PathBuf> = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "cwasm"))
        .collect();
    assert_eq!(cached.len(), 1, "one compiled file in the cache");
    assert!(
        cached[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(&first.hash)
    );
    // A second host finds it; a corrupt cache file is compiled again.
    let host2 = PluginHost::with_cache_key(Some(cache.path().to_path_buf()), key).unwrap();
    let modified = || std::fs::metadata(&cached[0]).unwrap().modified().unwrap();
    let written = modified();
    assert_eq!(host2.load(&bytes).unwrap().manifest.id, HOSTILE_ID);
    assert_eq!(
        modified(),
        written,
        "a sound cache file is read, not written again"
    );
    std::fs::write(&cached[0], b"garbage").unwrap();
    let again = host2.load(&bytes).unwrap();
    assert_eq!(again.validate(r#"{"note":"x"}"#, &ctx()).unwrap(), vec![]);
}

// ---------------------------------------------------------------------------------------------
// Packages and the registry
// ---------------------------------------------------------------------------------------------

fn signed(host: &PluginHost, name: &str, key: &SecretKey) -> Vec<u8> {
    let component = wasm(name);
    let manifest = load(host, name).manifest;
    Package::sign(serde_json::to_vec(&manifest).unwrap(), component, key).to_bytes()
}

fn store(dir: &Path) -> Store {
    Store::open_test(dir.join("ansvar.redb")).expect("store")
}

#[test]
fn unsigned_tampered_and_unknown_key_packages_are_refused() {
    let (cache, host) = host();
    let db = store(cache.path());
    let key = SecretKey::generate().unwrap();
    registry::trust_key(&db, key.public(), "Testkommune", now()).unwrap();

    // A bare component is not a package.
    let err = registry::install(&db, &host, &wasm("hostile-good"), &[], now()).unwrap_err();
    assert!(matches!(err, PluginError::Unsigned), "{err:?}");
    assert!(err.message(Lang::Nb).contains("ikke signert"));

    // One byte changed in the component part.
    let bytes = signed(&host, "hostile-good", &key);
    let manifest_len = u32::from_le_bytes(bytes[10..14].try_into().unwrap()) as usize;
    let component_start = 14 + manifest_len + 4;
    let mut tampered = bytes.clone();
    tampered[component_start + 1000] ^= 0x01;
    let err = registry::install(&db, &host, &tampered, &[], now()).unwrap_err();
    assert!(matches!(err, PluginError::Tampered), "{err:?}");
    assert!(
        err.message(Lang::Nb)
            .contains("endret etter at den ble signert")
    );
    let err = registry::check(&host, &tampered, None)
        .err()
        .expect("refused");
    assert!(matches!(err, PluginError::Tampered), "{err:?}");

    // Signed by a key this database does not trust.
    let stranger = SecretKey::generate().unwrap();
    let bytes = signed(&host, "hostile-good", &stranger);
    let err = registry::install(&db, &host, &bytes, &[], now()).unwrap_err();
    match &err {
        PluginError::UnknownKey(fp) => assert_eq!(fp, &stranger.public().fingerprint()),
        other => panic!("expected UnknownKey, got {other:?}"),
    }
    assert!(err.message(Lang::Nb).contains("ikke er godkjent"));
    // Without a database, check only verifies the signature.
    assert!(registry::check(&host, &bytes, None).is_ok());

    // Not a package at all.
    let err = registry::install(&db, &host, b"hello", &[], now()).unwrap_err();
    assert!(matches!(err, PluginError::NotAPackage), "{err:?}");

    assert!(
        registry::installed(&db).unwrap().is_empty(),
        "nothing installed"
    );
}

#[test]
fn downgrades_reinstalls_and_manifest_mismatches_are_refused() {
    let (cache, host) = host();
    let db = store(cache.path());
    let key = SecretKey::generate().unwrap();
    registry::trust_key(&db, key.public(), "Testkommune", now()).unwrap();

    let good = signed(&host, "hostile-good", &key);
    let record = registry::install(&db, &host, &good, &[], now()).unwrap();
    assert_eq!(record.manifest.version, "1.0.0");

    let old = signed(&host, "hostile-old-version", &key);
    let err = registry::install(&db, &host, &old, &[], now()).unwrap_err();
    match &err {
        PluginError::Downgrade {
            plugin,
            offered,
            installed,
        } => {
            assert_eq!(
                (plugin.as_str(), offered.as_str(), installed.as_str()),
                (HOSTILE_ID, "0.9.0", "1.0.0")
            );
        }
        other => panic!("expected Downgrade, got {other:?}"),
    }
    assert_names(&err, HOSTILE_ID);
    assert!(
        err.message(Lang::Nb)
            .contains("er eldre enn installert versjon 1.0.0")
    );

    let err = registry::install(&db, &host, &good, &[], now()).unwrap_err();
    assert!(
        matches!(&err, PluginError::AlreadyInstalled { plugin, version } if plugin == HOSTILE_ID && version == "1.0.0"),
        "{err:?}"
    );
    assert_names(&err, HOSTILE_ID);

    // A package whose manifest claims something the plugin does not.
    let mut manifest = load(&host, "hostile-good").manifest;
    manifest.version = "2.0.0".into();
    let lying = Package::sign(
        serde_json::to_vec(&manifest).unwrap(),
        wasm("hostile-good"),
        &key,
    )
    .to_bytes();
    let err = registry::install(&db, &host, &lying, &[], now()).unwrap_err();
    assert!(matches!(err, PluginError::ManifestMismatch), "{err:?}");
    let not_json = Package::sign(b"{".to_vec(), wasm("hostile-good"), &key).to_bytes();
    assert!(matches!(
        registry::check(&host, &not_json, Some(&db)),
        Err(PluginError::ManifestMismatch)
    ));

    // The installed record is untouched by all of the above.
    let installed = registry::installed(&db).unwrap();
    assert_eq!(installed, vec![record]);
}

#[test]
fn install_load_and_remove_round_trip() {
    let (cache, host) = host();
    let db = store(cache.path());
    let key = SecretKey::generate().unwrap();
    registry::trust_key(&db, key.public(), "Fjordvik kommune", now()).unwrap();
    assert_eq!(registry::trusted_keys(&db).unwrap().len(), 1);

    let bytes = signed(&host, "ips-follow-up", &key);
    // Granted one of the two requested, plus one never requested (dropped).
    let grant = [
        Capability::GoalsInDomain(LifeDomain::WorkAndActivity),
        Capability::PersonName,
    ];
    let record = registry::install(&db, &host, &bytes, &grant, now()).unwrap();
    assert_eq!(record.manifest.id, IPS_ID);
    assert_eq!(
        record.granted,
        vec![Capability::GoalsInDomain(LifeDomain::WorkAndActivity)]
    );
    assert_eq!(record.publisher_key, key.public().to_string());
    assert_eq!(record.failing, None);

    let (loaded_record, plugin) = registry::load(&db, &host, IPS_ID).unwrap();
    assert_eq!(loaded_record, record);
    assert_eq!(plugin.hash, record.hash);
    assert_eq!(plugin.validate(IPS_SAMPLE, &ips_ctx()).unwrap(), vec![]);

    // A second plugin beside it, then remove the first.
    let housing = signed(&host, "housing-checklist", &key);
    registry::install(&db, &host, &housing, &[], now()).unwrap();
    assert_eq!(registry::installed(&db).unwrap().len(), 2);
    registry::remove(&db, IPS_ID).unwrap();
    let left: Vec<String> = registry::installed(&db)
        .unwrap()
        .into_iter()
        .map(|p| p.manifest.id)
        .collect();
    assert_eq!(left, vec![HOUSING_ID]);
    assert!(matches!(
        registry::load(&db, &host, IPS_ID),
        Err(PluginError::NotInstalled(_))
    ));
    let err = registry::remove(&db, IPS_ID).unwrap_err();
    assert!(matches!(&err, PluginError::NotInstalled(id) if id == IPS_ID));
    assert!(err.message(Lang::Nb).contains(IPS_ID));
    // The remaining plugin still loads from the database.
    assert!(registry::load(&db, &host, HOUSING_ID).is_ok());
    // And it can be installed again after removal.
    registry::install(&db, &host, &bytes, &[], now()).unwrap();
}

#[test]
fn a_misbehaving_installed_plugin_is_marked_failing_and_nothing_stored_is_harmed() {
    let (cache, host) = host();
    let db_path = cache.path().join("ansvar.redb");
    let db = Store::open_test(&db_path).unwrap();
    let key = SecretKey::generate().unwrap();
    registry::trust_key(&db, key.public(), "Testkommune", now()).unwrap();
    registry::install(
        &db,
        &host,
        &signed(&host, "housing-checklist", &key),
        &[],
        now(),
    )
    .unwrap();
    registry::install(&db, &host, &signed(&host, "hostile-loop", &key), &[], now()).unwrap();
    let before = registry::installed(&db).unwrap();
    let bytes_before = std::fs::read(&db_path).unwrap();

    // Hostile calls that go through the host only leave the database file byte for byte as it
    // was.
    let (_, looping) = registry::load(&db, &host, HOSTILE_ID).unwrap();
    for name in [
        "hostile-memory-bomb",
        "hostile-panic",
        "hostile-malformed-result",
    ] {
        assert!(load(&host, name).validate("{}", &ctx()).is_err());
    }
    assert!(looping.validate("{}", &ctx()).is_err());
    assert_eq!(std::fs::read(&db_path).unwrap(), bytes_before);

    // A non-fault error does not mark it.
    let err = registry::call_installed(&db, HOSTILE_ID, || {
        Err::<(), _>(PluginError::NotInstalled("x".into()))
    })
    .unwrap_err();
    assert!(matches!(err, PluginError::NotInstalled(_)));
    assert_eq!(registry::installed(&db).unwrap(), before);
    // A success passes its value through.
    let lines =
        registry::call_installed(&db, HOSTILE_ID, || looping.summarize("{}", &ctx())).unwrap();
    assert_eq!(lines[0].text.en, "Note: ");

    // The runaway call: stopped, and the plugin is marked failing with the message.
    let err = registry::call_installed(&db, HOSTILE_ID, || {
        looping.validate(r#"{"note":"hei"}"#, &ctx())
    })
    .unwrap_err();
    assert!(matches!(err, PluginError::TimeLimit { .. }), "{err:?}");
    let record = registry::installed_plugin(&db, HOSTILE_ID)
        .unwrap()
        .unwrap();
    let failing = record.failing.expect("marked failing");
    assert_eq!(failing, err.message(Lang::Nb));
    assert!(failing.contains(HOSTILE_ID));
    // Everything else about it, and the other plugin, is as before.
    let after = registry::installed(&db).unwrap();
    assert_eq!(after.len(), 2);
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.manifest, a.manifest);
        assert_eq!(b.hash, a.hash);
        assert_eq!(b.granted, a.granted);
    }
    let housing = after.iter().find(|p| p.manifest.id == HOUSING_ID).unwrap();
    assert_eq!(housing.failing, None);
    let (_, housing) = registry::load(&db, &host, HOUSING_ID).unwrap();
    assert_eq!(housing.validate(CALM, &ctx()).unwrap(), vec![]);
    assert_eq!(
        registry::load(&db, &host, HOSTILE_ID).unwrap().0.hash,
        record.hash
    );

    // set_failing(None) clears the mark; unknown ids are reported.
    registry::set_failing(&db, HOSTILE_ID, None).unwrap();
    assert_eq!(registry::installed(&db).unwrap(), before);
    assert!(matches!(
        registry::set_failing(&db, "no.test.finnes-ikke", Some("x".into())),
        Err(PluginError::NotInstalled(_))
    ));
}
