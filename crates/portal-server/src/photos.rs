//! Photos of hazards: decoded and re-encoded, so that nothing but pixels
//! survives — no EXIF, no GPS position, no camera serial, no comments.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// Image formats accepted, by their media types.
pub const ACCEPTED: &[(&str, ImageFormat)] = &[
    ("image/jpeg", ImageFormat::Jpeg),
    ("image/png", ImageFormat::Png),
    ("image/webp", ImageFormat::WebP),
];

/// Longest side kept, in pixels; larger photos are scaled down.
pub const MAX_SIDE: u32 = 2560;

/// The most pixels a photo may have (40 megapixels: more than any phone
/// camera takes), read from the file's header before anything is decoded.
pub const MAX_PIXELS: u64 = 40_000_000;

/// The most memory one decode may allocate for the decoded picture: 40
/// megapixels of 8-bit RGBA, 160 MB, with room for 16-bit colour up to
/// about 32 megapixels. See ARCHITECTURE.md, "Photos", for the bound on
/// the whole photo path.
pub const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

/// A photo ready to store.
#[derive(Debug)]
pub struct CleanPhoto {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Why a photo is refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("send a JPEG, PNG or WebP photo (Content-Type image/jpeg, image/png or image/webp)")]
    UnsupportedType,
    #[error("the file is not a {0} image the server can read")]
    Undecodable(&'static str),
    #[error("the image is too large to process ({0})")]
    TooLarge(String),
}

/// Decodes `bytes` (which must really be of the declared type), turns it
/// upright by its orientation tag, scales it to at most [`MAX_SIDE`], and
/// re-encodes it as a JPEG without any metadata.
pub fn clean(content_type: &str, bytes: &[u8]) -> Result<CleanPhoto, PhotoError> {
    let declared = ACCEPTED
        .iter()
        .find(|(media, _)| {
            content_type
                .split(';')
                .next()
                .is_some_and(|t| t.trim() == *media)
        })
        .map(|(_, format)| *format)
        .ok_or(PhotoError::UnsupportedType)?;
    let name = match declared {
        ImageFormat::Png => "PNG",
        ImageFormat::WebP => "WebP",
        _ => "JPEG",
    };
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| PhotoError::Undecodable(name))?;
    if reader.format() != Some(declared) {
        return Err(PhotoError::Undecodable(name));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| decode_error(name, e))?;
    // The header alone says how large the picture is: refuse before decoding.
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(PhotoError::TooLarge(format!(
            "{width} × {height} pixels; at most {} megapixels",
            MAX_PIXELS / 1_000_000
        )));
    }
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| decode_error(name, e))?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    if image.width() > MAX_SIDE || image.height() > MAX_SIDE {
        // Area averaging, without the full-size floating-point copy that a
        // filtered resize makes.
        image = image.thumbnail(MAX_SIDE, MAX_SIDE);
    }
    // JPEG has no alpha: lay transparent pixels on white.
    let rgb = if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
        for (to, from) in rgb.pixels_mut().zip(rgba.pixels()) {
            let alpha = u16::from(from[3]);
            for channel in 0..3 {
                let value = (u16::from(from[channel]) * alpha + 255 * (255 - alpha)) / 255;
                to[channel] = u8::try_from(value).unwrap_or(255);
            }
        }
        rgb
    } else {
        image.to_rgb8()
    };
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&rgb)
        .map_err(|e| PhotoError::TooLarge(e.to_string()))?;
    Ok(CleanPhoto {
        jpeg,
        width: rgb.width(),
        height: rgb.height(),
    })
}

fn decode_error(name: &'static str, error: image::ImageError) -> PhotoError {
    match error {
        image::ImageError::Limits(limit) => PhotoError::TooLarge(limit.to_string()),
        _ => PhotoError::Undecodable(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbaImage::from_pixel(width, height, image::Rgba([200, 30, 30, 128]));
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgba8(image)
            .write_to(&mut out, ImageFormat::Png)
            .expect("a PNG");
        out.into_inner()
    }

    #[test]
    fn a_png_becomes_a_jpeg_of_the_same_size() {
        let clean = clean("image/png", &png(40, 30)).expect("clean");
        assert_eq!((clean.width, clean.height), (40, 30));
        assert_eq!(&clean.jpeg[..2], &[0xFF, 0xD8], "a JPEG");
    }

    #[test]
    fn a_file_that_is_not_what_it_says_is_refused() {
        assert_eq!(
            clean("image/jpeg", &png(4, 4)).expect_err("a PNG is not a JPEG"),
            PhotoError::Undecodable("JPEG")
        );
        assert!(clean("image/png", b"definitely not an image").is_err());
    }

    #[test]
    fn other_types_are_refused() {
        assert_eq!(
            clean("image/gif", &png(4, 4)).expect_err("gif"),
            PhotoError::UnsupportedType
        );
        assert_eq!(
            clean("application/pdf", b"%PDF").expect_err("pdf"),
            PhotoError::UnsupportedType
        );
    }

    /// A PNG whose header claims `width` × `height` pixels, followed by
    /// image data that is not there: only the header can be read.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
            out.extend_from_slice(&u32::try_from(data.len()).expect("short").to_be_bytes());
            let start = out.len();
            out.extend_from_slice(kind);
            out.extend_from_slice(data);
            let crc = crc32fast::hash(&out[start..]);
            out.extend_from_slice(&crc.to_be_bytes());
        }
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut header = Vec::new();
        header.extend_from_slice(&width.to_be_bytes());
        header.extend_from_slice(&height.to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]);
        chunk(&mut out, b"IHDR", &header);
        chunk(&mut out, b"IDAT", &[0x78, 0x9C]);
        out
    }

    #[test]
    fn a_photo_of_more_pixels_than_allowed_is_refused_from_its_header() {
        // 11999 × 11999 fits the side limit but not the pixel limit; its
        // data is missing, so only a check made before decoding says
        // "too large" rather than "cannot be read".
        let error = clean("image/png", &png_header(11_999, 11_999)).expect_err("too large");
        assert!(
            matches!(&error, PhotoError::TooLarge(why) if why.contains("11999 × 11999")),
            "{error:?}"
        );
    }

    #[test]
    fn a_photo_within_the_pixel_limit_is_decoded() {
        // The same truncated file, small enough: it is decoded, and fails
        // as unreadable.
        assert_eq!(
            clean("image/png", &png_header(100, 100)).expect_err("truncated"),
            PhotoError::Undecodable("PNG")
        );
    }

    #[test]
    fn a_large_photo_is_scaled_to_the_longest_side() {
        let clean = clean("image/png", &png(3000, 1500)).expect("clean");
        assert_eq!((clean.width, clean.height), (MAX_SIDE, MAX_SIDE / 2));
    }
}
