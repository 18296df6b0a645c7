//! The I/O shell around `epasapoarte-domain`: command line now; storage, HTTP and mail
//! arrive here as modules of their own (`store`, `http`, `mail`).

pub mod cli;
