//! Demo cases: three fictional people, each with a history of meetings, built through the
//! same edit path as everything else so that the log and history are real.
//!
//! The content is data ([`CaseSpec`]); [`Writer`] plays it through a [`Session`] with a clock
//! that is moved to the moment each edit plausibly happened: plan setup about five months
//! before `today`, the meetings every four to eight weeks after that, and the odd edit between
//! meetings (an action marked done, a due date moved, the person rewording a goal).
//! All dates are relative to `today`, so the demo stays current whenever it is written.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeDelta, Utc, Weekday};

use crate::clock::Clock;
use crate::domain::{
    Action, ActionId, ActionStatus, AgendaItem, AgendaItemId, Approval, Attendance, Author, CaseId,
    Consent, ConsentId, ConsentMethod, ConsentRecipient, Contact, ContactId, DateField, Edit,
    Evaluation, EvaluationId, Goal, GoalId, GoalStatus, Level, LifeDomain, Meeting, MeetingId,
    Participant, ParticipantId, Rating, Role, Section, TextField, Zone,
};
use crate::session::Session;
use crate::store::{Store, StoreError};

/// Writes the demo cases into `store` and returns their ids. Every call adds three new cases.
pub fn write_demo(store: &Arc<Store>, today: NaiveDate) -> Result<Vec<CaseId>, StoreError> {
    [&OLA, &LISE, &MONA]
        .into_iter()
        .map(|spec| write_case(store, today, spec))
        .collect()
}

fn write_case(
    store: &Arc<Store>,
    today: NaiveDate,
    spec: &'static CaseSpec,
) -> Result<CaseId, StoreError> {
    let case = store.create_case()?;
    // The demo's own clock, moved to the moment each edit plausibly happened.
    let clock = Clock::fixed(at(today, 12, 0));
    let session = Session::open(Arc::clone(store), case.id, clock.clone())?;
    Writer::new(spec, today, session, clock).run()?;
    Ok(case.id)
}

// ---------------------------------------------------------------------------------------------
// The shape of the demo data
// ---------------------------------------------------------------------------------------------

type Str = &'static str;

/// Marks crisis-plan content that exists before the first meeting (carried over from earlier).
const SETUP: usize = usize::MAX;

/// The standard agenda of a responsibility-group meeting.
const AGENDA: [Str; 9] = [
    "Velkommen og hvem som er til stede",
    "Siden sist (personens egen fortelling)",
    "Gjennomgang av mål og tiltak",
    "Åpne tiltak fra forrige møte",
    "Kriseplan",
    "Lokale skjema",
    "Avtaler: hvem gjør hva innen når",
    "Neste møte",
    "Hvem får referatet",
];
const WELCOME: usize = 0;
const SINCE: usize = 1;
const REVIEW: usize = 2;
const OPEN_ACTIONS: usize = 3;
const CRISIS: usize = 4;
const FORMS: usize = 5;
const AGREEMENTS: usize = 6;
const NEXT: usize = 7;
const RECIPIENTS: usize = 8;

/// The person is always participant 0.
const PERSON: usize = 0;

struct PersonSpec {
    name: Str,
    birth: (i32, u32, u32),
    phone: Str,
    email: Str,
    address: Str,
    national_id: Str,
}

struct PlanSpec {
    main_goal: Str,
    resources: Str,
    needs: Str,
    implementation: Str,
    cooperation: Str,
}

struct PartSpec {
    name: Str,
    role: Role,
    org: Str,
    level: Level,
    phone: Str,
    email: Str,
    contributes: Str,
    /// The meeting at which they join the group.
    from: usize,
    /// Days from `today` when their part ends.
    to: Option<i64>,
}

impl PartSpec {
    const fn joins_at(self, meeting: usize) -> Self {
        PartSpec {
            from: meeting,
            ..self
        }
    }

    const fn until(self, days: i64) -> Self {
        PartSpec {
            to: Some(days),
            ..self
        }
    }
}

const fn part(
    name: Str,
    role: Role,
    org: Str,
    level: Level,
    phone: Str,
    email: Str,
    contributes: Str,
) -> PartSpec {
    PartSpec {
        name,
        role,
        org,
        level,
        phone,
        email,
        contributes,
        from: 0,
        to: None,
    }
}

enum To {
    Participant(usize),
    Organisation(Str),
}

struct ConsentSpec {
    to: To,
    sections: &'static [Section],
    method: ConsentMethod,
    note: Str,
    /// The meeting where it is given.
    at: usize,
}

const fn consent(
    to: To,
    sections: &'static [Section],
    method: ConsentMethod,
    note: Str,
    at: usize,
) -> ConsentSpec {
    ConsentSpec {
        to,
        sections,
        method,
        note,
        at,
    }
}

struct GoalSpec {
    domain: LifeDomain,
    own_words: Str,
    professional: Str,
    /// The meeting where the goal is set.
    from: usize,
    /// Target date, days from `today`.
    target: i64,
    /// The person's rating at each meeting from `from` on.
    ratings: &'static [u8],
    /// Evaluation at each meeting from `from` on; empty for none.
    evals: &'static [Str],
    /// Status changes: (meeting, status).
    status: &'static [(usize, GoalStatus)],
}

struct ActionSpec {
    what: Str,
    who: usize,
    goals: &'static [usize],
    /// The meeting where it is agreed.
    agreed: usize,
    /// Due date, days from `today`.
    due: i64,
    /// The meeting where it is closed, and how.
    result: Option<(usize, ActionStatus)>,
}

const fn action(
    what: Str,
    who: usize,
    goals: &'static [usize],
    agreed: usize,
    due: i64,
    result: Option<(usize, ActionStatus)>,
) -> ActionSpec {
    ActionSpec {
        what,
        who,
        goals,
        agreed,
        due,
        result,
    }
}

/// Something that happens between meetings.
enum Event {
    /// The responsible party marks an action done.
    Done(usize),
    /// A due date is moved (days from `today`).
    MoveDue(usize, i64),
    /// The person rewords a goal.
    Reword(usize, Str),
    /// What a consent covers changes.
    ConsentSections(usize, &'static [Section]),
}

struct Interim {
    /// Days from `today`.
    day: i64,
    by: usize,
    event: Event,
}

const fn between(day: i64, by: usize, event: Event) -> Interim {
    Interim { day, by, event }
}

struct MeetingSpec {
    /// Days from `today` (moved to the nearest weekday).
    day: i64,
    place: Str,
    note_taker: usize,
    /// Everyone active is present except these.
    away: &'static [(usize, Attendance)],
    since: Str,
    review: Str,
    open_note: Str,
    crisis: Str,
    forms: Str,
    agreements: Str,
    /// Minutes spent on each agenda item.
    mins: [u32; 9],
}

struct CrisisSpec {
    /// (meeting or [`SETUP`], field, text).
    texts: &'static [(usize, TextField, Str)],
    /// (meeting or [`SETUP`], [name, role, phone, note]).
    contacts: &'static [(usize, [Str; 4])],
    /// (meeting or [`SETUP`], reviewed by).
    reviews: &'static [(usize, Str)],
    /// For a review at [`SETUP`]: days from `today`.
    old_review: i64,
}

struct CaseSpec {
    person: PersonSpec,
    plan: PlanSpec,
    coordinator: usize,
    participants: &'static [PartSpec],
    consents: &'static [ConsentSpec],
    goals: &'static [GoalSpec],
    actions: &'static [ActionSpec],
    crisis: CrisisSpec,
    meetings: &'static [MeetingSpec],
    /// Sorted by day.
    interim: &'static [Interim],
    /// The next meeting after the last one: days from `today`, place.
    next: (i64, Str),
    /// Whether the next meeting is already set up as a planned meeting.
    upcoming: bool,
}

use ActionStatus::{Cancelled, Done};
use Attendance::{Absent, SentApologies};
use ConsentMethod::{Signed, VerbalInMeeting as Verbal};
use GoalStatus::{Achieved, InProgress, Paused};
use LifeDomain as D;
use Section as S;
use TextField as T;
use Zone::{Green, Red, Yellow};

const ALL_SECTIONS: &[Section] = &[
    S::Goals(D::Health),
    S::Goals(D::SubstanceUse),
    S::Goals(D::Housing),
    S::Goals(D::WorkAndActivity),
    S::Goals(D::Finances),
    S::Goals(D::NetworkAndFamily),
    S::Goals(D::Leisure),
    S::Goals(D::Legal),
    S::Actions,
    S::CrisisPlan,
    S::Forms,
    S::Minutes,
];

// ---------------------------------------------------------------------------------------------
// Case 1: Ola Nordmann — IPS, work goals
// ---------------------------------------------------------------------------------------------

static OLA: CaseSpec = CaseSpec {
    person: PersonSpec {
        name: "Ola Nordmann",
        birth: (1993, 8, 21),
        phone: "400 00 101",
        email: "ola.nordmann@epost.example",
        address: "Fjordgata 12 B, 9990 Nordvik",
        national_id: "",
    },
    plan: PlanSpec {
        main_goal: "Jeg vil ha en vanlig hverdag med jobb, og ikke bare være «en som går på NAV».",
        resources: "Ola er flink med hendene, har erfaring fra lager og barnehage og trives ute. \
            Han har en god venn (Stian) og god kontakt med mor. Han møter opp når avtalene er tydelige.",
        needs: "Hjelp til å finne og beholde en jobb, oversikt over økonomi og gjeld, behandling for \
            angst og søvnvansker, og noen å snakke med om hasjbruken.",
        implementation: "Koordinator har samtale med Ola hver uke. IPS-jobbspesialisten følger opp \
            jobbsøk og arbeidsplass uten tidsbegrensning. NAV gir inntektsveiledning. Tiltak avtales \
            i ansvarsgruppemøtene, som holdes omtrent hver 6. uke, og evalueres i hvert møte.",
        cooperation: "Samarbeid mellom kommunen (koordinator, IPS-teamet, rustjenesten), NAV Nordvik, \
            DPS Nordvik poliklinikken og fastlegen. IPS og NAV har egne møter om inntekt og ytelser.",
    },
    coordinator: 1,
    participants: &[
        part(
            "Ola Nordmann",
            Role::Person,
            "",
            Level::Other,
            "400 00 101",
            "ola.nordmann@epost.example",
            "Eier planen. Bestemmer hva som er viktigst, møter på avtaler og sier fra når noe ikke fungerer.",
        ),
        part(
            "Hanne Solberg",
            Role::Coordinator,
            "Nordvik kommune, psykisk helse og rus",
            Level::Municipality,
            "900 00 201",
            "hanne.solberg@nordvik.kommune.example",
            "Koordinator. Leder møtene, holder planen oppdatert og har samtale med Ola hver uke. \
             Hjelper med post og økonomi.",
        ),
        part(
            "Erik Dahl",
            Role::IpsJobSpecialist,
            "Nordvik kommune, IPS-teamet",
            Level::Municipality,
            "900 00 202",
            "erik.dahl@nordvik.kommune.example",
            "Jobbspesialist (IPS). Jobbsøk sammen med Ola, kontakt med arbeidsgivere og oppfølging \
             på arbeidsplassen så lenge Ola ønsker det.",
        ),
        part(
            "Nina Berg",
            Role::NavAdvisor,
            "NAV Nordvik",
            Level::Nav,
            "900 00 203",
            "nina.berg@nav.example",
            "NAV-veileder. Arbeidsavklaringspenger, aktivitetsplan og inntektsveiledning når Ola \
             begynner å jobbe.",
        ),
        part(
            "Sigurd Lund",
            Role::GeneralPractitioner,
            "Nordvik legesenter",
            Level::Municipality,
            "900 00 204",
            "sigurd.lund@nordvik-legesenter.example",
            "Fastlege. Medisiner, legeerklæringer til NAV og somatisk oppfølging.",
        ),
        part(
            "Ingrid Moe",
            Role::DpsTherapist,
            "DPS Nordvik, poliklinikken",
            Level::SpecialistHealth,
            "900 00 205",
            "ingrid.moe@dps-nordvik.example",
            "Behandler ved DPS. Samtaler annenhver uke om angst og søvn.",
        ),
        part(
            "Amir Haddad",
            Role::SubstanceService,
            "Nordvik kommune, rustjenesten",
            Level::Municipality,
            "900 00 206",
            "amir.haddad@nordvik.kommune.example",
            "Samtaler om hasjbruk annenhver uke (motiverende samtaler).",
        )
        .joins_at(1),
    ],
    consents: &[
        consent(
            To::Organisation("Nordvik kommune, psykisk helse og rus"),
            ALL_SECTIONS,
            Signed,
            "Koordinator og kommunens psykiske helse- og rustjeneste.",
            0,
        ),
        consent(
            To::Participant(2),
            &[
                S::Goals(D::WorkAndActivity),
                S::Goals(D::Finances),
                S::Goals(D::Health),
                S::Actions,
                S::Forms,
                S::Minutes,
            ],
            Signed,
            "IPS får vite om helse så langt det har betydning for jobb.",
            0,
        ),
        consent(
            To::Organisation("NAV Nordvik"),
            &[
                S::Goals(D::WorkAndActivity),
                S::Goals(D::Finances),
                S::Actions,
                S::Forms,
            ],
            Signed,
            "Bare mål og tiltak om arbeid og økonomi. NAV får ikke referat eller kriseplan.",
            0,
        ),
        consent(To::Participant(4), ALL_SECTIONS, Verbal, "", 0),
        consent(To::Participant(5), ALL_SECTIONS, Verbal, "", 0),
        consent(
            To::Participant(6),
            &[
                S::Goals(D::SubstanceUse),
                S::Goals(D::Health),
                S::Actions,
                S::CrisisPlan,
                S::Minutes,
            ],
            Verbal,
            "Gitt muntlig i møtet.",
            1,
        ),
    ],
    goals: &[
        GoalSpec {
            domain: D::WorkAndActivity,
            own_words: "Jeg vil ha en jobb der jeg kan være ute.",
            professional: "Ordinært lønnet arbeid i deltidsstilling (40–60 %) innen utendørs arbeid, \
                med IPS-oppfølging og inntektsveiledning fra NAV.",
            from: 0,
            target: 120,
            ratings: &[3, 4, 7, 8],
            evals: &[
                "",
                "Karriereprofilen er ferdig. Jobbsøk i gang med Erik.",
                "Jobbtilbud fra Nordvik gartneri, 40 % stilling.",
                "Har jobbet i tre uker. Vil øke til 50 % etter nyttår.",
            ],
            status: &[(0, InProgress)],
        },
        GoalSpec {
            domain: D::Finances,
            own_words: "Jeg vil slippe å grue meg når jeg åpner posten.",
            professional: "Oversikt over gjeld og inkassosaker, nedbetalingsavtaler med kreditorene \
                og et budsjett Ola selv styrer.",
            from: 0,
            target: 60,
            ratings: &[2, 2, 4, 6],
            evals: &[
                "",
                "Gjeldsoversikten er ikke hentet ennå. Ola ønsker hjelp.",
                "Oversikten er på plass, og budsjettet er laget.",
                "Avtale med én kreditor. Ola åpner posten sammen med koordinator en gang i uka.",
            ],
            status: &[(1, InProgress)],
        },
        GoalSpec {
            domain: D::Health,
            own_words: "Jeg vil sove bedre og ha færre dager der angsten bestemmer.",
            professional: "Bedre søvnrytme og mindre angst; poliklinisk behandling ved DPS Nordvik og \
                medisinsk oppfølging hos fastlegen.",
            from: 0,
            target: 90,
            ratings: &[4, 5, 5, 7],
            evals: &[
                "",
                "Litt bedre søvn etter medisinendringen.",
                "Stabilt. Møter fast på DPS.",
                "Sover bedre etter jobbstart.",
            ],
            status: &[(0, InProgress)],
        },
        GoalSpec {
            domain: D::SubstanceUse,
            own_words: "Jeg vil bare røyke hasj i helgene, og etter hvert slutte.",
            professional: "Redusert cannabisbruk, på sikt rusfrihet. Motiverende samtaler i den \
                kommunale rustjenesten.",
            from: 1,
            target: 90,
            ratings: &[3, 5, 6],
            evals: &[
                "",
                "Samtaler med Amir er i gang. Mindre bruk i hverdagene.",
                "Røyker nesten bare i helgene.",
            ],
            status: &[(1, InProgress)],
        },
        GoalSpec {
            domain: D::Leisure,
            own_words: "Jeg vil ut på fisketur igjen.",
            professional: "Fritidsaktivitet sammen med venn; mer sosial kontakt.",
            from: 0,
            target: -40,
            ratings: &[4, 5, 7, 9],
            evals: &[
                "",
                "Har ikke kommet seg ut ennå.",
                "Har lånt båt av Stian og planlegger tur.",
                "To fisketurer. Målet er nådd.",
            ],
            status: &[(0, InProgress), (3, Achieved)],
        },
        GoalSpec {
            domain: D::Health,
            own_words: "Jeg vil trene to ganger i uka.",
            professional: "Regelmessig fysisk aktivitet, for eksempel med treningskontakt via \
                frisklivssentralen.",
            from: 0,
            target: 150,
            ratings: &[5, 4, 4],
            evals: &[
                "",
                "Har trent én gang.",
                "Settes på pause til jobben har satt seg, etter Olas ønske.",
            ],
            status: &[(1, InProgress), (2, Paused)],
        },
    ],
    actions: &[
        action(
            "Lage karriereprofil sammen med Ola: jobbønsker, erfaring og hva han vil fortelle arbeidsgiver",
            2,
            &[0],
            0,
            -138,
            Some((1, Done)),
        ),
        action(
            "Oppdatere aktivitetsplanen i NAV med IPS som tiltak",
            3,
            &[0],
            0,
            -131,
            Some((1, Done)),
        ),
        action(
            "Hente gjeldsoversikt fra Gjeldsregisteret og samle inkassobrevene",
            0,
            &[1],
            0,
            -131,
            Some((2, Done)),
        ),
        action(
            "Melde Ola på jobbklubb hos NAV",
            3,
            &[0],
            0,
            -124,
            Some((1, Cancelled)),
        ),
        action(
            "Vurdere medisin for søvn og ta blodprøver",
            4,
            &[2],
            0,
            -124,
            Some((1, Done)),
        ),
        action(
            "Kontakte minst fem arbeidsgivere innen gartneri og grøntanlegg sammen med Ola",
            2,
            &[0],
            1,
            -82,
            Some((2, Done)),
        ),
        action(
            "Samtaler om hasjbruk annenhver uke",
            6,
            &[3],
            1,
            -96,
            Some((2, Done)),
        ),
        action(
            "Økonomisamtale: sette opp budsjett og forslag til nedbetalingsavtaler",
            1,
            &[1],
            1,
            -75,
            Some((2, Done)),
        ),
        action(
            "Beregne hvordan lønn fra deltidsjobben påvirker arbeidsavklaringspengene",
            3,
            &[0, 1],
            2,
            -47,
            Some((3, Done)),
        ),
        action(
            "Søke om frivillig forvaltning av arbeidsavklaringspengene",
            0,
            &[1],
            2,
            -40,
            Some((3, Cancelled)),
        ),
        action(
            "Avklare tilrettelegging og arbeidstid med Nordvik gartneri før oppstart",
            2,
            &[0],
            2,
            -54,
            Some((3, Done)),
        ),
        action(
            "Ukentlig oppfølging på arbeidsplassen den første måneden",
            2,
            &[0],
            3,
            9,
            None,
        ),
        action(
            "Sende oppdatert legeerklæring til NAV",
            4,
            &[0, 2],
            3,
            -12,
            None,
        ),
        action(
            "Gå gjennom kriseplanen med Ola i en egen time",
            5,
            &[2],
            3,
            -5,
            None,
        ),
        action(
            "Ringe den andre kreditoren og be om betalingsutsettelse",
            1,
            &[1],
            3,
            5,
            None,
        ),
    ],
    crisis: CrisisSpec {
        texts: &[
            (
                SETUP,
                T::ZoneSigns(Green),
                "Jeg sover 7–8 timer, spiser frokost og svarer på telefonen. Jeg har lyst til å gjøre ting.",
            ),
            (
                SETUP,
                T::ZoneWhatIDo(Green),
                "Står opp til faste tider, går tur og holder kontakt med Stian og mamma.",
            ),
            (
                SETUP,
                T::ZoneWhatOthersDo(Green),
                "Koordinator: samtale hver uke. Erik (IPS): jobbsøk som avtalt.",
            ),
            (
                SETUP,
                T::ZoneSigns(Yellow),
                "Sover dårlig flere netter på rad, blir liggende og svarer ikke på telefonen. Røyker mer hasj. Unngår butikken.",
            ),
            (
                SETUP,
                T::ZoneWhatIDo(Yellow),
                "Sier fra til koordinator eller Ingrid. Går en tur hver dag selv om jeg ikke har lyst. Holder hasjen unna hverdagene.",
            ),
            (
                SETUP,
                T::ZoneWhatOthersDo(Yellow),
                "Koordinator ringer eller kommer på hjemmebesøk innen to dager. DPS (Ingrid) tilbyr ekstra time. Fastlegen vurderer sykmelding ved behov.",
            ),
            (
                SETUP,
                T::ZoneSigns(Red),
                "Jeg har ikke vært ute på flere dager og tenker at det ikke er noen vits. Angsten gjør at jeg ikke får puste.",
            ),
            (
                SETUP,
                T::ZoneWhatIDo(Red),
                "Ringer mamma eller DPS akutteam. Er ikke alene.",
            ),
            (
                SETUP,
                T::ZoneWhatOthersDo(Red),
                "DPS akutteam vurderer samme dag. Mamma kan komme og være hos meg. Koordinator tar kontakt med fastlegen.",
            ),
            (
                SETUP,
                T::CrisisTriggers,
                "Brev fra inkasso. Krangling med faren min. Mange avlyste planer på rad.",
            ),
            (
                SETUP,
                T::CrisisHowIWantToBeMet,
                "Rolig og direkte. Spør meg heller enn å gjette. Ikke snakk om meg som om jeg ikke er der.",
            ),
            (
                SETUP,
                T::CrisisWhatDoesNotHelp,
                "Lange telefonsamtaler om hva jeg burde ha gjort. Å bli sendt fra kontor til kontor.",
            ),
            (
                SETUP,
                T::CrisisTreatmentWishes,
                "Samtale på DPS først. Jeg ønsker ikke innleggelse med mindre jeg ikke klarer meg selv. Jeg vil ikke ha vanedannende sovemedisin.",
            ),
            (
                SETUP,
                T::CrisisPracticalMatters,
                "Katten Pus må få mat; mamma har nøkkel. Husleia går på avtalegiro.",
            ),
        ],
        contacts: &[
            (
                SETUP,
                [
                    "Sigurd Lund",
                    "Fastlege",
                    "900 00 204",
                    "Nordvik legesenter, hverdager 8–15",
                ],
            ),
            (
                SETUP,
                [
                    "DPS Nordvik akutteam",
                    "Akutteam",
                    "700 00 300",
                    "Hele døgnet",
                ],
            ),
            (
                SETUP,
                [
                    "Randi Nordmann",
                    "Mor",
                    "400 00 102",
                    "Har nøkkel. Ola har samtykket til at hun kontaktes.",
                ],
            ),
            (
                SETUP,
                [
                    "Hanne Solberg",
                    "Koordinator",
                    "900 00 201",
                    "Hverdager 8–15.30",
                ],
            ),
        ],
        reviews: &[(SETUP, "Ingrid Moe (DPS Nordvik) sammen med Ola")],
        old_review: -235,
    },
    meetings: &[
        MeetingSpec {
            day: -152,
            place: "Nordvik helsehus, møterom 2",
            note_taker: 2,
            away: &[(4, SentApologies)],
            since: "Ola forteller at han har vært hjemme det meste av året. Han har hatt \
                arbeidsavklaringspenger siden i fjor og går til samtaler på DPS. Han kjeder seg og \
                sover dårlig, og sier at han «må ha noe å stå opp til». Han har jobbet på lager og i \
                barnehage før, og trives best ute. Han er lei av å bli sendt på kurs og vil heller \
                prøve seg i en ordentlig jobb.",
            review: "Ola har skrevet målene sine selv, og gruppen har lagt til en faglig formulering \
                under hvert mål. Hovedmålet er jobb. Økonomien henger sammen med jobbønsket: Ola har \
                flere inkassosaker og åpner ikke posten. Helse og søvn følges opp av DPS og fastlegen. \
                Ola vil vente med et mål om rus til han har snakket mer med koordinator.",
            open_note: "",
            crisis: "Kriseplanen fra DPS er lagt inn i planen. Ola sier at den stemmer fortsatt. \
                Ingen endringer nå.",
            forms: "IPS: Erik starter karriereprofilen med Ola. Skjemaet for IPS-jobboppfølging tas \
                i bruk fra neste møte.",
            agreements: "Ola velger selv hva som tas opp i møtene. Erik og Ola møtes hver uke, ellers \
                ringer Erik. NAV deltar når arbeid og økonomi er tema.",
            mins: [4, 12, 20, 1, 5, 6, 8, 2, 2],
        },
        MeetingSpec {
            day: -110,
            place: "Nordvik helsehus, møterom 2",
            note_taker: 1,
            away: &[(5, SentApologies)],
            since: "Ola har vært på fire jobbsøkingsmøter med Erik og har laget CV for første gang \
                på mange år. Han sier det er «skummelt, men bra». Søvnen er litt bedre etter ny \
                medisin. Han har røykt hasj flere kvelder i uka for å få sove, og vil gjerne snakke \
                om det nå.",
            review: "Jobb: karriereprofilen er ferdig. Ola ønsker arbeid med planter, dyr eller \
                grøntanlegg. Han vil selv fortelle arbeidsgiver at han har hatt en pause på grunn av \
                helse, men ikke detaljer. Økonomi: gjeldsoversikten er ikke hentet ennå; Ola synes \
                det er vanskelig og ønsker hjelp. Rus: nytt mål, formulert av Ola. Amir fra \
                rustjenesten er med i gruppen fra i dag.",
            open_note: "Jobbklubb hos NAV avsluttes: IPS erstatter dette, etter ønske fra Ola.",
            crisis: "Ikke gjennomgått i dag. DPS hadde meldt forfall; tas når Ingrid er til stede.",
            forms: "IPS-jobboppfølging: jobbmål og plan for hva Ola forteller arbeidsgivere er fylt \
                ut. Ingen arbeidsgiverkontakter ennå.",
            agreements: "Ola tar med posten sin til økonomisamtalen. Koordinator og Ola møtes hver \
                uke som før.",
            mins: [3, 10, 25, 8, 1, 7, 9, 2, 1],
        },
        MeetingSpec {
            day: -68,
            place: "NAV Nordvik, møterom Fjorden",
            note_taker: 3,
            away: &[(4, SentApologies)],
            since: "Ola har vært på intervju hos Nordvik gartneri og fått tilbud om 40 % stilling fra \
                neste måned, med mulighet for mer til våren. Han er stolt, men redd for ikke å klare \
                det. Han har røykt mindre på hverdager, men hadde en dårlig uke etter en krangel med \
                faren.",
            review: "Jobb: jobbtilbud fra Nordvik gartneri. Erik avklarer tilrettelegging (oppstart \
                kl. 9, faste oppgaver de første ukene). Økonomi: gjeldsoversikten er hentet; to \
                inkassosaker og ett forbrukslån. Budsjett er laget med koordinator. Helse: Ingrid \
                melder at Ola møter stabilt på DPS. Rus: Ola har fått oversikt over bruken sin og har \
                redusert. Trening settes på pause for å gi plass til jobbstarten, etter Olas eget ønske.",
            open_note: "Gjeldsoversikten som ble utsatt forrige gang, er nå på plass.",
            crisis: "Ikke gjennomgått. Ola og Ingrid avtaler å se på den i en time på DPS. \
                Koordinator minner om at planen er gammel.",
            forms: "IPS: tre arbeidsgiverkontakter er logget (to avslag, ett tilbud). Jobbstart \
                registreres når kontrakten er signert.",
            agreements: "Ola sier fra til Erik hvis han vil endre hva arbeidsgiver får vite. NAV \
                sender vedtak om arbeidsavklaringspenger ved siden av lønn til Ola.",
            mins: [3, 12, 30, 6, 2, 10, 8, 1, 1],
        },
        MeetingSpec {
            day: -26,
            place: "Nordvik helsehus, møterom 2",
            note_taker: 2,
            away: &[(4, SentApologies), (6, SentApologies)],
            since: "Ola har jobbet tre uker på gartneriet. Han er sliten etter arbeidsdagene, men \
                sover bedre enn på lenge. Han har vært på fisketur med Stian to ganger. Han sier: \
                «Nå har jeg noe å fortelle når folk spør hva jeg driver med.»",
            review: "Jobb: god start, og arbeidsgiver er fornøyd. Ola ønsker å øke til 50 % etter \
                nyttår. Økonomi: avtale med én kreditor, den andre er i dialog. Ola ønsker ikke \
                frivillig forvaltning nå. Helse: bedre søvn og mindre angst på jobb enn han fryktet. \
                Rus: Ola røyker nesten bare i helgene. Fritid: målet om fisketur er nådd.",
            open_note: "NAV flyttet fristen for inntektsberegningen fordi lønnsslippen kom senere; \
                nå er den gjort.",
            crisis: "Kriseplanen er ikke gjennomgått på over et halvt år. Ola sier at tegnene han \
                kjenner igjen har endret seg etter at han begynte i jobb. Ingrid og Ola går gjennom \
                den før neste møte.",
            forms: "IPS: jobbstart registrert (40 %, lønn etter tariff). Ukentlig oppfølging den \
                første måneden er i gang.",
            agreements: "Erik holder kontakt med arbeidsgiver etter avtale med Ola. Gruppen møtes \
                igjen før jul.",
            mins: [2, 15, 25, 7, 6, 8, 7, 1, 1],
        },
    ],
    interim: &[
        between(-140, 2, Event::Done(0)),
        between(
            -90,
            PERSON,
            Event::Reword(
                0,
                "Jeg vil ha en jobb der jeg kan være ute, gjerne på et gartneri. Først litt, så mer.",
            ),
        ),
        between(-78, 1, Event::Done(7)),
        between(-50, 3, Event::MoveDue(8, -33)),
        between(
            -15,
            PERSON,
            Event::Reword(
                1,
                "Jeg vil åpne posten selv hver fredag og slippe å grue meg.",
            ),
        ),
    ],
    next: (16, "Nordvik helsehus, møterom 2"),
    upcoming: false,
};

// ---------------------------------------------------------------------------------------------
// Case 2: Lise Eksempelsen — housing crisis
// ---------------------------------------------------------------------------------------------

static LISE: CaseSpec = CaseSpec {
    person: PersonSpec {
        name: "Lise Eksempelsen",
        birth: (1979, 11, 3),
        phone: "400 00 201",
        email: "lise.eksempelsen@epost.example",
        address: "Havnegata 4, 9990 Nordvik",
        national_id: "",
    },
    plan: PlanSpec {
        main_goal: "Jeg vil ha et trygt sted å bo, betale regningene mine selv og ha det bedre med \
            meg selv og familien.",
        resources: "Lise er omsorgsfull, flink til å lage mat og har en bror som stiller opp. Hun \
            har bodd i samme leilighet i åtte år og har et godt forhold til naboene. Hun tar imot \
            hjelp når den kommer hjem til henne.",
        needs: "Rask hjelp til å hindre utkastelse, oversikt over økonomien, fast trekk av husleie, \
            oppfølging av alkoholbruk, en helsesjekk og støtte til kontakt med datteren.",
        implementation: "Koordinator har samtale med Lise annenhver uke. Rustjenesten har \
            hjemmebesøk hver uke og hjelper med post og regninger. Boligkontoret har kontakten med \
            utleier. Møtene holdes hver 4.–5. uke så lenge boligsaken pågår.",
        cooperation: "Samarbeid mellom koordinerende enhet, boligkontoret, rustjenesten, NAV \
            Nordvik (sosialtjenesten og gjeldsrådgivning) og fastlegen. Utleier kontaktes bare av \
            boligkontoret, med Lises samtykke.",
    },
    coordinator: 1,
    participants: &[
        part(
            "Lise Eksempelsen",
            Role::Person,
            "",
            Level::Other,
            "400 00 201",
            "lise.eksempelsen@epost.example",
            "Eier planen. Åpner posten sammen med Kjetil, betaler husleia først og sier fra når det \
             kommer brev.",
        ),
        part(
            "Marit Aas",
            Role::Coordinator,
            "Nordvik kommune, koordinerende enhet",
            Level::Municipality,
            "900 00 301",
            "marit.aas@nordvik.kommune.example",
            "Koordinator. Leder møtene, holder planen oppdatert og samler gruppen raskt hvis \
             boligsaken tilspisser seg.",
        ),
        part(
            "Jon Kristiansen",
            Role::HousingOffice,
            "Nordvik kommune, boligkontoret",
            Level::Municipality,
            "900 00 302",
            "jon.kristiansen@nordvik.kommune.example",
            "Boligkontoret. Kontakt med utleier, bostøtte, nedbetalingsavtale og reserveplan for bolig.",
        ),
        part(
            "Sofie Lien",
            Role::NavAdvisor,
            "NAV Nordvik",
            Level::Nav,
            "900 00 303",
            "sofie.lien@nav.example",
            "NAV-veileder. Økonomisk stønad, fast trekk av husleie og gjeldsrådgivning.",
        ),
        part(
            "Kjetil Brekke",
            Role::SubstanceService,
            "Nordvik kommune, rustjenesten",
            Level::Municipality,
            "900 00 304",
            "kjetil.brekke@nordvik.kommune.example",
            "Hjemmebesøk hver uke, samtaler om alkohol og praktisk hjelp med post og regninger.",
        ),
        part(
            "Anne Grethe Vik",
            Role::GeneralPractitioner,
            "Nordvik legesenter",
            Level::Municipality,
            "900 00 305",
            "anne.grethe.vik@nordvik-legesenter.example",
            "Fastlege. Helsesjekk, blodtrykk og vurdering av henvisning til TSB.",
        ),
        part(
            "Per Eksempelsen",
            Role::Relative,
            "",
            Level::Other,
            "400 00 202",
            "",
            "Bror. Praktisk hjelp og selskap i helgene; passer katten ved behov.",
        )
        .joins_at(1),
    ],
    consents: &[
        consent(
            To::Organisation("Nordvik kommune, koordinerende enhet"),
            ALL_SECTIONS,
            Signed,
            "Koordinator.",
            0,
        ),
        consent(
            To::Organisation("Nordvik kommune, boligkontoret"),
            &[
                S::Goals(D::Housing),
                S::Goals(D::Finances),
                S::Actions,
                S::Forms,
                S::Minutes,
            ],
            Signed,
            "Boligkontoret får ikke opplysninger om helse og alkohol.",
            0,
        ),
        consent(
            To::Organisation("NAV Nordvik"),
            &[
                S::Goals(D::Housing),
                S::Goals(D::Finances),
                S::Goals(D::WorkAndActivity),
                S::Actions,
                S::Forms,
            ],
            Signed,
            "Bare bolig, økonomi og aktivitet. NAV får ikke referatet.",
            0,
        ),
        consent(To::Participant(4), ALL_SECTIONS, Verbal, "", 0),
        consent(
            To::Participant(5),
            &[
                S::Goals(D::Health),
                S::Goals(D::SubstanceUse),
                S::Actions,
                S::CrisisPlan,
                S::Minutes,
            ],
            Verbal,
            "",
            0,
        ),
        consent(
            To::Participant(6),
            &[
                S::Goals(D::Housing),
                S::Goals(D::NetworkAndFamily),
                S::CrisisPlan,
            ],
            Verbal,
            "Per skal ikke ha opplysninger om alkohol.",
            1,
        ),
    ],
    goals: &[
        GoalSpec {
            domain: D::Housing,
            own_words: "Jeg vil bo i leiligheten min og ikke bli kastet ut.",
            professional: "Beholde leieforholdet: nedbetale husleierestansen, få utleier til å \
                trekke begjæringen om utkastelse og sikre fast husleiebetaling.",
            from: 0,
            target: 45,
            ratings: &[2, 3, 5, 6, 7],
            evals: &[
                "",
                "Utleier venter med begjæringen mens betalingsplanen lages.",
                "Utleier har trukket begjæringen om utkastelse. Restanse gjenstår.",
                "Skriftlig nedbetalingsavtale er på vei.",
                "Avtalen er signert. Husleia er betalt tre måneder på rad.",
            ],
            status: &[(0, InProgress)],
        },
        GoalSpec {
            domain: D::Finances,
            own_words: "Jeg vil at husleia blir betalt først, før alt annet.",
            professional: "Fast trekk av husleie fra ytelsen direkte til utleier, budsjett og \
                gjeldsrådgivning.",
            from: 0,
            target: -20,
            ratings: &[3, 4, 6, 7, 8],
            evals: &[
                "",
                "Bostøtte er søkt. NAV har dekket deler av restansen.",
                "Fast trekk av husleie er i gang.",
                "Gjeldsrådgivning har startet.",
                "Husleia er betalt i tre måneder. Lise sier at målet er nådd.",
            ],
            status: &[(0, InProgress), (4, Achieved)],
        },
        GoalSpec {
            domain: D::SubstanceUse,
            own_words: "Jeg vil drikke mindre, og ikke alene om kvelden.",
            professional: "Redusert alkoholbruk; ukentlige samtaler i rustjenesten og vurdering av \
                poliklinisk TSB.",
            from: 0,
            target: 120,
            ratings: &[3, 3, 2, 4, 5],
            evals: &[
                "",
                "Drikker fortsatt de fleste kvelder. Vil prøve oppfølging i kommunen før TSB.",
                "Tung periode da brevet fra namsmannen kom.",
                "Færre drikkedager. Ikke alkohol i hverdagene de siste to ukene.",
                "Stabil bedring. TSB vurderes på nytt.",
            ],
            status: &[(0, InProgress)],
        },
        GoalSpec {
            domain: D::Health,
            own_words: "Jeg vil få sjekket magen og blodtrykket.",
            professional: "Somatisk utredning hos fastlegen: blodprøver, blodtrykk og vurdering av \
                mageplager.",
            from: 1,
            target: -60,
            ratings: &[4, 6, 8],
            evals: &[
                "",
                "Blodprøver tatt. Litt høyt blodtrykk; ny kontroll.",
                "Blodtrykket er bedre. Målet er nådd.",
            ],
            status: &[(1, InProgress), (3, Achieved)],
        },
        GoalSpec {
            domain: D::NetworkAndFamily,
            own_words: "Jeg vil ha bedre kontakt med datteren min.",
            professional: "Styrke kontakten med datteren (19 år), med støtte fra broren.",
            from: 2,
            target: 150,
            ratings: &[4, 5, 6],
            evals: &[
                "",
                "Middagen er utsatt; datteren har ikke svart ennå.",
                "Datteren kom på middag. Lise er glad og lettet.",
            ],
            status: &[(2, InProgress)],
        },
        GoalSpec {
            domain: D::WorkAndActivity,
            own_words: "Jeg vil ha noe å gå til på dagtid.",
            professional: "Meningsfull dagaktivitet, for eksempel arbeidstrening i kommunens \
                bruktbutikk.",
            from: 2,
            target: 180,
            ratings: &[5, 4, 5],
            evals: &[
                "",
                "Satt på pause til boligsaken er løst, etter Lises ønske.",
                "Tas opp igjen nå som boligen er sikret.",
            ],
            status: &[(3, Paused), (4, InProgress)],
        },
    ],
    actions: &[
        action(
            "Kontakte utleier og be om utsettelse av begjæringen om utkastelse mens betalingsplanen lages",
            2,
            &[0],
            0,
            -136,
            Some((1, Done)),
        ),
        action(
            "Behandle søknad om økonomisk stønad til husleierestansen",
            3,
            &[0, 1],
            0,
            -130,
            Some((1, Done)),
        ),
        action(
            "Søke bostøtte fra Husbanken, med hjelp fra koordinator",
            0,
            &[1],
            0,
            -126,
            Some((1, Done)),
        ),
        action(
            "Hjemmebesøk hver uke: åpne post og betale regninger sammen",
            4,
            &[0, 2],
            0,
            -112,
            Some((2, Done)),
        ),
        action(
            "Henvise til poliklinisk TSB",
            5,
            &[2],
            0,
            -119,
            Some((1, Cancelled)),
        ),
        action(
            "Sette opp fast trekk av husleie fra stønaden direkte til utleier",
            3,
            &[1],
            1,
            -98,
            Some((2, Done)),
        ),
        action(
            "Ta blodprøver og måle blodtrykket",
            5,
            &[3],
            1,
            -91,
            Some((2, Done)),
        ),
        action(
            "Undersøke kommunal bolig som reserve hvis leieforholdet likevel avsluttes",
            2,
            &[0],
            1,
            -84,
            Some((3, Cancelled)),
        ),
        action(
            "Bestille time hos gjeldsrådgiver i NAV",
            0,
            &[1],
            2,
            -63,
            Some((3, Done)),
        ),
        action(
            "Invitere datteren på middag, med Per som støtte",
            0,
            &[4],
            2,
            -56,
            Some((4, Done)),
        ),
        action(
            "Få på plass skriftlig avtale med utleier om nedbetaling av resten av restansen",
            2,
            &[0],
            3,
            -35,
            Some((4, Done)),
        ),
        action(
            "Vurdere ny henvisning til poliklinisk TSB sammen med Lise",
            5,
            &[2],
            3,
            -21,
            None,
        ),
        action(
            "Hjelpe Lise med å rydde boden før utleiers kontroll",
            4,
            &[0],
            4,
            -9,
            None,
        ),
        action(
            "Sjekke at husleietrekket fortsetter etter nyttår",
            3,
            &[1],
            4,
            20,
            None,
        ),
        action(
            "Avtale en første samtale om arbeidstrening i bruktbutikken",
            1,
            &[5],
            4,
            25,
            None,
        ),
    ],
    crisis: CrisisSpec {
        texts: &[
            (
                2,
                T::ZoneSigns(Green),
                "Jeg står opp før ni, spiser frokost og åpner posten. Jeg svarer når noen ringer.",
            ),
            (
                2,
                T::ZoneWhatIDo(Green),
                "Går tur med naboen på formiddagen. Betaler husleia samme dag som pengene kommer. Ringer datteren min i helgene.",
            ),
            (
                2,
                T::ZoneWhatOthersDo(Green),
                "Kjetil: hjemmebesøk hver uke. Marit: samtale annenhver uke.",
            ),
            (
                2,
                T::ZoneSigns(Yellow),
                "Lar posten ligge. Drikker alene om kvelden flere dager på rad. Sover til langt på dag. Tar ikke telefonen.",
            ),
            (
                2,
                T::ZoneWhatIDo(Yellow),
                "Ringer Kjetil eller Marit samme dag. Heller ut alkoholen som står hjemme. Ber Per komme innom.",
            ),
            (
                2,
                T::ZoneWhatOthersDo(Yellow),
                "Kjetil kommer på hjemmebesøk innen to virkedager og åpner posten sammen med Lise. Marit kontakter boligkontoret hvis det har kommet brev om husleie. Per kan være med i helgene.",
            ),
            (
                2,
                T::ZoneSigns(Red),
                "Brev fra namsmannen eller varsel om utkastelse. Jeg drikker hver dag og spiser ikke. Tanker om at det ikke er noen vits.",
            ),
            (
                2,
                T::ZoneWhatIDo(Red),
                "Ringer fastlegen eller legevakten. Ringer Per. Blir ikke alene hjemme.",
            ),
            (
                2,
                T::ZoneWhatOthersDo(Red),
                "Marit samler gruppen samme uke. Jon (boligkontoret) kontakter utleier straks. Fastlegen eller legevakten vurderer helsen og behovet for avrusning. Per kan hente Lise og la henne bo hos seg noen dager.",
            ),
            (
                2,
                T::CrisisTriggers,
                "Brev om penger og husleie. Ensomhet i helgene. Krangel med eksmannen.",
            ),
            (
                2,
                T::CrisisHowIWantToBeMet,
                "Ærlig og vennlig. Si hva problemet er, uten å kjefte. Gi meg tid til å svare.",
            ),
            (
                2,
                T::CrisisWhatDoesNotHelp,
                "Å høre at jeg har meg selv å takke. Å få mange skjemaer på én gang.",
            ),
            (
                2,
                T::CrisisTreatmentWishes,
                "Trenger jeg avrusning, vil jeg ha det på dagtid sammen med noen jeg kjenner, ikke alene på legevakten om natta.",
            ),
            (
                2,
                T::CrisisPracticalMatters,
                "Katten må passes: Per har nøkkel. Husleia trekkes fast av NAV. Kjetil kan hente posten etter avtale.",
            ),
        ],
        contacts: &[
            (
                2,
                [
                    "Anne Grethe Vik",
                    "Fastlege",
                    "900 00 305",
                    "Nordvik legesenter",
                ],
            ),
            (
                2,
                [
                    "DPS Nordvik akutteam",
                    "Akutteam",
                    "700 00 300",
                    "Hele døgnet",
                ],
            ),
            (
                2,
                [
                    "Per Eksempelsen",
                    "Bror",
                    "400 00 202",
                    "Samtykke til kontakt om bolig og kriseplan",
                ],
            ),
            (
                2,
                [
                    "Marit Aas",
                    "Koordinator",
                    "900 00 301",
                    "Hverdager 8–15.30",
                ],
            ),
            (
                2,
                [
                    "Kjetil Brekke",
                    "Rustjenesten",
                    "900 00 304",
                    "Hjemmebesøk, hverdager",
                ],
            ),
        ],
        reviews: &[(2, "Lise Eksempelsen og Marit Aas (koordinator)")],
        old_review: 0,
    },
    meetings: &[
        MeetingSpec {
            day: -140,
            place: "Hjemme hos Lise, Havnegata 4",
            note_taker: 1,
            away: &[(5, SentApologies)],
            since: "Lise forteller at hun har fått varsel fra utleier om begjæring om utkastelse \
                fordi hun skylder tre måneders husleie. Hun har ikke åpnet posten på flere uker. Hun \
                sier at hun drikker mer enn før, mest om kvelden når hun er alene. Hun er redd og \
                skamfull, og sier: «Jeg vil bare bo her i fred.»",
            review: "Lise har formulert tre mål: bolig, økonomi og alkohol. Bolig er viktigst nå. \
                Gruppen er enig om at boligsaken krever rask handling denne uka.",
            open_note: "",
            crisis: "Lise har ingen kriseplan. Det avtales å lage en når det verste i boligsaken er \
                avklart.",
            forms: "Boligkontorets sjekkliste er startet: leiekontrakt (privat utleier, \
                tidsubestemt), restanse tre måneder, ingen bostøtte i dag, risiko for utkastelse: høy.",
            agreements: "Lise gir Marit lov til å ringe utleier sammen med Jon. Neste møte om fire \
                uker, tidligere hvis utleier ikke svarer.",
            mins: [3, 15, 25, 1, 3, 8, 10, 2, 1],
        },
        MeetingSpec {
            day: -112,
            place: "Nordvik rådhus, møterom Lyngen",
            note_taker: 2,
            away: &[],
            since: "Lise har fått utsettelse fra utleier. Hun har åpnet posten sammen med Kjetil \
                hver uke. Hun sover bedre nå, men har vondt i magen. Broren Per er med for første gang.",
            review: "Bolig: utleier venter med begjæringen. Økonomi: NAV har innvilget stønad til to \
                av tre måneders restanse, og bostøtte er søkt. Alkohol: Lise vil prøve oppfølging i \
                kommunen før en eventuell henvisning til TSB. Nytt mål om helse.",
            open_note: "Henvisningen til TSB avsluttes etter Lises ønske; tas opp igjen senere.",
            crisis: "Ikke laget ennå. Tas i neste møte.",
            forms: "Sjekkliste bolig: bostøtte søkt, restansen er redusert til én måned.",
            agreements: "Per hjelper Lise med praktiske ting i helgene. Lise sier fra til Marit hvis \
                det kommer nye brev fra utleier.",
            mins: [3, 12, 22, 8, 2, 6, 8, 2, 1],
        },
        MeetingSpec {
            day: -84,
            place: "Nordvik rådhus, møterom Lyngen",
            note_taker: 1,
            away: &[(6, SentApologies)],
            since: "Lise fikk brev fra namsmannen rett etter forrige møte, fordi utleier ikke hadde \
                fått beskjed om betalingen fra NAV i tide. Hun hadde en tung uke og drakk mye. Kjetil \
                kom på ekstra hjemmebesøk. Nå er saken ryddet opp i, og utleier har trukket begjæringen.",
            review: "Bolig: begjæringen er trukket. Økonomi: fast trekk av husleie er i gang. \
                Alkohol: tilbakefall i krisen, men Lise tok selv kontakt med Kjetil. Helse: prøvene er \
                tatt. Lise ønsker to nye mål: kontakt med datteren og noe å gjøre på dagtid.",
            open_note: "Reserveplanen om kommunal bolig holdes åpen til nedbetalingsavtalen er skriftlig.",
            crisis: "Kriseplanen er laget i møtet, med grønn, gul og rød sone. Lise ville ha med hva \
                som skal skje når det kommer brev om husleie, fordi det var det som utløste krisen.",
            forms: "Sjekkliste bolig: begjæringen er trukket; risiko for utkastelse: middels. \
                Hjemmeoppfølging hver uke.",
            agreements: "Marit gir Lise kriseplanen på papir. Per får kriseplanen etter samtykke.",
            mins: [3, 14, 20, 6, 25, 5, 8, 2, 2],
        },
        MeetingSpec {
            day: -49,
            place: "Boligkontoret, Storgata 10",
            note_taker: 2,
            away: &[(5, Absent), (3, SentApologies)],
            since: "Lise har ikke drukket i hverdagene de siste to ukene. Hun har vært hos \
                gjeldsrådgiver. Datteren har ikke svart på invitasjonen ennå, og det er sårt.",
            review: "Bolig: Jon og utleier lager en skriftlig nedbetalingsavtale. Helse: blodtrykket \
                er bedre, og målet er nådd. Familie: middagen er ikke avtalt ennå. Aktivitet: Lise vil \
                vente til boligsaken er helt i orden.",
            open_note: "Middagen med datteren flyttes til neste periode.",
            crisis: "Kort gjennomgang. Ingen endringer. Lise sier at planen gir henne trygghet.",
            forms: "Sjekkliste bolig: nedbetalingsavtale under arbeid; naboforholdet er godt.",
            agreements: "Fastlegen var ikke til stede; Marit gir henne beskjed om spørsmålet om TSB.",
            mins: [2, 10, 18, 8, 4, 6, 8, 1, 1],
        },
        MeetingSpec {
            day: -19,
            place: "Nordvik rådhus, møterom Lyngen",
            note_taker: 1,
            away: &[],
            since: "Lise sier at dette er første gang på lenge hun ikke gruer seg til månedsskiftet. \
                Datteren var på middag, og de skal møtes igjen før jul. Hun har drukket to kvelder \
                siden sist, men ikke alene.",
            review: "Bolig: nedbetalingsavtalen er signert. Økonomi: husleia er betalt tre måneder \
                på rad, og Lise mener målet er nådd. Alkohol: bedring; vurdering av TSB gjenstår. \
                Familie: god utvikling. Aktivitet: tas opp igjen.",
            open_note: "Fastlegen har ikke rukket å vurdere henvisningen til TSB; står åpen.",
            crisis: "Ikke gjennomgått i dag; planen ble laget for under tre måneder siden.",
            forms: "Sjekkliste bolig: restansen nedbetales etter avtale; risiko for utkastelse: lav. \
                Boveiledningen fortsetter.",
            agreements: "Utleier kommer på kontroll i leiligheten; Kjetil hjelper med rydding før \
                det. Neste møte før jul.",
            mins: [2, 12, 20, 6, 2, 5, 9, 1, 1],
        },
    ],
    interim: &[
        between(-137, 2, Event::Done(0)),
        between(
            -100,
            PERSON,
            Event::Reword(
                2,
                "Jeg vil ikke drikke i hverdagene, og aldri alene om kvelden.",
            ),
        ),
        between(-97, 3, Event::Done(5)),
        between(
            -82,
            1,
            Event::ConsentSections(
                5,
                &[
                    S::Goals(D::Housing),
                    S::Goals(D::NetworkAndFamily),
                    S::CrisisPlan,
                    S::Minutes,
                ],
            ),
        ),
        between(-40, 2, Event::MoveDue(10, -25)),
        between(-30, 2, Event::Done(10)),
    ],
    next: (12, "Nordvik rådhus, møterom Lyngen"),
    upcoming: false,
};

// ---------------------------------------------------------------------------------------------
// Case 3: Mona Prøvestad — just discharged from a DPS ward
// ---------------------------------------------------------------------------------------------

static MONA: CaseSpec = CaseSpec {
    person: PersonSpec {
        name: "Mona Prøvestad",
        birth: (1997, 2, 9),
        phone: "400 00 301",
        email: "mona.provestad@epost.example",
        address: "Lerkeveien 7, 9990 Nordvik",
        national_id: "00000000000",
    },
    plan: PlanSpec {
        main_goal: "Jeg vil klare meg selv i min egen leilighet, fullføre studiene og ha folk rundt \
            meg som vet hva de skal gjøre hvis jeg blir dårlig.",
        resources: "Mona er reflektert og kjenner sine egne tidlige tegn. Hun er motivert for \
            studiene, har god kontakt med mor og har hunden Luna, som gir struktur i hverdagen.",
        needs: "Behandling og medisinsk oppfølging ved DPS, en kriseplan som alle kjenner, \
            tilrettelegging av studiene, avklaring av inntekt under sykmelding og tett oppfølging \
            etter utskrivning.",
        implementation: "Koordinator har samtale med Mona annenhver uke, tettere i perioder med \
            stress og de første fire ukene etter utskrivning. DPS har behandlingsansvaret. \
            Kriseplanen gjennomgås i hvert møte. Tiltakene evalueres i ansvarsgruppemøtene hver \
            6.–7. uke.",
        cooperation: "Samarbeid mellom kommunens psykiske helsetjeneste, DPS Nordvik (poliklinikk \
            og døgnavdeling), fastlegen, NAV Nordvik og Høgskolen i Nordvik (studieveileder, etter \
            samtykke). Mor deltar etter Monas ønske.",
    },
    coordinator: 1,
    participants: &[
        part(
            "Mona Prøvestad",
            Role::Person,
            "",
            Level::Other,
            "400 00 301",
            "mona.provestad@epost.example",
            "Eier planen. Kjenner sine tidlige tegn og sier fra til Lars eller Elin.",
        ),
        part(
            "Lars Eide",
            Role::Coordinator,
            "Nordvik kommune, psykisk helsetjeneste",
            Level::Municipality,
            "900 00 401",
            "lars.eide@nordvik.kommune.example",
            "Koordinator og primærkontakt. Samtaler annenhver uke, tettere etter utskrivning.",
        ),
        part(
            "Elin Strand",
            Role::DpsTherapist,
            "DPS Nordvik, poliklinikken",
            Level::SpecialistHealth,
            "900 00 402",
            "elin.strand@dps-nordvik.example",
            "Behandlingsansvarlig ved DPS. Samtaler og medisinering.",
        ),
        part(
            "Thomas Aune",
            Role::GeneralPractitioner,
            "Nordvik legesenter",
            Level::Municipality,
            "900 00 403",
            "thomas.aune@nordvik-legesenter.example",
            "Fastlege. Sykmelding, blodprøver og somatisk oppfølging; får epikrisen.",
        ),
        part(
            "Gunn Prøvestad",
            Role::Relative,
            "",
            Level::Other,
            "400 00 302",
            "",
            "Mor. Kjenner kriseplanen og kan være hos Mona eller passe Luna ved behov.",
        ),
        part(
            "Hilde Myhre",
            Role::NavAdvisor,
            "NAV Nordvik",
            Level::Nav,
            "900 00 404",
            "hilde.myhre@nav.example",
            "NAV-veileder. Sykepenger, avklaring av videre inntekt og eventuelt arbeidsavklaringspenger.",
        )
        .joins_at(2),
        part(
            "Ahmed Rahimi",
            Role::Other,
            "DPS Nordvik, døgnavdelingen",
            Level::SpecialistHealth,
            "900 00 405",
            "ahmed.rahimi@dps-nordvik.example",
            "Miljøterapeut og kontaktperson under innleggelsen. Deltar til fire uker etter utskrivning.",
        )
        .joins_at(3)
        .until(16),
    ],
    consents: &[
        consent(
            To::Organisation("Nordvik kommune, psykisk helsetjeneste"),
            ALL_SECTIONS,
            Signed,
            "Koordinator.",
            0,
        ),
        consent(To::Participant(2), ALL_SECTIONS, Signed, "Behandler ved DPS.", 0),
        consent(To::Participant(3), ALL_SECTIONS, Verbal, "", 0),
        consent(
            To::Participant(4),
            &[S::Goals(D::NetworkAndFamily), S::CrisisPlan],
            Verbal,
            "Mor skal kjenne kriseplanen og målet om familie. Ikke referat eller andre \
             helseopplysninger.",
            0,
        ),
        consent(
            To::Organisation("NAV Nordvik"),
            &[
                S::Goals(D::WorkAndActivity),
                S::Goals(D::Finances),
                S::Actions,
            ],
            Signed,
            "Bare studier/arbeid og økonomi.",
            2,
        ),
        consent(
            To::Participant(6),
            &[
                S::Goals(D::Health),
                S::Goals(D::NetworkAndFamily),
                S::Actions,
                S::CrisisPlan,
                S::Minutes,
            ],
            Verbal,
            "Gjelder til fire uker etter utskrivning.",
            3,
        ),
    ],
    goals: &[
        GoalSpec {
            domain: D::Health,
            own_words: "Jeg vil sove om natta og kjenne meg trygg i min egen leilighet.",
            professional: "Stabil søvn og ingen psykotiske symptomer; medisinering etter avtale med \
                DPS; lavere risiko for ny innleggelse.",
            from: 0,
            target: 120,
            ratings: &[6, 5, 3, 5],
            evals: &[
                "",
                "Sover bedre etter at Elin justerte medisinen.",
                "Sover 4–5 timer i eksamensperioden. Tettere oppfølging er avtalt.",
                "Innlagt i fem uker. Sover nå sju timer med medisin. Tett oppfølging etter utskrivning.",
            ],
            status: &[(0, InProgress)],
        },
        GoalSpec {
            domain: D::WorkAndActivity,
            own_words: "Jeg vil fullføre bachelorgraden min i biologi.",
            professional: "Tilrettelagt studieløp ved Høgskolen i Nordvik; redusert studiebelastning \
                og utsatt eksamen ved behov.",
            from: 0,
            target: 210,
            ratings: &[7, 7, 4, 3],
            evals: &[
                "",
                "Tilrettelagt eksamen er innvilget.",
                "Eksamenspress. Vurderer å utsette én eksamen.",
                "Eksamen er utsatt på grunn av innleggelsen. Målet settes på pause til våren.",
            ],
            status: &[(0, InProgress), (3, Paused)],
        },
        GoalSpec {
            domain: D::NetworkAndFamily,
            own_words: "Jeg vil at mamma skal vite hva hun kan gjøre når jeg blir dårlig, uten at \
                hun tar over.",
            professional: "Pårørendeinvolvering: mor kjenner kriseplanen og sin rolle i den.",
            from: 1,
            target: 90,
            ratings: &[5, 7, 6],
            evals: &[
                "",
                "Mor har fått kriseplanen og gått gjennom den med koordinator.",
                "Mor så de tidlige tegnene, men Mona opplevde det som kontroll. Rollen er gjort \
                 tydeligere i den nye kriseplanen.",
            ],
            status: &[(1, InProgress)],
        },
        GoalSpec {
            domain: D::Leisure,
            own_words: "Jeg vil gå tur med Luna hver dag.",
            professional: "Daglig fysisk aktivitet og struktur i hverdagen.",
            from: 0,
            target: 60,
            ratings: &[8, 7, 4, 6],
            evals: &[
                "",
                "Går tur hver dag.",
                "Færre turer de siste ukene.",
                "Mor har passet Luna under innleggelsen. Mona gleder seg til å gå turer igjen.",
            ],
            status: &[(0, InProgress)],
        },
        GoalSpec {
            domain: D::Finances,
            own_words: "Jeg vil ha råd til husleia mens jeg er syk.",
            professional: "Avklare sykepenger eller arbeidsavklaringspenger og studielån; søke bostøtte.",
            from: 2,
            target: 45,
            ratings: &[3, 4],
            evals: &[
                "",
                "Bostøtte er ikke søkt på grunn av innleggelsen. NAV avklarer inntekten.",
            ],
            status: &[(2, InProgress)],
        },
    ],
    actions: &[
        action(
            "Søke om tilrettelagt eksamen ved høgskolen",
            0,
            &[1],
            0,
            -130,
            Some((1, Done)),
        ),
        action(
            "Vurdere medisin for søvn og justere dosen",
            2,
            &[0],
            0,
            -126,
            Some((1, Done)),
        ),
        action(
            "Lage utkast til kriseplan sammen med Mona",
            1,
            &[0],
            0,
            -112,
            Some((1, Done)),
        ),
        action(
            "Avtale med naboen om å passe Luna ved behov",
            0,
            &[3],
            0,
            -119,
            Some((1, Done)),
        ),
        action(
            "Gå gjennom kriseplanen med mor",
            1,
            &[2],
            1,
            -91,
            Some((2, Done)),
        ),
        action(
            "Ta blodprøver og EKG i forbindelse med medisineringen",
            3,
            &[0],
            1,
            -84,
            Some((2, Done)),
        ),
        action(
            "Be studieveilederen om redusert studiebelastning",
            0,
            &[1],
            1,
            -91,
            Some((2, Cancelled)),
        ),
        action(
            "Ukentlige samtaler med koordinator i eksamensperioden",
            1,
            &[0],
            2,
            -28,
            Some((3, Cancelled)),
        ),
        action("Søke bostøtte", 0, &[4], 2, -35, None),
        action(
            "Avklare sykepenger og videre inntekt",
            5,
            &[4],
            2,
            -28,
            None,
        ),
        action(
            "Hjemmebesøk to ganger i uka de første fire ukene etter utskrivning",
            1,
            &[0],
            3,
            16,
            None,
        ),
        action(
            "Time hos fastlegen innen en uke etter utskrivning: epikrise, medisiner og sykmelding",
            3,
            &[0],
            3,
            -5,
            None,
        ),
        action(
            "Poliklinisk time ved DPS innen to uker etter utskrivning",
            2,
            &[0],
            3,
            2,
            None,
        ),
        action(
            "Gå gjennom den nye kriseplanen sammen med Mona, hjemme hos henne",
            4,
            &[2],
            3,
            -5,
            None,
        ),
        action(
            "Kontakte høgskolen om utsatt eksamen og permisjon",
            0,
            &[1],
            3,
            9,
            None,
        ),
    ],
    crisis: CrisisSpec {
        texts: &[
            (1, T::ZoneSigns(Green), "Jeg sover 7–8 timer, går tur med Luna, leser til eksamen og har lyst til å treffe folk."),
            (1, T::ZoneWhatIDo(Green), "Legger meg før midnatt. Tar medisinen om kvelden. Går tur hver dag."),
            (1, T::ZoneWhatOthersDo(Green), "Lars: samtale annenhver uke. Elin (DPS): time hver tredje uke."),
            (1, T::ZoneSigns(Yellow), "Sover mindre enn fem timer. Tankene går fort. Jeg blir mistenksom og trekker meg unna."),
            (1, T::ZoneWhatIDo(Yellow), "Sier fra til Lars eller Elin. Tar ekstra sovemedisin etter avtale."),
            (1, T::ZoneWhatOthersDo(Yellow), "Lars ringer samme uke. Elin tilbyr ekstra time."),
            (1, T::ZoneSigns(Red), "Jeg sover ikke, hører stemmer eller tror at noen følger etter meg."),
            (1, T::ZoneWhatIDo(Red), "Ringer mamma eller akutteamet."),
            (1, T::ZoneWhatOthersDo(Red), "Akutteamet vurderer innleggelse."),
            (1, T::CrisisTriggers, "Eksamen og frister. Lite søvn. Konflikter med naboen."),
            (1, T::CrisisHowIWantToBeMet, "Rolig, kort og tydelig. Ikke for mange mennesker på en gang."),
            (1, T::CrisisWhatDoesNotHelp, "Å bli diskutert med om hva som er virkelig når jeg er dårlig."),
            (1, T::CrisisTreatmentWishes, "Jeg ønsker DPS Nordvik og ikke sykehuset hvis det er mulig."),
            (1, T::CrisisPracticalMatters, "Luna må passes. Naboen kan ta henne noen dager."),
            (3, T::ZoneSigns(Yellow), "Sover under fem timer to netter på rad. Tankene går fort, og jeg begynner på mange ting uten å gjøre dem ferdig. Jeg slutter å svare på meldinger og går ikke på forelesning. Jeg blir mistenksom overfor naboen. Jeg glemmer medisinen."),
            (3, T::ZoneWhatIDo(Yellow), "Sier fra til Lars eller Elin samme dag. Tar kveldsmedisinen og ekstra sovemedisin etter avtale med Elin (høyst tre netter). Avlyser det som ikke er nødvendig. Lar mamma sove over hvis jeg vil."),
            (3, T::ZoneWhatOthersDo(Yellow), "Lars (koordinator): ringer samme dag og kommer på hjemmebesøk innen to dager. Elin (DPS): time innen en uke og vurderer medisinene. Mamma: spør rolig hvordan jeg sover, ikke om jeg tar medisinen. Fastlegen: sykmelding ved behov."),
            (3, T::ZoneSigns(Red), "Jeg har ikke sovet på to netter. Jeg hører stemmer eller er sikker på at noen følger med på meg. Jeg spiser lite og går ikke ut."),
            (3, T::ZoneWhatIDo(Red), "Ringer DPS døgnavdeling og ber om brukerstyrt innleggelse (inntil fem døgn). Klarer jeg ikke det, ringer jeg mamma eller akutteamet."),
            (3, T::ZoneWhatOthersDo(Red), "Mamma: ringer akutteamet og blir hos meg til de kommer. DPS akutteam: vurderer samme dag, helst ved hjemmebesøk. Lars: får beskjed neste virkedag og kaller inn gruppen innen en uke. Naboen eller mamma tar Luna."),
            (3, T::CrisisTriggers, "Eksamen og frister som hoper seg opp. Mindre enn fem timers søvn. Konflikter med naboen. Å slutte med medisinen fordi jeg føler meg frisk."),
            (3, T::CrisisHowIWantToBeMet, "Rolig, kort og tydelig. Én person snakker om gangen. Si hva som skal skje og hvorfor. Mamma kan være med hvis jeg vil."),
            (3, T::CrisisWhatDoesNotHelp, "Å bli diskutert med om hva som er virkelig. Mange nye folk. Å bli snakket om i tredjeperson når jeg er til stede."),
            (3, T::CrisisTreatmentWishes, "Brukerstyrt innleggelse på DPS Nordvik først. Jeg vil helst ha tabletter framfor sprøyte. Jeg ønsker ikke å bli lagt inn på sykehuset hvis det kan unngås."),
            (3, T::CrisisPracticalMatters, "Mamma tar Luna hvis jeg blir innlagt. Husleia går på avtalegiro. Lars gir beskjed til høgskolen hvis jeg må utsette eksamen."),
        ],
        contacts: &[
            (1, ["Thomas Aune", "Fastlege", "900 00 403", "Nordvik legesenter, hverdager 8–15"]),
            (1, ["DPS Nordvik akutteam", "Akutteam", "700 00 300", "Hele døgnet"]),
            (1, ["Gunn Prøvestad", "Mor", "400 00 302", "Mona har samtykket til at mor kontaktes"]),
            (1, ["Lars Eide", "Koordinator", "900 00 401", "Hverdager 8–15.30"]),
            (3, ["DPS Nordvik døgnavdeling", "Brukerstyrt innleggelse", "700 00 310", "Mona kan ringe selv og be om inntil fem døgn, uten henvisning"]),
        ],
        reviews: &[
            (1, "Mona Prøvestad og Lars Eide (koordinator)"),
            (
                3,
                "Mona Prøvestad, Elin Strand (DPS Nordvik), Ahmed Rahimi (døgnavdelingen) og Lars Eide (koordinator)",
            ),
        ],
        old_review: 0,
    },
    meetings: &[
        MeetingSpec {
            day: -147,
            place: "Nordvik helsehus, møterom 1",
            note_taker: 1,
            away: &[(3, SentApologies)],
            since: "Mona har vært innlagt én gang tidligere, for to år siden, etter en psykose i \
                forbindelse med eksamen. Hun har klart seg godt siden, men er redd for at det skal \
                skje igjen. Hun studerer biologi og bor alene med hunden Luna. Hun ønsker en plan der \
                alle vet hva de skal gjøre.",
            review: "Mona har skrevet målene sine selv. Søvn er viktigst for henne. Studiene og de \
                daglige turene gir struktur. Mor er med i møtet etter Monas ønske.",
            open_note: "",
            crisis: "Mona har ingen kriseplan i dag. Lars og Mona lager et utkast til neste møte.",
            forms: "Ingen lokale skjema i bruk.",
            agreements: "Mor er med i møtene når Mona ønsker det. Mona kan be om å snakke med Lars \
                alene før hvert møte.",
            mins: [3, 14, 20, 1, 6, 2, 8, 2, 1],
        },
        MeetingSpec {
            day: -105,
            place: "Nordvik helsehus, møterom 1",
            note_taker: 2,
            away: &[(3, SentApologies)],
            since: "Mona har fått tilrettelagt eksamen og går tur med Luna hver dag. Hun sover bedre \
                etter at Elin justerte medisinen. Hun vil at mamma skal vite hva hun kan gjøre, uten \
                at hun «tar over».",
            review: "Helse: bedre søvn. Studier: tilrettelegging er innvilget. Nytt mål om mor og \
                pårørenderollen.",
            open_note: "",
            crisis: "Kriseplanen er laget i møtet sammen med Mona. Mor ønsker en kopi; Mona vil gå \
                gjennom den med henne først, sammen med Lars.",
            forms: "Ingen.",
            agreements: "Mor får kriseplanen etter gjennomgangen med Lars.",
            mins: [2, 10, 15, 6, 22, 1, 7, 1, 1],
        },
        MeetingSpec {
            day: -56,
            place: "DPS Nordvik, poliklinikken",
            note_taker: 1,
            away: &[(4, SentApologies)],
            since: "Mona er i eksamensperiode og sover 4–5 timer. Hun føler seg presset, men sier at \
                hun har kontroll. Mor er bekymret og har ringt Lars. NAV er med for første gang fordi \
                Mona er sykmeldt fra deltidsjobben i butikk og trenger å avklare inntekten.",
            review: "Helse: søvnen er dårligere, og Elin tilbyr tettere oppfølging. Studier: Mona \
                vurderer å utsette én eksamen. Økonomi: nytt mål. NAV avklarer sykepenger.",
            open_note: "Studieveilederen ble ikke kontaktet; tilretteleggingen dekket behovet.",
            crisis: "Gjennomgått kort: Mona kjenner seg igjen i gul sone (lite søvn, tankene går \
                fort). Det avtales ukentlige samtaler med Lars i eksamensperioden.",
            forms: "Ingen.",
            agreements: "Mona sier fra til Lars eller Elin hvis hun sover under fem timer to netter \
                på rad.",
            mins: [3, 15, 20, 5, 10, 1, 9, 2, 1],
        },
        MeetingSpec {
            day: -12,
            place: "DPS Nordvik, døgnavdelingen, møterom 3",
            note_taker: 2,
            away: &[(5, SentApologies)],
            since: "Mona ble lagt inn på DPS Nordvik døgnavdeling for fem uker siden, etter flere \
                netter uten søvn og en psykotisk episode. Mor ringte akutteamet. Mona sier at hun er \
                takknemlig for at mor ringte, men at det føltes som om alle bestemte over henne. Hun \
                skrives ut om tre dager og gleder seg til å komme hjem til Luna.",
            review: "Helse: søvnen er stabil med medisin, og det har ikke vært psykotiske symptomer \
                de siste to ukene. Studier: eksamen er utsatt, og målet settes på pause. Familie: Mona \
                vil at mor skal ha en tydeligere og mer avgrenset rolle. Økonomi: bostøtte er ikke \
                søkt; NAV avklarer sykepenger.",
            open_note: "De ukentlige samtalene med Lars ble avbrutt av innleggelsen og erstattes av \
                tett oppfølging etter utskrivning. Søknaden om bostøtte er forsinket.",
            crisis: "Kriseplanen er revidert i møtet sammen med Mona, Elin, Ahmed og Lars, med \
                erfaringene fra innleggelsen. Nytt: brukerstyrt innleggelse ved DPS, tydeligere roller \
                for mor og hva som ikke hjelper. Gjennomgått og godkjent av Mona.",
            forms: "Epikrisen sendes fastlegen ved utskrivning.",
            agreements: "Tett oppfølging de første fire ukene. Ahmed deltar til fire uker etter \
                utskrivning. Mona kan ringe døgnavdelingen direkte og be om brukerstyrt innleggelse.",
            mins: [3, 18, 20, 6, 30, 3, 12, 2, 2],
        },
    ],
    interim: &[
        between(-133, PERSON, Event::Done(0)),
        between(-20, 5, Event::MoveDue(9, 10)),
        between(
            -11,
            1,
            Event::ConsentSections(
                3,
                &[
                    S::Goals(D::NetworkAndFamily),
                    S::Goals(D::Health),
                    S::CrisisPlan,
                    S::Minutes,
                ],
            ),
        ),
        between(-6, 3, Event::Done(11)),
        between(
            -4,
            PERSON,
            Event::Reword(
                0,
                "Jeg vil sove om natta, ta medisinene mine og kjenne meg trygg hjemme igjen.",
            ),
        ),
    ],
    next: (14, "Nordvik helsehus, møterom 1"),
    upcoming: true,
};

// ---------------------------------------------------------------------------------------------
// Playing a case through a session
// ---------------------------------------------------------------------------------------------

/// `days` from `today`; stays at `today` in the impossible case of leaving chrono's range.
fn rel(today: NaiveDate, days: i64) -> NaiveDate {
    let shifted = if days >= 0 {
        today.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        today.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    shifted.unwrap_or(today)
}

/// Moves a Saturday back to Friday and a Sunday on to Monday.
fn workday(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day.pred_opt().unwrap_or(day),
        Weekday::Sun => day.succ_opt().unwrap_or(day),
        _ => day,
    }
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN))
        .and_utc()
}

fn nb_date(day: NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}

fn nb_weekday(day: NaiveDate) -> &'static str {
    match day.weekday() {
        Weekday::Mon => "mandag",
        Weekday::Tue => "tirsdag",
        Weekday::Wed => "onsdag",
        Weekday::Thu => "torsdag",
        Weekday::Fri => "fredag",
        Weekday::Sat => "lørdag",
        Weekday::Sun => "søndag",
    }
}

/// "Ola" → "Olas", "Lars" → "Lars'".
fn genitive(name: &str) -> String {
    if name.ends_with(['s', 'x', 'z']) {
        format!("{name}'")
    } else {
        format!("{name}s")
    }
}

/// Ratings given in a meeting: the goal's own words and the value.
type Ratings = Vec<(String, u8)>;

struct Writer {
    spec: &'static CaseSpec,
    today: NaiveDate,
    s: Session,
    now: Clock,
    authors: Vec<Author>,
    pid: Vec<ParticipantId>,
    gid: Vec<GoalId>,
    aid: Vec<ActionId>,
    cid: Vec<ConsentId>,
    mid: Vec<MeetingId>,
    items: Vec<[AgendaItemId; 9]>,
    dates: Vec<NaiveDate>,
    next_event: usize,
}

impl Writer {
    fn new(spec: &'static CaseSpec, today: NaiveDate, s: Session, now: Clock) -> Self {
        let authors = spec
            .participants
            .iter()
            .map(|p| match p.role {
                Role::Person => Author::Person {
                    name: spec.person.name.to_string(),
                },
                _ => Author::Staff {
                    name: p.name.to_string(),
                    organisation: p.org.to_string(),
                },
            })
            .collect();
        Writer {
            spec,
            today,
            s,
            now,
            authors,
            pid: spec
                .participants
                .iter()
                .map(|_| ParticipantId::new())
                .collect(),
            gid: spec.goals.iter().map(|_| GoalId::new()).collect(),
            aid: spec.actions.iter().map(|_| ActionId::new()).collect(),
            cid: spec.consents.iter().map(|_| ConsentId::new()).collect(),
            mid: spec.meetings.iter().map(|_| MeetingId::new()).collect(),
            items: spec
                .meetings
                .iter()
                .map(|_| std::array::from_fn(|_| AgendaItemId::new()))
                .collect(),
            dates: spec
                .meetings
                .iter()
                .map(|m| workday(rel(today, m.day)))
                .collect(),
            next_event: 0,
        }
    }

    // --- time -------------------------------------------------------------------------------

    fn day(&self, days: i64) -> NaiveDate {
        rel(self.today, days)
    }

    fn clock(&self) -> DateTime<Utc> {
        self.now.now()
    }

    fn set_clock(&self, t: DateTime<Utc>) {
        self.now.set(t);
    }

    fn wait(&self, seconds: i64) {
        let t = self.clock() + TimeDelta::try_seconds(seconds).unwrap_or_default();
        self.set_clock(t);
    }

    // --- edits ------------------------------------------------------------------------------

    /// Applies one edit as participant `by`, then lets a little time pass.
    fn edit(&mut self, by: usize, edit: Edit) -> Result<(), StoreError> {
        let author = self.authors[by].clone();
        self.s.apply(edit, &author)?;
        self.wait(40);
        Ok(())
    }

    fn text(&mut self, by: usize, field: TextField, value: &str) -> Result<(), StoreError> {
        self.edit(
            by,
            Edit::SetText {
                field,
                value: value.to_string(),
            },
        )
    }

    fn date(&mut self, by: usize, field: DateField, value: NaiveDate) -> Result<(), StoreError> {
        self.edit(
            by,
            Edit::SetDate {
                field,
                value: Some(value),
            },
        )
    }

    // --- names ------------------------------------------------------------------------------

    fn name(&self, k: usize) -> &'static str {
        self.spec.participants[k].name
    }

    fn first_name(&self) -> &'static str {
        let name = self.spec.person.name;
        name.split(' ').next().unwrap_or(name)
    }

    /// "Name (Organisation)", as the minutes list people.
    fn label(&self, k: usize) -> String {
        let p = &self.spec.participants[k];
        match (p.role, p.org) {
            (Role::Person, _) => p.name.to_string(),
            (Role::Relative, "") => format!("{} (pårørende)", p.name),
            (_, "") => p.name.to_string(),
            (_, org) => format!("{} ({org})", p.name),
        }
    }

    fn active_at(&self, k: usize, i: usize) -> bool {
        let p = &self.spec.participants[k];
        p.from <= i && p.to.is_none_or(|to| self.day(to) >= self.dates[i])
    }

    // --- the case ---------------------------------------------------------------------------

    fn run(mut self) -> Result<(), StoreError> {
        self.setup()?;
        for i in 0..self.spec.meetings.len() {
            self.meeting(i)?;
        }
        let tomorrow = self.day(1);
        self.interim_until(tomorrow)
    }

    /// The coordinator registers the person and the plan about a week before the first meeting.
    fn setup(&mut self) -> Result<(), StoreError> {
        let spec = self.spec;
        let c = spec.coordinator;
        let start = self.dates[0];
        let setup_day = workday(rel(start, -8));
        self.set_clock(at(setup_day, 11, 0));

        let p = &spec.person;
        self.text(c, T::PersonName, p.name)?;
        let (y, m, d) = p.birth;
        if let Some(birth) = NaiveDate::from_ymd_opt(y, m, d) {
            self.date(c, DateField::PersonBirthDate, birth)?;
        }
        self.text(c, T::PersonPhone, p.phone)?;
        self.text(c, T::PersonEmail, p.email)?;
        self.text(c, T::PersonAddress, p.address)?;
        if !p.national_id.is_empty() {
            self.text(c, T::PersonNationalId, p.national_id)?;
        }

        self.date(c, DateField::PlanStart, start)?;
        self.date(c, DateField::PlanEnd, rel(start, 365))?;
        self.date(c, DateField::PlanRevision, rel(start, 182))?;

        for k in 0..spec.participants.len() {
            if spec.participants[k].from == 0 {
                self.add_participant(k, start)?;
            }
        }
        self.edit(
            c,
            Edit::SetCoordinator {
                participant: Some(self.pid[c]),
            },
        )?;
        self.text(c, T::PlanResources, spec.plan.resources)?;
        self.text(c, T::PlanNeeds, spec.plan.needs)?;
        self.text(c, T::PlanImplementation, spec.plan.implementation)?;
        self.text(c, T::PlanCooperation, spec.plan.cooperation)?;

        let old_review = self.day(spec.crisis.old_review);
        self.crisis(SETUP, old_review)
    }

    fn add_participant(&mut self, k: usize, from: NaiveDate) -> Result<(), StoreError> {
        let p = &self.spec.participants[k];
        let participant = Participant {
            id: self.pid[k],
            name: p.name.into(),
            role: p.role,
            organisation: p.org.into(),
            level: p.level,
            phone: p.phone.into(),
            email: p.email.into(),
            contributes: p.contributes.into(),
            active_from: Some(from),
            active_to: p.to.map(|d| self.day(d)),
        };
        let index = self.s.case().participants.len();
        self.edit(
            self.spec.coordinator,
            Edit::InsertParticipant { index, participant },
        )
    }

    /// Writes the crisis-plan content that belongs to `at` (a meeting or [`SETUP`]).
    fn crisis(&mut self, at: usize, reviewed: NaiveDate) -> Result<(), StoreError> {
        let spec = &self.spec.crisis;
        let c = self.spec.coordinator;
        for (_, field, text) in spec.texts.iter().filter(|t| t.0 == at) {
            // In a meeting the person writes their own parts; carried-over text is entered
            // by the coordinator.
            let by = match field {
                T::ZoneWhatIDo(_) | T::CrisisHowIWantToBeMet | T::CrisisTreatmentWishes
                    if at != SETUP =>
                {
                    PERSON
                }
                _ => c,
            };
            self.text(by, field.clone(), text)?;
        }
        for (_, [name, role, phone, note]) in spec.contacts.iter().filter(|t| t.0 == at) {
            let contact = Contact {
                id: ContactId::new(),
                name: (*name).into(),
                role: (*role).into(),
                phone: (*phone).into(),
                note: (*note).into(),
            };
            let index = self.s.case().crisis_plan.contacts.len();
            self.edit(c, Edit::InsertContact { index, contact })?;
        }
        for (_, by) in spec.reviews.iter().filter(|t| t.0 == at) {
            self.date(c, DateField::CrisisPlanReviewed, reviewed)?;
            self.text(c, T::CrisisReviewedBy, by)?;
        }
        Ok(())
    }

    /// Plays the edits that happen between meetings, up to (not including) `before`.
    fn interim_until(&mut self, before: NaiveDate) -> Result<(), StoreError> {
        while let Some(ev) = self.spec.interim.get(self.next_event) {
            let day = self.day(ev.day);
            if day >= before {
                break;
            }
            self.set_clock(at(day, 13, 0));
            let edit = match ev.event {
                Event::Done(a) => Edit::SetActionStatus {
                    id: self.aid[a],
                    status: ActionStatus::Done,
                },
                Event::MoveDue(a, due) => Edit::SetDate {
                    field: DateField::ActionDue(self.aid[a]),
                    value: Some(self.day(due)),
                },
                Event::Reword(g, words) => Edit::SetText {
                    field: T::GoalOwnWords(self.gid[g]),
                    value: words.into(),
                },
                Event::ConsentSections(k, sections) => Edit::SetConsentSections {
                    id: self.cid[k],
                    sections: sections.to_vec(),
                },
            };
            self.edit(ev.by, edit)?;
            self.next_event += 1;
        }
        Ok(())
    }

    /// Writes an agenda item's minutes and time, and moves the clock to the item's end.
    fn finish_item(
        &mut self,
        i: usize,
        item: usize,
        minutes: &str,
        started: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let ms = &self.spec.meetings[i];
        let (meeting, id) = (self.mid[i], self.items[i][item]);
        self.text(
            ms.note_taker,
            T::AgendaItemMinutes(meeting, id),
            minutes.trim(),
        )?;
        let seconds = ms.mins[item] * 60;
        self.edit(
            ms.note_taker,
            Edit::SetAgendaItemTime {
                meeting,
                id,
                seconds,
            },
        )?;
        let end = started + TimeDelta::try_seconds(seconds.into()).unwrap_or_default();
        if self.clock() < end {
            self.set_clock(end);
        }
        Ok(())
    }

    fn link(
        &mut self,
        i: usize,
        item: usize,
        goals: Vec<GoalId>,
        actions: Vec<ActionId>,
    ) -> Result<(), StoreError> {
        let edit = Edit::SetAgendaItemLinks {
            meeting: self.mid[i],
            id: self.items[i][item],
            goals,
            actions,
        };
        self.edit(self.spec.meetings[i].note_taker, edit)
    }

    /// One meeting, item by item, as it would be written during the meeting.
    fn meeting(&mut self, i: usize) -> Result<(), StoreError> {
        let spec = self.spec;
        let ms = &spec.meetings[i];
        let date = self.dates[i];
        let c = spec.coordinator;
        let nt = ms.note_taker;
        let mid = self.mid[i];
        let last = i + 1 == spec.meetings.len();

        self.interim_until(date)?;

        // New members are added just before the meeting.
        self.set_clock(at(date, 8, 40));
        let joining: Vec<usize> = (0..spec.participants.len())
            .filter(|&k| i > 0 && spec.participants[k].from == i)
            .collect();
        for &k in &joining {
            self.add_participant(k, date)?;
        }

        self.set_clock(at(date, 9, 0));
        let attendance: BTreeMap<ParticipantId, Attendance> = (0..spec.participants.len())
            .filter(|&k| self.active_at(k, i))
            .map(|k| {
                let a = ms
                    .away
                    .iter()
                    .find(|(who, _)| *who == k)
                    .map_or(Attendance::Present, |(_, a)| *a);
                (self.pid[k], a)
            })
            .collect();
        let agenda = AGENDA
            .iter()
            .zip(self.items[i])
            .map(|(title, id)| AgendaItem {
                id,
                title: (*title).into(),
                ..AgendaItem::default()
            })
            .collect();
        let meeting = Meeting {
            id: mid,
            starts_at: at(date, 9, 0),
            place: ms.place.into(),
            chair: Some(self.pid[c]),
            note_taker: Some(self.pid[nt]),
            attendance: attendance.clone(),
            agenda,
            ..Meeting::default()
        };
        let index = self.s.case().meetings.len();
        self.edit(c, Edit::InsertMeeting { index, meeting })?;

        // Welcome and who is present.
        let started = self.clock();
        if i > 0 {
            let approval = Approval {
                on: date,
                by: format!("{} og {}", spec.person.name, self.name(c)),
            };
            self.edit(
                c,
                Edit::SetMeetingApproval {
                    meeting: self.mid[i - 1],
                    approval: Some(approval),
                },
            )?;
        }
        let mut consented = Vec::new();
        for (k, cs) in spec
            .consents
            .iter()
            .enumerate()
            .filter(|(_, cs)| cs.at == i)
        {
            let recipient = match cs.to {
                To::Participant(p) => {
                    consented.push(self.name(p).to_string());
                    ConsentRecipient::Participant(self.pid[p])
                }
                To::Organisation(org) => {
                    consented.push(org.to_string());
                    ConsentRecipient::Organisation(org.into())
                }
            };
            let consent = Consent {
                id: self.cid[k],
                recipient,
                sections: cs.sections.to_vec(),
                given: Some(date),
                withdrawn: None,
                method: cs.method,
                note: cs.note.into(),
            };
            let index = self.s.case().consents.len();
            self.edit(c, Edit::InsertConsent { index, consent })?;
        }
        let welcome = self.welcome_text(i, &attendance, &joining, &consented);
        self.finish_item(i, WELCOME, &welcome, started)?;

        // Since last time, in the person's own words.
        let started = self.clock();
        if i == 0 {
            self.text(PERSON, T::PlanMainGoal, spec.plan.main_goal)?;
        }
        self.finish_item(i, SINCE, ms.since, started)?;

        // Goals: new goals, the person's ratings, evaluations and status.
        let started = self.clock();
        let (goals, rated) = self.review_goals(i)?;
        let mut review = ms.review.to_string();
        if !rated.is_empty() {
            review.push_str(&format!(
                "\n\n{} egen vurdering (1–10):",
                genitive(self.first_name())
            ));
            for (words, value) in rated {
                review.push_str(&format!("\n– «{words}» {value}"));
            }
        }
        self.finish_item(i, REVIEW, &review, started)?;
        self.link(i, REVIEW, goals, Vec::new())?;

        // Open actions from earlier meetings.
        let started = self.clock();
        let (followed, text) = self.follow_up_actions(i)?;
        self.finish_item(i, OPEN_ACTIONS, &text, started)?;
        if !followed.is_empty() {
            self.link(i, OPEN_ACTIONS, Vec::new(), followed)?;
        }

        // Crisis plan.
        let started = self.clock();
        self.crisis(i, date)?;
        self.finish_item(i, CRISIS, ms.crisis, started)?;

        // Local forms.
        let started = self.clock();
        self.finish_item(i, FORMS, ms.forms, started)?;

        // Agreements: who does what by when.
        let started = self.clock();
        let (goals, actions, text) = self.agree_actions(i)?;
        self.finish_item(i, AGREEMENTS, &text, started)?;
        if !actions.is_empty() {
            self.link(i, AGREEMENTS, goals, actions)?;
        }

        // Next meeting.
        let started = self.clock();
        let (next_day, next_place) = match spec.meetings.get(i + 1) {
            Some(next) => (self.dates[i + 1], next.place),
            None => (workday(self.day(spec.next.0)), spec.next.1),
        };
        self.edit(
            c,
            Edit::SetNextMeeting {
                id: mid,
                at: Some(at(next_day, 9, 0)),
            },
        )?;
        let text = format!(
            "Neste møte: {} {}, {next_place}.",
            nb_weekday(next_day),
            nb_date(next_day)
        );
        self.finish_item(i, NEXT, &text, started)?;

        // Who receives the minutes: the person, and whoever the person has consented to.
        let started = self.clock();
        let (to, not_to) = self.minutes_recipients(i);
        self.edit(
            c,
            Edit::SetMinutesRecipients {
                meeting: mid,
                recipients: to.iter().map(|&k| self.pid[k]).collect(),
            },
        )?;
        let names = |ks: &[usize]| {
            ks.iter()
                .map(|&k| self.name(k))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut text = format!("Referatet sendes til: {}.", names(&to));
        if !not_to.is_empty() {
            text.push_str(&format!(
                "\nFår ikke referatet (ikke samtykke til det): {}.",
                names(&not_to)
            ));
        }
        self.finish_item(i, RECIPIENTS, &text, started)?;

        self.text(nt, T::MeetingAgreements(mid), ms.agreements)?;
        self.edit(
            c,
            Edit::SetMeetingEnded {
                meeting: mid,
                ended: true,
            },
        )?;

        if last && spec.upcoming {
            self.wait(20 * 60);
            self.plan_meeting(next_day, next_place)?;
        }
        Ok(())
    }

    fn welcome_text(
        &self,
        i: usize,
        attendance: &BTreeMap<ParticipantId, Attendance>,
        joining: &[usize],
        consented: &[String],
    ) -> String {
        let spec = self.spec;
        let with = |wanted: Attendance| {
            (0..spec.participants.len())
                .filter(|&k| attendance.get(&self.pid[k]) == Some(&wanted))
                .map(|k| self.label(k))
                .collect::<Vec<_>>()
        };
        let mut lines = vec![format!(
            "Til stede: {}.",
            with(Attendance::Present).join(", ")
        )];
        let apologies = with(SentApologies);
        if !apologies.is_empty() {
            lines.push(format!("Meldt forfall: {}.", apologies.join(", ")));
        }
        let absent = with(Absent);
        if !absent.is_empty() {
            lines.push(format!("Ikke møtt: {}.", absent.join(", ")));
        }
        let ms = &spec.meetings[i];
        lines.push(format!(
            "Møteleder: {}. Referent: {}.",
            self.name(spec.coordinator),
            self.name(ms.note_taker)
        ));
        if i == 0 {
            lines.push(format!(
                "Oppstartsmøte for individuell plan. {} har selv valgt hvem som skal være med i \
                 ansvarsgruppen.",
                self.first_name()
            ));
        } else {
            lines.push("Referatet fra forrige møte ble godkjent.".into());
        }
        for &k in joining {
            lines.push(format!("Ny i gruppen: {}.", self.label(k)));
        }
        if !consented.is_empty() {
            lines.push(format!(
                "Samtykke gjennomgått og registrert for: {}.",
                consented.join("; ")
            ));
        }
        lines.join("\n")
    }

    /// Returns the goals reviewed and the ratings given (the goal's own words, value).
    fn review_goals(&mut self, i: usize) -> Result<(Vec<GoalId>, Ratings), StoreError> {
        let spec = self.spec;
        let date = self.dates[i];
        let nt = spec.meetings[i].note_taker;
        let mut reviewed = Vec::new();
        let mut rated = Vec::new();
        for (k, g) in spec.goals.iter().enumerate() {
            if g.from > i {
                continue;
            }
            let id = self.gid[k];
            if g.from == i {
                let goal = Goal {
                    id,
                    domain: g.domain,
                    own_words: g.own_words.into(),
                    expressed_by_person: true,
                    target_date: Some(self.day(g.target)),
                    ..Goal::default()
                };
                let index = self.s.case().goals.len();
                self.edit(PERSON, Edit::InsertGoal { index, goal })?;
                self.text(
                    spec.coordinator,
                    T::GoalProfessionalWording(id),
                    g.professional,
                )?;
            }
            let n = i - g.from;
            if let Some(&value) = g.ratings.get(n) {
                let index = self.s.case().goal(id).map_or(0, |g| g.ratings.len());
                self.edit(
                    PERSON,
                    Edit::InsertRating {
                        goal: id,
                        index,
                        rating: Rating { date, value },
                    },
                )?;
                let words = self
                    .s
                    .case()
                    .goal(id)
                    .map(|g| g.own_words.clone())
                    .unwrap_or_default();
                rated.push((words, value));
            }
            if let Some(text) = g.evals.get(n).filter(|t| !t.is_empty()) {
                let index = self.s.case().goal(id).map_or(0, |g| g.evaluations.len());
                let evaluation = Evaluation {
                    id: EvaluationId::new(),
                    date,
                    meeting: Some(self.mid[i]),
                    text: (*text).into(),
                };
                self.edit(
                    nt,
                    Edit::InsertEvaluation {
                        goal: id,
                        index,
                        evaluation,
                    },
                )?;
            }
            for (_, status) in g.status.iter().filter(|(m, _)| *m == i) {
                self.edit(
                    nt,
                    Edit::SetGoalStatus {
                        id,
                        status: *status,
                    },
                )?;
            }
            reviewed.push(id);
        }
        Ok((reviewed, rated))
    }

    /// Follows up the actions from earlier meetings that were open, or that were closed since.
    fn follow_up_actions(&mut self, i: usize) -> Result<(Vec<ActionId>, String), StoreError> {
        let spec = self.spec;
        let date = self.dates[i];
        let nt = spec.meetings[i].note_taker;
        let mut followed = Vec::new();
        let mut lines = Vec::new();
        for (k, a) in spec.actions.iter().enumerate() {
            if a.agreed >= i {
                continue;
            }
            let id = self.aid[k];
            let Some(current) = self.s.case().action(id).map(|x| x.status) else {
                continue;
            };
            let result = a.result.filter(|(m, _)| *m == i).map(|(_, s)| s);
            if current != ActionStatus::Open && result.is_none() {
                continue;
            }
            if let Some(status) = result
                && status != current
            {
                self.edit(nt, Edit::SetActionStatus { id, status })?;
            }
            self.edit(
                nt,
                Edit::SetActionFollowedUp {
                    id,
                    meeting: Some(self.mid[i]),
                },
            )?;
            let due = self.s.case().action(id).and_then(|x| x.due);
            let how = match (result.unwrap_or(current), due) {
                (ActionStatus::Done, _) => "utført.".to_string(),
                (ActionStatus::Cancelled, _) => "avsluttet uten å bli gjennomført.".to_string(),
                (ActionStatus::Open, Some(due)) if due < date => {
                    format!("ikke gjort ennå; fristen {} er passert.", nb_date(due))
                }
                (ActionStatus::Open, Some(due)) => format!("pågår, frist {}.", nb_date(due)),
                (ActionStatus::Open, None) => "pågår.".to_string(),
            };
            lines.push(format!("– {} ({}): {how}", a.what, self.name(a.who)));
            followed.push(id);
        }
        let mut text = if lines.is_empty() {
            if i == 0 {
                "Første møte; ingen tiltak fra før.".to_string()
            } else {
                "Ingen åpne tiltak.".to_string()
            }
        } else {
            format!("Fulgt opp fra tidligere møter:\n{}", lines.join("\n"))
        };
        let note = spec.meetings[i].open_note;
        if !note.is_empty() {
            text.push_str("\n\n");
            text.push_str(note);
        }
        Ok((followed, text))
    }

    /// Inserts the actions agreed in meeting `i`.
    fn agree_actions(
        &mut self,
        i: usize,
    ) -> Result<(Vec<GoalId>, Vec<ActionId>, String), StoreError> {
        let spec = self.spec;
        let nt = spec.meetings[i].note_taker;
        let mut goals = Vec::new();
        let mut actions = Vec::new();
        let mut lines = Vec::new();
        for (k, a) in spec.actions.iter().enumerate() {
            if a.agreed != i {
                continue;
            }
            let due = self.day(a.due);
            let action = Action {
                id: self.aid[k],
                what: a.what.into(),
                responsible: Some(self.pid[a.who]),
                due: Some(due),
                status: ActionStatus::Open,
                goals: a.goals.iter().map(|&g| self.gid[g]).collect(),
                agreed_in: Some(self.mid[i]),
                followed_up_in: None,
            };
            for g in &action.goals {
                if !goals.contains(g) {
                    goals.push(*g);
                }
            }
            let index = self.s.case().actions.len();
            self.edit(nt, Edit::InsertAction { index, action })?;
            lines.push(format!(
                "– {}: {}. Frist {}.",
                self.name(a.who),
                a.what,
                nb_date(due)
            ));
            actions.push(self.aid[k]);
        }
        let text = if lines.is_empty() {
            "Ingen nye tiltak.".to_string()
        } else {
            format!("Nye tiltak:\n{}", lines.join("\n"))
        };
        Ok((goals, actions, text))
    }

    /// Active participants who get the minutes, and those who do not.
    fn minutes_recipients(&self, i: usize) -> (Vec<usize>, Vec<usize>) {
        let case = self.s.case();
        (0..self.spec.participants.len())
            .filter(|&k| self.active_at(k, i))
            .partition(|&k| {
                let p = &self.spec.participants[k];
                p.role == Role::Person
                    || case.consents.iter().any(|c| {
                        c.withdrawn.is_none()
                            && c.sections.contains(&Section::Minutes)
                            && match &c.recipient {
                                ConsentRecipient::Participant(id) => *id == self.pid[k],
                                ConsentRecipient::Organisation(org) => org == p.org,
                            }
                    })
            })
    }

    /// The coordinator sets up the next meeting with the standard agenda.
    fn plan_meeting(&mut self, day: NaiveDate, place: &str) -> Result<(), StoreError> {
        let c = self.spec.coordinator;
        let meeting = Meeting {
            id: MeetingId::new(),
            starts_at: at(day, 9, 0),
            place: place.into(),
            chair: Some(self.pid[c]),
            agenda: AGENDA
                .iter()
                .map(|title| AgendaItem {
                    id: AgendaItemId::new(),
                    title: (*title).into(),
                    ..AgendaItem::default()
                })
                .collect(),
            ..Meeting::default()
        };
        let index = self.s.case().meetings.len();
        self.edit(c, Edit::InsertMeeting { index, meeting })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Case;

    fn demo_store() -> (tempfile::TempDir, Arc<Store>) {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(dir.path().join("demo.redb")).unwrap());
        (dir, store)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn demo_cases_are_complete_and_have_real_history() {
        let (_dir, store) = demo_store();
        let today = today();
        let ids = write_demo(&store, today).unwrap();
        assert_eq!(ids.len(), 3);

        let mut any_overdue = false;
        let mut old_crisis_plan = false;
        let mut all_text = String::new();
        for &id in &ids {
            let case: Case = store.load_case(id).unwrap();
            let who = &case.person.name;
            assert!(!who.is_empty());
            assert!(case.person.birth_date.is_some(), "{who}");
            assert!(case.coordinator().is_some(), "{who}");
            assert!(!case.plan.main_goal.is_empty(), "{who}");
            assert!((4..=7).contains(&case.participants.len()), "{who}");
            assert!(
                case.participants.iter().any(|p| p.role == Role::Person),
                "{who}"
            );

            assert!(case.goals.len() >= 4, "{who}");
            for g in &case.goals {
                assert!(!g.own_words.is_empty(), "{who}");
                assert!(!g.ratings.is_empty() && g.ratings.len() <= 10, "{who}");
                assert!(g.ratings.iter().all(|r| (1..=10).contains(&r.value)));
            }
            assert!(case.actions.len() >= 6, "{who}");
            assert!(case.actions.iter().any(|a| a.status == ActionStatus::Done));
            assert!(case.actions.iter().any(|a| a.status == ActionStatus::Open));
            assert!(
                case.actions
                    .iter()
                    .any(|a| a.status == ActionStatus::Cancelled)
            );
            any_overdue |= case.actions.iter().any(|a| a.is_overdue(today));

            let mut ended: Vec<_> = case.meetings.iter().filter(|m| m.ended).collect();
            assert!(ended.len() >= 3, "{who}");
            ended.sort_by_key(|m| m.starts_at);
            let (latest, earlier) = ended.split_last().unwrap();
            assert!(latest.approved.is_none(), "{who}");
            assert!(earlier.iter().all(|m| m.approved.is_some()), "{who}");
            assert!(latest.next_meeting.unwrap().date_naive() > today, "{who}");
            assert!(case.next_meeting().unwrap().date_naive() > today, "{who}");
            for m in &ended {
                assert_eq!(m.agenda.len(), AGENDA.len());
                assert!(
                    m.agenda
                        .iter()
                        .all(|a| !a.minutes.is_empty() && a.seconds_spent > 0)
                );
                assert!(!m.minutes_recipients.is_empty());
                assert!(m.starts_at.date_naive() < today);
            }

            let cp = &case.crisis_plan;
            assert!(cp.contacts.len() >= 3, "{who}");
            assert!(cp.contacts.iter().all(|c| !c.phone.is_empty()), "{who}");
            assert!(!cp.red.signs.is_empty() && !cp.yellow.what_others_do.is_empty());
            let reviewed = cp.reviewed_on.unwrap();
            old_crisis_plan |= reviewed < today - Days::new(183);
            assert!(!case.consents.is_empty(), "{who}");

            let log = store.log(id).unwrap();
            assert!(log.len() >= 100, "{who}: only {} log entries", log.len());
            assert!(
                log.iter()
                    .any(|e| matches!(e.author, Author::Person { .. })),
                "{who}"
            );
            assert!(
                log.windows(2).all(|w| w[0].at <= w[1].at),
                "{who}: the log goes back in time"
            );
            assert!(log.last().unwrap().at.date_naive() <= today);

            all_text.push_str(&serde_json::to_string(&case).unwrap());
        }
        assert!(any_overdue);
        assert!(old_crisis_plan);
        for ch in ['æ', 'ø', 'å'] {
            assert!(all_text.contains(ch), "no {ch} in the demo");
        }
    }

    #[test]
    fn demo_can_be_written_twice() {
        let (_dir, store) = demo_store();
        let first = write_demo(&store, today()).unwrap();
        let second = write_demo(&store, today()).unwrap();
        assert_eq!(store.list_cases().unwrap().len(), 6);
        assert!(first.iter().all(|id| !second.contains(id)));
    }
}
