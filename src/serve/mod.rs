//! `kehoach serve`: build, serve on 127.0.0.1, watch, rebuild, reload open pages.
//!
//! The site is built into a folder of its own under the system's temporary folder (never
//! `public/`), served by [`server`], and rebuilt by a [`session::Session`] whenever
//! [`watch`] reports a change that [`change::classify`] deems relevant. After each rebuild
//! the [`reload::Live`] state moves on: open pages get a `reload` event, and while the
//! content has errors every page carries the [`overlay`] over the last good build.

pub mod affected;
pub mod change;
pub mod editor;
pub mod guard;
pub mod limits;
pub mod overlay;
pub mod reload;
pub mod server;
pub mod session;
pub mod watch;

use crate::build::Options;
use chrono::NaiveDate;
use reload::Live;
use session::{Outcome, Session};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot, watch as tokio_watch};

/// What `kehoach serve` is asked to do.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// 0: any free port.
    pub port: u16,
    pub as_of: Option<NaiveDate>,
    pub include_restricted: bool,
    /// The plan the editor writes to, in a site holding several (default: the current one).
    pub plan: Option<String>,
}

/// Run the server until Ctrl-C.
pub fn run(opts: ServeOptions) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| crate::msg::serve::cannot_start(&e.to_string()))?;
    rt.block_on(serve(opts))
}

/// A fresh folder for this session's output under the system's temporary folder.
fn output_dir() -> PathBuf {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    std::env::temp_dir().join(format!("kehoach-serve-{}-{nanos}", std::process::id()))
}

async fn serve(opts: ServeOptions) -> Result<(), String> {
    let root = std::fs::canonicalize(&opts.root)
        .map_err(|e| crate::msg::serve::cannot_open(&opts.root.display().to_string(), &e.to_string()))?;
    if !root.join("content").is_dir() {
        return Err(crate::msg::serve::not_a_site(&root.display().to_string()));
    }
    // `--plan` names a plan of the site (checked before anything starts).
    crate::load::several::plan_base(&root, opts.plan.as_deref())?;
    let out = output_dir();
    std::fs::create_dir_all(&out)
        .map_err(|e| crate::msg::files::cannot_write(&out.display().to_string(), &e.to_string()))?;
    let result = serve_in(&root, &out, &opts).await;
    let _ = std::fs::remove_dir_all(&out);
    result
}

async fn serve_in(root: &Path, out: &Path, opts: &ServeOptions) -> Result<(), String> {
    let mut build_opts = Options::new(root);
    build_opts.output = out.to_path_buf();
    build_opts.as_of = opts.as_of;
    build_opts.include_restricted = opts.include_restricted;
    // Served at the root of 127.0.0.1, whatever base_url the site is published under.
    build_opts.base_url = Some("/".into());
    let session = Arc::new(Mutex::new(Session::new(build_opts)));

    let viewers = reload::Viewers::default();
    let first = rebuild(&session, Vec::new(), BTreeSet::new()).await;
    report(&crate::msg::serve::initial_build(), &first, None);
    let (live_tx, live_rx) = tokio_watch::channel(Live::default().next(first.errors()));

    let listener = tokio::net::TcpListener::bind(("127.0.0.1", opts.port))
        .await
        .map_err(|e| crate::msg::serve::cannot_listen(opts.port, &e.to_string()))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;

    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let mut editor = editor::Editor::new(root.to_path_buf(), addr.port(), Some(live_rx.clone()));
    if opts.plan.is_some()
        && let Ok(base) = crate::load::several::plan_base(root, opts.plan.as_deref())
    {
        editor = editor.with_plan(base);
    }
    editor.as_of = opts.as_of;
    editor.include_restricted = opts.include_restricted;
    // Only this server's own names (see server::local_only); idle sockets closed.
    let app = server::local_only(
        server::router(out.to_path_buf(), live_rx, viewers.clone()).merge(editor::router(Arc::new(editor))),
        addr.port(),
    );
    let listener = limits::IdleListener::new(listener, limits::IDLE);
    let server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stop_rx.await;
            })
            .await
    });

    let (tx, mut rx) = mpsc::unbounded_channel();
    // A lost event (queue overflow) is reported as a change of content/: all is read again.
    let mut watcher = watch::Watching::start(root, root.join("content"), tx)?;
    // Announced once the files are watched: from now on every save is seen.
    println!("{}", crate::msg::serve::serving(&root.display().to_string(), &addr.to_string()));
    let stop = stop_signal();
    tokio::pin!(stop);
    loop {
        let batch = tokio::select! {
            _ = &mut stop => break,
            b = watch::next_batch(&mut rx, watch::QUIET, watch::MAX_WAIT) => match b {
                Some(b) => b,
                None => break,
            },
        };
        // A folder deleted and put back is watched again before it is read.
        watcher.rearm();
        let changes = change::classify_all(root, batch.paths.iter().map(PathBuf::as_path));
        if changes.is_empty() {
            continue;
        }
        let what = changes.iter().map(change::Change::describe).collect::<Vec<_>>().join(", ");
        let outcome = rebuild(&session, changes, viewers.snapshot()).await;
        live_tx.send_modify(|live| *live = live.next(outcome.errors()));
        report(&what, &outcome, Some(batch.saved_at.elapsed()));
        // Then the affected outputs that no browser shows (the pages open were first).
        if let Some(later) = finish(&session).await {
            // A page opened meanwhile may have been served stale: reload it.
            let stale = match &later {
                Outcome::Built { affected, .. } => viewers.snapshot().iter().any(|p| affected.contains(p)),
                Outcome::Failed { .. } => false,
            };
            if stale || !later.errors().is_empty() {
                live_tx.send_modify(|live| *live = live.next(later.errors()));
            }
            match &later {
                Outcome::Built { files, elapsed, .. } => {
                    println!("{}", crate::msg::serve::then_files(*files, elapsed.as_millis()))
                }
                Outcome::Failed { .. } => report(&crate::msg::serve::then_the_rest(), &later, None),
            }
        }
    }

    println!("{}", crate::msg::serve::stopping());
    drop(watcher);
    drop(live_tx); // ends every event stream, so that the connections can close
    let _ = stop_tx.send(());
    match tokio::time::timeout(Duration::from_secs(5), server).await {
        Ok(Ok(Ok(()))) => Ok(()),
        Ok(Ok(Err(e))) => Err(crate::msg::serve::server_failed(&e.to_string())),
        Ok(Err(e)) => Err(crate::msg::serve::server_failed(&e.to_string())),
        Err(_) => Ok(()), // connections that would not close; the process ends anyway
    }
}

/// Ctrl-C, or (on Unix) SIGTERM: either stops the server cleanly.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Run one rebuild off the async threads; a panic in the pipeline is reported, not fatal.
async fn rebuild(
    session: &Arc<Mutex<Session>>,
    changes: Vec<change::Change>,
    viewed: BTreeSet<String>,
) -> Outcome {
    let session = session.clone();
    off_thread(move || {
        let mut s = session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        s.rebuild(&changes, &viewed)
    })
    .await
    .unwrap_or_else(|panicked| panicked)
}

/// Render what the last rebuild left for later ([`Session::finish`]); `None` when nothing
/// was left.
async fn finish(session: &Arc<Mutex<Session>>) -> Option<Outcome> {
    let session = session.clone();
    off_thread(move || {
        let mut s = session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        s.finish()
    })
    .await
    .unwrap_or_else(Some)
}

/// Run `f` on tokio's blocking threads; a panic comes back as the failed outcome to show.
async fn off_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, Outcome> {
    let job = tokio::task::spawn_blocking(f);
    match job.await {
        Ok(done) => Ok(done),
        Err(e) => {
            let msg = match e.try_into_panic() {
                Ok(p) => p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into()),
                Err(e) => e.to_string(),
            };
            let msg = crate::msg::serve::panicked(&msg);
            Err(Outcome::Failed {
                rendered: format!("{}: {msg}\n", crate::msg::error_word()),
                errors: vec![overlay::plain_error(msg)],
            })
        }
    }
}

/// One line (and the errors, if any) per rebuild.
fn report(what: &str, outcome: &Outcome, since_save: Option<Duration>) {
    let reload = since_save.map(|d| crate::msg::serve::reload_sent(d.as_millis())).unwrap_or_default();
    match outcome {
        Outcome::Built {
            files,
            pages,
            findings,
            affected,
            reparsed,
            reparsed_files,
            load_elapsed,
            elapsed,
            deferred,
        } => {
            use crate::msg::serve as m;
            let how = if *reparsed {
                m::reparsed(*reparsed_files, load_elapsed.as_millis())
            } else {
                m::templates_only()
            };
            let later = if *deferred > 0 { m::deferred(*deferred) } else { String::new() };
            let built = m::rebuilt(*pages, *files, &affected.describe(), elapsed.as_millis(), *findings);
            println!("{what}: {built}{how}{reload}{later}");
        }
        Outcome::Failed { errors, rendered } => {
            eprint!("{rendered}");
            println!("{what}: {}{reload}", crate::msg::serve::still_serving(errors.len()));
        }
    }
}
