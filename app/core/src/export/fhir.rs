//! The case as one FHIR R4 (4.0.1) Bundle, and a new case from such a Bundle.
//!
//! | Ansvar | FHIR R4 |
//! |---|---|
//! | the person | Patient |
//! | staff participants / relatives | Practitioner / RelatedPerson (+ Organization per service) |
//! | the responsibility group | CareTeam |
//! | the individual plan | CarePlan (category `individual-plan`), activities → Tasks |
//! | the crisis plan | CarePlan (category `crisis-plan`, `partOf` the IP) |
//! | goals | Goal (`expressedBy` the Patient when the person wrote it) |
//! | actions | Task (owner, `restriction.period.end` = due, status, `encounter` = agreed in) |
//! | consents | Consent (`provision.actor` = recipient, `provision.code` = sections) |
//! | meetings | Encounter |
//! | plugin forms | QuestionnaireResponse (+ Questionnaire from the plugin's form) |
//!
//! Ids are stable: every entity keeps its UUID as the FHIR id, and the resources without one
//! (CareTeam, CarePlan, Organization, ...) get name-based UUIDs, so that export → import →
//! export gives the same Bundle. What FHIR R4 has no element for travels in extensions under
//! [`BASE`].

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{ExportError, PluginSections};
use crate::consent::CaseView;
use crate::domain::{
    self, Action, ActionId, ActionStatus, AgendaItem, AgendaItemId, Approval, Attendance, Author,
    Case, CaseId, Consent, ConsentId, ConsentMethod, ConsentRecipient, Contact, ContactId,
    CrisisPlan, DateField, Edit, EditError, Evaluation, EvaluationId, FormEntry, FormEntryId, Goal,
    GoalId, GoalStatus, Level, LifeDomain, Meeting, MeetingId, Participant, ParticipantId, Rating,
    Role, Section, TextField, Zone,
};
use crate::i18n::Lang;
use crate::plugins::api::{
    self as papi, Condition, FieldKind, FormDefinition, MatchValue, ValueKind,
};
use crate::plugins::validate::value_kind;
use crate::session::Session;
use crate::store::Store;
use crate::text::{S, labels};

/// Where Ansvar's own extensions and code systems live.
pub const BASE: &str = "https://ansvar.example/fhir";
/// The FHIR version written, and the one read (4.0.x).
pub const FHIR_VERSION: &str = "4.0.1";
const VERSION_SYSTEM: &str = "http://hl7.org/fhir/FHIR-version";
const FNR_SYSTEM: &str = "urn:oid:2.16.578.1.12.4.1.4.1";
/// Stands in for an empty text where FHIR requires one.
const NO_TEXT: &str = "–";

fn ext_url(name: &str) -> String {
    format!("{BASE}/StructureDefinition/{name}")
}

fn code_system(name: &str) -> String {
    format!("{BASE}/CodeSystem/{name}")
}

fn questionnaire_url(plugin_id: &str) -> String {
    format!("{BASE}/Questionnaire/{plugin_id}")
}

/// A UUID derived from a name: the same input gives the same id in every export.
fn name_uuid(kind: &str, seed: &str) -> Uuid {
    let digest = Sha256::digest(format!("ansvar:{kind}:{seed}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x50;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    Uuid::from_bytes(bytes)
}

fn urn(id: Uuid) -> String {
    format!("urn:uuid:{id}")
}

fn reference(id: Uuid) -> Value {
    json!({ "reference": urn(id) })
}

fn iso_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn iso_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The serde name of a unit enum value, as a code.
fn code_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

fn from_code<T: DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(Value::String(code.to_string())).ok()
}

fn coding(system: &str, code: &str, display: &str) -> Value {
    let mut c = json!({ "system": system, "code": code });
    if !display.is_empty() {
        c["display"] = json!(display);
    }
    c
}

fn concept(system: &str, code: &str, display: &str) -> Value {
    json!({ "coding": [coding(system, code, display)] })
}

/// A JSON object that leaves out what FHIR does not allow: empty strings, arrays and objects.
#[derive(Default)]
struct Obj(Map<String, Value>);

impl Obj {
    fn new(resource_type: &str, id: Uuid) -> Obj {
        let mut o = Obj::default();
        o.0.insert("resourceType".into(), json!(resource_type));
        o.0.insert("id".into(), json!(id.to_string()));
        o
    }

    fn set(&mut self, key: &str, value: Value) -> &mut Obj {
        let empty = match &value {
            Value::Null => true,
            Value::String(s) => s.is_empty(),
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.is_empty(),
            _ => false,
        };
        if !empty {
            self.0.insert(key.into(), value);
        }
        self
    }

    fn text(&mut self, key: &str, s: &str) -> &mut Obj {
        self.set(key, json!(s))
    }

    fn done(&mut self) -> Value {
        Value::Object(std::mem::take(&mut self.0))
    }
}

fn ext(name: &str, value_key: &str, value: Value) -> Option<Value> {
    match &value {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        _ => Some(json!({ "url": ext_url(name), value_key: value })),
    }
}

fn complex_ext(name: &str, parts: Vec<Value>) -> Value {
    json!({ "url": ext_url(name), "extension": parts })
}

/// A sub-extension of a complex extension (relative url).
fn part(name: &str, value_key: &str, value: Value) -> Option<Value> {
    match &value {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        _ => Some(json!({ "url": name, value_key: value })),
    }
}

fn period(start: Option<String>, end: Option<String>) -> Value {
    let mut p = Map::new();
    if let Some(s) = start {
        p.insert("start".into(), json!(s));
    }
    if let Some(e) = end {
        p.insert("end".into(), json!(e));
    }
    Value::Object(p)
}

fn telecom(phone: &str, email: &str) -> Value {
    let mut t = Vec::new();
    if !phone.is_empty() {
        t.push(json!({ "system": "phone", "value": phone }));
    }
    if !email.is_empty() {
        t.push(json!({ "system": "email", "value": email }));
    }
    Value::Array(t)
}

fn name(text: &str) -> Value {
    if text.is_empty() {
        json!([])
    } else {
        json!([{ "text": text }])
    }
}

fn entry(resource: Value) -> Value {
    let id = resource["id"].as_str().unwrap_or_default().to_string();
    json!({ "fullUrl": format!("urn:uuid:{id}"), "resource": resource })
}

fn section_code(s: Section) -> String {
    match s {
        Section::Goals(d) => format!("goals.{}", code_of(&d)),
        Section::Actions => "actions".into(),
        Section::CrisisPlan => "crisis_plan".into(),
        Section::Forms => "forms".into(),
        Section::Minutes => "minutes".into(),
    }
}

fn section_from_code(code: &str) -> Option<Section> {
    match code {
        "actions" => Some(Section::Actions),
        "crisis_plan" => Some(Section::CrisisPlan),
        "forms" => Some(Section::Forms),
        "minutes" => Some(Section::Minutes),
        _ => code
            .strip_prefix("goals.")
            .and_then(from_code::<LifeDomain>)
            .map(Section::Goals),
    }
}

fn lifecycle(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::NotStarted => "planned",
        GoalStatus::InProgress => "active",
        GoalStatus::Achieved => "completed",
        GoalStatus::Paused => "on-hold",
        GoalStatus::Dropped => "cancelled",
    }
}

fn goal_status_from(lifecycle: &str) -> GoalStatus {
    match lifecycle {
        "active" | "accepted" => GoalStatus::InProgress,
        "completed" => GoalStatus::Achieved,
        "on-hold" => GoalStatus::Paused,
        "cancelled" | "rejected" | "entered-in-error" => GoalStatus::Dropped,
        _ => GoalStatus::NotStarted,
    }
}

/// The achievement status, derived from the status and the person's last two ratings.
fn achievement(goal: &Goal) -> Option<(&'static str, &'static str)> {
    match goal.status {
        GoalStatus::NotStarted => None,
        GoalStatus::Achieved => Some(("achieved", "Achieved")),
        GoalStatus::Dropped => Some(("not-achieved", "Not Achieved")),
        GoalStatus::Paused => Some(("no-progress", "No Progress")),
        GoalStatus::InProgress => Some(match goal.ratings.as_slice() {
            [.., a, b] if b.value > a.value => ("improving", "Improving"),
            [.., a, b] if b.value < a.value => ("worsening", "Worsening"),
            [.., _, _] => ("no-change", "No Change"),
            _ => ("in-progress", "In Progress"),
        }),
    }
}

fn task_status(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Open => "in-progress",
        ActionStatus::Done => "completed",
        ActionStatus::Cancelled => "cancelled",
    }
}

fn action_status_from(s: &str) -> ActionStatus {
    match s {
        "completed" => ActionStatus::Done,
        "cancelled" | "rejected" | "failed" | "entered-in-error" => ActionStatus::Cancelled,
        _ => ActionStatus::Open,
    }
}

/// The crisis plan's free texts, each with its code.
fn crisis_texts(cp: &CrisisPlan) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for z in Zone::ALL {
        let zp = cp.zone(z);
        let zc = code_of(&z);
        out.push((format!("{zc}.signs"), zp.signs.as_str()));
        out.push((format!("{zc}.what_i_do"), zp.what_i_do.as_str()));
        out.push((format!("{zc}.what_others_do"), zp.what_others_do.as_str()));
    }
    out.push(("triggers".into(), cp.triggers.as_str()));
    out.push((
        "how_i_want_to_be_met".into(),
        cp.how_i_want_to_be_met.as_str(),
    ));
    out.push(("what_does_not_help".into(), cp.what_does_not_help.as_str()));
    out.push(("treatment_wishes".into(), cp.treatment_wishes.as_str()));
    out.push(("practical_matters".into(), cp.practical_matters.as_str()));
    out
}

fn crisis_text_mut<'a>(cp: &'a mut CrisisPlan, code: &str) -> Option<&'a mut String> {
    match code {
        "triggers" => Some(&mut cp.triggers),
        "how_i_want_to_be_met" => Some(&mut cp.how_i_want_to_be_met),
        "what_does_not_help" => Some(&mut cp.what_does_not_help),
        "treatment_wishes" => Some(&mut cp.treatment_wishes),
        "practical_matters" => Some(&mut cp.practical_matters),
        _ => {
            let (z, f) = code.split_once('.')?;
            let zone = cp.zone_mut(from_code::<Zone>(z)?);
            match f {
                "signs" => Some(&mut zone.signs),
                "what_i_do" => Some(&mut zone.what_i_do),
                "what_others_do" => Some(&mut zone.what_others_do),
                _ => None,
            }
        }
    }
}

fn kinded_note(kind: &str, text: &str) -> Option<Value> {
    (!text.is_empty()).then(|| {
        json!({
            "extension": [{ "url": ext_url("note-kind"), "valueCode": kind }],
            "text": text,
        })
    })
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

/// The ids of the resources that have no entity of their own.
struct Ids {
    patient: Uuid,
    care_team: Uuid,
    care_plan: Uuid,
    crisis_plan: Uuid,
    bundle: Uuid,
}

impl Ids {
    fn of(case: &Case) -> Ids {
        let patient = case
            .participants
            .iter()
            .find(|p| p.role == Role::Person)
            .map(|p| p.id.0)
            .unwrap_or_else(|| {
                let birth = case.person.birth_date.map(iso_date).unwrap_or_default();
                name_uuid("patient", &format!("{}|{birth}", case.person.name))
            });
        let seed = patient.to_string();
        Ids {
            patient,
            care_team: name_uuid("care-team", &seed),
            care_plan: name_uuid("care-plan", &seed),
            crisis_plan: name_uuid("crisis-plan", &seed),
            bundle: name_uuid("bundle", &seed),
        }
    }
}

fn org_id(name: &str) -> Uuid {
    name_uuid("organization", name)
}

/// The case as a FHIR R4 Bundle (type `collection`), holding what the view's audience may see
/// (a recipient's extract, or the whole case). `timestamp` is the Bundle's time.
pub fn export_bundle(case: &CaseView, forms: &PluginSections, timestamp: DateTime<Utc>) -> Value {
    let ids = Ids::of(case);
    let patient_ref = reference(ids.patient);
    // Participants are referred to by their own id, except the person: the Patient.
    let pref = |id: ParticipantId| -> Value {
        match case.participant(id) {
            Some(p) if p.role == Role::Person => reference(ids.patient),
            _ => reference(id.0),
        }
    };
    let mut entries = Vec::new();

    // Patient.
    let person = &case.person;
    let mut patient = Obj::new("Patient", ids.patient);
    if !person.national_id.is_empty() {
        patient.set(
            "identifier",
            json!([{ "system": FNR_SYSTEM, "value": person.national_id }]),
        );
    }
    patient
        .set("active", json!(true))
        .set("name", name(&person.name))
        .set("telecom", telecom(&person.phone, &person.email))
        .set("birthDate", json!(person.birth_date.map(iso_date)));
    if !person.address.is_empty() {
        patient.set("address", json!([{ "text": person.address }]));
    }
    entries.push(entry(patient.done()));

    // Practitioners and relatives.
    for p in &case.participants {
        let kind = match p.role {
            Role::Person => continue,
            Role::Relative => "RelatedPerson",
            _ => "Practitioner",
        };
        let mut r = Obj::new(kind, p.id.0);
        if p.role == Role::Relative {
            r.set("patient", patient_ref.clone());
        }
        r.set("name", name(&p.name))
            .set("telecom", telecom(&p.phone, &p.email));
        entries.push(entry(r.done()));
    }

    // Organizations: the services participants come from, and organisations given consent.
    let mut orgs: Vec<&str> = Vec::new();
    let org_names = case
        .participants
        .iter()
        .map(|p| p.organisation.as_str())
        .chain(case.consents.iter().filter_map(|c| match &c.recipient {
            ConsentRecipient::Organisation(o) => Some(o.as_str()),
            ConsentRecipient::Participant(_) => None,
        }));
    for o in org_names {
        if !o.is_empty() && !orgs.contains(&o) {
            orgs.push(o);
        }
    }
    for o in &orgs {
        let mut r = Obj::new("Organization", org_id(o));
        r.set("active", json!(true)).text("name", o);
        entries.push(entry(r.done()));
    }

    // The responsibility group.
    let mut team = Obj::new("CareTeam", ids.care_team);
    let title = if person.name.is_empty() {
        "Ansvarsgruppe".to_string()
    } else {
        format!("Ansvarsgruppe for {}", person.name)
    };
    team.text("status", "active")
        .text("name", &title)
        .set("subject", patient_ref.clone());
    let members: Vec<Value> = case
        .participants
        .iter()
        .map(|p| {
            let mut m = Obj::default();
            let exts: Vec<Value> = [
                ext("participant-level", "valueCode", json!(code_of(&p.level))),
                ext(
                    "participant-contributes",
                    "valueString",
                    json!(p.contributes),
                ),
            ]
            .into_iter()
            .flatten()
            .collect();
            m.set("extension", Value::Array(exts))
                .set(
                    "role",
                    json!([concept(
                        &code_system("participant-role"),
                        &code_of(&p.role),
                        labels::role(p.role).get(Lang::Nb)
                    )]),
                )
                .set(
                    "member",
                    json!({ "reference": pref(p.id)["reference"], "display": p.name }),
                );
            if !p.organisation.is_empty() {
                m.set(
                    "onBehalfOf",
                    json!({ "reference": urn(org_id(&p.organisation)), "display": p.organisation }),
                );
            }
            m.set(
                "period",
                period(p.active_from.map(iso_date), p.active_to.map(iso_date)),
            );
            m.done()
        })
        .collect();
    team.set("participant", Value::Array(members));
    entries.push(entry(team.done()));

    // The individual plan.
    let plan = &case.plan;
    let mut cp = Obj::new("CarePlan", ids.care_plan);
    cp.set(
        "extension",
        json!(
            [ext(
                "plan-revision-date",
                "valueDate",
                json!(plan.revision_date.map(iso_date))
            )]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
        ),
    )
    .text("status", "active")
    .text("intent", "plan")
    .set(
        "category",
        json!([concept(
            &code_system("plan-kind"),
            "individual-plan",
            "Individuell plan"
        )]),
    )
    .text(
        "title",
        &if person.name.is_empty() {
            "Individuell plan".to_string()
        } else {
            format!("Individuell plan for {}", person.name)
        },
    )
    .text("description", &plan.main_goal)
    .set("subject", patient_ref.clone())
    .set(
        "period",
        period(
            plan.period_start.map(iso_date),
            plan.period_end.map(iso_date),
        ),
    )
    .set("careTeam", json!([reference(ids.care_team)]));
    if let Some(c) = plan.coordinator {
        cp.set("author", pref(c));
    }
    cp.set(
        "goal",
        Value::Array(case.goals.iter().map(|g| reference(g.id.0)).collect()),
    )
    .set(
        "activity",
        Value::Array(
            case.actions
                .iter()
                .map(|a| json!({ "reference": reference(a.id.0) }))
                .collect(),
        ),
    )
    .set(
        "note",
        Value::Array(
            [
                kinded_note("resources", &plan.resources),
                kinded_note("needs", &plan.needs),
                kinded_note("implementation", &plan.implementation),
                kinded_note("cooperation", &plan.cooperation),
            ]
            .into_iter()
            .flatten()
            .collect(),
        ),
    );
    entries.push(entry(cp.done()));

    // The crisis plan, when there is one.
    let crisis = &case.crisis_plan;
    if *crisis != CrisisPlan::default() {
        let mut c = Obj::new("CarePlan", ids.crisis_plan);
        let mut exts: Vec<Value> = [
            ext(
                "crisis-plan-reviewed",
                "valueDate",
                json!(crisis.reviewed_on.map(iso_date)),
            ),
            ext(
                "crisis-plan-reviewed-by",
                "valueString",
                json!(crisis.reviewed_by),
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        for k in &crisis.contacts {
            exts.push(complex_ext(
                "crisis-contact",
                [
                    part("id", "valueString", json!(k.id.to_string())),
                    part("name", "valueString", json!(k.name)),
                    part("role", "valueString", json!(k.role)),
                    part("phone", "valueString", json!(k.phone)),
                    part("note", "valueString", json!(k.note)),
                ]
                .into_iter()
                .flatten()
                .collect(),
            ));
        }
        c.set("extension", Value::Array(exts))
            .set("partOf", json!([reference(ids.care_plan)]))
            .text("status", "active")
            .text("intent", "plan")
            .set(
                "category",
                json!([concept(
                    &code_system("plan-kind"),
                    "crisis-plan",
                    "Kriseplan"
                )]),
            )
            .text("title", "Kriseplan")
            .set("subject", patient_ref.clone())
            .set(
                "note",
                Value::Array(
                    crisis_texts(crisis)
                        .into_iter()
                        .filter_map(|(code, text)| kinded_note(&code, text))
                        .collect(),
                ),
            );
        entries.push(entry(c.done()));
    }

    // Goals.
    for g in &case.goals {
        let mut r = Obj::new("Goal", g.id.0);
        let ratings: Vec<Value> = g
            .ratings
            .iter()
            .map(|rt| {
                complex_ext(
                    "goal-rating",
                    vec![
                        json!({ "url": "date", "valueDate": iso_date(rt.date) }),
                        json!({ "url": "value", "valueInteger": rt.value }),
                    ],
                )
            })
            .collect();
        r.set("extension", Value::Array(ratings))
            .text("lifecycleStatus", lifecycle(g.status));
        if let Some((code, display)) = achievement(g) {
            r.set(
                "achievementStatus",
                concept(
                    "http://terminology.hl7.org/CodeSystem/goal-achievement",
                    code,
                    display,
                ),
            );
        }
        r.set(
            "category",
            json!([concept(
                &code_system("life-domain"),
                &code_of(&g.domain),
                labels::domain(g.domain).get(Lang::Nb)
            )]),
        )
        .set(
            "description",
            json!({ "text": if g.own_words.is_empty() { NO_TEXT } else { &g.own_words } }),
        )
        .set("subject", patient_ref.clone())
        .set(
            "target",
            match g.target_date {
                Some(d) => json!([{ "dueDate": iso_date(d) }]),
                None => json!([]),
            },
        );
        if g.expressed_by_person {
            r.set("expressedBy", patient_ref.clone());
        }
        let mut notes: Vec<Value> = kinded_note("professional-wording", &g.professional_wording)
            .into_iter()
            .collect();
        for e in &g.evaluations {
            let mut exts = vec![
                json!({ "url": ext_url("note-kind"), "valueCode": "evaluation" }),
                json!({ "url": ext_url("evaluation-id"), "valueString": e.id.to_string() }),
            ];
            if let Some(m) = e.meeting {
                exts.push(json!({ "url": ext_url("evaluation-meeting"), "valueReference": reference(m.0) }));
            }
            notes.push(json!({
                "extension": exts,
                "time": iso_date(e.date),
                "text": if e.text.is_empty() { NO_TEXT } else { &e.text },
            }));
        }
        r.set("note", Value::Array(notes));
        entries.push(entry(r.done()));
    }

    // Actions.
    for a in &case.actions {
        let mut t = Obj::new("Task", a.id.0);
        let mut exts: Vec<Value> = a
            .goals
            .iter()
            .map(|g| json!({ "url": ext_url("action-goal"), "valueReference": reference(g.0) }))
            .collect();
        if let Some(m) = a.followed_up_in {
            exts.push(
                json!({ "url": ext_url("action-followed-up-in"), "valueReference": reference(m.0) }),
            );
        }
        t.set("extension", Value::Array(exts))
            .set("basedOn", json!([reference(ids.care_plan)]))
            .text("status", task_status(a.status))
            .text("intent", "plan")
            .text("description", &a.what)
            .set("for", patient_ref.clone());
        if let Some(m) = a.agreed_in {
            t.set("encounter", reference(m.0));
        }
        if let Some(p) = a.responsible {
            t.set("owner", pref(p));
        }
        if let Some(d) = a.due {
            t.set("restriction", json!({ "period": { "end": iso_date(d) } }));
        }
        entries.push(entry(t.done()));
    }

    // Consents.
    for c in &case.consents {
        let mut r = Obj::new("Consent", c.id.0);
        // In force now (a consent with no date counts as given: `consent::in_force`), or withdrawn.
        let status = match c.withdrawn {
            Some(w) if w <= timestamp.date_naive() => "inactive",
            _ => "active",
        };
        r.set(
            "extension",
            Value::Array(
                [
                    ext("consent-method", "valueCode", json!(code_of(&c.method))),
                    ext("consent-note", "valueString", json!(c.note)),
                ]
                .into_iter()
                .flatten()
                .collect(),
            ),
        )
        .text("status", status)
        .set(
            "scope",
            concept(
                "http://terminology.hl7.org/CodeSystem/consentscope",
                "patient-privacy",
                "Privacy Consent",
            ),
        )
        .set(
            "category",
            json!([concept("http://loinc.org", "59284-0", "Patient Consent")]),
        )
        .set("patient", patient_ref.clone())
        .set("dateTime", json!(c.given.map(iso_date)))
        .set(
            "policyRule",
            concept(
                "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                "OPTIN",
                "opt-in",
            ),
        );
        let actor = match &c.recipient {
            ConsentRecipient::Participant(p) => Some(pref(*p)),
            ConsentRecipient::Organisation(o) if !o.is_empty() => Some(reference(org_id(o))),
            ConsentRecipient::Organisation(_) => None,
        };
        let mut provision = Obj::default();
        provision
            .text("type", "permit")
            .set(
                "period",
                period(c.given.map(iso_date), c.withdrawn.map(iso_date)),
            )
            .set(
                "actor",
                match actor {
                    Some(a) => json!([{
                        "role": concept(
                            "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                            "IRCP",
                            "information recipient"
                        ),
                        "reference": a,
                    }]),
                    None => json!([]),
                },
            )
            .set(
                "code",
                Value::Array(
                    c.sections
                        .iter()
                        .map(|s| {
                            concept(
                                &code_system("consent-section"),
                                &section_code(*s),
                                &labels::section_in_text(*s, Lang::Nb),
                            )
                        })
                        .collect(),
                ),
            );
        r.set("provision", provision.done());
        entries.push(entry(r.done()));
    }

    // Meetings.
    for m in &case.meetings {
        entries.push(entry(encounter(case, m, &ids)));
    }

    // Plugin forms: a Questionnaire per plugin whose form is known, a response per entry.
    let mut questionnaires: BTreeSet<(&str, &str)> = BTreeSet::new();
    for f in &case.forms {
        if let Some(def) = forms.form_of(&f.plugin_id)
            && questionnaires.insert((&f.plugin_id, &f.plugin_version))
        {
            entries.push(entry(questionnaire(&f.plugin_id, &f.plugin_version, def)));
        }
    }
    for f in &case.forms {
        entries.push(entry(questionnaire_response(
            f,
            forms.form_of(&f.plugin_id),
            &patient_ref,
        )));
    }

    json!({
        "resourceType": "Bundle",
        "id": ids.bundle.to_string(),
        "meta": {
            "tag": [{ "system": VERSION_SYSTEM, "code": FHIR_VERSION }],
        },
        "type": "collection",
        "timestamp": iso_time(timestamp),
        "entry": entries,
    })
}

fn participation_codes(m: &Meeting, p: ParticipantId) -> Vec<&'static str> {
    let mut codes = Vec::new();
    match m.attendance.get(&p) {
        Some(Attendance::Present) => codes.push("present"),
        Some(Attendance::SentApologies) => codes.push("sent_apologies"),
        Some(Attendance::Absent) => codes.push("absent"),
        None => {}
    }
    if m.chair == Some(p) {
        codes.push("chair");
    }
    if m.note_taker == Some(p) {
        codes.push("note_taker");
    }
    if m.minutes_recipients.contains(&p) {
        codes.push("minutes_recipient");
    }
    codes
}

fn participation_display(code: &str) -> &'static str {
    match code {
        "present" => "Til stede",
        "sent_apologies" => "Meldt forfall",
        "absent" => "Ikke møtt",
        "chair" => "Møteleder",
        "note_taker" => "Referent",
        _ => "Får referatet",
    }
}

fn encounter(case: &Case, m: &Meeting, ids: &Ids) -> Value {
    let system = code_system("meeting-participation");
    let mut r = Obj::new("Encounter", m.id.0);
    let mut exts: Vec<Value> = Vec::new();
    let mut participants = Vec::new();
    for p in &case.participants {
        let codes = participation_codes(m, p.id);
        if codes.is_empty() {
            continue;
        }
        if p.role == Role::Person {
            // Encounter.participant cannot name the Patient in R4.
            for c in codes {
                exts.push(json!({
                    "url": ext_url("patient-participation"),
                    "valueCoding": coding(&system, c, participation_display(c)),
                }));
            }
        } else {
            participants.push(json!({
                "type": codes
                    .iter()
                    .map(|c| json!({ "coding": [coding(&system, c, participation_display(c))] }))
                    .collect::<Vec<_>>(),
                "individual": { "reference": urn(p.id.0), "display": p.name },
            }));
        }
    }
    for item in &m.agenda {
        let mut parts: Vec<Value> = [
            part("id", "valueString", json!(item.id.to_string())),
            part("title", "valueString", json!(item.title)),
            part("minutes", "valueString", json!(item.minutes)),
            part("seconds", "valueInteger", json!(item.seconds_spent)),
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.extend(
            item.goals
                .iter()
                .map(|g| json!({ "url": "goal", "valueReference": reference(g.0) })),
        );
        parts.extend(
            item.actions
                .iter()
                .map(|a| json!({ "url": "action", "valueReference": reference(a.0) })),
        );
        exts.push(complex_ext("agenda-item", parts));
    }
    exts.extend(ext(
        "meeting-agreements",
        "valueString",
        json!(m.agreements),
    ));
    exts.extend(ext(
        "next-meeting",
        "valueDateTime",
        json!(m.next_meeting.map(iso_time)),
    ));
    if let Some(a) = &m.approved {
        exts.push(complex_ext(
            "minutes-approval",
            [
                part("on", "valueDate", json!(iso_date(a.on))),
                part("by", "valueString", json!(a.by)),
            ]
            .into_iter()
            .flatten()
            .collect(),
        ));
    }
    r.set("extension", Value::Array(exts))
        .text("status", if m.ended { "finished" } else { "planned" })
        .set(
            "class",
            coding(
                "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                "AMB",
                "ambulatory",
            ),
        )
        .set(
            "type",
            json!([concept(
                &code_system("encounter-type"),
                "responsibility-group-meeting",
                "Ansvarsgruppemøte"
            )]),
        )
        .set("subject", reference(ids.patient))
        .set("participant", Value::Array(participants))
        .set("period", json!({ "start": iso_time(m.starts_at) }));
    if !m.place.is_empty() {
        r.set("location", json!([{ "location": { "display": m.place } }]));
    }
    r.done()
}

fn loc(l: &papi::Localized) -> &str {
    if l.nb.is_empty() { &l.en } else { &l.nb }
}

/// A FHIR `name`: letters and digits only, starting with a capital.
fn computable_name(s: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    if !out.starts_with(|c: char| c.is_ascii_uppercase()) {
        out.insert(0, 'Q');
    }
    out
}

fn enable_when(cond: &Condition, prefix: &str) -> Vec<Value> {
    let question = format!("{prefix}{}", cond.field);
    match &cond.is {
        MatchValue::OneOf(values) => values
            .iter()
            .map(
                |v| json!({ "question": question, "operator": "=", "answerCoding": { "code": v } }),
            )
            .collect(),
        MatchValue::YesNo(b) => {
            vec![json!({ "question": question, "operator": "=", "answerBoolean": b })]
        }
        MatchValue::Answered => {
            vec![json!({ "question": question, "operator": "exists", "answerBoolean": true })]
        }
    }
}

fn value_item(
    link: &str,
    label: &papi::Localized,
    required: bool,
    kind: &ValueKind,
    show_when: Option<&Condition>,
    prefix: &str,
) -> Value {
    let mut it = Obj::default();
    it.text("linkId", link).text("text", loc(label));
    let (ty, options, repeats) = match kind {
        ValueKind::ShortText => ("string", None, false),
        ValueKind::LongText => ("text", None, false),
        ValueKind::Number(n) if n.integer => ("integer", None, false),
        ValueKind::Number(_) => ("decimal", None, false),
        ValueKind::Date => ("date", None, false),
        ValueKind::SingleChoice(o) => ("choice", Some(o), false),
        ValueKind::MultipleChoice(o) => ("choice", Some(o), true),
        ValueKind::YesNo => ("boolean", None, false),
        ValueKind::Scale(_) => ("integer", None, false),
        ValueKind::TimeOfDay => ("time", None, false),
    };
    if let Some(c) = show_when {
        let conds = enable_when(c, prefix);
        if conds.len() > 1 {
            it.text("enableBehavior", "any");
        }
        it.set("enableWhen", Value::Array(conds));
    }
    it.text("type", ty);
    if required {
        it.set("required", json!(true));
    }
    if repeats {
        it.set("repeats", json!(true));
    }
    if let Some(options) = options {
        it.set(
            "answerOption",
            Value::Array(
                options
                    .iter()
                    .map(
                        |o| json!({ "valueCoding": { "code": o.value, "display": loc(&o.label) } }),
                    )
                    .collect(),
            ),
        );
    }
    it.done()
}

/// A FHIR Questionnaire from a plugin's form: a group per section, an item per field.
pub fn questionnaire(plugin_id: &str, version: &str, form: &FormDefinition) -> Value {
    let mut q = Obj::new(
        "Questionnaire",
        name_uuid("questionnaire", &format!("{plugin_id}|{version}")),
    );
    let sections: Vec<Value> = form
        .sections
        .iter()
        .map(|s| {
            let items: Vec<Value> = s
                .fields
                .iter()
                .map(|f| match (&f.kind, value_kind(&f.kind)) {
                    (FieldKind::RepeatingGroup(g), _) => {
                        let mut it = Obj::default();
                        it.text("linkId", &f.id).text("text", loc(&f.label));
                        if let Some(c) = &f.show_when {
                            it.set("enableWhen", Value::Array(enable_when(c, "")));
                        }
                        it.text("type", "group");
                        if f.required || g.min_rows > 0 {
                            it.set("required", json!(true));
                        }
                        it.set("repeats", json!(true)).set(
                            "item",
                            Value::Array(
                                g.fields
                                    .iter()
                                    .map(|sf| {
                                        value_item(
                                            &format!("{}.{}", f.id, sf.id),
                                            &sf.label,
                                            sf.required,
                                            &sf.kind,
                                            sf.show_when.as_ref(),
                                            &format!("{}.", f.id),
                                        )
                                    })
                                    .collect(),
                            ),
                        );
                        it.done()
                    }
                    (_, Some(kind)) => {
                        value_item(&f.id, &f.label, f.required, &kind, f.show_when.as_ref(), "")
                    }
                    (_, None) => json!({ "linkId": f.id, "type": "display" }),
                })
                .collect();
            let mut g = Obj::default();
            g.text("linkId", &format!("section/{}", s.id))
                .text("text", loc(&s.title));
            if let Some(c) = &s.show_when {
                g.set("enableWhen", Value::Array(enable_when(c, "")));
            }
            g.text("type", "group").set("item", Value::Array(items));
            g.done()
        })
        .collect();
    q.text("url", &questionnaire_url(plugin_id))
        .text("version", version)
        .text("name", &computable_name(loc(&form.title)))
        .text("title", loc(&form.title))
        .text("status", "active")
        .set("subjectType", json!(["Patient"]))
        .set("item", Value::Array(sections));
    q.done()
}

/// What the form declares about a field, for typing its answers.
#[derive(Clone, Copy)]
enum Declared<'a> {
    Unknown,
    Value(&'a ValueKind),
    Field(&'a FieldKind),
}

fn declared_value(d: Declared<'_>) -> Option<ValueKind> {
    match d {
        Declared::Unknown => None,
        Declared::Value(k) => Some(k.clone()),
        Declared::Field(k) => value_kind(k),
    }
}

fn answer(value: &Value, declared: Option<&ValueKind>) -> Option<Value> {
    Some(match value {
        Value::Bool(b) => json!({ "valueBoolean": b }),
        Value::Number(n) => {
            let int = n.as_i64().filter(|i| i32::try_from(*i).is_ok());
            match (int, declared) {
                (Some(i), Some(ValueKind::Number(spec))) if !spec.integer => {
                    json!({ "valueDecimal": i })
                }
                (Some(i), _) => json!({ "valueInteger": i }),
                (None, _) => json!({ "valueDecimal": n }),
            }
        }
        Value::String(s) if s.is_empty() => return None,
        Value::String(s) => match declared {
            Some(ValueKind::Date) if NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() => {
                json!({ "valueDate": s })
            }
            // FHIR's time has seconds; the form's "HH:MM" does not.
            Some(ValueKind::TimeOfDay)
                if ansvar_plugin_api::logic::TimeOfDay::parse(s).is_some() =>
            {
                json!({ "valueTime": format!("{s}:00") })
            }
            Some(ValueKind::SingleChoice(opts)) | Some(ValueKind::MultipleChoice(opts)) => {
                let mut c = json!({ "code": s });
                if let Some(o) = opts.iter().find(|o| o.value == *s) {
                    c["display"] = json!(loc(&o.label));
                }
                json!({ "valueCoding": c })
            }
            _ => json!({ "valueString": s }),
        },
        _ => return None,
    })
}

/// QuestionnaireResponse items for one data key.
fn data_items(link: &str, text: &str, value: &Value, declared: Declared<'_>, out: &mut Vec<Value>) {
    let kind = declared_value(declared);
    let base = |it: &mut Obj| {
        it.text("linkId", link).text("text", text);
    };
    match value {
        Value::Null => {}
        Value::Array(rows) if rows.iter().any(Value::is_object) => {
            let subs = match declared {
                Declared::Field(FieldKind::RepeatingGroup(g)) => Some(&g.fields),
                _ => None,
            };
            for row in rows {
                let Value::Object(row) = row else { continue };
                let mut items = Vec::new();
                let mut keys: Vec<&String> = row.keys().collect();
                if let Some(subs) = subs {
                    keys.sort_by_key(|k| {
                        subs.iter().position(|s| s.id == **k).unwrap_or(usize::MAX)
                    });
                }
                for k in keys {
                    let sub = subs.and_then(|s| s.iter().find(|s| s.id == *k));
                    let sub_text = sub.map(|s| loc(&s.label).to_string()).unwrap_or_default();
                    let d = sub.map_or(Declared::Unknown, |s| Declared::Value(&s.kind));
                    data_items(
                        &format!("{link}.{k}"),
                        &sub_text,
                        &row[k.as_str()],
                        d,
                        &mut items,
                    );
                }
                let mut it = Obj::default();
                base(&mut it);
                it.set("item", Value::Array(items));
                out.push(it.done());
            }
        }
        Value::Array(values) => {
            let answers: Vec<Value> = values
                .iter()
                .filter_map(|v| answer(v, kind.as_ref()))
                .collect();
            if answers.is_empty() {
                return;
            }
            let mut it = Obj::default();
            it.set(
                "extension",
                json!([{ "url": ext_url("answer-list"), "valueBoolean": true }]),
            );
            base(&mut it);
            it.set("answer", Value::Array(answers));
            out.push(it.done());
        }
        Value::Object(_) => {
            data_items(
                link,
                text,
                &Value::Array(vec![value.clone()]),
                declared,
                out,
            );
        }
        scalar => {
            if let Some(a) = answer(scalar, kind.as_ref()) {
                let mut it = Obj::default();
                base(&mut it);
                it.set("answer", json!([a]));
                out.push(it.done());
            }
        }
    }
}

fn questionnaire_response(f: &FormEntry, form: Option<&FormDefinition>, patient: &Value) -> Value {
    let data: Map<String, Value> = match serde_json::from_str(&f.data) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let mut items = Vec::new();
    let mut used: Vec<&str> = Vec::new();
    if let Some(form) = form {
        for s in &form.sections {
            let mut sub = Vec::new();
            for field in &s.fields {
                if let Some(v) = data.get(&field.id) {
                    used.push(&field.id);
                    data_items(
                        &field.id,
                        loc(&field.label),
                        v,
                        Declared::Field(&field.kind),
                        &mut sub,
                    );
                }
            }
            if !sub.is_empty() {
                items.push(json!({
                    "linkId": format!("section/{}", s.id),
                    "text": loc(&s.title),
                    "item": sub,
                }));
            }
        }
    }
    // Keys the form does not declare (or no form known): kept as they are.
    for (k, v) in &data {
        if !used.contains(&k.as_str()) {
            data_items(k, "", v, Declared::Unknown, &mut items);
        }
    }
    let canonical = if f.plugin_version.is_empty() {
        questionnaire_url(&f.plugin_id)
    } else {
        format!("{}|{}", questionnaire_url(&f.plugin_id), f.plugin_version)
    };
    let mut r = Obj::new("QuestionnaireResponse", f.id.0);
    r.set(
        "extension",
        json!([{ "url": ext_url("form-created"), "valueDateTime": iso_time(f.created) }]),
    )
    .text("questionnaire", &canonical)
    .text("status", "completed")
    .set("subject", patient.clone())
    .text("authored", &iso_time(f.updated))
    .set("item", Value::Array(items));
    r.done()
}

/// The Bundle as pretty JSON text.
pub fn export_json(
    case: &CaseView,
    forms: &PluginSections,
    timestamp: DateTime<Utc>,
) -> Result<String, ExportError> {
    serde_json::to_string_pretty(&export_bundle(case, forms, timestamp))
        .map_err(|e| ExportError::Json(e.to_string()))
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

/// Why a file cannot be imported. Nothing has been written. Display is the English message:
/// each wording lives once, in the text catalogue.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum ImportError {
    NotJson(String),
    NotFhir,
    NotABundle(String),
    WrongVersion(String),
    NoPatient,
    SeveralPatients(usize),
    MissingReference {
        resource: String,
        path: String,
        reference: String,
    },
    Invalid {
        resource: String,
        problem: Problem,
    },
    /// Entry `n` (from 1) has no resourceType or no id.
    EntryWithoutId(usize),
    Rules(EditError),
}

/// What is wrong inside one resource; `field` is the FHIR element, e.g. `birthDate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NotADate {
        field: String,
        text: String,
    },
    NotADateTime {
        field: String,
        text: String,
    },
    MissingTime {
        field: String,
    },
    BirthDateInFuture {
        text: String,
    },
    BirthDateBefore1900 {
        text: String,
    },
    DateOutOfRange {
        field: String,
        text: String,
        from: NaiveDate,
        to: NaiveDate,
    },
    Rating(u64),
    OwnerNotInTeam,
    RecipientNotInTeam,
    NoQuestionnaire,
    ConsentStatus(String),
    ConsentNotPermit(String),
    ConsentNested,
    ConsentInactiveWithoutEnd,
    ConsentSeveralRecipients(usize),
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::NotADate { field, text } => S::ImportNotADate.fill(lang, &[field, text]),
            Problem::NotADateTime { field, text } => {
                S::ImportNotADateTime.fill(lang, &[field, text])
            }
            Problem::MissingTime { field } => S::ImportMissingTime.fill(lang, &[field]),
            Problem::BirthDateInFuture { text } => S::ImportBirthDateInFuture.fill(lang, &[text]),
            Problem::BirthDateBefore1900 { text } => {
                S::ImportBirthDateBefore1900.fill(lang, &[text])
            }
            Problem::DateOutOfRange {
                field,
                text,
                from,
                to,
            } => {
                S::ImportDateOutOfRange.fill(lang, &[field, text, &iso_date(*from), &iso_date(*to)])
            }
            Problem::Rating(v) => S::ImportRatingRange.fill(lang, &[&v.to_string()]),
            Problem::OwnerNotInTeam => S::ImportOwnerNotInTeam.get(lang).to_string(),
            Problem::RecipientNotInTeam => S::ImportRecipientNotInTeam.get(lang).to_string(),
            Problem::NoQuestionnaire => S::ImportNoQuestionnaire.get(lang).to_string(),
            Problem::ConsentStatus(status) => S::ImportConsentStatus.fill(lang, &[status]),
            Problem::ConsentNotPermit(kind) => S::ImportConsentNotPermit.fill(lang, &[kind]),
            Problem::ConsentNested => S::ImportConsentNested.get(lang).to_string(),
            Problem::ConsentInactiveWithoutEnd => {
                S::ImportConsentInactiveWithoutEnd.get(lang).to_string()
            }
            Problem::ConsentSeveralRecipients(n) => {
                S::ImportConsentSeveralRecipients.fill(lang, &[&n.to_string()])
            }
        }
    }
}

impl ImportError {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportError::NotJson(d) => S::ImportNotJson.fill(lang, &[d]),
            ImportError::NotFhir => S::ImportNotFhir.get(lang).to_string(),
            ImportError::NotABundle(t) => S::ImportNotABundle.fill(lang, &[t]),
            ImportError::WrongVersion(v) => S::ImportWrongVersion.fill(lang, &[v]),
            ImportError::NoPatient => S::ImportNoPatient.get(lang).to_string(),
            ImportError::SeveralPatients(n) => {
                S::ImportSeveralPatients.fill(lang, &[&n.to_string()])
            }
            ImportError::MissingReference {
                resource,
                path,
                reference,
            } => S::ImportMissingReference.fill(lang, &[resource, path, reference]),
            ImportError::Invalid { resource, problem } => {
                S::ImportInvalid.fill(lang, &[resource, &problem.message(lang)])
            }
            ImportError::EntryWithoutId(n) => S::ImportEntryWithoutId.fill(lang, &[&n.to_string()]),
            ImportError::Rules(e) => S::ImportRules.fill(lang, &[&e.message(lang)]),
        }
    }
}

/// The resources of a Bundle, found by fullUrl or `Type/id`.
struct Index<'a> {
    resources: Vec<&'a Value>,
    by_ref: HashMap<String, usize>,
}

impl<'a> Index<'a> {
    fn get(&self, reference: &str) -> Option<&'a Value> {
        self.by_ref.get(reference).map(|i| self.resources[*i])
    }

    fn of_type(&self, t: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
        self.resources
            .clone()
            .into_iter()
            .filter(move |r| r["resourceType"] == t)
    }

    /// The resource a `{ "reference": ... }` value points at.
    fn follow(&self, r: &Value) -> Option<&'a Value> {
        r["reference"].as_str().and_then(|s| self.get(s))
    }
}

fn describe(resource: &Value) -> String {
    format!(
        "{} {}",
        resource["resourceType"].as_str().unwrap_or("?"),
        resource["id"].as_str().unwrap_or("?")
    )
}

/// Every literal reference in `value` must resolve in the Bundle.
fn check_references(
    resource: &Value,
    value: &Value,
    path: &mut Vec<String>,
    index: &Index<'_>,
) -> Result<(), ImportError> {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("reference")
                && !r.starts_with('#')
                && index.get(r).is_none()
            {
                return Err(ImportError::MissingReference {
                    resource: describe(resource),
                    path: path.join("."),
                    reference: r.clone(),
                });
            }
            for (k, v) in map {
                path.push(k.clone());
                check_references(resource, v, path, index)?;
                path.pop();
            }
        }
        Value::Array(items) => {
            for v in items {
                check_references(resource, v, path, index)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn invalid(resource: &Value, problem: Problem) -> ImportError {
    ImportError::Invalid {
        resource: describe(resource),
        problem,
    }
}

/// The entity UUID behind a resource id: the id itself, or one derived from it.
fn uuid_of(resource: &Value) -> Uuid {
    let id = resource["id"].as_str().unwrap_or_default();
    Uuid::parse_str(id).unwrap_or_else(|_| {
        name_uuid(
            "imported",
            &format!(
                "{}/{id}",
                resource["resourceType"].as_str().unwrap_or_default()
            ),
        )
    })
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// `YYYY-MM-DD` exactly: a four-digit year, two-digit month and day, a day that exists.
fn strict_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// A FHIR dateTime with a time: `YYYY-MM-DDThh:mm:ss`, an optional fraction, then `Z` or
/// `±hh:mm`; every part in range (no hour 25, no leap-second 60).
fn strict_date_time(text: &str) -> Option<DateTime<Utc>> {
    strict_date(text.get(..10)?)?;
    let rest = text.get(10..)?.strip_prefix('T')?;
    let b = rest.as_bytes();
    let two = |at: usize, max: u8| -> bool {
        matches!(b.get(at..at + 2), Some([x, y]) if x.is_ascii_digit() && y.is_ascii_digit()
            && (x - b'0') * 10 + (y - b'0') <= max)
    };
    if b.len() < 9 || !two(0, 23) || b[2] != b':' || !two(3, 59) || b[5] != b':' || !two(6, 59) {
        return None;
    }
    let mut zone = &rest[8..];
    if let Some(f) = zone.strip_prefix('.') {
        let n = f.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > 9 {
            return None;
        }
        zone = &f[n..];
    }
    let z = zone.as_bytes();
    let zone_ok = zone == "Z"
        || (z.len() == 6
            && (z[0] == b'+' || z[0] == b'-')
            && z[3] == b':'
            && matches!(&z[1..3], [x, y] if x.is_ascii_digit() && y.is_ascii_digit()
                && (x - b'0') * 10 + (y - b'0') <= 14)
            && matches!(&z[4..6], [x, y] if x.is_ascii_digit() && y.is_ascii_digit()
                && (x - b'0') * 10 + (y - b'0') <= 59));
    if !zone_ok {
        return None;
    }
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// What dates an import takes: none before 1900, none more than a hundred years ahead, and no
/// birth date after today (from the injected clock).
#[derive(Clone, Copy)]
struct Dates {
    today: NaiveDate,
    first: NaiveDate,
    last: NaiveDate,
}

impl Dates {
    fn new(today: NaiveDate) -> Dates {
        let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = today
            .checked_add_months(chrono::Months::new(100 * 12))
            .unwrap_or(NaiveDate::MAX);
        Dates { today, first, last }
    }

    fn check(
        &self,
        resource: &Value,
        field: &str,
        text: &str,
        day: NaiveDate,
    ) -> Result<(), ImportError> {
        if day < self.first || day > self.last {
            return Err(invalid(
                resource,
                Problem::DateOutOfRange {
                    field: field.into(),
                    text: text.into(),
                    from: self.first,
                    to: self.last,
                },
            ));
        }
        Ok(())
    }

    /// A date field: `YYYY-MM-DD`, or a full dateTime whose date is taken as written.
    fn date(
        &self,
        resource: &Value,
        field: &str,
        v: &Value,
    ) -> Result<Option<NaiveDate>, ImportError> {
        let Some(text) = v.as_str() else {
            return Ok(None);
        };
        let day = match strict_date(text) {
            Some(d) => d,
            None if strict_date_time(text).is_some() => {
                strict_date(&text[..10]).unwrap_or_default()
            }
            None => {
                return Err(invalid(
                    resource,
                    Problem::NotADate {
                        field: field.into(),
                        text: text.into(),
                    },
                ));
            }
        };
        self.check(resource, field, text, day)?;
        Ok(Some(day))
    }

    fn birth_date(&self, resource: &Value, v: &Value) -> Result<Option<NaiveDate>, ImportError> {
        let Some(text) = v.as_str() else {
            return Ok(None);
        };
        let Some(day) = strict_date(text) else {
            return Err(invalid(
                resource,
                Problem::NotADate {
                    field: "birthDate".into(),
                    text: text.into(),
                },
            ));
        };
        if day > self.today {
            return Err(invalid(
                resource,
                Problem::BirthDateInFuture { text: text.into() },
            ));
        }
        if day < self.first {
            return Err(invalid(
                resource,
                Problem::BirthDateBefore1900 { text: text.into() },
            ));
        }
        Ok(Some(day))
    }

    /// A dateTime field: a strict date and time with its zone, or a date alone (midnight UTC).
    fn time(
        &self,
        resource: &Value,
        field: &str,
        v: &Value,
    ) -> Result<Option<DateTime<Utc>>, ImportError> {
        let Some(text) = v.as_str() else {
            return Ok(None);
        };
        let t = match strict_date_time(text) {
            Some(t) => t,
            None => match strict_date(text).and_then(|d| d.and_hms_opt(0, 0, 0)) {
                Some(t) => t.and_utc(),
                None => {
                    return Err(invalid(
                        resource,
                        Problem::NotADateTime {
                            field: field.into(),
                            text: text.into(),
                        },
                    ));
                }
            },
        };
        self.check(resource, field, text, t.date_naive())?;
        Ok(Some(t))
    }
}

fn exts<'a>(v: &'a Value, name: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    let url = ext_url(name);
    v["extension"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(move |e| e["url"].as_str() == Some(url.as_str()))
}

fn ext_value<'a>(v: &'a Value, name: &'a str, key: &'a str) -> Option<&'a Value> {
    exts(v, name)
        .next()
        .map(|e| &e[key])
        .filter(|x| !x.is_null())
}

fn parts<'a>(e: &'a Value, name: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    e["extension"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(move |p| p["url"].as_str() == Some(name))
}

fn part_str(e: &Value, name: &str) -> String {
    parts(e, name)
        .next()
        .map(|p| s(&p["valueString"]))
        .unwrap_or_default()
}

/// The code of the first coding in `concepts` (a CodeableConcept or a list of them) with our
/// `system`.
fn our_code(concepts: &Value, system: &str) -> Option<String> {
    let system = code_system(system);
    let list: Vec<&Value> = match concepts {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    list.into_iter()
        .flat_map(|c| c["coding"].as_array().into_iter().flatten())
        .find(|c| c["system"].as_str() == Some(system.as_str()))
        .map(|c| s(&c["code"]))
}

fn name_text(r: &Value) -> String {
    let n = &r["name"][0];
    if let Some(t) = n["text"].as_str() {
        return t.to_string();
    }
    let mut parts: Vec<String> = n["given"].as_array().into_iter().flatten().map(s).collect();
    if let Some(f) = n["family"].as_str() {
        parts.push(f.to_string());
    }
    parts.join(" ")
}

fn telecom_of(r: &Value, system: &str) -> String {
    r["telecom"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| t["system"].as_str() == Some(system))
        .map(|t| s(&t["value"]))
        .unwrap_or_default()
}

fn note_kind(note: &Value) -> Option<String> {
    ext_value(note, "note-kind", "valueCode").map(s)
}

fn kinded_notes(r: &Value) -> Vec<(String, String)> {
    r["note"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| note_kind(n).map(|k| (k, s(&n["text"]))))
        .collect()
}

fn or_empty(text: String) -> String {
    if text == NO_TEXT { String::new() } else { text }
}

/// The case a Bundle describes (its id is left at 0). Checks everything first.
pub fn parse_bundle(text: &str, today: NaiveDate) -> Result<Case, ImportError> {
    let dates = Dates::new(today);
    let bundle: Value =
        serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))?;
    let rt = bundle["resourceType"]
        .as_str()
        .ok_or(ImportError::NotFhir)?;
    if rt != "Bundle" {
        return Err(ImportError::NotABundle(rt.to_string()));
    }
    let version = bundle["meta"]["tag"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| t["system"].as_str() == Some(VERSION_SYSTEM))
        .map(|t| s(&t["code"]))
        .or_else(|| bundle["fhirVersion"].as_str().map(str::to_string));
    if let Some(v) = version
        && !(v == "4.0" || v.starts_with("4.0."))
    {
        return Err(ImportError::WrongVersion(v));
    }

    let mut index = Index {
        resources: Vec::new(),
        by_ref: HashMap::new(),
    };
    for (i, e) in bundle["entry"].as_array().into_iter().flatten().enumerate() {
        let r = &e["resource"];
        let (Some(t), Some(id)) = (r["resourceType"].as_str(), r["id"].as_str()) else {
            return Err(ImportError::EntryWithoutId(i + 1));
        };
        let n = index.resources.len();
        index.resources.push(r);
        if let Some(full) = e["fullUrl"].as_str() {
            index.by_ref.insert(full.to_string(), n);
        }
        index.by_ref.insert(format!("{t}/{id}"), n);
    }
    for r in &index.resources {
        check_references(r, r, &mut Vec::new(), &index)?;
    }

    let patients: Vec<&Value> = index.of_type("Patient").collect();
    let patient = match patients.as_slice() {
        [] => return Err(ImportError::NoPatient),
        [one] => *one,
        many => return Err(ImportError::SeveralPatients(many.len())),
    };
    let mut case = Case::default();
    case.person.name = name_text(patient);
    case.person.phone = telecom_of(patient, "phone");
    case.person.email = telecom_of(patient, "email");
    case.person.address = s(&patient["address"][0]["text"]);
    case.person.birth_date = dates.birth_date(patient, &patient["birthDate"])?;
    case.person.national_id = patient["identifier"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|i| i["system"].as_str() == Some(FNR_SYSTEM))
        .map(|i| s(&i["value"]))
        .unwrap_or_default();

    // Participants, from the CareTeam.
    let pid = |r: &Value| ParticipantId(uuid_of(r));
    if let Some(team) = index.of_type("CareTeam").next() {
        for m in team["participant"].as_array().into_iter().flatten() {
            let Some(member) = index.follow(&m["member"]) else {
                continue;
            };
            let kind = member["resourceType"].as_str().unwrap_or_default();
            let role = our_code(&m["role"], "participant-role")
                .and_then(|c| from_code::<Role>(&c))
                .unwrap_or(match kind {
                    "Patient" => Role::Person,
                    "RelatedPerson" => Role::Relative,
                    _ => Role::Other,
                });
            let organisation = match index.follow(&m["onBehalfOf"]) {
                Some(o) => s(&o["name"]),
                None => s(&m["onBehalfOf"]["display"]),
            };
            let mut name = name_text(member);
            if name.is_empty() {
                name = s(&m["member"]["display"]);
            }
            case.participants.push(Participant {
                id: pid(member),
                name,
                role,
                organisation,
                level: ext_value(m, "participant-level", "valueCode")
                    .and_then(|c| from_code::<Level>(c.as_str().unwrap_or_default()))
                    .unwrap_or_default(),
                phone: telecom_of(member, "phone"),
                email: telecom_of(member, "email"),
                contributes: ext_value(m, "participant-contributes", "valueString")
                    .map(s)
                    .unwrap_or_default(),
                active_from: dates.date(team, "participant.period.start", &m["period"]["start"])?,
                active_to: dates.date(team, "participant.period.end", &m["period"]["end"])?,
            });
        }
    }
    // A reference to a person resource, as a participant of the case.
    let participant_ref = |case: &Case, v: &Value| -> Option<ParticipantId> {
        let r = index.follow(v)?;
        let id = pid(r);
        case.participant(id).map(|p| p.id)
    };

    // The plans.
    let plans: Vec<&Value> = index.of_type("CarePlan").collect();
    let is_kind = |p: &Value, k: &str| our_code(&p["category"], "plan-kind").as_deref() == Some(k);
    let ip = plans
        .iter()
        .find(|p| is_kind(p, "individual-plan"))
        .or_else(|| {
            plans
                .iter()
                .find(|p| p["partOf"].is_null() && !is_kind(p, "crisis-plan"))
        });
    if let Some(ip) = ip {
        case.plan.main_goal = s(&ip["description"]);
        case.plan.period_start = dates.date(ip, "period.start", &ip["period"]["start"])?;
        case.plan.period_end = dates.date(ip, "period.end", &ip["period"]["end"])?;
        case.plan.revision_date = match ext_value(ip, "plan-revision-date", "valueDate") {
            Some(v) => dates.date(ip, "extension(plan-revision-date)", v)?,
            None => None,
        };
        case.plan.coordinator = participant_ref(&case, &ip["author"]);
        for (kind, text) in kinded_notes(ip) {
            match kind.as_str() {
                "resources" => case.plan.resources = text,
                "needs" => case.plan.needs = text,
                "implementation" => case.plan.implementation = text,
                "cooperation" => case.plan.cooperation = text,
                _ => {}
            }
        }
    }
    if let Some(cp) = plans.iter().find(|p| is_kind(p, "crisis-plan")) {
        let mut crisis = CrisisPlan::default();
        for (kind, text) in kinded_notes(cp) {
            if let Some(slot) = crisis_text_mut(&mut crisis, &kind) {
                *slot = text;
            }
        }
        crisis.reviewed_on = match ext_value(cp, "crisis-plan-reviewed", "valueDate") {
            Some(v) => dates.date(cp, "extension(crisis-plan-reviewed)", v)?,
            None => None,
        };
        crisis.reviewed_by = ext_value(cp, "crisis-plan-reviewed-by", "valueString")
            .map(s)
            .unwrap_or_default();
        for c in exts(cp, "crisis-contact") {
            let id = Uuid::parse_str(&part_str(c, "id"))
                .unwrap_or_else(|_| name_uuid("contact", &c.to_string()));
            crisis.contacts.push(Contact {
                id: ContactId(id),
                name: part_str(c, "name"),
                role: part_str(c, "role"),
                phone: part_str(c, "phone"),
                note: part_str(c, "note"),
            });
        }
        case.crisis_plan = crisis;
    }

    // Meetings.
    for e in index.of_type("Encounter") {
        let mut m = Meeting {
            id: MeetingId(uuid_of(e)),
            starts_at: dates
                .time(e, "period.start", &e["period"]["start"])?
                .ok_or_else(|| {
                    invalid(
                        e,
                        Problem::MissingTime {
                            field: "period.start".into(),
                        },
                    )
                })?,
            place: s(&e["location"][0]["location"]["display"]),
            ended: e["status"].as_str() == Some("finished"),
            agreements: ext_value(e, "meeting-agreements", "valueString")
                .map(s)
                .unwrap_or_default(),
            next_meeting: match ext_value(e, "next-meeting", "valueDateTime") {
                Some(v) => dates.time(e, "extension(next-meeting)", v)?,
                None => None,
            },
            ..Meeting::default()
        };
        if let Some(a) = exts(e, "minutes-approval").next() {
            let on = parts(a, "on").next().map(|p| &p["valueDate"]);
            m.approved = match on {
                Some(v) => dates
                    .date(e, "extension(minutes-approval).on", v)?
                    .map(|on| Approval {
                        on,
                        by: part_str(a, "by"),
                    }),
                None => None,
            };
        }
        let mut roles: Vec<(ParticipantId, String)> = Vec::new();
        if let Some(person) = case.participants.iter().find(|p| p.role == Role::Person) {
            for c in exts(e, "patient-participation") {
                roles.push((person.id, s(&c["valueCoding"]["code"])));
            }
        }
        for p in e["participant"].as_array().into_iter().flatten() {
            let Some(id) = participant_ref(&case, &p["individual"]) else {
                continue;
            };
            for t in p["type"].as_array().into_iter().flatten() {
                if let Some(code) = our_code(t, "meeting-participation") {
                    roles.push((id, code));
                }
            }
        }
        for (id, code) in roles {
            match code.as_str() {
                "present" => {
                    m.attendance.insert(id, Attendance::Present);
                }
                "sent_apologies" => {
                    m.attendance.insert(id, Attendance::SentApologies);
                }
                "absent" => {
                    m.attendance.insert(id, Attendance::Absent);
                }
                "chair" => m.chair = Some(id),
                "note_taker" => m.note_taker = Some(id),
                "minutes_recipient" => m.minutes_recipients.push(id),
                _ => {}
            }
        }
        for a in exts(e, "agenda-item") {
            let id = Uuid::parse_str(&part_str(a, "id"))
                .unwrap_or_else(|_| name_uuid("agenda-item", &a.to_string()));
            let refs = |name: &str| -> Vec<Uuid> {
                parts(a, name)
                    .filter_map(|p| index.follow(&p["valueReference"]))
                    .map(uuid_of)
                    .collect()
            };
            m.agenda.push(AgendaItem {
                id: AgendaItemId(id),
                title: part_str(a, "title"),
                minutes: part_str(a, "minutes"),
                seconds_spent: parts(a, "seconds")
                    .next()
                    .and_then(|p| p["valueInteger"].as_u64())
                    .and_then(|n| u32::try_from(n).ok())
                    .unwrap_or(0),
                goals: refs("goal").into_iter().map(GoalId).collect(),
                actions: refs("action").into_iter().map(ActionId).collect(),
            });
        }
        case.meetings.push(m);
    }

    // Goals.
    for g in index.of_type("Goal") {
        let mut goal = Goal {
            id: GoalId(uuid_of(g)),
            domain: our_code(&g["category"], "life-domain")
                .and_then(|c| from_code::<LifeDomain>(&c))
                .unwrap_or_default(),
            own_words: or_empty(s(&g["description"]["text"])),
            expressed_by_person: index
                .follow(&g["expressedBy"])
                .is_some_and(|r| r["resourceType"] == "Patient"),
            status: goal_status_from(g["lifecycleStatus"].as_str().unwrap_or_default()),
            target_date: dates.date(g, "target.dueDate", &g["target"][0]["dueDate"])?,
            ..Goal::default()
        };
        for r in exts(g, "goal-rating") {
            let date = parts(r, "date").next().map(|p| &p["valueDate"]);
            let value = parts(r, "value")
                .next()
                .and_then(|p| p["valueInteger"].as_u64());
            if let (Some(d), Some(v)) = (date, value) {
                goal.ratings.push(Rating {
                    date: dates
                        .date(g, "extension(goal-rating).date", d)?
                        .unwrap_or_default(),
                    value: u8::try_from(v).map_err(|_| invalid(g, Problem::Rating(v)))?,
                });
            }
        }
        for n in g["note"].as_array().into_iter().flatten() {
            match note_kind(n).as_deref() {
                Some("professional-wording") => goal.professional_wording = s(&n["text"]),
                Some("evaluation") => {
                    let id = ext_value(n, "evaluation-id", "valueString")
                        .and_then(|v| v.as_str())
                        .and_then(|v| Uuid::parse_str(v).ok())
                        .unwrap_or_else(|| name_uuid("evaluation", &n.to_string()));
                    let meeting = ext_value(n, "evaluation-meeting", "valueReference")
                        .and_then(|r| index.follow(r))
                        .map(|r| MeetingId(uuid_of(r)));
                    goal.evaluations.push(Evaluation {
                        id: EvaluationId(id),
                        date: dates.date(g, "note.time", &n["time"])?.unwrap_or_default(),
                        meeting,
                        text: or_empty(s(&n["text"])),
                    });
                }
                _ => {}
            }
        }
        case.goals.push(goal);
    }

    // Actions.
    for t in index.of_type("Task") {
        let meeting_of = |v: &Value| index.follow(v).map(|r| MeetingId(uuid_of(r)));
        let responsible = match t.get("owner") {
            Some(owner) => Some(
                participant_ref(&case, owner).ok_or_else(|| invalid(t, Problem::OwnerNotInTeam))?,
            ),
            None => None,
        };
        case.actions.push(Action {
            id: ActionId(uuid_of(t)),
            what: s(&t["description"]),
            responsible,
            due: dates.date(
                t,
                "restriction.period.end",
                &t["restriction"]["period"]["end"],
            )?,
            status: action_status_from(t["status"].as_str().unwrap_or_default()),
            goals: exts(t, "action-goal")
                .filter_map(|e| index.follow(&e["valueReference"]))
                .map(|r| GoalId(uuid_of(r)))
                .collect(),
            agreed_in: meeting_of(&t["encounter"]),
            followed_up_in: ext_value(t, "action-followed-up-in", "valueReference")
                .and_then(meeting_of),
        });
    }

    // Consents.
    for c in index.of_type("Consent") {
        let provision = &c["provision"];
        // Only what the person agreed to is taken in; anything the model cannot hold as it is
        // (a refusal, a draft, exceptions, several recipients) is refused, never widened.
        let status = c["status"].as_str().unwrap_or_default();
        if !matches!(status, "active" | "inactive") {
            return Err(invalid(c, Problem::ConsentStatus(status.to_string())));
        }
        let kind = provision["type"].as_str().unwrap_or_default();
        if kind != "permit" {
            return Err(invalid(c, Problem::ConsentNotPermit(kind.to_string())));
        }
        if provision["provision"]
            .as_array()
            .is_some_and(|nested| !nested.is_empty())
        {
            return Err(invalid(c, Problem::ConsentNested));
        }
        let actors = provision["actor"].as_array().map_or(0, Vec::len);
        if actors > 1 {
            return Err(invalid(c, Problem::ConsentSeveralRecipients(actors)));
        }
        let actor = provision["actor"]
            .as_array()
            .and_then(|a| a.first())
            .and_then(|a| index.follow(&a["reference"]));
        let recipient = match actor {
            Some(r) if r["resourceType"] == "Organization" => {
                ConsentRecipient::Organisation(s(&r["name"]))
            }
            Some(r) => {
                let id = pid(r);
                if case.participant(id).is_none() {
                    return Err(invalid(c, Problem::RecipientNotInTeam));
                }
                ConsentRecipient::Participant(id)
            }
            None => ConsentRecipient::default(),
        };
        let given = match dates.date(c, "provision.period.start", &provision["period"]["start"])? {
            Some(d) => Some(d),
            None => dates.date(c, "dateTime", &c["dateTime"])?,
        };
        let withdrawn = dates.date(c, "provision.period.end", &provision["period"]["end"])?;
        if status == "inactive" && withdrawn.is_none() {
            return Err(invalid(c, Problem::ConsentInactiveWithoutEnd));
        }
        case.consents.push(Consent {
            id: ConsentId(uuid_of(c)),
            recipient,
            sections: provision["code"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|k| our_code(k, "consent-section"))
                .filter_map(|k| section_from_code(&k))
                .collect(),
            given,
            withdrawn,
            method: ext_value(c, "consent-method", "valueCode")
                .and_then(|v| from_code::<ConsentMethod>(v.as_str().unwrap_or_default()))
                .unwrap_or_default(),
            note: ext_value(c, "consent-note", "valueString")
                .map(s)
                .unwrap_or_default(),
        });
    }

    // Forms.
    for q in index.of_type("QuestionnaireResponse") {
        let canonical = s(&q["questionnaire"]);
        let (url, version) = match canonical.split_once('|') {
            Some((u, v)) => (u.to_string(), v.to_string()),
            None => (canonical.clone(), String::new()),
        };
        let plugin_id = url
            .strip_prefix(&format!("{BASE}/Questionnaire/"))
            .map(str::to_string)
            .or_else(|| url.rsplit('/').next().map(str::to_string))
            .filter(|s| !s.is_empty())
            .ok_or_else(|| invalid(q, Problem::NoQuestionnaire))?;
        let mut data = Map::new();
        items_to_data(q, &q["item"], &mut data);
        let updated = dates
            .time(q, "authored", &q["authored"])?
            .unwrap_or_default();
        let created = match ext_value(q, "form-created", "valueDateTime") {
            Some(v) => dates
                .time(q, "extension(form-created)", v)?
                .unwrap_or(updated),
            None => updated,
        };
        case.forms.push(FormEntry {
            id: FormEntryId(uuid_of(q)),
            plugin_id,
            plugin_version: version,
            data: Value::Object(data).to_string(),
            created,
            updated,
        });
    }
    Ok(case)
}

fn answer_value(a: &Value) -> Option<Value> {
    if let Some(v) = a.get("valueBoolean") {
        return Some(v.clone());
    }
    if let Some(v) = a.get("valueInteger").or_else(|| a.get("valueDecimal")) {
        return Some(v.clone());
    }
    // Back to the form's "HH:MM" when the seconds are zero, as the export writes them.
    if let Some(t) = a.get("valueTime").and_then(Value::as_str)
        && let Some(hh_mm) = t.strip_suffix(":00").filter(|t| t.len() == 5)
    {
        return Some(json!(hh_mm));
    }
    if let Some(v) = a
        .get("valueString")
        .or_else(|| a.get("valueDate"))
        .or_else(|| a.get("valueDateTime"))
        .or_else(|| a.get("valueTime"))
    {
        return Some(v.clone());
    }
    a.get("valueCoding").map(|c| c["code"].clone())
}

/// QuestionnaireResponse items back to form data (the inverse of `data_items`).
fn items_to_data(q: &Value, items: &Value, data: &mut Map<String, Value>) {
    let _ = q;
    for it in items.as_array().into_iter().flatten() {
        let link = s(&it["linkId"]);
        if link.starts_with("section/") {
            items_to_data(q, &it["item"], data);
            continue;
        }
        let key = link.rsplit('.').next().unwrap_or(&link).to_string();
        if it.get("answer").is_some() {
            let values: Vec<Value> = it["answer"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(answer_value)
                .collect();
            let list = ext_value(it, "answer-list", "valueBoolean").is_some() || values.len() > 1;
            let v = if list {
                Value::Array(values)
            } else {
                values.into_iter().next().unwrap_or(Value::Null)
            };
            data.insert(key, v);
        } else if it.get("item").is_some() {
            let mut row = Map::new();
            items_to_data(q, &it["item"], &mut row);
            match data.entry(key).or_insert_with(|| Value::Array(Vec::new())) {
                Value::Array(rows) => rows.push(Value::Object(row)),
                other => *other = Value::Array(vec![Value::Object(row)]),
            }
        }
    }
}

/// The edits that build `case` from an empty case, in an order the case rules accept.
pub fn edits_for(case: &Case) -> Vec<Edit> {
    let mut edits = Vec::new();
    let p = &case.person;
    for (field, value) in [
        (TextField::PersonName, &p.name),
        (TextField::PersonPhone, &p.phone),
        (TextField::PersonEmail, &p.email),
        (TextField::PersonAddress, &p.address),
        (TextField::PersonNationalId, &p.national_id),
    ] {
        if !value.is_empty() {
            edits.push(Edit::SetText {
                field,
                value: value.clone(),
            });
        }
    }
    if p.birth_date.is_some() {
        edits.push(Edit::SetDate {
            field: DateField::PersonBirthDate,
            value: p.birth_date,
        });
    }
    for (index, participant) in case.participants.iter().enumerate() {
        edits.push(Edit::InsertParticipant {
            index,
            participant: participant.clone(),
        });
    }
    for (index, consent) in case.consents.iter().enumerate() {
        edits.push(Edit::InsertConsent {
            index,
            consent: consent.clone(),
        });
    }
    // Meetings first without their links to goals and actions (which refer back to meetings).
    for (index, m) in case.meetings.iter().enumerate() {
        let mut meeting = m.clone();
        for item in &mut meeting.agenda {
            item.goals.clear();
            item.actions.clear();
        }
        edits.push(Edit::InsertMeeting { index, meeting });
    }
    for (index, goal) in case.goals.iter().enumerate() {
        edits.push(Edit::InsertGoal {
            index,
            goal: goal.clone(),
        });
    }
    for (index, action) in case.actions.iter().enumerate() {
        edits.push(Edit::InsertAction {
            index,
            action: action.clone(),
        });
    }
    for m in &case.meetings {
        for item in &m.agenda {
            if !item.goals.is_empty() || !item.actions.is_empty() {
                edits.push(Edit::SetAgendaItemLinks {
                    meeting: m.id,
                    id: item.id,
                    goals: item.goals.clone(),
                    actions: item.actions.clone(),
                });
            }
        }
    }
    if case.plan.coordinator.is_some() {
        edits.push(Edit::SetCoordinator {
            participant: case.plan.coordinator,
        });
    }
    let plan = &case.plan;
    let cp = &case.crisis_plan;
    let mut texts: Vec<(TextField, &String)> = vec![
        (TextField::PlanMainGoal, &plan.main_goal),
        (TextField::PlanResources, &plan.resources),
        (TextField::PlanNeeds, &plan.needs),
        (TextField::PlanImplementation, &plan.implementation),
        (TextField::PlanCooperation, &plan.cooperation),
    ];
    for z in Zone::ALL {
        let zp = cp.zone(z);
        texts.push((TextField::ZoneSigns(z), &zp.signs));
        texts.push((TextField::ZoneWhatIDo(z), &zp.what_i_do));
        texts.push((TextField::ZoneWhatOthersDo(z), &zp.what_others_do));
    }
    texts.extend([
        (TextField::CrisisTriggers, &cp.triggers),
        (TextField::CrisisHowIWantToBeMet, &cp.how_i_want_to_be_met),
        (TextField::CrisisWhatDoesNotHelp, &cp.what_does_not_help),
        (TextField::CrisisTreatmentWishes, &cp.treatment_wishes),
        (TextField::CrisisPracticalMatters, &cp.practical_matters),
        (TextField::CrisisReviewedBy, &cp.reviewed_by),
    ]);
    for (field, value) in texts {
        if !value.is_empty() {
            edits.push(Edit::SetText {
                field,
                value: value.clone(),
            });
        }
    }
    for (index, contact) in cp.contacts.iter().enumerate() {
        edits.push(Edit::InsertContact {
            index,
            contact: contact.clone(),
        });
    }
    if cp.reviewed_on.is_some() {
        edits.push(Edit::SetDate {
            field: DateField::CrisisPlanReviewed,
            value: cp.reviewed_on,
        });
    }
    for (index, entry) in case.forms.iter().enumerate() {
        edits.push(Edit::InsertFormEntry {
            index,
            entry: entry.clone(),
        });
    }
    // The plan period last: new goals and actions are checked against its start.
    for (field, value) in [
        (DateField::PlanStart, plan.period_start),
        (DateField::PlanEnd, plan.period_end),
        (DateField::PlanRevision, plan.revision_date),
    ] {
        if value.is_some() {
            edits.push(Edit::SetDate { field, value });
        }
    }
    edits
}

/// Makes a new case from a FHIR R4 Bundle, through the edit path (one batch, authored by
/// `author`), and returns its id. On any error the store is unchanged.
pub fn import_bundle(
    store: &Arc<Store>,
    text: &str,
    author: &Author,
    clock: &crate::clock::Clock,
) -> Result<CaseId, ExportError> {
    let parsed = parse_bundle(text, clock.today())?;
    let batch = Edit::Batch {
        edits: edits_for(&parsed),
    };
    // Try it on an empty case first, so that a refused edit leaves no empty case behind.
    let mut probe = Case::default();
    domain::apply_new(&mut probe, &batch).map_err(ImportError::Rules)?;
    // Applied in memory and written in one transaction: all of the case or nothing.
    let staging = Arc::new(Store::in_memory()?);
    let draft = staging.create_case()?;
    let mut session = Session::open(Arc::clone(&staging), draft.id, clock.clone())?;
    session.apply(batch, author)?;
    let log = staging.log(draft.id)?;
    Ok(store.insert_case_with_log(session.case(), &log)?.id)
}
