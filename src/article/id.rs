//! Article ids: from the url when the file gives one, else from the file's text, and the ids
//! older versions gave, to carry marks over.

use super::{ArticleId, Summary, normalise_words};

/// The id: from the url when the file gives one, else from the file's text. It depends on no
/// field that gazette works out (headline, source, date), so a change to how pages are read never
/// moves it; the same text saved twice is the same story and shares its id.
pub fn stable_id(url: Option<&str>, text: &str) -> ArticleId {
    match url {
        Some(url) => {
            let digest = sha1_smol::Sha1::from(format!("url:{}", normalise_url(url)))
                .digest()
                .to_string();
            ArticleId(digest[..URL_ID_LEN].into())
        }
        None => ArticleId(format!("{:032x}", text_hash(text))[..TEXT_ID_LEN].into()),
    }
}

/// Hex digits of a url's id (as before content ids) and of a text's id: the lengths differ, so
/// an id made by an older gazette from a headline (16 digits, no url) can be told apart.
pub const URL_ID_LEN: usize = 16;
pub const TEXT_ID_LEN: usize = 20;

/// The id older gazettes gave an article without a url (a hash of its headline, source and
/// date), to carry their bookmarks and read marks over. None for an article with a url, whose
/// id has not changed.
pub fn legacy_id(article: &Summary) -> Option<ArticleId> {
    if article.url().is_some() {
        return None;
    }
    let key = format!(
        "story:{}|{}|{}",
        normalise_words(article.headline()),
        normalise_words(article.source().unwrap_or("")),
        article.published.map(|d| d.to_string()).unwrap_or_default()
    );
    let digest = sha1_smol::Sha1::from(key).digest().to_string();
    Some(ArticleId(digest[..URL_ID_LEN].into()))
}

/// A hash of the text as it identifies a story: letters and digits only, lower case, words
/// separated by single spaces. Line endings, spacing, punctuation, invisible characters and the
/// encoding change nothing; any change to a word does. Every file of a library goes through
/// this on a cold start, so ASCII takes a table lookup a byte, and the hash is XXH3-128 (a
/// fixed, published algorithm: ids never change with a library version).
fn text_hash(text: &str) -> u128 {
    let mut out: Vec<u8> = Vec::with_capacity(text.len() + 8);
    out.extend_from_slice(b"text:");
    let (mut space, mut started) = (false, false);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII, up to the next other character.
        let mut end = bytes.len();
        for (k, &b) in bytes[i..].iter().enumerate() {
            match BYTES[b as usize] {
                DROP => {}
                SPACE => space = true,
                OTHER => {
                    end = i + k;
                    break;
                }
                lower => {
                    if space && started {
                        out.push(b' ');
                    }
                    (space, started) = (false, true);
                    out.push(lower);
                }
            }
        }
        if end == bytes.len() {
            break;
        }
        let c = text[end..].chars().next().unwrap_or(' ');
        i = end + c.len_utf8();
        if c.is_alphanumeric() {
            if space && started {
                out.push(b' ');
            }
            (space, started) = (false, true);
            for l in c.to_lowercase() {
                out.extend_from_slice(l.encode_utf8(&mut [0; 4]).as_bytes());
            }
        } else {
            space |= c.is_whitespace();
        }
    }
    xxhash_rust::xxh3::xxh3_128(&out)
}

const DROP: u8 = 0;
const SPACE: u8 = 1;
const OTHER: u8 = 2;

/// What each byte is in a normalised text: dropped (ASCII punctuation, controls), a word break
/// (ASCII white space), the start of another character (any byte over 127), or the lower-case
/// letter or digit it stands for.
const BYTES: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else if c.is_ascii_whitespace() {
            SPACE
        } else {
            DROP
        };
        b += 1;
    }
    table
};

fn normalise_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let (scheme_host, rest) = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            let end = after.find('/').map(|j| i + 3 + j).unwrap_or(url.len());
            (url[..end].to_lowercase(), &url[end..])
        }
        None => (String::new(), url),
    };
    let scheme_host = scheme_host
        .replacen("http://", "https://", 1)
        .replacen("://www.", "://", 1);
    format!("{scheme_host}{}", rest.trim_end_matches('/'))
}
