//! Before the app: the database's passphrase.
//!
//! - A new database: choose a passphrase (twice, with a strength hint), then see the recovery
//!   key once and confirm it is written down; the app then opens on the empty case list, which
//!   offers the demo cases.
//! - A file from before encryption: the same, and the file is encrypted into a new one that
//!   replaces it once checked ([`Store::encrypt`]).
//! - An encrypted file: unlock with the passphrase, or, forgotten, set a new one with the
//!   recovery key.
//!
//! The key derivation (about half a second) runs on the frame that asked for it: that cost is
//! the rate limit on guessing, and the message after a wrong passphrase says nothing of which
//! part was wrong.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{RichText, TextEdit, Ui};
use zeroize::Zeroizing;

use crate::i18n::Lang;
use crate::store::{
    FileKind, KdfCost, Passphrase, RecoveryKey, Secret, Store, StoreError, Strength,
};
use crate::text::S;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Choose a passphrase: for a new file, or (`encrypt`) to encrypt an older one.
    Choose {
        encrypt: bool,
    },
    /// The recovery key, shown once.
    Recovery,
    Unlock,
    /// The recovery key and a new passphrase.
    Recover,
}

pub struct Gate {
    path: PathBuf,
    pub lang: Lang,
    pub step: Step,
    cost: KdfCost,
    pass: Zeroizing<String>,
    again: Zeroizing<String>,
    recovery_typed: Zeroizing<String>,
    /// The recovery key of the file just made, while it is shown.
    recovery: Option<RecoveryKey>,
    confirmed: bool,
    /// The store opened, kept while the recovery key is shown.
    opened: Option<Arc<Store>>,
    pub error: Option<String>,
}

impl Gate {
    /// The gate for the database at `path`; `cost` is the key derivation's for a new
    /// passphrase ([`KdfCost::STANDARD`] in the app, cheaper in tests).
    pub fn new(path: &Path, cost: KdfCost) -> Result<Gate, StoreError> {
        let step = match Store::kind(path)? {
            FileKind::Missing => Step::Choose { encrypt: false },
            FileKind::Unencrypted => Step::Choose { encrypt: true },
            FileKind::Encrypted => Step::Unlock,
        };
        Ok(Gate {
            path: path.to_path_buf(),
            lang: Lang::Nb,
            step,
            cost,
            pass: Default::default(),
            again: Default::default(),
            recovery_typed: Default::default(),
            recovery: None,
            confirmed: false,
            opened: None,
            error: None,
        })
    }

    fn t(&self, s: S) -> &'static str {
        s.get(self.lang)
    }

    /// Draws the gate; returns the store once it is open (and its recovery key, if new, seen).
    pub fn show(&mut self, ui: &mut Ui) -> Option<Arc<Store>> {
        let mut done = None;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                let other = match self.lang {
                    Lang::Nb => (Lang::En, "English"),
                    Lang::En => (Lang::Nb, "Norsk"),
                };
                if ui.button(other.1).clicked() {
                    self.lang = other.0;
                }
            });
            ui.vertical_centered(|ui| {
                ui.set_max_width(560.0);
                ui.add_space(40.0);
                done = match self.step {
                    Step::Choose { encrypt } => self.choose(ui, encrypt),
                    Step::Recovery => self.show_recovery(ui),
                    Step::Unlock => self.unlock(ui),
                    Step::Recover => self.recover(ui),
                };
                if let Some(error) = &self.error {
                    ui.add_space(12.0);
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
            });
        });
        done
    }

    fn password(&self, ui: &mut Ui, label: S, buffer: &mut String) -> egui::Response {
        let l = ui.label(self.t(label));
        ui.add(
            TextEdit::singleline(buffer)
                .password(true)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id)
    }

    fn choose(&mut self, ui: &mut Ui, encrypt: bool) -> Option<Arc<Store>> {
        ui.heading(self.t(S::SetupTitle));
        ui.add_space(8.0);
        let intro = match encrypt {
            true => S::SetupEncryptIntro.fill(self.lang, &[&self.path.display().to_string()]),
            false => self.t(S::SetupIntro).to_string(),
        };
        ui.label(intro);
        ui.add_space(12.0);
        let mut pass = std::mem::take(&mut self.pass);
        let mut again = std::mem::take(&mut self.again);
        self.password(ui, S::SetupPassphrase, &mut pass);
        let strength = crate::store::strength(&pass);
        let (hint, color) = match strength {
            Strength::TooShort => (S::StrengthTooShort, ui.visuals().error_fg_color),
            Strength::Weak => (S::StrengthWeak, ui.visuals().warn_fg_color),
            Strength::Fair => (S::StrengthFair, ui.visuals().text_color()),
            Strength::Strong => (S::StrengthStrong, egui::Color32::from_rgb(0, 140, 60)),
        };
        if !pass.is_empty() {
            ui.colored_label(color, self.t(hint));
        }
        let enter = self
            .password(ui, S::SetupPassphraseAgain, &mut again)
            .lost_focus()
            && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.add_space(12.0);
        let clicked = ui.button(self.t(S::SetupCreate)).clicked();
        if clicked || enter {
            self.make(&pass, &again, encrypt);
        }
        // Once the file is made, what was typed is dropped (and wiped).
        if matches!(self.step, Step::Choose { .. }) {
            self.pass = pass;
            self.again = again;
        }
        None
    }

    /// Makes (or encrypts) the file; on success the recovery key is shown next.
    fn make(&mut self, pass: &str, again: &str, encrypt: bool) {
        if crate::store::strength(pass) == Strength::TooShort {
            self.error = Some(S::PassphraseTooShort.fill(
                self.lang,
                &[&crate::store::MIN_PASSPHRASE_CHARS.to_string()],
            ));
            return;
        }
        if pass != again {
            self.error = Some(self.t(S::PassphrasesDiffer).to_string());
            return;
        }
        let passphrase = Passphrase::new(pass);
        let made = match encrypt {
            false => Store::create(&self.path, &passphrase, self.cost),
            true => Store::encrypt(&self.path, &passphrase, self.cost).and_then(|recovery| {
                Store::open(&self.path, &Secret::Passphrase(passphrase.clone()))
                    .map(|s| (s, recovery))
            }),
        };
        match made {
            Ok((store, recovery)) => {
                self.opened = Some(Arc::new(store));
                self.recovery = Some(recovery);
                self.step = Step::Recovery;
                self.error = None;
            }
            Err(e) => self.error = Some(e.message(self.lang)),
        }
    }

    fn show_recovery(&mut self, ui: &mut Ui) -> Option<Arc<Store>> {
        ui.heading(self.t(S::SetupRecoveryTitle));
        ui.add_space(8.0);
        ui.label(self.t(S::SetupRecoveryIntro));
        ui.add_space(12.0);
        if let Some(key) = &self.recovery {
            let shown = key.display();
            // On one line, as it is written down.
            ui.add(
                egui::Label::new(
                    RichText::new(shown.as_str())
                        .monospace()
                        .size(22.0)
                        .strong(),
                )
                .extend(),
            );
        }
        ui.add_space(12.0);
        let confirm = self.t(S::SetupRecoveryConfirm);
        ui.checkbox(&mut self.confirmed, confirm);
        ui.add_space(8.0);
        let go = ui
            .add_enabled(self.confirmed, egui::Button::new(self.t(S::SetupContinue)))
            .clicked();
        if go && self.confirmed {
            // The key leaves memory with the screen that showed it.
            self.recovery = None;
            return self.opened.take();
        }
        None
    }

    fn unlock(&mut self, ui: &mut Ui) -> Option<Arc<Store>> {
        ui.heading(self.t(S::UnlockTitle));
        ui.add_space(8.0);
        ui.label(S::UnlockIntro.fill(self.lang, &[&self.path.display().to_string()]));
        ui.add_space(12.0);
        let mut pass = std::mem::take(&mut self.pass);
        let field = self.password(ui, S::UnlockPassphrase, &mut pass);
        if self.opened.is_none() && !field.has_focus() && pass.is_empty() {
            field.request_focus();
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.add_space(12.0);
        let clicked = ui.button(self.t(S::UnlockButton)).clicked();
        let mut opened = None;
        if (clicked || enter) && !pass.is_empty() {
            match Store::open(&self.path, &Secret::passphrase(pass.as_str())) {
                Ok(store) => opened = Some(Arc::new(store)),
                Err(e) => {
                    self.error = Some(e.message(self.lang));
                    pass.clear();
                }
            }
        }
        self.pass = pass;
        ui.add_space(24.0);
        if ui.link(self.t(S::UnlockForgot)).clicked() {
            self.step = Step::Recover;
            self.error = None;
        }
        opened
    }

    fn recover(&mut self, ui: &mut Ui) -> Option<Arc<Store>> {
        ui.heading(self.t(S::UnlockForgot));
        ui.add_space(8.0);
        ui.label(self.t(S::UnlockRecoveryIntro));
        ui.add_space(12.0);
        let l = ui.label(self.t(S::UnlockRecoveryKey));
        ui.add(
            TextEdit::singleline(&mut *self.recovery_typed)
                .font(egui::TextStyle::Monospace)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
        let mut pass = std::mem::take(&mut self.pass);
        let mut again = std::mem::take(&mut self.again);
        self.password(ui, S::SetupPassphrase, &mut pass);
        self.password(ui, S::SetupPassphraseAgain, &mut again);
        ui.add_space(12.0);
        let mut opened = None;
        ui.horizontal(|ui| {
            if ui.button(self.t(S::UnlockRecoveryButton)).clicked() {
                opened = self.reset(&pass, &again);
            }
            if ui.button(self.t(S::UnlockBack)).clicked() {
                self.step = Step::Unlock;
                self.error = None;
            }
        });
        self.pass = pass;
        self.again = again;
        opened
    }

    /// Opens the file with the recovery key and sets the new passphrase.
    fn reset(&mut self, pass: &str, again: &str) -> Option<Arc<Store>> {
        let Some(key) = RecoveryKey::parse(&self.recovery_typed) else {
            self.error = Some(self.t(S::CliBadRecoveryKey).to_string());
            return None;
        };
        if crate::store::strength(pass) == Strength::TooShort {
            self.error = Some(S::PassphraseTooShort.fill(
                self.lang,
                &[&crate::store::MIN_PASSPHRASE_CHARS.to_string()],
            ));
            return None;
        }
        if pass != again {
            self.error = Some(self.t(S::PassphrasesDiffer).to_string());
            return None;
        }
        let proof = Secret::Recovery(key);
        let opened = Store::open(&self.path, &proof).and_then(|store| {
            store
                .change_passphrase(&proof, &Passphrase::new(pass))
                .map(|()| store)
        });
        match opened {
            Ok(store) => {
                self.recovery_typed = Default::default();
                Some(Arc::new(store))
            }
            Err(e) => {
                self.error = Some(e.message(self.lang));
                None
            }
        }
    }
}
