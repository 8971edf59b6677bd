//! The coordinator's week over 10,000 cases: computed from the case index alone (no case
//! decoded). Results in BENCHMARKS.md.

use ansvar_core::clock::Clock;
use ansvar_core::export::sample::caseload_case;
use ansvar_core::store::CaseSummary;
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

fn week(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    let clock = Clock::at_noon(today);
    // The index entries as `Store::list_cases` returns them.
    let cases: Vec<CaseSummary> = (0..10_000)
        .map(|i| CaseSummary::of(&caseload_case(i, today)))
        .collect();
    let week = ansvar_core::week::week(&cases, &clock);
    println!(
        "10,000 cases: {} lines ({} overdue actions)",
        week.lines.len(),
        week.group(ansvar_core::week::Group::OverdueActions).count()
    );
    let mut group = c.benchmark_group("week");
    group.bench_function("compute_10000_cases", |b| {
        b.iter(|| std::hint::black_box(ansvar_core::week::week(&cases, &clock)))
    });
    // The facts as each edit writes them into the index (one case).
    let one = caseload_case(1, today);
    group.bench_function("index_entry_of_one_case", |b| {
        b.iter(|| std::hint::black_box(CaseSummary::of(&one)))
    });
    group.finish();
}

criterion_group!(benches, week);
criterion_main!(benches);
