//! The evaluation stage's storage: the expert pool (评审专家库) so far.

pub mod experts;
