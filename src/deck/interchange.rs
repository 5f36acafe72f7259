//! Import and export (being written).
