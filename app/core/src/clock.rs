//! The one clock. Everything that needs "now", "today" or the local time of a stored instant
//! asks a [`Clock`]; only [`Clock::system`] reads the computer's clock and time zone. Tests
//! and the demo data use a [`Clock::fixed`] clock in a fixed zone, so they give the same
//! result on any date and in any time zone.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{
    DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc,
};

/// Where the time comes from, and in which zone it is shown. Cheap to clone; clones of a
/// fixed clock share its time, so moving one moves all.
#[derive(Clone)]
pub struct Clock {
    source: Source,
    zone: Zone,
}

#[derive(Clone)]
enum Source {
    System,
    Fixed(Arc<Mutex<DateTime<Utc>>>),
}

#[derive(Clone, Copy)]
enum Zone {
    System,
    Fixed(FixedOffset),
}

impl Clock {
    /// The computer's clock and time zone: the app and the CLI use this one.
    pub fn system() -> Clock {
        Clock {
            source: Source::System,
            zone: Zone::System,
        }
    }

    /// A clock standing at `at`, in UTC, until it is moved with [`Clock::set`] or
    /// [`Clock::advance`].
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock {
            source: Source::Fixed(Arc::new(Mutex::new(at))),
            zone: Zone::Fixed(Utc.fix()),
        }
    }

    /// A fixed clock at noon UTC of `day`.
    pub fn at_noon(day: NaiveDate) -> Clock {
        let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default();
        Clock::fixed(Utc.from_utc_datetime(&noon))
    }

    /// The same clock, showing times in `offset` instead.
    pub fn in_zone(mut self, offset: FixedOffset) -> Clock {
        self.zone = Zone::Fixed(offset);
        self
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &self.source {
            Source::System => Utc::now(),
            Source::Fixed(at) => *at.lock().unwrap_or_else(PoisonError::into_inner),
        }
    }

    /// Today's date where the user is.
    pub fn today(&self) -> NaiveDate {
        self.local(self.now()).date()
    }

    /// Moves a fixed clock to `at`; the system clock cannot be moved.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Source::Fixed(now) = &self.source {
            *now.lock().unwrap_or_else(PoisonError::into_inner) = at;
        }
    }

    /// Moves a fixed clock forward (or back, for a negative `by`).
    pub fn advance(&self, by: TimeDelta) {
        let at = self.now();
        self.set(at.checked_add_signed(by).unwrap_or(at));
    }

    fn offset_at(&self, utc: &NaiveDateTime) -> FixedOffset {
        match self.zone {
            Zone::System => Local.offset_from_utc_datetime(utc).fix(),
            Zone::Fixed(offset) => offset,
        }
    }

    /// A stored UTC time on the user's wall clock. Never panics: a time at the very edge of
    /// chrono's range (only a damaged or hostile file holds one) is shown as UTC instead.
    pub fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        let utc = t.naive_utc();
        utc.checked_add_offset(self.offset_at(&utc)).unwrap_or(utc)
    }

    /// The local date of a stored time.
    pub fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        self.local(t).date()
    }

    /// A wall-clock time the user typed, as UTC; `None` when it does not exist or is
    /// ambiguous there (the hour skipped or repeated when summer time starts or ends).
    pub fn from_local(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self.zone {
            Zone::System => Local
                .from_local_datetime(&local)
                .single()
                .map(|t| t.with_timezone(&Utc)),
            Zone::Fixed(offset) => offset
                .from_local_datetime(&local)
                .single()
                .map(|t| t.with_timezone(&Utc)),
        }
    }

    /// A stored time as date and clock time: 24.11.2026 09:00.
    pub fn date_time(&self, t: DateTime<Utc>) -> String {
        let l = self.local(t);
        format!("{} {}", crate::i18n::date(l.date()), l.format("%H:%M"))
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.source {
            Source::System => f.write_str("Clock::system"),
            Source::Fixed(_) => write!(f, "Clock::fixed({})", self.now()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_gives_the_same_day_in_every_zone_of_the_machine() {
        let c = Clock::fixed(Utc.with_ymd_and_hms(2026, 11, 24, 23, 30, 0).unwrap());
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        let oslo = c.clone().in_zone(FixedOffset::east_opt(3600).unwrap());
        assert_eq!(oslo.today(), NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        assert_eq!(oslo.date_time(oslo.now()), "25.11.2026 00:30");
    }

    #[test]
    fn clones_of_a_fixed_clock_move_together() {
        let c = Clock::at_noon(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let d = c.clone();
        c.advance(TimeDelta::days(1));
        assert_eq!(d.today(), NaiveDate::from_ymd_opt(2026, 1, 2).unwrap());
    }

    #[test]
    fn times_at_the_ends_of_chronos_range_are_shown_not_panicked_on() {
        // A damaged or hostile file may hold them; the case list formats every next meeting.
        for zone in [Clock::system(), Clock::at_noon(NaiveDate::MIN)] {
            for t in [DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC] {
                assert!(!zone.date_time(t).is_empty());
                let _ = zone.local_date(t);
            }
        }
    }

    #[test]
    fn a_typed_time_round_trips_through_the_zone() {
        let c = Clock::at_noon(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap())
            .in_zone(FixedOffset::east_opt(2 * 3600).unwrap());
        let typed = NaiveDate::from_ymd_opt(2026, 6, 3)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let utc = c.from_local(typed).unwrap();
        assert_eq!(utc, Utc.with_ymd_and_hms(2026, 6, 3, 7, 0, 0).unwrap());
        assert_eq!(c.local(utc), typed);
    }
}
