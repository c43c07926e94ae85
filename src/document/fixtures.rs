//! Files in the container formats, made in memory: what the tests (and benchmarks) read.
//! Small on purpose — real files of these formats carry much more, but the parts that
//! matter to reading are these.

#![allow(clippy::missing_panics_doc)]

use std::io::Write;

use pdf_extract::{Dictionary, Object, Stream};

/// A zip archive of `(name, content)` files, as a word processor writes one.
pub fn zipped(files: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in files {
            z.start_file(*name, opts).unwrap();
            z.write_all(content.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

pub fn docx_fixture() -> Vec<u8> {
    let p = |style: &str, text: &str| {
        let ppr = if style.is_empty() {
            String::new()
        } else {
            format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>")
        };
        format!("<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    };
    let body = [
        p("Titel", "Talks in Paris"),
        p("", "By Jane Roe"),
        p("", "The ministers met on Monday. They talked &amp; talked about the threat."),
        p("Zitat", "“We are only communicating,” Kerry said."),
        p("berschrift1", "What comes next"),
        "<w:p><w:r><w:t>Split </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>across</w:t></w:r><w:r><w:tab/><w:t>runs</w:t><w:br/><w:t>and lines.</w:t></w:r><w:r><w:delText>deleted</w:delText></w:r></w:p>".to_owned(),
    ]
    .concat();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let styles = "<?xml version=\"1.0\"?><w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:style w:type=\"paragraph\" w:styleId=\"Titel\"><w:name w:val=\"Title\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"berschrift1\"><w:name w:val=\"heading 1\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"Zitat\"><w:name w:val=\"Quote\"/></w:style></w:styles>";
    let core = "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\"><dc:title>Talks in Paris</dc:title><dc:creator>Jane Roe</dc:creator><dcterms:created>2014-09-16T08:00:00Z</dcterms:created></cp:coreProperties>";
    zipped(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &document),
        ("word/styles.xml", styles),
        ("docProps/core.xml", core),
    ])
}

pub fn odt_fixture() -> Vec<u8> {
    let content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"><office:automatic-styles><style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Quotations\"/></office:automatic-styles><office:body><office:text><text:p text:style-name=\"Title\">Talks in Paris</text:p><text:p text:style-name=\"Standard\">By Jane Roe</text:p><text:p text:style-name=\"Standard\">The ministers met<text:s text:c=\"2\"/>on Monday.<text:note><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note> They talked.</text:p><text:p text:style-name=\"P1\">“We are only communicating,” Kerry said.</text:p><text:h text:outline-level=\"1\">What comes next</text:h><text:list><text:list-item><text:p>An item<text:line-break/>on two lines.</text:p></text:list-item></text:list></office:text></office:body></office:document-content>";
    let meta = "<?xml version=\"1.0\"?><office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><office:meta><dc:title>Talks in Paris</dc:title><meta:initial-creator>Jane Roe</meta:initial-creator><meta:creation-date>2014-09-16T08:00:00</meta:creation-date></office:meta></office:document-meta>";
    zipped(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", content),
        ("meta.xml", meta),
    ])
}

/// A text on a page: (x, y from the top, size, text).
pub type Run = (f64, f64, f64, String);

/// A PDF of pages of text runs in Helvetica, with an Info title and author.
pub fn pdf(pages: &[Vec<Run>], title: &str, author: &str) -> Vec<u8> {
    let mut doc = pdf_extract::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    font.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    let font_id = doc.add_object(font);
    let mut fonts = Dictionary::new();
    fonts.set("F1", Object::Reference(font_id));
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(fonts));
    let resources_id = doc.add_object(resources);
    let mut kids = Vec::new();
    for runs in pages {
        let mut content = String::new();
        for (x, y, size, text) in runs {
            let escaped = text
                .replace('\\', "\\\\")
                .replace('(', "\\(")
                .replace(')', "\\)");
            content.push_str(&format!(
                "BT /F1 {size} Tf {x} {} Td ({escaped}) Tj ET\n",
                792.0 - y
            ));
        }
        let stream = Stream::new(Dictionary::new(), content.into_bytes());
        let content_id = doc.add_object(stream);
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference(pages_id));
        page.set("Contents", Object::Reference(content_id));
        page.set("Resources", Object::Reference(resources_id));
        page.set(
            "MediaBox",
            Object::Array(vec![0.into(), 0.into(), 612.into(), 792.into()]),
        );
        kids.push(Object::Reference(doc.add_object(page)));
    }
    let mut pages_dict = Dictionary::new();
    pages_dict.set("Type", Object::Name(b"Pages".to_vec()));
    pages_dict.set("Count", Object::Integer(kids.len() as i64));
    pages_dict.set("Kids", Object::Array(kids));
    doc.objects.insert(pages_id, Object::Dictionary(pages_dict));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog_id = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog_id));
    let mut info = Dictionary::new();
    info.set("Title", Object::string_literal(title));
    info.set("Author", Object::string_literal(author));
    info.set("CreationDate", Object::string_literal("D:20140916080000Z"));
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", Object::Reference(info_id));
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("the test PDF is written");
    out
}

/// Wrap words into lines of at most `width` characters.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for w in text.split_whitespace() {
        let last = lines.last_mut().unwrap();
        if !last.is_empty() && last.len() + 1 + w.len() > width {
            lines.push(w.to_owned());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(w);
        }
    }
    lines
}

/// An archive as Chrome writes one: multipart/related, quoted-printable HTML, an image.
pub fn archive(html: &str) -> Vec<u8> {
    let qp: String = html
        .replace('=', "=3D")
        .replace('\u{2019}', "=E2=80=99")
        .lines()
        .map(|l| {
            // Soft line breaks every 70 characters, as encoders do.
            let mut out = String::new();
            let mut n = 0;
            for c in l.chars() {
                if n >= 70 {
                    out.push_str("=\r\n");
                    n = 0;
                }
                out.push(c);
                n += c.len_utf8();
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    format!(
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.com/talks\r\nSubject: Talks\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc----\"\r\n\r\n------MultipartBoundary--abc----\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://example.com/talks\r\n\r\n{qp}\r\n\r\n------MultipartBoundary--abc----\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: https://example.com/a.png\r\n\r\niVBORw0KGgo=\r\n\r\n------MultipartBoundary--abc------\r\n"
    )
    .into_bytes()
}
