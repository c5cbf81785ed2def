//! Safety education: articles, quizzes, and the legal provisions that link
//! them to penalty decisions.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

slug_enum! {
    /// What an article or a quiz is about.
    Topic {
        Laws = ("laws", "法律法规", "Laws and regulations"),
        HazardousChemicals = ("hazardous-chemicals", "危险化学品", "Hazardous chemicals"),
        Construction = ("construction", "建筑施工", "Construction"),
        Mining = ("mining", "矿山", "Mining"),
        Fireworks = ("fireworks", "烟花爆竹", "Fireworks"),
        RoadTransport = ("road-transport", "道路运输", "Road transport"),
        Metallurgy = ("metallurgy", "冶金", "Metallurgy"),
        Gas = ("gas", "燃气", "Gas"),
        SpecialEquipment = ("special-equipment", "特种设备", "Special equipment"),
        SelfRescue = ("self-rescue", "应急自救", "Emergency self-rescue"),
        AccidentCases = ("accident-cases", "事故警示", "Accident warning cases"),
        Students = ("students", "学生安全", "Students"),
        OlderPeople = ("older-people", "老年人安全", "Older people"),
        MigrantWorkers = ("migrant-workers", "务工人员安全", "Migrant workers"),
    }
}

/// How the topics are grouped on the education page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum TopicGroup {
    /// Laws and regulations.
    Laws,
    /// Workplace safety by industry.
    Industries,
    /// Emergency self-rescue and accident warning cases.
    Emergencies,
    /// Safety for particular groups of people.
    People,
}

impl TopicGroup {
    /// Every group, in the order the page shows them.
    pub const ALL: &'static [TopicGroup] = &[
        TopicGroup::Laws,
        TopicGroup::Industries,
        TopicGroup::Emergencies,
        TopicGroup::People,
    ];
}

impl Topic {
    /// The group the topic is shown in.
    pub fn group(self) -> TopicGroup {
        match self {
            Topic::Laws => TopicGroup::Laws,
            Topic::HazardousChemicals
            | Topic::Construction
            | Topic::Mining
            | Topic::Fireworks
            | Topic::RoadTransport
            | Topic::Metallurgy
            | Topic::Gas
            | Topic::SpecialEquipment => TopicGroup::Industries,
            Topic::SelfRescue | Topic::AccidentCases => TopicGroup::Emergencies,
            Topic::Students | Topic::OlderPeople | Topic::MigrantWorkers => TopicGroup::People,
        }
    }
}

/// One article of a law or regulation, named by the law's short name
/// (`安全生产法`, `消防法`, `山东省安全生产条例` …) and the article's number.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Provision {
    /// The law's short name, without `中华人民共和国` and without `《》`.
    pub law: String,
    /// The article's number (第 N 条).
    pub article: u32,
}

impl Provision {
    /// How a citation reads: `《安全生产法》第二十八条`.
    pub fn citation(&self) -> String {
        format!("《{}》第{}条", self.law, chinese_number(self.article))
    }

    /// The compact form used in content files and in the API's
    /// `provision` parameter: `安全生产法:28`.
    pub fn compact(&self) -> String {
        format!("{}:{}", self.law, self.article)
    }

    /// Reads the compact form: `安全生产法:28`.
    pub fn from_compact(text: &str) -> Option<Self> {
        let (law, article) = text.split_once(':')?;
        let law = law.trim();
        let article: u32 = article.trim().parse().ok()?;
        if law.is_empty() || article == 0 {
            return None;
        }
        Some(Provision {
            law: law.to_owned(),
            article,
        })
    }
}

/// The prefix that national laws carry in full citations.
const NATIONAL_PREFIX: &str = "中华人民共和国";

/// Every provision cited in a text such as a decision's "violated
/// provisions": `《中华人民共和国安全生产法》第二十八条第一款、第三十条`
/// gives `安全生产法` 28 and `安全生产法` 30. Paragraphs (款) and items (项)
/// are dropped: education pages are about articles. Duplicates are removed;
/// the order of first mention is kept.
pub fn provisions_in(text: &str) -> Vec<Provision> {
    let mut found: Vec<Provision> = Vec::new();
    let mut law: Option<String> = None;
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('《') {
            let Some(end) = after.find('》') else { break };
            let name = after[..end].trim();
            let name = name.strip_prefix(NATIONAL_PREFIX).unwrap_or(name);
            law = (!name.is_empty()).then(|| name.to_owned());
            rest = &after[end + '》'.len_utf8()..];
            continue;
        }
        if let Some(after) = rest.strip_prefix('第') {
            let digits: String = after
                .chars()
                .take_while(|c| chinese_digit(*c).is_some() || c.is_ascii_digit())
                .collect();
            let after_digits = &after[digits.len()..];
            if after_digits.starts_with('条')
                && let (Some(name), Some(article)) = (&law, parse_number(&digits))
            {
                let provision = Provision {
                    law: name.clone(),
                    article,
                };
                if !found.contains(&provision) {
                    found.push(provision);
                }
            }
            rest = if digits.is_empty() {
                after
            } else {
                after_digits
            };
            continue;
        }
        let mut chars = rest.chars();
        chars.next();
        rest = chars.as_str();
    }
    found
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// Reads a number written in Chinese numerals (`二十八`, `一百零五`, `十`)
/// or in ASCII digits. `None` for anything else, zero, or over 9999.
pub fn parse_number(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    if text.chars().all(|c| c.is_ascii_digit()) {
        return text.parse().ok().filter(|n| (1..=9999).contains(n));
    }
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for c in text.chars() {
        let value = chinese_digit(c)?;
        if value < 10 {
            if digit.is_some() && value != 0 {
                return None;
            }
            digit = (value != 0).then_some(value);
        } else {
            if value >= last_unit {
                return None;
            }
            // `十` alone at the start means 10.
            total += digit.take().unwrap_or(1) * value;
            last_unit = value;
        }
    }
    total += digit.unwrap_or(0);
    (1..=9999).contains(&total).then_some(total)
}

/// Writes a number (1–9999) in Chinese numerals as laws number articles:
/// 10 → `十`, 28 → `二十八`, 105 → `一百零五`, 110 → `一百一十`.
pub fn chinese_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const UNITS: [(u32, &str); 3] = [(1000, "千"), (100, "百"), (10, "十")];
    if n == 0 || n > 9999 {
        return n.to_string();
    }
    let mut out = String::new();
    let mut rest = n;
    let mut pending_zero = false;
    for (unit, name) in UNITS {
        let d = rest / unit;
        rest %= unit;
        if d == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push_str(DIGITS[0]);
            pending_zero = false;
        }
        if !(unit == 10 && d == 1 && out.is_empty()) {
            out.push_str(DIGITS[d as usize]);
        }
        out.push_str(name);
    }
    if rest > 0 {
        if pending_zero {
            out.push_str(DIGITS[0]);
        }
        out.push_str(DIGITS[rest as usize]);
    }
    out
}

/// A topic and how much it holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicSummary {
    /// The topic.
    pub topic: Topic,
    /// The group it is shown in.
    pub group: TopicGroup,
    /// How many articles it has.
    pub articles: u32,
    /// How many quizzes it has.
    pub quizzes: u32,
}

/// An article as lists show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleSummary {
    /// The stable identifier in the article's address.
    pub slug: String,
    /// What it is about.
    pub topic: Topic,
    /// The title in Simplified Chinese.
    pub title: String,
    /// The title in English.
    pub title_en: String,
    /// Two or three sentences in Simplified Chinese.
    pub summary: String,
    /// The summary in English.
    pub summary_en: String,
    /// When an editor last checked it against the law.
    #[serde(with = "crate::time::date")]
    pub reviewed_on: NaiveDate,
    /// Minutes an ordinary reader needs for it.
    pub reading_minutes: u32,
    /// The provisions it explains.
    pub provisions: Vec<Provision>,
    /// In search results: the words around the first match in the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

/// One entry of an article's table of contents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TocEntry {
    /// The heading's `id` in the article's HTML.
    pub id: String,
    /// The heading's text.
    pub text: String,
    /// 2 for a section, 3 for a subsection.
    pub level: u8,
}

/// A whole article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Article {
    /// What lists show.
    #[serde(flatten)]
    pub summary: ArticleSummary,
    /// The body as sanitised HTML: headings, paragraphs, lists, tables,
    /// emphasis and links; never scripts, event handlers, styles, images or
    /// anything else that loads from elsewhere.
    pub html: String,
    /// The sections of the body, for a table of contents.
    pub toc: Vec<TocEntry>,
    /// Other articles worth reading next.
    pub related: Vec<ArticleSummary>,
}

/// Articles that match a search or a filter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleList {
    /// Best first for a text search; by topic and title otherwise.
    pub items: Vec<ArticleSummary>,
}

/// The filters of an article list. Every filter given must hold.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleQuery {
    /// Words to find (all of them) in the title, summary or body.
    pub q: Option<String>,
    /// Only this topic.
    pub topic: Option<Topic>,
    /// Only articles that explain this provision.
    pub provision: Option<Provision>,
}

/// Longest search text accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 50;

/// A quiz as lists show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuizSummary {
    /// The stable identifier in the quiz's address.
    pub slug: String,
    /// What it is about.
    pub topic: Topic,
    /// The title in Simplified Chinese.
    pub title: String,
    /// The title in English.
    pub title_en: String,
    /// One sentence in Simplified Chinese.
    pub summary: String,
    /// The summary in English.
    pub summary_en: String,
    /// How many questions it has.
    pub question_count: u32,
}

/// One question of a quiz.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    /// The question.
    pub text: String,
    /// The choices, in order.
    pub options: Vec<String>,
    /// Whether more than one choice is right (check boxes, not radio buttons).
    pub multiple: bool,
    /// The indexes of the right choices, ascending.
    pub answer: Vec<u8>,
    /// Why that is the answer.
    pub explanation: String,
    /// Where the answer comes from: a law and article, or a standard.
    pub source: String,
}

impl Question {
    /// Whether the chosen indexes are exactly the right ones.
    pub fn is_right(&self, chosen: &[u8]) -> bool {
        let mut chosen = chosen.to_vec();
        chosen.sort_unstable();
        chosen.dedup();
        chosen == self.answer
    }
}

/// A whole quiz. Scoring happens where the quiz is taken: a quiz teaches,
/// nothing rides on its score, and answers come with their explanations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quiz {
    /// What lists show.
    #[serde(flatten)]
    pub summary: QuizSummary,
    /// The questions, in order.
    pub questions: Vec<Question>,
}

/// Everything the education page starts from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EducationIndex {
    /// Every topic, with counts.
    pub topics: Vec<TopicSummary>,
    /// Every quiz.
    pub quizzes: Vec<QuizSummary>,
    /// The articles reviewed most recently.
    pub recent: Vec<ArticleSummary>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(law: &str, article: u32) -> Provision {
        Provision {
            law: law.to_owned(),
            article,
        }
    }

    #[test]
    fn chinese_numerals_read_as_laws_number_articles() {
        for (text, n) in [
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十八", 28),
            ("一百", 100),
            ("一百零五", 105),
            ("一百一十", 110),
            ("一百一十二", 112),
            ("28", 28),
        ] {
            assert_eq!(parse_number(text), Some(n), "{text}");
            if !text.starts_with('2') {
                assert_eq!(chinese_number(n), text, "{n}");
            }
        }
    }

    #[test]
    fn malformed_numerals_are_refused() {
        for text in ["", "零", "十十", "二三", "十百", "x", "0"] {
            assert_eq!(parse_number(text), None, "{text}");
        }
    }

    #[test]
    fn a_decisions_citation_gives_law_and_article_without_paragraph() {
        assert_eq!(
            provisions_in("《中华人民共和国安全生产法》第二十八条第一款"),
            vec![p("安全生产法", 28)]
        );
    }

    #[test]
    fn several_citations_give_each_provision_once() {
        assert_eq!(
            provisions_in(
                "《中华人民共和国安全生产法》第四十一条第二款、第一百一十二条，\
                 《烟花爆竹安全管理条例》第三条、《中华人民共和国安全生产法》第四十一条"
            ),
            vec![
                p("安全生产法", 41),
                p("安全生产法", 112),
                p("烟花爆竹安全管理条例", 3)
            ]
        );
    }

    #[test]
    fn text_without_a_law_name_gives_nothing() {
        assert!(provisions_in("第二十八条").is_empty());
        assert!(provisions_in("违反有关规定").is_empty());
        assert!(provisions_in("《安全生产法》第条").is_empty());
    }

    #[test]
    fn a_provision_is_cited_in_chinese_numerals() {
        assert_eq!(p("消防法", 44).citation(), "《消防法》第四十四条");
    }

    #[test]
    fn compact_provisions_need_a_law_and_a_positive_number() {
        assert_eq!(
            Provision::from_compact("安全生产法:28"),
            Some(p("安全生产法", 28))
        );
        assert_eq!(Provision::from_compact("安全生产法"), None);
        assert_eq!(Provision::from_compact(":28"), None);
        assert_eq!(Provision::from_compact("安全生产法:0"), None);
        let provision = p("消防法", 16);
        assert_eq!(
            Provision::from_compact(&provision.compact()),
            Some(provision)
        );
    }

    #[test]
    fn a_multiple_choice_answer_must_be_exactly_the_right_choices() {
        let question = Question {
            text: String::new(),
            options: vec![String::new(); 4],
            multiple: true,
            answer: vec![0, 1, 3],
            explanation: String::new(),
            source: String::new(),
        };
        assert!(question.is_right(&[3, 0, 1]));
        assert!(!question.is_right(&[0, 1]));
        assert!(!question.is_right(&[0, 1, 2, 3]));
    }
}
