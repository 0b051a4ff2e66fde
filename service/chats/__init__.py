"""Chat state of the messenger front ends: language, conversation position, pending booking, last activity."""

from service.chats.models import ChatState
from service.chats.operations import (
    INACTIVE_DAYS,
    delete_chat,
    get_chat,
    load_chats,
    purge_inactive,
    save_chat,
    set_conversation,
    touch_chat,
)

__all__ = ["INACTIVE_DAYS", "ChatState", "delete_chat", "get_chat", "load_chats", "purge_inactive", "save_chat",
           "set_conversation", "touch_chat"]
