//! The meeting's review, driven through the real app: every open goal and action ends the
//! meeting gone through, put off with a reason, or recorded as untouched; the minutes say which;
//! what was put off comes back on the next meeting's agenda.

use std::sync::Arc;

use ansvar::clock::Clock;
use ansvar::consent::CaseView;
use ansvar::domain::*;
use ansvar::export::PluginSections;
use ansvar::export::pdf::{self, PdfOptions};
use ansvar::session::Session;
use ansvar::store::Store;
use ansvar::ui::AnsvarApp;
use chrono::NaiveDate;
use egui::accesskit::Role as A11y;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn clock() -> Clock {
    Clock::at_noon(today())
}

const WORK: &str = "Jobbe to dager i uka";
const SLEEP: &str = "Sove bedre";
const ACTION: &str = "Ringe arbeidsgiveren";
const REASON: &str = "Tas når fastlegen er med";

struct Fixture {
    _dir: tempfile::TempDir,
    store: Arc<Store>,
    case: CaseId,
    sleep: GoalId,
}

/// A case with two goals being worked on (the second paused, with a far target and already
/// evaluated, so only a deferral brings it onto an agenda) and one open action.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open_test(dir.path().join("review.redb")).unwrap());
    let case = store.create_case().unwrap().id;
    let mut s = Session::open(store.clone(), case, clock()).unwrap();
    let (work, sleep) = (GoalId::new(), GoalId::new());
    let staff = Author::Staff {
        name: "Nina Koordinator".into(),
        organisation: "Nordvik kommune".into(),
    };
    for e in [
        Edit::SetText {
            field: TextField::PersonName,
            value: "Ola Testesen".into(),
        },
        Edit::InsertGoal {
            index: 0,
            goal: Goal {
                id: work,
                domain: LifeDomain::WorkAndActivity,
                own_words: WORK.into(),
                status: GoalStatus::InProgress,
                ..Goal::default()
            },
        },
        Edit::InsertGoal {
            index: 1,
            goal: Goal {
                id: sleep,
                domain: LifeDomain::Health,
                own_words: SLEEP.into(),
                status: GoalStatus::Paused,
                target_date: NaiveDate::from_ymd_opt(2027, 11, 1),
                evaluations: vec![Evaluation {
                    id: EvaluationId::new(),
                    date: today(),
                    meeting: None,
                    text: "Venter på time".into(),
                }],
                ..Goal::default()
            },
        },
        Edit::InsertAction {
            index: 0,
            action: Action {
                id: ActionId::new(),
                what: ACTION.into(),
                goals: vec![work],
                ..Action::default()
            },
        },
    ] {
        s.apply(e, &staff).unwrap();
    }
    Fixture {
        _dir: dir,
        store,
        case,
        sleep,
    }
}

fn step(h: &mut Harness<'_, AnsvarApp>) {
    h.run_steps(3);
}

fn click(h: &mut Harness<'_, AnsvarApp>, label: &str, nth: usize) {
    h.get_all_by_role_and_label(A11y::Button, label)
        .nth(nth)
        .unwrap_or_else(|| panic!("button «{label}» number {nth}"))
        .click();
    step(h);
}

#[test]
fn every_open_goal_and_action_ends_the_meeting_reviewed_put_off_or_untouched() {
    let f = fixture();
    let store = f.store.clone();
    let mut h = Harness::builder()
        .with_size([1280.0, 1400.0])
        .build_eframe(move |_cc| AnsvarApp::new(store, clock()));
    step(&mut h);
    h.get_by_label("Ola Testesen").click();
    step(&mut h);
    click(&mut h, "Møte", 0);
    h.get_by_label("Start møte").click();
    step(&mut h);
    assert!(
        h.query_by_label_contains("0 av 3 gjennomgått").is_some(),
        "the review lists both goals and the action"
    );

    // The walk starts at the first goal; the list takes the focus to the sleep goal, which is
    // put off with its reason.
    h.get_by_label_contains(&format!("«{SLEEP}» – Ikke gjennomgått"))
        .click();
    step(&mut h);
    h.get_by_label("Hvorfor utsatt").click();
    step(&mut h);
    h.get_by_label("Hvorfor utsatt").type_text(REASON);
    step(&mut h);
    click(&mut h, "Utsett", 0);
    assert!(
        h.query_by_label_contains(&format!("«{SLEEP}» – Utsatt: {REASON}"))
            .is_some()
    );
    // "Next not gone through" goes to the work goal (the first one left): an evaluation written
    // there is its review.
    click(&mut h, "Neste som ikke er gjennomgått", 0);
    h.get_by_label("Evaluering").click();
    step(&mut h);
    h.get_by_label("Evaluering")
        .type_text("Har fått prøve seg to dager");
    step(&mut h);
    click(&mut h, "Lagre evalueringen", 0);
    assert!(
        h.query_by_label_contains(&format!("«{WORK}» – Gjennomgått"))
            .is_some()
    );
    assert!(h.query_by_label_contains("2 av 3 gjennomgått").is_some());
    h.snapshot("review");

    // Ending asks once about what is left, and names it.
    click(&mut h, "Avslutt møtet", 0);
    assert!(
        h.query_by_label_contains(&format!("Ikke gjennomgått ennå: «{ACTION}»"))
            .is_some(),
        "the untouched action is named before the meeting ends"
    );
    let case = f.store.load_case(f.case).unwrap();
    assert!(!case.meetings[0].ended, "not ended before the answer");
    click(&mut h, "Avslutt likevel", 0);

    let case = f.store.load_case(f.case).unwrap();
    let m = &case.meetings[0];
    assert!(m.ended);
    let evaluation = case.goals[0].evaluations.last().unwrap();
    assert_eq!(evaluation.text, "Har fått prøve seg to dager");
    assert_eq!(evaluation.meeting, Some(m.id), "evaluated at this meeting");
    assert_eq!(
        m.outcome(Subject::Goal(case.goals[0].id)),
        Some(&Outcome::Reviewed)
    );
    assert_eq!(
        m.outcome(Subject::Goal(f.sleep)),
        Some(&Outcome::Deferred {
            reason: REASON.into()
        })
    );
    assert_eq!(
        m.outcome(Subject::Action(case.actions[0].id)),
        Some(&Outcome::Untouched)
    );

    // The minutes say, per goal and action, what happened to it.
    let bytes = pdf::minutes_pdf(
        &CaseView::everything(&case),
        m.id,
        &PluginSections::none(),
        &PdfOptions::complete(&clock()),
    )
    .unwrap();
    let text = pdf_text(&bytes);
    assert!(
        text.contains(&format!("Mål «{WORK}»: gjennomgått")),
        "{text}"
    );
    assert!(
        text.contains(&format!("Mål «{SLEEP}»: utsatt til neste møte ({REASON})")),
        "{text}"
    );
    assert!(
        text.contains(&format!("Tiltak «{ACTION}»: ikke gjennomgått")),
        "{text}"
    );

    // What was put off comes back on the next meeting's agenda.
    click(&mut h, "Nytt møte", 0);
    h.get_by_label("Start møte").click();
    step(&mut h);
    let case = f.store.load_case(f.case).unwrap();
    let next = case.open_meeting().unwrap();
    assert!(
        next.agenda.iter().any(|i| i.goals.contains(&f.sleep)),
        "the deferred goal is on the next agenda"
    );
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minutes.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils): run scripts/install-test-deps.sh");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Approved minutes change only through a correction (what and why), which the next meeting's
/// minutes mention; a plain edit of them is refused.
#[test]
fn approved_minutes_change_only_by_a_correction_the_next_minutes_mention() {
    let f = fixture();
    let (meeting, item) = (MeetingId::new(), AgendaItemId::new());
    let held = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 10, 9, 0, 0).unwrap();
    {
        let mut s = Session::open(f.store.clone(), f.case, clock()).unwrap();
        let staff = Author::Staff {
            name: "Nina Koordinator".into(),
            organisation: String::new(),
        };
        s.apply(
            Edit::InsertMeeting {
                index: 0,
                meeting: Meeting {
                    id: meeting,
                    starts_at: held,
                    agenda: vec![AgendaItem {
                        id: item,
                        title: "Siden sist".into(),
                        minutes: "Søknaden er sendt.".into(),
                        ..AgendaItem::default()
                    }],
                    ended: true,
                    approved: Some(Approval {
                        on: NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(),
                        by: "Nina Koordinator".into(),
                    }),
                    ..Meeting::default()
                },
            },
            &staff,
        )
        .unwrap();
    }
    let store = f.store.clone();
    let mut h = Harness::builder()
        .with_size([1280.0, 1400.0])
        .build_eframe(move |_cc| AnsvarApp::new(store, clock()));
    step(&mut h);
    h.get_by_label("Ola Testesen").click();
    step(&mut h);
    click(&mut h, "Møte", 0);

    // A plain edit of the approved minutes is refused and says why.
    let minutes = TextField::AgendaItemMinutes(meeting, item);
    h.state_mut()
        .state
        .execute(ansvar::ui::Command::edit(Edit::SetText {
            field: minutes.clone(),
            value: "Søknaden ble aldri sendt.".into(),
        }));
    step(&mut h);
    let message = h.state().state.message.clone().unwrap_or_default();
    assert!(message.contains("referatet er godkjent"), "{message}");
    let stored = |f: &Fixture| f.store.load_case(f.case).unwrap().meetings[0].clone();
    assert_eq!(stored(&f).agenda[0].minutes, "Søknaden er sendt.");

    // Through "Correct the minutes": the new wording and what was corrected, in one step.
    h.get_by_label("Tidligere møter").click();
    step(&mut h);
    h.get_by_label_contains("10.11.2026").click();
    step(&mut h);
    h.get_by_label("Rett referatet").click();
    step(&mut h);
    h.get_by_label("Hva rettes").click();
    step(&mut h);
    click(&mut h, "Siden sist", 0);
    h.get_by_label("Referat").click();
    step(&mut h);
    h.get_by_label("Referat")
        .type_text(" Svar ventes i januar.");
    step(&mut h);
    h.get_by_label("Hva ble rettet, og hvorfor").click();
    step(&mut h);
    h.get_by_label("Hva ble rettet, og hvorfor")
        .type_text("Svarfristen manglet");
    step(&mut h);
    click(&mut h, "Lagre rettelsen", 0);
    let m = stored(&f);
    assert_eq!(
        m.agenda[0].minutes,
        "Søknaden er sendt. Svar ventes i januar."
    );
    assert_eq!(m.corrections.len(), 1);
    assert_eq!(m.corrections[0].what, "Svarfristen manglet");
    assert!(
        h.query_by_label_contains("Rettet 24.11.2026 av").is_some(),
        "the correction is shown with the minutes"
    );

    // The next meeting's minutes mention it.
    click(&mut h, "Nytt møte", 0);
    h.get_by_label("Start møte").click();
    step(&mut h);
    click(&mut h, "Avslutt møtet", 0);
    if h.query_by_label("Avslutt likevel").is_some() {
        click(&mut h, "Avslutt likevel", 0);
    }
    let case = f.store.load_case(f.case).unwrap();
    let next = case.meetings.iter().find(|m| m.id != meeting).unwrap();
    assert!(next.ended);
    let text = pdf_text(
        &pdf::minutes_pdf(
            &CaseView::everything(&case),
            next.id,
            &PluginSections::none(),
            &PdfOptions::complete(&clock()),
        )
        .unwrap(),
    );
    assert!(
        text.contains("Rettelser i referatet fra 10.11.2026")
            && text.contains("Svarfristen manglet"),
        "{text}"
    );
}
