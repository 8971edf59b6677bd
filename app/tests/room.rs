//! The room's own window while presenting: a second egui viewport drawn from the room's
//! filtered view. kittest has no renderer for child viewports, so egui shows the room's
//! viewport as a window inside the harness (`ViewportClass::EmbeddedWindow`) and drives the
//! same drawing code; `set_embed_viewports(false)` makes the app take the two-window path,
//! as it does under eframe on a desktop.

use std::sync::Arc;

use ansvar::clock::Clock;
use ansvar::domain::*;
use ansvar::session::Session;
use ansvar::store::Store;
use ansvar::ui::AnsvarApp;
use chrono::NaiveDate;
use egui::Key;
use egui::accesskit::Role as A11y;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

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
    let store = Arc::new(Store::open(dir.path().join("ui.redb")).unwrap());
    Fixture { _dir: dir, store }
}

/// A case with the person, a coordinator and a NAV advisor (consent: work goals only), a goal
/// in each of two domains, an open action and a crisis plan contact.
struct Prepared {
    fx: Fixture,
    case: CaseId,
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
    Prepared { fx, case }
}

fn harness(store: &Arc<Store>) -> Harness<'static, AnsvarApp> {
    let store = store.clone();
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
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

/// Through accessibility, not the pointer: in the harness the room's window lies over the
/// coordinator's.
fn tab(h: &mut Harness<'_, AnsvarApp>, label: &str) {
    h.get_by_role_and_label(egui::accesskit::Role::Button, label)
        .click_accesskit();
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

const ROOM: &str = "Ansvar – rommets skjerm";

/// The app as on a desktop that can open a second window.
fn two_screen_harness(store: &Arc<Store>) -> Harness<'static, AnsvarApp> {
    let mut h = harness(store);
    h.ctx.set_embed_viewports(false);
    step(&mut h);
    h
}

/// Whether the room's window shows a label containing `text`.
fn room_shows(h: &Harness<'_, AnsvarApp>, text: &str) -> bool {
    h.get_by_role_and_label(A11y::Window, ROOM)
        .query_all_by_label_contains(text)
        .next()
        .is_some()
}

/// Whether the coordinator's window (everything outside the room's) shows `text`.
fn coordinator_shows(h: &Harness<'_, AnsvarApp>, text: &str) -> bool {
    let in_room = h
        .get_by_role_and_label(A11y::Window, ROOM)
        .query_all_by_label_contains(text)
        .count();
    h.query_all_by_label_contains(text).count() > in_room
}

/// A meeting with NAV (consent: work goals, actions, minutes) and the person present, the
/// agenda item "Siden sist" in focus, then presentation.
fn presenting(p: &Prepared) -> Harness<'static, AnsvarApp> {
    let mut h = two_screen_harness(&p.fx.store);
    open_case(&mut h, "Ola Testesen");
    tab(&mut h, "Møte");
    h.get_by_label("Start møte").click();
    step(&mut h);
    h.get_by_label("Ola Testesen: Til stede").click();
    step(&mut h);
    h.get_by_label("Per Navesen: Til stede").click();
    step(&mut h);
    h.get_by_label_contains("Siden sist").click();
    step(&mut h);
    type_into(&mut h, "Referat", "Ola har vært på to intervjuer.");
    h.get_by_label("Presentasjon").click();
    step(&mut h);
    h
}

#[test]
fn presentation_opens_the_rooms_window_with_the_agenda_item_in_focus() {
    let p = prepared();
    let mut h = presenting(&p);
    assert!(
        h.query_by_role_and_label(A11y::Window, ROOM).is_some(),
        "presentation opens the room's own window"
    );
    // The item in focus, marked on the agenda and shown large with its minutes.
    assert!(room_shows(&h, "Nå: 2. Siden sist"));
    assert!(room_shows(&h, "Ola har vært på to intervjuer."));
    // The coordinator keeps every control: attendance and the minutes field.
    assert!(coordinator_shows(&h, "Per Navesen: Fraværende"));
    assert!(!room_shows(&h, "Per Navesen: Fraværende"));

    // Focus moves on the coordinator's window: the room follows.
    h.query_all_by_label_contains("Åpne tiltak")
        .find(|n| n.accesskit_node().role() == A11y::Button)
        .unwrap()
        .click_accesskit();
    step(&mut h);
    assert!(room_shows(&h, "Nå: 4. Åpne tiltak"));
    assert!(!room_shows(&h, "Nå: 2. Siden sist"));

    // On another tab the room sees that tab through its filter, the coordinator the full case.
    tab(&mut h, "Mål");
    assert!(room_shows(&h, "Nå: 4. Åpne tiltak"));
    assert!(room_shows(&h, "Jeg vil ha en jobb der jeg kan være ute"));
    assert!(
        !room_shows(&h, "Sove bedre om natta"),
        "health goals are not shared with NAV"
    );
    assert!(coordinator_shows(&h, "Sove bedre om natta"));
    tab(&mut h, "Kriseplan");
    assert!(
        !room_shows(&h, "400 00 999"),
        "crisis-plan contacts stay off the room's screen"
    );
    assert!(coordinator_shows(&h, "400 00 999"));

    // Leaving presentation closes the room's window.
    h.get_by_label("Avslutt presentasjon").click_accesskit();
    step(&mut h);
    assert!(h.query_by_role_and_label(A11y::Window, ROOM).is_none());
}

#[test]
fn the_curtain_and_the_idle_lock_blank_the_rooms_window_in_the_same_frame() {
    let p = prepared();
    let mut h = presenting(&p);
    assert!(room_shows(&h, "Ola Testesen"));
    h.key_press(Key::F9);
    h.step();
    assert!(
        !room_shows(&h, "Ola Testesen") && !room_shows(&h, "Siden sist"),
        "blank in the frame F9 was pressed"
    );
    assert!(
        h.query_by_role_and_label(A11y::Window, ROOM).is_some(),
        "the window stays where it was put"
    );
    h.get_by_label("Vis skjermen igjen").click_accesskit();
    step(&mut h);
    assert!(room_shows(&h, "Siden sist"));

    // The idle lock: no input for its time blanks the room in the same frame.
    h.state_mut().state.idle_lock = std::time::Duration::ZERO;
    h.step();
    assert!(!room_shows(&h, "Siden sist"));
    assert!(h.state().state.curtain);
}

#[test]
fn an_edit_typed_in_the_rooms_window_in_person_mode_is_the_persons() {
    let p = prepared();
    let mut h = presenting(&p);
    h.get_by_label("Personens egen visning").click_accesskit();
    step(&mut h);
    let room = h.get_by_role_and_label(A11y::Window, ROOM);
    let fields = room.query_all_by_label("Målet mitt, med mine ord").count();
    assert_eq!(
        fields, 1,
        "only the shared work goal is on the room's screen"
    );
    fn field<'a>(h: &'a Harness<'_, AnsvarApp>) -> egui_kittest::Node<'a> {
        h.get_by_role_and_label(A11y::Window, ROOM)
            .get_by_role_and_label(A11y::MultilineTextInput, "Målet mitt, med mine ord")
    }
    field(&h).click();
    step(&mut h);
    h.key_press(Key::End);
    step(&mut h);
    field(&h).type_text(" og tjene egne penger");
    step(&mut h);
    let case = p.fx.store.load_case(p.case).unwrap();
    assert_eq!(
        case.goals[0].own_words,
        "Jeg vil ha en jobb der jeg kan være ute og tjene egne penger"
    );
    let log = p.fx.store.log(p.case).unwrap();
    assert_eq!(
        log.last().unwrap().author,
        Author::Person {
            name: "Ola Testesen".into()
        }
    );
}

#[test]
fn with_one_screen_presentation_stays_in_the_one_window() {
    let p = prepared();
    let mut h = presenting(&p);
    h.get_by_label("Én skjerm: presenter i dette vinduet")
        .click_accesskit();
    step(&mut h);
    assert!(h.query_by_role_and_label(A11y::Window, ROOM).is_none());
    tab(&mut h, "Mål");
    // Today's single-window presentation: this window is the room's screen, filtered.
    assert!(h.query_by_label("Sove bedre om natta").is_none());
    assert!(
        h.query_by_label("Jeg vil ha en jobb der jeg kan være ute")
            .is_some()
    );
    // The choice is remembered.
    let mut again = two_screen_harness(&p.fx.store);
    assert!(again.state().state.room.one_screen);
    again.step();
}
