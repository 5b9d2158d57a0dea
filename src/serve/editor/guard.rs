//! The editor's guard: it writes files, so every POST must come from a page this server
//! gave out (the per-run secret `_token`) to this server by its own name (`Host`, and
//! `Origin` when the browser sends one: a DNS-rebinding site has another name). Bounded
//! bodies are the router's job ([`super::MAX_FORM`]).

use axum::http::{HeaderMap, header};
use std::io::Read;

/// What a POST must show.
#[derive(Clone, Debug)]
pub struct Guard {
    token: String,
    port: u16,
}

/// Why a request is refused (shown on the 403 page, in Vietnamese).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Host,
    Origin,
    Token,
}

impl Refusal {
    pub fn message(self) -> &'static str {
        match self {
            Refusal::Host => "Yêu cầu gửi tới một tên máy khác với máy chủ soạn thảo (127.0.0.1, localhost).",
            Refusal::Origin => "Biểu mẫu được gửi từ một trang không phải của máy chủ soạn thảo này.",
            Refusal::Token => {
                "Biểu mẫu không mang mã phiên của lần chạy `kehoach serve` này (có thể máy chủ đã khởi động lại): mở lại biểu mẫu rồi lưu lại."
            }
        }
    }
}

impl Guard {
    pub fn new(port: u16) -> Guard {
        Guard { token: random_token(), port }
    }

    /// A guard with a known token (tests).
    pub fn with_token(port: u16, token: &str) -> Guard {
        Guard { token: token.into(), port }
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    /// The headers of a request that may write: `Host` this server's, `Origin` (when
    /// given) too.
    pub fn check_headers(&self, headers: &HeaderMap) -> Result<(), Refusal> {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
        if !crate::serve::server::is_own_host(host, self.port) {
            return Err(Refusal::Host);
        }
        if let Some(origin) = headers.get(header::ORIGIN) {
            let o = origin.to_str().unwrap_or("").to_ascii_lowercase();
            if !crate::serve::server::is_own_origin(&o, self.port) {
                return Err(Refusal::Origin);
            }
        }
        Ok(())
    }

    /// The form's `_token` is this run's.
    pub fn check_token(&self, token: Option<&str>) -> Result<(), Refusal> {
        let t = token.unwrap_or("").as_bytes();
        let mine = self.token.as_bytes();
        // Compared in full whatever the first difference.
        let diff = t.len() != mine.len() || t.iter().zip(mine).fold(0u8, |acc, (a, b)| acc | (a ^ b)) != 0;
        if diff { Err(Refusal::Token) } else { Ok(()) }
    }
}

/// 128 random bits, hex: from the system's random source, else from the standard hasher's
/// random keys and the clock.
fn random_token() -> String {
    let mut bytes = [0u8; 16];
    let from_os = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes)).is_ok();
    if !from_os {
        use std::hash::{BuildHasher, Hasher};
        for chunk in bytes.chunks_mut(8) {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or(0),
            );
            chunk.copy_from_slice(&h.finish().to_le_bytes()[..chunk.len()]);
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(host: &str, origin: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        if let Some(o) = origin {
            h.insert(header::ORIGIN, HeaderValue::from_str(o).unwrap());
        }
        h
    }

    #[test]
    fn own_names_with_the_port_only() {
        let g = Guard::with_token(8080, "abc");
        assert_eq!(g.check_headers(&headers("127.0.0.1:8080", None)), Ok(()));
        assert_eq!(g.check_headers(&headers("localhost:8080", Some("http://localhost:8080"))), Ok(()));
        assert_eq!(g.check_headers(&headers("[::1]:8080", Some("http://127.0.0.1:8080"))), Ok(()));
        assert_eq!(g.check_headers(&headers("evil.example:8080", None)), Err(Refusal::Host));
        assert_eq!(g.check_headers(&headers("127.0.0.1:8081", None)), Err(Refusal::Host));
        assert_eq!(g.check_headers(&headers("127.0.0.1:80800", None)), Err(Refusal::Host));
        assert_eq!(
            g.check_headers(&headers("127.0.0.1:8080", Some("http://evil.example"))),
            Err(Refusal::Origin)
        );
        assert_eq!(g.check_headers(&headers("127.0.0.1:8080", Some("null"))), Err(Refusal::Origin));
    }

    #[test]
    fn token_must_match_exactly_and_differs_per_run() {
        let g = Guard::with_token(1, "abc");
        assert_eq!(g.check_token(Some("abc")), Ok(()));
        for bad in [None, Some(""), Some("ab"), Some("abcd"), Some("abd")] {
            assert_eq!(g.check_token(bad), Err(Refusal::Token));
        }
        let (a, b) = (Guard::new(1), Guard::new(1));
        assert_eq!(a.token().len(), 32);
        assert_ne!(a.token(), b.token());
    }
}
