//! Messages about YAML syntax: the mistakes [`crate::load::yaml_explain`] recognises, and
//! the parser's own words kept as a note.

use crate::pick;

pub fn invalid_yaml() -> String {
    pick!("lỗi cú pháp YAML", "invalid YAML")
}
pub fn parser_stopped_here() -> String {
    pick!("trình đọc YAML dừng ở đây", "the YAML parser stopped here")
}
/// The parser's words, as a note under an error it could not be explained better.
pub fn parser_words(msg: &str) -> String {
    pick!("trình đọc YAML báo: {msg}", "the YAML parser says: {msg}")
}
/// The parser's place and words, as a note under an error placed elsewhere.
pub fn parser_said(line: u32, col: u32, msg: &str) -> String {
    pick!(
        "trình đọc YAML dừng ở dòng {line}, cột {col}: {msg}",
        "the YAML parser stopped at line {line}, column {col}: {msg}"
    )
}
pub fn too_large() -> String {
    pick!(
        "tệp quá lớn hoặc lồng quá sâu (giới hạn an toàn: tối đa 16 cấp lồng nhau, 4000000 giá trị, 10000 giá trị sao chép qua alias)",
        "the document is too large or too deeply nested (a safety limit: at most 16 levels, 4000000 values, 10000 values copied by aliases)"
    )
}
pub fn second_document() -> String {
    pick!("dòng `---` bắt đầu một tài liệu YAML thứ hai", "a `---` line starts a second YAML document")
}
pub fn second_document_label() -> String {
    pick!("mỗi tệp chỉ có một tài liệu", "a file holds one document")
}
pub fn second_document_help() -> String {
    pick!(
        "xóa dòng này: mọi mục của tệp nằm trong một danh sách (muốn chia lịch thành nhiều tệp thì dùng thư mục content/schedule/)",
        "remove this line: every item of the file is in one list (to split the schedule, use the folder content/schedule/)"
    )
}
/// The name of an invisible or look-alike character.
pub fn char_name(c: char) -> String {
    let code = format!("U+{:04X}", c as u32);
    let vi = match c {
        '\u{a0}' => "dấu cách không ngắt dòng",
        '\u{3000}' => "dấu cách toàn độ rộng",
        '\u{ff1a}' => "dấu hai chấm toàn độ rộng `：`",
        '\u{200b}' => "dấu cách độ rộng 0",
        '\u{feff}' => "dấu BOM",
        _ => "dấu cách đặc biệt",
    };
    let en = match c {
        '\u{a0}' => "non-breaking space",
        '\u{3000}' => "full-width space",
        '\u{ff1a}' => "full-width colon `：`",
        '\u{200b}' => "zero-width space",
        '\u{feff}' => "byte-order mark",
        _ => "special space",
    };
    pick!("{vi} ({code})", "{en} ({code})")
}
pub fn invisible_char(c: char, col: u32) -> String {
    let name = char_name(c);
    pick!("ký tự lạ ở cột {col}: {name}", "a look-alike character at column {col}: {name}")
}
pub fn invisible_char_label(c: char) -> String {
    if c == '\u{ff1a}' {
        pick!(
            "trông như dấu hai chấm nhưng YAML không đọc là dấu hai chấm",
            "looks like a colon, but YAML does not read it as one"
        )
    } else {
        pick!(
            "trông như dấu cách nhưng YAML không đọc là dấu cách",
            "looks like a space, but YAML does not read it as one"
        )
    }
}
pub fn invisible_char_help(c: char) -> String {
    if c == '\u{ff1a}' {
        pick!(
            "gõ lại dấu hai chấm `:` thường (bộ gõ tiếng Anh), rồi một dấu cách",
            "type a plain colon `:` instead, then a space"
        )
    } else {
        pick!("xóa ký tự này và gõ lại một dấu cách thường", "delete it and type a plain space")
    }
}
pub fn tab_indent() -> String {
    pick!("dùng phím Tab để thụt lề", "a tab used for indentation")
}
pub fn tab_indent_label() -> String {
    pick!("ký tự Tab ở đây", "a tab here")
}
pub fn tab_indent_help() -> String {
    pick!(
        "YAML chỉ thụt lề bằng dấu cách: thay Tab bằng dấu cách (thường là 2 dấu cách một cấp)",
        "YAML indents with spaces only: use spaces instead of the tab (usually 2 a level)"
    )
}
fn delimiter(open: char) -> &'static str {
    match open {
        '{' => "`{`",
        '[' => "`[`",
        '\'' => "`'`",
        _ => "`\"`",
    }
}
fn closing(open: char) -> &'static str {
    match open {
        '{' => "`}`",
        '[' => "`]`",
        '\'' => "`'`",
        _ => "`\"`",
    }
}
pub fn unclosed(open: char) -> String {
    let d = delimiter(open);
    pick!("dấu {d} mở ở đây không được đóng", "unclosed delimiter {d}")
}
pub fn unclosed_label(open: char) -> String {
    let d = closing(open);
    pick!("mở ở đây, thiếu dấu đóng {d}", "opened here, never closed with {d}")
}
pub fn unclosed_help(open: char) -> String {
    let d = closing(open);
    pick!("thêm {d} ở cuối giá trị (trên cùng dòng)", "add {d} at the end of the value (on the same line)")
}
pub fn no_space_after_colon() -> String {
    pick!("thiếu dấu cách sau dấu hai chấm", "no space after the colon")
}
pub fn no_space_after_colon_label() -> String {
    pick!("thêm một dấu cách sau dấu hai chấm này", "add a space after this colon")
}
pub fn write_as(key: &str, value: &str) -> String {
    pick!("viết `{key}: {value}`", "write `{key}: {value}`")
}
pub fn duplicate_key(key: &str) -> String {
    pick!("khóa `{key}` được viết hai lần", "the key `{key}` is written twice")
}
pub fn duplicate_key_label() -> String {
    pick!("lần thứ hai ở đây", "the second time here")
}
pub fn duplicate_key_help() -> String {
    pick!("giữ một trong hai dòng", "keep one of the two lines")
}
/// A comma inside `{ … }` ended the value before it.
pub fn comma_ends_value(key: &str) -> String {
    pick!("dấu phẩy kết thúc giá trị của `{key}` ở đây", "a comma ends the value of `{key}` here")
}
pub fn comma_ends_value_label() -> String {
    pick!("phần sau dấu phẩy bị đọc thành một khóa", "the text after the comma is read as a key")
}
pub fn comma_quote_help(key: &str, value: &str) -> String {
    pick!(
        "trong `{{ … }}` dấu phẩy ngăn cách các khóa; đặt giá trị trong ngoặc kép: `{key}: \"{value}\"`",
        "inside `{{ … }}` a comma separates the keys; quote the value: `{key}: \"{value}\"`"
    )
}
/// `key:value` read as text where a mapping was expected.
pub fn add_space_help(key: &str, value: &str) -> String {
    pick!(
        "thêm một dấu cách sau dấu hai chấm: `{key}: {value}`",
        "add a space after the colon: `{key}: {value}`"
    )
}
