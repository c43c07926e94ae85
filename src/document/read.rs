//! Formats whose bytes are a container rather than text: web archives, PDFs, word
//! processor files. Each reader gives a [`Prepared`] document, or a [`ReadError`] that tells
//! the user what to do.

use super::{Format, Prepared, html, mhtml, office, pdf};

/// Why a file in a container format could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error(
        "this web archive holds no web page (no text/html part); save the page again as “Web page, single file”, or as “Web page, complete”"
    )]
    NoPage,
    #[error(
        "this PDF is protected by a password; open it in a PDF reader, save a copy without the password, and add that"
    )]
    Encrypted,
    #[error(
        "this PDF has no text layer (it is a scan or a picture of text); run it through OCR (for example `ocrmypdf`), then add the result"
    )]
    Scanned,
    #[error(
        "this {0} file could not be read ({1}); open it and save it again, or export it as .txt"
    )]
    Broken(&'static str, String),
    #[error("this {0} file unpacks to more than 64 MB; export it as .txt")]
    TooLarge(&'static str),
}

/// Read a file in one of the container formats.
pub fn read(format: Format, bytes: &[u8]) -> Result<Prepared, ReadError> {
    match format {
        Format::Mhtml => Ok(html::reduce(&mhtml::page_html(bytes)?).into()),
        Format::Pdf => pdf::read(bytes),
        Format::Docx => office::docx(bytes),
        Format::Odt => office::odt(bytes),
        Format::Text | Format::Markdown | Format::Html => Err(ReadError::Broken(
            "text",
            "it is text, not a container".into(),
        )),
    }
}
