//! Reading a file the user chose (the text offices' files come in), and
//! handing one the app fetched to the browser's downloads.

/// A file's text: UTF-8 (a byte-order mark is dropped), or GB18030 — what
/// Excel on Chinese Windows saves a CSV in. `None` when it is neither.
pub fn decode_text(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    ["utf-8", "gb18030"].into_iter().find_map(|label| {
        web_sys::TextDecoder::new_with_label_and_options(label, &options)
            .ok()?
            .decode_with_u8_array(bytes)
            .ok()
    })
}

/// Reads `file` whole; `None` when it cannot be read.
pub async fn read_bytes(file: web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Reads `file` whole and decodes it with [`decode_text`]; `None` when it
/// cannot be read or is neither UTF-8 nor GB18030.
pub async fn read_text(file: web_sys::File) -> Option<String> {
    decode_text(&read_bytes(file).await?)
}

/// Whether the user chose an Excel workbook (by its type, or its name when
/// the browser gives no type).
pub fn is_workbook(file: &web_sys::File) -> bool {
    file.type_() == portal_types::XLSX_TYPE || file.name().to_ascii_lowercase().ends_with(".xlsx")
}

/// Hands the file at `url` (an object URL the app made) to the browser's
/// downloads as `name`, then lets the URL go.
pub fn save_as(url: &str, name: &str) {
    use wasm_bindgen::JsCast;
    let document = leptos::prelude::document();
    if let Ok(link) = document.create_element("a")
        && link.set_attribute("href", url).is_ok()
        && link.set_attribute("download", name).is_ok()
        && let Ok(link) = link.dyn_into::<web_sys::HtmlElement>()
    {
        link.click();
    }
    // The download has its bytes once it starts; a minute is ample.
    let url = url.to_owned();
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
}
