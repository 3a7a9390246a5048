//! The `attrib` command. Argument parsing and process I/O live in `cli`;
//! everything else is the library.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
