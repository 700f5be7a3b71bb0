//! Read it later: pages saved by their address into the library, bookmarked, from the command
//! line, from a reading list exported elsewhere, or from the reader.

pub mod lists;
