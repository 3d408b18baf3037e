//! The evaluation stage's use cases: the expert pool so far.

pub mod experts;
