//! The search page `/tim-kiem/`: the box, the results (filled in by the theme's
//! `search.js` from the prebuilt index under `search/`), and, without JavaScript, links to
//! the indexes instead.

use super::Page;
use super::view::{View, url};
use serde_json::json;

/// Address of the search page; every page's search box submits to it.
pub fn address() -> String {
    "tim-kiem/index.html".into()
}

pub fn search(view: &View) -> Page {
    let mut p = Page::new(&address(), "search.html", "Tìm kiếm", "tim-kiem");
    let indexes = [
        ("Kế hoạch", url::plan()),
        ("Các tổ công tác", url::teams()),
        ("Các đơn vị", url::units()),
        ("Lịch dự sinh hoạt", url::calendar()),
        ("Báo cáo kết quả dự sinh hoạt", url::reports()),
    ];
    let mut indexes: Vec<_> = indexes.iter().map(|(label, u)| json!({"label": label, "url": u})).collect();
    indexes.extend(view.pages.iter().map(|pg| json!({"label": pg.title, "url": url::page(&pg.slug)})));
    p.ctx.insert("indexes", &indexes);
    p.ctx.insert("search_index", crate::paths::SEARCH_INDEX_PATH);
    p.ctx.insert("search_dir", crate::paths::SEARCH_DIR);
    p.ctx.insert("search_script", &format!("{}/search.js", crate::theme::STATIC_DIR));
    p
}
