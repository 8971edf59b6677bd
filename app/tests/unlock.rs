//! The passphrase's gate, driven through the real app: first start, an older file encrypted,
//! unlocking, a wrong passphrase, and a forgotten one reset with the recovery key.

use std::path::Path;

use ansvar::clock::Clock;
use ansvar::store::{FileKind, KdfCost, Secret, Store};
use ansvar::ui::Start;
use ansvar::ui::gate::Step;
use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

const PASS: &str = "Sommer i Nordvik 2026";

fn clock() -> Clock {
    Clock::at_noon(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())
}

fn harness(path: &Path) -> Harness<'static, Start> {
    let path = path.to_path_buf();
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |_cc| Start::new(&path, clock(), KdfCost::FAST_FOR_TESTS).unwrap());
    h.run_steps(3);
    h
}

fn step(h: &mut Harness<'_, Start>) {
    h.run_steps(3);
}

fn type_into(h: &mut Harness<'_, Start>, label: &str, text: &str) {
    h.get_by_label(label).click();
    step(h);
    h.get_by_label(label).type_text(text);
    step(h);
}

/// The recovery key as the screen shows it: the one label of eight groups of four.
fn shown_recovery_key(h: &Harness<'_, Start>) -> String {
    h.get_all(egui_kittest::kittest::by().predicate(|n| {
        n.label()
            .or(n.value())
            .is_some_and(|l| l.len() == 39 && l.split('-').count() == 8)
    }))
    .next()
    .and_then(|n| {
        let n = n.accesskit_node();
        n.label().or(n.value())
    })
    .expect("the recovery key is shown")
}

#[test]
fn first_start_asks_twice_shows_the_recovery_key_then_offers_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ansvar.redb");
    let mut h = harness(&path);
    assert!(h.query_by_label("Velkommen til Ansvar").is_some());
    // Too short, then two that differ: each refused with its reason, nothing made.
    type_into(&mut h, "Nytt passord", "kort");
    assert!(h.query_by_label("For kort").is_some());
    h.get_by_label("Krypter og fortsett").click();
    step(&mut h);
    assert!(h.query_by_label_contains("minst 10 tegn").is_some());
    type_into(&mut h, "Nytt passord", " er ikke nok her");
    type_into(&mut h, "Samme passord igjen", "noe helt annet");
    h.get_by_label("Krypter og fortsett").click();
    step(&mut h);
    assert!(h.query_by_label("De to passordene er ikke like.").is_some());
    assert_eq!(Store::kind(&path).unwrap(), FileKind::Missing);

    let mut h = harness(&path);
    type_into(&mut h, "Nytt passord", PASS);
    assert!(h.query_by_label("Sterkt").is_some());
    type_into(&mut h, "Samme passord igjen", PASS);
    h.get_by_label("Krypter og fortsett").click();
    step(&mut h);
    assert_eq!(h.state().gate.step, Step::Recovery);
    let key = shown_recovery_key(&h);
    // Continue waits for the confirmation.
    h.get_by_label("Fortsett").click();
    step(&mut h);
    assert!(h.state().app.is_none());
    h.get_by_label("Jeg har skrevet ned gjenopprettingsnøkkelen")
        .click();
    step(&mut h);
    h.get_by_label("Fortsett").click();
    step(&mut h);
    assert!(h.state().app.is_some());
    // The empty case list offers the demo cases, as before encryption.
    assert!(h.query_by_label("Legg inn demosaker").is_some());
    // The file opens with the passphrase and with the key that was shown (read-only: the app
    // has it open).
    assert!(Store::open_read_only(&path, &Secret::passphrase(PASS)).is_ok());
    let recovery = ansvar::store::RecoveryKey::parse(&key).unwrap();
    assert!(Store::open_read_only(&path, &Secret::Recovery(recovery)).is_ok());
}

fn encrypted_file(dir: &Path) -> (std::path::PathBuf, ansvar::store::RecoveryKey) {
    let path = dir.join("ansvar.redb");
    let (store, recovery) = Store::create(
        &path,
        &ansvar::store::Passphrase::new(PASS),
        KdfCost::FAST_FOR_TESTS,
    )
    .unwrap();
    let case = store.create_case().unwrap();
    let mut s =
        ansvar::session::Session::open(std::sync::Arc::new(store), case.id, clock()).unwrap();
    s.apply(
        ansvar::domain::Edit::SetText {
            field: ansvar::domain::TextField::PersonName,
            value: "Kari Fiktiv".into(),
        },
        &ansvar::domain::Author::Staff {
            name: "Test".into(),
            organisation: "Nordvik kommune".into(),
        },
    )
    .unwrap();
    (path, recovery)
}

#[test]
fn a_wrong_passphrase_is_told_and_the_right_one_opens_the_cases() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = encrypted_file(dir.path());
    let mut h = harness(&path);
    assert!(h.query_by_label("Lås opp Ansvar").is_some());
    type_into(&mut h, "Passord", "Vinter i Nordvik 2026");
    h.get_by_label("Lås opp").click();
    step(&mut h);
    assert!(
        h.query_by_label("Feil passord eller gjenopprettingsnøkkel. Prøv igjen.")
            .is_some()
    );
    assert!(h.state().app.is_none());
    assert!(h.query_by_label("Kari Fiktiv").is_none());
    type_into(&mut h, "Passord", PASS);
    h.get_by_label("Lås opp").click();
    step(&mut h);
    assert!(h.state().app.is_some());
    assert!(h.query_by_label("Kari Fiktiv").is_some());
}

#[test]
fn a_forgotten_passphrase_is_replaced_with_the_recovery_key() {
    let dir = tempfile::tempdir().unwrap();
    let (path, recovery) = encrypted_file(dir.path());
    let mut h = harness(&path);
    h.get_by_label("Glemt passordet?").click();
    step(&mut h);
    let typed = recovery.display().to_lowercase();
    type_into(&mut h, "Gjenopprettingsnøkkel", &typed);
    type_into(&mut h, "Nytt passord", "Ny vinter på Fiktivøya");
    type_into(&mut h, "Samme passord igjen", "Ny vinter på Fiktivøya");
    h.get_by_label("Sett nytt passord").click();
    step(&mut h);
    assert!(h.state().app.is_some());
    assert!(h.query_by_label("Kari Fiktiv").is_some());
    assert!(Store::open_read_only(&path, &Secret::passphrase(PASS)).is_err());
    assert!(Store::open_read_only(&path, &Secret::passphrase("Ny vinter på Fiktivøya")).is_ok());
}

#[test]
fn an_older_file_is_encrypted_at_first_start_and_keeps_its_cases() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ansvar.redb");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/core/tests/fixtures/schema-2.redb"
        ),
        &path,
    )
    .unwrap();
    let mut h = harness(&path);
    assert!(h.query_by_label_contains("er ikke kryptert").is_some());
    type_into(&mut h, "Nytt passord", PASS);
    type_into(&mut h, "Samme passord igjen", PASS);
    h.get_by_label("Krypter og fortsett").click();
    step(&mut h);
    h.get_by_label("Jeg har skrevet ned gjenopprettingsnøkkelen")
        .click();
    step(&mut h);
    h.get_by_label("Fortsett").click();
    step(&mut h);
    assert!(h.state().app.is_some());
    assert_eq!(Store::kind(&path).unwrap(), FileKind::Encrypted);
    assert_eq!(h.state().app.as_ref().unwrap().state.cases.len(), 3);
}
