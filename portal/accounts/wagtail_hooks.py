from wagtail import hooks

from portal.accounts import (
    review_messages,
    second_factor,  # noqa: F401 (registers the second factor screens)
)

hooks.register("after_edit_page", review_messages.say_what_the_approval_did)
