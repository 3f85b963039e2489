//! The browser entry point. Pages are server-rendered HTML that works without this; it
//! only brings the few "islands" (text boxes with live previews) to life.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages in the browser's console help while developing; a release leaves
    // the hook and the formatting it pulls in out of the bundle phones download.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // Link the app crate, whose #[island] components are the functions this calls.
    #[allow(unused_imports)]
    use app::*;
    leptos::mount::hydrate_islands();
}
