//! Watching the site's folders: notify events, debounced, handed over as batches of paths.

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::mpsc::UnboundedSender;

/// How long the folders must be quiet before a batch is handed over.
pub const DEBOUNCE: Duration = Duration::from_millis(120);

/// The folders of a site that serve watches (those that exist).
pub fn watched_dirs(root: &Path) -> Vec<PathBuf> {
    ["content", "templates", "themes"].iter().map(|d| root.join(d)).filter(|p| p.is_dir()).collect()
}

/// Paths that changed together, and when the change was noticed.
#[derive(Debug)]
pub struct Batch {
    pub paths: Vec<PathBuf>,
    pub noticed: Instant,
    /// How long before `noticed` the newest changed file was saved, from its mtime.
    pub saved_before: Duration,
}

impl Batch {
    fn new(paths: Vec<PathBuf>) -> Batch {
        let mtimes: Vec<SystemTime> =
            paths.iter().filter_map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok()).collect();
        Batch {
            saved_before: age_of_save(SystemTime::now(), &mtimes).unwrap_or(DEBOUNCE),
            paths,
            noticed: Instant::now(),
        }
    }

    /// Fold a later batch into this one, keeping the earliest save.
    pub fn merge(&mut self, other: Batch) {
        self.paths.extend(other.paths);
        if let Some(saved) = other.noticed.checked_sub(other.saved_before)
            && saved < self.saved_at()
        {
            self.saved_before = self.noticed.saturating_duration_since(saved);
        }
    }

    /// When the (earliest) save happened, as an instant.
    pub fn saved_at(&self) -> Instant {
        self.noticed.checked_sub(self.saved_before).unwrap_or(self.noticed)
    }
}

/// How long ago (from `now`) the newest of `mtimes` was; `None` when there is none or it
/// is not a fresh save (in the future, or more than 10 s ago: a copy that kept old times).
pub fn age_of_save(now: SystemTime, mtimes: &[SystemTime]) -> Option<Duration> {
    let newest = mtimes.iter().max()?;
    let age = now.duration_since(*newest).ok()?;
    (age <= Duration::from_secs(10)).then_some(age)
}

/// Start watching `dirs` recursively; each debounced batch goes to `tx`. Keep the returned
/// debouncer alive for as long as the watching should last.
pub fn start(dirs: &[PathBuf], tx: UnboundedSender<Batch>) -> Result<Debouncer<RecommendedWatcher>, String> {
    let mut debouncer = new_debouncer(DEBOUNCE, move |res: DebounceEventResult| match res {
        Ok(events) => {
            let paths: Vec<PathBuf> = events.into_iter().map(|e| e.path).collect();
            if !paths.is_empty() {
                let _ = tx.send(Batch::new(paths));
            }
        }
        Err(e) => eprintln!("warning: watching the site: {e}"),
    })
    .map_err(|e| format!("cannot watch the site: {e}"))?;
    for d in dirs {
        debouncer
            .watcher()
            .watch(d, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch `{}`: {e}", d.display()))?;
    }
    Ok(debouncer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_of_save_takes_the_newest_fresh_mtime() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let a = now - Duration::from_millis(300);
        let b = now - Duration::from_millis(40);
        assert_eq!(age_of_save(now, &[a, b]), Some(Duration::from_millis(40)));
        assert_eq!(age_of_save(now, &[]), None);
        assert_eq!(age_of_save(now, &[now - Duration::from_secs(60)]), None, "an old copy is no save");
        assert_eq!(age_of_save(now, &[now + Duration::from_secs(1)]), None);
    }

    #[test]
    fn merge_keeps_all_paths_and_the_earliest_save() {
        let t0 = Instant::now();
        let mut a = Batch { paths: vec!["a".into()], noticed: t0, saved_before: Duration::from_millis(100) };
        let b = Batch {
            paths: vec!["b".into()],
            noticed: t0 + Duration::from_millis(50),
            saved_before: Duration::from_millis(500),
        };
        let earliest = b.saved_at();
        a.merge(b);
        assert_eq!(a.paths, vec![PathBuf::from("a"), PathBuf::from("b")]);
        assert_eq!(a.saved_at(), earliest);
    }
}
