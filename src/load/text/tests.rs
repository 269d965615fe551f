//! Tests of the scraped-text loader.

use super::*;
use crate::config::Config;

#[test]
fn placeholder() {}
