"""The glossary with its terms and the case-process guide (data/glossary.yaml)."""

from portal.glossary.models import GlossaryPage, GlossaryTermPage
from portal.guide.models import CaseGuidePage

from .loader import Ref, load
from .pages import home_page, upsert_page


def build_glossary_and_guide(ctx):
    data = load("glossary.yaml")
    home = home_page()
    glossary = upsert_page(ctx, home, GlossaryPage, data["glossary"])
    for term in data["terms"]:
        spec = {**term, "forms": "\n".join(term.get("forms", []))}
        upsert_page(ctx, glossary, GlossaryTermPage, spec)
    guide = data["case_guide"]
    steps = [
        {"step": {**step, "pages": [Ref("page", slug) for slug in step["pages"]]}}
        for step in guide["steps"]
    ]
    upsert_page(ctx, home, CaseGuidePage, {**guide, "steps": steps})
