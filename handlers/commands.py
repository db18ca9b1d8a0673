"""Every chat command, in one registry: the words an officer may type and the postback `act`
of its buttons, checked before anything else in any state.

Two kinds share it. Feature commands (สถานะ, เตือนพรุ่งนี้, ส่งเตือน, แดชบอร์ด, กราฟ) run beside
the reporting conversation without touching its state, so an officer can ask for status
mid-report and carry on: handlers.router runs them (`FEATURES`). The conversation's own
commands (ยกเลิก, ช่วยเหลือ, เมนู, สวัสดี, ขอบคุณ, รายงาน, แก้ไข, เลือกเดือนอื่น) move the conversation:
handlers.conversation.step runs them (`COMMAND_STEPS`). A feature registers one line here and
its handler in the router. The words come from the intents table (presentation.intents, through
presentation.texts), which also reads requests typed in other words into these commands.
Pure data: no database, no LINE.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from presentation import texts as T

if TYPE_CHECKING:  # the context handed to feature commands (re-exported for their annotations)
    from .context import CommandContext  # noqa: F401


class PrefixWords(tuple[str, ...]):
    """Command words matching alone or followed by more ("สถานะ ไตรมาส", "สถานะ อุทัยธานี")."""

    def __contains__(self, words: object) -> bool:
        if not isinstance(words, str):
            return False
        return any(words == w or words.startswith(w + " ") for w in tuple.__iter__(self))


@dataclass(frozen=True)
class Command:
    name: str
    words: tuple[str, ...]
    acts: tuple[str, ...] = ()
    #: The conversation's own command (conversation.step runs it); else a feature beside it.
    moves_conversation: bool = False
    #: Takes a moment (office-wide roll-ups, charts): show LINE's loading animation first.
    slow: bool = False
    #: States where the typed words mean something else (แก้ไข on the confirmation card: change the number).
    words_mean_else_in: tuple[str, ...] = ()


COMMANDS: tuple[Command, ...] = (
    Command("status", PrefixWords(T.CMD_STATUS), ("status",), slow=True),
    Command("snooze", T.CMD_SNOOZE, ("snooze",)),  # reminders: เตือนพรุ่งนี้
    Command("nudge", T.CMD_NUDGE, ("nudge",)),  # reminders: ส่งเตือน
    Command("dashboard", T.CMD_DASHBOARD, ("dashboard",)),  # แดชบอร์ด
    Command("chart", T.CMD_CHART, ("chart",), slow=True),  # กราฟ
    Command("cancel", T.CMD_CANCEL, ("cancel",), moves_conversation=True),
    Command("help", T.CMD_HELP, ("help",), moves_conversation=True),
    Command("menu", T.CMD_MENU, (), moves_conversation=True),
    Command("greeting", T.CMD_GREETING, (), moves_conversation=True),  # answered in kind
    Command("thanks", T.CMD_THANKS, (), moves_conversation=True),
    Command("report", T.CMD_REPORT, ("report",), moves_conversation=True),
    Command("edit", T.CMD_EDIT, ("edit",), moves_conversation=True, words_mean_else_in=("confirm",)),
    Command("months", T.OTHER_MONTH, ("months",), moves_conversation=True),
)


def find_command(act: str | None, words: str, state: str | None = None) -> Command | None:
    """The command a button (`act`) or typed `words` name, in the conversation's `state`
    (None: whatever the state)."""
    for command in COMMANDS:
        if act is not None:
            if act in command.acts:
                return command
        elif words in command.words and state not in command.words_mean_else_in:
            return command
    return None
