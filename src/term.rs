//! What the binary prints, and how: results on standard output, where a closed pipe
//! (`wirefeed inspect … | head`) ends the program successfully, and messages on
//! standard error, with `error:` and `warning:` coloured on a terminal.
//!
//! Colour follows `--color` (`auto`, the default, colours a terminal unless `NO_COLOR`
//! is set; `always` and `never` force it), through `anstream`, which drops the escape
//! codes wherever colour is off.

use std::fmt::Display;
use std::io::Write;

use anstyle::{AnsiColor, Style};

use crate::cli::ColorChoice;

/// Applies `--color` to everything printed from now on (and to clap's help).
pub(crate) fn set_color(choice: ColorChoice) {
    let choice = match choice {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
}

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();

/// Prints `error: MESSAGE` on standard error.
pub(crate) fn error(message: impl Display) {
    message_line(ERROR, "error", message);
}

/// Prints `warning: MESSAGE` on standard error.
pub(crate) fn warning(message: impl Display) {
    message_line(WARNING, "warning", message);
}

/// Prints a plain line on standard error (progress, summaries).
pub(crate) fn note(message: impl Display) {
    // A closed standard error is no reason to stop a build: the line is dropped.
    let _ = writeln!(anstream::stderr(), "{message}");
}

fn message_line(style: Style, label: &str, message: impl Display) {
    let _ = writeln!(anstream::stderr(), "{style}{label}:{style:#} {message}");
}

/// Writes `bytes` to standard output. When the reader has gone away (a broken pipe,
/// e.g. `| head`), the program ends at once with exit code 0: the reader got what it
/// asked for. Any other write error is reported and ends the program with code 1.
pub(crate) fn out(bytes: &[u8]) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        error(format_args!("writing to standard output: {e}"));
        std::process::exit(1);
    }
}

/// [`out`] for one line of text.
pub(crate) fn out_line(line: impl Display) {
    out(format!("{line}\n").as_bytes());
}
