//! Stopping cleanly on a signal. Every write that may leave temporary
//! files (a staging folder, files written beside their place) holds an
//! [`Activity`] while they exist. [`stop`] makes each write in progress
//! end at its next file and remove its temporary files (one already
//! renaming its files into place finishes first, so the output is always
//! one whole build), makes later writes fail at once, and returns when no
//! write is left: then the process may exit without leaving anything.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};

struct State {
    /// Writes in progress.
    active: usize,
    /// The signal that stopped writing, once one did.
    stopped_by: Option<i32>,
}

static STATE: Mutex<State> = Mutex::new(State {
    active: 0,
    stopped_by: None,
});
static IDLE: Condvar = Condvar::new();
/// Set with `stopped_by`, read without the lock between files.
static STOPPING: AtomicBool = AtomicBool::new(false);

fn state() -> std::sync::MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// A write in progress; dropped once its temporary files are gone.
pub(super) struct Activity(());

impl Activity {
    /// Starts a write, unless writing was stopped.
    pub(super) fn begin() -> io::Result<Activity> {
        let mut state = state();
        if state.stopped_by.is_some() {
            return Err(interrupted());
        }
        state.active += 1;
        Ok(Activity(()))
    }
}

impl Drop for Activity {
    fn drop(&mut self) {
        let mut state = state();
        state.active -= 1;
        if state.active == 0 {
            IDLE.notify_all();
        }
    }
}

/// `Err(Interrupted)` once writing was stopped: a write checks before each
/// file and gives up, removing what it wrote.
pub(super) fn check() -> io::Result<()> {
    if STOPPING.load(Ordering::Relaxed) {
        Err(interrupted())
    } else {
        Ok(())
    }
}

fn interrupted() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "stopped by a signal")
}

/// Stops every write (for `signal`, the number of the signal received):
/// those in progress give up and remove their temporary files, later ones
/// fail at once. Returns when no write is in progress.
pub fn stop(signal: i32) {
    let mut state = state();
    state.stopped_by.get_or_insert(signal);
    STOPPING.store(true, Ordering::Relaxed);
    while state.active > 0 {
        state = IDLE.wait(state).unwrap_or_else(|e| e.into_inner());
    }
}

/// The signal that stopped writing, if one did.
pub fn stopped_by() -> Option<i32> {
    state().stopped_by
}
