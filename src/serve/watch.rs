//! Watching the site's folders: notify events, filtered and debounced into batches.
//!
//! notify reports opening and reading files too (inotify's OPEN), and a rebuild reads
//! every file of the site: those events are dropped here ([`is_change`]), or every build
//! would trigger the next. The rest are gathered until the folders have been quiet for
//! [`QUIET`] (an editor's save is often several events on several files).
//!
//! A folder that is deleted and put back (a `git checkout`, a restored backup, a move in
//! Explorer) is a new folder, which the system's watch on the old one does not see:
//! [`Watching`] also watches the site root itself (not recursively), so that the folder's
//! return is an event, and [`Watching::rearm`] watches each folder again when it is back.

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

/// How long the folders must be quiet before a batch is handed over.
pub const QUIET: Duration = Duration::from_millis(100);
/// The longest a batch waits for quiet (a program writing without pause).
pub const MAX_WAIT: Duration = Duration::from_secs(2);

/// The folders of a site that serve watches (those that exist).
pub fn watched_dirs(root: &Path) -> Vec<PathBuf> {
    ["content", "templates", "themes"].iter().map(|d| root.join(d)).filter(|p| p.is_dir()).collect()
}

/// Does this kind of event change a file? Reading (open, access, close after reading)
/// does not; closing after writing does.
pub fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// One raw event worth looking at.
#[derive(Debug)]
pub struct Raw {
    pub paths: Vec<PathBuf>,
    pub at: Instant,
}

/// Paths that changed together, and when the first of them was saved.
#[derive(Debug)]
pub struct Batch {
    pub paths: Vec<PathBuf>,
    pub saved_at: Instant,
}

/// Start watching `dirs` recursively, sending each change to `tx`. Keep the returned
/// watcher alive for as long as the watching should last. When the system lost events
/// (queue overflow), `rescan` is sent as the changed path, to rebuild everything.
pub fn start(
    dirs: &[PathBuf],
    rescan: PathBuf,
    tx: UnboundedSender<Raw>,
) -> Result<RecommendedWatcher, String> {
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<Event>| match res {
        Ok(ev) if ev.need_rescan() => {
            let _ = tx.send(Raw { paths: vec![rescan.clone()], at: Instant::now() });
        }
        Ok(ev) if is_change(&ev.kind) && !ev.paths.is_empty() => {
            let _ = tx.send(Raw { paths: ev.paths, at: Instant::now() });
        }
        Ok(_) => {}
        Err(e) => eprintln!("warning: watching the site: {e}"),
    })
    .map_err(|e| crate::msg::serve::cannot_watch("content/", &e.to_string()))?;
    for d in dirs {
        watcher
            .watch(d, RecursiveMode::Recursive)
            .map_err(|e| crate::msg::serve::cannot_watch(&d.display().to_string(), &e.to_string()))?;
    }
    Ok(watcher)
}

/// The watching of a site: its root (not recursively) and each of its folders that exists
/// ([`watched_dirs`]), recursively. Keep it alive for as long as the watching should last.
pub struct Watching {
    watcher: RecommendedWatcher,
    root: PathBuf,
    /// Each folder watched, with what it was when its watch was set (on Unix, its device
    /// and inode: a folder put back in its place is another folder).
    armed: BTreeMap<PathBuf, Option<(u64, u64)>>,
}

/// Which folder is at `path` now (see [`Watching::armed`]).
fn identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

impl Watching {
    /// Watch the site at `root`; changes go to `tx` (see [`start`]).
    pub fn start(root: &Path, rescan: PathBuf, tx: UnboundedSender<Raw>) -> Result<Watching, String> {
        let mut watcher = start(&[], rescan, tx)?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch `{}`: {e}", root.display()))?;
        let mut w = Watching { watcher, root: root.to_path_buf(), armed: BTreeMap::new() };
        for d in watched_dirs(root) {
            w.watcher
                .watch(&d, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch `{}`: {e}", d.display()))?;
            w.armed.insert(d.clone(), identity(&d));
        }
        Ok(w)
    }

    /// Watch again each folder of the site that is back (deleted and put back, or new)
    /// and forget those that are gone; the folders watched anew. Call it on every batch,
    /// before the site is read again: whatever was written into a folder before its watch
    /// was set is read then.
    pub fn rearm(&mut self) -> Vec<PathBuf> {
        let now = watched_dirs(&self.root);
        let gone: Vec<PathBuf> = self.armed.keys().filter(|d| !now.contains(d)).cloned().collect();
        for d in gone {
            let _ = self.watcher.unwatch(&d);
            self.armed.remove(&d);
        }
        let mut fresh = Vec::new();
        for d in now {
            let id = identity(&d);
            let same = self.armed.get(&d).is_some_and(|old| old.is_some() && *old == id);
            // Without an identity (not Unix), a folder is watched again on every batch:
            // setting a watch again is harmless.
            if !same {
                let _ = self.watcher.unwatch(&d);
                match self.watcher.watch(&d, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.armed.insert(d.clone(), id);
                        fresh.push(d);
                    }
                    Err(e) => eprintln!("cảnh báo: không theo dõi được `{}`: {e}", d.display()),
                }
            }
        }
        fresh
    }
}

/// Wait for the next change, then gather every change until `quiet` passes without one
/// (or `max` since the first). `None` when the watcher is gone.
pub async fn next_batch(rx: &mut UnboundedReceiver<Raw>, quiet: Duration, max: Duration) -> Option<Batch> {
    let first = rx.recv().await?;
    let start = first.at;
    let mut paths = first.paths;
    while start.elapsed() < max {
        match tokio::time::timeout(quiet, rx.recv()).await {
            Ok(Some(more)) => paths.extend(more.paths),
            Ok(None) | Err(_) => break,
        }
    }
    let mtimes: Vec<SystemTime> =
        paths.iter().filter_map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok()).collect();
    let saved_at = age_of_save(SystemTime::now(), &mtimes)
        .and_then(|age| Instant::now().checked_sub(age))
        .map_or(start, |t| t.min(start));
    Some(Batch { paths, saved_at })
}

/// How long ago (from `now`) the newest of `mtimes` was; `None` when there is none or it
/// is not a fresh save (in the future, or more than 10 s ago: a copy that kept old times).
pub fn age_of_save(now: SystemTime, mtimes: &[SystemTime]) -> Option<Duration> {
    let newest = mtimes.iter().max()?;
    let age = now.duration_since(*newest).ok()?;
    (age <= Duration::from_secs(10)).then_some(age)
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind};

    #[test]
    fn reading_is_no_change_but_writing_is() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(!is_change(&EventKind::Access(AccessKind::Read)));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(DataChange::Any))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Remove(RemoveKind::File)));
        assert!(is_change(&EventKind::Any));
    }

    /// The paths of the next batch (or none within 10 s).
    fn batch(rt: &tokio::runtime::Runtime, rx: &mut UnboundedReceiver<Raw>) -> Vec<PathBuf> {
        rt.block_on(async {
            let b = tokio::time::timeout(
                Duration::from_secs(10),
                next_batch(rx, Duration::from_millis(200), Duration::from_secs(2)),
            )
            .await;
            b.ok().flatten().map(|b| b.paths).unwrap_or_default()
        })
    }

    #[test]
    fn a_folder_deleted_and_put_back_is_watched_again() {
        let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let content = root.join("content");
        std::fs::create_dir_all(content.join("reports")).unwrap();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut w = Watching::start(&root, content.clone(), tx).unwrap();
        std::fs::write(content.join("site.yaml"), "a").unwrap();
        assert!(batch(&rt, &mut rx).contains(&content.join("site.yaml")));

        std::fs::remove_dir_all(&content).unwrap();
        assert!(batch(&rt, &mut rx).contains(&content), "the root's watch sees the folder go");
        assert!(w.rearm().is_empty());
        std::fs::create_dir_all(content.join("reports")).unwrap();
        assert!(batch(&rt, &mut rx).contains(&content), "and come back");
        assert_eq!(w.rearm(), vec![content.clone()]);
        std::fs::write(content.join("reports/a.md"), "b").unwrap();
        let paths = batch(&rt, &mut rx);
        assert!(paths.contains(&content.join("reports/a.md")), "a save in the folder put back: {paths:?}");
        assert!(w.rearm().is_empty() || cfg!(not(unix)), "nothing new to watch");
    }

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
    fn events_close_together_make_one_batch() {
        let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let raw = |p: &str| Raw { paths: vec![PathBuf::from(p)], at: Instant::now() };
        rt.block_on(async {
            tx.send(raw("a")).unwrap();
            tx.send(raw("b")).unwrap();
            let sender = tx.clone();
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(20)).await;
                sender.send(raw("c")).unwrap();
                tokio::time::sleep(Duration::from_millis(400)).await;
                sender.send(raw("d")).unwrap();
            });
            let quiet = Duration::from_millis(150);
            let first = next_batch(&mut rx, quiet, Duration::from_secs(5)).await.unwrap();
            assert_eq!(first.paths, ["a", "b", "c"].map(PathBuf::from));
            assert!(first.saved_at.elapsed() >= quiet, "measured from the first event");
            let second = next_batch(&mut rx, quiet, Duration::from_secs(5)).await.unwrap();
            assert_eq!(second.paths, [PathBuf::from("d")]);
            drop(tx);
            assert!(next_batch(&mut rx, quiet, Duration::from_secs(5)).await.is_none());
        });
    }

    #[test]
    fn a_batch_waits_no_longer_than_max() {
        let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        rt.block_on(async {
            tokio::spawn(async move {
                for i in 0..100 {
                    if tx
                        .send(Raw { paths: vec![PathBuf::from(format!("f{i}"))], at: Instant::now() })
                        .is_err()
                    {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            });
            let t0 = Instant::now();
            let b =
                next_batch(&mut rx, Duration::from_millis(100), Duration::from_millis(200)).await.unwrap();
            assert!(t0.elapsed() < Duration::from_millis(600), "{:?}", t0.elapsed());
            assert!(b.paths.len() < 100);
        });
    }
}
