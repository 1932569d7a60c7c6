from wagtail import hooks

from portal.accounts import review_messages

hooks.register("after_edit_page", review_messages.say_what_the_approval_did)
