//! The lock that keeps two dossier processes from writing one output
//! folder at once.

use super::*;

/// An exclusive lock on the folder that holds the output, taken by every
/// writer: a second build (or a `serve` session) writing to the same place
/// waits until the first is done, so neither removes the other's staging
/// folder and the output is always one whole build. Released when dropped.
/// (Advisory `flock`, on Linux; elsewhere no lock is taken.)
pub(super) struct OutputLock {
    pub(super) _folder: Option<fs::File>,
}

impl OutputLock {
    pub(super) fn take(parent: &Path) -> io::Result<OutputLock> {
        #[cfg(target_os = "linux")]
        {
            let folder = fs::File::open(parent)?;
            rustix::fs::flock(&folder, rustix::fs::FlockOperation::LockExclusive)?;
            Ok(OutputLock {
                _folder: Some(folder),
            })
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = parent;
            Ok(OutputLock { _folder: None })
        }
    }
}
