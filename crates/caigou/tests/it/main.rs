//! Integration tests: each runs against a real server on SQLite and on PostgreSQL
//! (`CAIGOU_TEST_PG_URL`, started by scripts/test.sh).

#[macro_use]
mod helpers;

mod abuse;
mod audit_trail;
mod auth;
mod authz_matrix;
mod bad_input;
mod bids;
mod calendar_catalog;
mod crash;
mod demo;
mod draw;
mod experts;
mod help_centre;
mod identity;
mod mail;
mod multi_node;
mod opening;
mod operations;
mod planning;
mod policies;
mod races;
mod requests;
mod security;
mod tender_fixture;
mod tendering;
