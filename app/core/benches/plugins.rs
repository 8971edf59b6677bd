//! Plugin host benchmarks: first load (compile) of each real plugin, cached load (compiled form
//! from the disk cache), instantiate, one validate call with realistic data, and how long a
//! runaway call runs before it is stopped. Results go in BENCHMARKS.md ("## Plugins").
//!
//! Needs the components from `bash scripts/build-plugins.sh`.

use std::path::Path;
use std::time::Duration;

use ansvar_core::plugins::PluginError;
use ansvar_core::plugins::api::CaseContext;
use ansvar_core::plugins::host::PluginHost;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

const PLUGIN_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/plugins/");

/// (component file, realistic form data)
const PLUGINS: [(&str, &str); 2] = [
    (
        "ips-follow-up",
        r#"{
        "job-goal": "Jobbe i butikk, helst med varer og lager",
        "disclosure": "partial",
        "disclosure-details": "Kan si at jeg har hatt en lang pause fra jobb.",
        "employer-contacts": [
            {"date": "2025-08-04", "employer": "Lagerhuset Nord", "contact-type": "visit", "outcome": "no-opening"},
            {"date": "2025-09-25", "employer": "Fjordvik Handel", "contact-type": "phone", "outcome": "follow-up"},
            {"date": "2025-10-01", "employer": "Fjordvik Handel", "contact-type": "visit", "outcome": "interview"},
            {"date": "2025-10-06", "employer": "Fjordvik Handel", "contact-type": "interview", "outcome": "job-offer"}
        ],
        "job-started": true,
        "start-date": "2025-10-12",
        "start-employer": "Fjordvik Handel",
        "hours-per-week": 20,
        "hourly-wage": 195.5,
        "weekly-support": true,
        "benefits-counselling-date": "2025-09-30",
        "benefits-topics": ["aap", "tax"]
    }"#,
    ),
    (
        "housing-checklist",
        r#"{
        "contract-type": "private",
        "contract-expires": "2025-12-31",
        "monthly-rent": 9000,
        "rent-arrears": true,
        "arrears-amount": 12500,
        "housing-allowance": "not-applied",
        "follow-up-frequency": "weekly",
        "practical-training": ["cooking", "bills"],
        "neighbour-relations": "complaints",
        "complaints-count": 2
    }"#,
    ),
];

fn wasm(name: &str) -> Vec<u8> {
    let path = Path::new(PLUGIN_DIR).join(format!("{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. Build the plugins first: bash scripts/build-plugins.sh",
            path.display()
        )
    })
}

fn bench_dir() -> tempfile::TempDir {
    // Beside the build, on the project's disk (not a RAM-backed /tmp).
    tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir")
}

fn context() -> CaseContext {
    CaseContext {
        today: "2025-10-20".into(),
        ..CaseContext::default()
    }
}

/// Compile from scratch into an empty cache, as on the first start after installing.
fn first_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("plugin_first_load");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    for (name, _) in PLUGINS {
        let bytes = wasm(name);
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let dir = bench_dir();
                    let host = PluginHost::new(Some(dir.path().to_path_buf())).expect("host");
                    (dir, host)
                },
                |(dir, host)| {
                    host.load(&bytes).expect("load");
                    (dir, host)
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// Load when the compiled form is in the disk cache: what every start of the app pays.
fn cached_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("plugin_cached_load");
    for (name, _) in PLUGINS {
        let bytes = wasm(name);
        let dir = bench_dir();
        let host = PluginHost::new(Some(dir.path().to_path_buf())).expect("host");
        host.load(&bytes).expect("first load fills the cache");
        group.bench_function(name, |b| b.iter(|| host.load(&bytes).expect("load")));
    }
    group.finish();
}

/// A fresh sandboxed instance, which every call gets.
fn instantiate(c: &mut Criterion) {
    let mut group = c.benchmark_group("plugin_instantiate");
    let host = PluginHost::new(None).expect("host");
    for (name, _) in PLUGINS {
        let plugin = host.load(&wasm(name)).expect("load");
        group.bench_function(name, |b| {
            b.iter(|| plugin.instantiate_only().expect("instantiate"))
        });
    }
    group.finish();
}

/// One validate call with realistic form data (instance included).
fn validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("plugin_validate");
    let host = PluginHost::new(None).expect("host");
    let ctx = context();
    for (name, data) in PLUGINS {
        let plugin = host.load(&wasm(name)).expect("load");
        assert!(plugin.validate(data, &ctx).is_ok());
        group.bench_function(name, |b| {
            b.iter(|| plugin.validate(data, &ctx).expect("validate"))
        });
    }
    group.finish();
}

/// From the call to its `TimeLimit` error, for a plugin that loops forever.
fn runaway_stop(c: &mut Criterion) {
    let mut group = c.benchmark_group("plugin_runaway");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    let host = PluginHost::new(None).expect("host");
    let looping = host.load(&wasm("hostile-loop")).expect("load");
    let ctx = context();
    group.bench_function("loop_stopped", |b| {
        b.iter(|| match looping.validate("{}", &ctx) {
            Err(PluginError::TimeLimit { .. }) => {}
            other => panic!("expected TimeLimit, got {other:?}"),
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    first_load,
    cached_load,
    instantiate,
    validate,
    runaway_stop
);
criterion_main!(benches);
