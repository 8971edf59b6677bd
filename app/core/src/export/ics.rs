//! A meeting as an iCalendar invitation (RFC 5545, with the iTIP methods of RFC 5546).
//!
//! Written here rather than with a crate: one event with a dozen properties is a page of code,
//! and the rules that matter (CRLF, folding at 75 octets on character boundaries, escaped text,
//! times in UTC) are easier to check in one place than through a builder's defaults. The tests
//! read the output back with a real parser (the `icalendar` crate).

use chrono::{DateTime, Utc};

/// Someone on the invitation: a name and an e-mail address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarPerson {
    pub name: String,
    pub email: String,
}

/// One meeting as a calendar event.
#[derive(Clone, Debug)]
pub struct Invitation {
    /// The same for every version of the meeting, so a calendar updates the event it has.
    pub uid: String,
    /// Rises each time the meeting's time changes (RFC 5545 3.8.7.4).
    pub sequence: u32,
    /// When this invitation was made (from the app's clock).
    pub stamp: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub location: String,
    pub description: String,
    pub organizer: Option<CalendarPerson>,
    pub attendees: Vec<CalendarPerson>,
    /// The meeting is called off: METHOD:CANCEL and STATUS:CANCELLED.
    pub cancelled: bool,
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: quoted, without the characters a quoted value may not hold.
fn param(s: &str) -> String {
    let clean: String = s.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    format!("\"{clean}\"")
}

/// An address fit for a `mailto:` URI, or none: one `@`, no spaces, quotes or control
/// characters (an address that is not one is left off rather than breaking the file).
fn mail_address(s: &str) -> Option<String> {
    let s = s.trim();
    let ok = s.matches('@').count() == 1
        && !s.starts_with('@')
        && !s.ends_with('@')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | ','));
    ok.then(|| s.to_string())
}

/// Folds a content line at 75 octets, never inside a character; continuation lines start with
/// one space (RFC 5545 3.1).
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

/// A person property (ORGANIZER, ATTENDEE), or none when they have no usable address.
fn person_line(name: &str, params: &str, p: &CalendarPerson) -> Option<String> {
    let email = mail_address(&p.email)?;
    Some(format!(
        "{name};CN={}{params}:mailto:{email}",
        param(&p.name)
    ))
}

impl Invitation {
    /// The invitation as an `.ics` file: one VCALENDAR with one VEVENT.
    pub fn to_ics(&self) -> String {
        let mut lines: Vec<String> = vec![
            "BEGIN:VCALENDAR".into(),
            "VERSION:2.0".into(),
            format!("PRODID:-//Ansvar//Ansvar {}//NB", env!("CARGO_PKG_VERSION")),
            "CALSCALE:GREGORIAN".into(),
            if self.cancelled {
                "METHOD:CANCEL".into()
            } else {
                "METHOD:REQUEST".into()
            },
            "BEGIN:VEVENT".into(),
            format!("UID:{}", escape_text(&self.uid)),
            format!("SEQUENCE:{}", self.sequence),
            format!("DTSTAMP:{}", utc(self.stamp)),
            format!("DTSTART:{}", utc(self.start)),
            format!("DTEND:{}", utc(self.end.max(self.start))),
            format!("SUMMARY:{}", escape_text(&self.summary)),
        ];
        if !self.location.trim().is_empty() {
            lines.push(format!("LOCATION:{}", escape_text(&self.location)));
        }
        if !self.description.trim().is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape_text(&self.description)));
        }
        lines.push(if self.cancelled {
            "STATUS:CANCELLED".into()
        } else {
            "STATUS:CONFIRMED".into()
        });
        if let Some(o) = &self.organizer
            && let Some(l) = person_line("ORGANIZER", "", o)
        {
            lines.push(l);
        }
        for a in &self.attendees {
            if let Some(l) = person_line(
                "ATTENDEE",
                ";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE",
                a,
            ) {
                lines.push(l);
            }
        }
        lines.push("END:VEVENT".into());
        lines.push("END:VCALENDAR".into());
        lines.iter().map(|l| fold(l)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let line = format!("DESCRIPTION:{}", "æ".repeat(100));
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), line);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn an_address_that_is_not_one_is_left_off() {
        assert_eq!(
            mail_address("per@example.no"),
            Some("per@example.no".into())
        );
        assert_eq!(mail_address("per@example.no\r\nX-EVIL:1"), None);
        assert_eq!(mail_address("no address"), None);
        assert_eq!(mail_address(""), None);
    }
}
