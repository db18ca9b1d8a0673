"""The month's page (form/) with the projects' disbursements (issues 13 and 14): each owed
budget a row showing the chat's card, its amount read as the chat reads it (kpi.money), a
refund only when ticked, a reason when kpi.disbursement.needs_reason says so, saved by the
chat's own path (byte for byte); the page's button counting indicators and disbursements."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlsplit

from sqlalchemy import delete, select

from models import Disbursement, DisbursementHistory, Officer
from presentation import texts as T

from .factories import budget, indicator, month_targets, officer, unit
from .reminder_helpers import FAST, at, outbound, run
from .test_month_form import (  # noqa: F401  (app: the page's fixture)
    BASE,
    USER,
    app,
    csrf_of,
    hidden_fields,
    month_client,
    open_page,
    page_link,
    saved,
    seed_month,
    table_rows,
)

MONTHLY = [100_000] * 12  # 1,200,000 a year: 1,000,000 planned by October


def seed_budgets(db, unit_name: str | None = None, suffix: str = "") -> tuple[int, int]:
    """P01 with a monthly plan, P03 with an allocation only: both reported by seed_month's officer."""
    with db.transaction() as s:
        u = unit(s) if unit_name is None else unit(s, unit_name)
        p01 = budget(s, u, f"P01{suffix}", 1_200_000, MONTHLY)
        p03 = budget(s, u, f"P03{suffix}", 2_000_000)
        return p01.id, p03.id


def disbursement_rows(db) -> tuple[list[tuple], list[tuple]]:
    """Every column of disbursement and disbursement_history but the row ids."""
    return (
        table_rows(db, Disbursement, Disbursement.project_id, Disbursement.month),
        table_rows(db, DisbursementHistory, DisbursementHistory.id),
    )


def spent(db) -> dict:
    with db.transaction() as s:
        return {(d.project_id, d.month): (d.amount_baht, d.note) for d in s.scalars(select(Disbursement))}


def post(client, data: dict, month: str = "2569-10"):
    return client.post(f"/dashboard/form/{month}", data={"csrf": csrf_of(client, month), **data})


# -- the rows ---------------------------------------------------------------------------------


def test_each_owed_budget_is_a_row_with_the_chats_card(app, db, chat_with):
    seed_month(db)
    p01, p03 = seed_budgets(db)
    client = month_client(app, chat_with)
    page = client.get("/dashboard/form/2569-10")
    assert "ยังไม่ได้ส่ง 6 ตัวชี้วัด และการเบิกจ่าย 2 โครงการ" in page.text
    assert f'id="budget-{p01}"' in page.text and f'name="a_{p03}"' in page.text
    assert "งบประมาณที่ได้รับจัดสรร: 1,200,000.00 บาท" in page.text
    assert "แผนการเบิกจ่ายเดือนตุลาคม 2569: 100,000.00 บาท" in page.text
    assert "แผนการเบิกจ่ายสะสมถึงเดือนนี้: 1,000,000.00 บาท" in page.text
    assert "ร้อยละการเบิกจ่ายสะสม: ร้อยละ 0 ของงบประมาณ" in page.text
    assert "งบประมาณที่ได้รับจัดสรร: 2,000,000.00 บาท" in page.text


def test_amounts_are_saved_as_read_and_rows_with_problems_stay_with_their_reason(app, db, chat_with):
    _, ids = seed_month(db)
    p01, p03 = seed_budgets(db)
    client = month_client(app, chat_with)
    page = post(client, {f"a_{p01}": "950,000.50 บาท", f"a_{p03}": "สามสิบคน", f"v_{ids[0]}": "12"})
    assert page.status_code == 200
    assert spent(db) == {(p01, 10): (Decimal("950000.50"), None)}
    assert saved(db) == {(ids[0], 10): (Decimal("12"), None, False)}
    assert "บันทึกแล้ว 1 ตัวชี้วัด และการเบิกจ่าย 1 โครงการ" in page.text
    assert "ยังไม่ได้บันทึก การเบิกจ่าย 1 โครงการ" in page.text
    assert T.MONEY_NOT_BAHT in page.text or T.MONEY_NOT_AN_AMOUNT in page.text
    assert 'value="สามสิบคน"' in page.text  # what was typed stays in its field
    assert "ส่งแล้ว 1 ตัวชี้วัด และการเบิกจ่าย 1 โครงการ" in page.text  # P01 now foldable to correct

    corrected = post(client, {f"a_{p01}": "1 ล้าน", f"a_{p03}": "0"})
    assert "(แก้จาก 950,000.50 บาท)" in corrected.text
    assert spent(db) == {(p01, 10): (Decimal("1000000"), None), (p03, 10): (Decimal("0"), None)}
    with db.transaction() as s:
        trail = [(h.project_id, h.old_amount, h.new_amount) for h in s.scalars(select(DisbursementHistory))]
    assert (p01, Decimal("950000.50"), Decimal("1000000")) in trail and len(trail) == 3


def test_a_refund_is_saved_only_when_ticked(app, db, chat_with):
    seed_month(db)
    _, p03 = seed_budgets(db)
    client = month_client(app, chat_with)
    unticked = post(client, {f"a_{p03}": "คืนเงิน 5,000"})
    assert T.ASK_REFUND.format(amount="-5,000.00 บาท") in unticked.text
    assert spent(db) == {}
    wrong_tick = post(client, {f"a_{p03}": "-5,000", f"refund_{p03}": "-4000"})  # ticked for another amount
    assert spent(db) == {} and "ยังไม่ได้บันทึก" in wrong_tick.text
    post(client, {f"a_{p03}": "-5,000", f"refund_{p03}": "-5000"})
    assert spent(db) == {(p03, 10): (Decimal("-5000"), None)}


def test_a_reason_is_required_where_the_chat_asks_one(app, db, chat_with):
    seed_month(db)
    p01, p03 = seed_budgets(db)
    client = month_client(app, chat_with)
    behind = post(client, {f"a_{p01}": "300,000", f"a_{p03}": "2.5 ล้าน"})
    assert "ร้อยละ 30 ของแผนการเบิกจ่ายสะสม 1,000,000.00 บาท" in behind.text  # the chat's question
    assert "เกินงบประมาณที่ได้รับจัดสรร 2,000,000.00 บาท (ร้อยละ 125)" in behind.text
    assert spent(db) == {}
    refused = post(client, {f"a_{p01}": "300,000", f"ar_{p01}": "ไม่มี", f"a_{p03}": "2.5 ล้าน", f"ar_{p03}": "👍"})
    assert "ต้องระบุ" in refused.text and "ต้องเป็นข้อความ" in refused.text
    assert spent(db) == {}
    post(client, {f"a_{p01}": "300,000", f"ar_{p01}": "รอผลการจัดซื้อจัดจ้าง", f"a_{p03}": "2.5 ล้าน"})
    assert spent(db) == {(p01, 10): (Decimal("300000"), "รอผลการจัดซื้อจัดจ้าง")}  # P03 still waits for its reason


def test_the_preview_reads_amounts_as_the_chat_does(app, db, chat_with):
    seed_month(db)
    p01, p03 = seed_budgets(db)
    client = month_client(app, chat_with)
    csrf = csrf_of(client)

    def preview(data):
        answer = client.post("/dashboard/form/2569-10/preview", data=data, headers={"X-CSRF-Token": csrf})
        assert answer.status_code == 200, answer.text
        return answer.get_json()

    assert preview({f"a_{p03}": "150,000.50 บาท"})["shown"] == "จะบันทึกเป็น 150,000.50 บาท"
    assert preview({f"a_{p03}": "แสนห้า"})["shown"] == "จะบันทึกเป็น 150,000.00 บาท"
    assert preview({f"a_{p03}": "ประมาณ 150,000"}) == {"ok": False, "problem": T.MONEY_APPROXIMATE}
    refund = preview({f"a_{p03}": "-5000"})
    assert refund["refund"] is True and Decimal(refund["refund_value"]) == Decimal("-5000")
    assert preview({f"a_{p01}": "300000"})["reason"] == "required"
    assert preview({f"a_{p01}": "950000"})["reason"] == "none"
    assert spent(db) == {}


def test_same_amounts_in_chat_and_on_the_page_give_byte_identical_rows(app, db, chat_with):
    seed_month(db)
    p01, p03 = seed_budgets(db)
    chat = chat_with(USER)
    chat.say("รายงาน")
    chat.say("7")  # after the six indicators: P01's disbursement, then P03's
    assert "งบประมาณที่ได้รับจัดสรร: 1,200,000.00 บาท" in chat.texts()
    chat.say("1,250,000")
    chat.say("ได้รับโอนงบเพิ่มเติมกลางปี")
    chat.press("ยืนยัน")
    chat.say("8")
    assert "งบประมาณที่ได้รับจัดสรร: 2,000,000.00 บาท" in chat.texts()
    chat.say("คืนเงิน 5,000")
    chat.press(T.BTN_REFUND_YES)
    chat.press("ยืนยัน")
    in_chat = disbursement_rows(db)
    assert len(in_chat[0]) == 2 and len(in_chat[1]) == 2, chat.texts()

    with db.transaction() as s:  # the same month again, from the page, at the same moment
        s.execute(delete(DisbursementHistory))
        s.execute(delete(Disbursement))
    client = month_client(app, chat_with)
    post(
        client,
        {
            f"a_{p01}": "1,250,000",
            f"ar_{p01}": "ได้รับโอนงบเพิ่มเติมกลางปี",
            f"a_{p03}": "คืนเงิน 5,000",
            f"refund_{p03}": "-5000",
        },
    )
    assert disbursement_rows(db) == in_chat


# -- access -----------------------------------------------------------------------------------


def test_another_units_projects_are_never_shown_nor_saved(app, db, chat_with):
    seed_month(db)
    p01, _ = seed_budgets(db)
    seed_month(db, "Uother", "o2", "สาขาบางปะกง", name="ชูใจ ใฝ่งาน")
    theirs, _ = seed_budgets(db, "สาขาบางปะกง", "x")
    client = month_client(app, chat_with)
    page = client.get("/dashboard/form/2569-10")
    assert "P01x" not in page.text and f"a_{theirs}" not in page.text
    csrf = hidden_fields(page)["csrf"]
    client.post("/dashboard/form/2569-10", data={"csrf": csrf, f"a_{theirs}": "5000", f"a_{p01}": "950000"})
    assert spent(db) == {(p01, 10): (Decimal("950000"), None)}
    other = client.post("/dashboard/form/2569-10/preview", data={f"a_{theirs}": "5"}, headers={"X-CSRF-Token": csrf})
    assert other.status_code == 404


def test_a_deactivated_officer_saves_no_amount(app, db, chat_with):
    officer_id, _ = seed_month(db)
    p01, _ = seed_budgets(db)
    client = month_client(app, chat_with)
    csrf = csrf_of(client)
    with db.transaction() as s:
        s.get(Officer, officer_id).active = False
    assert client.post("/dashboard/form/2569-10", data={"csrf": csrf, f"a_{p01}": "950000"}).status_code == 401
    assert spent(db) == {}


# -- the button -------------------------------------------------------------------------------


def seed_one_indicator_and_a_budget(db) -> None:
    """Owing one indicator and one project's disbursement: two items, the page's threshold."""
    with db.transaction() as s:
        u = unit(s)
        ind = indicator(s, u, "P01", 1, "จำนวนผู้ประกันตนที่ได้รับการเยี่ยม", "ราย", "count", month_targets(oct=10))
        officer(s, "o1", u, line_user_id=USER, indicators=[ind], name="วันเพ็ญ ศรีสุข")
        budget(s, u, "P01", 1_200_000, MONTHLY)


def test_one_indicator_and_one_disbursement_owed_offer_the_page_in_chat(app, db, chat_with):
    seed_one_indicator_and_a_budget(db)
    chat = chat_with(USER)
    chat.say("รายงาน")
    assert "ยังไม่ได้ส่ง 1 ตัวชี้วัด และการเบิกจ่าย 1 โครงการ" in chat.texts()
    opened = open_page(app.test_client(), urlsplit(page_link(chat)).path)
    assert opened.status_code == 303


def test_reminders_count_disbursements_for_the_button(make_app, clock, line):
    app = make_app(PUBLIC_BASE_URL=BASE, **FAST)
    seed_one_indicator_and_a_budget(app.extensions["db"])
    run(app, clock, at(2026, 11, 6, 9, 0))  # the overdue round
    assert outbound(line) == 1
    pushed = [m for r in line.pushes() + line.multicasts() for m in r["messages"]]
    labels = [i["action"]["label"] for i in pushed[0]["quickReply"]["items"]]
    assert T.BTN_FORM_PAGE in labels
