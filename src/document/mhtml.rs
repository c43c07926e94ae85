//! Web pages saved as a single file ("Web page, single file": `.mhtml`, `.mht`): a MIME
//! message whose root part is the page's HTML (often quoted-printable), the images and style
//! sheets in the other parts. The MIME is read by `mail-parser`; the page is then read like
//! any other web page.

use mail_parser::{MessageParser, PartType};

use super::read::ReadError;

/// The HTML of the page a web archive holds.
pub fn page_html(bytes: &[u8]) -> Result<String, ReadError> {
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or(ReadError::NoPage)?;
    message
        .parts
        .iter()
        .find_map(|p| match &p.body {
            PartType::Html(html) => Some(html.to_string()),
            _ => None,
        })
        .filter(|h| !h.trim().is_empty())
        .ok_or(ReadError::NoPage)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::archive;
    use super::*;

    #[test]
    fn the_page_is_taken_out_of_the_archive() {
        let html = "<html><head><title>Talks</title></head><body><h1>Kerry’s talks</h1><p class=\"lead\">A long paragraph that goes on for quite a while so that the quoted-printable encoding has to break it over several lines of the archive.</p></body></html>";
        let got = page_html(&archive(html)).unwrap();
        assert_eq!(got.replace("\r\n", "\n").trim(), html);
        assert_eq!(page_html(b"not a message at all"), Err(ReadError::NoPage));
    }
}
