"""What the demo builder has made so far, looked up by natural key, and what it did."""

from collections import Counter
from dataclasses import dataclass, field

from .loader import Ref


class DemoContentError(Exception):
    """The database or the data files hold something the demo cannot safely build."""


@dataclass
class DemoContext:
    """Objects the builder created or found, by (kind, key), and counts of what it did."""

    refresh_files: bool = False
    objects: dict = field(default_factory=dict)
    stats: Counter = field(default_factory=Counter)

    def remember(self, kind, key, obj):
        self.objects[(kind, key)] = obj
        return obj

    def get(self, ref):
        try:
            return self.objects[(ref.kind, ref.key)]
        except KeyError:
            raise DemoContentError(f"Unknown {ref.kind}: {ref.key!r}") from None

    def resolve(self, value):
        """Replace every `Ref` inside value by the object it points to."""
        if isinstance(value, Ref):
            return self.get(value)
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.resolve(item) for item in value]
        return value

    def resolve_stream(self, value):
        """Like `resolve`, but chooser blocks in raw stream data want primary keys."""
        if isinstance(value, Ref):
            return self.get(value).pk
        if isinstance(value, dict):
            return {key: self.resolve_stream(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.resolve_stream(item) for item in value]
        return value
