//! 简体中文.

use super::{DecisionStrings, Strings, group_digits};

pub static STRINGS: Strings = Strings {
    site_name: "济南市安全生产公众服务平台",
    site_owner: "济南市应急管理局",
    skip_to_content: "跳到主要内容",
    main_navigation: "主导航",
    nav_home: "首页",
    nav_enforcement: "执法信息公开",
    nav_report: "隐患举报",
    nav_education: "安全宣传教育",
    nav_blacklist: "黑名单查询",
    language_switch: "English",
    language_switch_label: "Switch to English",
    large_text: "大字版",
    demo_banner: "演示站点：本站展示的企业、处罚决定和名单均为程序生成的演示数据，不是真实记录。",

    footer_hotline: "安全生产举报投诉电话 12350",
    footer_hotline_detail: "发现事故隐患或非法违法生产经营行为，可随时拨打。",
    footer_api: "开放数据接口（API）",
    footer_owner: "主办单位：济南市应急管理局",
    footer_note: "本平台依据《中华人民共和国安全生产法》《山东省安全生产条例》和济南市有关规定建设。",

    loading: "正在加载…",
    retry: "重试",
    error_network: "无法连接服务器，请检查网络后重试。",
    error_server: "服务器暂时无法处理请求，请稍后重试。",

    home_title: "安全生产，人人有责",
    home_lead: "在这里查阅本市公开的安全生产行政处罚和典型案例，举报身边的事故隐患，查询企业是否被列入失信惩戒名单，学习安全知识。",
    home_parts_heading: "服务事项",
    home_figures_heading: "数据概览",
    figure_published_decisions: "公示中的行政处罚决定",
    figure_fines: "公示决定罚款合计",
    figure_blacklisted: "列入严重失信主体名单的企业",
    figure_enterprises: "企业名录收录企业",
    figures_as_of: |time| format!("数据截至 {time}"),
    count_decisions: |n| format!("{} 件", group_digits(n)),
    count_enterprises: |n| format!("{} 家", group_digits(n)),
    amount_yuan: |yuan| {
        if yuan >= 100_000_000 {
            let hundred_millions = yuan as f64 / 100_000_000.0;
            format!("{hundred_millions:.2} 亿元")
        } else if yuan >= 10_000 {
            format!("{} 万元", group_digits(yuan / 10_000))
        } else {
            format!("{} 元", group_digits(yuan))
        }
    },
    home_hotline_heading: "紧急情况请先报警",
    home_hotline_text: "发生事故或人员受伤，请立即拨打 119 或 120。举报事故隐患可拨打 12350，也可在本平台在线举报。",

    enforcement_summary: "行政处罚决定、典型案例、重大隐患挂牌督办和事故调查报告。",
    report_summary: "举报事故隐患和非法违法行为，查询办理进度，经查属实可获奖励。",
    education_summary: "法律法规、行业安全知识、应急自救和事故警示。",
    blacklist_summary: "查询企业是否被列入安全生产严重失信主体名单。",

    enforcement_intro: "依法公开本市安全生产执法信息，接受社会监督。",
    enforcement_sections: &[
        (
            "行政处罚决定",
            "按企业名称、统一社会信用代码、文号或违法事实检索，按区县、行业、处罚类别筛选，可导出。",
        ),
        (
            "典型案例曝光",
            "对典型违法行为和案例进行曝光，并链接到相关处罚决定。",
        ),
        (
            "重大事故隐患挂牌督办",
            "挂牌、整改、验收、销号全过程公开，超期未整改的予以标注。",
        ),
        (
            "事故调查报告",
            "全文公开生产安全事故调查报告及整改措施落实情况评估。",
        ),
    ],
    report_intro: "任何单位和个人发现事故隐患或者安全生产违法行为，均有权向负有安全生产监督管理职责的部门报告或者举报。",
    report_sections: &[
        (
            "在线举报",
            "手机即可完成，可匿名举报，草稿自动保存，可上传现场照片。",
        ),
        ("进度查询", "凭受理编号和查询码查看办理进度和答复。"),
        (
            "举报奖励",
            "举报经核查属实的，按规定给予奖励；可估算奖励金额。",
        ),
    ],
    education_intro: "普及安全生产法律法规和安全知识，提升全民安全素质。",
    education_sections: &[
        (
            "法律法规",
            "安全生产法、消防法、特种设备安全法、山东省安全生产条例等解读。",
        ),
        (
            "行业安全知识",
            "危险化学品、建筑施工、矿山、烟花爆竹、交通运输、冶金、燃气、特种设备。",
        ),
        (
            "应急自救",
            "火灾、燃气泄漏、有限空间、触电等情况下的自救互救。",
        ),
        ("安全自测", "短小的自测题，每题附答案解析和法律依据。"),
    ],
    blacklist_intro: "依法公开安全生产严重失信主体名单，任何人均可查询企业是否被列入、列入原因和期限。",
    blacklist_sections: &[
        (
            "企业查询",
            "输入企业名称或18位统一社会信用代码查询，代码校验有误时给出提示。",
        ),
        (
            "查询结果证明",
            "可打印带时间戳和验证码的查询结果，任何人可在线验证。",
        ),
        ("批量核查", "一次核查多家供应商或合作方。"),
    ],
    coming_soon: "即将开通",
    legal_basis_heading: "依据",
    enforcement_basis: "《中华人民共和国安全生产法》第七十八条；《中华人民共和国政府信息公开条例》。",
    report_basis: "《中华人民共和国安全生产法》第七十四条、第七十六条；《安全生产领域举报奖励办法》（安监总财〔2018〕19号）。",
    education_basis: "《中华人民共和国安全生产法》第十三条；《山东省安全生产条例》。",
    blacklist_basis: "《中华人民共和国安全生产法》第七十八条；《安全生产严重失信主体名单管理办法》。",

    decisions: DecisionStrings {
        title: "行政处罚决定",
        intro: "依法公示的安全生产行政处罚决定。公示期满的决定自动停止公示；被撤销的决定注明撤销原因。",
        search_label: "搜索处罚决定",
        search_hint: "可输入企业名称、统一社会信用代码、决定书文号或违法事实中的词语，多个词语用空格分开。",
        search_button: "搜索",
        filters: "筛选条件",
        district: "区县",
        industry: "行业",
        category: "处罚类别",
        authority: "处罚机关",
        year: "决定年度",
        year_value: |y| format!("{y}年"),
        fine_range: "罚款金额（元）",
        minimum: "最低",
        maximum: "最高",
        date_range: "决定日期",
        date_from: "起始日期",
        date_to: "截止日期",
        apply: "应用",
        clear_all: "清除全部条件",
        result_count: |n| format!("共 {} 条", group_digits(n)),
        sort: "排序",
        sort_newest: "决定日期从新到旧",
        sort_oldest: "决定日期从旧到新",
        sort_fine_desc: "罚款金额从高到低",
        sort_fine_asc: "罚款金额从低到高",
        export_csv: "导出 CSV",
        export_json: "导出 JSON",
        feed: "订阅更新（Atom）",
        no_results: "没有找到符合条件的处罚决定。",
        no_results_hint: "请检查输入的词语，或减少筛选条件。",
        invalid_link: "链接中的检索条件有误，请修改后重试：",
        revoked: "已撤销",
        amended: "已更正",
        pagination: "分页",
        previous: "上一页",
        next: "下一页",
        page: |n| format!("第 {n} 页"),
        decision_no: "行政处罚决定书文号",
        party_name: "行政相对人名称",
        credit_code: "统一社会信用代码",
        legal_representative: "法定代表人",
        violation_type: "违法行为类型",
        facts: "违法事实",
        violated_provisions: "违反条款",
        legal_basis: "处罚依据",
        penalty_categories: "处罚类别",
        penalty_content: "处罚内容",
        fine: "罚款金额",
        confiscated: "没收违法所得、没收非法财物的金额",
        decided_on: "处罚决定日期",
        disclosure_until: "公示截止期",
        status: "状态",
        in_force: "有效",
        version: "版本",
        published_at: "公开时间",
        revoked_notice: |date| format!("本决定已于{date}撤销。"),
        revocation_reason: "撤销原因",
        amended_notice: |date, v| format!("本决定于{date}更正，当前为第 {v} 版。"),
        amendment_reason: "更正原因",
        before: "更正前",
        after: "更正后",
        permalink: "本页永久地址",
        gone_title: "公示期已满",
        gone_text: "这份行政处罚决定的公示期已经届满，依法不再公开。",
        missing_title: "没有找到这份处罚决定",
        missing_text: "地址中的编号不对应任何处罚决定，请检查地址是否完整。",
        back_to_list: "返回处罚决定列表",
        none: "无",
    },
    breadcrumbs: "当前位置",
    print: "打印",
    date: |d| {
        use chrono::Datelike;
        format!("{}年{}月{}日", d.year(), d.month(), d.day())
    },
    money: |fen| format!("{} 元", portal_types::money::format_fen(fen)),

    not_found_title: "页面未找到",
    not_found_text: "您访问的页面不存在，可能已被移动或删除，或者网址输入有误。",
    not_found_home: "返回首页",
};
