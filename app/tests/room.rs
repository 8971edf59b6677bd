//! The room's own window while presenting: a second egui viewport drawn from the room's
//! filtered view. kittest renders the root viewport only. Two ways are tested:
//! - embedded: without a renderer for child viewports egui shows the room's viewport as a
//!   window inside the harness (`ViewportClass::EmbeddedWindow`), driven like the rest;
//! - a real second viewport: the tests in `real_viewport` install an immediate-viewport
//!   renderer, as eframe does, that runs the room's viewport in its own pass with its own
//!   input and keeps its own accessibility tree, so the room's window is queried apart from
//!   the coordinator's (whose tree it is not part of).
//!
//! `set_embed_viewports(false)` makes the app take the two-window path, as under eframe on a
//! desktop.

mod common;
#[path = "common/shared_screen_case.rs"]
mod shared_screen_case;

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
    let store = Arc::new(Store::open_test(dir.path().join("ui.redb")).unwrap());
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
    mark(&mut h, "Ola Testesen", "Til stede");
    mark(&mut h, "Per Navesen", "Til stede");
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
    assert!(coordinator_shows(&h, "Per Navesen: Til stede"));
    assert!(!room_shows(&h, "Per Navesen: Til stede"));

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
    // Only the key going down: one frame, the one to blank in.
    h.key_down(Key::F9);
    h.step();
    assert!(
        !room_shows(&h, "Ola Testesen") && !room_shows(&h, "Siden sist"),
        "blank in the frame F9 was pressed"
    );
    assert!(
        h.query_by_role_and_label(A11y::Window, ROOM).is_some(),
        "the window stays where it was put"
    );
    step(&mut h);
    assert!(h.state().state.store.is_locked());
    let field = "Skjermen er låst. Skriv passordet for å fortsette.";
    h.get_by_label(field).focus();
    step(&mut h);
    h.get_by_label(field)
        .type_text(ansvar::store::TEST_PASSPHRASE);
    step(&mut h);
    h.get_by_label("Lås opp").click_accesskit();
    step(&mut h);
    assert!(
        !h.state().state.store.is_locked(),
        "{:?}",
        h.state().state.curtain_error
    );
    assert!(room_shows(&h, "Siden sist"));

    // The idle lock: no input for its time blanks the room in the same frame, and locks the
    // file: the key is wiped until the passphrase is typed again.
    h.state_mut().state.idle_lock = std::time::Duration::ZERO;
    h.step();
    assert!(!room_shows(&h, "Siden sist"));
    assert!(h.state().state.curtain);
    h.step();
    assert!(h.state().state.store.is_locked());
    assert!(!room_shows(&h, "Siden sist"));
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

mod real_viewport {
    use std::cell::RefCell;

    use egui::accesskit::TreeUpdate;
    use egui_kittest::kittest::{self, AccessKitNode};

    use super::*;

    thread_local! {
        /// The room viewport's last accessibility tree, and the input waiting for its next pass.
        static TREE: RefCell<Option<TreeUpdate>> = const { RefCell::new(None) };
        static INPUT: RefCell<Vec<egui::Event>> = const { RefCell::new(Vec::new()) };
        static PASSES: RefCell<usize> = const { RefCell::new(0) };
        /// Ask for the window to close at its next pass (its close button).
        static CLOSE: RefCell<bool> = const { RefCell::new(false) };
        /// Whether the app last asked the window to be full-screen.
        static FULLSCREEN: RefCell<Option<bool>> = const { RefCell::new(None) };
    }

    /// Runs every immediate viewport in its own pass of 1280×720 points, as eframe's renderer
    /// does in a window of its own (on this test's thread only).
    fn install_renderer() {
        egui::Context::set_immediate_viewport_renderer(|ctx, viewport| {
            let mut input = egui::RawInput {
                viewport_id: viewport.ids.this,
                screen_rect: Some(egui::Rect::from_min_size(
                    egui::Pos2::ZERO,
                    egui::vec2(1280.0, 720.0),
                )),
                events: INPUT.with(|i| std::mem::take(&mut *i.borrow_mut())),
                focused: true,
                ..Default::default()
            };
            let close = CLOSE.with(|c| std::mem::take(&mut *c.borrow_mut()));
            input.viewports.insert(
                viewport.ids.this,
                egui::ViewportInfo {
                    native_pixels_per_point: Some(1.0),
                    focused: Some(true),
                    events: if close {
                        vec![egui::ViewportEvent::Close]
                    } else {
                        Vec::new()
                    },
                    ..Default::default()
                },
            );
            FULLSCREEN.with(|f| *f.borrow_mut() = viewport.builder.fullscreen);
            let mut cb = viewport.viewport_ui_cb;
            let mut output = ctx.run_ui(input, |ui| cb(ui));
            // Nothing paints this window in a test.
            output.textures_delta.clear();
            PASSES.with(|p| *p.borrow_mut() += 1);
            if let Some(update) = output.platform_output.accesskit_update {
                TREE.with(|t| *t.borrow_mut() = Some(update));
            }
        });
    }

    #[derive(Clone, Debug)]
    struct RoomNode<'t>(AccessKitNode<'t>);

    impl<'t> kittest::NodeT<'t> for RoomNode<'t> {
        fn accesskit_node(&self) -> AccessKitNode<'t> {
            self.0
        }
        fn new_related(&self, child: AccessKitNode<'t>) -> Self {
            RoomNode(child)
        }
    }

    /// The room's window as its last pass left it.
    fn room_tree() -> kittest::State {
        let update = TREE
            .with(|t| t.borrow().clone())
            .expect("the room's viewport ran");
        kittest::State::new(update)
    }

    fn in_room(tree: &kittest::State, text: &str) -> bool {
        RoomNode(tree.root())
            .query_all_by_label_contains(text)
            .next()
            .is_some()
    }

    fn presenting_in_two_viewports(p: &Prepared) -> Harness<'static, AnsvarApp> {
        install_renderer();
        let h = presenting(p);
        assert!(
            PASSES.with(|p| *p.borrow()) > 0,
            "the room ran as a viewport of its own"
        );
        h
    }

    #[test]
    fn the_rooms_viewport_shows_the_focused_item_and_only_the_filtered_view() {
        let p = prepared();
        let mut h = presenting_in_two_viewports(&p);
        // The coordinator's window holds no window for the room: it is a viewport apart.
        assert!(h.query_by_role_and_label(A11y::Window, ROOM).is_none());
        let room = room_tree();
        assert!(in_room(&room, "Nå: 2. Siden sist"));
        assert!(in_room(&room, "Ola har vært på to intervjuer."));
        assert!(
            !in_room(&room, "Per Navesen: Til stede"),
            "no controls in the room"
        );
        assert!(h.query_by_label("Per Navesen: Til stede").is_some());

        tab(&mut h, "Mål");
        let room = room_tree();
        assert!(in_room(&room, "Nå: 2. Siden sist"));
        assert!(in_room(&room, "Jeg vil ha en jobb der jeg kan være ute"));
        assert!(!in_room(&room, "Sove bedre om natta"));
        // The coordinator's window shows the full case while the room has its own.
        assert!(h.query_by_label_contains("Sove bedre om natta").is_some());
    }

    /// Keys pressed while the room's window has the focus.
    fn press_in_room(key: Key, modifiers: egui::Modifiers) {
        INPUT.with(|i| {
            for pressed in [true, false] {
                i.borrow_mut().push(egui::Event::Key {
                    key,
                    physical_key: None,
                    pressed,
                    repeat: false,
                    modifiers,
                });
            }
        });
    }

    #[test]
    fn the_rooms_window_goes_full_screen_by_f11_leaves_by_esc_and_closing_it_ends_presentation() {
        let p = prepared();
        let mut h = presenting_in_two_viewports(&p);
        assert_eq!(FULLSCREEN.with(|f| *f.borrow()), Some(false));
        press_in_room(Key::F11, egui::Modifiers::NONE);
        step(&mut h);
        assert_eq!(FULLSCREEN.with(|f| *f.borrow()), Some(true));
        assert!(in_room(&room_tree(), "Avslutt fullskjerm (Esc)"));
        press_in_room(Key::Escape, egui::Modifiers::NONE);
        step(&mut h);
        assert_eq!(FULLSCREEN.with(|f| *f.borrow()), Some(false));

        // Ctrl + in the room's window: the room's type grows, not the coordinator's.
        let (desk, room) = (h.state().state.zoom, h.state().state.presentation_zoom);
        press_in_room(Key::Plus, egui::Modifiers::COMMAND);
        step(&mut h);
        assert_eq!(h.state().state.zoom, desk);
        assert!(h.state().state.presentation_zoom > room);
        // And in the coordinator's window the coordinator's.
        h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Plus);
        step(&mut h);
        assert!(h.state().state.zoom > desk);

        // F9 pressed at the room's window blanks it in that frame.
        INPUT.with(|i| {
            i.borrow_mut().push(egui::Event::Key {
                key: Key::F9,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            })
        });
        h.step();
        assert!(!in_room(&room_tree(), "Ola Testesen"));
        step(&mut h);
        assert!(!in_room(&room_tree(), "Ola Testesen"));
        let field = "Skjermen er låst. Skriv passordet for å fortsette.";
        h.get_by_label(field).click();
        step(&mut h);
        h.get_by_label(field)
            .type_text(ansvar::store::TEST_PASSPHRASE);
        step(&mut h);
        h.get_by_label("Lås opp").click();
        step(&mut h);
        assert!(in_room(&room_tree(), "Ola Testesen"));

        CLOSE.with(|c| *c.borrow_mut() = true);
        let passes = PASSES.with(|p| *p.borrow());
        step(&mut h);
        assert!(
            !h.state().state.presentation,
            "closing the room's window ends presentation"
        );
        assert!(h.query_by_label("Presentasjon").is_some());
        step(&mut h);
        let after = PASSES.with(|p| *p.borrow());
        step(&mut h);
        assert_eq!(
            PASSES.with(|p| *p.borrow()),
            after,
            "the window stays closed"
        );
        assert!(after > passes);
    }

    #[test]
    fn the_curtain_blanks_the_rooms_viewport_in_the_same_frame() {
        let p = prepared();
        let mut h = presenting_in_two_viewports(&p);
        assert!(in_room(&room_tree(), "Ola Testesen"));
        // Only the key going down: one frame, the one to blank in.
        h.key_down(Key::F9);
        h.step();
        let room = room_tree();
        assert!(!in_room(&room, "Ola Testesen"));
        assert!(!in_room(&room, "Siden sist"));
    }

    #[test]
    fn a_rating_clicked_in_the_rooms_viewport_in_person_mode_is_the_persons() {
        let p = prepared();
        let mut h = presenting_in_two_viewports(&p);
        h.get_by_label("Personens egen visning").click();
        step(&mut h);
        let room = room_tree();
        assert_eq!(
            RoomNode(room.root())
                .query_all_by_label("Målet mitt, med mine ord")
                .count(),
            1,
            "only the shared work goal"
        );
        // The coordinator's window keeps the case and its tabs meanwhile.
        assert!(h.query_by_label("Målet mitt, med mine ord").is_none());
        assert!(h.query_by_role_and_label(A11y::Button, "Mål").is_some());
        // Click the rating 7 where the room's window shows it.
        let seven = RoomNode(room.root())
            .query_all_by_label("7")
            .next()
            .expect("the rating buttons are in the room's window");
        let bounds = seven.accesskit_node().bounding_box().expect("laid out");
        // Bounds are in pixels; the window has no scaling of its own, only the app's zoom.
        let ppp = h.ctx.zoom_factor();
        let at = egui::pos2(
            ((bounds.x0 + bounds.x1) / 2.0) as f32 / ppp,
            ((bounds.y0 + bounds.y1) / 2.0) as f32 / ppp,
        );
        INPUT.with(|i| {
            i.borrow_mut().extend([
                egui::Event::PointerMoved(at),
                egui::Event::PointerButton {
                    pos: at,
                    button: egui::PointerButton::Primary,
                    pressed: true,
                    modifiers: egui::Modifiers::NONE,
                },
                egui::Event::PointerButton {
                    pos: at,
                    button: egui::PointerButton::Primary,
                    pressed: false,
                    modifiers: egui::Modifiers::NONE,
                },
            ])
        });
        step(&mut h);
        let case = p.fx.store.load_case(p.case).unwrap();
        assert_eq!(case.goals[0].ratings.last().map(|r| r.value), Some(7));
        let log = p.fx.store.log(p.case).unwrap();
        assert_eq!(
            log.last().unwrap().author,
            Author::Person {
                name: "Ola Testesen".into()
            }
        );
    }

    /// Every tab of a case shown to the room with NAV present (consent: work goals, actions,
    /// minutes) and DPS absent: the room's own window shows none of what NAV may not see,
    /// while the coordinator's window beside it shows the whole case. (The case is the shared
    /// screen tests' own.)
    mod every_tab {
        use egui_kittest::kittest::By;

        use super::*;

        use crate::shared_screen_case::*;

        /// Everything a window says: every node's label and value.
        fn text_of<'t, N: NodeT<'t> + 't>(root: &N) -> String {
            root.query_all(By::new().include_labels().predicate(|_| true))
                .flat_map(|n| {
                    let node = n.accesskit_node();
                    [node.label(), node.value()]
                })
                .flatten()
                .collect::<Vec<_>>()
                .join("\n")
        }

        const TABS: [&str; 8] = [
            "Oversikt",
            "Møte",
            "Mål",
            "Kriseplan",
            "Tiltak",
            "Skjema",
            "Deltakere og samtykke",
            "Historikk",
        ];

        #[test]
        fn no_tab_in_the_rooms_own_window_shows_what_someone_present_may_not_see() {
            install_renderer();
            let f = fixture();
            let mut h = two_screen_harness(&f.store);
            open_case(&mut h, "Ola Testesen");
            for _ in 0..200 {
                if !h.state().state.plugins.loaded.is_empty() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
                step(&mut h);
            }
            // The agenda item about work (and health) in focus, as the coordinator would set it.
            let item = f.store.load_case(f.case).unwrap().meetings[0].agenda[0].id;
            h.state_mut().state.execute(ansvar::ui::Command::View(
                ansvar::ui::ViewCommand::FocusAgendaItem(Some(item)),
            ));
            h.get_by_label("Presentasjon").click();
            step(&mut h);
            let mut desk = String::new();
            for t in TABS {
                tab(&mut h, t);
                step(&mut h);
                let room = text_of(&RoomNode(room_tree().root()));
                for hidden in hidden_from_nav() {
                    assert!(
                        !room.contains(&hidden),
                        "the room's window on «{t}» shows «{hidden}», which NAV may not see"
                    );
                }
                match t {
                    "Møte" => {
                        assert!(room.contains("Nå: 1. Arbeid og aktivitet"), "{room}");
                        assert!(room.contains(MINUTES));
                        assert!(room.contains(WORK_GOAL));
                    }
                    "Mål" => assert!(room.contains(WORK_GOAL)),
                    "Tiltak" => assert!(room.contains(WORK_ACTION)),
                    _ => {}
                }
                desk.push_str(&text_of(&h.root()));
            }
            // The coordinator's window showed the whole case meanwhile: the test could see it.
            for shown in [
                HEALTH_GOAL,
                HEALTH_ACTION,
                RED_SIGNS,
                CONTACT_PHONE,
                PHONE,
                MAIN_GOAL,
            ] {
                assert!(desk.contains(shown), "the desk shows «{shown}»");
            }
        }
    }
}
