//! The s3img command; everything lives in the library.

fn main() -> std::process::ExitCode {
    s3img::main()
}
