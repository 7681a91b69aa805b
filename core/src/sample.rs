//! sample (todo)
