"""A tool's validation stage and its progression display."""

import datetime

from django.test import TestCase

from methodology.factories import ToolPageFactory
from methodology.models import ToolPage, ValidationStage
from portal.taxonomy.factories import MunicipalityFactory


def progress(tool):
    return [
        (str(step["stage"]), step["reached"], step["current"]) for step in tool.stage_progress()
    ]


class ToolStageTests(TestCase):
    def test_a_tool_without_history_is_an_idea(self):
        tool = ToolPageFactory()
        self.assertEqual(tool.validation_stage, ValidationStage.IDEA)
        self.assertEqual(
            progress(tool),
            [
                ("idea", True, True),
                ("prototype", False, False),
                ("tested", False, False),
                ("validated", False, False),
            ],
        )

    def test_stage_follows_the_newest_step_by_date(self):
        prelouc = MunicipalityFactory(name="Přelouč")
        tool = ToolPageFactory(
            stages=[
                ("tested", datetime.date(2020, 5, 1), None),
                ("prototype", datetime.date(2019, 3, 1), prelouc),
            ]
        )
        tool = ToolPage.objects.get(pk=tool.pk)
        self.assertEqual(tool.validation_stage, "tested")
        self.assertEqual(
            progress(tool),
            [
                ("idea", True, False),
                ("prototype", True, False),
                ("tested", True, True),
                ("validated", False, False),
            ],
        )

    def test_a_validated_tool_has_reached_every_stage(self):
        tool = ToolPageFactory(
            stages=[
                ("prototype", datetime.date(2019, 3, 1), None),
                ("validated", datetime.date(2021, 6, 30), None),
            ]
        )
        self.assertEqual(ToolPage.objects.get(pk=tool.pk).validation_stage, "validated")
        self.assertEqual([step["reached"] for step in tool.stage_progress()], [True] * 4)
        self.assertEqual([step["current"] for step in tool.stage_progress()], [False] * 3 + [True])

    def test_publishing_a_new_revision_updates_the_stage(self):
        tool = ToolPageFactory(stages=[("prototype", datetime.date(2019, 3, 1), None)])
        tool.stage_changes.add(
            tool.stage_changes.model(stage="tested", date=datetime.date(2020, 1, 15))
        )
        tool.save_revision().publish()
        self.assertEqual(ToolPage.objects.get(pk=tool.pk).validation_stage, "tested")
