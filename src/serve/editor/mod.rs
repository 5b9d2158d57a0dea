//! The editor of `kehoach serve`: forms under `/__kehoach/soan/` that write the report
//! and schedule files by hand-edit rules, for people who do not write YAML (FORMAT.md,
//! "The editor"). It exists only while serve runs on 127.0.0.1; built files hold no trace
//! of it (serve injects its link into the pages it serves, see [`LINK`]).
//!
//! One file per job: [`routes`] (the addresses, the guard's middleware, the list, saving;
//! the forms' own in `report_routes` and `schedule_routes`), [`pages`] and
//! [`form_page`] (the HTML), [`report_file`] and [`schedule_file`] (the writers, on
//! [`yaml_edit`]), [`validate`] (the build's own load and check), [`guard`] (token,
//! `Host`, `Origin`), [`store`] (atomic writes under `content/`), [`gitcommit`]
//! ("Ghi nhận"), [`form`] (decoding a POST).

pub mod form;
pub mod form_page;
pub mod gitcommit;
pub mod guard;
pub mod pages;
pub mod report_file;
mod report_routes;
pub mod routes;
pub mod schedule_file;
mod schedule_routes;
pub mod store;
pub mod validate;
pub mod yaml_edit;

use super::reload::LiveRx;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

/// The largest form the editor reads (a report's text is a few kilobytes): beyond, 413.
pub const MAX_FORM: usize = 512 * 1024;

/// What serve adds to each page it serves, after the reload script: a small link to the
/// editor (styled by a file of its own, no inline style).
/// Its script (a file: the site's CSP allows no inline script) shows, on the page a save
/// led to, what was saved and the findings it causes.
pub const LINK: &str = "<link rel=\"stylesheet\" href=\"/__kehoach/soan/tai-nguyen/lien-ket.css\">\
<a id=\"kehoach-soan-thao\" href=\"/__kehoach/soan/\" lang=\"vi\">Soạn thảo</a>\
<script src=\"/__kehoach/soan/tai-nguyen/lien-ket.js\" defer></script>";

/// What a save said, for the page it redirected to (kept a minute).
#[derive(Clone, Debug)]
pub struct AfterSave {
    pub what: String,
    pub warnings: Vec<String>,
    /// The form to go back to.
    pub form: String,
    pub at: std::time::Instant,
}

/// The editor's state for one run of serve.
pub struct Editor {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    /// The folder of the plan edited: `content`, or `content/<plan>` of a site holding
    /// several (`serve --plan`, else the current plan).
    pub plan_base: String,
    /// Where the plan's pages are served: `` (one plan) or `/<plan>`.
    pub site_prefix: String,
    pub as_of: Option<NaiveDate>,
    pub include_restricted: bool,
    pub guard: guard::Guard,
    /// The rebuilds: a save waits (a little) for the page it redirects to.
    pub live: Option<LiveRx>,
    /// Whether the site is a git work tree ("Ghi nhận" is offered).
    pub git: bool,
    /// The files written in this run and not committed yet: path → what (for the message).
    pub written: Mutex<BTreeMap<String, String>>,
    /// The last save's message, by the address of the page it redirected to.
    pub after_save: Mutex<BTreeMap<String, AfterSave>>,
}

impl Editor {
    pub fn new(root: PathBuf, port: u16, live: Option<LiveRx>) -> Editor {
        let git = crate::git::is_work_tree(&root);
        let plan_base = crate::load::several::plan_base(&root, None).unwrap_or_else(|_| "content".into());
        Editor {
            site_prefix: plan_prefix(&plan_base),
            plan_base,
            root,
            as_of: None,
            include_restricted: false,
            guard: guard::Guard::new(port),
            live,
            git,
            written: Mutex::new(BTreeMap::new()),
            after_save: Mutex::new(BTreeMap::new()),
        }
    }
}

pub use routes::router;

/// Where the pages of the plan in the folder `base` are served: `` or `/<plan>`.
pub fn plan_prefix(base: &str) -> String {
    base.strip_prefix("content/").map(|p| format!("/{p}")).unwrap_or_default()
}

impl Editor {
    /// Edit the plan in the folder `base` (`serve --plan`).
    pub fn with_plan(mut self, base: String) -> Editor {
        self.site_prefix = plan_prefix(&base);
        self.plan_base = base;
        self
    }
}
