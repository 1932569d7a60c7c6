"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, for the tests."""

import email
import socket
from email import policy

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"


class LocalSMTPServer:
    """Start with ``start()``; ``messages`` lists (recipients, parsed message) as received."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.inbox = _Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    @property
    def messages(self):
        return [message for _, message in self.inbox.messages]

    def to(self, address):
        return [message for rcpt, message in self.inbox.messages if address in rcpt]

    def clear(self):
        self.inbox.messages.clear()

    def settings(self):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
        }


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def unsubscribe_url(message):
    """The address of the List-Unsubscribe header (RFC 8058's one-click POST goes there)."""
    return message["List-Unsubscribe"].strip().strip("<>")
