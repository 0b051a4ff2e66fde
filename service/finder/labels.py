"""The finder's choices as people read them (gettext msgids shared by the web form and the bot's buttons)."""

from __future__ import annotations

from service.finder.answers import CHILD_SUPPORT_CHOICES, INCOME_CHOICES, WORRY_CHOICES
from service.i18n import N_

INCOME_LABELS = {
    "work": N_("Work (wages or self-employed)"),
    "buergergeld": N_("Bürgergeld / Grundsicherungsgeld (Jobcenter)"),
    "sozialhilfe": N_("Sozialhilfe (social welfare office)"),
    "asylblg": N_("Benefits for asylum seekers (AsylbLG)"),
    "wohngeld": N_("Wohngeld (housing benefit)"),
    "kinderzuschlag": N_("Kinderzuschlag (child supplement)"),
    "unemployment": N_("Unemployment benefit (Arbeitslosengeld)"),
    "pension": N_("Pension"),
    "elterngeld": N_("Elterngeld (parental allowance)"),
    "none": N_("No income"),
}
SUPPORT_LABELS = {"yes": N_("Yes, in full"), "partly": N_("Partly or irregularly"), "no": N_("No")}
WORRY_LABELS = {
    "debts": N_("Debts"),
    "violence": N_("Violence or fear at home"),
    "parenting": N_("Upbringing, stress in the family"),
    "addiction": N_("Addiction"),
    "separation": N_("Separation"),
    "housing": N_("Housing, rent or power"),
    "language": N_("German language"),
    "health": N_("Health"),
    "kita_place": N_("Finding a kita place"),
    "school_start": N_("Starting school"),
}
assert set(INCOME_LABELS) == set(INCOME_CHOICES) and set(WORRY_LABELS) == set(WORRY_CHOICES)
assert set(SUPPORT_LABELS) == set(CHILD_SUPPORT_CHOICES)
