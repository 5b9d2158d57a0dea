//! The `kehoach` command line.

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use kehoach::build::{self, BuildError, Options};
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
    },
    /// Create a new content file.
    New {
        #[command(subcommand)]
        what: NewCommand,
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
    },
}

fn parse_base_url(s: &str) -> Result<String, String> {
    kehoach::load::schema::site::normalize_base_url(s)
        .ok_or_else(|| format!("invalid base_url `{s}`: {}", kehoach::load::schema::site::BASE_URL_EXPECTED))
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("expected a date YYYY-MM-DD, found `{s}`"))
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
    let cli = Cli::parse();
    match cli.command {
        Command::Check { root, as_of, strict } => check(root, as_of, strict),
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
        Command::Serve { root, port, as_of, include_restricted } => {
            let opts = kehoach::serve::ServeOptions { root, port, as_of, include_restricted };
            match kehoach::serve::run(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::New { what: NewCommand::Report { visit_id, root } } => {
            match kehoach::scaffold::new_report::run(&root, &visit_id) {
                Ok(path) => {
                    println!("wrote {}", path.display());
                    println!("next: fill in the report, correct the dates and figures, then `kehoach check`");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Init { dir } => init(&dir),
    }
}

fn init(dir: &std::path::Path) -> ExitCode {
    match kehoach::scaffold::init::run(dir, build::today_in_vietnam()) {
        Ok(written) => {
            println!("created a new site in {}:", dir.display());
            for p in &written {
                println!("  {}", p.strip_prefix(dir).unwrap_or(p).display());
            }
            println!("next steps:");
            if dir != std::path::Path::new(".") {
                println!("  cd {}", dir.display());
            }
            println!("  kehoach serve          # preview at http://127.0.0.1:1111/, reloads on every save");
            println!("  kehoach new report <visit-id>");
            println!("  kehoach build          # the site, into public/");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn check(root: PathBuf, as_of: Option<NaiveDate>, strict: bool) -> ExitCode {
    let (loaded, j) = match build::load_judged(&root, as_of) {
        Ok(l) => l,
        Err(f) => {
            eprint!("{}", f.render());
            eprintln!("\nerror: {} lỗi (errors); nothing was built", f.errors.len());
            return ExitCode::FAILURE;
        }
    };
    let as_of = j.as_of;
    for f in &j.findings {
        eprintln!("{}", kehoach::diag::render(&build::finding_diagnostic(f), &loaded.sources));
    }
    let s = j.summary(&loaded.site, true);
    println!(
        "ok: 0 errors, {} findings, {} gaps; {} visits planned, {} reported, {} overdue on {}",
        j.findings.len(),
        j.gaps.len(),
        s.tally.planned(),
        s.tally.reported,
        s.tally.overdue,
        as_of.format("%d/%m/%Y")
    );
    let failed = strict && !(j.findings.is_empty() && j.gaps.is_empty());
    // The process ends here: freeing the model piece by piece (hundreds of thousands of
    // strings on a large site) would only delay the exit.
    std::mem::forget(loaded);
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn run_build(opts: &Options) -> ExitCode {
    match build::build(opts) {
        Ok(r) => {
            println!(
                "built {} pages ({} files) into {} in {} ms; {} findings; as of {}",
                r.pages,
                r.files,
                opts.output.display(),
                r.elapsed.as_millis(),
                r.findings,
                r.as_of.format("%d/%m/%Y")
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(f)) => {
            eprint!("{}", f.render());
            eprintln!("\nerror: {} errors; the output folder was left untouched", f.errors.len());
            ExitCode::FAILURE
        }
        Err(BuildError::Write(e)) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
