//! Field errors said in the reader's language, by their code: the app never
//! reads the English `message` of a problem it knows.

use portal_types::{FieldError, FieldErrors, Problem};

use super::Lang;

/// What is wrong with a field, in `lang`. `label` names another field of the
/// form (for "must not be before …"), by its API name; a field the form does
/// not know is named as the API names it.
pub fn problem_text(
    lang: Lang,
    error: &FieldError,
    label: &dyn Fn(&str) -> Option<String>,
) -> String {
    let name = |field: &str| {
        label(field)
            .or_else(|| known_field(lang, field).map(str::to_owned))
            .unwrap_or_else(|| field.to_owned())
    };
    let zh = lang == Lang::Zh;
    match &error.problem {
        Problem::Required => pick(zh, "请填写", "must not be empty"),
        Problem::TooLong { max } => pick(
            zh,
            format!("不能超过 {max} 个字符"),
            format!("must be at most {max} characters"),
        ),
        Problem::TooShort { min } => pick(
            zh,
            format!("至少需要 {min} 个字符"),
            format!("must be at least {min} characters"),
        ),
        Problem::ControlCharacters => pick(
            zh,
            "不能包含控制字符",
            "must not contain control characters",
        ),
        Problem::NotADate => pick(zh, "请填写日期（年-月-日）", "enter a date (YYYY-MM-DD)"),
        Problem::InFuture => pick(zh, "不能晚于今天", "must not be in the future"),
        Problem::Before { field } => pick(
            zh,
            format!("不能早于{}", name(field)),
            format!("must not be before “{}”", name(field)),
        ),
        Problem::NotAfter { field } => pick(
            zh,
            format!("应晚于{}", name(field)),
            format!("must be after “{}”", name(field)),
        ),
        Problem::TooLongAfter { field, years } => {
            if zh {
                format!("应在{}后 {years} 年以内", name(field))
            } else if *years == 1 {
                format!("must be within a year of “{}”", name(field))
            } else {
                format!("must be within {years} years of “{}”", name(field))
            }
        }
        Problem::TooLongAgo { years } => pick(
            zh,
            format!("应在最近 {years} 年以内"),
            format!("must be within the last {years} years"),
        ),
        Problem::IncompleteCoordinates => pick(
            zh,
            "请同时填写经度和纬度（WGS 84 度数），或都不填",
            "give both latitude and longitude, as WGS 84 degrees, or neither",
        ),
        Problem::BeforeLastStep => pick(
            zh,
            "不能早于上一步的日期",
            "must not be before the previous step",
        ),
        Problem::NotANumber => pick(zh, "请填写非负整数", "enter a whole number"),
        Problem::NotAnAmount => pick(
            zh,
            "不是以元为单位的金额（最多两位小数）",
            "is not an amount in yuan (at most two decimals)",
        ),
        Problem::OutOfRange { min, max } => {
            let (min, max) = (grouped(*min), grouped(*max));
            pick(
                zh,
                format!("应在 {min} 至 {max} 之间"),
                format!("must be from {min} to {max}"),
            )
        }
        Problem::TooMany { max } => pick(zh, format!("最多 {max} 个"), format!("at most {max}")),
        Problem::TooFew { min } => pick(zh, format!("至少 {min} 个"), format!("at least {min}")),
        Problem::NotListed => pick(zh, "不是可选的值", "is not one of the accepted values"),
        Problem::Duplicate => pick(zh, "重复了", "is given twice"),
        Problem::Repeated => pick(zh, "只能给出一次", "must be given at most once"),
        Problem::NotAParameter => pick(
            zh,
            "不是这项查询的参数",
            "is not a parameter of this search",
        ),
        Problem::Taken => pick(zh, "已被使用", "is taken"),
        Problem::AlreadyPublished => pick(zh, "已经公布过", "is already published"),
        Problem::WrongHeader { expected } => pick(
            zh,
            format!("表头应以这些列开始：{expected}"),
            format!("the header must start with the columns {expected}"),
        ),
        Problem::Unreadable { reason } => pick(
            zh,
            format!("无法读取（{reason}）"),
            format!("cannot be read: {reason}"),
        ),
        Problem::NoRows => pick(zh, "文件中没有记录", "the file has no records"),
        Problem::CreditCodeLength { found } => pick(
            zh,
            format!("统一社会信用代码应为 18 位，这里有 {found} 位"),
            format!("a credit code has 18 characters; this one has {found}"),
        ),
        Problem::CreditCodeCharacter { position } => pick(
            zh,
            format!(
                "第 {position} 位不能出现在统一社会信用代码中（只用数字和除 I、O、S、V、Z 以外的大写字母）"
            ),
            format!(
                "character {position} cannot be in a credit code (digits and capital letters other than I, O, S, V and Z)"
            ),
        ),
        Problem::CreditCodeCheck => pick(
            zh,
            "校验位与前 17 位不符，代码可能输错了",
            "the check character does not match the first 17 characters; the code may be mistyped",
        ),
        Problem::NotConfirmed => pick(zh, "请确认", "must be confirmed"),
        Problem::UnknownEnterprise => pick(
            zh,
            "企业名录中没有这个统一社会信用代码",
            "no enterprise of the directory has this credit code",
        ),
        Problem::NotADecisionNumber { value } => pick(
            zh,
            format!("“{value}”不是处罚决定编号：请填写处罚决定页面地址末尾的数字"),
            format!(
                "“{value}” is not a decision number: give the digits at the end of the decision page's address"
            ),
        ),
        Problem::UnknownDecisions { numbers } => pick(
            zh,
            format!("没有编号为 {numbers} 的已公布处罚决定"),
            format!("no published decision has the number {numbers}"),
        ),
        Problem::NoProvisionCited => pick(
            zh,
            "请用书名号写出法律名称并写明条款，如《安全生产法》第二十八条",
            "cite at least one article with the law's name in 《》, as 《安全生产法》第二十八条",
        ),
        Problem::NoDecisionNamed => pick(
            zh,
            "请至少填写一个相关处罚决定编号",
            "name at least one penalty decision behind the case",
        ),
        Problem::NotANextStep { next: Some(next) } => {
            let step = portal_types::enforcement::HazardStatus::from_slug(next).map_or_else(
                || next.clone(),
                |s| if zh { s.name_zh() } else { s.name_en() }.to_owned(),
            );
            pick(
                zh,
                format!("下一步应为“{step}”"),
                format!("the next step is “{step}”"),
            )
        }
        Problem::NotANextStep { next: None } => pick(
            zh,
            "该隐患已销号，不能再进行下一步",
            "the listing is delisted: its life is over",
        ),
        Problem::NotOnTheList => pick(
            zh,
            "该企业目前不在黑名单上",
            "this enterprise is not on the list now",
        ),
        Problem::TooEarly { from } => pick(
            zh,
            format!("自 {from} 起才可以办理"),
            format!("is allowed from {from}"),
        ),
        Problem::ImageUnreadable => pick(
            zh,
            "无法读取这张图片",
            "the file is not an image the server can read",
        ),
        Problem::ImageTooLarge => pick(
            zh,
            "图片像素过多，无法处理",
            "the image is too large to process",
        ),
        Problem::AnonymousNoReward => pick(
            zh,
            "匿名举报无法发放奖励：没有可以领取的人",
            "an anonymous report earns no reward: nobody can be paid",
        ),
        Problem::ExtendedAlready => pick(
            zh,
            "办理期限已经延长过，只能延长一次",
            "the deadline was extended before; it can be extended once",
        ),
        Problem::Unchanged => pick(
            zh,
            "与已公布的记录相比没有任何改动",
            "nothing differs from the published record",
        ),
        Problem::NotUtf8 => pick(
            zh,
            "无法读取：它既不是 UTF-8 也不是 GBK 编码的文本，请在 Excel 中另存为“CSV UTF-8”后重试",
            "is neither UTF-8 nor GBK text: save it from Excel as “CSV UTF-8” and try again",
        ),
        Problem::NotAWorkbook => pick(
            zh,
            "无法读取：它不是 .xlsx 工作簿，或文件已损坏；请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后重试",
            "is not an .xlsx workbook, or it is damaged: save it from Excel as “Excel Workbook (*.xlsx)” and try again",
        ),
        Problem::Length { min, max } => pick(
            zh,
            format!("应为 {min} 至 {max} 个字符，不含控制字符"),
            format!("must have {min} to {max} characters without control characters"),
        ),
        Problem::ContainsUsername => pick(zh, "不能包含用户名", "must not contain the user name"),
        Problem::OneCharacterRepeated => pick(
            zh,
            "不能由同一个字符重复组成",
            "must not be one character repeated",
        ),
        Problem::UsernameShape => pick(
            zh,
            "应以小写字母开头，只含 a-z、0-9、“.”“-”“_”",
            "must start with a lower-case letter and hold only a-z, 0-9, '.', '-' and '_'",
        ),
        Problem::WrongListGround { use_2017: false } => pick(
            zh,
            "2017 年联合惩戒名单的依据只适用于 2023-10-01 以前列入的企业",
            "the 2017 joint-punishment ground applies only to entries listed before 2023-10-01",
        ),
        Problem::WrongListGround { use_2017: true } => pick(
            zh,
            "2023-10-01 以前列入的企业属于 2017 年联合惩戒名单，请选择该依据",
            "an entry listed before 2023-10-01 was made on the 2017 joint-punishment list: choose that ground",
        ),
        Problem::FixedTerm { ends_on } => pick(
            zh,
            format!("列入期限为三年（应急管理部令第11号），将于 {ends_on} 届满，请不要填写"),
            format!(
                "a listing lasts three years (应急管理部令第11号): it ends on {ends_on}; leave this out"
            ),
        ),
        Problem::TermEndNeeded => pick(
            zh,
            "2017 年名单的记录须填写期限届满日，且晚于列入日期",
            "an entry of the 2017 list must give the day its term ends, after the listing date",
        ),
        Problem::EndsByItself => pick(
            zh,
            "期限届满时自动移出，不需要手工移出",
            "a listing leaves the list by itself when its term ends; it is not removed by hand",
        ),
        Problem::BeforeLastReview => pick(
            zh,
            "不能早于上次审核的日期",
            "must not be earlier than the last review",
        ),
        Problem::WrongPassword => pick(zh, "当前密码不正确", "is not this account's password"),
        Problem::SameAsCurrent => pick(
            zh,
            "新密码不能与当前密码相同",
            "must differ from the current password",
        ),
        Problem::OwnAccount => pick(
            zh,
            "不能停用自己的账号",
            "you cannot disable your own account",
        ),
        Problem::OwnPassword => pick(
            zh,
            "请通过“修改密码”更改自己的密码，而不是重置",
            "change your own password instead of resetting it",
        ),
        Problem::NotAPdf => pick(
            zh,
            "这个文件不是可以读取的 PDF",
            "the file is not a PDF the server can read",
        ),
        Problem::DecisionNotLinked => pick(
            zh,
            "请先关联处罚决定：奖励为罚款金额的 15%",
            "link the penalty decision first: the reward is 15% of its fine",
        ),
        Problem::NotAPhone => pick(
            zh,
            "请填写 11 位手机号码，或带区号的固定电话",
            "enter a mobile number of 11 digits, or a landline with its area code",
        ),
        Problem::NotUploaded => pick(
            zh,
            "文件没有上传成功、已经添加过或已过期，请重新添加",
            "was not uploaded, is attached already, or has expired; add it again",
        ),
        Problem::NotAccepted => pick(
            zh,
            "不接受这个参数：照片请通过本平台上传，平台会去除其中的位置等信息",
            "is not accepted; photos are sent through the portal, where their metadata is removed",
        ),
        Problem::NotDegrees => pick(zh, "应为以度为单位的数值", "must be a number of degrees"),
        Problem::NoPlace => pick(
            zh,
            "请填写地址，或同时填写经度和纬度",
            "give an address, or both latitude and longitude",
        ),
        Problem::NotAProvision => pick(
            zh,
            "应为法律简称、冒号和条号，如 安全生产法:28",
            "must be a law's short name, a colon and an article number, as 安全生产法:28",
        ),
        Problem::Other { .. } | Problem::Unknown => error.message.clone(),
    }
}

/// Every field's problems on one line: "field: problem; problem", the
/// fields joined by `separator`.
pub fn fields_text(lang: Lang, fields: &FieldErrors, separator: &str) -> String {
    fields
        .iter()
        .map(|(field, errors)| format!("{field}: {}", problems_line(lang, errors)))
        .collect::<Vec<_>>()
        .join(separator)
}

/// One field's problems on one line, in `lang`.
pub fn problems_line(lang: Lang, errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| problem_text(lang, e, &|_| None))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The date fields that problems compare with, named as the forms name
/// them, for a form that does not show the field itself.
fn known_field(lang: Lang, field: &str) -> Option<&'static str> {
    let t = lang.strings();
    Some(match field {
        "published_on" => t.published_on,
        "occurred_on" => t.occurred_on,
        "listed_on" => t.hazard_listed_on,
        "decided_on" => t.decided_on,
        _ => return None,
    })
}

fn pick(zh: bool, chinese: impl Into<String>, english: impl Into<String>) -> String {
    if zh { chinese.into() } else { english.into() }
}

fn grouped(n: i64) -> String {
    let digits = super::group_digits(n.unsigned_abs());
    if n < 0 { format!("-{digits}") } else { digits }
}
