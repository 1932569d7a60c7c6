from portal.accounts import second_factor  # noqa: F401 (registers the second factor screens)
