"""The bot's rich menus (flask setup-richmenu): drawn with Pillow, created through the Messaging API.

* Officers: รายงานผล / สถานะ / แก้ไข / ช่วยเหลือ, the channel's default menu.
* Supervisors and planners: the same and แดชบอร์ด, linked to each of them by LINE user id.

Each area sends the word an officer would type ("รายงาน", "สถานะ", …), so a tap and a typed
command are the same thing. The image needs a Thai font: KPIBOT_RICHMENU_FONT, else one of
Debian's fonts-thai-tlwg (`apt-get install fonts-thai-tlwg`).

Running it again replaces the bot's menus: the new ones are made, set and linked first, then
the bot's older menus (by name) are deleted.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from linebot.v3.messaging import MessageAction, RichMenuArea, RichMenuBounds, RichMenuRequest, RichMenuSize
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.org import Officer, Role
from presentation import texts as T

WIDTH, HEIGHT = 2500, 843
FONT_ENV = "KPIBOT_RICHMENU_FONT"
#: Thai fonts of Debian's fonts-thai-tlwg, best first (TrueType and OpenType packagings).
FONT_CANDIDATES = tuple(
    Path(folder) / name
    for name in (
        "Loma-Bold.ttf",
        "Garuda-Bold.ttf",
        "Waree-Bold.ttf",
        "Loma-Bold.otf",
        "Garuda-Bold.otf",
        "Waree-Bold.otf",
        "Loma.ttf",
        "Garuda.ttf",
    )
    for folder in ("/usr/share/fonts/truetype/tlwg", "/usr/share/fonts/opentype/tlwg")
)
OFFICER_AREAS = ("report", "status", "edit", "help")
STAFF_AREAS = ("report", "status", "dashboard", "edit", "help")
BOT_MENU_NAMES = (T.RICHMENU_OFFICER_NAME, T.RICHMENU_STAFF_NAME)

TILE_COLOURS = {"report": "#0B5394", "status": "#1E8449", "dashboard": "#6C3483", "edit": "#B9770E", "help": "#566573"}


class RichMenuError(Exception):
    """The menus cannot be drawn (no Thai font)."""


def find_thai_font(candidates: tuple[Path, ...] = FONT_CANDIDATES) -> Path:
    configured = os.environ.get(FONT_ENV)
    if configured:
        if not Path(configured).is_file():
            raise RichMenuError(f"ไม่พบไฟล์ฟอนต์ {configured} ที่กำหนดใน {FONT_ENV}")
        return Path(configured)
    for path in candidates:
        if path.is_file():
            return path
    raise RichMenuError(
        "ไม่พบฟอนต์ภาษาไทยสำหรับวาดเมนู กรุณาติดตั้ง fonts-thai-tlwg "
        f"(apt-get install fonts-thai-tlwg) หรือกำหนด {FONT_ENV}=/path/to/font.ttf"
    )


def _bounds(count: int) -> list[tuple[int, int, int, int]]:
    """One row of equal tiles across the image: (x, y, width, height)."""
    width = WIDTH // count
    return [(i * width, 0, WIDTH - i * width if i == count - 1 else width, HEIGHT) for i in range(count)]


def draw_menu(areas: tuple[str, ...], font_path: Path) -> bytes:
    """The menu image as PNG: a coloured tile per area with its Thai label and a caption."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (WIDTH, HEIGHT), "#FFFFFF")
    draw = ImageDraw.Draw(image)
    label_font = ImageFont.truetype(str(font_path), 120 if len(areas) <= 4 else 104)
    caption_font = ImageFont.truetype(str(font_path), 60 if len(areas) <= 4 else 52)
    for key, (x, y, w, h) in zip(areas, _bounds(len(areas))):
        label, caption, _ = T.RICHMENU_AREAS[key]
        draw.rectangle((x + 8, y + 8, x + w - 8, y + h - 8), fill=TILE_COLOURS[key])
        centre = x + w // 2
        draw.text((centre, y + h * 0.42), label, font=label_font, fill="#FFFFFF", anchor="mm")
        draw.text((centre, y + h * 0.68), caption, font=caption_font, fill="#FFFFFF", anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def menu_request(name: str, areas: tuple[str, ...]) -> RichMenuRequest:
    return RichMenuRequest(
        size=RichMenuSize(width=WIDTH, height=HEIGHT),
        selected=True,
        name=name,
        chatBarText=T.RICHMENU_CHAT_BAR,
        areas=[
            RichMenuArea(
                bounds=RichMenuBounds(x=x, y=y, width=w, height=h),
                action=MessageAction(label=T.RICHMENU_AREAS[key][0], text=T.RICHMENU_AREAS[key][2]),
            )
            for key, (x, y, w, h) in zip(areas, _bounds(len(areas)))
        ],
    )


@dataclass
class RichMenuSetup:
    officer_menu_id: str = ""
    staff_menu_id: str = ""
    linked: list[str] = field(default_factory=list)  # officer keys given the staff menu
    deleted: int = 0


def staff_line_users(session: Session) -> list[tuple[str, str]]:
    """(officer key, LINE user id) of bound, active supervisors and planners."""
    rows = session.execute(
        select(Officer.key, Officer.line_user_id)
        .where(
            Officer.role.in_((Role.SUPERVISOR.value, Role.PLANNER.value)),
            Officer.active.is_(True),
            Officer.line_user_id.is_not(None),
        )
        .order_by(Officer.key)
    )
    return [(key, user_id) for key, user_id in rows]


def setup_rich_menus(line_api, staff: list[tuple[str, str]], font_path: Path) -> RichMenuSetup:
    """Create both menus with their images, make the officers' the default, link the staff
    menu to each supervisor and planner, then delete the bot's older menus."""
    old = [menu_id for menu_id, name in line_api.rich_menus() if name in BOT_MENU_NAMES]
    setup = RichMenuSetup()
    for areas, name, attr in (
        (OFFICER_AREAS, T.RICHMENU_OFFICER_NAME, "officer_menu_id"),
        (STAFF_AREAS, T.RICHMENU_STAFF_NAME, "staff_menu_id"),
    ):
        menu_id = line_api.create_rich_menu(menu_request(name, areas))
        line_api.set_rich_menu_image(menu_id, draw_menu(areas, font_path), "image/png")
        setattr(setup, attr, menu_id)
    line_api.set_default_rich_menu(setup.officer_menu_id)
    for key, user_id in staff:
        line_api.link_rich_menu(user_id, setup.staff_menu_id)
        setup.linked.append(key)
    for menu_id in old:
        line_api.delete_rich_menu(menu_id)
        setup.deleted += 1
    return setup
