//! The evaluation stage's pages and JSON API: the expert pool (评审专家库) so far.

pub mod experts;
