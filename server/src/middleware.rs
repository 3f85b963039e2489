//! Layers every request passes through.

pub mod cross_site;
pub mod headers;
pub mod held;
pub mod reading;
pub mod session;
