//! From elements to text: a page's subtree becomes pieces (paragraphs, subheads, captions,
//! credits, quotations) in reading order, without anything a reader does not see.
//!
//! The walk keeps its own stack, so a deep page cannot overflow the thread's stack, and it
//! never enters script, style, template, noscript, iframe or hidden elements.

use dom_query::{Element, NodeData, NodeRef, TreeNode};

use crate::article::hygiene;

/// What a piece of text is, from the element it sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Paragraph,
    /// `<h1>`: the headline again, as a rule.
    Title,
    Subhead,
    /// Text of a `<blockquote>`.
    Quote,
    /// Text of a `<figcaption>` (or a caption element).
    Caption,
    /// A photo credit inside a figure: an element whose class or itemprop names one.
    PhotoCredit,
    /// Preformatted text, kept line by line.
    Pre,
}

/// One block of visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub role: Role,
    pub text: String,
    /// Inside a `<figure>`.
    pub in_figure: bool,
}

/// Elements whose content is never shown as text.
const HIDDEN: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math",
    "canvas", "audio", "video", "button", "select", "input", "textarea", "head", "title", "meta",
    "link", "map", "dialog",
];

/// Elements that start a new block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "br",
    "summary",
    "caption",
    "center",
    "body",
];

/// True for an element a browser would not show: `hidden`, `aria-hidden="true"`, or an
/// inline style with `display: none` or `visibility: hidden`.
fn hidden(element: &Element) -> bool {
    if element.has_attr("hidden") {
        return true;
    }
    if attr(element, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    attr(element, "style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// True for an element whose text is never shown.
pub fn is_skipped(node: &NodeRef) -> bool {
    node.query_or(false, |t| t.as_element().is_some_and(skipped))
}

fn skipped(element: &Element) -> bool {
    HIDDEN.contains(&&*element.name.local) || hidden(element)
}

/// The first value of the attribute `name`, as `NodeRef::attr` gives it, without a copy.
fn attr<'e>(element: &'e Element, name: &str) -> Option<&'e str> {
    element
        .attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave {
        /// The element pushed a role.
        popped: bool,
        figure: bool,
        /// The element is a block (or changes the role): its end ends a piece.
        ends_piece: bool,
    },
}

/// What the walk enters: an element (or the document) with what it means for the text.
struct Entered {
    role: Option<Role>,
    block: bool,
    figure: bool,
}

/// Looks at a node once: a text node's text goes into `current`; an element to enter says
/// its role; anything else (comments, skipped elements) is passed by.
fn look(node: &TreeNode, in_figure: bool, current: &mut String) -> Option<Entered> {
    match &node.data {
        NodeData::Text { contents } => {
            current.push_str(contents);
            None
        }
        NodeData::Document | NodeData::Fragment => Some(Entered {
            role: None,
            block: false,
            figure: false,
        }),
        NodeData::Element(element) if !skipped(element) => {
            let name: &str = &element.name.local;
            Some(Entered {
                role: role_of(name, element, in_figure),
                block: BLOCKS.contains(&name),
                figure: name == "figure",
            })
        }
        _ => None,
    }
}

/// The visible text of `root`'s subtree as pieces, in order.
pub fn pieces(root: &NodeRef) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut roles: Vec<Role> = vec![Role::Paragraph];
    let mut figures = 0usize;
    let mut current = String::new();
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave {
                popped,
                figure,
                ends_piece,
            } => {
                if ends_piece {
                    flush(&mut current, &roles, figures, &mut out);
                }
                if popped {
                    roles.pop();
                }
                figures -= usize::from(figure);
            }
            Step::Enter(node) => {
                let in_figure = figures > 0;
                let Some(entered) = node.query(|t| look(t, in_figure, &mut current)).flatten()
                else {
                    continue;
                };
                let role = entered.role;
                let ends_piece = entered.block || role.is_some();
                if ends_piece {
                    flush(&mut current, &roles, figures, &mut out);
                }
                figures += usize::from(entered.figure);
                if let Some(role) = role {
                    roles.push(role);
                }
                stack.push(Step::Leave {
                    popped: role.is_some(),
                    figure: entered.figure,
                    ends_piece,
                });
                let children: Vec<_> = node.children_it(true).collect();
                stack.extend(children.into_iter().map(Step::Enter));
            }
        }
    }
    flush(&mut current, &roles, figures, &mut out);
    out
}

fn role_of(name: &str, element: &Element, in_figure: bool) -> Option<Role> {
    Some(match name {
        "h1" => Role::Title,
        "h2" | "h3" | "h4" | "h5" | "h6" => Role::Subhead,
        "blockquote" => Role::Quote,
        "figcaption" => Role::Caption,
        "pre" => Role::Pre,
        _ if in_figure && names_credit(element) => Role::PhotoCredit,
        // Pages that write their own caption element inside a figure: `<div class="caption">`.
        _ if in_figure && names_caption(element) => Role::Caption,
        _ => return None,
    })
}

/// A class or itemprop that names a photo credit: "credit", "copyright", "photographer".
fn names_credit(element: &Element) -> bool {
    let class = attr(element, "class")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let prop = attr(element, "itemprop")
        .unwrap_or_default()
        .to_ascii_lowercase();
    [
        "credit",
        "copyright",
        "photographer",
        "attribution",
        "source",
    ]
    .iter()
    .any(|k| class.contains(k) || prop.contains(k))
}

/// A class that names a caption: "caption", "caption__text", "ImageCaption".
fn names_caption(element: &Element) -> bool {
    attr(element, "class").is_some_and(|c| c.to_ascii_lowercase().contains("caption"))
}

fn flush(current: &mut String, roles: &[Role], figures: usize, out: &mut Vec<Piece>) {
    let role = roles.last().copied().unwrap_or(Role::Paragraph);
    let text = if role == Role::Pre {
        hygiene::clean(current).trim_matches('\n').to_owned()
    } else {
        squash(current)
    };
    current.clear();
    if !text.is_empty() {
        out.push(Piece {
            role,
            text,
            in_figure: figures > 0,
        });
    }
}

/// Text from a page made safe and tidy: controls and escape sequences removed (by the same
/// hygiene as every other format), runs of white space made one space.
pub fn squash(text: &str) -> String {
    hygiene::clean_line(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn texts(html: &str) -> Vec<(Role, String)> {
        let doc = Document::from(html);
        pieces(&doc.root())
            .into_iter()
            .map(|p| (p.role, p.text))
            .collect()
    }

    #[test]
    fn hidden_and_script_text_never_reaches_the_pieces() {
        let got = texts(
            "<body><p>Seen <script>alert('x')</script>text</p><style>p{}</style>\
             <template><p>tpl</p></template><noscript>ns</noscript><iframe>frame</iframe>\
             <p hidden>h1</p><p style=\"display: none\">h2</p><p aria-hidden=true>h3</p></body>",
        );
        assert_eq!(got, [(Role::Paragraph, "Seen text".to_owned())]);
    }

    #[test]
    fn roles_follow_the_elements() {
        let got = texts(
            "<h1>Title</h1><p>One <b>bold</b>\n word</p><h2>Sub</h2><blockquote><p>Q</p></blockquote>\
             <figure><img src=a><figcaption>Cap <span class=credit>Jo / AP</span></figcaption></figure>\
             <figure><img src=b><div class=\"media-caption\"><span>Cap two</span></div></figure>",
        );
        let roles: Vec<Role> = got.iter().map(|(r, _)| *r).collect();
        assert_eq!(
            roles,
            [
                Role::Title,
                Role::Paragraph,
                Role::Subhead,
                Role::Quote,
                Role::Caption,
                Role::PhotoCredit,
                Role::Caption
            ]
        );
        assert_eq!(got[1].1, "One bold word");
    }

    #[test]
    fn escape_sequences_from_entities_are_removed() {
        let got = texts("<p>a&#x1b;[2Jb &amp;lt; c</p>");
        assert_eq!(got[0].1, "ab &lt; c");
    }
}
