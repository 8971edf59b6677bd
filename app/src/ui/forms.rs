//! Forms: each installed plugin's form, rendered by the app from the fields the plugin declared,
//! with the plugin's validation messages inline and its summary and computed values.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use ansvar_plugin_api::logic::TimeOfDay;
use egui::{RichText, Ui};
use serde_json::{Map, Value};

use super::command::AskPlugin;
use super::plugins::{Answer, PluginsUi};
use super::theme::warn_color;
use super::widgets::parse_date;
use super::{Command, PluginCommand, S, View};
use crate::domain::{Edit, FormEntry, FormEntryId, Section};
use crate::i18n::Lang;
use crate::plugins::api::{FieldKind, FieldMessage, Localized, Severity, ValueKind, visible};
use crate::plugins::context;
use crate::plugins::service::PluginInfo;
use crate::plugins::validate::value_kind;

/// The forms panel's own state.
#[derive(Default)]
pub struct FormsUi {
    /// The data and context (by hash) each entry's last question to the plugin service was
    /// about, for the whole case and for the room's view.
    asked: HashMap<(FormEntryId, bool), u64>,
}

fn loc(l: &Localized, lang: Lang) -> &str {
    l.get(lang)
}

fn hash(s: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// What someone types for a time: "9:30", "09.30", "0930" or "9" all mean 09:30 or 09:00.
fn typed_time(text: &str) -> Option<TimeOfDay> {
    let t = text.trim().replace('.', ":");
    let (h, m) = match t.split_once(':') {
        Some((h, m)) => (h.to_string(), m.to_string()),
        None if t.len() > 2 => {
            let (h, m) = t.split_at(t.len() - 2);
            (h.to_string(), m.to_string())
        }
        None => (t.clone(), "00".to_string()),
    };
    TimeOfDay::parse(&format!("{h:0>2}:{m}"))
}

fn messages_for<'a>(
    messages: &'a [FieldMessage],
    path: &str,
) -> impl Iterator<Item = &'a FieldMessage> {
    messages.iter().filter(move |m| m.path == path)
}

fn show_messages(ui: &mut Ui, lang: Lang, messages: &[FieldMessage], path: &str) {
    for m in messages_for(messages, path) {
        let color = match m.severity {
            Severity::Error => warn_color(),
            Severity::Warning => egui::Color32::from_rgb(180, 120, 0),
            Severity::Info => ui.visuals().weak_text_color(),
        };
        ui.colored_label(color, loc(&m.message, lang));
    }
}

/// One value widget; returns the new value when the user changed it.
fn value_widget(
    ui: &mut Ui,
    lang: Lang,
    id: &str,
    label: &str,
    kind: &ValueKind,
    value: Option<&Value>,
) -> Option<Value> {
    let l = ui.label(label);
    let mut changed = None;
    match kind {
        ValueKind::ShortText | ValueKind::LongText => {
            let mut text = value.and_then(Value::as_str).unwrap_or("").to_string();
            let edit = if matches!(kind, ValueKind::LongText) {
                egui::TextEdit::multiline(&mut text).desired_rows(2)
            } else {
                egui::TextEdit::singleline(&mut text)
            };
            if ui
                .add(edit.desired_width(f32::INFINITY))
                .labelled_by(l.id)
                .changed()
            {
                changed = Some(Value::String(text));
            }
        }
        ValueKind::Number(spec) => {
            let key = ui.make_persistent_id(("num", id));
            let shown = value
                .and_then(Value::as_f64)
                .map(|n| n.to_string())
                .unwrap_or_default();
            let mut text: String = ui.data_mut(|d| d.get_temp(key)).unwrap_or(shown);
            let r = ui
                .add(egui::TextEdit::singleline(&mut text).desired_width(100.0))
                .labelled_by(l.id);
            if let Some(unit) = &spec.unit {
                ui.label(loc(unit, lang));
            }
            if r.changed() {
                ui.data_mut(|d| d.insert_temp(key, text.clone()));
                let t = text.trim().replace(',', ".");
                if t.is_empty() {
                    changed = Some(Value::Null);
                } else if let Some(n) = t.parse::<f64>().ok().and_then(serde_json::Number::from_f64)
                {
                    changed = Some(Value::Number(n));
                }
            }
            if r.lost_focus() {
                ui.data_mut(|d| d.remove::<String>(key));
            }
        }
        ValueKind::Date => {
            let key = ui.make_persistent_id(("date", id));
            let shown = value
                .and_then(Value::as_str)
                .and_then(parse_date)
                .map(crate::i18n::date)
                .unwrap_or_default();
            let mut text: String = ui.data_mut(|d| d.get_temp(key)).unwrap_or(shown);
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .hint_text(S::DateHint.get(lang))
                        .desired_width(110.0),
                )
                .labelled_by(l.id);
            if r.changed() {
                ui.data_mut(|d| d.insert_temp(key, text.clone()));
            }
            if r.lost_focus() {
                ui.data_mut(|d| d.remove::<String>(key));
                changed = match parse_date(&text) {
                    Some(d) => Some(Value::String(d.format("%Y-%m-%d").to_string())),
                    None if text.trim().is_empty() => Some(Value::Null),
                    None => None,
                };
            }
        }
        ValueKind::TimeOfDay => {
            let key = ui.make_persistent_id(("time", id));
            let shown = value
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let mut text: String = ui.data_mut(|d| d.get_temp(key)).unwrap_or(shown);
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .hint_text(S::TimeHint.get(lang))
                        .desired_width(70.0),
                )
                .labelled_by(l.id);
            if r.changed() {
                ui.data_mut(|d| d.insert_temp(key, text.clone()));
            }
            let typed = typed_time(&text);
            if r.lost_focus() {
                changed = match typed {
                    Some(t) => Some(Value::String(t.to_string())),
                    None if text.trim().is_empty() => Some(Value::Null),
                    None => None,
                };
                // What cannot be read stays in the box, with the message below, to be fixed.
                if changed.is_some() {
                    ui.data_mut(|d| d.remove::<String>(key));
                }
            }
            if typed.is_none() && !text.trim().is_empty() && !r.has_focus() {
                ui.colored_label(warn_color(), S::BadTime.get(lang));
            }
        }
        ValueKind::SingleChoice(options) => {
            let current = value.and_then(Value::as_str).unwrap_or("");
            let shown = options
                .iter()
                .find(|o| o.value == current)
                .map(|o| loc(&o.label, lang))
                .unwrap_or("–");
            egui::ComboBox::from_id_salt(("choice", id))
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for o in options {
                        if ui
                            .selectable_label(o.value == current, loc(&o.label, lang))
                            .clicked()
                        {
                            changed = Some(Value::String(o.value.clone()));
                        }
                    }
                })
                .response
                .labelled_by(l.id);
        }
        ValueKind::MultipleChoice(options) => {
            let selected: Vec<String> = value
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            ui.horizontal_wrapped(|ui| {
                for o in options {
                    let mut on = selected.contains(&o.value);
                    if ui.checkbox(&mut on, loc(&o.label, lang)).changed() {
                        let mut next: Vec<String> = selected
                            .iter()
                            .filter(|v| **v != o.value)
                            .cloned()
                            .collect();
                        if on {
                            next.push(o.value.clone());
                        }
                        changed = Some(Value::Array(next.into_iter().map(Value::String).collect()));
                    }
                }
            });
        }
        ValueKind::YesNo => {
            let current = value.and_then(Value::as_bool);
            ui.horizontal(|ui| {
                for (b, s) in [(true, S::Yes), (false, S::No)] {
                    let r = ui.selectable_label(current == Some(b), s.get(lang));
                    super::widgets::name_for_a11y(
                        &r,
                        Some(current == Some(b)),
                        format!("{label}: {}", s.get(lang)),
                    );
                    if r.clicked() {
                        changed = Some(Value::Bool(b));
                    }
                }
            });
        }
        ValueKind::Scale(_) => {
            let current = value.and_then(Value::as_i64);
            ui.horizontal(|ui| {
                for v in 1..=5i64 {
                    let r = ui.selectable_label(current == Some(v), v.to_string());
                    super::widgets::name_for_a11y(
                        &r,
                        Some(current == Some(v)),
                        format!("{label}: {v}"),
                    );
                    if r.clicked() {
                        changed = Some(Value::from(v));
                    }
                }
            });
        }
    }
    changed
}

/// Renders the whole form; returns the new data when anything changed.
fn render_form(
    ui: &mut Ui,
    lang: Lang,
    plugin: &PluginInfo,
    data: &Map<String, Value>,
    messages: &[FieldMessage],
) -> Option<Map<String, Value>> {
    let mut next: Option<Map<String, Value>> = None;
    show_messages(ui, lang, messages, "");
    for section in &plugin.form.sections {
        if !visible(&section.show_when, data) {
            continue;
        }
        ui.push_id(&section.id, |ui| {
            ui.label(
                RichText::new(loc(&section.title, lang))
                    .strong()
                    .size(super::theme::size::SUBHEADING),
            );
            for field in &section.fields {
                if !visible(&field.show_when, data) {
                    continue;
                }
                let label = format!(
                    "{}{}",
                    loc(&field.label, lang),
                    if field.required { " *" } else { "" }
                );
                if let Some(kind) = value_kind(&field.kind) {
                    if let Some(v) =
                        value_widget(ui, lang, &field.id, &label, &kind, data.get(&field.id))
                    {
                        let mut d = next.take().unwrap_or_else(|| data.clone());
                        d.insert(field.id.clone(), v);
                        next = Some(d);
                    }
                } else if let FieldKind::RepeatingGroup(group) = &field.kind {
                    ui.label(RichText::new(&label).strong());
                    let rows: Vec<Map<String, Value>> = data
                        .get(&field.id)
                        .and_then(Value::as_array)
                        .map(|a| a.iter().filter_map(|r| r.as_object().cloned()).collect())
                        .unwrap_or_default();
                    let mut new_rows = rows.clone();
                    let mut rows_changed = false;
                    for (i, row) in rows.iter().enumerate() {
                        egui::Frame::group(ui.style()).show(ui, |ui| {
                            ui.push_id((&field.id, i), |ui| {
                                for sub in &group.fields {
                                    if !visible(&sub.show_when, row) {
                                        continue;
                                    }
                                    let sub_label = format!(
                                        "{}{}",
                                        loc(&sub.label, lang),
                                        if sub.required { " *" } else { "" }
                                    );
                                    if let Some(v) = value_widget(
                                        ui,
                                        lang,
                                        &sub.id,
                                        &sub_label,
                                        &sub.kind,
                                        row.get(&sub.id),
                                    ) {
                                        new_rows[i].insert(sub.id.clone(), v);
                                        rows_changed = true;
                                    }
                                    show_messages(
                                        ui,
                                        lang,
                                        messages,
                                        &format!("{}[{i}].{}", field.id, sub.id),
                                    );
                                }
                                if ui.small_button(S::RemoveRow.get(lang)).clicked() {
                                    new_rows.remove(i);
                                    rows_changed = true;
                                }
                            });
                        });
                        if rows_changed {
                            break;
                        }
                    }
                    let full = group.max_rows.is_some_and(|m| rows.len() as u32 >= m);
                    if !full && ui.button(loc(&group.add_label, lang)).clicked() {
                        new_rows.push(Map::new());
                        rows_changed = true;
                    }
                    if rows_changed {
                        let mut d = next.take().unwrap_or_else(|| data.clone());
                        d.insert(
                            field.id.clone(),
                            Value::Array(new_rows.into_iter().map(Value::Object).collect()),
                        );
                        next = Some(d);
                    }
                }
                show_messages(ui, lang, messages, &field.id);
            }
        });
        ui.add_space(6.0);
    }
    next
}

pub fn show(
    ui: &mut Ui,
    view: &View,
    state: &mut FormsUi,
    plugins: &PluginsUi,
    out: &mut Vec<Command>,
) {
    let lang = view.lang;
    ui.heading(view.t(S::TabForms));
    if !view.shows(Section::Forms) {
        super::widgets::not_shared(ui, lang);
        return;
    }
    if plugins.busy == Some("load") {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(view.t(S::LoadingPlugins));
        });
    }
    if plugins.installed.is_empty() {
        ui.label(view.t(S::NoPlugins));
    }
    for installed in &plugins.installed {
        let id = &installed.manifest.id;
        let name = loc(&installed.manifest.name, lang).to_string();
        let has_entry = view.case.forms.iter().any(|f| &f.plugin_id == id);
        if let Some(f) = &installed.failing {
            ui.colored_label(
                warn_color(),
                format!("{name}: {} ({f})", view.t(S::PluginFailing)),
            );
        }
        if !has_entry
            && plugins.plugin(id).is_some()
            && ui
                .button(format!("{} {name}", view.t(S::NewForm)))
                .clicked()
        {
            let now = view.clock.now();
            out.push(Command::edit(Edit::InsertFormEntry {
                index: crate::domain::AT_END,
                entry: FormEntry {
                    id: FormEntryId::new(),
                    plugin_id: id.clone(),
                    plugin_version: installed.manifest.version.clone(),
                    data: "{}".into(),
                    created: now,
                    updated: now,
                },
            }));
        }
    }
    for entry in &view.case.forms {
        ui.separator();
        let Some(plugin) = plugins.plugin(&entry.plugin_id) else {
            show_unrun(ui, view, plugins, entry);
            continue;
        };
        let granted = plugins
            .installed
            .iter()
            .find(|p| p.manifest.id == entry.plugin_id)
            .map(|p| p.granted.clone())
            .unwrap_or_default();
        // The plugin reads the case as the audience may see it, so that its summary and
        // computed values hold nothing the room may not see.
        let context = context::build(view.case, &granted, view.today);
        let h = hash(&format!("{}\u{0}{context:?}", entry.data));
        let key = (entry.id, view.case.is_full());
        let current = plugins.answers.get(&key).map(|v| v.data_hash);
        let waiting = current != Some(h) && plugins.service.is_some();
        if waiting && state.asked.get(&key) != Some(&h) {
            // The plugin service answers off the UI thread, in a later frame.
            out.push(Command::Plugin(PluginCommand::Ask(Box::new(AskPlugin {
                entry: entry.id,
                data_hash: h,
                plugin: entry.plugin_id.clone(),
                data: entry.data.clone(),
                context,
                whole: key.1,
            }))));
            state.asked.insert(key, h);
        }
        // Until the first answer the form shows without messages; later, at the desk, the
        // last answer stays up until the next one arrives. On the shared screen only an answer
        // about exactly this view: one made for another audience may say more.
        let empty = Answer::default();
        let shown = plugins
            .answers
            .get(&key)
            .filter(|a| key.1 || a.data_hash == h)
            .unwrap_or(&empty);
        let verdict = &shown.verdict;
        // The spinner sits in the title's row, so that waiting does not move the form.
        ui.horizontal(|ui| {
            ui.label(RichText::new(loc(&plugin.form.title, lang)).heading());
            if waiting {
                ui.spinner();
                ui.label(RichText::new(view.t(S::PluginWorking)).weak());
            }
        });
        if let Some(e) = &shown.error {
            ui.colored_label(warn_color(), e);
        }
        for line in &verdict.summary {
            ui.label(RichText::new(loc(&line.text, lang)).strong());
        }
        for c in &verdict.computed {
            ui.label(format!("{}: {}", loc(&c.label, lang), loc(&c.value, lang)));
            for r in &c.reasons {
                ui.label(RichText::new(format!("  • {}", loc(r, lang))).weak());
            }
        }
        let data: Map<String, Value> = match serde_json::from_str::<Value>(&entry.data) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        ui.push_id(entry.id, |ui| {
            if let Some(new) = render_form(ui, lang, plugin, &data, &verdict.messages) {
                let json = Value::Object(new).to_string();
                out.push(Command::edit(Edit::SetFormData {
                    id: entry.id,
                    data: json,
                    plugin_version: plugin.manifest.version.clone(),
                    updated: view.clock.now(),
                }));
            }
        });
    }
}

/// An entry whose plugin does not run (withdrawn, or not installed): its data stays readable,
/// in the form the plugin declared at install when that is known, and nothing can be changed.
fn show_unrun(ui: &mut Ui, view: &View, plugins: &PluginsUi, entry: &FormEntry) {
    let lang = view.lang;
    let installed = plugins
        .installed
        .iter()
        .find(|p| p.manifest.id == entry.plugin_id);
    let data: Map<String, Value> = match serde_json::from_str::<Value>(&entry.data) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    match installed.and_then(|p| p.form.clone().map(|form| (p, form))) {
        Some((p, form)) => {
            if let Some(r) = &p.revoked {
                ui.colored_label(
                    warn_color(),
                    S::PluginWithdrawn.fill(lang, &[r.reason.get(lang)]),
                );
            }
            let info = PluginInfo {
                api: crate::plugins::ApiVersion::NEWEST,
                manifest: p.manifest.clone(),
                form,
            };
            ui.label(RichText::new(loc(&info.form.title, lang)).heading());
            ui.push_id(entry.id, |ui| {
                ui.add_enabled_ui(false, |ui| {
                    // Read only: whatever the disabled widgets return is dropped.
                    let _ = render_form(ui, lang, &info, &data, &[]);
                });
            });
        }
        None => {
            ui.label(format!("{}: {}", view.t(S::PluginMissing), entry.plugin_id));
            for (k, v) in &data {
                let v = match v {
                    Value::String(s) => s.clone(),
                    v => v.to_string(),
                };
                ui.label(format!("{k}: {v}"));
            }
        }
    }
}

impl super::panel::Panel for FormsUi {
    fn title(&self) -> S {
        S::TabForms
    }

    fn show(&mut self, ui: &mut Ui, view: &View, out: &mut Vec<Command>) {
        show(ui, view, self, view.plugins, out)
    }
}
