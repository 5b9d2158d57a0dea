//! Feeds and exports for other programs: iCalendar files ([`ics`]) and the data files
//! `data/reports.csv` and `data/findings.json` ([`exports`]). Pure functions of the model
//! and its judgement; the renderer writes what they return.

pub mod exports;
pub mod ics;
