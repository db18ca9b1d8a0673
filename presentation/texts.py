"""Every Thai sentence an officer sees, in one place. Polite and neutral (no ค่ะ/ครับ).

(Over 400 lines on purpose: one file, so the wording is reviewed and kept consistent together.)
"""

from __future__ import annotations

from .intents import BY_KEY as _INTENTS
from .intents import words_of as _words_of

# Commands the officer can type at any time (and what buttons send): from the table of intents.
CMD_REPORT = _words_of("report")
CMD_EDIT = _words_of("edit")
CMD_CANCEL = _words_of("cancel")
CMD_HELP = _words_of("help")
CMD_MENU = _words_of("menu")
CMD_GREETING = _words_of("greeting")
CMD_THANKS = _words_of("thanks")
YES = ("ใช่", "ถูกต้อง", "ยืนยัน", "ok", "โอเค", "ตกลง", "y", "yes")
NO = ("ไม่", "ไม่ใช่", "ผิด", "n", "no")
NEXT_PAGE = ("ถัดไป", "ต่อไป", "หน้าถัดไป")
PREV_PAGE = ("ก่อนหน้า", "ย้อนกลับ")
OTHER_MONTH = _words_of("other_month")

# Button labels (LINE allows 20 characters).
BTN_REPORT = "รายงานผล"
BTN_EDIT = "แก้ไขผล"
BTN_HELP = "ช่วยเหลือ"
BTN_CANCEL = "ยกเลิก"
BTN_CONFIRM = "ยืนยัน"
BTN_CHANGE = "แก้ตัวเลข"
BTN_CHANGE_REASON = "แก้เหตุผล"
CMD_CHANGE_REASON = ("แก้เหตุผล", "แก้ปัญหา/อุปสรรค", "แก้ปัญหาอุปสรรค", "แก้ไขเหตุผล")
BTN_YES_CORRECT = "ถูกต้อง"
BTN_NO_RETYPE = "พิมพ์ใหม่"
BTN_SKIP_REASON = "ไม่มี"
BTN_NEXT = "ถัดไป ▶"
BTN_PREV = "◀ ก่อนหน้า"
BTN_OTHER_MONTH = "เลือกเดือนอื่น"
#: The month's page: "กรอกทั้งหมดในหน้าเดียว" is 22 characters, over LINE's 20 for a label.
BTN_FORM_PAGE = "กรอกทั้งหมดหน้าเดียว"
FORM_PAGE_NOT_READY = "หน้ากรอกผลยังไม่พร้อมใช้งาน กรุณาส่งผลทางแชต LINE ไปก่อน"
FORM_PAGE_LINK_BAD = 'ลิงก์นี้ใช้ไม่ได้แล้ว (หมดอายุหรือถูกใช้ไปแล้ว) กรุณาพิมพ์ "รายงาน" ในแชต LINE แล้วแตะ "กรอกทั้งหมดหน้าเดียว" อีกครั้ง'
FORM_PAGE_FORM_BAD = "แบบฟอร์มนี้หมดอายุหรือเปิดจากหน้าอื่น กรุณาเปิดลิงก์จากแชตอีกครั้ง (ข้อมูลยังไม่ถูกบันทึก)"
FORM_PAGE_LIFF_BAD = "ยืนยันตัวตนกับ LINE ไม่สำเร็จ กรุณาปิดหน้านี้แล้วแตะปุ่มในแชตอีกครั้ง"
FORM_PAGE_NOT_BOUND = "บัญชี LINE นี้ยังไม่ได้ผูกกับเจ้าหน้าที่ หรือไม่มีสิทธิ์ส่งผล กรุณาพิมพ์รหัส 6 หลักในแชตก่อน"
FORM_PAGE_NO_SESSION = 'กรุณาเปิดหน้านี้จากแชต LINE: พิมพ์ "รายงาน" แล้วแตะ "กรอกทั้งหมดหน้าเดียว"'
FORM_PAGE_MONTH_CLOSED = "เดือนนี้ยังส่งผลไม่ได้ หรือไม่ใช่เดือนของปีที่กำลังรายงาน"
FORM_ASK_NUMBER = "ผลเดือนนี้ ({uom})"
FORM_ASK_PERCENT = "ผลเดือนนี้ (ร้อยละ)"
FORM_WILL_SAVE = "จะบันทึกเป็น {value}"
FORM_ACHIEVED = "ทำได้{pct} ของเป้าหมาย"
FORM_PAGE_HINT = 'หรือแตะ "กรอกทั้งหมดหน้าเดียว" เพื่อกรอกทุกรายการในหน้าเดียว'
BTN_PASS = "ผ่าน/สำเร็จ"
BTN_FAIL = "ไม่ผ่าน/ยังไม่สำเร็จ"

EVENT_FAILED = "ขออภัย ระบบทำรายการนี้ไม่สำเร็จ ข้อมูลที่ส่งมายังไม่ได้บันทึก\nกรุณาลองใหม่อีกครั้ง หรือพิมพ์ ยกเลิก เพื่อเริ่มใหม่"
GROUP_CHAT = "ขออภัย บอทรายงานตัวชี้วัดใช้ได้เฉพาะแชตส่วนตัว กรุณาเพิ่มบอทเป็นเพื่อนแล้วคุยแบบตัวต่อตัว"

# Binding an officer's LINE account
WELCOME_UNBOUND = (
    "สวัสดี ยินดีต้อนรับสู่บอทรายงานตัวชี้วัด สำนักงานประกันสังคม\nกรุณาพิมพ์รหัส 6 หลักที่ได้รับจากผู้ดูแลระบบ เพื่อผูกบัญชี LINE กับชื่อของท่าน"
)
WELCOME_BACK = 'ยินดีต้อนรับกลับ คุณ{name} พิมพ์ "รายงาน" เพื่อส่งผลตัวชี้วัด หรือ "ช่วยเหลือ" เพื่อดูวิธีใช้'
ASK_FOR_CODE = "บัญชี LINE นี้ยังไม่ได้ผูกกับรายชื่อเจ้าหน้าที่\nกรุณาพิมพ์รหัส 6 หลักที่ได้รับจากผู้ดูแลระบบ (ขอรหัสได้ที่ผู้ดูแลระบบของหน่วยงาน)"
BIND_OK = 'ผูกบัญชีเรียบร้อยแล้ว สวัสดี คุณ{name} ({unit})\nพิมพ์ "รายงาน" เพื่อส่งผลตัวชี้วัดได้เลย'
BIND_OK_NO_INDICATORS = "ผูกบัญชีเรียบร้อยแล้ว สวัสดี คุณ{name} ({unit})"
BIND_CODE_LENGTH = "รหัสมี 6 หลัก แต่ที่พิมพ์มามี {digits} หลัก กรุณาตรวจสอบแล้วพิมพ์ใหม่"
BIND_WRONG = "รหัสไม่ถูกต้องหรือหมดอายุแล้ว กรุณาตรวจสอบแล้วพิมพ์ใหม่ (เหลือ {left} ครั้งในชั่วโมงนี้)"
BIND_LOCKED = "พิมพ์รหัสผิดหลายครั้งเกินไป กรุณารอ {minutes} นาทีแล้วลองใหม่ หรือขอรหัสใหม่จากผู้ดูแลระบบ"
BIND_PAUSED = "ขณะนี้มีการพิมพ์รหัสผิดจำนวนมาก ระบบจึงพักการผูกบัญชีไว้ชั่วคราว กรุณาลองใหม่ในอีก {minutes} นาที หรือติดต่อผู้ดูแลระบบ"
BIND_ALREADY = "บัญชี LINE นี้ผูกกับคุณ{name} อยู่แล้ว"
OFFICER_INACTIVE = "บัญชีของท่านถูกระงับการใช้งาน กรุณาติดต่อผู้ดูแลระบบ"

# Menu and help
MENU_LIST = "\n".join(f"• {_INTENTS[k].help}" for k in ("report", "edit", "status", "help"))
MENU = "คุณ{name} ต้องการทำอะไร พิมพ์หรือแตะปุ่มด้านล่าง:\n" + MENU_LIST
HELP = (
    "วิธีใช้บอทรายงานตัวชี้วัด\n"
    '1) พิมพ์ "รายงาน" แล้วเลือกตัวชี้วัด\n'
    "2) พิมพ์ผลเป็นตัวเลข เช่น 25, ๒๕, 1,250, ร้อยละ 80 หรือ ยี่สิบห้า\n"
    "3) ถ้าต่ำกว่าเป้าหมาย ให้ระบุปัญหา/อุปสรรคสั้น ๆ\n"
    '4) ตรวจสอบแล้วกด "ยืนยัน" จึงจะบันทึก\n'
    "ผลของแต่ละเดือนส่งได้ภายในวันที่ 5 ของเดือนถัดไป\n"
    'คำสั่งที่พิมพ์ได้ (พิมพ์เป็นประโยคก็ได้ เช่น "ขอส่งผลงานค่ะ"):\n'
    + "\n".join(
        f"• {_INTENTS[k].help}"
        for k in ("report", "edit", "other_month", "status", "chart", "dashboard", "nudge", "cancel", "help")
    )
)
HELP_RESUME = "— กลับมาที่ขั้นตอนเดิม —"
CANCELLED = 'ยกเลิกแล้ว ไม่มีการบันทึกข้อมูลใด ๆ พิมพ์ "รายงาน" เพื่อเริ่มใหม่ได้ทุกเมื่อ'
NOTHING_TO_CANCEL = 'ไม่มีรายการที่ค้างอยู่ พิมพ์ "รายงาน" เพื่อส่งผลตัวชี้วัด'
EXPIRED = "รายการก่อนหน้าหมดเวลาแล้ว (ไม่มีการบันทึก) กรุณาเริ่มใหม่"
UNKNOWN_IDLE = "ขออภัย ไม่เข้าใจข้อความนี้ พิมพ์หรือแตะปุ่มด้านล่าง:\n" + MENU_LIST
GREETING = "สวัสดี คุณ{name} 😊 ต้องการทำอะไร พิมพ์หรือแตะปุ่มด้านล่าง:\n" + MENU_LIST
THANKS = "ด้วยความยินดี คุณ{name} 😊 มีอะไรให้ช่วยอีก แตะปุ่มด้านล่างหรือพิมพ์ได้เลย"
NO_INDICATORS = "ท่านยังไม่มีตัวชี้วัดที่ต้องรายงาน หากไม่ถูกต้อง กรุณาติดต่อกองนโยบายและแผนงาน"
STALE_BUTTON = "ปุ่มนี้เป็นของขั้นตอนก่อนหน้า จึงไม่ได้ทำรายการให้"
NON_TEXT = "บอทอ่านได้เฉพาะข้อความตัวอักษร กรุณาพิมพ์เป็นข้อความ"
TOO_MANY_MESSAGES = "ส่งข้อความถี่เกินไป บอทจะพักตอบสักครู่ กรุณารอ 1 นาทีแล้วพิมพ์ใหม่"

# Choosing a period and an indicator
CHOOSE_MONTH = "ต้องการรายงานผลของเดือนใด (ปี {year}) แตะปุ่มหรือพิมพ์ชื่อเดือน เช่น ต.ค."
MONTH_NOT_OPEN = "ยังรายงานเดือน{month} ไม่ได้ เลือกได้เฉพาะเดือนที่ผ่านมาแล้วของปี {year}"
MONTH_UNKNOWN = "ไม่พบเดือนที่พิมพ์ กรุณาแตะปุ่มเดือน หรือพิมพ์ เช่น ต.ค. หรือ 10"
PENDING_HEADER = "ผลเดือน{period} ที่ยังไม่ได้ส่ง {count} (กำหนดส่ง {due}):"
PENDING_HEADER_LATE = "ผลเดือน{period} ที่ยังไม่ได้ส่ง {count} (เลยกำหนด {due} แล้ว ยังส่งได้ จะบันทึกเป็นส่งช้า):"
EDIT_HEADER = "ผลเดือน{period} ที่ส่งแล้ว เลือกตัวชี้วัดที่ต้องการแก้ไข:"
PICK_PROMPT = "แตะปุ่ม หรือพิมพ์หมายเลขของตัวชี้วัด เช่น {example}"
LEFT_HEADER = "ผลเดือน{period} เหลืออีก {count}:"
PICK_ALREADY_SENT = 'ตัวชี้วัดหมายเลข {n} ส่งผลเดือนนี้แล้ว (พิมพ์ "แก้ไข" หากต้องการแก้)'
PAGE_INFO = "(หน้า {page}/{pages})"
ALL_DONE = "ส่งผลเดือน{period} ครบทุกตัวชี้วัดแล้ว ขอบคุณ 🎉"
NOTHING_DUE = "เดือน{period} ท่านไม่มีตัวชี้วัดที่มีเป้าหมาย จึงไม่ต้องส่งผล"
NEXT_DUE = "เดือนถัดไปที่มีเป้าหมายคือ {month} (ส่งผลได้ตั้งแต่ 1 {next_month} กำหนดส่ง {due})"
NO_MORE_DUE = "ปี {year} ไม่มีเดือนที่มีเป้าหมายของท่านเหลืออีกแล้ว"
STILL_OWED = "ยังไม่ได้ส่งผลเดือน {months} ({count})"
NOTHING_TO_EDIT = "ยังไม่มีผลเดือน{period} ที่ส่งแล้วให้แก้ไข"
PICK_UNKNOWN = "ไม่พบตัวชี้วัดหมายเลขนี้ในรายการ กรุณาแตะปุ่ม หรือพิมพ์หมายเลข {numbers}"
NOT_YOUR_INDICATOR = "ตัวชี้วัดนี้ไม่อยู่ในความรับผิดชอบของท่าน"

# Asking for the value
INDICATOR_CARD = (
    "{code} {name}\nหน่วยนับ: {uom}\nเป้าหมายเดือน{month}: {month_target}\nเป้าหมายทั้งปี: {year_target}\nผลที่ส่งแล้วปีนี้: {so_far}"
)
CURRENT_VALUE = "ค่าปัจจุบันของเดือนนี้: {value}"
ASK_NUMBER = "กรุณาพิมพ์ผลของเดือน{month} เป็นตัวเลข (หน่วย: {uom})"
ASK_PERCENT = "กรุณาพิมพ์ผลของเดือน{month} เป็นร้อยละ เช่น 80 หรือ ร้อยละ 80"
ASK_LEVEL = "กรุณาเลือกระดับที่ทำได้ของเดือน{month} (0–{top})"
ASK_PASS_FAIL = "ผลของเดือน{month} ผ่าน/สำเร็จตามเป้าหมายหรือไม่"
NOTHING_YET = "ยังไม่มี"
ERR_EMPTY = "ยังไม่พบตัวเลขในข้อความ"
ERR_NOT_A_NUMBER = "อ่านข้อความนี้เป็นตัวเลขไม่ได้"
ERR_TWO_NUMBERS = "พบตัวเลขมากกว่าหนึ่งค่า กรุณาพิมพ์ผลเพียงค่าเดียว"
ERR_NEGATIVE = "ผลของตัวชี้วัดนี้ติดลบไม่ได้"
ERR_NOT_WHOLE = "ตัวชี้วัดนี้นับเป็น{uom} ต้องเป็นจำนวนเต็ม"
ERR_OVER_100 = "ร้อยละต้องไม่เกิน 100"
ERR_OUT_OF_RANGE = "ตัวเลขนี้มากเกินกว่าที่ตัวชี้วัดใดจะเป็นได้ กรุณาตรวจสอบอีกครั้ง"
ERR_TOO_PRECISE = "ทศนิยมได้ไม่เกิน 4 ตำแหน่ง"
ERR_OUT_OF_LADDER = "ระดับต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง {top}"
ERR_PERCENT_FOR_COUNT = "ตัวชี้วัดนี้นับเป็น{uom} ไม่ใช่ร้อยละ กรุณาพิมพ์จำนวน"
ERR_NOT_PASS_FAIL = "กรุณาตอบว่า ผ่าน หรือ ไม่ผ่าน"
# The same problems in a results import file (the row is named before it)
FILE_ERR_PERCENT_FOR_COUNT = "ตัวชี้วัดนี้นับเป็น{uom} ไม่ใช่ร้อยละ"
FILE_ERR_NOT_PASS_FAIL = "ตัวชี้วัดผ่าน/ไม่ผ่าน รับเฉพาะ ผ่าน (1) หรือ ไม่ผ่าน (0)"
FILE_ERR_OUT_OF_RANGE = "ตัวเลขมากเกินกว่าที่ตัวชี้วัดใดจะเป็นได้"
FAR_FROM_TARGET = "ผล {value} ต่างจากเป้าหมายเดือนนี้ ({target}) มาก\nตัวเลขถูกต้องหรือไม่"
FAR_UNSURE = 'กรุณาตอบว่า "ถูกต้อง" หรือ "พิมพ์ใหม่" (หรือพิมพ์ตัวเลขใหม่ได้เลย)'

# Reason when behind the target
ASK_REASON_REQUIRED = 'ทำได้{pct} ของเป้าหมาย ซึ่งต่ำกว่าครึ่งหนึ่ง จำเป็นต้องระบุปัญหา/อุปสรรค\nกรุณาพิมพ์เหตุผลสั้น ๆ เช่น "งบประมาณล่าช้า"'
ASK_REASON_OPTIONAL = 'ทำได้{pct} ของเป้าหมาย กรุณาพิมพ์ปัญหา/อุปสรรคสั้น ๆ\nหรือแตะ "ไม่มี" เพื่อข้าม'
REASON_REQUIRED_AGAIN = 'ต้องระบุปัญหา/อุปสรรคก่อนจึงจะบันทึกได้ กรุณาพิมพ์เหตุผลสั้น ๆ เช่น "งบประมาณล่าช้า"'
REASON_NOT_WORDS = 'ปัญหา/อุปสรรคต้องเป็นข้อความ อีโมจิ ตัวเลข หรือเครื่องหมายอย่างเดียวใช้ไม่ได้\nกรุณาพิมพ์เหตุผลสั้น ๆ เช่น "งบประมาณล่าช้า"'
REASON_TOO_SHORT = 'ปัญหา/อุปสรรคสั้นเกินไป กรุณาพิมพ์เป็นคำหรือประโยคสั้น ๆ เช่น "งบประมาณล่าช้า"'
REASON_NOT_NEEDED = "ผลนี้ถึงเป้าหมายแล้ว จึงไม่ต้องระบุปัญหา/อุปสรรค"
REASON_TOO_LONG = "เหตุผลยาวเกินไป (ไม่เกิน {max} ตัวอักษร) กรุณาย่อให้สั้นลง"

# Confirmation
CONFIRM_TITLE = "ตรวจสอบก่อนบันทึก"
CONFIRM_ALT = "ยืนยันผล {code} เดือน{month}: {amount}"
CONFIRM_PERIOD = "เดือน"
CONFIRM_RESULT = "ผล"
CONFIRM_TARGET = "เป้าหมาย"
CONFIRM_PERCENT = "เทียบเป้า"
CONFIRM_NOTE = "ปัญหา/อุปสรรค"
CONFIRM_PREVIOUS = "ค่าเดิม"
CONFIRM_LATE = "เลยกำหนดส่ง ({due}) จะบันทึกเป็นส่งช้า"
CONFIRM_WAITING = 'กรุณาแตะ "ยืนยัน" เพื่อบันทึก หรือพิมพ์ตัวเลขใหม่เพื่อแก้ผล (ถ้ามีปัญหา/อุปสรรค พิมพ์ข้อความใหม่เพื่อแก้ได้)'
CONFIRM_APPROX = 'ท่านตอบเป็นค่าประมาณ ("{hedge}") จะบันทึกเป็น {amount} พอดี หากไม่ตรง พิมพ์ตัวเลขที่แน่นอนได้เลย'
SAVED = "บันทึกผล {code} เดือน{month} เป็น {amount} แล้ว ✅"
SAVED_LATE = "บันทึกผล {code} เดือน{month} เป็น {amount} แล้ว (ส่งช้า) ✅"
CORRECTED = "แก้ไขผล {code} เดือน{month} จาก {old} เป็น {amount} แล้ว ✅ (เก็บประวัติไว้)"
NO_TARGET = "ไม่มีเป้าหมาย"

WAITING_FOR = {
    "choose_month": "ตอนนี้บอทรอให้เลือกเดือนที่จะรายงาน",
    "choose_indicator": "ตอนนี้บอทรอให้เลือกตัวชี้วัด",
    "ask_value": "ตอนนี้บอทรอผลของตัวชี้วัด",
    "confirm_far": "ตอนนี้บอทรอให้ยืนยันว่าตัวเลขถูกต้อง",
    "ask_reason": "ตอนนี้บอทรอปัญหา/อุปสรรค",
    "confirm": "ตอนนี้บอทรอให้ยืนยันการบันทึก",
    "ask_amount": "ตอนนี้บอทรอยอดเบิกจ่ายเป็นบาท",
    "confirm_refund": "ตอนนี้บอทรอให้ยืนยันว่าเป็นการคืนเงิน",
    "ask_amount_reason": "ตอนนี้บอทรอเหตุผลของยอดเบิกจ่าย",
    "confirm_amount": "ตอนนี้บอทรอให้ยืนยันการบันทึกยอดเบิกจ่าย",
}

# How many items a month's list holds
COUNT_INDICATORS = "{count} ตัวชี้วัด"
COUNT_BUDGETS = "การเบิกจ่าย {count} โครงการ"
COUNT_JOIN = " และ"

# The month's disbursement (การเบิกจ่ายงบประมาณ): one more item of the month's list
BUDGET_ITEM = "เบิกจ่ายงบประมาณ {code} {name}"
BUDGET_LABEL = "{n}. เบิกจ่าย {code}"
BUDGET_SENT = " (ส่งแล้ว {amount})"
NOT_YOUR_BUDGET = "โครงการนี้ไม่ได้อยู่ในความรับผิดชอบการรายงานการเบิกจ่ายของท่าน"
BUDGET_CARD_TITLE = "💰 เบิกจ่ายงบประมาณ {code} {name}"
BUDGET_CARD_ALLOCATION = "งบประมาณที่ได้รับจัดสรร: {amount}"
BUDGET_CARD_MONTH_PLAN = "แผนการเบิกจ่ายเดือน{month}: {amount}"
BUDGET_CARD_PLAN_TO = "แผนการเบิกจ่ายสะสมถึงเดือนนี้: {amount}"
BUDGET_CARD_SPENT = "เบิกจ่ายแล้วปีนี้: {amount}"
BUDGET_CARD_RATE = "ร้อยละการเบิกจ่ายสะสม: {pct} ของงบประมาณ"
BUDGET_CARD_RATE_PLAN = "เทียบแผนการเบิกจ่ายสะสม: {pct}"
BUDGET_CARD_CURRENT = "ยอดที่ส่งแล้วของเดือนนี้: {amount}"
ASK_AMOUNT = "กรุณาพิมพ์ยอดเบิกจ่ายเดือน{month} เป็นบาท เช่น 150,000 หรือ 1.5 ล้าน (ไม่มีการเบิกจ่าย พิมพ์ 0)"
BTN_NO_SPENDING = "ไม่มีการเบิกจ่าย"
MONEY_EMPTY = "ยังไม่ได้พิมพ์ยอดเงิน"
MONEY_NOT_AN_AMOUNT = "ข้อความนี้ไม่ใช่ยอดเงิน"
MONEY_TWO_AMOUNTS = "พบยอดเงินมากกว่าหนึ่งยอด กรุณาพิมพ์ยอดเบิกจ่ายรวมของเดือนเพียงยอดเดียว"
MONEY_TOO_LARGE = "ยอดเงินเกิน 1 ล้านล้านบาท ซึ่งสูงเกินกว่าจะเป็นยอดเบิกจ่ายได้ กรุณาตรวจสอบอีกครั้ง"
MONEY_TOO_PRECISE = "ยอดเงินมีทศนิยมเกิน 2 ตำแหน่ง (สตางค์มีได้ 2 หลัก) กรุณาพิมพ์ใหม่ เช่น 150,000.50"
MONEY_PERCENT = "ยอดเบิกจ่ายเป็นจำนวนเงินบาท ไม่ใช่ร้อยละ"
MONEY_NOT_BAHT = "ยอดเบิกจ่ายต้องเป็นจำนวนเงินบาท"
MONEY_APPROXIMATE = "ยอดเบิกจ่ายต้องเป็นยอดจริงตามหลักฐานการเบิกจ่าย ไม่ใช่ยอดประมาณ"
ASK_REFUND = "ยอด {amount} ติดลบ: เป็นการคืนเงิน (หักออกจากยอดเบิกจ่ายสะสม) ใช่หรือไม่"
BTN_REFUND_YES = "ใช่ คืนเงิน"
REFUND_UNSURE = 'กรุณาแตะ "ใช่ คืนเงิน" หรือ "พิมพ์ใหม่" หรือพิมพ์ยอดใหม่'
ASK_AMOUNT_REASON_OVER = (
    'ยอดเบิกจ่ายสะสม {spent} เกินงบประมาณที่ได้รับจัดสรร {allocation} ({pct})\nกรุณาพิมพ์เหตุผลสั้น ๆ เช่น "ได้รับโอนงบเพิ่มเติม"'
)
ASK_AMOUNT_REASON_BEHIND = (
    "ยอดเบิกจ่ายสะสม {spent} เป็น{pct} ของแผนการเบิกจ่ายสะสม {planned} ซึ่งต่ำกว่าครึ่งหนึ่งของแผน\n"
    'จำเป็นต้องระบุปัญหา/อุปสรรค กรุณาพิมพ์สั้น ๆ เช่น "รอผลการจัดซื้อจัดจ้าง"'
)
AMOUNT_REASON_NOT_NEEDED = "ยอดเบิกจ่ายนี้ไม่เกินงบประมาณและไม่ต่ำกว่าครึ่งหนึ่งของแผน จึงไม่ต้องระบุเหตุผล"
CONFIRM_AMOUNT_TITLE = "ตรวจสอบยอดเบิกจ่ายก่อนบันทึก"
CONFIRM_AMOUNT_ALT = "ยืนยันยอดเบิกจ่าย {code} เดือน{month}: {amount}"
CONFIRM_AMOUNT = "ยอดเบิกจ่าย"
CONFIRM_REFUND_AMOUNT = "คืนเงิน"
CONFIRM_SPENT_TO = "เบิกจ่ายสะสม"
CONFIRM_ALLOCATION = "งบประมาณ"
CONFIRM_RATE = "ร้อยละสะสม"
CONFIRM_RATE_PLAN = "เทียบแผนสะสม"
CONFIRM_AMOUNT_NOTE = "เหตุผล"
BTN_CHANGE_AMOUNT = "แก้ยอดเงิน"
CONFIRM_AMOUNT_WAITING = 'กรุณาแตะ "ยืนยัน" เพื่อบันทึก หรือพิมพ์ยอดใหม่เพื่อแก้ (ถ้ามีเหตุผล พิมพ์ข้อความใหม่เพื่อแก้ได้)'
AMOUNT_SAVED = "บันทึกยอดเบิกจ่าย {code} เดือน{month} เป็น {amount} แล้ว ✅"
AMOUNT_SAVED_LATE = "บันทึกยอดเบิกจ่าย {code} เดือน{month} เป็น {amount} แล้ว (ส่งช้า) ✅"
AMOUNT_CORRECTED = "แก้ไขยอดเบิกจ่าย {code} เดือน{month} จาก {old} เป็น {amount} แล้ว ✅ (เก็บประวัติไว้)"


# ============================================================================================
# Reminders (scheduled rounds, supervisor digest and nudge, snooze, quota notice)
# ============================================================================================
CMD_SNOOZE = _words_of("snooze")
CMD_NUDGE = _words_of("nudge")
BTN_SNOOZE = "เตือนพรุ่งนี้"
BTN_REPORT_FIRST = "ส่งผล {code}"
BTN_REPORT_MONTH = "ส่งผล {month}"
BTN_NUDGE = "ส่งเตือน"
BTN_NUDGE_CONFIRM = "ยืนยันส่งเตือน"

REMIND_OPEN = "📋 เปิดให้ส่งผลเดือน{period} แล้ว กำหนดส่งภายใน {due}"
REMIND_SOON = "⏰ ผลเดือน{period} ยังส่งไม่ครบ กำหนดส่งภายใน {due} (อีก {days} วัน)"
REMIND_DUE_TODAY = "⏰ วันนี้ ({due}) ครบกำหนดส่งผลเดือน{period}"
REMIND_DUE_AHEAD = "⏰ ผลเดือน{period} ครบกำหนดส่งวัน{weekday}ที่ {due} ซึ่งเป็นวันหยุด วันนี้เป็นวันทำการสุดท้ายก่อนกำหนด"
REMIND_OVERDUE = "❗ ผลเดือน{period} เลยกำหนดส่ง ({due}) แล้ว ยังส่งได้ แต่จะบันทึกเป็นส่งช้า"
REMIND_FROM_SUPERVISOR = "📣 หัวหน้าหน่วยงานขอให้ส่งผลเดือน{period}"
REMIND_FROM_PLANNER = "📣 กองนโยบายและแผนงานขอให้ส่งผลเดือน{period}"
REMIND_PENDING = "ยังไม่ได้ส่ง {count} ตัวชี้วัด:"
REMIND_LINE = "• {code} {name}"
REMIND_MORE = "…และอีก {more} ตัวชี้วัด"
REMIND_HOW = 'แตะ "{button}" เพื่อเริ่มส่งผล หรือแตะ "เตือนพรุ่งนี้" เพื่องดเตือนรอบถัดไป'
REMIND_HOW_NO_SNOOZE = 'แตะ "{button}" เพื่อเริ่มส่งผล หรือพิมพ์ "รายงาน"'
# Earlier months of the plan year, past their due date and still missing
REMIND_OLDER = "ยังค้าง {months} ({count})"
REMIND_BACKLOG = "❗ ยังค้างส่งผลเดือน {months} ซึ่งเลยกำหนดส่งแล้ว ยังส่งได้ แต่จะบันทึกเป็นส่งช้า"
REMIND_LINE_MONTHS = "• {code} {name} ({months})"
REMIND_OLDER_SUBJECT = "ที่ยังค้าง ({months})"
REMIND_BUDGETS = "ยังไม่ได้ส่งยอดเบิกจ่ายงบประมาณ {count} โครงการ:"
REMIND_BUDGET_LINE = "• {code} {name}"
BTN_REPORT_BUDGET = "เบิกจ่าย {code}"
DIGEST_BUDGET_CODE = "เบิกจ่าย {code}"

DIGEST_HEAD_OVERDUE = "📊 ผลเดือน{period} เลยกำหนดส่ง ({due}) แล้ว {unit} ยังส่งไม่ครบ {people} คน ({count})"
DIGEST_HEAD = "📊 ผลเดือน{period} (กำหนดส่ง {due}) {unit} ยังส่งไม่ครบ {people} คน ({count})"
DIGEST_HEAD_ONLY_OLDER = "📊 {unit} ส่งผลเดือน{period} ครบแล้ว"
#: A supervisor of units below their own: the digest and the nudge list officers unit by unit.
DIGEST_HEAD_OVERDUE_UNITS = (
    "📊 ผลเดือน{period} เลยกำหนดส่ง ({due}) แล้ว {unit}และหน่วยงานในสังกัด ยังส่งไม่ครบ {people} คน ใน {units} หน่วยงาน ({count})"
)
DIGEST_HEAD_UNITS = (
    "📊 ผลเดือน{period} (กำหนดส่ง {due}) {unit}และหน่วยงานในสังกัด ยังส่งไม่ครบ {people} คน ใน {units} หน่วยงาน ({count})"
)
DIGEST_HEAD_ONLY_OLDER_UNITS = "📊 {unit}และหน่วยงานในสังกัด ส่งผลเดือน{period} ครบแล้ว"
DIGEST_HEAD_OLDER = " และยังค้างผลเดือนก่อนหน้า {people} คน"
DIGEST_HEAD_END = ":"
GROUP_UNIT_HEAD = "▸ {unit} ({people} คน)"
DIGEST_LINE = "• {name}: {codes}"
DIGEST_OLDER = "ค้าง {months} ({count})"
DIGEST_OLDER_SEP = "; "
DIGEST_MORE_CODES = " และอีก {more}"
DIGEST_MORE_PEOPLE = "…และอีก {more} คน"
DIGEST_UNBOUND = " (ยังไม่ได้ผูกบัญชี LINE)"
DIGEST_BLOCKED = " (บล็อกบอทอยู่)"
DIGEST_HOW = 'แตะ "ส่งเตือน" เพื่อเตือนทุกคนที่ยังไม่ส่งอีกครั้ง (วันละครั้งต่อคน)'

QUOTA_NOTICE = (
    "⚠️ โควตาข้อความ LINE ของเดือนนี้ไม่พอ: {round} ผลเดือน{period} "
    "ส่งได้ {sent} จาก {total} ข้อความ อีก {cut} ข้อความไม่ได้ส่ง "
    "(ส่งเรื่องที่เลยกำหนดก่อน) ผู้ที่ยังค้างส่งจะถูกเตือนอีกในรอบเตือนต่อ ๆ ไป "
    "กรุณาเพิ่มโควตาใน LINE Official Account Manager"
)
ROUND_LABELS = {
    "open": "รอบเปิดรับผล",
    "reminder": "รอบเตือนก่อนกำหนด",
    "due": "รอบวันครบกำหนด",
    "overdue": "รอบเลยกำหนด",
    "nudge": "การส่งเตือนของหัวหน้าหน่วยงาน",
}

SNOOZE_OK = "รับทราบ จะงดเตือนผลเดือน{period} รอบ{when} ให้ท่าน"
SNOOZE_THEN = "\nรอบเตือนถัดไป: {when}"
SNOOZE_LAST = "\nหลังจากนั้นไม่มีรอบเตือนของเดือนนี้แล้ว อย่าลืมส่งภายใน {due}"
SNOOZE_ALREADY = "งดเตือนผลเดือน{period} รอบ{when} ไว้แล้ว"
SNOOZE_NOTHING_PENDING = "ท่านส่งผลเดือน{period} ครบแล้ว ไม่มีการเตือนค้างอยู่ 🎉"
SNOOZE_ONLY_OLDER = (
    "ท่านส่งผลเดือน{period} ครบแล้ว แต่ยังค้างผลเดือน {months} ซึ่งเลยกำหนดส่งแล้ว "
    'จึงงดเตือนให้ไม่ได้ (จะเตือนอีกในรอบเลยกำหนด) พิมพ์ "รายงาน" เพื่อส่งได้เลย'
)
SNOOZE_NO_ROUND = 'ไม่มีรอบเตือนผลเดือน{period} เหลืออยู่แล้ว พิมพ์ "รายงาน" เพื่อส่งผลได้เลย'

NUDGE_QUEUED = "ส่งเตือนผลเดือน{period} ถึง {count} คน (ข้อความจะถึงภายในประมาณ 1 นาที):"
NUDGE_PERSON = "• {name}: {codes}"
NUDGE_ALREADY_TODAY = "วันนี้เตือนไปแล้ว (เตือนได้วันละครั้งต่อคน): {names}"
NUDGE_UNREACHABLE = "เตือนทาง LINE ไม่ได้ (ยังไม่ได้ผูกบัญชีหรือบล็อกบอทอยู่) กรุณาติดต่อโดยตรง: {names}"
NUDGE_ALL_DONE = "ทุกคนใน{unit} ส่งผลเดือน{period} ครบแล้ว ไม่ต้องส่งเตือน 🎉"
NUDGE_ALL_DONE_UNITS = "ทุกคนใน{unit}และหน่วยงานในสังกัด ส่งผลเดือน{period} ครบแล้ว ไม่ต้องส่งเตือน 🎉"
NUDGE_NOBODY_NEW = "ไม่มีผู้ที่ต้องเตือนเพิ่มในวันนี้"
NUDGE_OFFICER = (
    'คำสั่ง "ส่งเตือน" ใช้ได้เฉพาะหัวหน้าหน่วยงาน (เตือนเจ้าหน้าที่ในหน่วยงานที่ยังไม่ส่งผล) '
    'และกองนโยบายและแผนงาน ท่านพิมพ์ "รายงาน" เพื่อส่งผลของท่านได้เลย'
)
NUDGE_PLANNER_CONFIRM = (
    "จะส่งเตือนผลเดือน{period} ถึงเจ้าหน้าที่ที่ยังไม่ส่ง {count} คน ใน {units} หน่วยงาน "
    "(ใช้โควตาข้อความ LINE {count} ข้อความ) ยืนยันหรือไม่"
)
NUDGE_PLANNER_NONE = "ไม่มีเจ้าหน้าที่ที่ต้องเตือนผลเดือน{period} เพิ่มในวันนี้ (ส่งครบแล้ว หรือเตือนไปแล้ววันนี้)"
NUDGE_PLANNER_QUEUED = "ส่งเตือนผลเดือน{period} ถึง {count} คน ใน {units} หน่วยงานแล้ว (ข้อความจะถึงภายในประมาณ 1 นาที)"
NUDGE_STALE = 'ปุ่มยืนยันนี้หมดอายุแล้ว กรุณาพิมพ์ "ส่งเตือน" ใหม่'


# ============================================================================================
# Status summaries (สถานะ: handlers/status.py, flask status / import-results / setup-richmenu)
# ============================================================================================
CMD_STATUS = _words_of("status")
#: Words after "สถานะ" that pick the period instead of a unit ("สถานะ ไตรมาส").
STATUS_SCOPE_WORDS = {
    "m": ("เดือนนี้", "เดือน", "รายเดือน"),
    "q": ("ไตรมาส", "ไตรมาสนี้", "รายไตรมาส"),
    "y": ("ตั้งแต่ต้นปี", "ต้นปี", "ทั้งปี", "ปีนี้", "สะสม"),
}
BTN_STATUS = "สถานะ"
BTN_STATUS_MONTH = "เดือนนี้"
BTN_STATUS_QUARTER = "ไตรมาส"
BTN_STATUS_YTD = "ตั้งแต่ต้นปี"
BTN_STATUS_UNITS = "เลือกหน่วยงาน"
BTN_STATUS_OFFICE = "ภาพรวมสำนักงาน"
#: A supervisor's: back to their own unit, and the units below it (models.org.units_overseen_by).
BTN_STATUS_MY_UNIT = "หน่วยงานของท่าน"
BTN_STATUS_SUBUNITS = "หน่วยงานในสังกัด"
BTN_STATUS_MORE = "โครงการถัดไป ▶"
BTN_STATUS_BACK = "◀ หน้าแรก"
#: The supervisor's nudge to officers still missing (handled by the reminders' command).
BTN_STATUS_NUDGE = "ส่งเตือน"
#: The levels of the evaluation report, in words beside their colours.
LEVEL_WORDS = {
    "green": "ดี",
    "yellow": "ปานกลาง",
    "red": "ต่ำ",
    "no_target": "ยังไม่มีเป้าหมาย",
    "not_reported": "ยังไม่ส่งผล",
    "before_go_live": "ก่อนใช้ระบบ",
}
STATUS_MINE_TITLE = "ตัวชี้วัดของคุณ{name}"
STATUS_UNIT_TITLE = "สถานะ{unit}"
STATUS_OFFICE_TITLE = "ภาพรวมทั้งสำนักงาน"
#: "สถานะ กองทุนเงินทดแทน", "สถานะ ยุทธศาสตร์ 2": the office (a planner) or their units (a supervisor) cut by the plan.
STATUS_CUT_STRATEGY = "ยุทธศาสตร์ที่ {no}"
STATUS_CUT_TITLE = "ภาพรวม{cut}"
STATUS_CUT_TITLE_REALM = "{cut} หน่วยงานในสังกัดของท่าน"
STATUS_CUT_EMPTY = "ไม่มีงาน/โครงการของ{cut}ในแผนปี {year} (กองทุนและยุทธศาสตร์มาจากคอลัมน์ของไฟล์แผนที่นำเข้า)"
STATUS_SCOPE = "ผลการดำเนินงาน {scope}"
STATUS_REPORTING_HEAD = "การรายงานผล"
STATUS_REPORTING = "ตรงเวลา {on_time} · ล่าช้า {late} · ยังไม่ส่ง {missing}"
STATUS_PENDING = " · รอส่ง {pending} (ยังไม่ถึงกำหนด)"
STATUS_COMPLETENESS = "ส่งแล้ว {reported} จาก {expected} รายการ ({pct}) ตรงเวลา {timely}"
STATUS_NOTHING_EXPECTED = "ยังไม่มีรายการที่ต้องส่งในช่วงนี้"
#: Months before the go-live month not imported (kpi.go_live): shown, never counted.
STATUS_BEFORE_GO_LIVE = "ก่อนใช้ระบบ {count} รายการ (รายงานในระบบเดิม ไม่นับรวม)"
STATUS_LEVELS_HEAD = "ระดับงาน/โครงการ"
STATUS_INDICATOR_LEVELS_HEAD = "ระดับตัวชี้วัด"
STATUS_LEVEL_COUNT = "{word} {count}"
STATUS_PROJECTS_HEAD = "ร้อยละเฉลี่ยของงาน/โครงการ (ถ่วงน้ำหนัก) · ระดับ"
STATUS_PROJECTS_MORE = "…และอีก {more} โครงการ (ดูในการ์ดรายโครงการ)"
STATUS_OVERVIEW = "{total} งาน/โครงการ: ดี {green} ปานกลาง {yellow} ต่ำ {red}"
STATUS_OVERVIEW_SHARES = "(ร้อยละ {green} / {yellow} / {red})"
STATUS_OVERVIEW_NO_TARGET = "ยังไม่มีเป้าหมายในช่วงนี้ {count} งาน/โครงการ"
STATUS_UNITS_MISSING_HEAD = "หน่วยงานที่ยังไม่ส่งผล (มากไปน้อย)"
STATUS_UNIT_MISSING_LINE = "{n}. {unit}: ยังไม่ส่ง {missing}"
STATUS_UNITS_MISSING_MORE = '…และอีก {more} หน่วยงาน (แตะ "เลือกหน่วยงาน")'
STATUS_UNITS_ALL_IN = "ทุกหน่วยงานส่งผลครบตามกำหนดแล้ว"
STATUS_PROJECT_SCORE = "ร้อยละเฉลี่ย {pct} · {word}"  # pct: the whole number, as the report prints it
STATUS_PROJECT_NO_SCORE = "ยังไม่มีเป้าหมายในช่วงนี้"
STATUS_WEIGHTS_NOT_100 = "น้ำหนักรวม {total} (ไม่ครบ 100) คิดเทียบสัดส่วน"
STATUS_CONTINUED = "(ต่อ)"
STATUS_TARGET = "เป้า"
STATUS_RESULT = "ผล"
STATUS_WEIGHT = "น้ำหนัก {weight}"
STATUS_MISSING_MONTHS = "ยังไม่ส่ง: {months}"
STATUS_LATE_MONTHS = "ส่งช้า: {months}"
STATUS_PASSED = "ผ่าน {count} เดือน"
STATUS_ALT_UNIT = "{title} {scope}: ดี {green} ปานกลาง {yellow} ต่ำ {red} · ส่งแล้ว {reported}/{expected}"
STATUS_ALT_MINE = "{title} {scope}: ดี {green} ปานกลาง {yellow} ต่ำ {red} · ส่งแล้ว {reported}/{expected}"
STATUS_ALT_OFFICE = "ภาพรวม {scope}: {overview} · หน่วยงานที่ยังไม่ส่ง {units}"
STATUS_ALT_PROJECTS = "รายละเอียดรายโครงการ: {codes}"
STATUS_SHOWN_ALL = "แสดงครบทั้ง {total} โครงการแล้ว"
STATUS_SHOWN_ONE = "แสดงครบแล้ว"
STATUS_SHOWN_PAGE = 'แสดงโครงการ {first}–{last} จาก {total} (หน้า {page}/{pages}) แตะ "โครงการถัดไป" เพื่อดูต่อ'
STATUS_SHOWN_LAST_PAGE = "แสดงโครงการ {first}–{last} จาก {total} (หน้า {page}/{pages}) ครบแล้ว"
STATUS_SWITCH = "แตะปุ่มด้านล่างเพื่อดูเดือนนี้ ไตรมาส หรือตั้งแต่ต้นปี"
STATUS_SWITCH_UNITS = "แตะปุ่มด้านล่างเพื่อเปลี่ยนช่วงเวลา หรือเลือกหน่วยงาน"
STATUS_NUDGE_HINT = 'ยังมีรายการที่ยังไม่ส่ง แตะ "ส่งเตือน" เพื่อเตือนเจ้าหน้าที่'
STATUS_UNITS_HEAD = "เลือกหน่วยงาน ({scope}) เรียงจากที่ยังไม่ส่งมากที่สุด:"
STATUS_UNITS_LINE = "{n}. {unit} — ยังไม่ส่ง {missing} · ดี {green} ปานกลาง {yellow} ต่ำ {red}"
#: Disbursement against plan beside the levels (kpi.disbursement): to the end of the scope's last month.
STATUS_BUDGET_HEAD = "การเบิกจ่ายงบประมาณ (สะสมถึง {month})"
STATUS_BUDGET_SPENT = "เบิกจ่าย {spent} จากงบ {allocation} ({pct})"
STATUS_BUDGET_VS_PLAN = "เทียบแผนสะสม {planned}: {pct} · {level}"
STATUS_BUDGET_NOTHING_PLANNED = "ยังไม่มีแผนเบิกจ่ายถึงเดือนนี้"
STATUS_BUDGET_NO_MONTHLY = "ไม่มีแผนเบิกจ่ายรายเดือนครบทุกโครงการ จึงแสดงร้อยละของงบทั้งปี"
STATUS_UNITS_BUDGET = " · เบิกจ่าย {pct}"
STATUS_UNITS_FOUND = 'พบหน่วยงานที่ตรงกับ "{query}" {count} หน่วยงาน แตะเพื่อเลือก:'
STATUS_UNITS_FOUND_OVERSEEN = 'หน่วยงานในความดูแลของท่านที่ตรงกับ "{query}" มี {count} หน่วยงาน แตะเพื่อเลือก:'
STATUS_SUBUNITS_SHORT_HEAD = "หน่วยงานในสังกัด {count} หน่วยงาน เรียงจากที่ยังไม่ส่งมากที่สุด:"
STATUS_SUBUNITS_MORE = '…และอีก {more} หน่วยงาน (แตะ "หน่วยงานในสังกัด")'
STATUS_SUBUNITS_HEAD = "หน่วยงานในสังกัด{unit} ({scope}) เรียงจากที่ยังไม่ส่งมากที่สุด:"
STATUS_NO_PLANS_SUBUNITS = "ยังไม่มีแผนปฏิบัติการของหน่วยงานในสังกัด{unit} ปี {year} ในระบบ"
STATUS_UNIT_NOT_FOUND = 'ไม่พบหน่วยงาน "{query}" ลองพิมพ์ชื่อจังหวัดหรือชื่อหน่วยงานอีกครั้ง หรือแตะ "เลือกหน่วยงาน"'
STATUS_NO_PLAN = "ยังไม่มีแผนปฏิบัติการของ{unit} ปี {year} ในระบบ"
STATUS_NO_PLANS = "ยังไม่มีแผนปฏิบัติการของหน่วยงานใดในปี {year} ในระบบ"
STATUS_OTHER_UNIT_REFUSED = (
    "ขออภัย ท่านดูสถานะได้เฉพาะหน่วยงานของท่าน ({unit}) หากต้องการข้อมูลหน่วยงานอื่น กรุณาติดต่อกองนโยบายและแผนงาน"
)
STATUS_OTHER_UNIT_REFUSED_REALM = (
    "ขออภัย ท่านดูสถานะได้เฉพาะหน่วยงานของท่าน ({unit}) และหน่วยงานในสังกัด "
    "{count} หน่วยงาน หากต้องการข้อมูลหน่วยงานอื่น กรุณาติดต่อกองนโยบายและแผนงาน"
)
STATUS_OFFICER_OWN_ONLY = "ท่านดูสถานะได้เฉพาะตัวชี้วัดที่ท่านรับผิดชอบ สรุปของทั้งหน่วยงานดูได้โดยหัวหน้าหน่วยงาน"
STATUS_STALE = "ปุ่มนี้ใช้ไม่ได้แล้ว แสดงสถานะล่าสุดให้แทน"

# Rich menu (flask setup-richmenu): labels drawn on the image and the texts its areas send
RICHMENU_OFFICER_NAME = "KPI Bot: เจ้าหน้าที่"
RICHMENU_STAFF_NAME = "KPI Bot: หัวหน้าและผู้วางแผน"
RICHMENU_CHAT_BAR = "เมนู"
RICHMENU_AREAS = {
    key: (*_INTENTS[key].menu, _INTENTS[key].command) for key in ("report", "status", "edit", "help", "dashboard")
}

# Importing results (flask import-results)
IMPORT_RESULTS_DONE = (
    "นำเข้าผลการดำเนินงานจากไฟล์ {file} เรียบร้อยแล้ว: ใหม่ {created}, แก้ไข {updated}, ไม่เปลี่ยนแปลง {unchanged}"
)
IMPORT_RESULTS_NOTHING = "ไม่ได้บันทึกข้อมูลใด ๆ กรุณาแก้ไขไฟล์แล้วนำเข้าใหม่"

# ============================================================================================
# Dashboard (แดชบอร์ด: sign-in links in chat, the web pages' messages; กราฟ: chart pictures)
# ============================================================================================
CMD_DASHBOARD = _words_of("dashboard")
CMD_CHART = _words_of("chart")
DASH_LINK_TITLE = "แดชบอร์ดตัวชี้วัด"
DASH_LINK_BODY = "ลิงก์เข้าสู่แดชบอร์ดสำหรับคุณ{name} ใช้ได้ครั้งเดียว ภายใน {minutes} นาที (ถึง {until} น.) กรุณาอย่าส่งต่อลิงก์นี้ให้ผู้อื่น"
DASH_LINK_HINT = "เปิดบนคอมพิวเตอร์: คัดลอกลิงก์นี้ไปวางในเบราว์เซอร์"
DASH_LINK_ALT = "ลิงก์เข้าสู่แดชบอร์ด ใช้ได้ครั้งเดียว ภายใน {minutes} นาที: {url}"
DASH_BTN_OPEN = "เปิดแดชบอร์ด"
DASH_OFFICER_REFUSED = (
    'แดชบอร์ดเปิดให้เฉพาะหัวหน้าหน่วยงานและกองนโยบายและแผนงาน ท่านพิมพ์ "กราฟ" เพื่อดูกราฟตัวชี้วัดของท่าน หรือ "รายงาน" เพื่อส่งผลได้เลย'
)
DASH_NOT_READY = "ขออภัย แดชบอร์ดยังไม่พร้อมใช้งาน กรุณาแจ้งผู้ดูแลระบบ (ยังไม่ได้ตั้งค่า PUBLIC_BASE_URL หรือ SECRET_KEY)"
CHART_MINE = "กราฟตัวชี้วัดของท่าน ปี {year}: เป้าหมายเทียบผลรายเดือน และผลสะสม"
CHART_UNIT = "กราฟของ{unit} ปี {year}: ร้อยละของเป้าหมายรายโครงการ และการส่งรายงานรายเดือน"
CHART_OFFICE = "กราฟภาพรวมสำนักงาน ปี {year}: การส่งรายงานรายเดือน และจำนวนงาน/โครงการตามระดับผล"
BTN_CHART_OPEN = "เปิดกราฟ"
CHART_TAP = "แตะที่รูปเพื่อดูขนาดเต็ม (ลิงก์รูปใช้ได้ {days} วัน)"
CHART_LINK = "เปิดดูกราฟได้ที่ลิงก์นี้ (ใช้ได้ {days} วัน):\n{url}"
CHART_NOTHING_MINE = "ท่านยังไม่มีตัวชี้วัดของปี {year} จึงยังไม่มีกราฟ"
CHART_NOTHING_UNIT = "ยังไม่มีแผนปฏิบัติการของ{unit} ปี {year} จึงยังไม่มีกราฟ"
CHART_NOTHING_OFFICE = "ยังไม่มีแผนปฏิบัติการของหน่วยงานใดในปี {year} จึงยังไม่มีกราฟ"
# Messages of the web pages
DASH_PAGE_NO_SESSION = (
    'กรุณาเข้าสู่ระบบผ่านลิงก์จากบอท: พิมพ์ "แดชบอร์ด" ในแชต LINE กับบอทรายงานตัวชี้วัด แล้วแตะลิงก์ที่ได้รับ (ใช้ได้ครั้งเดียว ภายใน 10 นาที)'
)
DASH_PAGE_LINK_BAD = 'ลิงก์นี้ใช้ไม่ได้แล้ว (ใช้ไปแล้ว หมดอายุ หรือไม่ถูกต้อง) กรุณาพิมพ์ "แดชบอร์ด" ในแชต LINE เพื่อขอลิงก์ใหม่'
DASH_PAGE_SIGN_IN_FORM_BAD = (
    'ยังไม่ได้เข้าสู่ระบบ: ปุ่มที่กดไม่ได้มาจากหน้าเข้าสู่ระบบที่เปิดในเบราว์เซอร์นี้ ลิงก์ของท่านยังใช้ได้ กรุณาเปิดลิงก์อีกครั้งแล้วกดปุ่ม "เข้าสู่แดชบอร์ด"'
)
DASH_PAGE_SIGN_IN_RETRY = "เปิดลิงก์อีกครั้ง"
# The page a sign-in link opens: who it is for and one button (only the button uses the link up)
DASH_SIGN_IN_TITLE = "เข้าสู่แดชบอร์ด"
DASH_SIGN_IN_HEADING = "เข้าสู่แดชบอร์ดตัวชี้วัด"
DASH_SIGN_IN_FOR = "ลิงก์นี้สำหรับ"
DASH_SIGN_IN_HINT = "กดปุ่มด้านล่างเพื่อเข้าสู่แดชบอร์ด ลิงก์นี้ใช้ได้ครั้งเดียว ถึงเวลา {until} น."
DASH_SIGN_IN_BUTTON = "เข้าสู่แดชบอร์ด"
DASH_SIGN_IN_NOT_YOU = "หากท่านไม่ใช่บุคคลข้างต้น กรุณาปิดหน้านี้โดยไม่กดปุ่ม"
DASH_PAGE_SIGNED_OUT = 'ออกจากระบบแล้ว หากต้องการเข้าใหม่ พิมพ์ "แดชบอร์ด" ในแชต LINE เพื่อขอลิงก์'
DASH_PAGE_NOT_READY = "แดชบอร์ดยังไม่พร้อมใช้งาน (ผู้ดูแลระบบยังไม่ได้ตั้งค่า SECRET_KEY)"
DASH_PAGE_OTHER_UNIT = "ท่านดูข้อมูลได้เฉพาะหน่วยงานของท่าน หากต้องการข้อมูลหน่วยงานอื่น กรุณาติดต่อกองนโยบายและแผนงาน"
DASH_PAGE_OTHER_UNIT_REALM = (
    "ท่านดูข้อมูลได้เฉพาะหน่วยงานของท่านและหน่วยงานในสังกัด หากต้องการข้อมูลหน่วยงานอื่น กรุณาติดต่อกองนโยบายและแผนงาน"
)
DASH_PAGE_PLANNERS_ONLY = "หน้านี้สำหรับกองนโยบายและแผนงานเท่านั้น"
DASH_IMPORT_NO_FILE = "กรุณาเลือกไฟล์แผน (.csv หรือ .xlsx) ก่อนกดตรวจสอบ"
DASH_IMPORT_TOO_BIG = "ไฟล์ใหญ่เกินไป (ไม่เกิน {mb} MB)"
DASH_IMPORT_BAD_YEAR = "ปี พ.ศ. '{year}' ไม่ถูกต้อง (เช่น 2569 หรือเว้นว่างเพื่อใช้ปีในไฟล์)"
DASH_IMPORT_GONE = "ไม่พบไฟล์ที่ตรวจสอบไว้ (อาจนำเข้าไปแล้วหรือหมดเวลา) กรุณาอัปโหลดใหม่"
