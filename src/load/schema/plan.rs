//! `plan.md`: the plan document's front matter and body.

use super::fields::{Fields, Sink};
use super::types::{Date, List, Text};
use crate::load::yaml::Node;
use crate::model::Pos;
use crate::model::{Plan, Signer};

/// Read the plan from its front matter and body; `None` after reporting errors.
pub fn read(node: &Node, body: &str, sink: &mut Sink) -> Option<Plan> {
    let before = sink.errors.len();
    let mut f = Fields::new(node, "the front matter of plan.md", sink)?;
    let title = f.req(sink, "title", Text);
    let superior = f.opt_text(sink, "superior");
    let number = f.opt_text(sink, "number");
    let issued_on = f.opt(sink, "issued_on", Date);
    let place = f.opt_text(sink, "place");
    let signer = signer(&mut f, sink);
    let recipients = f.opt(sink, "recipients", List(Text)).unwrap_or_default();
    f.finish(sink);
    if sink.errors.len() > before {
        return None;
    }
    Some(Plan {
        title: title?,
        superior,
        number,
        issued_on,
        place,
        signer,
        recipients,
        body: body.to_string(),
        loc: sink.loc(Pos { line: 1, col: 1, len: 0 }),
    })
}

/// The optional `signer: { name, title, on_behalf_of }` of `f` (plan.md, and
/// `synthesis:` in site.yaml).
pub fn signer(f: &mut Fields, sink: &mut Sink) -> Option<Signer> {
    f.opt_map(sink, "signer", "signer", "a mapping { name: …, title: …, on_behalf_of: … }").and_then(
        |mut s| {
            let name = s.req(sink, "name", Text);
            let title = s.req(sink, "title", Text);
            let on_behalf_of = s.opt_text(sink, "on_behalf_of");
            s.finish(sink);
            Some(Signer { name: name?, title: title?, on_behalf_of })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;
    use std::sync::Arc;

    fn run(yaml: &str) -> (Option<Plan>, Vec<String>) {
        let n = parse(yaml).unwrap();
        let mut s = Sink::new(&Arc::from("content/plan.md"));
        let p = read(&n, "Body\n", &mut s);
        (p, s.errors.iter().map(|e| e.message.clone()).collect())
    }

    #[test]
    fn reads_all_keys() {
        let (p, e) = run(
            "title: KH\nsuperior: ĐẢNG BỘ TỈNH LÀO CAI\nnumber: 123-KH/ĐUK\nissued_on: 2024-02-05\nplace: Lào Cai\n\
             signer: { name: A, title: Bí thư, on_behalf_of: T/M BTV }\nrecipients: [X, Y]\n",
        );
        assert!(e.is_empty(), "{e:?}");
        let p = p.unwrap();
        assert_eq!(p.title, "KH");
        assert_eq!(p.superior.as_deref(), Some("ĐẢNG BỘ TỈNH LÀO CAI"));
        assert_eq!(p.number.as_deref(), Some("123-KH/ĐUK"));
        assert_eq!(p.signer.unwrap().on_behalf_of.as_deref(), Some("T/M BTV"));
        assert_eq!(p.recipients, ["X", "Y"]);
        assert_eq!(p.body, "Body\n");
    }

    #[test]
    fn only_title_is_required() {
        let (p, e) = run("title: KH\n");
        assert!(e.is_empty());
        let p = p.unwrap();
        assert_eq!((p.number, p.signer, p.recipients.len(), p.superior), (None, None, 0, None));
    }

    #[test]
    fn errors() {
        let (p, e) = run("issued_on: 2024-02-31\nsigner: { name: A }\nrecipient: []\n");
        assert!(p.is_none());
        assert_eq!(
            e,
            [
                "missing key `title`",
                "invalid date `2024-02-31`",
                "missing key `title`",
                "unknown key `recipient`"
            ]
        );
    }
}
