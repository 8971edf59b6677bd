//! Documents out: the PDFs read back with `pdftotext`, and the FHIR Bundles checked by an
//! independent FHIR R4 validator (scripts/validate_fhir.py, the Python `fhir.resources`
//! package). Both tools come from scripts/install-test-deps.sh; without them these tests fail.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use ansvar_core::clock::Clock;
use ansvar_core::consent::{Audience, CaseView, Visibility};
use ansvar_core::domain::{
    Attendance, Author, Case, CaseId, FormEntry, FormEntryId, LifeDomain, Role, Section,
};
use ansvar_core::export::fhir::{self, ImportError};
use ansvar_core::export::pdf::{self, PdfOptions};
use ansvar_core::export::{ExportError, FormSection, PluginSections, sample};
use ansvar_core::plugins::api::{
    ChoiceOption, Condition, Field, FieldKind, FormDefinition, GroupSpec, Localized, MatchValue,
    NumberSpec, ScaleSpec, Section as FormSectionDef, SubField, ValueKind,
};
use ansvar_core::store::Store;
use chrono::{NaiveDate, TimeZone, Utc};

const INSTALL: &str = "scripts/install-test-deps.sh";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// The whole case, as the coordinator's own documents read it.
fn whole(case: &Case) -> CaseView<'_> {
    CaseView::everything(case)
}

/// What `reader` may see of `case` today.
fn for_reader(case: &Case, reader: ansvar_core::domain::ParticipantId) -> CaseView<'_> {
    CaseView::of(case, Audience::Reader(reader), today())
}

fn clock() -> Clock {
    Clock::at_noon(today())
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn demo() -> (tempfile::TempDir, Arc<Store>, Vec<Case>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open_test(dir.path().join("demo.redb")).unwrap());
    let ids = ansvar_core::demo::write_demo(&store, today()).unwrap();
    let cases = ids.iter().map(|id| store.load_case(*id).unwrap()).collect();
    (dir, store, cases)
}

/// The PDF's text, pages separated by form feeds, in drawing order (`pdftotext -raw`).
fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext (poppler-utils) is needed to read the PDFs back ({e}); run {INSTALL}")
        });
    assert!(out.status.success(), "pdftotext failed: {:?}", out);
    String::from_utf8(out.stdout).unwrap()
}

/// The running text without the page header and footer (drawn last on each page), so that a
/// paragraph broken over a page break reads as one.
fn body(raw: &str) -> String {
    raw.split('\u{c}')
        .map(|page| {
            let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
            let keep = lines.len().saturating_sub(2);
            assert!(
                lines.get(keep + 1).is_none_or(|l| l.starts_with("Side ")),
                "the footer is not where it should be"
            );
            lines[..keep].join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whitespace collapsed to single spaces, so wrapped lines compare with the source text.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_has(haystack: &str, needle: &str, what: &str) {
    let needle = flat(needle);
    assert!(
        haystack.contains(&needle),
        "{what}: «{needle}» is missing from the PDF text"
    );
}

#[test]
fn demo_plans_print_every_goal_action_contact_and_page_number() {
    let (_dir, _store, cases) = demo();
    for case in &cases {
        let bytes = pdf::plan_pdf(
            &whole(case),
            &PluginSections::none(),
            &PdfOptions::complete(&clock()),
        )
        .unwrap();
        let raw = pdf_text(&bytes);
        let text = flat(&raw);
        let flow = flat(&body(&raw));
        let who = &case.person.name;
        assert_has(&text, "Individuell plan", who);
        assert_has(&flow, &case.plan.main_goal, who);
        for g in &case.goals {
            assert_has(&flow, &g.own_words, who);
        }
        for a in &case.actions {
            assert_has(&flow, &a.what, who);
        }
        for c in &case.crisis_plan.contacts {
            assert_has(&text, &c.name, who);
            assert_has(&text, &c.phone, who);
        }
        assert_has(&flow, &case.crisis_plan.red.signs, who);
        for p in &case.participants {
            assert_has(&text, &p.name, who);
        }
        let pages = raw.matches('\u{c}').count();
        assert!(pages >= 2, "{who}: {pages} pages");
        assert_has(&text, "Side 1 av", who);
        assert_has(&text, &format!("Side {pages} av {pages}"), who);
        assert_has(&text, "24.11.2026", who);
        for ch in ['æ', 'ø', 'å', 'Æ', 'Ø', 'Å'] {
            let in_source = serde_json::to_string(case).unwrap().contains(ch);
            if in_source {
                assert!(text.contains(ch), "{who}: {ch} lost in the PDF");
            }
        }
        assert!(text.contains('æ') && text.contains('ø') && text.contains('å'));
    }
}

fn form_definition() -> FormDefinition {
    let l = |nb: &str| Localized {
        nb: nb.into(),
        en: nb.into(),
    };
    let field = |id: &str, label: &str, kind: FieldKind| Field {
        id: id.into(),
        label: l(label),
        help: None,
        required: false,
        kind,
        show_when: None,
    };
    let options = vec![
        ChoiceOption {
            value: "full".into(),
            label: l("Full åpenhet"),
        },
        ChoiceOption {
            value: "delvis".into(),
            label: l("Delvis åpenhet"),
        },
    ];
    FormDefinition {
        title: l("IPS-oppfølging"),
        sections: vec![
            FormSectionDef {
                id: "maal".into(),
                title: l("Jobbmål"),
                help: None,
                fields: vec![
                    field("jobbmaal", "Jobbmål", FieldKind::ShortText),
                    field("notat", "Notat", FieldKind::LongText),
                    field(
                        "aapenhet",
                        "Åpenhet",
                        FieldKind::SingleChoice(options.clone()),
                    ),
                    field("kanaler", "Kanaler", FieldKind::MultipleChoice(options)),
                    Field {
                        show_when: Some(Condition {
                            field: "aapenhet".into(),
                            is: MatchValue::OneOf(vec!["full".into()]),
                        }),
                        ..field("startdato", "Jobbstart", FieldKind::Date)
                    },
                ],
                show_when: None,
            },
            FormSectionDef {
                id: "arbeid".into(),
                title: l("Arbeid"),
                help: None,
                fields: vec![
                    field(
                        "timer",
                        "Timer i uka",
                        FieldKind::Number(NumberSpec {
                            min: Some(0.0),
                            max: Some(60.0),
                            integer: false,
                            unit: None,
                        }),
                    ),
                    field("lonn", "Lønn", FieldKind::YesNo),
                    field(
                        "trivsel",
                        "Trivsel",
                        FieldKind::Scale(ScaleSpec {
                            low_label: None,
                            high_label: None,
                        }),
                    ),
                    field(
                        "kontakter",
                        "Arbeidsgiverkontakter",
                        FieldKind::RepeatingGroup(GroupSpec {
                            fields: vec![
                                SubField {
                                    id: "dato".into(),
                                    label: l("Dato"),
                                    help: None,
                                    required: true,
                                    kind: ValueKind::Date,
                                    show_when: None,
                                },
                                SubField {
                                    id: "arbeidsgiver".into(),
                                    label: l("Arbeidsgiver"),
                                    help: None,
                                    required: true,
                                    kind: ValueKind::ShortText,
                                    show_when: Some(Condition {
                                        field: "dato".into(),
                                        is: MatchValue::Answered,
                                    }),
                                },
                            ],
                            add_label: l("Ny kontakt"),
                            min_rows: 0,
                            max_rows: None,
                        }),
                    ),
                ],
                show_when: Some(Condition {
                    field: "lonn".into(),
                    is: MatchValue::YesNo(true),
                }),
            },
        ],
    }
}

/// A demo case with two plugin forms: one whose plugin is "installed" (summary given), one
/// whose plugin is not.
fn with_forms(mut case: Case) -> (Case, PluginSections) {
    let t = Utc.with_ymd_and_hms(2026, 11, 1, 10, 30, 0).unwrap();
    let ips = FormEntry {
        id: FormEntryId::new(),
        plugin_id: "no.nordvik.ips-oppfolging".into(),
        plugin_version: "1.2.0".into(),
        data: serde_json::json!({
            "jobbmaal": "Gartneri, 40 % stilling",
            "notat": "Ønsker å øke til 50 % etter nyttår.",
            "aapenhet": "full",
            "kanaler": ["delvis"],
            "startdato": "2026-10-06",
            "timer": 15.5,
            "lonn": true,
            "trivsel": 4,
            "kontakter": [
                {"dato": "2026-09-01", "arbeidsgiver": "Nordvik gartneri"},
                {"dato": "2026-09-08", "arbeidsgiver": "Fjordkafeen"}
            ],
            "udeklarert": "beholdes"
        })
        .to_string(),
        created: t,
        updated: t,
    };
    let housing = FormEntry {
        id: FormEntryId::new(),
        plugin_id: "no.nordvik.boligsjekk".into(),
        plugin_version: "0.9.0".into(),
        data: r#"{"husleie": 8500}"#.into(),
        created: t,
        updated: t,
    };
    let sections = PluginSections {
        forms: vec![FormSection {
            entry: ips.id,
            plugin_id: ips.plugin_id.clone(),
            title: "IPS-oppfølging".into(),
            summary: vec![
                "Jobbstart 06.10.2026 på Nordvik gartneri, 15,5 timer i uka.".into(),
                "Åtte arbeidsgiverkontakter siden august; to førte til intervju.".into(),
            ],
            form: Some(form_definition()),
            problem: None,
        }],
    };
    case.forms = vec![ips, housing];
    (case, sections)
}

#[test]
fn plugin_summaries_print_in_their_own_section_and_missing_plugins_say_so() {
    let (_dir, _store, cases) = demo();
    let (case, forms) = with_forms(cases[0].clone());
    let text = flat(&pdf_text(
        &pdf::plan_pdf(&whole(&case), &forms, &PdfOptions::complete(&clock())).unwrap(),
    ));
    assert_has(&text, "Lokale skjema", "forms heading");
    assert_has(&text, "IPS-oppfølging", "form title");
    for line in &forms.forms[0].summary {
        assert_has(&text, line, "summary line");
    }
    assert_has(
        &text,
        "Skjemaet kan ikke vises: utvidelsen no.nordvik.boligsjekk er ikke installert",
        "missing plugin",
    );
}

/// The forms' part of a document is gathered in the document's language: an English plan says
/// in English that a form's plugin is missing (it was bokmål in any document).
#[test]
fn gathered_form_problems_are_in_the_documents_language() {
    let (_dir, store, cases) = demo();
    let (case, _) = with_forms(cases[0].clone());
    for (lang, expected) in [
        (
            ansvar_core::i18n::Lang::En,
            "The form cannot be shown: the plugin no.nordvik.boligsjekk is not installed",
        ),
        (
            ansvar_core::i18n::Lang::Nb,
            "Skjemaet kan ikke vises: utvidelsen no.nordvik.boligsjekk er ikke installert",
        ),
    ] {
        let forms =
            ansvar_core::export::gather::plugin_sections(&store, &whole(&case), today(), lang);
        let text = flat(&pdf_text(
            &pdf::plan_pdf(
                &whole(&case),
                &forms,
                &PdfOptions::complete(&clock()).in_lang(lang),
            )
            .unwrap(),
        ));
        assert_has(&text, expected, "missing plugin");
    }
}

#[test]
fn a_long_plan_paginates_without_splitting_a_table_row() {
    let case = sample::large_case(60, 400, 50, today());
    let bytes = pdf::plan_pdf(
        &whole(&case),
        &PluginSections::none(),
        &PdfOptions::complete(&clock()),
    )
    .unwrap();
    let raw = pdf_text(&bytes);
    let pages: Vec<String> = raw
        .split('\u{c}')
        .map(flat)
        .filter(|p| !p.is_empty())
        .collect();
    let n = pages.len();
    assert!(n > 20, "only {n} pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Side {} av {n}", i + 1)),
            "page {} has no page number",
            i + 1
        );
        assert!(
            page.contains("Åse Kjærstad Øvrebø"),
            "page {} has no header",
            i + 1
        );
    }
    // Every action row is whole on exactly one page; every goal's words likewise.
    for i in 0..400 {
        let row = flat(&sample::action_text(i));
        let on: Vec<usize> = (0..n).filter(|p| pages[*p].contains(&row)).collect();
        assert_eq!(
            on.len(),
            1,
            "action {i} is on pages {on:?} (split or missing)"
        );
    }
    for i in 0..60 {
        let words = flat(&sample::goal_text(i));
        assert!(pages.iter().any(|p| p.contains(&words)), "goal {i}");
    }
    // The actions table continues over several pages, each with the header row repeated.
    let with_actions: Vec<&String> = pages.iter().filter(|p| p.contains("Tiltak nr. ")).collect();
    assert!(with_actions.len() > 5);
    assert!(
        with_actions
            .iter()
            .all(|p| p.contains("Tiltak (hva) Ansvarlig (hvem) Frist Status"))
    );
}

#[test]
fn an_export_for_nav_holds_only_what_was_consented_and_says_so() {
    let (_dir, _store, cases) = demo();
    let case = cases
        .iter()
        .find(|c| c.person.name == "Ola Nordmann")
        .unwrap();
    let nav = case
        .participants
        .iter()
        .find(|p| p.role == Role::NavAdvisor)
        .unwrap();
    let v = Visibility::of(case, &Audience::Reader(nav.id), today());
    assert!(!v.shows(Section::CrisisPlan) && !v.shows(Section::Goals(LifeDomain::Health)));
    let text = flat(&pdf_text(
        &pdf::plan_pdf(
            &for_reader(case, nav.id),
            &PluginSections::none(),
            &PdfOptions::complete(&clock()),
        )
        .unwrap(),
    ));
    let first_page = text.split("Side 1 av").next().unwrap();
    assert!(first_page.contains(&format!("Utdrag for {}", nav.name)));
    assert!(first_page.contains("har samtykket til å dele med"));
    assert!(first_page.contains("Ikke med (ikke samtykke): mål innen helse"));
    for g in &case.goals {
        let shown = text.contains(&flat(&g.own_words));
        assert_eq!(shown, v.shows_goal(g), "goal «{}»", g.own_words);
    }
    assert!(
        case.goals
            .iter()
            .any(|g| g.domain == LifeDomain::WorkAndActivity)
    );
    for a in &case.actions {
        let shown = text.contains(&flat(&a.what));
        assert_eq!(shown, v.shows_action(case, a), "action «{}»", a.what);
    }
    // No crisis plan, no plan free text, no contributions.
    assert!(!text.contains("Kriseplan"));
    assert!(!text.contains("Kontakter i en krise"));
    assert!(!text.contains(&flat(&case.crisis_plan.red.signs)));
    assert!(!text.contains(&flat(&case.crisis_plan.triggers)));
    for c in &case.crisis_plan.contacts {
        if !case.participants.iter().any(|p| p.name == c.name) {
            assert!(!text.contains(&c.name), "crisis contact {}", c.name);
        }
    }
    assert!(!text.contains(&flat(&case.plan.main_goal)));
    assert!(!text.contains(&flat(&case.plan.needs)));
    for p in &case.participants {
        assert!(!text.contains(&flat(&p.contributes)), "{}", p.name);
    }
    // NAV has no consent to the minutes.
    let latest = case
        .meetings
        .iter()
        .filter(|m| m.ended)
        .max_by_key(|m| m.starts_at)
        .unwrap();
    let refused = pdf::minutes_pdf(
        &for_reader(case, nav.id),
        latest.id,
        &PluginSections::none(),
        &PdfOptions::complete(&clock()),
    );
    assert!(matches!(refused, Err(ExportError::MinutesNotShared { .. })));
}

#[test]
fn minutes_print_attendance_every_item_agreements_and_recipients() {
    let (_dir, _store, cases) = demo();
    for case in &cases {
        for m in case.meetings.iter().filter(|m| m.ended) {
            let text = flat(&body(&pdf_text(
                &pdf::minutes_pdf(
                    &whole(case),
                    m.id,
                    &PluginSections::none(),
                    &PdfOptions::complete(&clock()),
                )
                .unwrap(),
            )));
            let who = &case.person.name;
            assert_has(&text, "Referat fra ansvarsgruppemøte", who);
            assert_has(&text, &m.place, who);
            assert_has(&text, "Til stede", who);
            assert_has(&text, "Meldt forfall", who);
            for (p, a) in &m.attendance {
                let name = &case.participant(*p).unwrap().name;
                assert_has(&text, name, who);
                if *a == Attendance::SentApologies {
                    let after = text.split("Meldt forfall").nth(1).unwrap();
                    assert!(after.contains(name.as_str()));
                }
            }
            assert_has(
                &text,
                &case.participant(m.chair.unwrap()).unwrap().name,
                who,
            );
            for item in &m.agenda {
                assert_has(&text, &item.title, who);
                assert_has(&text, &item.minutes, who);
            }
            for a in case.actions.iter().filter(|a| a.agreed_in == Some(m.id)) {
                assert_has(&text, &a.what, who);
            }
            assert_has(&text, "Neste møte", who);
            assert_has(&text, "Referatet sendes til", who);
            for r in &m.minutes_recipients {
                assert_has(&text, &case.participant(*r).unwrap().name, who);
            }
        }
    }
}

/// Runs the independent validator on the files; fails (never skips) when it is missing.
fn validate_fhir(files: &[PathBuf]) {
    let script = repo().join("scripts/validate_fhir.py");
    let out = Command::new("python3")
        .arg(&script)
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!("python3 is needed for the FHIR validator ({e}); run {INSTALL}")
        });
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => {}
        Some(2) => panic!("the FHIR R4 validator is not installed: {stderr} Run {INSTALL}"),
        _ => panic!("FHIR validation failed:\n{stdout}\n{stderr}"),
    }
}

#[test]
fn demo_fhir_exports_pass_an_independent_r4_validator() {
    let (_dir, _store, cases) = demo();
    let out = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let mut files = Vec::new();
    let (with_forms, forms) = with_forms(cases[1].clone());
    let mut all: Vec<(Case, PluginSections)> = cases
        .iter()
        .map(|c| (c.clone(), PluginSections::none()))
        .collect();
    all.push((with_forms, forms));
    all.push((
        sample::large_case(60, 400, 50, today()),
        PluginSections::none(),
    ));
    for (i, (case, forms)) in all.iter().enumerate() {
        let json = fhir::export_json(&whole(case), forms, now).unwrap();
        let path = out.path().join(format!("case{i}.json"));
        std::fs::write(&path, json).unwrap();
        files.push(path);
    }
    validate_fhir(&files);

    // The resources the mapping promises are there.
    let bundle = fhir::export_bundle(&whole(&all[3].0), &all[3].1, now);
    let types: Vec<&str> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["resource"]["resourceType"].as_str().unwrap())
        .collect();
    for t in [
        "Patient",
        "CareTeam",
        "CarePlan",
        "Goal",
        "Task",
        "Consent",
        "Encounter",
        "Questionnaire",
        "QuestionnaireResponse",
        "Practitioner",
    ] {
        assert!(types.contains(&t), "no {t}");
    }
    let goal = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["resourceType"] == "Goal" && r.get("expressedBy").is_some())
        .expect("a goal the person wrote");
    assert!(
        goal["expressedBy"]["reference"]
            .as_str()
            .unwrap()
            .starts_with("urn:uuid:")
    );
    assert!(goal["lifecycleStatus"].is_string());
}

#[test]
fn fhir_export_import_export_gives_the_same_bundle() {
    let (_dir, store, cases) = demo();
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let importer = Author::Staff {
        name: "Hanne Solberg".into(),
        organisation: "Nordvik kommune".into(),
    };
    let (forms_case, forms) = with_forms(cases[0].clone());
    let mut all: Vec<(Case, PluginSections)> = cases
        .iter()
        .map(|c| (c.clone(), PluginSections::none()))
        .collect();
    all.push((forms_case, forms));
    for (case, forms) in &all {
        let first = fhir::export_bundle(&whole(case), forms, now);
        let id = fhir::import_bundle(&store, &first.to_string(), &importer, &clock()).unwrap();
        let imported = store.load_case(id).unwrap();
        let second = fhir::export_bundle(&whole(&imported), forms, now);
        assert_eq!(first, second, "{}", case.person.name);
        // The content came back, not just the same JSON.
        assert_eq!(imported.goals, case.goals);
        assert_eq!(imported.actions, case.actions);
        assert_eq!(imported.crisis_plan, case.crisis_plan);
        assert_eq!(imported.meetings, case.meetings);
        assert_eq!(imported.consents, case.consents);
        assert_eq!(imported.plan, case.plan);
        assert_eq!(imported.person, case.person);
        assert_eq!(imported.participants, case.participants);
        assert_eq!(imported.forms.len(), case.forms.len());
        for (a, b) in imported.forms.iter().zip(&case.forms) {
            let a_data: serde_json::Value = serde_json::from_str(&a.data).unwrap();
            let b_data: serde_json::Value = serde_json::from_str(&b.data).unwrap();
            assert_eq!(a_data, b_data, "form data of {}", b.plugin_id);
            assert_eq!(
                (&a.plugin_id, &a.plugin_version),
                (&b.plugin_id, &b.plugin_version)
            );
        }
        // Through the edit path: in the history, by the importer.
        let log = store.log(id).unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].author, importer);
    }
}

#[test]
fn bad_fhir_input_is_refused_with_a_clear_message_and_changes_nothing() {
    let (_dir, store, cases) = demo();
    let before = store.list_cases().unwrap().len();
    let author = Author::Staff {
        name: "Test".into(),
        organisation: String::new(),
    };
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let good = fhir::export_bundle(&whole(&cases[0]), &PluginSections::none(), now);

    let mut wrong_version = good.clone();
    wrong_version["meta"]["tag"][0]["code"] = "5.0.0".into();

    let mut missing_owner = good.clone();
    let task = missing_owner["entry"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["resource"]["resourceType"] == "Task" && e["resource"].get("owner").is_some())
        .unwrap();
    task["resource"]["owner"]["reference"] = "urn:uuid:00000000-0000-4000-8000-000000000000".into();

    let mut two_patients = good.clone();
    let patient = two_patients["entry"][0].clone();
    let mut other = patient.clone();
    other["resource"]["id"] = "another".into();
    other["fullUrl"] = "urn:uuid:another".into();
    two_patients["entry"].as_array_mut().unwrap().push(other);

    let cases_: [(&str, String); 5] = [
        ("not json", "this is { not json".into()),
        (
            "not a bundle",
            serde_json::json!({"resourceType": "Patient", "id": "x"}).to_string(),
        ),
        ("wrong version", wrong_version.to_string()),
        ("missing owner", missing_owner.to_string()),
        ("two patients", two_patients.to_string()),
    ];
    for (what, text) in cases_ {
        let err = fhir::import_bundle(&store, &text, &author, &clock()).unwrap_err();
        let ExportError::Import(e) = &err else {
            panic!("{what}: {err}");
        };
        match what {
            "not json" => assert!(matches!(e, ImportError::NotJson(_))),
            "not a bundle" => assert!(matches!(e, ImportError::NotABundle(t) if t == "Patient")),
            "wrong version" => assert!(matches!(e, ImportError::WrongVersion(v) if v == "5.0.0")),
            "missing owner" => {
                assert!(
                    matches!(e, ImportError::MissingReference { resource, path, .. }
                        if resource.starts_with("Task ") && path == "owner"),
                    "{e}"
                );
            }
            _ => assert!(matches!(e, ImportError::SeveralPatients(2))),
        }
        let nb = err.message(ansvar_core::i18n::Lang::Nb);
        assert!(nb.starts_with("Filen er ikke importert"), "{nb}");
        assert_eq!(
            store.list_cases().unwrap().len(),
            before,
            "{what} added a case"
        );
    }
    assert!(store.load_case(CaseId(before as u64 + 1)).is_err());
}

/// A FHIR Consent is taken in only as what the person agreed to: a refusal, a draft, exceptions
/// or several recipients are refused by name, never imported as consent given.
#[test]
fn imported_consents_never_share_more_than_was_agreed() {
    let (_dir, store, cases) = demo();
    let author = Author::Staff {
        name: "Test".into(),
        organisation: String::new(),
    };
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let case = cases.iter().find(|c| !c.consents.is_empty()).unwrap();
    let good = fhir::export_bundle(&whole(case), &PluginSections::none(), now);
    let consent_at = good["entry"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["resource"]["resourceType"] == "Consent")
        .unwrap();
    let with = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut b = good.clone();
        change(&mut b["entry"][consent_at]["resource"]);
        b.to_string()
    };
    let actor = good["entry"][consent_at]["resource"]["provision"]["actor"][0].clone();
    let refused: [(&str, String, &str); 7] = [
        (
            "rejected",
            with(&|c| c["status"] = "rejected".into()),
            "rejected",
        ),
        (
            "proposed",
            with(&|c| c["status"] = "proposed".into()),
            "proposed",
        ),
        (
            "no status",
            with(&|c| c["status"] = serde_json::Value::Null),
            "status",
        ),
        (
            "deny",
            with(&|c| c["provision"]["type"] = "deny".into()),
            "deny",
        ),
        (
            "exceptions",
            with(&|c| {
                c["provision"]["provision"] = serde_json::json!([{"type": "deny"}]);
            }),
            "provision.provision",
        ),
        (
            "inactive, no end",
            with(&|c| {
                c["status"] = "inactive".into();
                c["provision"]["period"]["end"] = serde_json::Value::Null;
            }),
            "provision.period.end",
        ),
        (
            "two recipients",
            with(&|c| c["provision"]["actor"] = serde_json::json!([actor, actor])),
            "2 recipients",
        ),
    ];
    let before = store.list_cases().unwrap().len();
    for (what, text, says) in refused {
        let err = fhir::import_bundle(&store, &text, &author, &clock()).unwrap_err();
        let en = err.message(ansvar_core::i18n::Lang::En);
        assert!(
            matches!(&err, ExportError::Import(ImportError::Invalid { resource, .. })
                if resource.starts_with("Consent")),
            "{what}: {en}"
        );
        assert!(en.contains(says), "{what}: {en}");
        assert_eq!(
            store.list_cases().unwrap().len(),
            before,
            "{what} added a case"
        );
    }

    // What the app exported comes back the same: a withdrawn consent as withdrawn.
    let mut withdrawn = case.clone();
    withdrawn.consents[0].withdrawn = Some(today());
    let bundle = fhir::export_bundle(&whole(&withdrawn), &PluginSections::none(), now);
    let resource = &bundle["entry"][consent_at]["resource"];
    assert_eq!(resource["status"], "inactive");
    let id = fhir::import_bundle(&store, &bundle.to_string(), &author, &clock()).unwrap();
    let back = store.load_case(id).unwrap();
    assert_eq!(back.consents[0].withdrawn, Some(today()));
    assert_eq!(back.consents[0].sections, withdrawn.consents[0].sections);
}

#[test]
fn documents_are_made_in_english_on_request() {
    let (_dir, _store, cases) = demo();
    let case = &cases[0];
    let nav = case
        .participants
        .iter()
        .find(|p| p.role == Role::NavAdvisor)
        .unwrap();
    let en = |view: CaseView, opts: PdfOptions| {
        flat(&pdf_text(
            &pdf::plan_pdf(
                &view,
                &PluginSections::none(),
                &opts.in_lang(ansvar_core::i18n::Lang::En),
            )
            .unwrap(),
        ))
    };
    let complete = en(whole(case), PdfOptions::complete(&clock()));
    for words in [
        "Individual plan",
        "Plan period",
        "Participants & consent",
        "Page 1 of",
    ] {
        assert_has(&complete, words, "English plan");
    }
    for words in ["Individuell plan", "Planperiode", "Side 1 av", "Kriseplan"] {
        assert!(
            !complete.contains(words),
            "Norwegian «{words}» in the English plan"
        );
    }
    let extract = en(for_reader(case, nav.id), PdfOptions::complete(&clock()));
    assert_has(
        &extract,
        &format!("Extract for {}", nav.name),
        "English extract",
    );
    assert_has(
        &extract,
        "Left out (no consent): goals in health",
        "English extract",
    );
    let m = case.meetings.iter().find(|m| m.ended).unwrap();
    let minutes = flat(&pdf_text(
        &pdf::minutes_pdf(
            &whole(case),
            m.id,
            &PluginSections::none(),
            &PdfOptions::complete(&clock()).in_lang(ansvar_core::i18n::Lang::En),
        )
        .unwrap(),
    ));
    for words in [
        "Minutes of the responsibility group meeting",
        "Note taker",
        "The minutes go to",
        "Individual plan for",
    ] {
        assert_has(&minutes, words, "English minutes");
    }
    assert!(
        !minutes.contains("Individuell plan for"),
        "Norwegian in the English minutes"
    );
}
