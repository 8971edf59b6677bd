//! How a command reaches an encrypted database: the passphrase from `--passphrase-file`, from
//! `ANSVAR_PASSPHRASE`, or asked on the terminal (without echo), in that order.
//!
//! A command that writes to a file from before encryption encrypts it first, under a new
//! passphrase (asked twice on the terminal), and prints the recovery key once; so does `demo`
//! when it makes a new file.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ansvar::i18n::Lang;
use ansvar::store::{
    FileKind, KdfCost, Passphrase, RecoveryKey, Secret, Store, StoreError, Strength,
};
use ansvar::text::S;

use crate::term::tell;

/// The environment variable a script may pass the passphrase in.
pub const ENV: &str = "ANSVAR_PASSPHRASE";
/// The one `ansvar passphrase` takes the new passphrase from.
pub const NEW_ENV: &str = "ANSVAR_NEW_PASSPHRASE";

/// This run's way to the passphrase, set once from the command line.
static UNLOCK: OnceLock<Unlock> = OnceLock::new();

pub fn set(unlock: Unlock) {
    let _ = UNLOCK.set(unlock);
}

/// This run's [`Unlock`] (from the command line; the default when none was set).
pub fn get() -> &'static Unlock {
    UNLOCK.get_or_init(|| Unlock {
        file: None,
        env: ENV,
        recovery: false,
        lang: Lang::Nb,
    })
}

pub struct Unlock {
    pub file: Option<PathBuf>,
    /// The environment variable read when there is no file.
    pub env: &'static str,
    /// The recovery key instead of the passphrase (`--recovery-key`): asked on the terminal.
    pub recovery: bool,
    pub lang: Lang,
}

impl Unlock {
    /// The passphrase (or recovery key) given for this run.
    pub fn secret(&self) -> Result<Secret, String> {
        if self.recovery {
            let typed = self.ask(S::CliAskRecoveryKey)?;
            return RecoveryKey::parse(&typed)
                .map(Secret::Recovery)
                .ok_or_else(|| S::CliBadRecoveryKey.get(self.lang).to_string());
        }
        self.given().map(Secret::Passphrase)
    }

    fn given(&self) -> Result<Passphrase, String> {
        if let Some(file) = &self.file {
            let text = std::fs::read_to_string(file).map_err(|e| {
                S::CliCouldNotRead.fill(self.lang, &[&file.display().to_string(), &e.to_string()])
            })?;
            // The file's line end is not part of the passphrase.
            let text = text.strip_suffix('\n').unwrap_or(&text);
            let text = text.strip_suffix('\r').unwrap_or(text);
            return Ok(Passphrase::new(text));
        }
        if let Ok(text) = std::env::var(self.env) {
            return Ok(Passphrase::new(text));
        }
        self.ask(S::CliAskPassphrase).map(Passphrase::new)
    }

    fn ask(&self, prompt: S) -> Result<String, String> {
        if !std::io::stdin().is_terminal() {
            return Err(S::CliNoPassphrase.get(self.lang).to_string());
        }
        rpassword::prompt_password(format!("{} ", prompt.get(self.lang)))
            .map_err(|e| S::CliNoPassphrase.get(self.lang).to_string() + &format!(" ({e})"))
    }

    /// A new passphrase: given as for unlocking, or typed twice on the terminal. Too short a
    /// one is refused.
    pub fn new_passphrase(&self) -> Result<Passphrase, String> {
        let given = match (&self.file, std::env::var(self.env)) {
            (Some(_), _) | (None, Ok(_)) => self.given()?,
            (None, Err(_)) => {
                let first = self.ask(S::CliAskNewPassphrase)?;
                let again = self.ask(S::CliAskPassphraseAgain)?;
                if first != again {
                    return Err(S::PassphrasesDiffer.get(self.lang).to_string());
                }
                Passphrase::new(first)
            }
        };
        if ansvar::store::strength(given.as_str()) == Strength::TooShort {
            return Err(S::PassphraseTooShort.fill(
                self.lang,
                &[&ansvar::store::MIN_PASSPHRASE_CHARS.to_string()],
            ));
        }
        Ok(given)
    }

    /// Opens `db` for writing: a new file is made (`create`), a file from before encryption
    /// is encrypted first; either way the recovery key is printed once.
    pub fn open(&self, db: &Path, create: bool) -> Result<Store, String> {
        let msg = |e: StoreError| e.message(self.lang);
        match Store::kind(db).map_err(msg)? {
            FileKind::Missing if create => {
                let pass = self.new_passphrase()?;
                let (store, recovery) = Store::create(db, &pass, KdfCost::STANDARD).map_err(msg)?;
                self.show_recovery(&recovery);
                Ok(store)
            }
            FileKind::Missing => {
                Err(S::CliNoDatabase.fill(self.lang, &[&db.display().to_string()]))
            }
            FileKind::Unencrypted => {
                tell!(
                    "{}",
                    S::CliEncrypting.fill(self.lang, &[&db.display().to_string()])
                );
                let pass = self.new_passphrase()?;
                let recovery = Store::encrypt(db, &pass, KdfCost::STANDARD).map_err(msg)?;
                self.show_recovery(&recovery);
                Store::open(db, &Secret::Passphrase(pass)).map_err(msg)
            }
            FileKind::Encrypted => Store::open(db, &self.secret()?).map_err(msg),
        }
    }

    /// Opens `db` for reading only; a file from before encryption is read without a secret.
    pub fn open_read_only(&self, db: &Path) -> Result<Store, String> {
        self.read_only_with(db, |p, s| Store::open_read_only(p, s))
    }

    /// As [`Unlock::open_read_only`], for `verify`.
    pub fn open_for_verify(&self, db: &Path) -> Result<Store, String> {
        self.read_only_with(db, |p, s| Store::open_for_verify(p, s))
    }

    fn read_only_with(
        &self,
        db: &Path,
        open: fn(&Path, &Secret) -> Result<Store, StoreError>,
    ) -> Result<Store, String> {
        let msg = |e: StoreError| e.message(self.lang);
        let secret = match Store::kind(db).map_err(msg)? {
            FileKind::Encrypted => self.secret()?,
            // Not used: the file's values are not encrypted.
            _ => Secret::passphrase(""),
        };
        open(db, &secret).map_err(msg)
    }

    /// The secret for `db` when it is encrypted (a backup of an older file needs none).
    pub fn secret_for(&self, db: &Path) -> Result<Secret, String> {
        match Store::kind(db).map_err(|e| e.message(self.lang))? {
            FileKind::Encrypted => self.secret(),
            _ => Ok(Secret::passphrase("")),
        }
    }

    /// The recovery key, on the standard error (not into a pipe with the command's output),
    /// with what it is for.
    fn show_recovery(&self, key: &RecoveryKey) {
        tell!(
            "{}",
            S::CliRecoveryKey.fill(self.lang, &[key.display().as_str()])
        );
    }
}
