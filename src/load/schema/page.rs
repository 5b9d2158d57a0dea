//! `pages/**/*.md`: other pages (guidance, notices).

use super::fields::{Fields, Sink};
use super::types::{Flag, Int, Text};
use crate::load::yaml::Node;
use crate::model::Page;
use crate::model::Pos;

/// Read a page; `slug` comes from its path under `pages/`.
pub fn read(node: &Node, slug: &str, body: &str, body_line: u32, sink: &mut Sink) -> Option<Page> {
    let before = sink.errors.len();
    let mut f = Fields::new(node, "a page", sink)?;
    let title = f.req(sink, "title", Text);
    let menu_title = f.opt(sink, "menu_title", Text);
    let weight = f.opt(sink, "weight", Int).unwrap_or(0);
    let draft = f.opt(sink, "draft", Flag).unwrap_or(false);
    let restricted = f.opt(sink, "restricted", Flag).unwrap_or(false);
    f.finish(sink);
    if sink.errors.len() > before {
        return None;
    }
    Some(Page {
        slug: slug.to_string(),
        title: title?,
        menu_title,
        weight,
        draft,
        restricted,
        body: body.to_string(),
        body_line,
        loc: sink.loc(Pos { line: 1, col: 1, len: 0 }),
    })
}

/// The slug of a page from its path under `pages/`: `huong-dan.md` → `huong-dan`,
/// `a/b.md` → `a/b`.
pub fn slug(path_under_pages: &str) -> &str {
    path_under_pages.strip_suffix(".md").unwrap_or(path_under_pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;
    use std::sync::Arc;

    fn run(yaml: &str) -> (Option<Page>, Vec<String>) {
        let n = parse(yaml).unwrap();
        let mut s = Sink::new(&Arc::from("content/pages/a.md"));
        let p = read(&n, "a", "text", 4, &mut s);
        (p, s.errors.iter().map(|e| e.message.clone()).collect())
    }

    #[test]
    fn reads_and_defaults() {
        let p = run("title: Hướng dẫn\nweight: -2\ndraft: true\n").0.unwrap();
        assert_eq!((p.title.as_str(), p.weight, p.draft, p.restricted), ("Hướng dẫn", -2, true, false));
        assert_eq!(p.menu_title, None);
        let p = run("title: T\n").0.unwrap();
        assert_eq!((p.weight, p.draft, p.restricted, p.slug.as_str()), (0, false, false, "a"));
        let p = run("title: Hướng dẫn chuẩn bị khi Tổ công tác đến\nmenu_title: Chuẩn bị\n").0.unwrap();
        assert_eq!(p.menu_title.as_deref(), Some("Chuẩn bị"));
    }

    #[test]
    fn errors() {
        let (p, e) = run("weight: heavy\ndraft: yes\ntitel: T\n");
        assert!(p.is_none());
        assert_eq!(
            e,
            [
                "missing key `title`",
                "invalid number `heavy`",
                "expected true or false, found a string `yes`",
                "unknown key `titel`"
            ]
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("huong-dan.md"), "huong-dan");
        assert_eq!(slug("a/b.md"), "a/b");
    }
}
