//! The real app, driven through its accessibility tree with egui_kittest.

use std::path::PathBuf;
use std::sync::Arc;

use ansvar::clock::Clock;
use ansvar::domain::*;
use ansvar::session::Session;
use ansvar::store::Store;
use ansvar::ui::AnsvarApp;
use chrono::NaiveDate;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn clock() -> Clock {
    Clock::at_noon(today())
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn staff() -> Author {
    Author::Staff {
        name: "Test Koordinator".into(),
        organisation: "Nordvik kommune".into(),
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Arc<Store>,
}

fn empty_store() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open_test(dir.path().join("ui.redb")).unwrap());
    Fixture { _dir: dir, store }
}

/// A case with the person, a coordinator and a NAV advisor (consent: work goals only), a goal
/// in each of two domains, an open action and a crisis plan contact.
struct Prepared {
    fx: Fixture,
    case: CaseId,
    nav: ParticipantId,
    person: ParticipantId,
    coordinator: ParticipantId,
}

fn prepared() -> Prepared {
    let fx = empty_store();
    let case = fx.store.create_case().unwrap().id;
    let mut s = Session::open(fx.store.clone(), case, clock()).unwrap();
    let person = Participant {
        id: ParticipantId::new(),
        name: "Ola Testesen".into(),
        role: Role::Person,
        ..Participant::default()
    };
    let coordinator = Participant {
        id: ParticipantId::new(),
        name: "Nina Koordinator".into(),
        role: Role::Coordinator,
        organisation: "Nordvik kommune".into(),
        ..Participant::default()
    };
    let nav = Participant {
        id: ParticipantId::new(),
        name: "Per Navesen".into(),
        role: Role::NavAdvisor,
        organisation: "NAV Nordvik".into(),
        ..Participant::default()
    };
    let (pid, cid, nid) = (person.id, coordinator.id, nav.id);
    let work = GoalId::new();
    let edits = vec![
        Edit::SetText {
            field: TextField::PersonName,
            value: "Ola Testesen".into(),
        },
        Edit::InsertParticipant {
            index: 0,
            participant: person,
        },
        Edit::InsertParticipant {
            index: 1,
            participant: coordinator,
        },
        Edit::InsertParticipant {
            index: 2,
            participant: nav,
        },
        Edit::SetCoordinator {
            participant: Some(cid),
        },
        Edit::InsertConsent {
            index: 0,
            consent: Consent {
                id: ConsentId::new(),
                recipient: ConsentRecipient::Participant(nid),
                sections: vec![
                    Section::Goals(LifeDomain::WorkAndActivity),
                    Section::Actions,
                    Section::Minutes,
                ],
                given: Some(today()),
                ..Consent::default()
            },
        },
        Edit::InsertGoal {
            index: 0,
            goal: Goal {
                id: work,
                domain: LifeDomain::WorkAndActivity,
                own_words: "Jeg vil ha en jobb der jeg kan være ute".into(),
                expressed_by_person: true,
                status: GoalStatus::InProgress,
                ratings: vec![
                    Rating {
                        date: today() - chrono::Days::new(60),
                        value: 3,
                    },
                    Rating {
                        date: today() - chrono::Days::new(20),
                        value: 5,
                    },
                ],
                ..Goal::default()
            },
        },
        Edit::InsertGoal {
            index: 1,
            goal: Goal {
                id: GoalId::new(),
                domain: LifeDomain::Health,
                own_words: "Sove bedre om natta".into(),
                ..Goal::default()
            },
        },
        Edit::InsertAction {
            index: 0,
            action: Action {
                id: ActionId::new(),
                what: "Ringe tre arbeidsgivere".into(),
                responsible: Some(pid),
                due: Some(today() - chrono::Days::new(3)),
                goals: vec![work],
                ..Action::default()
            },
        },
        Edit::InsertContact {
            index: 0,
            contact: Contact {
                id: ContactId::new(),
                name: "DPS akutteam".into(),
                role: "Akutteam".into(),
                phone: "400 00 999".into(),
                note: String::new(),
            },
        },
        Edit::SetText {
            field: TextField::ZoneSigns(Zone::Yellow),
            value: "Sover dårlig, trekker meg unna".into(),
        },
        Edit::SetDate {
            field: DateField::CrisisPlanReviewed,
            value: Some(today() - chrono::Days::new(30)),
        },
    ];
    s.apply(Edit::Batch { edits }, &staff()).unwrap();
    Prepared {
        fx,
        case,
        nav: nid,
        person: pid,
        coordinator: cid,
    }
}

fn harness(store: &Arc<Store>) -> Harness<'static, AnsvarApp> {
    harness_sized(store, [1280.0, 900.0])
}

fn harness_sized(store: &Arc<Store>, size: [f32; 2]) -> Harness<'static, AnsvarApp> {
    let store = store.clone();
    let mut h = Harness::builder()
        .with_size(size)
        .build_eframe(move |_cc| AnsvarApp::new(store, clock()));
    h.run_steps(3);
    h
}

fn step(h: &mut Harness<'_, AnsvarApp>) {
    h.run_steps(3);
}

fn open_case(h: &mut Harness<'_, AnsvarApp>, name: &str) {
    h.get_by_label(name).click();
    step(h);
}

fn tab(h: &mut Harness<'_, AnsvarApp>, label: &str) {
    h.get_by_role_and_label(egui::accesskit::Role::Button, label)
        .click();
    step(h);
}

/// Types into the field labelled `label` (the last one, where a list repeats labels above a
/// form for a new item).
fn type_into(h: &mut Harness<'_, AnsvarApp>, label: &str, text: &str) {
    h.get_all_by_label(label).last().unwrap().click();
    step(h);
    h.get_all_by_label(label).last().unwrap().type_text(text);
    step(h);
}

/// Chooses `option` in the (last) combo box labelled `label`.
fn choose(h: &mut Harness<'_, AnsvarApp>, label: &str, option: &str) {
    h.get_all_by_label(label).last().unwrap().click();
    step(h);
    h.get_by_role_and_label(egui::accesskit::Role::Button, option)
        .click();
    step(h);
}

/// Presses `name`'s attendance button (one per participant, it moves to the next mark) until
/// it says `mark`.
fn mark(h: &mut Harness<'_, AnsvarApp>, name: &str, mark: &str) {
    let wanted = format!("{name}: {mark}");
    for _ in 0..4 {
        if h.query_by_label(&wanted).is_some() {
            return;
        }
        h.get_by_label_contains(&format!("{name}: ")).click();
        step(h);
    }
    panic!("{name}'s attendance never read {mark}");
}

fn case_of(store: &Store) -> Case {
    let id = store.list_cases().unwrap()[0].id;
    store.load_case(id).unwrap()
}

#[test]
fn create_a_case_with_participants_and_consent() {
    let fx = empty_store();
    let mut h = harness(&fx.store);
    h.get_by_label("Ny sak").click();
    step(&mut h);
    type_into(&mut h, "Navn", "Kari Testesen");
    assert_eq!(case_of(&fx.store).person.name, "Kari Testesen");

    tab(&mut h, "Deltakere og samtykke");
    type_into(&mut h, "Navn", "Kari Testesen");
    choose(&mut h, "Rolle", "Personen selv");
    h.get_by_label("Legg til deltaker").click();
    step(&mut h);
    type_into(&mut h, "Navn", "Per Navesen");
    choose(&mut h, "Rolle", "NAV-veileder");
    h.get_by_label("Legg til deltaker").click();
    step(&mut h);
    let case = case_of(&fx.store);
    assert_eq!(case.participants.len(), 2);
    assert_eq!(case.participants[1].name, "Per Navesen");
    assert_eq!(case.participants[1].role, Role::NavAdvisor);
    assert_eq!(case.participants[1].level, Level::Nav);

    choose(&mut h, "Samtykke til", "Per Navesen");
    h.get_by_label("Registrer samtykke").click();
    step(&mut h);
    h.get_by_label("Per Navesen: Mål: Arbeid og aktivitet")
        .click();
    step(&mut h);
    let case = case_of(&fx.store);
    assert_eq!(case.consents.len(), 1);
    assert_eq!(
        case.consents[0].recipient,
        ConsentRecipient::Participant(case.participants[1].id)
    );
    assert_eq!(
        case.consents[0].sections,
        vec![Section::Goals(LifeDomain::WorkAndActivity)]
    );
    // The participant card says what they may now see.
    assert!(
        h.query_by_label_contains("Kan se: Mål: Arbeid og aktivitet")
            .is_some()
    );
}

#[test]
fn a_goal_in_the_persons_own_words_is_logged_as_theirs() {
    let p = prepared();
    let mut h = harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    tab(&mut h, "Mål");
    type_into(&mut h, "Målet med egne ord", "Jeg vil bo nær søsteren min");
    h.get_by_label("Skrevet av personen selv").click();
    step(&mut h);
    h.get_by_label("Legg til mål").click();
    step(&mut h);
    let case = p.fx.store.load_case(p.case).unwrap();
    let goal = case.goals.last().unwrap();
    assert_eq!(goal.own_words, "Jeg vil bo nær søsteren min");
    assert!(goal.expressed_by_person);
    let log = p.fx.store.log(p.case).unwrap();
    assert_eq!(
        log.last().unwrap().author,
        Author::Person {
            name: "Ola Testesen".into()
        }
    );
    // Shown first and large on the goals tab.
    assert!(h.query_by_label("Jeg vil bo nær søsteren min").is_some());
}

#[test]
fn a_meeting_runs_from_attendance_to_approved_minutes() {
    let p = prepared();
    let mut h = harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    tab(&mut h, "Møte");
    h.get_by_label("Start møte").click();
    step(&mut h);
    mark(&mut h, "Ola Testesen", "Til stede");
    mark(&mut h, "Per Navesen", "Meldt forfall");
    h.get_by_label_contains("Siden sist").click();
    step(&mut h);
    type_into(&mut h, "Referat", "Ola forteller at han har sovet bedre.");
    // An agreement becomes an action in one step.
    type_into(&mut h, "Hva", "Søke jobb hos Fjordvik Handel");
    choose(&mut h, "Ansvarlig", "Ola Testesen");
    type_into(&mut h, "Frist", "15.12.2026");
    h.get_by_label("Legg til tiltak").click();
    step(&mut h);

    let case = p.fx.store.load_case(p.case).unwrap();
    let m = case.meetings.last().unwrap();
    assert_eq!(m.attendance.get(&p.person), Some(&Attendance::Present));
    assert_eq!(m.attendance.get(&p.nav), Some(&Attendance::SentApologies));
    assert_eq!(m.chair, Some(p.coordinator));
    let item = m
        .agenda
        .iter()
        .find(|i| i.title.starts_with("Siden sist"))
        .unwrap();
    assert_eq!(item.minutes, "Ola forteller at han har sovet bedre.");
    let action = case
        .actions
        .iter()
        .find(|a| a.what == "Søke jobb hos Fjordvik Handel")
        .unwrap();
    assert_eq!(action.agreed_in, Some(m.id));
    assert_eq!(action.responsible, Some(p.person));
    assert_eq!(action.due, NaiveDate::from_ymd_opt(2026, 12, 15));
    assert!(
        item.actions.contains(&action.id),
        "linked to the agenda item in the same step"
    );
    // The open action from before was carried in.
    let carried = m
        .agenda
        .iter()
        .find(|i| i.title.starts_with("Åpne tiltak"))
        .unwrap();
    assert_eq!(carried.actions.len(), 1);

    h.get_by_label("Avslutt møtet").click();
    step(&mut h);
    // The goals and the action not gone through are asked about once.
    h.get_by_label("Avslutt likevel").click();
    step(&mut h);
    assert!(
        h.query_by_label("Referatet er klart til godkjenning og eksport.")
            .is_some()
    );
    h.get_by_label("Godkjenn referatet").click();
    step(&mut h);
    let case = p.fx.store.load_case(p.case).unwrap();
    let m = case.meetings.last().unwrap();
    assert!(m.ended);
    assert_eq!(m.approved.as_ref().map(|a| a.on), Some(today()));
}

#[test]
fn the_consent_filter_hides_what_someone_present_may_not_see() {
    let p = prepared();
    let mut h = harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    tab(&mut h, "Møte");
    h.get_by_label("Start møte").click();
    step(&mut h);
    mark(&mut h, "Per Navesen", "Til stede");
    h.get_by_label("Presentasjon").click();
    step(&mut h);
    tab(&mut h, "Kriseplan");
    assert!(h.query_by_label("Ikke delt i dette møtet").is_some());
    assert!(
        h.query_by_label("400 00 999").is_none(),
        "crisis-plan contacts must not show"
    );
    tab(&mut h, "Mål");
    assert!(
        h.query_by_label("Jeg vil ha en jobb der jeg kan være ute")
            .is_some(),
        "work goals are shared with NAV"
    );
    assert!(
        h.query_by_label("Sove bedre om natta").is_none(),
        "health goals are not"
    );

    // NAV leaves: everything may show again.
    tab(&mut h, "Møte");
    mark(&mut h, "Per Navesen", "Fraværende");
    tab(&mut h, "Kriseplan");
    assert!(h.query_by_label("Ikke delt i dette møtet").is_none());
    assert!(h.query_by_label("400 00 999").is_some());
}

#[test]
fn undo_restores_and_redo_reapplies() {
    let p = prepared();
    let mut h = harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    type_into(&mut h, "Hovedmål", "Et trygt hjem");
    assert_eq!(
        p.fx.store.load_case(p.case).unwrap().plan.main_goal,
        "Et trygt hjem"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    step(&mut h);
    assert_eq!(p.fx.store.load_case(p.case).unwrap().plan.main_goal, "");
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z);
    step(&mut h);
    assert_eq!(
        p.fx.store.load_case(p.case).unwrap().plan.main_goal,
        "Et trygt hjem"
    );
    h.get_by_label("Angre").click();
    step(&mut h);
    assert_eq!(p.fx.store.load_case(p.case).unwrap().plan.main_goal, "");
}

#[test]
fn the_curtain_blanks_the_screen_at_once() {
    let p = prepared();
    let mut h = harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    assert!(h.query_by_label("Ola Testesen").is_some());
    h.key_press(Key::F9);
    step(&mut h);
    assert!(h.query_by_label("Ola Testesen").is_none());
    // The curtain locks the file: its key is gone until the passphrase is typed.
    assert!(h.state().state.store.is_locked());
    assert!(h.query_by_label("Vis skjermen igjen").is_none());
    unlock_curtain(&mut h, "feil passord");
    assert!(h.query_by_label("Ola Testesen").is_none());
    assert!(
        h.query_by_label_contains("Feil passord eller gjenopprettingsnøkkel")
            .is_some()
    );
    assert!(h.state().state.store.is_locked());
    unlock_curtain(&mut h, ansvar::store::TEST_PASSPHRASE);
    assert!(!h.state().state.store.is_locked());
    assert!(h.query_by_label("Ola Testesen").is_some());
    h.get_by_label("Skjul skjermen").click();
    step(&mut h);
    assert!(h.query_by_label("Ola Testesen").is_none());
}

/// Types `passphrase` into the locked curtain and presses its button.
fn unlock_curtain(h: &mut Harness<'_, AnsvarApp>, passphrase: &str) {
    h.get_by_label("Skjermen er låst. Skriv passordet for å fortsette.")
        .click();
    step(h);
    h.get_by_label("Skjermen er låst. Skriv passordet for å fortsette.")
        .type_text(passphrase);
    step(h);
    h.get_by_label("Lås opp").click();
    step(h);
}

fn plugin_wasm(name: &str) -> Vec<u8> {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/plugins/")).join(name);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run scripts/build-plugins.sh first",
            path.display()
        )
    })
}

#[test]
fn a_plugin_form_shows_the_plugins_validation_messages() {
    use ansvar::plugins::host::PluginHost;
    use ansvar::plugins::package::{Package, SecretKey};
    use ansvar::plugins::registry;

    let p = prepared();
    let cache = tempfile::tempdir().unwrap();
    let host = PluginHost::new(Some(cache.path().to_path_buf())).unwrap();
    let wasm = plugin_wasm("ips-follow-up.wasm");
    let plugin = host.load(&wasm).unwrap();
    let key = SecretKey::generate().unwrap();
    let package = Package::sign(serde_json::to_vec(&plugin.manifest).unwrap(), wasm, &key);
    registry::trust_key(&p.fx.store, key.public(), "Test", clock().now()).unwrap();
    registry::install(&p.fx.store, &host, &package.to_bytes(), &[], clock().now()).unwrap();

    let mut h = harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    tab(&mut h, "Skjema");
    // The plugins load in the background.
    for _ in 0..200 {
        if h.query_by_label_contains("Nytt skjema:").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        step(&mut h);
    }
    h.get_by_label_contains("Nytt skjema:").click();
    step(&mut h);
    // Each answer adds messages above later fields: let it come before clicking further.
    until_answered(&mut h);
    h.get_by_label("Har personen startet i jobb?: Ja").click();
    step(&mut h);
    until_answered(&mut h);
    type_into(&mut h, "Timer per uke", "100");
    step(&mut h);
    // The plugin service answers off the UI thread; the message shows once it has.
    assert!(
        until_shown(&mut h, "Kan ikke være mer enn 60."),
        "the plugin's range message is shown beside the field"
    );
    let case = p.fx.store.load_case(p.case).unwrap();
    assert_eq!(case.forms.len(), 1);
    assert!(case.forms[0].data.contains("100"));

    // API 0.2's time of day: typed loosely, stored as "HH:MM"; what is no time is said so.
    until_answered(&mut h);
    // Below the window's height: focused (as with Tab) rather than clicked where it was drawn.
    h.get_by_label("Ukentlig oppfølging av jobbspesialist: Ja")
        .focus();
    step(&mut h);
    h.key_press(Key::Space);
    step(&mut h);
    until_answered(&mut h);
    let time = "Fast tidspunkt for oppfølgingen";
    let focus_and_type = |h: &mut Harness<'_, AnsvarApp>, text: &str| {
        h.get_by_label(time).focus();
        step(h);
        h.get_by_label(time).type_text(text);
        step(h);
        h.key_press(Key::Enter);
        step(h);
    };
    focus_and_type(&mut h, "9.30");
    let data = || p.fx.store.load_case(p.case).unwrap().forms[0].data.clone();
    assert!(data().contains(r#""support-time":"09:30""#), "{}", data());
    assert!(until_shown(
        &mut h,
        "Ukentlig oppfølging første måned: ja, kl. 09:30"
    ));
    focus_and_type(&mut h, "x");
    assert!(
        h.query_by_label("Ugyldig klokkeslett (bruk tt:mm, f.eks. 09:30)")
            .is_some()
    );
    assert!(data().contains(r#""support-time":"09:30""#), "{}", data());
}

/// Steps until the plugin service has answered about the form's current data (its spinner has
/// gone); about 10 s at most.
fn until_answered(h: &mut Harness<'_, AnsvarApp>) {
    for _ in 0..200 {
        if h.query_by_label("Utvidelsen ser på skjemaet …").is_none() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        step(h);
    }
    panic!("the plugin service did not answer");
}

/// Steps until `label` shows, for answers that come from a worker thread; about 10 s at most.
fn until_shown(h: &mut Harness<'_, AnsvarApp>, label: &str) -> bool {
    for _ in 0..200 {
        if h.query_by_label(label).is_some() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        step(h);
    }
    false
}

/// Every panel as the laptop shows it (1280×800), and the room's screen in presentation
/// mode at 1920×1080; compared with `tests/snapshots/*.png` (UPDATE_SNAPSHOTS=1 writes them).
#[test]
fn snapshots_of_the_main_screens() {
    let fx = empty_store();
    let ids = ansvar::demo::write_demo(&fx.store, today()).unwrap();
    let name = fx.store.load_case(ids[0]).unwrap().person.name;
    let participants: Vec<String> = fx
        .store
        .load_case(ids[0])
        .unwrap()
        .participants
        .iter()
        .map(|p| p.name.clone())
        .collect();
    // The forms tab with a real plugin's form.
    install_ips_plugin(&fx.store);
    let mut h = harness_sized(&fx.store, [1280.0, 800.0]);
    h.snapshot("case_list");
    open_case(&mut h, &name);
    h.snapshot("overview");
    for (label, file) in [
        ("Mål", "goals"),
        ("Kriseplan", "crisis_plan"),
        ("Tiltak", "actions"),
    ] {
        tab(&mut h, label);
        h.snapshot(file);
    }
    tab(&mut h, "Skjema");
    assert!(until_shown_containing(&mut h, "Nytt skjema:"));
    h.get_by_label_contains("Nytt skjema:").click();
    step(&mut h);
    until_answered(&mut h);
    h.snapshot("forms");
    for (label, file) in [
        ("Deltakere og samtykke", "participants"),
        ("Historikk", "history"),
    ] {
        tab(&mut h, label);
        h.snapshot(file);
    }
    tab(&mut h, "Møte");
    h.snapshot("meeting_start");
    h.get_by_label("Start møte").click();
    step(&mut h);
    // Every mark once, and one left unmarked.
    for (who, m) in
        participants
            .iter()
            .zip(["Til stede", "Til stede", "Meldt forfall", "Fraværende"])
    {
        mark(&mut h, who, m);
    }
    // Before an item is in focus: its timer counts seconds, which a snapshot cannot hold.
    h.snapshot("meeting");

    let mut room = harness_sized(&fx.store, [1920.0, 1080.0]);
    open_case(&mut room, &name);
    tab(&mut room, "Møte");
    room.get_by_label_contains("3. Gjennomgang av mål").click();
    step(&mut room);
    room.get_by_label("Presentasjon").click();
    step(&mut room);
    room.snapshot("presentation");
    tab(&mut room, "Mål");
    room.snapshot("presentation_goals");
    // Both harnesses' results reported (and, with UPDATE_SNAPSHOTS, written) together.
    let mut results = h.take_snapshot_results();
    results.extend_harness(&mut room);
    results.unwrap();
}

#[test]
fn type_size_is_remembered_per_mode() {
    let p = prepared();
    let mut h = harness(&p.fx.store);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Plus);
    step(&mut h);
    let desk = h.state().state.zoom;
    assert!(desk > 1.2);
    h.key_press(Key::F5);
    step(&mut h);
    assert!(h.state().state.presentation);
    let big = h.state().state.presentation_zoom;
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Minus);
    step(&mut h);
    assert!(h.state().state.presentation_zoom < big);
    assert_eq!(h.state().state.zoom, desk, "the desk size is untouched");
    // A new window on the same database starts with both sizes.
    let again = harness(&p.fx.store);
    assert_eq!(again.state().state.zoom, desk);
    assert!(again.state().state.presentation_zoom < big);
}

#[test]
fn actions_filter_show_overdue_and_one_key_marks_done() {
    let p = prepared();
    let mut h = harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    tab(&mut h, "Tiltak");
    assert!(
        h.query_by_label_contains("(forfalt)").is_some(),
        "the overdue action is marked"
    );
    // The filter is the first "Ansvarlig"; the new-action form below has the other.
    let filter = |h: &mut Harness<'_, AnsvarApp>, who: &str| {
        h.get_all_by_label("Ansvarlig").next().unwrap().click();
        step(h);
        h.get_by_role_and_label(egui::accesskit::Role::Button, who)
            .click();
        step(h);
    };
    filter(&mut h, "Per Navesen");
    assert!(
        h.query_by_label("Ringe tre arbeidsgivere").is_none(),
        "filtered out: Ola is responsible"
    );
    filter(&mut h, "Ola Testesen");
    h.get_by_label("Ringe tre arbeidsgivere").click();
    step(&mut h);
    h.key_press(Key::D);
    step(&mut h);
    let case = p.fx.store.load_case(p.case).unwrap();
    assert_eq!(case.actions[0].status, ActionStatus::Done);
}

#[test]
fn history_tells_who_changed_what() {
    let p = prepared();
    let mut h = harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    type_into(&mut h, "Hovedmål", "Et trygt hjem");
    tab(&mut h, "Historikk");
    assert!(
        h.query_by_label_contains("Koordinator skrev hovedmålet: «Et trygt hjem»")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("la til målet «Jeg vil ha en jobb der jeg kan være ute»")
            .is_some()
    );
}

/// History read once stays true: later edits appear, and typing that goes on in a field shows
/// its final text (the log's last entry grows while the person types).
#[test]
fn history_follows_edits_made_after_it_was_read() {
    let p = prepared();
    let mut h = harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    tab(&mut h, "Historikk");
    tab(&mut h, "Oversikt");
    type_into(&mut h, "Hovedmål", "Et trygt");
    tab(&mut h, "Historikk");
    assert!(
        h.query_by_label_contains("Koordinator skrev hovedmålet: «Et trygt»")
            .is_some()
    );
    tab(&mut h, "Oversikt");
    type_into(&mut h, "Hovedmål", " hjem");
    assert_eq!(case_of(&p.fx.store).plan.main_goal, "Et trygt hjem");
    tab(&mut h, "Historikk");
    assert!(
        h.query_by_label_contains("Koordinator skrev hovedmålet: «Et trygt hjem»")
            .is_some()
    );
}

#[test]
fn export_writes_the_plan_pdf_in_the_background() {
    let p = prepared();
    let out = p.fx._dir.path().join("plan.pdf");
    let mut h = harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    assert!(h.query_by_label("Eksporter plan (PDF)").is_some());
    h.state_mut().state.export_pdf_to(None, out.clone());
    for _ in 0..200 {
        step(&mut h);
        if h.query_by_label_contains("PDF lagret:").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(h.query_by_label_contains("PDF lagret:").is_some());
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
}

#[test]
fn the_national_id_is_checked_saved_and_only_ever_shown_masked() {
    let p = prepared();
    let mut h = harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    h.get_by_label("Endre").click();
    step(&mut h);
    // A typing mistake (wrong check digits) is refused and what was typed stays.
    type_into(&mut h, "Fødselsnummer", "01819012366");
    h.get_by_label("Lagre fødselsnummer").click();
    step(&mut h);
    assert!(h.query_by_label_contains("kontrollsiffer").is_some());
    assert_eq!(case_of(&p.fx.store).person.national_id, "");
    // Fixed: the last digit corrected.
    h.get_all_by_label("Fødselsnummer").last().unwrap().click();
    step(&mut h);
    h.key_press(Key::Backspace);
    step(&mut h);
    h.get_all_by_label("Fødselsnummer")
        .last()
        .unwrap()
        .type_text("5");
    step(&mut h);
    h.get_by_label("Lagre fødselsnummer").click();
    step(&mut h);
    assert_eq!(case_of(&p.fx.store).person.national_id, "01819012365");
    assert!(h.query_by_label("•••••••••65").is_some());
    assert!(h.query_by_label_contains("01819012365").is_none());
    // The history says it changed without showing it.
    tab(&mut h, "Historikk");
    assert!(h.query_by_label_contains("•••••••••65").is_some());
    assert!(h.query_by_label_contains("01819012365").is_none());
}

#[test]
fn the_user_names_themself_and_every_edit_is_logged_with_that_name() {
    let fx = empty_store();
    let mut h = harness(&fx.store);
    h.get_by_label("Du og denne maskinen").click();
    step(&mut h);
    h.get_all_by_label("Ditt navn").last().unwrap().click();
    step(&mut h);
    for _ in "Koordinator".chars() {
        h.key_press(Key::Backspace);
    }
    step(&mut h);
    h.get_all_by_label("Ditt navn")
        .last()
        .unwrap()
        .type_text("Hanne Solberg");
    step(&mut h);
    type_into(&mut h, "Organisasjon", "Nordvik kommune");
    h.get_by_label("Lagre navn").click();
    step(&mut h);
    choose(&mut h, "Skjul skjermen etter inaktivitet", "5 min");
    let hanne = Author::Staff {
        name: "Hanne Solberg".into(),
        organisation: "Nordvik kommune".into(),
    };
    assert_eq!(
        fx.store.setting::<Author>("ui.user").unwrap(),
        Some(hanne.clone())
    );
    assert_eq!(
        fx.store.setting::<u64>("ui.idle_lock_minutes").unwrap(),
        Some(5)
    );

    h.get_by_label("Ny sak").click();
    step(&mut h);
    type_into(&mut h, "Navn", "Kari Testesen");
    let id = fx.store.list_cases().unwrap()[0].id;
    let log = fx.store.log(id).unwrap();
    assert_eq!(log.last().unwrap().author, hanne);

    // The next start remembers both.
    drop(h);
    let next = ansvar::ui::AppState::new(fx.store.clone(), clock());
    assert_eq!(next.user, hanne);
    assert_eq!(next.idle_lock, std::time::Duration::from_secs(5 * 60));
}

#[test]
fn f1_lists_every_shortcut_the_keys_do() {
    let fx = empty_store();
    let mut h = harness(&fx.store);
    h.key_press(Key::F1);
    step(&mut h);
    // The help screen is read from the same table as the key handler.
    for s in ansvar::ui::command::SHORTCUTS {
        h.get_by_label(s.label);
        h.get_by_label(s.help.get(ansvar::i18n::Lang::Nb));
    }
    h.key_press(Key::F1);
    step(&mut h);
    assert!(
        h.query_by_label("Ctrl+Shift+Z").is_none(),
        "F1 closes the help again"
    );
}

#[test]
fn a_new_meeting_starts_with_nobody_marked_and_each_person_is_one_button() {
    let p = prepared();
    let mut h = harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    tab(&mut h, "Møte");
    h.get_by_label("Start møte").click();
    step(&mut h);
    let attendance = |p: &Prepared| {
        p.fx.store.load_case(p.case).unwrap().meetings[0]
            .attendance
            .clone()
    };
    assert!(attendance(&p).is_empty(), "nobody is marked yet");
    for who in ["Ola Testesen", "Nina Koordinator", "Per Navesen"] {
        // One control per person, named with the person and the mark it shows.
        assert_eq!(h.get_all_by_label_contains(&format!("{who}: ")).count(), 1);
        h.get_by_label(&format!("{who}: Ikke registrert"));
    }
    // A click moves Ola's mark on, round to not marked again.
    for (label, stored) in [
        ("Til stede", Some(Attendance::Present)),
        ("Meldt forfall", Some(Attendance::SentApologies)),
        ("Fraværende", Some(Attendance::Absent)),
        ("Ikke registrert", None),
    ] {
        h.get_by_label_contains("Ola Testesen: ").click();
        step(&mut h);
        assert!(
            h.query_by_label(&format!("Ola Testesen: {label}"))
                .is_some()
        );
        assert_eq!(attendance(&p).get(&p.person).copied(), stored);
    }
    // From the keyboard: focused (as with Tab) and Space.
    h.get_by_label("Per Navesen: Ikke registrert").focus();
    step(&mut h);
    h.key_press(Key::Space);
    step(&mut h);
    assert!(h.query_by_label("Per Navesen: Til stede").is_some());
    assert_eq!(
        attendance(&p).get(&p.nav).copied(),
        Some(Attendance::Present)
    );
}

#[test]
fn the_case_list_sorts_by_the_header_clicked() {
    let fx = empty_store();
    // Three cases: names, coordinators and overdue actions in different orders.
    let mut cases = Vec::new();
    for (person, coordinator, overdue) in [
        ("Åse Testesen", "Berit Koordinator", 0),
        ("Bjørn Testesen", "Øystein Koordinator", 2),
        ("Ærlig Testesen", "Anne Koordinator", 1),
    ] {
        let id = fx.store.create_case().unwrap().id;
        let mut s = Session::open(fx.store.clone(), id, clock()).unwrap();
        let c = Participant {
            id: ParticipantId::new(),
            name: coordinator.into(),
            role: Role::Coordinator,
            ..Participant::default()
        };
        let mut edits = vec![
            Edit::SetText {
                field: TextField::PersonName,
                value: person.into(),
            },
            Edit::SetCoordinator {
                participant: Some(c.id),
            },
        ];
        edits.insert(
            1,
            Edit::InsertParticipant {
                index: 0,
                participant: c,
            },
        );
        for n in 0..overdue {
            edits.push(Edit::InsertAction {
                index: n,
                action: Action {
                    id: ActionId::new(),
                    what: format!("Tiltak {n}"),
                    due: Some(today() - chrono::Days::new(2)),
                    ..Action::default()
                },
            });
        }
        s.apply(Edit::Batch { edits }, &staff()).unwrap();
        cases.push(person);
    }
    let mut h = harness(&fx.store);
    // The rows from top to bottom, by where each name is drawn.
    let order = |h: &Harness<'_, AnsvarApp>| {
        let mut rows: Vec<(f32, &str)> = cases
            .iter()
            .map(|name| (h.get_by_label(name).rect().top(), *name))
            .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        rows.into_iter().map(|(_, n)| n).collect::<Vec<_>>()
    };
    let header = |h: &mut Harness<'_, AnsvarApp>, title: &str| {
        h.get_by_role_and_label(egui::accesskit::Role::Button, title)
            .click();
        step(h);
    };
    header(&mut h, "Navn");
    // Norwegian order: æ, ø, å after z.
    assert_eq!(
        order(&h),
        ["Bjørn Testesen", "Ærlig Testesen", "Åse Testesen"]
    );
    header(&mut h, "Navn");
    assert_eq!(
        order(&h),
        ["Åse Testesen", "Ærlig Testesen", "Bjørn Testesen"]
    );
    header(&mut h, "Koordinator");
    assert_eq!(
        order(&h),
        ["Ærlig Testesen", "Åse Testesen", "Bjørn Testesen"]
    );
    header(&mut h, "Forfalte tiltak");
    header(&mut h, "Forfalte tiltak");
    assert_eq!(
        order(&h),
        ["Bjørn Testesen", "Ærlig Testesen", "Åse Testesen"],
        "most overdue first"
    );
    // Remembered while the app runs: a case opened and closed again.
    open_case(&mut h, "Åse Testesen");
    h.get_by_label("Alle saker").click();
    step(&mut h);
    assert_eq!(
        order(&h),
        ["Bjørn Testesen", "Ærlig Testesen", "Åse Testesen"]
    );
}

#[test]
fn the_top_bar_groups_its_buttons_by_what_they_act_on() {
    let p = prepared();
    let mut h = harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    let button = |h: &Harness<'_, AnsvarApp>, label: &str| {
        h.get_by_role_and_label(egui::accesskit::Role::Button, label)
            .rect()
    };
    // Found by their words alone, though an icon stands beside each.
    for label in [
        "Alle saker",
        "Angre",
        "Gjør om",
        "Eksporter plan (PDF)",
        "Personens egen visning",
        "Presentasjon",
        "Skjul skjermen",
        "Utvidelser",
        "English",
        "Hjelp (F1)",
    ] {
        button(&h, label);
    }
    // Each group behind its name: the case's after "Saken", the screen's after
    // "Skjermen", the app's after "Programmet".
    let group = |h: &Harness<'_, AnsvarApp>, name: &str| h.get_by_label(name).rect();
    for (name, buttons) in [
        ("Saken", &["Angre", "Gjør om", "Eksporter plan (PDF)"][..]),
        ("Skjermen", &["Presentasjon", "Skjul skjermen"][..]),
        ("Programmet", &["Utvidelser", "English", "Hjelp (F1)"][..]),
    ] {
        let g = group(&h, name);
        for b in buttons {
            let r = button(&h, b);
            assert!(
                r.left() > g.right() && (r.center().y - g.center().y).abs() < r.height(),
                "{b} belongs to {name}"
            );
        }
    }
    assert!(button(&h, "Skjul skjermen").right() < group(&h, "Programmet").left());
}

/// Installs the IPS follow-up plugin, signed with a key the store trusts.
fn install_ips_plugin(store: &Arc<Store>) {
    use ansvar::plugins::host::PluginHost;
    use ansvar::plugins::package::{Package, SecretKey};
    use ansvar::plugins::registry;

    let cache = tempfile::tempdir().unwrap();
    let host = PluginHost::new(Some(cache.path().to_path_buf())).unwrap();
    let wasm = plugin_wasm("ips-follow-up.wasm");
    let plugin = host.load(&wasm).unwrap();
    let key = SecretKey::generate().unwrap();
    let package = Package::sign(serde_json::to_vec(&plugin.manifest).unwrap(), wasm, &key);
    registry::trust_key(store, key.public(), "Test", clock().now()).unwrap();
    registry::install(store, &host, &package.to_bytes(), &[], clock().now()).unwrap();
}

/// Steps until a label containing `part` shows (the plugins load on a worker thread); about
/// 10 s at most.
fn until_shown_containing(h: &mut Harness<'_, AnsvarApp>, part: &str) -> bool {
    for _ in 0..200 {
        if h.query_by_label_contains(part).is_some() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        step(h);
    }
    false
}

#[test]
fn goal_cards_sit_in_equal_columns_that_fill_the_panel() {
    let fx = empty_store();
    let ids = ansvar::demo::write_demo(&fx.store, today()).unwrap();
    let name = fx.store.load_case(ids[0]).unwrap().person.name;
    let mut h = harness_sized(&fx.store, [1280.0, 800.0]);
    open_case(&mut h, &name);
    tab(&mut h, "Mål");
    // Each card has one "edit the wording" row at its top left.
    let rows: Vec<egui::Rect> = h
        .get_all_by_label("Endre formuleringen")
        .map(|n| n.rect())
        .collect();
    assert!(rows.len() >= 3, "{rows:?}");
    let mut lefts: Vec<f32> = rows.iter().map(|r| r.left()).collect();
    lefts.sort_by(f32::total_cmp);
    lefts.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    // At this width two columns, the second starting halfway across the panel: the cards
    // split the panel's width evenly instead of each taking its text's width.
    assert_eq!(lefts.len(), 2, "{rows:?}");
    let panel = h.ctx.content_rect().width();
    let offset = lefts[1] - lefts[0];
    assert!(
        (offset - panel / 2.0).abs() < panel * 0.03,
        "second column at {offset} of a {panel} wide panel"
    );
}

/// Who opened and exported the case shows under the History tab at the coordinator's desk, with
/// the clock's time, and never on the room's screen.
#[test]
fn the_history_tab_shows_the_access_log_at_the_desk_and_not_in_presentation() {
    let p = prepared();
    let out = p.fx._dir.path().join("plan.pdf");
    let mut h = harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    h.state_mut().state.export_pdf_to(None, out.clone());
    for _ in 0..200 {
        step(&mut h);
        if h.query_by_label_contains("PDF lagret:").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(out.exists());
    let log = p.fx.store.access_log(Some(p.case)).unwrap();
    let what: Vec<_> = log
        .iter()
        .map(|e| (e.access, e.user.as_str(), e.at))
        .collect();
    assert_eq!(
        what,
        [
            (ansvar::store::Access::Opened, "Koordinator", clock().now()),
            (ansvar::store::Access::PlanPdf, "Koordinator", clock().now()),
        ]
    );

    tab(&mut h, "Historikk");
    let heading = "Tilgangslogg: hvem har åpnet og eksportert saken";
    assert!(h.query_by_label(heading).is_some());
    assert!(h.query_by_label("Koordinator åpnet saken").is_some());
    assert!(
        h.query_by_label("Koordinator eksporterte planen som PDF (hele saken)")
            .is_some()
    );

    h.get_by_label("Presentasjon").click();
    step(&mut h);
    assert!(h.state().state.presentation);
    // Still the History tab, but no access log.
    assert_eq!(h.state().state.tab, ansvar::text::S::TabHistory);
    assert!(
        h.query_by_label(ansvar::text::S::AllChanges.get(ansvar::i18n::Lang::Nb))
            .is_some()
    );
    assert!(h.query_by_label(heading).is_none());
    assert!(h.query_by_label_contains("åpnet saken").is_none());
    assert!(h.query_by_label_contains("eksporterte planen").is_none());

    // Back at the desk it shows again.
    h.key_press(Key::F5);
    step(&mut h);
    assert!(!h.state().state.presentation);
    assert!(h.query_by_label(heading).is_some());
}

/// With the room's own window, the coordinator's window keeps the whole case and its access
/// log; the room's window, on the same History tab, never shows it.
#[test]
fn the_rooms_own_window_never_shows_the_access_log() {
    const ROOM: &str = "Ansvar – rommets skjerm";
    let p = prepared();
    let mut h = harness(&p.fx.store);
    h.ctx.set_embed_viewports(false);
    step(&mut h);
    open_case(&mut h, "Ola Testesen");
    tab(&mut h, "Historikk");
    h.get_by_label("Presentasjon").click();
    step(&mut h);
    let room = h.get_by_role_and_label(egui::accesskit::Role::Window, ROOM);
    let in_room = |text: &str| room.query_all_by_label_contains(text).count();
    assert!(
        in_room("Alle endringer") > 0,
        "the room shows the History tab"
    );
    assert_eq!(in_room("Tilgangslogg"), 0);
    assert_eq!(in_room("åpnet saken"), 0);
    // The coordinator's window, outside the room's, still shows it.
    assert!(
        h.query_all_by_label_contains("Koordinator åpnet saken")
            .count()
            > in_room("åpnet saken")
    );
}

/// A case whose log lost an entry (removed with redb, outside Ansvar) is not opened: the app
/// says which case is damaged and where, and shows none of it.
#[test]
fn opening_a_case_with_a_removed_log_entry_says_so_and_shows_nothing_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.redb");
    let store = Arc::new(Store::open_test(&path).unwrap());
    let ids = ansvar::demo::write_demo(&store, today()).unwrap();
    let name = store.load_case(ids[0]).unwrap().person.name;
    drop(store);
    {
        let db = redb::Builder::new()
            .set_concurrency_mode(redb::ConcurrencyMode::SingleWriter)
            .open(&path)
            .unwrap();
        let txn = db.begin_write().unwrap();
        let log: redb::TableDefinition<(u64, u64), &[u8]> = redb::TableDefinition::new("edit_log");
        txn.open_table(log).unwrap().remove((ids[0].0, 3)).unwrap();
        txn.commit().unwrap();
    }
    let store = Arc::new(Store::open_test(&path).unwrap());
    let mut h = harness(&store);
    open_case(&mut h, &name);
    assert!(
        h.state().state.session.is_none(),
        "the damaged case is not opened"
    );
    let said = format!("Sak {} i", ids[0].0);
    assert!(h.query_by_label_contains(&said).is_some());
    assert!(
        h.query_by_label_contains("logg-oppføring 3 er fjernet")
            .is_some()
    );
    // The other cases open as before.
    let other = store.load_case(ids[1]).unwrap().person.name;
    open_case(&mut h, &other);
    assert!(h.state().state.session.is_some());
}
