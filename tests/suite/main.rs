//! The integration tests: one binary, one module per subcommand, one helper.

mod support;

mod build;
mod check;
mod cli;
mod cron;
mod hostile;
mod inspect;
mod pages;
mod publish;
mod serve;
mod staging;
mod state;
