//! Entry point of the browser wizard: everything lives in the library.
fn main() {
    aks_triage_app::start();
}
