//! The meeting cycle on the command line: `ansvar export notice` (the next meeting's notice, a
//! PDF and an .ics per participant) and `ansvar export minutes` (the minutes per recipient),
//! each participant's copy holding only what the person has consented to share with them.
//!
//! The case is `common/cycle_fixture.rs`'s. The binary runs in UTC (TZ), so the times it
//! prints are fixed.

mod common;
#[path = "common/cycle_fixture.rs"]
mod cycle_fixture;

use std::path::Path;
use std::process::{Command, Output};

use ansvar::domain::*;
use chrono::{TimeZone, Utc};
use icalendar::{Component, EventLike};

use common::{ok, stderr, stdout};
use cycle_fixture::*;

/// The fixture's case with the file closed between steps: an export writes the access log,
/// so it needs the file to itself, as the app would have closed it.
struct Cli {
    dir: tempfile::TempDir,
    db: std::path::PathBuf,
    case: CaseId,
    last: MeetingId,
}

fn fixture() -> Cli {
    let Fixture {
        dir,
        db,
        store,
        case,
        last,
    } = cycle_fixture::fixture();
    drop(store);
    Cli {
        dir,
        db,
        case,
        last,
    }
}

impl Cli {
    /// The database, open until the value is dropped.
    fn store(&self) -> std::sync::Arc<ansvar::store::Store> {
        std::sync::Arc::new(ansvar::store::Store::open_test(&self.db).unwrap())
    }

    /// Applies edits to the case, as the app would between two runs of the command.
    fn edit(&self, edits: Vec<Edit>) {
        let mut s = ansvar::session::Session::open(self.store(), self.case, clock()).unwrap();
        for e in edits {
            s.apply(e, &author()).unwrap();
        }
    }

    /// Runs `ansvar --db DB args…` in UTC.
    fn run(&self, args: &[&str]) -> Output {
        common::ansvar_command()
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env("TZ", "UTC")
            .env("ANSVAR_CACHE_DIR", self.dir.path().join("cache"))
            .output()
            .expect("run ansvar")
    }

    fn notice(&self, out: &Path) -> String {
        ok(self.run(&[
            "export",
            "notice",
            "--case",
            &self.case.to_string(),
            "--out",
            out.to_str().unwrap(),
        ]))
    }
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils): run scripts/install-test-deps.sh");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    flat(&String::from_utf8_lossy(&out.stdout))
}

/// Text with its line breaks and runs of spaces as single spaces: the PDF wraps lines.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The .ics as a real iCalendar parser reads it, after checking the line rules it forgives:
/// CRLF after every line, no line longer than 75 octets.
fn parse_ics(path: &Path) -> (String, icalendar::Calendar) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.ends_with("\r\n"), "{}", path.display());
    for line in text.split("\r\n") {
        assert!(
            !line.contains('\n'),
            "a bare LF in {}: {line:?}",
            path.display()
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let cal: icalendar::Calendar = text
        .parse()
        .unwrap_or_else(|e| panic!("{} does not parse: {e}\n{text}", path.display()));
    (text, cal)
}

fn event(cal: &icalendar::Calendar) -> &icalendar::Event {
    let events: Vec<_> = cal.events().collect();
    assert_eq!(events.len(), 1, "one VEVENT");
    events[0]
}

fn attendees(ev: &icalendar::Event) -> Vec<String> {
    ev.multi_properties()
        .get("ATTENDEE")
        .map(|ps| ps.iter().map(|p| p.value().to_string()).collect())
        .unwrap_or_default()
}

fn start(ev: &icalendar::Event) -> Option<chrono::DateTime<Utc>> {
    match ev.get_start()? {
        icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(t)) => Some(t),
        _ => None,
    }
}

#[test]
fn the_notice_ics_is_an_invitation_a_calendar_reads_and_updates() {
    let f = fixture();
    let out = f.dir.path().join("innkalling");
    let said = f.notice(&out);
    assert!(said.contains("8 filer skrevet til"), "{said}");
    let ics = out.join("Innkalling 10.12.2026 – Per Navesen.ics");
    let (text, cal) = parse_ics(&ics);
    assert_eq!(cal.property_value("METHOD"), Some("REQUEST"));
    assert_eq!(cal.property_value("VERSION"), Some("2.0"));
    let ev = event(&cal);
    let uid = format!("{}-next@ansvar", f.last);
    assert_eq!(ev.get_uid(), Some(uid.as_str()));
    assert_eq!(ev.get_sequence(), Some(0));
    assert_eq!(
        start(ev),
        Some(Utc.with_ymd_and_hms(2026, 12, 10, 9, 0, 0).unwrap())
    );
    assert_eq!(ev.property_value("DTEND"), Some("20261210T103000Z"));
    // DTSTAMP is when the file was made (the real clock): a UTC date-time.
    let stamp = ev.property_value("DTSTAMP").unwrap();
    assert!(
        chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ").is_ok(),
        "{stamp}"
    );
    assert_eq!(ev.get_status(), Some(icalendar::EventStatus::Confirmed));
    assert_eq!(
        ev.property_value("ORGANIZER"),
        Some(format!("mailto:{COORDINATOR_MAIL}").as_str())
    );
    let who = attendees(ev);
    assert!(who.contains(&format!("mailto:{NAV_MAIL}")), "{who:?}");
    // The long description is folded, and read back whole (the due action is in it).
    assert!(text.contains("\r\n "), "{text}");
    assert!(
        ev.get_description()
            .unwrap_or_default()
            .contains(WORK_ACTION)
    );
    // The place's comma is escaped in the file and read back whole.
    assert!(
        text.contains("LOCATION:Nordvik rådhus\\, møterom 3"),
        "{text}"
    );
    assert_eq!(
        ev.get_location(),
        Some("Nordvik rådhus, møterom 3"),
        "{text}"
    );
    // Every participant has a pair, named so each sees whose it is.
    assert_eq!(
        files_in(&out),
        [
            "Innkalling 10.12.2026 – Dag Terapeut.ics",
            "Innkalling 10.12.2026 – Dag Terapeut.pdf",
            "Innkalling 10.12.2026 – Nina Koordinator.ics",
            "Innkalling 10.12.2026 – Nina Koordinator.pdf",
            "Innkalling 10.12.2026 – Ola Testesen.ics",
            "Innkalling 10.12.2026 – Ola Testesen.pdf",
            "Innkalling 10.12.2026 – Per Navesen.ics",
            "Innkalling 10.12.2026 – Per Navesen.pdf",
        ]
    );

    // The meeting moves: the same event (UID), a higher SEQUENCE, the new time.
    f.edit(vec![Edit::SetNextMeeting {
        id: f.last,
        at: Some(Utc.with_ymd_and_hms(2026, 12, 11, 12, 30, 0).unwrap()),
    }]);
    let again = f.dir.path().join("flyttet");
    f.notice(&again);
    let (_, cal) = parse_ics(&again.join("Innkalling 11.12.2026 – Per Navesen.ics"));
    let ev = event(&cal);
    assert_eq!(ev.get_uid(), Some(uid.as_str()));
    assert_eq!(ev.get_sequence(), Some(1));
    assert_eq!(
        start(ev),
        Some(Utc.with_ymd_and_hms(2026, 12, 11, 12, 30, 0).unwrap())
    );
}

#[test]
fn each_participants_notice_holds_only_what_their_consent_covers() {
    let f = fixture();
    let out = f.dir.path().join("innkalling");
    f.notice(&out);
    let pdf = |name: &str| pdf_text(&out.join(format!("Innkalling 10.12.2026 – {name}.pdf")));
    let ics = |name: &str| {
        let (_, cal) = parse_ics(&out.join(format!("Innkalling 10.12.2026 – {name}.ics")));
        event(&cal)
            .get_description()
            .unwrap_or_default()
            .to_string()
    };

    // NAV: the work goal and the work action are due; nothing about health.
    let nav = pdf("Per Navesen");
    assert!(nav.contains("Innkalling til ansvarsgruppemøte"), "{nav}");
    assert!(nav.contains("10.12.2026 kl. 09:00"), "{nav}");
    assert!(nav.contains("Nordvik rådhus, møterom 3"), "{nav}");
    assert!(
        nav.contains("Gjennomgang av mål og tiltak"),
        "the standard agenda: {nav}"
    );
    assert!(
        nav.contains(&flat(WORK_GOAL)) && nav.contains(&flat(WORK_ACTION)),
        "{nav}"
    );
    for hidden in [HEALTH_GOAL, HEALTH_ACTION] {
        assert!(
            !nav.contains(&flat(hidden)),
            "NAV's notice names «{hidden}»: {nav}"
        );
    }
    let nav_ics = ics("Per Navesen");
    assert!(nav_ics.contains(WORK_ACTION), "{nav_ics}");
    assert!(!nav_ics.contains(HEALTH_GOAL) && !nav_ics.contains(HEALTH_ACTION));
    // The person's private e-mail is not NAV's to see.
    let (text, _) = parse_ics(&out.join("Innkalling 10.12.2026 – Per Navesen.ics"));
    assert!(!text.contains("ola@privat.example"), "{text}");

    // DPS: the health goal (no actions shared with them); nothing about work.
    let dps = pdf("Dag Terapeut");
    assert!(dps.contains(&flat(HEALTH_GOAL)), "{dps}");
    for hidden in [WORK_GOAL, WORK_ACTION, HEALTH_ACTION] {
        assert!(
            !dps.contains(&flat(hidden)),
            "DPS's notice names «{hidden}»: {dps}"
        );
    }
    assert!(!ics("Dag Terapeut").contains(WORK_GOAL));

    // The coordinator sees everything that is due.
    let all = pdf("Nina Koordinator");
    for due in [WORK_GOAL, WORK_ACTION, HEALTH_GOAL, HEALTH_ACTION] {
        assert!(all.contains(&flat(due)), "«{due}» missing: {all}");
    }
}

#[test]
fn a_removed_meeting_is_cancelled_in_the_calendar() {
    let f = fixture();
    // A meeting planned in the case, and no other next meeting.
    let planned = MeetingId::new();
    f.edit(vec![
        Edit::SetNextMeeting {
            id: f.last,
            at: None,
        },
        Edit::InsertMeeting {
            index: 1,
            meeting: Meeting {
                id: planned,
                starts_at: Utc.with_ymd_and_hms(2099, 3, 2, 8, 0, 0).unwrap(),
                place: "Nordvik rådhus".into(),
                ..Meeting::default()
            },
        },
    ]);
    let out = f.dir.path().join("planlagt");
    f.notice(&out);
    let (_, cal) = parse_ics(&out.join("Innkalling 02.03.2099 – Per Navesen.ics"));
    let uid = format!("{planned}@ansvar");
    assert_eq!(event(&cal).get_uid(), Some(uid.as_str()));
    assert_eq!(event(&cal).get_sequence(), Some(0));

    f.edit(vec![Edit::RemoveMeeting { id: planned }]);
    let out = f.dir.path().join("avlyst");
    f.notice(&out);
    let (text, cal) = parse_ics(&out.join("Avlyst 02.03.2099 – Per Navesen.ics"));
    assert_eq!(cal.property_value("METHOD"), Some("CANCEL"), "{text}");
    let ev = event(&cal);
    assert_eq!(ev.get_uid(), Some(uid.as_str()));
    assert_eq!(ev.get_status(), Some(icalendar::EventStatus::Cancelled));
    assert!(ev.get_sequence() > Some(0), "{text}");
    assert!(!files_in(&out).iter().any(|n| n.starts_with("Innkalling")));
}

#[test]
fn a_case_without_a_next_meeting_gets_no_notice() {
    let f = fixture();
    // The database is never the folder written into: refused before anything is made.
    let o = f.run(&[
        "export",
        "notice",
        "--case",
        &f.case.to_string(),
        "--out",
        f.db.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("er ikke en mappe"), "{}", stderr(&o));
    // A case no meeting has been set for.
    let empty = f.store().create_case().unwrap().id;
    let out = f.dir.path().join("ingen");
    let o = f.run(&[
        "export",
        "notice",
        "--case",
        &empty.to_string(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("Saken har ikke noe neste møte"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

#[test]
fn a_cleared_next_time_is_cancelled_in_the_calendar() {
    let f = fixture();
    let later = Utc.with_ymd_and_hms(2099, 6, 1, 9, 0, 0).unwrap();
    f.edit(vec![Edit::SetNextMeeting {
        id: f.last,
        at: Some(later),
    }]);
    f.edit(vec![Edit::SetNextMeeting {
        id: f.last,
        at: None,
    }]);
    let out = f.dir.path().join("avlyst");
    f.notice(&out);
    let (text, cal) = parse_ics(&out.join("Avlyst 01.06.2099 – Per Navesen.ics"));
    assert_eq!(cal.property_value("METHOD"), Some("CANCEL"), "{text}");
    let ev = event(&cal);
    let uid = format!("{}-next@ansvar", f.last);
    assert_eq!(ev.get_uid(), Some(uid.as_str()));
    assert_eq!(ev.get_status(), Some(icalendar::EventStatus::Cancelled));
    // The invitation for 01.06.2099 had SEQUENCE 1 (the second time set).
    assert_eq!(ev.get_sequence(), Some(2), "{text}");
}

#[test]
fn the_minutes_go_to_each_recipient_as_their_consent_allows() {
    let f = fixture();
    let out = f.dir.path().join("referat");
    let said = ok(f.run(&[
        "export",
        "minutes",
        "--case",
        &f.case.to_string(),
        "--meeting",
        "siste",
        "--out",
        out.to_str().unwrap(),
    ]));
    // NAV's consent does not cover the minutes: no copy, and a line that says why.
    assert!(
        said.contains(
            "Ingen referat til Per Navesen: Ola Testesen har ikke samtykket til at referatene deles med dem."
        ),
        "{said}"
    );
    assert_eq!(
        files_in(&out),
        [
            "Referat 19.11.2026 – Dag Terapeut.pdf",
            "Referat 19.11.2026 – Ola Testesen.pdf",
            "Referat 19.11.2026 – komplett.pdf",
        ]
    );
    let complete = pdf_text(&out.join("Referat 19.11.2026 – komplett.pdf"));
    assert!(complete.contains(&flat(MINUTES)) && complete.contains(&flat(WORK_ACTION)));
    // DPS: the minutes, not the actions agreed (actions are not shared with them); the first
    // page says what is left out.
    let dps = pdf_text(&out.join("Referat 19.11.2026 – Dag Terapeut.pdf"));
    assert!(dps.contains(&flat(MINUTES)), "{dps}");
    assert!(!dps.contains(&flat(WORK_ACTION)), "{dps}");
    assert!(!dps.contains(&flat(HEALTH_ACTION)), "{dps}");
    assert!(dps.contains("Ikke med (ikke samtykke):"), "{dps}");
    assert!(dps.contains("tiltak"), "{dps}");
    let person = pdf_text(&out.join("Referat 19.11.2026 – Ola Testesen.pdf"));
    assert!(person.contains(&flat(WORK_ACTION)) && person.contains(&flat(HEALTH_ACTION)));
}

/// The first page of NAV's notice, made with the fixed clock, rendered by poppler at 60 dpi;
/// compared with `tests/snapshots/notice.png` (UPDATE_SNAPSHOTS=1 writes it).
#[test]
fn snapshot_of_the_notice_first_page() {
    let f = fixture();
    let case = f.store().load_case(f.case).unwrap();
    let log = f.store().log(f.case).unwrap();
    let opts = ansvar::export::pdf::PdfOptions::complete(&clock());
    let files = ansvar::export::cycle::notices(&case, &log, &opts).unwrap();
    let pdf = files
        .iter()
        .find(|f| f.name == "Innkalling 10.12.2026 – Per Navesen.pdf")
        .unwrap();
    let path = f.dir.path().join("notice.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let png = f.dir.path().join("notice");
    let o = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&path)
        .arg(&png)
        .output()
        .expect("pdftoppm (poppler-utils): run scripts/install-test-deps.sh");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = image::open(png.with_extension("png")).unwrap().to_rgba8();
    egui_kittest::image_snapshot(&page, "notice");
}

#[test]
fn the_invitation_is_stamped_by_the_injected_clock() {
    let f = fixture();
    let case = f.store().load_case(f.case).unwrap();
    let log = f.store().log(f.case).unwrap();
    let opts = ansvar::export::pdf::PdfOptions::complete(&clock());
    let files = ansvar::export::cycle::notices(&case, &log, &opts).unwrap();
    let ics = files
        .iter()
        .find(|f| f.name == "Innkalling 10.12.2026 – Dag Terapeut.ics")
        .unwrap();
    let cal: icalendar::Calendar = String::from_utf8(ics.bytes.clone())
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        event(&cal).property_value("DTSTAMP"),
        Some("20261124T120000Z")
    );
}

/// Every copy that leaves is in the access log before it is written: one entry per reader (a
/// notice's PDF and invitation are one), the complete minutes as the whole case.
#[test]
fn each_notice_and_minutes_copy_is_in_the_access_log_for_its_reader() {
    let f = fixture();
    f.notice(&f.dir.path().join("innkalling"));
    let case = f.case.to_string();
    let out = f.dir.path().join("referat");
    ok(f.run(&[
        "export",
        "minutes",
        "--case",
        &case,
        "--meeting",
        "siste",
        "--author",
        "Nina Koordinator",
        "--out",
        out.to_str().unwrap(),
    ]));
    let log = f.store().access_log(Some(f.case)).unwrap();
    let got: Vec<(&str, Option<&str>)> = log
        .iter()
        .map(|e| (e.access.code(), e.reader.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("notice", Some("Ola Testesen")),
            ("notice", Some("Nina Koordinator")),
            ("notice", Some("Per Navesen")),
            ("notice", Some("Dag Terapeut")),
            ("minutes_pdf", None),
            ("minutes_pdf", Some("Dag Terapeut")),
            ("minutes_pdf", Some("Ola Testesen")),
        ]
    );
    assert!(log[4..].iter().all(|e| e.user == "Nina Koordinator"));
}
