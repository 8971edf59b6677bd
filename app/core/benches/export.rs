//! Document export benchmarks on a synthetic large case (60 goals, 400 actions, 50 meetings):
//! the complete IP as PDF (target ≤ 150 ms), the latest meeting's minutes as PDF, the whole
//! case as a FHIR R4 Bundle, and importing that Bundle back (parse and check, no store).
//! Results go in BENCHMARKS.md ("Documents").

use std::time::Duration;

use ansvar_core::export::pdf::{self, PdfOptions};
use ansvar_core::export::{PluginSections, fhir, sample};
use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

fn documents(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let whole = sample::large_case(60, 400, 50, today);
    // The coordinator's complete documents: the view borrows the case, as the app's export does.
    let case = ansvar_core::consent::CaseView::everything(&whole);
    let forms = PluginSections::none();
    let opts = PdfOptions::complete(&ansvar_core::clock::Clock::at_noon(today));
    let now = Utc
        .with_ymd_and_hms(2026, 11, 24, 12, 0, 0)
        .single()
        .expect("time");
    let latest = case.meetings.last().expect("meetings").id;

    // Parse the embedded fonts once, as the app does on its first export.
    let first = pdf::plan_pdf(&case, &forms, &opts).expect("pdf");
    let json = fhir::export_json(&case, &forms, now).expect("fhir");
    eprintln!(
        "large case: IP PDF {} KiB, FHIR {} KiB",
        first.len() / 1024,
        json.len() / 1024
    );

    let mut group = c.benchmark_group("export_large_case");
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("ip_pdf", |b| {
        b.iter(|| pdf::plan_pdf(&case, &forms, &opts).expect("pdf"))
    });
    group.bench_function("minutes_pdf", |b| {
        b.iter(|| pdf::minutes_pdf(&case, latest, &forms, &opts).expect("pdf"))
    });
    group.bench_function("fhir_export", |b| {
        b.iter(|| fhir::export_json(&case, &forms, now).expect("fhir"))
    });
    group.bench_function("fhir_parse_for_import", |b| {
        b.iter(|| {
            fhir::parse_bundle(
                &json,
                NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default(),
            )
            .expect("parse")
        })
    });
    group.finish();
}

criterion_group!(benches, documents);
criterion_main!(benches);
