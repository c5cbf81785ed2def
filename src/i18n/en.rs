//! English.

use super::{DecisionStrings, Strings, group_digits};

pub static STRINGS: Strings = Strings {
    site_name: "Jinan Work Safety Public Portal",
    site_owner: "Jinan Emergency Management Bureau",
    skip_to_content: "Skip to main content",
    main_navigation: "Main navigation",
    nav_home: "Home",
    nav_enforcement: "Enforcement",
    nav_report: "Report a hazard",
    nav_education: "Safety education",
    nav_blacklist: "Blacklist check",
    language_switch: "中文",
    language_switch_label: "切换到中文",
    large_text: "Large text",
    demo_banner: "Demonstration site: the enterprises, decisions and listings shown here are generated demo data, not real records.",

    footer_hotline: "Work safety hotline 12350",
    footer_hotline_detail: "Call at any time to report a hazard or illegal production.",
    footer_api: "Open data API",
    footer_owner: "Run by the Jinan Emergency Management Bureau",
    footer_note: "Built under the Work Safety Law of the PRC, the Shandong Work Safety Regulations and the rules of Jinan.",

    loading: "Loading…",
    retry: "Try again",
    error_network: "Cannot reach the server. Check your connection and try again.",
    error_server: "The server cannot handle the request right now. Please try again shortly.",

    home_title: "Work safety is everyone's business",
    home_lead: "Read the city's published work-safety penalties and cases, report a hazard near you, check whether an enterprise is on the blacklist, and learn how to stay safe.",
    home_parts_heading: "Services",
    home_figures_heading: "At a glance",
    figure_published_decisions: "Penalty decisions on public record",
    figure_fines: "Fines in those decisions",
    figure_blacklisted: "Enterprises on the work-safety blacklist",
    figure_enterprises: "Enterprises in the directory",
    figures_as_of: |time| format!("Figures as of {time} (Beijing time)"),
    count_decisions: group_digits,
    count_enterprises: group_digits,
    amount_yuan: |yuan| {
        if yuan >= 1_000_000 {
            let millions = yuan as f64 / 1_000_000.0;
            format!("¥{millions:.1} million")
        } else {
            format!("¥{}", group_digits(yuan))
        }
    },
    home_hotline_heading: "In an emergency, call for help first",
    home_hotline_text: "If there is an accident or someone is hurt, call 119 or 120 now. To report a hazard, call 12350 or report it online here.",

    enforcement_summary: "Penalty decisions, exposed cases, major hazards under listed supervision and accident reports.",
    report_summary: "Report hazards and violations, follow your report, and collect a reward if it proves true.",
    education_summary: "Laws, safety by industry, emergency self-rescue and lessons from accidents.",
    blacklist_summary: "Check whether an enterprise is on the list of seriously untrustworthy entities.",

    enforcement_intro: "The city publishes its work-safety enforcement for everyone to see and scrutinise.",
    enforcement_sections: &[
        (
            "Penalty decisions",
            "Search by enterprise name, credit code, decision number or facts; filter by district, industry and penalty; export.",
        ),
        (
            "Exposed cases",
            "Typical violations made public, linked to the decisions behind them.",
        ),
        (
            "Major hazards under listed supervision",
            "Listing, rectification, acceptance and delisting in public, with overdue cases flagged.",
        ),
        (
            "Accident investigation reports",
            "Full reports of accident investigations, and the assessment of the measures taken.",
        ),
    ],
    report_intro: "Anyone who finds a hazard or a work-safety violation has the right to report it to the authorities.",
    report_sections: &[
        (
            "Report online",
            "From a phone, anonymously if you wish; your draft is kept; add photos of the scene.",
        ),
        (
            "Follow your report",
            "See its progress and the replies with your reference number and query code.",
        ),
        (
            "Rewards",
            "Reports that prove true are rewarded under the national rules; estimate a reward here.",
        ),
    ],
    education_intro: "Laws and practical safety knowledge for everyone.",
    education_sections: &[
        (
            "Laws and regulations",
            "The Work Safety Law, the Fire Protection Law, the Special Equipment Safety Law, the Shandong regulations and more, explained.",
        ),
        (
            "Safety by industry",
            "Hazardous chemicals, construction, mining, fireworks, transport, metallurgy, gas and special equipment.",
        ),
        (
            "Emergency self-rescue",
            "What to do in a fire, a gas leak, a confined space or an electrical accident.",
        ),
        (
            "Self-check quizzes",
            "Short quizzes; every answer is explained with its legal source.",
        ),
    ],
    blacklist_intro: "The list of seriously untrustworthy entities in work safety is public: anyone can check whether an enterprise is on it, why, and until when.",
    blacklist_sections: &[
        (
            "Check an enterprise",
            "By name or by 18-character Unified Social Credit Code; mistyped codes are flagged.",
        ),
        (
            "Proof of a check",
            "Print a timestamped result with a code that anyone can verify online.",
        ),
        ("Batch check", "Check many suppliers or partners at once."),
    ],
    coming_soon: "Coming soon",
    legal_basis_heading: "Legal basis",
    enforcement_basis: "Work Safety Law of the PRC, Article 78; Regulations on the Disclosure of Government Information.",
    report_basis: "Work Safety Law of the PRC, Articles 74 and 76; Measures for Rewarding Work Safety Reports (2018).",
    education_basis: "Work Safety Law of the PRC, Article 13; Shandong Work Safety Regulations.",
    blacklist_basis: "Work Safety Law of the PRC, Article 78; Measures for the List of Seriously Untrustworthy Entities in Work Safety.",

    decisions: DecisionStrings {
        title: "Penalty decisions",
        intro: "Work-safety penalty decisions on public record. Decisions leave public view when their disclosure period ends; revoked decisions say why.",
        search_label: "Search decisions",
        search_hint: "Enter an enterprise name, a credit code, a decision number or words from the facts; separate words with spaces.",
        search_button: "Search",
        filters: "Filters",
        district: "District",
        industry: "Industry",
        category: "Penalty",
        authority: "Authority",
        year: "Year",
        year_value: |y| y.to_string(),
        fine_range: "Fine (yuan)",
        minimum: "Minimum",
        maximum: "Maximum",
        date_range: "Decision date",
        date_from: "From",
        date_to: "To",
        apply: "Apply",
        clear_all: "Clear all filters",
        result_count: |n| {
            if n == 1 {
                "1 decision".to_owned()
            } else {
                format!("{} decisions", group_digits(n))
            }
        },
        sort: "Sort by",
        sort_newest: "Newest first",
        sort_oldest: "Oldest first",
        sort_fine_desc: "Largest fine first",
        sort_fine_asc: "Smallest fine first",
        export_csv: "Export CSV",
        export_json: "Export JSON",
        feed: "Atom feed",
        no_results: "No decision matches.",
        no_results_hint: "Check the words you entered, or remove some filters.",
        invalid_link: "The search in this link is invalid; please correct it:",
        revoked: "Revoked",
        amended: "Corrected",
        pagination: "Pages",
        previous: "Previous",
        next: "Next",
        page: |n| format!("Page {n}"),
        decision_no: "Decision number",
        party_name: "Party",
        credit_code: "Unified Social Credit Code",
        legal_representative: "Legal representative",
        violation_type: "Violation",
        facts: "Facts",
        violated_provisions: "Provisions violated",
        legal_basis: "Legal basis for the penalty",
        penalty_categories: "Penalty categories",
        penalty_content: "Penalty",
        fine: "Fine",
        confiscated: "Confiscated gains or property",
        decided_on: "Date of decision",
        disclosure_until: "Public until",
        status: "Status",
        in_force: "In force",
        version: "Version",
        published_at: "Published",
        revoked_notice: |date| format!("This decision was revoked on {date}."),
        revocation_reason: "Reason for revocation",
        amended_notice: |date, v| {
            format!("This decision was corrected on {date}; this is version {v}.")
        },
        amendment_reason: "Reason for correction",
        before: "Before",
        after: "After",
        permalink: "Permanent address of this page",
        gone_title: "No longer on public record",
        gone_text: "The disclosure period of this penalty decision has ended, so it is no longer published.",
        missing_title: "Decision not found",
        missing_text: "No penalty decision has the number in this address. Check that the address is complete.",
        back_to_list: "Back to the list of decisions",
        none: "None",
    },
    breadcrumbs: "You are here",
    print: "Print",
    date: |d| d.format("%-d %b %Y").to_string(),
    money: |fen| format!("¥{}", portal_types::money::format_fen(fen)),

    not_found_title: "Page not found",
    not_found_text: "The page you asked for does not exist. It may have moved, or the address may be mistyped.",
    not_found_home: "Go to the home page",
};
