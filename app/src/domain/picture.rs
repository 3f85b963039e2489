//! Checking an uploaded picture before it is stored: PNG or JPEG only, told apart by
//! what the file holds (its signature, then its header read for the width and height),
//! never by its name or the content type the browser claims; at most 1 MB; and of a
//! size a page can show.

use super::Invalid;

/// The largest picture we take, in bytes (1 MB).
pub const MAX_PICTURE_BYTES: usize = 1_000_000;
/// The smallest and largest width or height we take, in pixels.
pub const MIN_PICTURE_SIDE: usize = 16;
pub const MAX_PICTURE_SIDE: usize = 4_000;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const JPEG_SIGNATURE: &[u8] = &[0xFF, 0xD8, 0xFF];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureKind {
    Png,
    Jpeg,
}

impl PictureKind {
    /// The content type it is stored and served with (the list in migration 0007).
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
        }
    }
}

/// A picture that passed every check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckedPicture {
    pub kind: PictureKind,
    pub width: usize,
    pub height: usize,
}

fn not_png_or_jpeg() -> Invalid {
    Invalid::new(
        "The picture must be a PNG or JPEG file. This file is not one, whatever its name says",
    )
}

/// Check a picture's bytes: its size, its signature, and a header that really gives a
/// width and height (a file that starts like a PNG but is cut short or made up is
/// refused).
pub fn check(bytes: &[u8]) -> Result<CheckedPicture, Invalid> {
    if bytes.is_empty() {
        return Err(Invalid::new(
            "The chosen file is empty. Choose a PNG or JPEG picture",
        ));
    }
    if bytes.len() > MAX_PICTURE_BYTES {
        return Err(too_large());
    }
    let kind = if bytes.starts_with(PNG_SIGNATURE) {
        PictureKind::Png
    } else if bytes.starts_with(JPEG_SIGNATURE) {
        PictureKind::Jpeg
    } else {
        return Err(not_png_or_jpeg());
    };
    // The header parser must agree with the signature, and must find a size.
    let agrees = matches!(
        (kind, imagesize::image_type(bytes)),
        (PictureKind::Png, Ok(imagesize::ImageType::Png))
            | (PictureKind::Jpeg, Ok(imagesize::ImageType::Jpeg))
    );
    let size = imagesize::blob_size(bytes).ok().filter(|_| agrees);
    let Some(size) = size else {
        return Err(not_png_or_jpeg());
    };
    let (width, height) = (size.width, size.height);
    let sensible = |side: usize| (MIN_PICTURE_SIDE..=MAX_PICTURE_SIDE).contains(&side);
    if !sensible(width) || !sensible(height) {
        return Err(Invalid::new(format!(
            "The picture must be between {MIN_PICTURE_SIDE} and {MAX_PICTURE_SIDE} pixels wide and high. This one is {width} by {height}"
        )));
    }
    Ok(CheckedPicture {
        kind,
        width,
        height,
    })
}

/// The message for a picture over the limit, also used when the upload itself is cut
/// off for being too large.
pub fn too_large() -> Invalid {
    Invalid::new(
        "The picture must be 1 MB or smaller. Choose a smaller picture, or make this one smaller",
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A real PNG's opening: signature and IHDR chunk for a `width` by `height` picture.
    pub(crate) fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = PNG_SIGNATURE.to_vec();
        bytes.extend_from_slice(&13u32.to_be_bytes());
        bytes.extend_from_slice(b"IHDR");
        bytes.extend_from_slice(&width.to_be_bytes());
        bytes.extend_from_slice(&height.to_be_bytes());
        bytes.extend_from_slice(&[8, 2, 0, 0, 0]);
        bytes.extend_from_slice(&[0, 0, 0, 0]); // CRC (not checked by a size reader)
        bytes
    }

    /// A real JPEG's opening: SOI, a JFIF APP0 segment and a baseline SOF0 frame header.
    pub(crate) fn jpeg_header(width: u16, height: u16) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8];
        bytes.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x10]);
        bytes.extend_from_slice(b"JFIF\0");
        bytes.extend_from_slice(&[1, 1, 0, 0, 1, 0, 1, 0, 0]);
        bytes.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 8]);
        bytes.extend_from_slice(&height.to_be_bytes());
        bytes.extend_from_slice(&width.to_be_bytes());
        bytes.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        bytes.extend_from_slice(&[0xFF, 0xD9]);
        bytes
    }

    #[test]
    fn a_png_is_taken_with_its_width_and_height() {
        let checked = check(&png_header(120, 80)).unwrap();
        assert_eq!(checked.kind, PictureKind::Png);
        assert_eq!((checked.width, checked.height), (120, 80));
        assert_eq!(checked.kind.content_type(), "image/png");
    }

    #[test]
    fn a_jpeg_is_taken_with_its_width_and_height() {
        let checked = check(&jpeg_header(300, 200)).unwrap();
        assert_eq!(checked.kind, PictureKind::Jpeg);
        assert_eq!((checked.width, checked.height), (300, 200));
        assert_eq!(checked.kind.content_type(), "image/jpeg");
    }

    #[test]
    fn a_gif_or_a_text_file_named_png_is_refused() {
        let gif = b"GIF89a\x10\x00\x10\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,";
        let text = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";
        for bytes in [&gif[..], &text[..], b"\x89PNG but not really"] {
            let refused = check(bytes).unwrap_err();
            assert!(
                refused.0.starts_with("The picture must be a PNG or JPEG"),
                "{refused}"
            );
        }
    }

    #[test]
    fn a_file_that_only_starts_like_a_png_is_refused() {
        let cut_short = &png_header(100, 100)[..12];
        assert!(check(cut_short).is_err());
    }

    #[test]
    fn a_picture_over_1_mb_is_refused_whatever_it_holds() {
        let mut big = png_header(100, 100);
        big.resize(MAX_PICTURE_BYTES + 1, 0);
        assert!(check(&big).unwrap_err().0.contains("1 MB or smaller"));
        assert!(check(&[]).unwrap_err().0.contains("empty"));
    }

    #[test]
    fn a_picture_too_small_or_too_large_to_show_is_refused_with_its_size() {
        let refused = check(&png_header(8, 8)).unwrap_err();
        assert!(refused.0.contains("This one is 8 by 8"), "{refused}");
        assert!(check(&png_header(5_000, 100)).is_err());
        assert!(check(&jpeg_header(4_000, 16)).is_ok());
    }
}
