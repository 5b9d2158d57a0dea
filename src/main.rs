//! The `kehoach` command line.

mod cli_error;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use kehoach::build::{self, BuildError, Options};
use kehoach::msg::cli;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "kehoach",
    version,
    about = "Publish a plan of attending party-cell meetings as a static site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read and check the content; print errors, then findings, then a summary line.
    Check {
        /// The site folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The date to judge on (YYYY-MM-DD); else as_of in site.yaml; else today.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Exit with status 1 on findings too.
        #[arg(long)]
        strict: bool,
        /// Also list the files of content/ that are skipped (Thumbs.db, desktop.ini,
        /// .DS_Store, Word's ~$ lock files, hidden files).
        #[arg(long, short)]
        verbose: bool,
    },
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Default: <root>/public.
        #[arg(long)]
        output: Option<PathBuf>,
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Include restricted reports and pages (the Standing Committee's build).
        #[arg(long)]
        include_restricted: bool,
        /// Override base_url of site.yaml.
        #[arg(long, value_parser = parse_base_url)]
        base_url: Option<String>,
        /// Replace an output folder that kehoach did not write.
        #[arg(long)]
        force: bool,
    },
    /// Build, serve on 127.0.0.1, rebuild on every change and reload open pages.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// 0: any free port.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        #[arg(long)]
        include_restricted: bool,
        /// In a site holding several plans: the plan the editor writes to (default: the
        /// current one).
        #[arg(long)]
        plan: Option<String>,
    },
    /// Create a new content file.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Import office files: the schedule from Excel/CSV, a report from Word.
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Create a new, minimal site in DIR (new or empty).
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// Write content/reports/<month>/<visit-id>.md, filled in from the schedule.
    Report {
        visit_id: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// In a site holding several plans: the plan (default: the current one).
        #[arg(long)]
        plan: Option<String>,
    },
    /// Start the next plan (content/<ID>/) from an existing one: teams, units and pages
    /// copied, an empty schedule, the years moved on. --convert first makes a one-plan
    /// site a site of several plans (its plan moves to content/<year>/).
    Plan {
        id: String,
        /// The plan to start from (default: the last one).
        #[arg(long)]
        from: Option<String>,
        /// Make a one-plan site a site holding several plans first.
        #[arg(long)]
        convert: bool,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Write the schedule (content/schedule.yaml) from an .xlsx or .csv file.
    Schedule {
        file: PathBuf,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// In a site holding several plans: the plan (default: the current one).
        #[arg(long)]
        plan: Option<String>,
        /// Replace the existing schedule.
        #[arg(long)]
        replace: bool,
    },
    /// Write the report of a visit from a Word document (.docx).
    Report {
        file: PathBuf,
        /// The visit reported on.
        #[arg(long)]
        visit: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// In a site holding several plans: the plan (default: the current one).
        #[arg(long)]
        plan: Option<String>,
    },
}

fn parse_base_url(s: &str) -> Result<String, String> {
    kehoach::load::schema::site::normalize_base_url(s)
        .ok_or_else(|| cli::invalid_base_url(s, &kehoach::load::schema::site::base_url_expected()))
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    kehoach::load::schema::types::Date::parse_lenient(s.trim()).ok_or_else(|| cli::invalid_date_arg(s))
}

/// The allocator on Linux: jemalloc (elsewhere the system's). A build makes and drops
/// millions of small values (template values, strings) from two threads; glibc's malloc
/// spent about a seventh of the CPU time on them, and the kernel more on growing and
/// trimming its heaps. jemalloc takes the build at 10,000 reports from about 1.3 to 1.1 s
/// (docs/performance.md).
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read when it starts:
/// - `thp:always`: its memory in transparent huge pages (2 MiB) where the system allows
///   them on request (Debian's default, `madvise`). A build at 10,000 reports then takes
///   5,000 page faults instead of 40,000, and fewer misses of the TLB: about 9 % less wall
///   time in 30 alternated pairs, for a peak of 145 MiB instead of 123 (Hugo's: 850 to
///   910); a small site takes about 35 MiB instead of 14.
/// - `dirty_decay_ms:500`: freed pages it keeps go back to the system after half a second
///   unused (its default is ten): with huge pages, ten seconds take the peak to 175 MiB,
///   for no gain in time.
/// - `muzzy_decay_ms:0`: pages handed back are purged at once, so that the memory the
///   system sees is the memory in use.
#[cfg(target_os = "linux")]
#[unsafe(export_name = "_rjem_malloc_conf")]
static ALLOCATOR_CONF: &[u8; 47] = b"thp:always,dirty_decay_ms:500,muzzy_decay_ms:0\0";

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => match cli_error::message(&e) {
            Some(text) => {
                eprintln!("{text}");
                return ExitCode::from(2);
            }
            None => e.exit(),
        },
    };
    match cli.command {
        Command::Check { root, as_of, strict, verbose } => {
            if verbose {
                print_skipped(&root);
            }
            check(root, as_of, strict)
        }
        Command::Build { root, output, as_of, include_restricted, base_url, force } => {
            let mut opts = Options::new(root);
            if let Some(o) = output {
                opts.output = o;
            }
            opts.as_of = as_of;
            opts.include_restricted = include_restricted;
            opts.base_url = base_url;
            opts.force = force;
            // The process ends after this build: see `Options::dispose`.
            opts.dispose = |leftovers| std::mem::forget(leftovers);
            run_build(&opts)
        }
        Command::Serve { root, port, as_of, include_restricted, plan } => {
            let opts = kehoach::serve::ServeOptions { root, port, as_of, include_restricted, plan };
            match kehoach::serve::run(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{}", cli::error_line(&e.to_string()));
                    ExitCode::FAILURE
                }
            }
        }
        Command::New { what: NewCommand::Report { visit_id, root, plan } } => {
            let base = match kehoach::load::several::plan_base(&root, plan.as_deref()) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("{}", cli::error_line(&e));
                    return ExitCode::FAILURE;
                }
            };
            match kehoach::scaffold::new_report::run_in(&root, &base, &visit_id) {
                Ok(path) => {
                    println!("{}", cli::wrote(&path.display().to_string()));
                    println!("{}", cli::new_report_next());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::New { what: NewCommand::Plan { id, from, convert, root } } => {
            match kehoach::scaffold::new_plan::run(&root, &id, from.as_deref(), convert) {
                Ok(done) => {
                    for line in done {
                        println!("{line}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{}", cli::error_line(&e));
                    ExitCode::FAILURE
                }
            }
        }
        Command::Init { dir } => init(&dir),
        Command::Import { what } => {
            let result = match what {
                ImportCommand::Schedule { file, root, replace, plan } => {
                    kehoach::import::import_schedule_cli(&root, plan.as_deref(), &file, replace)
                }
                ImportCommand::Report { file, visit, root, plan } => {
                    kehoach::import::report_import::cli(&root, plan.as_deref(), &file, &visit)
                }
            };
            match result {
                Ok(out) => {
                    print!("{out}");
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    eprint!("{err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn init(dir: &std::path::Path) -> ExitCode {
    match kehoach::scaffold::init::run(dir, build::today_in_vietnam()) {
        Ok(written) => {
            println!("{}", cli::created_site(&dir.display().to_string()));
            for p in &written {
                println!("  {}", p.strip_prefix(dir).unwrap_or(p).display());
            }
            println!("{}", cli::next_steps());
            if dir != std::path::Path::new(".") {
                println!("  cd {}", dir.display());
            }
            println!("{}", cli::step_serve());
            println!("  kehoach new report <visit-id>");
            println!("{}", cli::step_build());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// `check --verbose`: the files of content/ that the loader skips, one line each.
fn print_skipped(root: &std::path::Path) {
    let skipped = kehoach::load::junk::skipped(root);
    for path in &skipped {
        eprintln!(
            "note: bỏ qua `{path}`: tệp do hệ điều hành hoặc chương trình văn phòng tạo ra, hoặc tệp ẩn — không phải nội dung"
        );
    }
    if !skipped.is_empty() {
        eprintln!("note: đã bỏ qua {} tệp/thư mục trong content/", skipped.len());
    }
}

fn check(root: PathBuf, as_of: Option<NaiveDate>, strict: bool) -> ExitCode {
    let layout = kehoach::load::several::layout(&root);
    if layout != kehoach::load::several::Layout::One {
        return check_several(&root, as_of, strict, layout);
    }
    let (loaded, j) = match build::load_judged(&root, as_of) {
        Ok(l) => l,
        Err(f) => {
            eprint!("{}", f.render());
            eprintln!("\n{}", cli::check_failed(f.errors.len()));
            return ExitCode::FAILURE;
        }
    };
    let failed = check_plan(&loaded.site, &j, &loaded.sources, strict);
    // The process ends here: freeing the model piece by piece (hundreds of thousands of
    // strings on a large site) would only delay the exit.
    std::mem::forget(loaded);
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// `kehoach check` of a site holding several plans: every plan, one after the other.
fn check_several(
    root: &std::path::Path,
    as_of: Option<NaiveDate>,
    strict: bool,
    layout: kehoach::load::several::Layout,
) -> ExitCode {
    let site = match build::several::load(root, as_of, layout) {
        Ok(s) => s,
        Err(f) => {
            eprint!("{}", f.render());
            eprintln!("\n{}", cli::check_failed(f.errors.len()));
            return ExitCode::FAILURE;
        }
    };
    let mut failed = false;
    for p in &site.plans {
        println!("{}:", kehoach::render::plans::label(&p.id));
        failed |= check_plan(&p.loaded.site, &p.judgement, &site.sources, strict);
    }
    std::mem::forget(site);
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Print a plan's findings, gaps and figures; whether `--strict` fails on them.
fn check_plan(
    site: &kehoach::model::Site,
    j: &kehoach::derive::Judgement,
    sources: &kehoach::diag::Sources,
    strict: bool,
) -> bool {
    let as_of = j.as_of;
    for f in &j.findings {
        eprintln!("{}", kehoach::diag::render(&build::finding_diagnostic(f), sources));
    }
    for g in &j.gaps {
        let team =
            site.teams.iter().find(|t| t.id.value == g.team).map_or(g.team.as_str(), |t| t.name.as_str());
        let month = format!("{:02}/{}", g.month.month, g.month.year);
        eprintln!("{}", cli::gap_line(team, &month, g.kind.key(), g.required, g.planned));
    }
    let s = j.summary(site, true);
    println!(
        "{}",
        cli::check_ok(
            j.findings.len(),
            j.gaps.len(),
            s.tally.planned(),
            s.tally.reported,
            s.tally.overdue,
            &as_of.format("%d/%m/%Y").to_string()
        )
    );
    strict && !(j.findings.is_empty() && j.gaps.is_empty())
}

fn run_build(opts: &Options) -> ExitCode {
    match build::build(opts) {
        Ok(r) => {
            println!(
                "{}",
                cli::built(
                    r.pages,
                    r.files,
                    &opts.output.display().to_string(),
                    r.elapsed.as_millis(),
                    r.findings,
                    &r.as_of.format("%d/%m/%Y").to_string()
                )
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(f)) => {
            eprint!("{}", f.render());
            eprintln!("\n{}", cli::build_failed(f.errors.len()));
            ExitCode::FAILURE
        }
        Err(BuildError::Write(e)) => {
            eprintln!("{}", cli::error_line(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}
