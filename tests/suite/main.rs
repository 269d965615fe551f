//! The integration-test binary: one module per subcommand.

mod check;
mod serve;
