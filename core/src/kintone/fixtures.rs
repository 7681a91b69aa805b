//! The record the unit tests read: the example form of docs/domain.md §2.7 as a kintone app
//! with the standard mapping sends it.

use serde_json::{Value, json};

pub(super) fn field(t: &str, v: Value) -> Value {
    json!({"type": t, "value": v})
}

pub(super) fn record() -> Value {
    json!({
        "$id": {"type": "__ID__", "value": "7"},
        "レコード番号": {"type": "RECORD_NUMBER", "value": "7"},
        "マスキング希望": field("RADIO_BUTTON", json!("希望する")),
        "医療機関ID": field("SINGLE_LINE_TEXT", json!("GM13-004217")),
        "医療機関名": field("SINGLE_LINE_TEXT", json!("千代田中央病院")),
        "施設類型": field("RADIO_BUTTON", json!("病院")),
        "医療機関都道府県": field("DROP_DOWN", json!("東京都")),
        "募集職種": field("DROP_DOWN", json!("看護師")),
        "募集人数": field("NUMBER", json!("2")),
        "郵便番号": field("SINGLE_LINE_TEXT", json!("〒101-0062")),
        "勤務地都道府県": field("DROP_DOWN", json!("東京都")),
        "市区町村": field("SINGLE_LINE_TEXT", json!("千代田区")),
        "町名番地": field("SINGLE_LINE_TEXT", json!("神田駿河台4-6")),
        "具体的な施設名": field("SINGLE_LINE_TEXT", json!("北館1階 発熱外来")),
        "雇用期間開始": field("DATE", json!("2020-06-01")),
        "雇用期間終了": field("DATE", json!("2020-09-30")),
        "試用期間_週": field("NUMBER", json!("")),
        "業務内容": field("CHECK_BOX", json!(["帰国者・接触者外来業務", "その他"])),
        "業務内容_その他": field("SINGLE_LINE_TEXT", json!("PCR検体採取")),
        "具体的な内容": field("SINGLE_LINE_TEXT", json!("内科")),
        "給与形態": field("RADIO_BUTTON", json!("時給")),
        "総支給額": field("NUMBER", json!("2500")),
        "勤務開始時刻": field("TIME", json!("16:30")),
        "勤務終了時刻": field("TIME", json!("09:00")),
        "休憩時間": field("NUMBER", json!("120")),
        "休日": field("SINGLE_LINE_TEXT", json!("シフト制（週2日）")),
        "時間外労働": field("RADIO_BUTTON", json!("なし")),
        "加入保険": field("CHECK_BOX", json!(["雇用保険", "労災保険", "健康保険", "厚生年金"])),
        "受動喫煙防止の取組": field("RADIO_BUTTON", json!("敷地内禁煙")),
        "担当者氏名": field("SINGLE_LINE_TEXT", json!("山田 花子")),
        "電話番号": field("SINGLE_LINE_TEXT", json!("03-3292-0000")),
        "内線番号": field("SINGLE_LINE_TEXT", json!("215")),
        "メールアドレス": field("LINK", json!("jinji@example.jp")),
        "求人登録済みの機関": field("CHECK_BOX", json!(["ハローワーク", "ナースセンター"])),
    })
}
