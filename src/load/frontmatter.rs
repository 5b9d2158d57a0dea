//! Front matter: the YAML block between two `---` lines at the top of a Markdown file.

/// A Markdown file cut in two.
#[derive(Clone, Debug, PartialEq)]
pub struct FrontMatter<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// Add this to a line of `yaml` to get the line in the file.
    pub line_offset: u32,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// The line of the file where `body` starts (1-based).
    pub body_line: u32,
}

/// Why a file has no usable front matter; both are reported at 1:1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The first line is not `---`.
    Missing,
    /// The opening `---` has no closing `---`.
    Unterminated,
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n']).trim_end() == "---"
}

/// Split `text` (a BOM and CRLF line ends are tolerated).
pub fn split(text: &str) -> Result<FrontMatter<'_>, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or(Problem::Missing)?;
    if !is_fence(first) {
        return Err(Problem::Missing);
    }
    let start = first.len();
    let mut offset = start;
    let mut line_no: u32 = 1;
    for line in lines {
        line_no = line_no.saturating_add(1);
        if is_fence(line) {
            let yaml = text.get(start..offset).unwrap_or("");
            let body = text.get(offset + line.len()..).unwrap_or("");
            return Ok(FrontMatter { yaml, line_offset: 1, body, body_line: line_no.saturating_add(1) });
        }
        offset += line.len();
    }
    Err(Problem::Unterminated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body() {
        let fm = split("---\ntitle: A\nweight: 2\n---\n# Body\ntext\n").unwrap();
        assert_eq!(fm.yaml, "title: A\nweight: 2\n");
        assert_eq!(fm.line_offset, 1);
        assert_eq!(fm.body, "# Body\ntext\n");
        assert_eq!(fm.body_line, 5);
    }

    #[test]
    fn tolerates_bom_crlf_and_trailing_spaces() {
        let fm = split("\u{feff}--- \r\ntitle: A\r\n---\r\nbody\r\n").unwrap();
        assert_eq!(fm.yaml, "title: A\r\n");
        assert_eq!(fm.body, "body\r\n");
        assert_eq!(fm.body_line, 4);
    }

    #[test]
    fn empty_front_matter_and_no_body() {
        let fm = split("---\n---").unwrap();
        assert_eq!(fm.yaml, "");
        assert_eq!(fm.body, "");
        assert_eq!(fm.body_line, 3);
    }

    #[test]
    fn missing_and_unterminated() {
        assert_eq!(split(""), Err(Problem::Missing));
        assert_eq!(split("# Title\n---\n"), Err(Problem::Missing));
        assert_eq!(split("----\nx\n---\n"), Err(Problem::Missing));
        assert_eq!(split("---\ntitle: A\n"), Err(Problem::Unterminated));
        assert_eq!(split("---"), Err(Problem::Unterminated));
    }

    #[test]
    fn a_later_rule_in_the_body_is_body() {
        let fm = split("---\na: 1\n---\ntext\n---\nmore\n").unwrap();
        assert_eq!(fm.body, "text\n---\nmore\n");
    }
}
