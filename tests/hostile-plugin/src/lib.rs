//! A test fixture for the plugin host. By default a tiny, well-behaved form plugin
//! (`no.test.fiendtlig` 1.0.0, two fields). Each cargo feature turns it hostile in one way:
//!
//! | feature            | behaviour                                                    |
//! |--------------------|--------------------------------------------------------------|
//! | `old-version`      | reports version 0.9.0 (a downgrade of the default)           |
//! | `loop`             | `validate` never returns                                     |
//! | `memory-bomb`      | `validate` allocates until the allocation fails              |
//! | `panic`            | `validate` panics                                            |
//! | `huge-result`      | `summarize` returns 4 MiB of text                            |
//! | `malformed-result` | `validate` returns a string that is not UTF-8                |
//! | `garbage-manifest` | the manifest has id `NOT VALID` and version `banana`         |
//! | `crisis-roles`     | well-behaved, on what API 0.2 added: id `no.test.kriseroller`, |
//! |                    | a time-of-day field `at`, asks for the crisis plan's contacts' |
//! |                    | roles and summarises them                                    |
//! | `update`           | well-behaved version 1.1.0 (a catalogue's update)            |
//! | `update-asks-more` | well-behaved version 1.2.0 that also asks for the person's name |
//!
//! Built by `scripts/build-plugins.sh` into `target/plugins/hostile-<feature>.wasm`.

use ansvar_plugin_api::prelude::*;

pub struct Hostile;

pub const ID: &str = if cfg!(feature = "garbage-manifest") {
    "NOT VALID"
} else if cfg!(feature = "crisis-roles") {
    "no.test.kriseroller"
} else {
    "no.test.fiendtlig"
};

pub const VERSION: &str = if cfg!(feature = "garbage-manifest") {
    "banana"
} else if cfg!(feature = "old-version") {
    "0.9.0"
} else if cfg!(feature = "update") {
    "1.1.0"
} else if cfg!(feature = "update-asks-more") {
    "1.2.0"
} else {
    "1.0.0"
};

impl Plugin for Hostile {
    fn manifest() -> PluginManifest {
        let manifest = PluginManifest::new(
            ID,
            loc("Fiendtlig testutvidelse", "Hostile test plugin"),
            loc(
                "Brukes bare i testene av utvidelsesverten.",
                "Used only in the tests of the plugin host.",
            ),
            VERSION,
            "Testkommune",
        );
        if cfg!(feature = "crisis-roles") {
            manifest.capability(Capability::CrisisContactRoles)
        } else if cfg!(feature = "update-asks-more") {
            manifest.capability(Capability::PersonName)
        } else {
            manifest
        }
    }

    fn form() -> FormDefinition {
        let main = Section::new("main", loc("Hoveddel", "Main"))
            .field(Field::new("note", loc("Notat", "Note"), kind::short_text()).required())
            .field(Field::new(
                "count",
                loc("Antall", "Count"),
                kind::number(NumberSpec::range(0.0, 10.0).integer()),
            ));
        let main = if cfg!(feature = "crisis-roles") {
            main.field(Field::new("at", loc("Klokkeslett", "Time"), kind::time_of_day()).required())
        } else {
            main
        };
        FormDefinition::new(loc("Testskjema", "Test form")).section(main)
    }

    fn validate(data: Record<'_>, _context: &CaseContext) -> Vec<FieldMessage> {
        hostile_validate();
        let mut out = Vec::new();
        if data.text("note") == Some("forbudt") {
            out.push(FieldMessage::error(
                "note",
                "Dette ordet er ikke lov her.",
                "That word is not allowed here.",
            ));
        }
        malformed(out)
    }

    fn summarize(data: Record<'_>, context: &CaseContext) -> Vec<SummaryLine> {
        if cfg!(feature = "huge-result") {
            let text = "x".repeat(4 * 1024 * 1024);
            return vec![SummaryLine::new(text.clone(), text)];
        }
        if cfg!(feature = "crisis-roles") {
            let roles: Vec<&str> = context.crisis_contact_roles().collect();
            let at = data
                .time_of_day("at")
                .map(|t| t.to_string())
                .unwrap_or_default();
            return vec![
                SummaryLine::new(format!("Klokka {at}"), format!("At {at}")),
                SummaryLine::new(
                    format!("Kriseplanen har: {}", roles.join(", ")),
                    format!("The crisis plan has: {}", roles.join(", ")),
                ),
            ];
        }
        let note = data.text("note").unwrap_or("");
        vec![SummaryLine::new(
            format!("Notat: {note}"),
            format!("Note: {note}"),
        )]
    }

    fn computed(data: Record<'_>, _context: &CaseContext) -> Vec<ComputedValue> {
        let count = data.number("count").unwrap_or(0.0);
        vec![
            ComputedValue::new(
                "double",
                loc("Dobbelt antall", "Double count"),
                loc((count * 2.0).to_string(), (count * 2.0).to_string()),
            )
            .number(count * 2.0),
        ]
    }
}

/// Whatever the enabled feature makes `validate` do before its real work.
fn hostile_validate() {
    #[cfg(feature = "loop")]
    {
        let mut n: u64 = 0;
        loop {
            n = std::hint::black_box(n.wrapping_add(1));
        }
    }
    #[cfg(feature = "memory-bomb")]
    {
        let mut hoard: Vec<Vec<u8>> = Vec::new();
        loop {
            hoard.push(vec![1u8; 1024 * 1024]);
            std::hint::black_box(&hoard);
        }
    }
    #[cfg(feature = "panic")]
    {
        panic!("the hostile plugin panics on purpose");
    }
}

/// With `malformed-result`, `validate` adds a message whose text is not UTF-8: the host must
/// refuse to lift it rather than trust it.
#[cfg(feature = "malformed-result")]
fn malformed(mut messages: Vec<FieldMessage>) -> Vec<FieldMessage> {
    // SAFETY: deliberately not UTF-8; that is what this fixture is for. The bytes are never
    // read as text inside the plugin, only handed to the host.
    let bad = unsafe { String::from_utf8_unchecked(vec![0xff, 0xfe, 0x80, b'!']) };
    messages.push(FieldMessage {
        path: "note".into(),
        severity: Severity::Error,
        message: Localized {
            nb: bad.clone(),
            en: bad,
        },
    });
    messages
}

#[cfg(not(feature = "malformed-result"))]
fn malformed(messages: Vec<FieldMessage>) -> Vec<FieldMessage> {
    messages
}

export_plugin!(Hostile);

#[cfg(test)]
mod tests {
    use super::*;
    use ansvar_plugin_api::run_validate;

    #[test]
    fn the_default_fixture_is_well_behaved() {
        let ctx = CaseContext::today_only("2025-10-20");
        assert_eq!(run_validate::<Hostile>(r#"{"note":"hei"}"#, &ctx), vec![]);
        let paths: Vec<String> = run_validate::<Hostile>(r#"{"count":11}"#, &ctx)
            .into_iter()
            .map(|m| m.path)
            .collect();
        assert_eq!(paths, vec!["note", "count"]);
        assert_eq!(Hostile::manifest().id, "no.test.fiendtlig");
    }
}
