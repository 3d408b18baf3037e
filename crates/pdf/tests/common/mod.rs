//! A sample procurement announcement shared by the integration tests and `examples/sample.rs`.

#![allow(dead_code)]

use caigou_pdf::{Block, DateTime, Doc, Meta};

/// Appears only in the first paragraph (first page).
pub const FIRST_MARK: &str = "首页独有标记甲乙丙";
/// Appears only in the last paragraph (last page).
pub const LAST_MARK: &str = "末页独有标记壬癸";
/// A table cell.
pub const CELL_MARK: &str = "人体工学办公椅";
/// The title.
pub const TITLE: &str = "某某市政府采购中心办公家具采购项目公开招标公告";

const SENTENCES: &[&str] = &[
    "供应商应当按照采购文件的要求编制投标文件，并对其真实性、合法性负责。",
    "投标人须具备《中华人民共和国政府采购法》第二十二条规定的条件。",
    "本项目不接受联合体投标，不允许转包或者违法分包。",
    "采购人将依法对投标文件进行资格审查（包括信用记录查询），评标委员会负责符合性审查与综合评分。",
    "Bidders must hold ISO 9001 certification; the contract price is fixed in CNY.",
    "逾期送达或者未按照采购文件要求密封的投标文件，采购人、采购代理机构应当拒收。",
];

/// An announcement with a key/value block, headings, `paragraphs` numbered paragraphs and a
/// 30-row table after them.
pub fn sample_doc(paragraphs: usize) -> Doc {
    let mut blocks = vec![
        Block::KeyValues(vec![
            ("项目编号".into(), "CG-2025-0001".into()),
            ("项目名称".into(), "办公家具采购项目".into()),
            ("采购方式".into(), "公开招标".into()),
            ("预算金额".into(), "人民币 1,280,000.00 元（壹佰贰拾捌万元整）".into()),
            ("采购人".into(), "某某市机关事务管理局\n地址：某某市人民路 1 号".into()),
        ]),
        Block::Heading("一、项目基本情况".into()),
        Block::Paragraph(format!("　　{FIRST_MARK}。本公告适用于某某市政府采购中心组织的办公家具采购项目。")),
        Block::Heading("二、申请人的资格要求".into()),
    ];
    for i in 1..=paragraphs {
        let s = SENTENCES[i % SENTENCES.len()];
        let t = SENTENCES[(i * 7 + 3) % SENTENCES.len()];
        blocks.push(Block::Paragraph(format!("　　（{i}）{s}{t}")));
        if i % 50 == 0 {
            blocks.push(Block::Heading(format!("第{}部分　评审细则", i / 50)));
        }
    }
    blocks.push(Block::Heading("三、采购需求".into()));
    let items = ["办公桌", CELL_MARK, "文件柜", "会议桌", "沙发"];
    let rows = (1..=30)
        .map(|i| {
            vec![
                i.to_string(),
                items[i % items.len()].to_string(),
                format!("规格：{}mm×{}mm，E1 级环保板材，五金件须为知名品牌，质保期不少于五年", 1200 + i * 20, 600 + i * 10),
                (i * 3).to_string(),
                format!("{}.00", 1000 + i * 37),
            ]
        })
        .collect();
    blocks.push(Block::Table {
        header: vec!["序号".into(), "名称".into(), "技术要求".into(), "数量".into(), "单价（元）".into()], rows
    });
    blocks.push(Block::Paragraph(format!(
        "{LAST_MARK}：对本次招标提出询问，请按以下方式联系（字体缺字示例：\u{13000}）。\n联系人：张先生　电话：010-12345678"
    )));
    Doc {
        title: TITLE.into(), subtitle: Some("招标编号：CG-2025-0001".into()), blocks, footer: Some("某某市政府采购中心".into())
    }
}

pub fn meta() -> Meta {
    Meta {
        creation_date: DateTime { year: 2025, month: 3, day: 1, hour: 9, minute: 30, second: 5, utc_offset_minutes: 480 },
        producer: "Caigou test".into(),
    }
}
