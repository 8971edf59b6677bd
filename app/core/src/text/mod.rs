//! The text catalogue: every string a user reads (the window, messages, the command line,
//! documents, the history), in bokmål and English, in one place. [`labels`] names the model's
//! enums through it; [`describe`] turns log entries into sentences with it.

pub mod describe;
pub mod labels;

use crate::i18n::Lang;

macro_rules! strings {
    ($($key:ident => $nb:expr, $en:expr;)*) => {
        /// A user-interface string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum S { $($key),* }

        impl S {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((S::$key, Lang::Nb) => $nb, (S::$key, Lang::En) => $en,)*
                }
            }

            /// Every entry, for the catalogue's own checks.
            pub const ALL: &[S] = &[$(S::$key),*];
        }
    };
}

impl S {
    /// The entry with each `{}` replaced by the next of `args`, in order.
    pub fn fill(self, lang: Lang, args: &[&str]) -> String {
        let mut out = String::new();
        let mut args = args.iter();
        let mut parts = self.get(lang).split("{}");
        if let Some(first) = parts.next() {
            out.push_str(first);
        }
        for part in parts {
            out.push_str(args.next().copied().unwrap_or(""));
            out.push_str(part);
        }
        out
    }
}

strings! {
    // The coordinator's week
    WeekTitle => "Uka", "The week";
    WeekNothingDue => "Ingenting forfaller i sakene nå.", "Nothing is due in the cases now.";
    WeekUnknown => "{} saker er ikke med: oversikten over dem er fra en eldre versjon. De kommer med neste gang appen åpner filen.", "{} cases are not included: their index is from an older version. They are included the next time the app opens the file.";
    WeekMeetings => "Møter de neste 14 dagene", "Meetings in the next 14 days";
    WeekOverdueActions => "Tiltak over fristen", "Overdue actions";
    WeekPlans => "Planer som skal revideres eller går ut", "Plans to revise or ending";
    WeekCrisisPlans => "Kriseplaner ikke gjennomgått på seks måneder", "Crisis plans not reviewed for six months";
    WeekConsents => "Samtykker som snart går ut", "Consents about to lapse";
    WeekGoals => "Mål ikke evaluert på de to siste møtene", "Goals not evaluated at the last two meetings";
    WeekMeetingAt => "møte {}", "meeting {}";
    WeekNobody => "ingen ansvarlig", "nobody responsible";
    WeekActionLate => "{}: {} (frist {}, {} dager over)", "{}: {} (due {}, {} days late)";
    WeekActionLateOneDay => "{}: {} (frist {}, én dag over)", "{}: {} (due {}, one day late)";
    WeekRevisionPassed => "revisjonsdato {} er passert", "revision date {} has passed";
    WeekPeriodEnds => "planperioden slutter {}", "the plan period ends {}";
    WeekPeriodEnded => "planperioden sluttet {}", "the plan period ended {}";
    WeekCrisisReviewed => "kriseplanen sist gjennomgått {}", "crisis plan last reviewed {}";
    WeekCrisisNeverReviewed => "kriseplanen er aldri gjennomgått", "crisis plan never reviewed";
    WeekConsentWithdrawn => "samtykket til {} trekkes tilbake {}", "the consent to {} is withdrawn on {}";
    WeekConsentRenewal => "samtykket til {} gitt {} skal fornyes innen {}", "the consent to {} given {} is to be renewed by {}";
    WeekGoalNotEvaluated => "målet «{}»", "the goal “{}”";
    WeekOpensAt => "Åpne saken der dette gjøres", "Open the case where this is done";
    CliColumnCase => "sak", "case";
    CliColumnDue => "forfaller", "due";

    // Navigation and the top bar
    Cases => "Saker", "Cases";
    NewCase => "Ny sak", "New case";
    AllCases => "Alle saker", "All cases";
    OpenCase => "Åpne saken", "Open the case";
    Search => "Søk", "Search";
    SearchHint => "navn, koordinator eller møtedato", "name, coordinator or meeting date";
    CasesShown => "saker", "cases";
    NoCasesYet => "Ingen saker ennå. Opprett en ny sak, eller legg inn tre demosaker med fiktive personer for å prøve Ansvar.", "No cases yet. Create a new case, or add three demo cases with fictional people to try Ansvar.";
    AddDemoCases => "Legg inn demosaker", "Add demo cases";
    Undo => "Angre", "Undo";
    Redo => "Gjør om", "Redo";
    NothingToUndo => "Ingenting å angre.", "Nothing to undo.";
    NothingToRedo => "Ingenting å gjøre om.", "Nothing to redo.";
    Undone => "angret", "undone";
    Redone => "gjort om", "redone";
    Presentation => "Presentasjon", "Presentation";
    LeavePresentation => "Avslutt presentasjon", "Leave presentation";
    Curtain => "Skjul skjermen", "Blank the screen";
    ShowScreen => "Vis skjermen igjen", "Show the screen again";
    PersonMode => "Personens egen visning", "The person's own view";
    LeavePersonMode => "Tilbake til full visning", "Back to the full view";
    Plugins => "Utvidelser", "Plugins";
    OtherLanguage => "English", "Norsk";
    Help => "Hjelp (F1)", "Help (F1)";
    Dismiss => "Lukk", "Dismiss";
    Close => "Lukk", "Close";
    Cancel => "Avbryt", "Cancel";
    Settings => "Du og denne maskinen", "You and this computer";
    SettingsUserHelp => "Endringer du gjør, logges med navnet ditt.", "Changes you make are logged with your name.";
    YourName => "Ditt navn", "Your name";
    SaveUser => "Lagre navn", "Save name";
    IdleLockAfter => "Skjul skjermen etter inaktivitet", "Hide the screen when idle for";
    Change => "Endre", "Change";
    SaveNationalId => "Lagre fødselsnummer", "Save national ID";
    NationalIdHint => "11 siffer", "11 digits";
    BadNationalId => "Fødselsnummeret må ha 11 siffer med riktige kontrollsiffer. Sjekk tallene og prøv igjen.", "A national ID has 11 digits with valid check digits. Check the number and try again.";
    Remove => "Fjern", "Remove";
    Details => "Detaljer", "Details";
    Nothing => "ingenting", "nothing";
    Everyone => "alle", "everyone";
    NoneChosen => "ikke valgt", "not chosen";
    Yes => "Ja", "Yes";
    No => "Nei", "No";
    DateHint => "dd.mm.åååå", "dd.mm.yyyy";
    BadDate => "Ugyldig dato", "Not a valid date";
    NotShared => "Ikke delt i dette møtet", "Not shared in this meeting";
    GroupCase => "Saken", "The case";
    GroupView => "Skjermen", "The screen";
    GroupApp => "Programmet", "The app";
    NotMarked => "Ikke registrert", "Not marked";
    AttendanceCycle => "Klikk for å bytte: til stede → meldt forfall → fraværende → ikke registrert", "Click to change: present → sent apologies → absent → not marked";
    OverdueActions => "Forfalte tiltak", "Overdue actions";
    SortedAscending => "sortert stigende", "sorted ascending";
    SortedDescending => "sortert synkende", "sorted descending";
    SortBy => "Klikk for å sortere", "Click to sort";
    ChartDate => "{}.{}.{}", "{}/{}/{}";

    // Tabs
    TabOverview => "Oversikt", "Overview";
    TabMeeting => "Møte", "Meeting";
    TabGoals => "Mål", "Goals";
    TabCrisisPlan => "Kriseplan", "Crisis plan";
    TabActions => "Tiltak", "Actions";
    TabForms => "Skjema", "Forms";
    TabParticipants => "Deltakere og samtykke", "Participants & consent";
    TabHistory => "Historikk", "History";

    // Overview
    ThePerson => "Personen", "The person";
    Name => "Navn", "Name";
    BirthDate => "Fødselsdato", "Birth date";
    Phone => "Telefon", "Phone";
    Address => "Adresse", "Address";
    NationalId => "Fødselsnummer", "National ID";
    ThePlan => "Individuell plan", "Individual plan";
    MainGoal => "Hovedmål", "Main goal";
    MainGoalHelp => "Med personens egne ord.", "In the person's own words.";
    PlanStart => "Planperiode fra", "Plan period from";
    PlanEnd => "til", "to";
    Revision => "Revideres", "Revised on";
    Coordinator => "Koordinator", "Coordinator";
    Resources => "Ressurser", "Resources";
    Needs => "Behov for tjenester", "Needs for services";
    Implementation => "Hvordan tiltakene gjennomføres", "How the actions are carried out";
    Cooperation => "Samarbeid med andre etater", "Cooperation with other agencies";
    AtAGlance => "Kort fortalt", "At a glance";
    OpenActions => "Åpne tiltak", "Open actions";
    Overdue => "forfalt", "overdue";
    NextMeeting => "Neste møte", "Next meeting";

    // Goals
    Goals => "Mål", "Goals";
    LifeDomain => "Livsområde", "Life domain";
    DomainHealth => "Helse", "Health";
    DomainSubstance => "Rus", "Substance use";
    DomainHousing => "Bolig", "Housing";
    DomainWork => "Arbeid og aktivitet", "Work and activity";
    DomainFinances => "Økonomi", "Finances";
    DomainNetwork => "Nettverk og familie", "Network and family";
    DomainLeisure => "Fritid", "Leisure";
    DomainLegal => "Juridiske forhold", "Legal matters";
    EditGoal => "Endre formuleringen", "Edit the wording";
    OwnWords => "Målet med personens egne ord", "The goal in the person's own words";
    ProfessionalWording => "Faglig formulering", "Professional wording";
    Status => "Status", "Status";
    TargetDate => "Måldato", "Target date";
    RateNow => "Hvordan går det (1–10)?", "How is it going (1–10)?";
    Rating => "Vurdering", "Rating";
    LatestRating => "Siste vurdering", "Latest rating";
    Evaluations => "Evalueringer", "Evaluations";
    NewGoal => "Nytt mål", "New goal";
    NewGoalWords => "Målet med egne ord", "The goal in own words";
    WrittenByPerson => "Skrevet av personen selv", "Written by the person themself";
    AddGoal => "Legg til mål", "Add goal";

    // Crisis plan
    ZoneGreen => "Grønn: når jeg har det bra", "Green: when I am well";
    ZoneYellow => "Gul: tidlige varseltegn", "Yellow: early warning signs";
    ZoneRed => "Rød: krise", "Red: crisis";
    Signs => "Tegn", "Signs";
    WhatIDo => "Det gjør jeg selv", "What I do myself";
    WhatOthersDo => "Det gjør andre (hvem)", "What others do (who)";
    Triggers => "Utløsende faktorer", "Triggers";
    HowToMeetMe => "Slik vil jeg bli møtt", "How I want to be met";
    WhatDoesNotHelp => "Det som ikke hjelper", "What does not help";
    TreatmentWishes => "Mine ønsker for behandling i en akutt krise", "My wishes for treatment in an acute crisis";
    PracticalMatters => "Praktiske forhold (barn, dyr, bolig, regninger)", "Practical matters (children, pets, home, bills)";
    Contacts => "Kontakter", "Contacts";
    AddContact => "Legg til kontakt", "Add contact";
    ReviewedOn => "Sist gjennomgått", "Last reviewed";
    ReviewedBy => "Gjennomgått av", "Reviewed by";
    CrisisNeedsReview => "Kriseplanen er ikke gjennomgått på over seks måneder.", "The crisis plan has not been reviewed for over six months.";

    // Actions
    What => "Hva", "What";
    Responsible => "Ansvarlig", "Responsible";
    Due => "Frist", "Due";
    AllStatuses => "alle", "all";
    StatusOpen => "Åpen", "Open";
    StatusDone => "Utført", "Done";
    StatusCancelled => "Avlyst", "Cancelled";
    GoalNotStarted => "Ikke startet", "Not started";
    GoalInProgress => "Pågår", "In progress";
    GoalAchieved => "Nådd", "Achieved";
    GoalPaused => "Satt på pause", "Paused";
    GoalDropped => "Avsluttet", "Dropped";
    MethodVerbal => "muntlig i møte", "verbally in a meeting";
    MethodSigned => "skriftlig", "in writing";
    GoalsInDomain => "mål innen {}", "goals in {}";
    ActionsInText => "tiltak", "actions";
    CrisisPlanInText => "kriseplanen", "the crisis plan";
    FormsInText => "lokale skjema", "local forms";
    MinutesInText => "møtereferater", "minutes";
    And => "og", "and";
    MarkDone => "Utført", "Done";
    MarkDoneHint => "Velg et tiltak og trykk D for å markere det som utført.", "Select an action and press D to mark it done.";
    NewAction => "Nytt tiltak", "New action";
    AddAction => "Legg til tiltak", "Add action";
    ActionNeedsWhat => "Skriv hva som skal gjøres.", "Write what is to be done.";

    // Meeting
    NoMeetingRunning => "Ingen møte pågår.", "No meeting is running.";
    StartMeeting => "Start møte", "Start meeting";
    MeetingOf => "Møte", "Meeting";
    EndMeeting => "Avslutt møtet", "End the meeting";
    Place => "Sted", "Place";
    Chair => "Møteleder", "Chair";
    NoteTaker => "Referent", "Note-taker";
    Attendance => "Oppmøte", "Attendance";
    Present => "Til stede", "Present";
    SentApologies => "Meldt forfall", "Sent apologies";
    Absent => "Fraværende", "Absent";
    Agenda => "Dagsorden", "Agenda";
    ChooseAgendaItem => "Velg en sak på dagsordenen.", "Choose an agenda item.";
    TimeSpent => "Tid brukt:", "Time spent:";
    Minutes => "Referat", "Minutes";
    AgreementToAction => "Avtale: hvem gjør hva innen når", "Agreement: who does what by when";
    AgreedThisMeeting => "Avtalt i dette møtet:", "Agreed in this meeting:";
    Time => "Klokkeslett", "Time";
    SetNextMeeting => "Sett neste møte", "Set next meeting";
    MinutesTo => "Referatet sendes til:", "Minutes go to:";
    MinutesOf => "Referat fra møtet", "Minutes of the meeting";
    MinutesReady => "Referatet er klart til godkjenning og eksport.", "The minutes are ready to approve and export.";
    ApproveMinutes => "Godkjenn referatet", "Approve the minutes";
    ApprovedBy => "Godkjent av", "Approved by";
    ReopenMeeting => "Åpne møtet igjen", "Reopen the meeting";
    NewMeeting => "Nytt møte", "New meeting";
    EarlierMeetings => "Tidligere møter", "Earlier meetings";

    // The meeting's review of goals and actions
    HistoryReviewed => "gikk gjennom {}", "went through {}";
    HistoryDeferred => "utsatte {} til neste møte: «{}»", "put {} off to the next meeting: «{}»";
    HistoryUnreviewed => "tok bort gjennomgangen av {}", "took away the review of {}";
    HistoryLeftUntouched => "avsluttet møtet uten å gå gjennom {}", "ended the meeting without going through {}";
    ReviewHeading => "Gjennomgang av mål og tiltak: {} av {} gjennomgått eller utsatt", "Review of goals and actions: {} of {} gone through or put off";
    ReviewReviewed => "Gjennomgått", "Gone through";
    ReviewDeferred => "Utsatt: {}", "Put off: {}";
    ReviewUntouched => "Ikke gjennomgått", "Not gone through";
    ReviewMarkReviewed => "Gjennomgått", "Gone through";
    ReviewDefer => "Utsett", "Put off";
    ReviewReason => "Hvorfor utsatt", "Why put off";
    ReviewReasonNeeded => "Skriv hvorfor det utsettes.", "Write why it is put off.";
    ReviewNewDue => "Ny frist", "New due date";
    ReviewSetDue => "Sett ny frist", "Set new due date";
    ReviewUntouchedAtEnd => "Ikke gjennomgått ennå: {}. Avslutte møtet likevel? Møtereferatet sier da at de ikke ble gjennomgått.", "Not gone through yet: {}. End the meeting anyway? The minutes will then say they were not gone through.";
    ReviewEndAnyway => "Avslutt likevel", "End anyway";
    ReviewPrevious => "Forrige", "Previous";
    ReviewEvaluation => "Evaluering", "Evaluation";
    ReviewSaveEvaluation => "Lagre evalueringen", "Save the evaluation";
    CorrectMinutes => "Rett referatet", "Correct the minutes";
    CorrectWhich => "Hva rettes", "What to correct";
    CorrectReason => "Hva ble rettet, og hvorfor", "What was corrected, and why";
    CorrectSave => "Lagre rettelsen", "Save the correction";
    CorrectReasonNeeded => "Endre teksten og skriv hva som ble rettet og hvorfor.", "Change the text and write what was corrected and why.";
    CorrectionLine => "Rettet {} av {}: {}", "Corrected {} by {}: {}";
    PdfCorrections => "Rettelser etter godkjenning", "Corrections after approval";
    PdfPreviousCorrections => "Rettelser i referatet fra {}", "Corrections to the minutes of {}";
    HistoryCorrectedTheMinutes => "rettet referatet: «{}»", "corrected the minutes: «{}»";
    ReviewNext => "Neste", "Next";
    ReviewNextUntouched => "Neste som ikke er gjennomgått", "Next not gone through";
    ReviewBack => "Tilbake til gjennomgangen", "Back to the review";
    PdfReview => "Gjennomgang av mål og tiltak", "Review of goals and actions";
    PdfReviewGoal => "Mål {}: {}", "Goal {}: {}";
    PdfReviewAction => "Tiltak {}: {}", "Action {}: {}";
    PdfReviewedOutcome => "gjennomgått", "gone through";
    PdfRatedOutcome => "gjennomgått, vurdert til {}", "gone through, rated {}";
    PdfDeferredOutcome => "utsatt til neste møte ({})", "put off to the next meeting ({})";
    PdfUntouchedOutcome => "ikke gjennomgått", "not gone through";

    // Participants and consent
    Role => "Rolle", "Role";
    Level => "Nivå", "Level";
    Organisation => "Organisasjon", "Organisation";
    Contributes => "Bidrar med", "Contributes";
    ActiveFrom => "Med fra", "Active from";
    ActiveTo => "Med til", "Active to";
    MaySee => "Kan se", "May see";
    NewParticipant => "Ny deltaker", "New participant";
    AddParticipant => "Legg til deltaker", "Add participant";
    RolePerson => "Personen selv", "The person";
    RoleRelative => "Pårørende", "Relative";
    RoleCoordinator => "Koordinator", "Coordinator";
    RoleGp => "Fastlege", "GP";
    RoleDps => "Behandler DPS", "DPS therapist";
    RoleSubstance => "Rustjeneste", "Substance service";
    RoleNav => "NAV-veileder", "NAV advisor";
    RoleHousing => "Boligkontor", "Housing office";
    RoleIps => "Jobbspesialist (IPS)", "IPS job specialist";
    RoleCorrectional => "Kriminalomsorgen", "Correctional service";
    RoleOther => "Annen", "Other";
    RolePersonInText => "personen selv", "the person";
    RoleRelativeInText => "pårørende", "relative";
    RoleCoordinatorInText => "koordinator", "coordinator";
    RoleGpInText => "fastlege", "GP";
    RoleDpsInText => "behandler ved DPS", "therapist at the DPS";
    RoleSubstanceInText => "rustjenesten", "substance service";
    RoleNavInText => "NAV-veileder", "NAV advisor";
    RoleHousingInText => "boligkontoret", "housing office";
    RoleIpsInText => "IPS-jobbspesialist", "IPS job specialist";
    RoleCorrectionalInText => "kriminalomsorgen", "correctional service";
    RoleOtherInText => "deltaker", "participant";
    LevelMunicipality => "Kommune", "Municipality";
    LevelSpecialist => "Spesialisthelsetjenesten", "Specialist health service";
    LevelNav => "NAV", "NAV";
    LevelOther => "Annet", "Other";
    Consents => "Samtykker", "Consents";
    ConsentTo => "Samtykke til", "Consent to";
    AddConsent => "Registrer samtykke", "Record consent";
    InForce => "gjelder", "in force";
    NotInForce => "gjelder ikke", "not in force";
    Given => "Gitt", "Given";
    Withdrawn => "Trukket tilbake", "Withdrawn";
    HowGiven => "Hvordan", "How";
    Verbal => "Muntlig i møtet", "Verbally in the meeting";
    Signed => "Signert", "Signed";
    HiddenOnSharedScreen => "Dette vises ikke på fellesskjermen og kan ikke endres her. Avslutt presentasjonen for å endre det.", "This is not shown on the shared screen and cannot be changed here. Leave presentation to change it.";

    // History
    AllChanges => "Alle endringer", "All changes";
    SinceLastMeeting => "Siden forrige møte", "Since the last meeting";
    ChangesSince => "endringer siden møtet", "changes since the meeting of";

    // Forms and plugins
    NewForm => "Nytt skjema:", "New form:";
    PluginMissing => "Skjemaet kan ikke vises; utvidelsen er ikke installert", "The form cannot be shown; its plugin is not installed";
    PluginFailing => "Utvidelsen feiler", "The plugin is failing";
    PluginsNotReady => "Utvidelsene er ikke lastet ennå. Prøv igjen om et øyeblikk.", "The plugins are not loaded yet. Try again in a moment.";
    LoadingPlugins => "Laster utvidelser …", "Loading plugins …";
    CheckingPlugin => "Kontrollerer utvidelsen …", "Checking the plugin …";
    InstallingPlugin => "Installerer utvidelsen …", "Installing the plugin …";
    PluginWorking => "Utvidelsen ser på skjemaet …", "The plugin is looking at the form …";
    TimeHint => "tt:mm", "hh:mm";
    BadTime => "Ugyldig klokkeslett (bruk tt:mm, f.eks. 09:30)", "Not a valid time (use hh:mm, e.g. 09:30)";
    NoPlugins => "Ingen utvidelser er installert.", "No plugins are installed.";
    InstallPlugin => "Installer utvidelse …", "Install plugin …";
    Publisher => "Utgiver", "Publisher";
    MayRead => "Kan lese", "May read";
    AsksToRead => "Utvidelsen ber om å lese:", "The plugin asks to read:";
    ApproveAndInstall => "Godkjenn og installer", "Approve and install";
    InstallWithoutAccess => "Installer uten tilgang", "Install without access";
    RemoveRow => "Fjern raden", "Remove row";

    // The person's own mode
    PersonModeIntro => "Dette er dine mål. Skriv dem med dine egne ord, og si hvordan det går.", "These are your goals. Write them in your own words, and say how it is going.";
    MyGoalInMyWords => "Målet mitt, med mine ord", "My goal, in my words";
    HowIsItGoing => "Hvordan går det? 1 er dårlig, 10 er veldig bra.", "How is it going? 1 is bad, 10 is very good.";
    AddMyGoal => "Legg til et nytt mål", "Add a new goal";
    RoomWindowTitle => "Ansvar – rommets skjerm", "Ansvar – the room's screen";
    RoomFullScreen => "Fullskjerm (F11)", "Full screen (F11)";
    RoomLeaveFullScreen => "Avslutt fullskjerm (Esc)", "Leave full screen (Esc)";
    RoomNow => "Nå:", "Now:";
    RoomOwnWindow => "Rommet ser sitt eget vindu: dra det til projektoren og velg fullskjerm.", "The room sees its own window: drag it to the projector and choose full screen.";
    OneScreen => "Én skjerm: presenter i dette vinduet", "One screen: present in this window";
    HelpF11 => "Fullskjerm for rommets vindu (og tilbake)", "Full screen for the room's window (and back)";
    HelpEscRoom => "Avslutt fullskjerm i rommets vindu", "Leave full screen in the room's window";

    // Export
    ExportPlan => "Eksporter plan (PDF)", "Export plan (PDF)";
    ExportMinutes => "Eksporter referat (PDF)", "Export minutes (PDF)";
    Exporting => "Lager PDF …", "Making the PDF …";
    PdfSaved => "PDF lagret:", "PDF saved:";
    BackgroundStopped => "Arbeidet i bakgrunnen stoppet uventet. Saken er uendret; prøv igjen.", "The work in the background stopped unexpectedly. The case is unchanged; try again.";

    // Help
    HelpTitle => "Hurtigtaster", "Keyboard shortcuts";
    HelpF1 => "Vis eller skjul denne hjelpen", "Show or hide this help";
    HelpF5 => "Presentasjonsmodus: stor tekst og høy kontrast", "Presentation mode: large type and high contrast";
    HelpF9 => "Skjul skjermen straks (og vis den igjen)", "Blank the screen at once (and show it again)";
    HelpUndo => "Angre siste endring", "Undo the last change";
    HelpRedo => "Gjør om", "Redo";
    HelpZoomIn => "Større tekst (huskes)", "Larger type (remembered)";
    HelpZoomOut => "Mindre tekst (huskes)", "Smaller type (remembered)";
    HelpTab => "Gå til neste eller forrige felt", "Move to the next or previous field";
    HelpEnter => "Bekreft en dato eller et felt", "Confirm a date or a field";
    HelpDone => "Marker valgt tiltak som utført", "Mark the selected action done";
    // The standard agenda of a new meeting
    AgendaWelcome => "Velkommen og hvem som er til stede", "Welcome and who is present";
    AgendaSinceLastTime => "Siden sist (personens egen fortelling)", "Since last time (the person's own account)";
    AgendaReviewGoalsAndActions => "Gjennomgang av mål og tiltak", "Review of goals and actions";
    AgendaOpenActions => "Åpne tiltak fra forrige møte", "Open actions from last time";
    AgendaCrisisPlan => "Kriseplan", "Crisis plan";
    AgendaLocalForms => "Lokale skjema", "Local forms";
    AgendaAgreements => "Avtaler: hvem gjør hva innen når", "Agreements: who does what by when";
    AgendaNextMeeting => "Neste møte", "Next meeting";
    AgendaWhoGetsTheMinutes => "Hvem får referatet", "Who receives the minutes";

    // Errors: edits that do not fit the case (the case is unchanged)
    EditNotFound => "Fant ikke {} i denne saken", "{} does not exist in this case";
    EditAlreadyExists => "{} finnes allerede i denne saken", "{} already exists in this case";
    EditBadIndex => "Plass {} er utenfor listen over {} {}", "position {} is outside the list of {} {}";
    EditBeforePlanStart => "{} ({}) er før planperioden starter ({})", "{} ({}) is before the plan period starts ({})";
    EditDateOrder => "{} ({}) er før {} ({})", "{} ({}) is before {} ({})";
    EditRatingOutOfRange => "Vurderingen må være fra 1 til 10, ikke {}", "a rating is from 1 to 10, not {}";
    EditTextTooLong => "Teksten er for lang ({} tegn; høyst {})", "the text is too long ({} characters; at most {})";
    EditStillReferenced => "{} brukes fortsatt av {}; fjern de koblingene først", "{} is still referred to by {}; remove those references first";
    EditByCoordinatorRole => "koordinatorrollen", "the coordinator role";
    EditImplausibleBirthDate => "fødselsdatoen er ikke mulig", "birth date is implausible";
    EditAgendaItemOverADay => "tiden brukt på en møtesak er over ett døgn", "time spent over a day";
    EditMinutesApproved => "referatet er godkjent og endres bare med en rettelse som sier hva og hvorfor", "the minutes are approved and change only with a correction that says what and why";
    EditCorrectionsOnlyAdded => "en rettelse av et godkjent referat kan ikke fjernes eller endres", "a correction of approved minutes cannot be removed or changed";
    EditReviewsOutOfOrder => "møtets gjennomgang av mål og tiltak er i feil rekkefølge", "the meeting's review of goals and actions is out of order";
    EditNationalIdCheckDigits => "fødselsnummeret har ikke 11 siffer med riktige kontrollsiffer", "the national ID is not 11 digits with valid check digits";
    EditTheParticipant => "deltakeren", "participant";
    EditParticipants => "deltakere", "participants";
    EditTheConsent => "samtykket", "consent";
    EditConsents => "samtykker", "consents";
    EditTheGoal => "målet", "goal";
    EditGoals => "mål", "goals";
    EditTheRating => "vurderingen", "rating";
    EditRatings => "vurderinger", "ratings";
    EditTheEvaluation => "evalueringen", "evaluation";
    EditEvaluations => "evalueringer", "evaluations";
    EditTheAction => "tiltaket", "action";
    EditActions => "tiltak", "actions";
    EditTheContact => "kontakten", "contact";
    EditContacts => "kontakter", "contacts";
    EditTheMeeting => "møtet", "meeting";
    EditMeetings => "møter", "meetings";
    EditTheAgendaItem => "saken", "agenda item";
    EditAgendaItems => "møtesaker", "agenda items";
    EditTheFormEntry => "skjemaet", "form entry";
    EditFormEntries => "skjemaer", "form entries";
    EditDatePlanStart => "planperiodens start", "plan start";
    EditDatePlanEnd => "planperiodens slutt", "plan end";
    EditDateActiveFrom => "aktiv fra", "active from";
    EditDateActiveTo => "aktiv til", "active to";
    EditDateConsentGiven => "gitt", "given";
    EditDateConsentWithdrawn => "trukket tilbake", "withdrawn";
    EditDateTarget => "måldatoen", "target date";
    EditDateDue => "fristen", "due date";

    // The meeting cycle: notices and minutes to recipients
    NoticeTitle => "Innkalling til ansvarsgruppemøte", "Notice of a responsibility-group meeting";
    NoticeTo => "Til", "To";
    NoticeAgenda => "Saksliste", "Agenda";
    NoticeDue => "Dette skal opp på møtet", "Due at this meeting";
    NoticeDueActions => "Tiltak med frist før møtet", "Actions due before the meeting";
    NoticeDueGoals => "Mål som ikke er gjennomgått siden forrige møte", "Goals not reviewed since the last meeting";
    NoticeCrisisNeverReviewed => "Kriseplanen er ikke gjennomgått ennå.", "The crisis plan has not been reviewed yet.";
    NoticeCrisisOld => "Kriseplanen ble sist gjennomgått {}, for mer enn seks måneder siden.", "The crisis plan was last reviewed on {}, more than six months ago.";
    NoticeThePlan => "Planen", "The plan";
    NoticePeriodEnds => "Planperioden slutter {}.", "The plan period ends on {}.";
    NoticeRevisionDue => "Planen skal revideres (revisjonsdato {}).", "The plan is due for revision (revision date {}).";
    NoticeNothingDue => "Ingenting har frist eller skal gjennomgås.", "Nothing is due or up for review.";
    NoticeApologies => "Kan du ikke komme, si fra til {}.", "If you cannot come, please tell {}.";
    NoticeHeader => "Innkalling · møtet {}", "Notice · meeting on {}";
    NoticeDocTitle => "Innkalling {} – {}", "Notice {} – {}";
    NoticeCalendarTitle => "Ansvarsgruppemøte – {}", "Responsibility-group meeting – {}";
    NoticeSeePdf => "Hele innkallingen står i PDF-en.", "The whole notice is in the PDF.";
    NoticeCancelled => "Møtet er avlyst.", "The meeting is cancelled.";
    NoticeFileName => "Innkalling", "Notice";
    NoticeCancelledFileName => "Avlyst", "Cancelled";
    NoticeNoNextMeeting => "Saken har ikke noe neste møte. Sett neste møte på møtesiden først.", "the case has no next meeting; set the next meeting on the meeting tab first";
    CycleNotAFolder => "{} er ikke en mappe.", "{} is not a folder";
    MinutesFileName => "Referat", "Minutes";
    MinutesComplete => "komplett", "complete";
    MinutesLeftOut => "Ingen referat til {}: {} har ikke samtykket til at referatene deles med dem.", "No minutes for {}: {} has not consented to sharing the minutes with them.";
    MinutesNoRecipients => "Ingen mottakere er valgt, så bare den komplette kopien er laget.", "No recipients are chosen, so only the complete copy was made.";
    CycleFilesWritten => "{} filer skrevet til {}", "{} files written to {}";
    SendNotice => "Send innkalling", "Send notice";
    ApproveAndSendMinutes => "Godkjenn og send referat", "Approve and send minutes";
    SendMinutes => "Send referat", "Send minutes";
    MinutesCopyLeavesOut => "Ikke med (ikke samtykke): {}.", "Left out (no consent): {}.";
    MinutesApprovedMark => "(godkjent)", "(approved)";

    // Documents (the plan and the minutes as PDF)
    PdfThePerson => "Personen", "The person";
    PdfPlanTexts => "hovedmål, ressurser, behov og gjennomføring", "main goal, resources, needs and how actions are carried out";
    PdfWrittenByPerson => "Skrevet av personen selv", "Written by the person themself";
    PdfOverdue => "Åpen, frist passert", "Open, past due";
    PdfActionWhat => "Tiltak (hva)", "Action (what)";
    PdfActionWho => "Ansvarlig (hvem)", "Responsible (who)";
    PdfDue => "Frist", "Due";
    PdfZoneGreen => "Grønn: jeg har det bra", "Green: I am doing well";
    PdfZoneYellow => "Gul: tidlige varseltegn", "Yellow: early warning signs";
    PdfZoneRed => "Rød: krise", "Red: crisis";
    PdfZone => "Sone", "Zone";
    PdfSigns => "Tegn", "Signs";
    PdfWhatIDo => "Det gjør jeg selv", "What I do myself";
    PdfWhatOthersDo => "Det gjør andre (hvem)", "What others do (who)";
    PdfTriggers => "Dette kan utløse en krise", "What can set off a crisis";
    PdfHowToMeetMe => "Slik vil jeg bli møtt", "How I want to be met";
    PdfWhatDoesNotHelp => "Dette hjelper ikke", "What does not help";
    PdfTreatmentWishes => "Mine ønsker for behandling i en akutt krise", "My wishes for treatment in an acute crisis";
    PdfPracticalMatters => "Praktiske ting (barn, dyr, hjem, regninger)", "Practical matters (children, pets, home, bills)";
    PdfCrisisContacts => "Kontakter i en krise", "Contacts in a crisis";
    PdfNote => "Merknad", "Note";
    PdfLocalForms => "Lokale skjema", "Local forms";
    PdfFormNoSummary => "Skjemaet har ingen oppsummering.", "The form has no summary.";
    PdfPlanTitle => "Individuell plan", "Individual plan";
    PdfCompleteNotice => "Fullstendig plan. Inneholder taushetsbelagte opplysninger: del den bare med dem personen har samtykket til.", "Complete plan. Contains confidential information: share it only with those the person has consented to.";
    PdfNotAppointed => "Ikke oppnevnt", "Not appointed";
    PdfPlanPeriod => "Planperiode", "Plan period";
    PdfRevision => "Revideres", "To be revised";
    PdfBirthDate => "Fødselsdato", "Date of birth";
    PdfContact => "Kontakt", "Contact";
    PdfDocumentDate => "Dokumentdato", "Document date";
    PdfGoalsResourcesNeeds => "Hovedmål, ressurser og behov", "Main goal, resources and needs";
    PdfMainGoal => "Hovedmål (med egne ord)", "Main goal (in their own words)";
    PdfResources => "Ressurser", "Resources";
    PdfNeeds => "Behov for tjenester", "Need for services";
    PdfNoGoals => "Ingen mål er satt ennå.", "No goals have been set yet.";
    PdfNoActions => "Ingen tiltak.", "No actions.";
    PdfImplementation => "Slik gjennomføres tiltakene", "How the actions are carried out";
    PdfRoleAndService => "Rolle og tjeneste", "Role and service";
    PdfContributes => "Bidrar med", "Contributes";
    PdfConsents => "Samtykke til å dele opplysninger", "Consent to share information";
    PdfTo => "Til", "To";
    PdfCovers => "Gjelder", "Covers";
    PdfGiven => "Gitt", "Given";
    PdfWithdrawn => "Trukket tilbake", "Withdrawn";
    PdfNotGiven => "Ikke gitt", "Not given";
    PdfCooperation => "Samarbeid med andre etater", "Cooperation with other services";
    PdfMinutesTitle => "Referat fra ansvarsgruppemøte", "Minutes of the responsibility group meeting";
    PdfNotApproved => "Ikke godkjent ennå", "Not approved yet";
    PdfNotHeld => "Møtet er ikke holdt ennå", "The meeting has not been held yet";
    PdfPlace => "Sted", "Place";
    PdfChair => "Møteleder", "Chair";
    PdfNoteTaker => "Referent", "Note taker";
    PdfTheMinutes => "Referatet", "The minutes";
    PdfNotRecorded => "Ikke registrert.", "Not recorded.";
    PdfNone => "Ingen.", "None.";
    PdfItems => "Saker", "Items";
    PdfNoItems => "Ingen saker.", "No items.";
    PdfAgreements => "Avtaler: hvem gjør hva innen når", "Agreements: who does what by when";
    PdfNoAgreements => "Ingen avtaler.", "No agreements.";
    PdfNotAgreed => "Ikke avtalt.", "Not agreed.";
    PdfRecipients => "Referatet sendes til", "The minutes go to";
    PdfNoRecipients => "Ingen mottakere registrert.", "No recipients recorded.";
    PdfForFull => "Utskrift for {}. Fullstendig plan: {} har tilgang til hele planen.", "Printed for {}. Complete plan: {} has access to the whole plan.";
    PdfSharesNothing => "{} har ikke samtykket til å dele noen deler av planen med {}", "{} has not consented to share any part of the plan with {}";
    PdfSharesSome => "Utdraget inneholder bare det {} har samtykket til å dele med {}: {}", "This extract holds only what {} has consented to share with {}: {}";
    PdfExtractFor => "Utdrag for {}. {}. Ikke med (ikke samtykke): {}.", "Extract for {}. {}. Left out (no consent): {}.";
    PdfStatus => "Status: {}", "Status: {}";
    PdfTargetDate => "Mål innen: {}", "Target date: {}";
    PdfOwnRating => "Egen vurdering: {} av 10 ({})", "Own rating: {} of 10 ({})";
    PdfProfessional => "Faglig formulering: {}", "Professional wording: {}";
    PdfLastEvaluation => "Siste evaluering {}: {}", "Last evaluation {}: {}";
    PdfReviewedBy => " av {}", " by {}";
    PdfReviewedOn => "Sist gjennomgått {}{}.", "Last reviewed {}{}.";
    PdfFormChanged => "Sist endret {}.", "Last changed {}.";
    PdfBorn => " (f. {})", " (b. {})";
    PdfAlsoCoordinator => ", koordinator", ", coordinator";
    PdfPhone => "Tlf. {}", "Tel. {}";
    PdfOrganisationAll => "{} (alle)", "{} (everyone)";
    PdfPlanHeaderExtract => "Individuell plan (utdrag) · {}", "Individual plan (extract) · {}";
    PdfPlanHeader => "Individuell plan · {}", "Individual plan · {}";
    PdfPlanDocTitle => "Individuell plan – {}", "Individual plan – {}";
    PdfPlanFor => "Individuell plan for {}", "Individual plan for {}";
    PdfMinutesCopy => "Kopi til {}. {} har samtykket til at møtereferatene deles med {}.", "Copy for {}. {} has consented to share the minutes with {}.";
    PdfApproved => "Godkjent {} av {}", "Approved {} by {}";
    PdfMinutesHeader => "Referat {} · {}", "Minutes {} · {}";
    PdfMinutesDocTitle => "Referat {} – {}", "Minutes {} – {}";
    PdfDateTime => "{} kl. {}", "{} at {}";
    PdfPageOf => "Side {} av {}", "Page {} of {}";

    // Errors: the database
    StoreAlreadyOpen => "{} er allerede åpen i et annet Ansvar-vindu eller program. Lukk det først.", "{} is already open in another Ansvar window or process";
    StoreNotAnsvar => "{} er ikke en Ansvar-database. Filen er ikke endret.", "{} is not an Ansvar database";
    StoreTruncated => "{} er ufullstendig (filen er kuttet av). Filen er ikke endret; bruk en sikkerhetskopi.", "{} is incomplete: the file has been cut short";
    StoreCorrupt => "{} er skadet ({}). Filen er ikke endret; bruk en sikkerhetskopi.", "{} is damaged: {}";
    StoreNewerSchema => "{} er laget av en nyere versjon av Ansvar (skjema {}; denne versjonen leser til og med {}). Oppdater Ansvar. Filen er ikke endret.", "{} was written by a newer Ansvar (schema {}; this version reads up to {})";
    StoreNeedsRecovery => "{} ble ikke lukket ordentlig og må gjenopprettes. Åpne den i Ansvar, som gjør det selv.", "{} was not closed cleanly and needs recovery";
    StoreNoMigration => "Ansvar kan ikke oppgradere databasen fra skjema {}.", "no migration from schema {}";
    StoreDiskFull => "Disken er full: {} kunne ikke skrives. Siste endring er ikke lagret; frigjør plass og prøv igjen.", "the disk is full: {} could not be written";
    StoreIo => "{}: {}", "{}: {}";
    StoreEncoding => "En verdi kunne ikke lagres: {}", "could not encode a value: {}";
    StoreDecoding => "Lagrede data ({}) kunne ikke leses: {}", "a stored {} could not be read: {}";
    StoreUnknownCase => "Det finnes ingen sak {}", "there is no case {}";
    StoreStorage => "Lagringsfeil: {}", "storage error: {}";
    StoreValueDamaged => "Databasen er skadet: en lagret verdi ({}) stemmer ikke med kontrollsummen. Filen er ikke endret; bruk en sikkerhetskopi.", "the database is damaged: a stored {} fails its check";
    StoreReadOnly => "{} er åpnet bare for lesing og kan ikke endres her.", "{} is open for reading only";
    StoreLocked => "Databasen er låst. Lås den opp med passordet.", "the database is locked: unlock it with the passphrase";
    StoreWrongSecret => "Feil passord eller gjenopprettingsnøkkel. Prøv igjen.", "wrong passphrase or recovery key";
    StoreNotEncrypted => "{} er fra en eldre versjon av Ansvar og er ikke kryptert. Åpne den i Ansvar (eller gi en kommando som skriver til den) for å velge et passord; da krypteres den.", "{} is from an older Ansvar and not encrypted; open it in Ansvar, or run a command that writes to it, to choose a passphrase and encrypt it";
    StoreCrypto => "Krypteringen feilet: {}", "encryption failed: {}";

    // Errors: export and the forms in documents
    ExportUnknownMeeting => "Fant ikke møtet {} i denne saken.", "there is no meeting {} in this case";
    ExportUnknownParticipant => "Fant ikke deltakeren {} i denne saken.", "there is no participant {} in this case";
    ExportMinutesNotShared => "{} har ikke samtykket til at referatet deles med {}. Referatet er ikke laget.", "{} has not consented to sharing the minutes with {}";
    ExportPdf => "PDF-en kunne ikke lages: {}", "the PDF could not be made: {}";
    ExportJson => "FHIR-filen kunne ikke skrives: {}", "the FHIR file could not be written: {}";
    FormNotInstalled => "Skjemaet kan ikke vises: utvidelsen {} er ikke installert.", "The form cannot be shown: the plugin {} is not installed.";
    FormCannotShow => "Skjemaet kan ikke vises: {}", "The form cannot be shown: {}";

    // Errors: FHIR import
    ImportNotJson => "Filen er ikke importert: den er ikke JSON ({}).", "the file is not JSON: {}";
    ImportNotFhir => "Filen er ikke importert: den er ikke FHIR (mangler «resourceType»).", "the file is not FHIR: it has no resourceType";
    ImportNotABundle => "Filen er ikke importert: den er en FHIR {}, ikke en Bundle.", "the file is a FHIR {}, not a Bundle";
    ImportWrongVersion => "Filen er ikke importert: den er FHIR-versjon {}. Ansvar leser FHIR R4 (4.0.x).", "the file is FHIR {}; Ansvar reads FHIR R4 (4.0.x)";
    ImportNoPatient => "Filen er ikke importert: den har ingen Patient, så det er ingen person å lage en sak for.", "the Bundle has no Patient: there is no one to make a case for";
    ImportSeveralPatients => "Filen er ikke importert: den har {} Patient-ressurser; en sak gjelder én person.", "the Bundle has {} Patients; a case is about one person";
    ImportMissingReference => "Filen er ikke importert: {} ({}) viser til {}, som ikke finnes i filen.", "{} ({}) refers to {}, which is not in the file";
    ImportInvalid => "Filen er ikke importert: {}: {}", "{}: {}";
    ImportRules => "Filen er ikke importert: innholdet er ikke en gyldig sak: {}", "the data does not make a valid case: {}";
    ImportEntryWithoutId => "Filen er ikke importert: oppføring {} mangler resourceType eller id.", "the file was not imported: entry {} has no resourceType or id";
    ImportNotADate => "{} «{}» er ikke en dato (ÅÅÅÅ-MM-DD)", "{} «{}» is not a date (YYYY-MM-DD)";
    ImportNotADateTime => "{} «{}» er ikke et gyldig tidspunkt (ÅÅÅÅ-MM-DDTtt:mm:ss med tidssone, eller en dato)", "{} «{}» is not a valid date and time (YYYY-MM-DDThh:mm:ss with a time zone, or a date)";
    ImportMissingTime => "mangler tidspunkt ({})", "has no time ({})";
    ImportBirthDateInFuture => "fødselsdatoen (birthDate) «{}» er i fremtiden", "the birth date (birthDate) «{}» is in the future";
    ImportBirthDateBefore1900 => "fødselsdatoen (birthDate) «{}» er før 1900", "the birth date (birthDate) «{}» is before 1900";
    ImportDateOutOfRange => "{} «{}» er utenfor datoene Ansvar tar imot ({} til {})", "{} «{}» is outside the dates Ansvar takes ({} to {})";
    ImportRatingRange => "vurderingen {} er ikke 1–10", "the rating {} is not 1–10";
    ImportOwnerNotInTeam => "eieren (owner) er ikke med i ansvarsgruppen (CareTeam)", "the owner is not in the responsibility group (CareTeam)";
    ImportRecipientNotInTeam => "mottakeren er ikke med i ansvarsgruppen (CareTeam)", "the recipient is not in the responsibility group (CareTeam)";
    ImportNoQuestionnaire => "sier ikke hvilket skjema det er svar på (questionnaire)", "does not say which form it answers (questionnaire)";
    ImportConsentStatus => "samtykket har status «{}»; Ansvar tar bare inn samtykker som er gitt (active) eller trukket tilbake (inactive), så det ikke deles noe personen ikke har sagt ja til", "the consent has status «{}»; Ansvar imports only consents that were given (active) or withdrawn (inactive), so that nothing is shared the person has not agreed to";
    ImportConsentNotPermit => "samtykket er av typen «{}»; Ansvar kan bare ta inn tillatelser (permit), ikke avslag", "the consent's provision is of type «{}»; Ansvar can import only permissions (permit), not refusals";
    ImportConsentNested => "samtykket har unntak (provision.provision) som Ansvar ikke kan gjengi; det tas ikke inn i videre form", "the consent has exceptions (provision.provision) Ansvar cannot represent; it is not imported more widely than given";
    ImportConsentInactiveWithoutEnd => "samtykket er trukket tilbake (inactive), men uten dato for når (provision.period.end)", "the consent is withdrawn (inactive) but does not say when (provision.period.end)";
    ImportConsentSeveralRecipients => "samtykket har {} mottakere; Ansvar har én mottaker per samtykke", "the consent has {} recipients; Ansvar has one recipient per consent";

    // Errors: plugins
    PluginNotAPackage => "Filen er ikke en Ansvar-utvidelse (.ansvarplugin).", "not an Ansvar plugin package";
    PluginUnknownPackageFormat => "Pakkeformat {} er nyere enn denne versjonen av Ansvar kan lese.", "package format {} is newer than this Ansvar reads";
    PluginUnsigned => "Utvidelsen er ikke signert. Bare signerte .ansvarplugin-pakker kan installeres.", "the plugin is not signed: only signed .ansvarplugin packages can be installed";
    PluginTampered => "Pakken er endret etter at den ble signert (signaturen stemmer ikke). Den er ikke installert.", "the package has been altered after it was signed (the signature does not match)";
    PluginUnknownKey => "Pakken er signert med en nøkkel som ikke er godkjent her ({}). Godkjenn utgiverens nøkkel først.", "the package is signed by a key that is not trusted here ({}); trust the publisher's key first";
    PluginDowngrade => "{} {} er eldre enn installert versjon {}.", "{} {} is older than the installed version {}";
    PluginAlreadyInstalled => "{} {} er allerede installert.", "{} {} is already installed";
    PluginManifestMismatch => "Pakkens beskrivelse stemmer ikke med det utvidelsen selv oppgir.", "the package's manifest does not match what the plugin itself declares";
    PluginNotAComponent => "Dette er ikke en brukbar utvidelse: {}", "this is not a usable plugin component: {}";
    PluginNewerApi => "Utvidelsen er laget for utvidelses-API {}, som er nyere enn denne versjonen av Ansvar ({}) kan kjøre (utvidelses-API {}). Oppdater Ansvar til en versjon som kjører utvidelses-API {}.", "the plugin was built for plugin API {}, which is newer than this Ansvar ({}) runs (plugin API {}). Update Ansvar to a version that runs plugin API {}";
    PluginOlderApi => "Utvidelsen er laget for utvidelses-API {}, som er eldre enn denne versjonen av Ansvar ({}) kan kjøre (utvidelses-API {}). Utvidelsen må bygges på nytt med en nyere ansvar-plugin-api.", "the plugin was built for plugin API {}, which is older than this Ansvar ({}) runs (plugin API {}). Build the plugin again with a newer ansvar-plugin-api";
    PluginLink => "Utvidelsen kan ikke kobles til: {}", "the plugin cannot be linked: {}";
    PluginBadManifest => "{}: beskrivelsen er ugyldig: {}", "{}: its manifest is invalid: {}";
    PluginBadForm => "{}: skjemaet er ugyldig: {}", "{}: its form is invalid: {}";
    ProblemNotReverseDns => "id-en {} er ikke et omvendt domenenavn som no.kommune.skjema (små bokstaver a–z, sifre og bindestrek, delt med punktum)", "the id {} is not a reverse-DNS name such as no.kommune.skjema (lower-case a–z, digits and hyphens, parted by dots)";
    ProblemNotAscii => "; «{}» kan ikke brukes i en id", "; «{}» cannot be used in an id";
    ProblemNotSemver => "versjonen {} er ikke en semantisk versjon (som 1.0.0)", "the version {} is not a semantic version (such as 1.0.0)";
    ProblemNotSemverApi => "API-versjonen {} er ikke en semantisk versjon", "the API version {} is not a semantic version";
    ProblemEmptyName => "navnet mangler (på bokmål eller engelsk)", "the name is missing (in bokmål or English)";
    ProblemEmptyPublisher => "utgiveren mangler", "the publisher is missing";
    ProblemTooLong => "en tekst er for lang", "a text is too long";
    ProblemNotPlainId => "id-en {} er ikke en enkel id (bare a–z, A–Z, 0–9, - og _)", "the id {} is not a plain id (only a–z, A–Z, 0–9, - and _)";
    ProblemIdTwice => "id-en {} er brukt to ganger", "the id {} is used twice";
    ProblemUnknownField => "en betingelse viser til feltet {}, som ikke finnes", "a condition refers to the field {}, which does not exist";
    ProblemChoiceTwice => "valget {} står to ganger", "the choice {} is listed twice";
    ProblemNoOptions => "et valgfelt har ingen valg", "a choice field has no options";
    ProblemMinAboveMax => "et talls minimum er større enn maksimum", "a number's minimum is above its maximum";
    ProblemNoFields => "skjemaet har ingen felt", "the form has no fields";
    ProblemFewerRows => "gruppen {} tillater færre rader enn den krever", "the group {} allows fewer rows than it requires";
    PluginTimeLimit => "{}: «{}» brukte for lang tid og ble stoppet.", "{}: `{}` ran longer than the limit and was stopped";
    PluginMemoryLimit => "{}: brukte mer minne enn tillatt og ble stoppet.", "{}: used more memory than allowed and was stopped";
    PluginTrap => "{}: «{}» krasjet ({}).", "{}: `{}` crashed ({})";
    PluginBadResult => "{}: «{}» returnerte ugyldige data ({}).", "{}: `{}` returned something malformed ({})";
    PluginResultTooLarge => "{}: «{}» returnerte for mye ({} byte).", "{}: `{}` returned too much ({} bytes)";
    PluginTooLarge => "Pakken er større enn {} byte.", "the package is larger than {} bytes";
    PluginBadKey => "Ugyldig nøkkel.", "not a valid key";
    PluginNotInstalled => "Utvidelsen {} er ikke installert.", "no plugin {} is installed";
    PluginEngine => "Utvidelsesmotoren feilet: {}", "the plugin engine failed: {}";
    PluginWeakKey => "Nøkkelen er svak (en degenerert ed25519-nøkkel som hvem som helst kan signere for) og kan ikke godkjennes.", "the key is weak (a degenerate ed25519 key anyone can sign for) and cannot be trusted";
    PluginWeakPackageKey => "Pakken er signert med en svak nøkkel som hvem som helst kan signere for. Den er ikke installert.", "the package is signed with a weak key anyone can sign for; it is not installed";
    PluginRevoked => "{} er trukket tilbake av utgiveren: {}. Den kjøres ikke lenger; skjemaene som er fylt ut, kan fortsatt leses.", "{} was withdrawn by its publisher: {}. It no longer runs; the forms filled in can still be read";
    CatalogBadLocation => "{} er verken en https-adresse eller en mappe som finnes.", "{} is neither an https address nor a folder that exists";
    CatalogInsecure => "{} bruker http uten kryptering. Bruk https (http godtas bare til denne maskinen).", "{} uses http without encryption; use https (http is accepted only to this machine)";
    CatalogUnreachable => "Fikk ikke kontakt med {}: {}", "could not reach {}: {}";
    CatalogNoConnection => "Fikk ikke kontakt med {}: ingen svarer der (nede, eller ingen nettverksforbindelse).", "could not reach {}: nothing answers there (down, or no network)";
    CatalogHostNotFound => "Fikk ikke kontakt med {}: fant ikke maskinnavnet (skrivefeil, eller ingen nettverksforbindelse).", "could not reach {}: its host name was not found (a typo, or no network)";
    CatalogFolder => "Kan ikke lese katalogen: {}", "cannot read the catalogue: {}";
    CatalogTimeout => "{} svarte ikke i tide.", "{} did not answer in time";
    CatalogHttpStatus => "{} svarte med HTTP-status {}.", "{} answered with HTTP status {}";
    CatalogTooLarge => "{} er større enn {} byte og lastes ikke ned.", "{} is larger than {} bytes and is not downloaded";
    CatalogBadSignature => "Katalogens signatur stemmer ikke med utgiverens nøkkel. Katalogen er avvist.", "the catalogue's signature does not match the publisher's key; the catalogue is refused";
    CatalogNotACatalog => "Ikke en gyldig katalog: {}", "not a valid catalogue: {}";
    CatalogNewerFormat => "Katalogen har format {}, som er nyere enn denne versjonen av Ansvar kan lese.", "the catalogue has format {}, newer than this version of Ansvar reads";
    CatalogRollback => "Katalogen har nummer {}, men nummer {} er allerede sett. En eldre (eller endret) katalog er avvist.", "the catalogue has number {}, but number {} was already seen; an older (or altered) catalogue is refused";
    CatalogPackageMismatch => "{} er ikke pakken katalogen beskriver (størrelse, sjekksum eller innhold). Den er ikke installert.", "{} is not the package the catalogue describes (size, checksum or contents); it is not installed";
    CatalogForeignPackage => "{} er signert med en annen nøkkel enn katalogens. Den er ikke installert.", "{} is signed with another key than the catalogue's; it is not installed";
    CatalogNotOffered => "Katalogen tilbyr ikke {}.", "the catalogue does not offer {}";
    CatalogNeedsNewerAnsvar => "{} krever Ansvar {} eller nyere; dette er {}.", "{} needs Ansvar {} or newer; this is {}";
    CatalogNeedsApproval => "Oppdateringen av {} ber om å lese mer enn før: {}. Den må godkjennes.", "the update of {} asks to read more than before: {}; it needs approval";
    CatalogUnknownSource => "Ingen katalogkilde {} er lagt til.", "no catalogue source {} has been added";
    CatalogSourceExists => "Katalogkilden {} er allerede lagt til.", "the catalogue source {} has already been added";

    // What a plugin may read (the capabilities the user grants)
    CapParticipantNamesAndRoles => "deltakernes navn og roller", "participants' names and roles";
    CapPersonName => "personens navn", "the person's name";
    CapPlanPeriod => "planperioden", "the plan period";
    CapActions => "tiltakene", "the actions";
    CapCrisisContactRoles => "rollene til kontaktene i kriseplanen", "the roles of the crisis plan's contacts";

    // The command line
    CliNoDataDir => "Fant ingen datamappe for denne brukeren; oppgi databasen med --db PATH.", "Found no data directory for this user; give the database with --db PATH.";
    CliWindowFailed => "Vinduet kunne ikke åpnes: {}", "The window could not be opened: {}";
    CliAskPassphrase => "Passord for databasen:", "Passphrase for the database:";
    CliAskNewPassphrase => "Nytt passord for databasen:", "New passphrase for the database:";
    CliAskPassphraseAgain => "Det samme passordet en gang til:", "The same passphrase again:";
    CliAskRecoveryKey => "Gjenopprettingsnøkkel:", "Recovery key:";
    CliBadRecoveryKey => "Det er ikke en gjenopprettingsnøkkel: den har 32 bokstaver og tall i grupper på fire.", "That is not a recovery key: it has 32 letters and digits in groups of four.";
    CliNoPassphrase => "Databasen er kryptert, og ingen passord er gitt. Skriv det i terminalen, eller bruk --passphrase-file FIL eller miljøvariabelen ANSVAR_PASSPHRASE.", "The database is encrypted and no passphrase was given. Type it in a terminal, or use --passphrase-file FILE or the environment variable ANSVAR_PASSPHRASE.";
    CliEncrypting => "{} er fra en eldre versjon av Ansvar og krypteres nå. Velg et passord.", "{} is from an older Ansvar and is encrypted now. Choose a passphrase.";
    CliRecoveryKey => "Gjenopprettingsnøkkel (vises bare nå; skriv den ned og oppbevar den trygt, atskilt fra maskinen):\n\n    {}\n\nMed den kan du sette et nytt passord hvis du glemmer det (ansvar passphrase --recovery-key). Uten passord eller nøkkel kan ingen lese databasen, heller ikke vi.", "Recovery key (shown only now; write it down and keep it safe, apart from this computer):\n\n    {}\n\nWith it you can set a new passphrase if you forget yours (ansvar passphrase --recovery-key). Without the passphrase or this key no one can read the database, not even us.";
    CliPassphraseChanged => "Passordet er endret. Gjenopprettingsnøkkelen er den samme.", "The passphrase is changed. The recovery key is the same.";
    PassphrasesDiffer => "De to passordene er ikke like.", "The two passphrases differ.";
    PassphraseTooShort => "Passordet må ha minst {} tegn. En setning på noen ord er lett å huske og vanskelig å gjette.", "The passphrase needs at least {} characters. A sentence of a few words is easy to remember and hard to guess.";
    StrengthTooShort => "For kort", "Too short";
    StrengthWeak => "Svakt: lengre, eller flere ord", "Weak: longer, or more words";
    StrengthFair => "Middels", "Fair";
    StrengthStrong => "Sterkt", "Strong";
    UnlockTitle => "Lås opp Ansvar", "Unlock Ansvar";
    UnlockIntro => "Databasen {} er kryptert. Skriv passordet.", "The database {} is encrypted. Enter the passphrase.";
    UnlockPassphrase => "Passord", "Passphrase";
    UnlockButton => "Lås opp", "Unlock";
    UnlockForgot => "Glemt passordet?", "Forgotten the passphrase?";
    UnlockRecoveryIntro => "Skriv gjenopprettingsnøkkelen du fikk da databasen ble laget, og velg et nytt passord.", "Enter the recovery key you were given when the database was made, and choose a new passphrase.";
    UnlockRecoveryKey => "Gjenopprettingsnøkkel", "Recovery key";
    UnlockRecoveryButton => "Sett nytt passord", "Set the new passphrase";
    UnlockBack => "Tilbake", "Back";
    SetupTitle => "Velkommen til Ansvar", "Welcome to Ansvar";
    SetupIntro => "Alt i databasen krypteres med et passord du velger: planer, navn, mål og logg. Uten passordet (eller gjenopprettingsnøkkelen) kan ingen lese filen.", "Everything in the database is encrypted with a passphrase you choose: plans, names, goals and the log. Without it (or the recovery key) no one can read the file.";
    SetupEncryptIntro => "Denne databasen ({}) er fra en eldre versjon av Ansvar og er ikke kryptert. Velg et passord, så krypteres den. Den gamle filen erstattes først når den krypterte er kontrollert.", "This database ({}) is from an older Ansvar and is not encrypted. Choose a passphrase and it is encrypted. The old file is replaced only once the encrypted one is checked.";
    SetupPassphrase => "Nytt passord", "New passphrase";
    SetupPassphraseAgain => "Samme passord igjen", "The same passphrase again";
    SetupCreate => "Krypter og fortsett", "Encrypt and continue";
    SetupRecoveryTitle => "Din gjenopprettingsnøkkel", "Your recovery key";
    SetupRecoveryIntro => "Skriv ned denne nøkkelen og oppbevar den trygt, atskilt fra maskinen. Den vises bare nå. Med den kan du sette nytt passord hvis du glemmer det.", "Write this key down and keep it safe, apart from this computer. It is shown only now. With it you can set a new passphrase if you forget yours.";
    SetupRecoveryConfirm => "Jeg har skrevet ned gjenopprettingsnøkkelen", "I have written down the recovery key";
    SetupContinue => "Fortsett", "Continue";
    LockedCurtain => "Skjermen er låst. Skriv passordet for å fortsette.", "The screen is locked. Enter the passphrase to go on.";
    CliDemoWritten => "Demosaker skrevet: {}", "Demo cases written: {}";
    CliColumnName => "navn", "name";
    CliColumnCoordinator => "koordinator", "coordinator";
    CliColumnNextMeeting => "neste møte", "next meeting";
    CliBackupWritten => "Sikkerhetskopi skrevet til {}", "Backup written to {}";
    CliCouldNotWrite => "Kunne ikke skrive {}: {}", "Could not write {}: {}";
    CliCouldNotRead => "Kunne ikke lese {}: {}", "Could not read {}: {}";
    CliNoParticipant => "Fant ingen deltaker «{}». Deltakerne er: {}", "No participant «{}». The participants are: {}";
    CliSeveralParticipants => "«{}» passer på flere deltakere: {}", "«{}» fits several participants: {}";
    CliNoMeeting => "Fant ikke møtet «{}». Møtene er: {}", "No meeting «{}». The meetings are: {}";
    CliPdfWritten => "PDF skrevet til {}", "PDF written to {}";
    CliFhirWritten => "FHIR-fil skrevet til {}", "FHIR file written to {}";
    CliImported => "Importert som sak {}", "Imported as case {}";
    CliSecretKeyWritten => "Hemmelig nøkkel skrevet til {}", "Secret key written to {}";
    CliSigned => "Signert {} {} → {}", "Signed {} {} → {}";
    CliComponentized => "Laget en komponent av wasm-modulen.", "Made a component of the wasm module.";
    CliComponentizeFailed => "Kunne ikke lage en komponent av wasm-modulen (er den bygd med ansvar-plugin-api for wasm32-unknown-unknown?): {}", "could not make a component of the wasm module (was it built with ansvar-plugin-api for wasm32-unknown-unknown?): {}";
    CliTrustedKey => "Godkjent nøkkel {} ({})", "Trusted key {} ({})";
    CliPluginAsks => "Utvidelsen ber om å lese:", "The plugin asks to read:";
    CliNotGranted => "Ikke gitt. Kjør igjen med --grant-requested for å gi tilgang, eller installer i appen.", "Not granted. Run again with --grant-requested to grant it, or install in the app.";
    CliInstalled => "Installert {} {}", "Installed {} {}";
    CliCatalogInit => "Katalogen er startet i {}. Legg til pakker med `ansvar plugin catalog add`, og signer den med `ansvar plugin catalog sign`.", "Catalogue started in {}. Add packages with `ansvar plugin catalog add`, and sign it with `ansvar plugin catalog sign`.";
    CliCatalogAdded => "La til {} {} ({}). Signer katalogen for at den skal gjelde.", "Added {} {} ({}). Sign the catalogue for it to take effect.";
    CliCatalogRevokeWhat => "Oppgi enten --hash, eller --id sammen med --versions.", "Give either --hash, or --id together with --versions.";
    CliCatalogRevoked => "Tilbaketrekkingen er lagt til. Signer katalogen for at den skal gjelde.", "The revocation is added. Sign the catalogue for it to take effect.";
    CliCatalogWrongKey => "Nøkkelen er ikke katalogens ({}). Bruk --rotate-from med den gamle nøkkelen for å bytte nøkkel.", "The key is not the catalogue's ({}). Use --rotate-from with the old key to change keys.";
    CliCatalogSigned => "Katalog nr. {} er signert, gyldig til {}.", "Catalogue number {} is signed, valid until {}.";
    CliSourceAdded => "Følger nå {} ({}), nøkkel {}.", "Now following {} ({}), key {}.";
    CliSourceRemoved => "Følger ikke lenger {}.", "No longer following {}.";
    CliSourceFailed => "{}: {}", "{}: {}";
    CliCatalogHeader => "{} ({}): katalog nr. {}, gyldig til {}", "{} ({}): catalogue number {}, valid until {}";
    CatalogExpired => "Advarsel: katalogen er utløpt. Den brukes likevel; be utgiveren signere den på nytt.", "Warning: the catalogue has expired. It is still used; ask the publisher to sign it again.";
    CatalogUsingLastGood => "Bruker siste gode katalog: {}", "Using the last good catalogue: {}";
    CatalogRotated => "Utgiveren har byttet nøkkel; ny nøkkel {} er godkjent av den gamle.", "The publisher changed keys; the new key {} is approved by the old one.";
    CatalogWithdrawn => "Trukket tilbake og slått av: {} {}: {}", "Withdrawn and disabled: {} {}: {}";
    CatalogNothingNew => "Ingen nye utvidelser eller oppdateringer.", "No new plugins or updates.";
    CatalogUpdate => "Oppdatering: {} {} → {}", "Update: {} {} → {}";
    CatalogNew => "Ny: {} {}", "New: {} {}";
    CatalogNeedsAnsvar => "Krever Ansvar {} eller nyere.", "Needs Ansvar {} or newer.";
    CatalogSources => "Kataloger", "Catalogues";
    CatalogChecking => "Ser etter oppdateringer …", "Checking for updates …";
    CatalogCheckNow => "Se etter oppdateringer", "Check for updates";
    CatalogNoSources => "Ingen kataloger er lagt til. Kommunen kan gi deg en adresse og en nøkkel.", "No catalogues have been added. The municipality can give you an address and a key.";
    CatalogKeyFingerprint => "Nøkkel: {}", "Key: {}";
    CatalogAsksMore => "Oppdateringen ber om å lese mer enn før:", "The update asks to read more than before:";
    CatalogState => "{}: katalog nr. {}, gyldig til {}", "{}: catalogue number {}, valid until {}";
    CatalogUpdateButton => "Oppdater", "Update";
    CatalogInstallButton => "Installer", "Install";
    CatalogAddSource => "Legg til katalog", "Add a catalogue";
    CatalogLocation => "Adresse eller mappe", "Address or folder";
    CatalogPublisherKey => "Utgiverens nøkkel", "Publisher's key";
    CatalogPublisherName => "Utgiver", "Publisher";
    CatalogCompareFingerprint => "Sammenlign med utgiveren, for eksempel på telefon: {}", "Compare with the publisher, on the phone for instance: {}";
    CatalogAddSourceButton => "Legg til", "Add";
    PluginWithdrawn => "Trukket tilbake av utgiveren: {}. Den kjøres ikke; skjemaene kan fortsatt leses.", "Withdrawn by the publisher: {}. It does not run; its forms can still be read.";
    CliFailing => "[FEILER: {}]", "[FAILING: {}]";
    CliReads => "leser {}", "reads {}";
    CliRemoved => "Fjernet {}", "Removed {}";
    CliPublisher => "Utgiver: {}", "Publisher: {}";
    CliKey => "Nøkkel: {}", "Key: {}";
    CliAsksToRead => "Ber om å lese:", "Asks to read:";
    CliNothing => "ingenting", "nothing";
    CliForm => "Skjema: {}", "Form: {}";
    CliSectionFields => "{} ({} felt)", "{} ({} fields)";
    CliSectionOneField => "{} (1 felt)", "{} (1 field)";
    CliWhatKey => "nøkkelfil", "key file";
    CliWhatComponent => "utvidelseskomponent (.wasm)", "plugin component (.wasm)";
    CliWhatPackage => "utvidelsespakke (.ansvarplugin)", "plugin package (.ansvarplugin)";
    CliWhatBundle => "FHIR-fil", "FHIR file";
    CliWhatCatalog => "katalogfil", "catalogue file";
    CliWhatFormData => "skjemadata (JSON)", "form data (JSON)";
    CliSampleNotJson => "{} er ikke gyldig JSON: {}", "{} is not valid JSON: {}";
    CliSampleNotObject => "{} må være et JSON-objekt med felt-id-ene som nøkler, som {\"felt\": \"verdi\"}.", "{} must be a JSON object keyed by field id, such as {\"field\": \"value\"}.";
    CliSampleHeader => "Med dataene i {} (i sandkassen, med dagens dato og ingen saksdata):", "With the data in {} (in the sandbox, with today's date and no case data):";
    CliSampleMessages => "Meldinger (validate):", "Messages (validate):";
    CliSampleSummary => "Sammendrag (summarize):", "Summary (summarize):";
    CliSampleComputed => "Beregnet (computed):", "Computed (computed):";
    CliSeverityError => "feil", "error";
    CliSeverityWarning => "advarsel", "warning";
    CliSeverityInfo => "info", "info";
    CliKindDirectory => "en mappe", "a directory";
    CliKindFifo => "et navngitt rør (FIFO)", "a named pipe (FIFO)";
    CliKindDevice => "en enhet", "a device";
    CliKindSocket => "en socket", "a socket";
    CliKindOther => "en spesialfil", "a special file";
    CliInputMissing => "{} finnes ikke.", "{} does not exist";
    CliInputNotAFile => "{} er ikke en vanlig fil, men {}. Ansvar leser bare vanlige filer.", "{} is not a regular file but {}; Ansvar reads only regular files";
    CliInputTooLarge => "{} er for stor ({} byte): en {} er høyst {} byte. Filen er ikke lest.", "{} is too large ({} bytes): a {} is at most {} bytes; the file was not read";
    CliOutputIsInput => "{} er samme fil som {}, som denne kommandoen leser. Velg en annen fil å skrive til. Ingenting er skrevet.", "{} is the same file as {}, which this command reads; choose another file to write to. Nothing was written";
    CliOutputNotAFile => "{} er ikke en vanlig fil, men {}, og blir ikke erstattet. Ingenting er skrevet.", "{} is not a regular file but {}, and is not replaced. Nothing was written";
    CliOutputExists => "{} finnes allerede og er ikke endret.", "{} already exists and was left as it was";
    CliOutputDiskFull => "Disken er full: {} kunne ikke skrives. Ingenting er endret; frigjør plass og prøv igjen.", "the disk is full: {} could not be written; nothing was changed";
    CliBackupExists => "{} finnes allerede. Velg et annet navn, eller bruk --force for å erstatte filen.", "{} already exists; choose another name, or use --force to replace it";
    CliBackupFailed => "Ingen sikkerhetskopi av {} er laget: {}", "No backup of {} was made: {}";
    CliNoDatabase => "Det finnes ingen database {}. Ingenting er laget. Bare appen (ansvar uten kommando) og «ansvar demo» lager en ny database; sjekk --db.", "There is no database {}. Nothing was created: only the app (ansvar without a command) and `ansvar demo` make a new database; check --db.";
    CliVerifyIntact => "Sak {} ({}): intakt", "Case {} ({}): intact";
    CliVerifyIntactFrom => "Sak {} ({}): intakt; kjeden starter ved oppføring {} (de eldre oppføringene er skrevet før kjeden og kontrolleres bare hver for seg)", "Case {} ({}): intact; the chain starts at entry {} (the older entries were written before it and are checked one by one only)";
    CliVerifyBroken => "Sak {} ({}): SKADET", "Case {} ({}): BROKEN";
    CliVerifyUnnamed => "uten navn", "no name";
    CliVerifyOtherValue => "Annen verdi skadet: {} «{}» består ikke kontrollen", "Other value damaged: the {} «{}» fails its check";
    CliVerifyAllIntact => "Alt er intakt: {} saker kontrollert.", "Everything is intact: {} cases checked.";
    CliVerifyDamageFound => "Skade funnet: {} av {} saker, {} andre verdier. Filen er ikke endret.", "Damage found: {} of {} cases, {} other values. The file was not changed.";
    CliAuditWritten => "Tilgangslogg ({} oppføringer) skrevet til {}", "Access log ({} entries) written to {}";
    VerifyEntryFails => "logg-oppføring {} består ikke kontrollen (en endret byte) eller kan ikke leses", "edit log entry {} fails its check (a changed byte) or cannot be read";
    VerifyEntryMoved => "raden til logg-oppføring {} inneholder oppføring {} fra sak {}: en verdi flyttet fra en annen rad", "the row of edit log entry {} holds entry {} of case {}: a value moved from another row";
    VerifyEntriesReordered => "raden til logg-oppføring {} inneholder oppføring {}: oppføringene er byttet om", "the row of edit log entry {} holds entry {}: entries reordered";
    VerifyEntryRemoved => "logg-oppføring {} er fjernet", "edit log entry {} was removed";
    VerifyEntriesRemoved => "logg-oppføringene {} til {} er fjernet", "edit log entries {} to {} were removed";
    VerifyEntryChanged => "logg-oppføring {} er endret etter at den ble skrevet", "edit log entry {} was changed after it was written";
    VerifyLinkRemoved => "logg-oppføring {} mangler lenken til oppføringen før", "edit log entry {} lacks its link to the entry before it";
    VerifyEntriesAdded => "logg-oppføringene {} til {} er lagt til utenfor Ansvar", "edit log entries {} to {} were added outside Ansvar";
    VerifyHeadMissing => "kjedens siste ledd (den nyeste oppføringens hash) mangler eller består ikke kontrollen", "the chain's head (the newest entry's hash) is missing or fails its check";
    VerifyCaseFails => "saken består ikke kontrollen eller kan ikke leses", "the stored case fails its check or cannot be read";
    VerifyCaseMoved => "sakens rad inneholder sak {}: en verdi flyttet fra en annen rad", "the case's row holds case {}: a value moved from another row";
    VerifyCaseMissing => "saken mangler, men loggen eller raden i sakslisten finnes", "the case is missing, but its log or its row in the case list is there";
    VerifyIndexFails => "sakens rad i sakslisten består ikke kontrollen", "the case's row in the case list fails its check";
    VerifyIndexMoved => "sakens rad i sakslisten inneholder sak {}: en verdi flyttet fra en annen rad", "the case's row in the case list holds case {}: a value moved from another row";
    VerifyUnreadable => "saken kan ikke leses: {}", "the case cannot be read: {}";
    StoreCaseDamaged => "Sak {} i {} er skadet og vises ikke: {}. Kjør «ansvar verify --db {}» for hele rapporten.", "Case {} in {} is damaged and is not shown: {}. Run `ansvar verify --db {}` for the whole report.";

    // The history: the edit log in words
    HistoryAGoal => "et mål", "a goal";
    HistoryAnAction => "et tiltak", "an action";
    HistoryThemself => "selv", "themself";
    HistoryNobody => "ingen", "nobody";
    HistoryTheName => "navnet", "the name";
    HistoryThePhoneNumber => "telefonnummeret", "the phone number";
    HistoryTheEmailAddress => "e-postadressen", "the email address";
    HistoryTheAddress => "adressen", "the address";
    HistoryTheNationalId => "fødselsnummeret", "the national ID";
    HistoryTheMainGoal => "hovedmålet", "the main goal";
    HistoryTheResources => "ressursene", "the resources";
    HistoryTheNeeds => "behovene", "the needs";
    HistoryHowActionsAreCarriedOut => "gjennomføringen", "how actions are carried out";
    HistoryCooperationWithOthers => "samarbeidet med andre", "cooperation with others";
    HistoryAParticipant => "en deltaker", "a participant";
    HistoryAConsent => "et samtykke", "a consent";
    HistoryTheWordsOfGoal => "ordene i målet", "the words of goal";
    HistoryTheProfessionalWordingOf => "fagformuleringen av", "the professional wording of";
    HistoryAnEvaluationOf => "en evaluering av", "an evaluation of";
    HistoryTheAction => "tiltaket", "the action";
    HistoryCrisisPlanZones => "kriseplanens soner", "the crisis plan's zones";
    HistoryTheCrisisPlan => "kriseplanen", "the crisis plan";
    HistoryACrisisPlanContact => "en kontakt i kriseplanen", "a crisis-plan contact";
    HistoryTheMeetingPlace => "møtestedet", "the meeting place";
    HistoryMeetingAgreements => "avtalene i møtet", "the meeting's agreements";
    HistoryAnAgendaItem => "en sak på dagsordenen", "an agenda item";
    HistoryTheMinutes => "referatet", "the minutes";
    HistoryTheBirthDate => "fødselsdatoen", "the birth date";
    HistoryThePlanStart => "planperiodens start", "the plan start";
    HistoryThePlanEnd => "planperiodens slutt", "the plan end";
    HistoryTheRevisionDate => "revisjonsdatoen", "the revision date";
    HistoryParticipantPeriod => "en deltakers periode", "a participant's period";
    HistoryConsentDate => "et samtykkes dato", "a consent's date";
    HistoryTheTargetDateOf => "måldatoen for", "the target date of";
    HistoryTheDueDateOf => "fristen for", "the due date of";
    HistoryCrisisPlanReviewDate => "kriseplanens gjennomgangsdato", "the crisis plan's review date";
    HistoryWrote => "skrev", "wrote";
    HistoryChanged => "endret", "changed";
    HistoryFrom => "fra", "from";
    HistoryTo => "til", "to";
    HistoryMoved => "flyttet", "moved";
    HistorySetTheCoordinatorTo => "satte koordinator til", "set the coordinator to";
    HistoryAddedParticipant => "la til deltaker", "added participant";
    HistoryRemovedParticipant => "fjernet deltaker", "removed participant";
    HistoryChangedTheRoleOf => "endret rollen til", "changed the role of";
    HistoryRecordedAConsent => "registrerte et samtykke", "recorded a consent";
    HistoryRemovedAConsent => "fjernet et samtykke", "removed a consent";
    HistoryChangedWhatAConsentShares => "endret hva som deles i et samtykke", "changed what a consent shares";
    HistoryAddedTheGoal => "la til målet", "added the goal";
    HistoryRemovedTheGoal => "fjernet målet", "removed the goal";
    HistoryMovedTheLifeDomainOf => "flyttet livsområdet for", "moved the life domain of";
    HistorySetTheStatusOf => "satte status for", "set the status of";
    HistoryRated => "vurderte", "rated";
    HistoryAt => "til", "at";
    HistoryRemovedARatingOf => "fjernet en vurdering av", "removed a rating of";
    HistoryEvaluated => "evaluerte", "evaluated";
    HistoryRemovedAnEvaluationOf => "fjernet en evaluering av", "removed an evaluation of";
    HistoryAddedTheAction => "la til tiltaket", "added the action";
    HistoryRemovedTheAction => "fjernet tiltaket", "removed the action";
    HistorySet => "satte", "set";
    HistoryOpen => "åpent", "open";
    HistoryDone => "utført", "done";
    HistoryCancelled => "avlyst", "cancelled";
    HistoryGave => "ga", "gave";
    HistoryLinkedGoalsTo => "koblet mål til", "linked goals to";
    HistoryFollowedUp => "fulgte opp", "followed up";
    HistoryAddedTheContact => "la til kontakten", "added the contact";
    HistoryRemovedTheContact => "fjernet kontakten", "removed the contact";
    HistoryCreatedTheMeetingOf => "opprettet møtet", "created the meeting of";
    HistoryDeletedAMeeting => "slettet et møte", "deleted a meeting";
    HistoryChangedAMeetingTime => "endret et møtetidspunkt", "changed a meeting time";
    HistorySetTheChairTo => "satte møteleder til", "set the chair to";
    HistorySetTheNoteTakerTo => "satte referent til", "set the note-taker to";
    HistoryMarked => "registrerte", "marked";
    HistoryPresent => "til stede", "present";
    HistoryAsSentApologies => "med forfall", "as sent apologies";
    HistoryAbsent => "fraværende", "absent";
    HistoryWithNoAttendance => "uten oppmøte", "with no attendance";
    HistoryAddedTheAgendaItem => "la til saken", "added the agenda item";
    HistoryRemovedAnAgendaItem => "fjernet en sak", "removed an agenda item";
    HistoryRecordedTimeOnAnAgendaItem => "registrerte tid brukt på en sak", "recorded time on an agenda item";
    HistoryLinkedGoalsAndActionsToAnAgendaItem => "koblet mål og tiltak til en sak", "linked goals and actions to an agenda item";
    HistoryChoseWhoReceivesTheMinutes => "valgte hvem som får referatet", "chose who receives the minutes";
    HistoryEndedTheMeeting => "avsluttet møtet", "ended the meeting";
    HistoryReopenedTheMeeting => "åpnet møtet igjen", "reopened the meeting";
    HistoryApprovedTheMinutes => "godkjente referatet", "approved the minutes";
    HistoryWithdrewApprovalOfTheMinutes => "trakk godkjenningen av referatet", "withdrew approval of the minutes";
    HistoryCreatedAForm => "opprettet et skjema", "created a form";
    HistoryRemovedAForm => "fjernet et skjema", "removed a form";
    HistoryFilledInAForm => "fylte ut et skjema", "filled in a form";
    HistoryMadeAChange => "gjorde en endring", "made a change";
    HistoryAccessLog => "Tilgangslogg: hvem har åpnet og eksportert saken", "Access log: who opened and exported the case";
    HistoryAccessNone => "Ingen tilgang er logget ennå.", "No access logged yet.";
    HistoryAccessOpened => "åpnet saken", "opened the case";
    HistoryAccessPlanPdf => "eksporterte planen som PDF", "exported the plan as PDF";
    HistoryAccessMinutesPdf => "eksporterte et referat som PDF", "exported minutes as PDF";
    HistoryAccessFhir => "eksporterte saken som FHIR", "exported the case as FHIR";
    HistoryAccessFor => "for {}", "for {}";
    HistoryAccessWhole => "(hele saken)", "(the whole case)";
    HistoryAccessNotice => "lagde møteinnkalling", "made a meeting notice";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_both_languages() {
        for s in S::ALL {
            for lang in [Lang::Nb, Lang::En] {
                assert!(!s.get(lang).trim().is_empty(), "{s:?} is empty in {lang:?}");
            }
            let holes = |l| s.get(l).matches("{}").count();
            assert_eq!(
                holes(Lang::Nb),
                holes(Lang::En),
                "{s:?}: placeholders differ"
            );
        }
    }

    #[test]
    fn fill_puts_arguments_in_order() {
        assert_eq!(
            S::GoalsInDomain.fill(Lang::En, &["health"]),
            "goals in health"
        );
    }
}
