//! The reader driven by messages alone, as the event loop drives it.
