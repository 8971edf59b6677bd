//! Reading the files a command is given and writing the files it makes, safely.
//!
//! Inputs: only regular files are read (a FIFO would block, a device never ends), and the size
//! is checked from the file's metadata before a byte is read; at most `limit + 1` bytes are read
//! in any case. Outputs: never the database or another file the command reads (compared by
//! canonical path and, on Unix, device and inode, so a symlink or hard link is seen through);
//! written to a temporary file beside the target, made durable, then renamed into place, so a
//! failure (a full disk) leaves the target as it was and no temporary file behind.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::i18n::Lang;
use crate::text::S;

/// A publisher key file (public or secret): one line of text.
pub const MAX_KEY_BYTES: u64 = 4 * 1024;
/// A sample of form data for `plugin check --data`: far more than any form holds.
pub const MAX_FORM_DATA_BYTES: u64 = 1024 * 1024;
/// A plugin component (.wasm) to sign; the real plugins are about 130 KB.
pub const MAX_COMPONENT_BYTES: u64 = 16 * 1024 * 1024;
/// A FHIR Bundle to import; a large case exports to a few megabytes.
pub const MAX_BUNDLE_BYTES: u64 = 64 * 1024 * 1024;

/// What a refused input is, for the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Key,
    Component,
    Package,
    Bundle,
    Catalog,
    FormData,
}

impl Input {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Input::Key => S::CliWhatKey.get(lang),
            Input::Component => S::CliWhatComponent.get(lang),
            Input::Package => S::CliWhatPackage.get(lang),
            Input::Bundle => S::CliWhatBundle.get(lang),
            Input::Catalog => S::CliWhatCatalog.get(lang),
            Input::FormData => S::CliWhatFormData.get(lang),
        }
    }
}

/// What a path names when it is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Directory,
    Fifo,
    Device,
    Socket,
    Other,
}

impl FileKind {
    fn of(t: fs::FileType) -> FileKind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                return FileKind::Fifo;
            }
            if t.is_char_device() || t.is_block_device() {
                return FileKind::Device;
            }
            if t.is_socket() {
                return FileKind::Socket;
            }
        }
        if t.is_dir() {
            FileKind::Directory
        } else {
            FileKind::Other
        }
    }

    fn name(self, lang: Lang) -> &'static str {
        match self {
            FileKind::Directory => S::CliKindDirectory.get(lang),
            FileKind::Fifo => S::CliKindFifo.get(lang),
            FileKind::Device => S::CliKindDevice.get(lang),
            FileKind::Socket => S::CliKindSocket.get(lang),
            FileKind::Other => S::CliKindOther.get(lang),
        }
    }
}

/// Why an input was not read. Display is the English message.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum InputError {
    Missing {
        path: PathBuf,
    },
    NotAFile {
        path: PathBuf,
        kind: FileKind,
    },
    TooLarge {
        path: PathBuf,
        what: Input,
        size: u64,
        limit: u64,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl InputError {
    pub fn message(&self, lang: Lang) -> String {
        let p = |path: &Path| path.display().to_string();
        match self {
            InputError::Missing { path } => S::CliInputMissing.fill(lang, &[&p(path)]),
            InputError::NotAFile { path, kind } => {
                S::CliInputNotAFile.fill(lang, &[&p(path), kind.name(lang)])
            }
            InputError::TooLarge {
                path,
                what,
                size,
                limit,
            } => S::CliInputTooLarge.fill(
                lang,
                &[
                    &p(path),
                    &size.to_string(),
                    what.name(lang),
                    &limit.to_string(),
                ],
            ),
            InputError::Io { path, source } => {
                S::CliCouldNotRead.fill(lang, &[&p(path), &source.to_string()])
            }
        }
    }
}

/// Why an output was not written. The target is as it was. Display is the English message.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum OutputError {
    /// The output names a file the command reads (the database, a key, the component).
    IsInput {
        path: PathBuf,
        input: PathBuf,
    },
    /// The output exists and is a directory, device, FIFO or socket: never replaced.
    NotAFile {
        path: PathBuf,
        kind: FileKind,
    },
    /// The output exists and the command does not replace files.
    Exists {
        path: PathBuf,
    },
    DiskFull {
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

const ENOSPC: i32 = 28;

impl OutputError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        if source.raw_os_error() == Some(ENOSPC) || source.kind() == std::io::ErrorKind::StorageFull
        {
            return OutputError::DiskFull {
                path: path.to_path_buf(),
            };
        }
        OutputError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The same error naming the path as the user gave it (not where a link led).
    fn named(self, given: &Path) -> Self {
        let given = given.to_path_buf();
        match self {
            OutputError::IsInput { input, .. } => OutputError::IsInput { path: given, input },
            OutputError::NotAFile { kind, .. } => OutputError::NotAFile { path: given, kind },
            OutputError::Exists { .. } => OutputError::Exists { path: given },
            other => other,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let p = |path: &Path| path.display().to_string();
        match self {
            OutputError::IsInput { path, input } => {
                S::CliOutputIsInput.fill(lang, &[&p(path), &p(input)])
            }
            OutputError::NotAFile { path, kind } => {
                S::CliOutputNotAFile.fill(lang, &[&p(path), kind.name(lang)])
            }
            OutputError::Exists { path } => S::CliOutputExists.fill(lang, &[&p(path)]),
            OutputError::DiskFull { path } => S::CliOutputDiskFull.fill(lang, &[&p(path)]),
            OutputError::Io { path, source } => {
                S::CliCouldNotWrite.fill(lang, &[&p(path), &source.to_string()])
            }
        }
    }
}

/// Reads a whole input of at most `limit` bytes. Refuses anything but a regular file without
/// blocking (a FIFO is opened non-blocking), and a file over the limit before reading it.
pub fn read_input(path: &Path, limit: u64, what: Input) -> Result<Vec<u8>, InputError> {
    let io = |source: std::io::Error| InputError::Io {
        path: path.to_path_buf(),
        source,
    };
    // stat first: it neither opens nor blocks.
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(InputError::Missing {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Err(io(e)),
    };
    check_input(path, &meta, limit, what)?;
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Swapped for a FIFO after the stat, the open still returns at once.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(io)?;
    check_input(path, &file.metadata().map_err(io)?, limit, what)?;
    let mut bytes = Vec::new();
    // One byte over the limit tells that the file grew past it while being read.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(InputError::TooLarge {
            path: path.to_path_buf(),
            what,
            size,
            limit,
        });
    }
    Ok(bytes)
}

fn check_input(
    path: &Path,
    meta: &fs::Metadata,
    limit: u64,
    what: Input,
) -> Result<(), InputError> {
    if !meta.is_file() {
        return Err(InputError::NotAFile {
            path: path.to_path_buf(),
            kind: FileKind::of(meta.file_type()),
        });
    }
    if meta.len() > limit {
        return Err(InputError::TooLarge {
            path: path.to_path_buf(),
            what,
            size: meta.len(),
            limit,
        });
    }
    Ok(())
}

/// Whether `a` and `b` name the same existing file: through symlinks (canonical paths) and
/// hard links (device and inode).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if ma.dev() == mb.dev() && ma.ino() == mb.ino() {
            return true;
        }
    }
    #[cfg(not(unix))]
    let _ = (&ma, &mb);
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

/// How an output is written.
#[derive(Clone, Copy, Debug, Default)]
pub struct OutputOptions {
    /// An existing regular file at the target may be replaced.
    pub replace: bool,
    /// Readable by the owner only (a secret key).
    pub private: bool,
}

impl OutputOptions {
    pub const REPLACE: OutputOptions = OutputOptions {
        replace: true,
        private: false,
    };
}

/// Whether `path` may be written with `options`, for a command that checks before it does
/// its work (and before it opens the database).
pub fn check_output(
    path: &Path,
    inputs: &[&Path],
    options: OutputOptions,
) -> Result<(), OutputError> {
    check_target(&resolve(path), inputs, options).map_err(|e| e.named(path))
}

/// Writes `bytes` to `path` through a temporary file beside it, replacing an existing regular
/// file; never a file in `inputs`, never a non-regular file.
pub fn write_output_atomic(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<(), OutputError> {
    write_output(path, bytes, inputs, OutputOptions::REPLACE)
}

pub fn write_output(
    path: &Path,
    bytes: &[u8],
    inputs: &[&Path],
    options: OutputOptions,
) -> Result<(), OutputError> {
    let pending = PendingOutput::new(path, inputs, options)?;
    pending.write_all(bytes)?;
    pending.commit()
}

/// An output being written: an empty temporary file beside the target, removed again unless
/// [`PendingOutput::commit`] moves it into place.
pub struct PendingOutput {
    target: PathBuf,
    tmp: PathBuf,
    options: OutputOptions,
    done: bool,
}

static NEXT_TMP: AtomicU64 = AtomicU64::new(0);

impl PendingOutput {
    /// Checks the target against the inputs and makes the temporary file.
    pub fn new(
        path: &Path,
        inputs: &[&Path],
        options: OutputOptions,
    ) -> Result<PendingOutput, OutputError> {
        let target = resolve(path);
        check_target(&target, inputs, options).map_err(|e| e.named(path))?;
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let mut last = None;
        for _ in 0..100 {
            let n = NEXT_TMP.fetch_add(1, Ordering::Relaxed);
            // Unique to this process and call, and never the name of an input: create_new
            // refuses any file already there.
            let tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
            let mut o = OpenOptions::new();
            o.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                o.mode(if options.private { 0o600 } else { 0o644 });
            }
            match o.open(&tmp) {
                Ok(_) => {
                    return Ok(PendingOutput {
                        target,
                        tmp,
                        options,
                        done: false,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(OutputError::io(&target, e)),
            }
        }
        Err(OutputError::io(
            &target,
            last.unwrap_or_else(|| std::io::Error::other("no temporary name")),
        ))
    }

    /// The temporary file, for a writer that needs a path (the backup's database).
    pub fn tmp_path(&self) -> &Path {
        &self.tmp
    }

    /// Where the output goes.
    pub fn target(&self) -> &Path {
        &self.target
    }

    pub fn write_all(&self, bytes: &[u8]) -> Result<(), OutputError> {
        let mut f = OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&self.tmp)
            .map_err(|e| OutputError::io(&self.target, e))?;
        f.write_all(bytes)
            .map_err(|e| OutputError::io(&self.target, e))
    }

    /// Makes the temporary file durable and moves it into place.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let err = |e| OutputError::io(&self.target, e);
        File::open(&self.tmp)
            .and_then(|f| f.sync_all())
            .map_err(err)?;
        // Looked at again: something may have appeared there meanwhile.
        check_target(&self.target, &[], self.options)?;
        if self.options.replace {
            fs::rename(&self.tmp, &self.target).map_err(err)?;
        } else {
            // A hard link fails when the target exists, so nothing is ever replaced.
            match fs::hard_link(&self.tmp, &self.target) {
                Ok(()) => {
                    let _ = fs::remove_file(&self.tmp);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(OutputError::Exists {
                        path: self.target.clone(),
                    });
                }
                // A file system without hard links: checked just above.
                Err(_) => fs::rename(&self.tmp, &self.target).map_err(err)?,
            }
        }
        self.done = true;
        sync_dir(&self.target);
        Ok(())
    }
}

impl Drop for PendingOutput {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// An output through a symlink goes where the link points, as a plain write would.
fn resolve(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

fn check_target(
    target: &Path,
    inputs: &[&Path],
    options: OutputOptions,
) -> Result<(), OutputError> {
    for input in inputs {
        if same_file(target, input) {
            return Err(OutputError::IsInput {
                path: target.to_path_buf(),
                input: input.to_path_buf(),
            });
        }
    }
    match fs::symlink_metadata(target) {
        Ok(m) if m.is_file() => {
            if options.replace {
                Ok(())
            } else {
                Err(OutputError::Exists {
                    path: target.to_path_buf(),
                })
            }
        }
        Ok(m) => Err(OutputError::NotAFile {
            path: target.to_path_buf(),
            kind: FileKind::of(m.file_type()),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(OutputError::io(target, e)),
    }
}

/// Makes a rename durable.
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.json");
        fs::write(&out, b"old").unwrap();
        {
            let p = PendingOutput::new(&out, &[], OutputOptions::REPLACE).unwrap();
            p.write_all(b"half").unwrap();
            // dropped without commit, as after a full disk
        }
        assert_eq!(fs::read(&out).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_output_through_a_hard_link_to_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        fs::write(&input, b"keep").unwrap();
        let link = dir.path().join("link");
        fs::hard_link(&input, &link).unwrap();
        let e = write_output_atomic(&link, b"x", &[&input]).unwrap_err();
        assert!(matches!(e, OutputError::IsInput { .. }), "{e}");
        assert_eq!(fs::read(&input).unwrap(), b"keep");
    }
}
