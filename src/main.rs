fn main() {
    std::process::exit(quiz::run(std::env::args_os()));
}
