//! Markdown to the HTML the public sees: rendered by pulldown-cmark, then
//! cleaned by ammonia against a short allow-list, so that nothing an author
//! (or an attacker who got a file into `content/`) writes can run a script,
//! carry an event handler, restyle the page, or load anything from elsewhere.

use std::collections::HashSet;

use portal_types::education::TocEntry;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// An article body, ready to store and serve.
#[derive(Clone, Debug, PartialEq)]
pub struct Rendered {
    /// Sanitised HTML.
    pub html: String,
    /// The body's sections (level 2 and 3 headings), in order.
    pub toc: Vec<TocEntry>,
    /// The text without markup, for search and reading time.
    pub plain_text: String,
    /// Minutes an ordinary reader needs.
    pub reading_minutes: u32,
}

/// Characters of Chinese an ordinary adult reads in a minute (studies put
/// silent reading of expository text at 300–500).
const CHARACTERS_PER_MINUTE: usize = 400;

/// Renders and sanitises an article body.
pub fn render(markdown: &str) -> Rendered {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut toc: Vec<TocEntry> = Vec::new();
    let mut plain_text = String::new();
    let mut heading: Option<(u8, String)> = None;
    let mut events: Vec<Event<'_>> = Vec::new();
    // The raw HTML of the block being read, if inside one.
    let mut html_block: Option<String> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            // Raw HTML is cleaned block by block, on its own: markup that
            // changes how the rest is parsed (`<math><style>`, an unclosed
            // `<textarea>`) then cannot swallow the text after it.
            Event::Start(Tag::HtmlBlock) => html_block = Some(String::new()),
            Event::Html(ref raw) if html_block.is_some() => {
                if let Some(block) = html_block.as_mut() {
                    block.push_str(raw);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(block) = html_block.take() {
                    events.push(Event::Html(CowStr::from(sanitize(&block))));
                }
            }
            // Inline, a tag the articles may not use is dropped (its text
            // stays); the allowed ones are cleaned with the whole page.
            Event::InlineHtml(ref raw) if !is_allowed_tag(raw) => {}
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                // The page's title is the only level-1 heading.
                let level = match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H2,
                    other => other,
                };
                let id = format!("section-{}", toc.len() + 1);
                heading = Some((level as u8, String::new()));
                toc.push(TocEntry {
                    id: id.clone(),
                    text: String::new(),
                    level: level as u8,
                });
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let (Some((_, text)), Some(entry)) = (heading.take(), toc.last_mut()) {
                    entry.text = text.trim().to_owned();
                }
                let level = if level == HeadingLevel::H1 {
                    HeadingLevel::H2
                } else {
                    level
                };
                plain_text.push('\n');
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                if let Some((_, heading_text)) = heading.as_mut() {
                    heading_text.push_str(text);
                }
                plain_text.push_str(text);
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                plain_text.push(' ');
                events.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                plain_text.push('\n');
                events.push(event);
            }
            other => events.push(other),
        }
    }
    // Only sections and subsections belong in a table of contents.
    toc.retain(|entry| entry.level <= 3 && !entry.text.is_empty());
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let plain_text = plain_text.trim().to_owned();
    let reading_minutes = reading_minutes(&plain_text);
    Rendered {
        html: sanitize(&html),
        toc,
        plain_text,
        reading_minutes,
    }
}

fn reading_minutes(text: &str) -> u32 {
    let characters = text.chars().filter(|c| !c.is_whitespace()).count();
    u32::try_from(characters.div_ceil(CHARACTERS_PER_MINUTE).max(1)).unwrap_or(u32::MAX)
}

/// Whether a piece of inline HTML is one tag (opening or closing) of an
/// element articles may use.
fn is_allowed_tag(raw: &str) -> bool {
    let name: String = raw
        .trim()
        .trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    raw.trim().starts_with('<') && ALLOWED_TAGS.contains(&name.as_str())
}

/// The elements an article may use.
const ALLOWED_TAGS: &[&str] = &[
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "blockquote",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
];

/// Keeps only the elements and attributes an article needs.
fn sanitize(html: &str) -> String {
    let tags: HashSet<&str> = ALLOWED_TAGS.iter().copied().collect();
    let schemes: HashSet<&str> = ["https", "http", "mailto", "tel"].into_iter().collect();
    ammonia::Builder::empty()
        .tags(tags)
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("a", ["href"])
        .add_tag_attributes("ol", ["start"])
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("td", ["align"])
        .url_schemes(schemes)
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_element_in_markdown_never_reaches_the_html() {
        let rendered = render(
            "正文\n\n<script>alert('x')</script>\n\n<SCRIPT src=\"https://evil.example/x.js\"></SCRIPT>",
        );
        let html = rendered.html.to_ascii_lowercase();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("alert"), "{html}");
        assert!(html.contains("正文"));
    }

    #[test]
    fn a_block_of_markup_that_changes_parsing_keeps_the_text_after_it() {
        let rendered =
            render("第一段。\n\n<math><style>\n\n第二段还在。\n\n## 后面的标题\n\n第三段。");
        let html = rendered.html;
        assert!(html.contains("第二段还在。"), "{html}");
        assert!(html.contains("后面的标题</h2>"), "{html}");
        assert!(html.contains("第三段。"), "{html}");
        assert!(
            !html.contains("<math") && !html.contains("<style"),
            "{html}"
        );
    }

    #[test]
    fn inline_markup_that_changes_parsing_keeps_the_text_after_it() {
        let rendered = render("文字<math><style>后面的文字。\n\n下一段。");
        let html = rendered.html;
        assert!(html.contains("后面的文字。"), "{html}");
        assert!(html.contains("下一段。"), "{html}");
    }

    #[test]
    fn an_allowed_inline_element_keeps_its_markup() {
        let rendered = render("水的化学式是 H<sub>2</sub>O。");
        assert!(
            rendered.html.contains("H<sub>2</sub>O"),
            "{}",
            rendered.html
        );
    }

    #[test]
    fn an_onerror_attribute_in_markdown_never_reaches_the_html() {
        let rendered = render(
            "<img src=x onerror=\"alert(1)\">\n\n段落<a href=\"/x\" onclick=\"alert(2)\" onmouseover='alert(3)'>链接</a>",
        );
        let html = rendered.html.to_ascii_lowercase();
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("onmouseover"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("链接"));
    }

    #[test]
    fn nothing_that_loads_from_elsewhere_survives() {
        let rendered = render(
            "![图](https://evil.example/p.png)\n\n<iframe src=\"https://evil.example\"></iframe>\n\n\
             <style>body{background:url(https://evil.example/b.png)}</style>\n\n\
             <p style=\"background:url(https://evil.example/c.png)\">文字</p>\n\n\
             <object data=\"https://evil.example/o\"></object><link rel=stylesheet href=\"https://evil.example/s.css\">",
        );
        let html = rendered.html.to_ascii_lowercase();
        for forbidden in [
            "<img",
            "<iframe",
            "<style",
            "style=",
            "<object",
            "<link",
            "evil.example/b",
            "evil.example/c",
        ] {
            assert!(!html.contains(forbidden), "{forbidden} in {html}");
        }
    }

    #[test]
    fn javascript_links_lose_their_address() {
        let rendered =
            render("[点我](javascript:alert(1)) 和 <a href=\"JaVaScRiPt:alert(2)\">这里</a>");
        assert!(
            !rendered.html.to_ascii_lowercase().contains("javascript"),
            "{}",
            rendered.html
        );
    }

    #[test]
    fn outside_links_open_without_handing_over_the_page() {
        let rendered = render("[应急管理部](https://www.mem.gov.cn/)");
        assert!(rendered.html.contains("href=\"https://www.mem.gov.cn/\""));
        assert!(rendered.html.contains("rel=\"noopener noreferrer\""));
    }

    #[test]
    fn sections_get_ids_and_a_table_of_contents() {
        let rendered = render("## 法律依据\n\n文字\n\n### 第一款\n\n文字\n\n## 怎么办\n\n文字");
        let entries: Vec<(&str, &str, u8)> = rendered
            .toc
            .iter()
            .map(|e| (e.id.as_str(), e.text.as_str(), e.level))
            .collect();
        assert_eq!(
            entries,
            vec![
                ("section-1", "法律依据", 2),
                ("section-2", "第一款", 3),
                ("section-3", "怎么办", 2)
            ]
        );
        assert!(
            rendered.html.contains("<h2 id=\"section-1\">法律依据</h2>"),
            "{}",
            rendered.html
        );
        assert!(rendered.html.contains("<h3 id=\"section-2\">第一款</h3>"));
    }

    #[test]
    fn a_level_one_heading_becomes_a_section() {
        let rendered = render("# 标题\n\n文字");
        assert!(
            rendered.html.contains("<h2 id=\"section-1\">标题</h2>"),
            "{}",
            rendered.html
        );
        assert!(!rendered.html.contains("<h1"));
    }

    #[test]
    fn reading_time_counts_characters_and_is_at_least_a_minute() {
        assert_eq!(render("短文").reading_minutes, 1);
        assert_eq!(render(&"安".repeat(401)).reading_minutes, 2);
    }

    #[test]
    fn tables_render_with_their_cells() {
        let rendered = render("| 情形 | 罚款 |\n|---|---|\n| 未培训 | 十万元以下 |");
        assert!(rendered.html.contains("<table>"));
        assert!(rendered.html.contains("<td>未培训</td>"));
        assert!(rendered.plain_text.contains("未培训"));
    }
}
