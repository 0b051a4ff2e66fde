"""The finder's plain sentences: one per reason code used in directory_data/finder.yaml (gettext msgids)."""

from __future__ import annotations

from service.i18n import N_

REASONS: dict[str, str] = {
    "kindergeld_minor": N_("Every child under 18 who lives in Germany can get Kindergeld, whatever the income."),
    "kindergeld_training": N_(
        "For a child from 18 to 24, Kindergeld continues while the child is in school, training or studies."),
    "kindergeld_after_birth": N_("After the birth you can apply for Kindergeld for the baby."),
    "kindergeld_ages_unknown": N_("Families get Kindergeld for children under 18, and longer during training."),
    "kindergeld_residence": N_(
        "Kindergeld depends on the residence permit; while an asylum procedure runs there is usually none."),
    "elterngeld_baby": N_("Parents who look after their baby in its first months can get Elterngeld."),
    "elterngeld_residence": N_(
        "Elterngeld depends on the residence permit; during an asylum procedure there is usually none."),
    "elterngeld_counted": N_(
        "You can get Elterngeld, but it is mostly counted against Bürgergeld or Sozialhilfe; "
        "ask what stays for you."),
    "kinderzuschlag_minimum_reached": N_(
        "Your earnings reach the minimum for Kinderzuschlag; whether the family gets it depends on rent and "
        "income, and the Familienkasse checks that."),
    "kinderzuschlag_with_wohngeld": N_(
        "Families with Wohngeld and their own earnings often also get Kinderzuschlag; apply for both."),
    "kinderzuschlag_check_minimum": N_(
        "Kinderzuschlag needs gross earnings of at least %(couple)s a month for couples or %(single)s for "
        "single parents; check your pay slip."),
    "kinderzuschlag_instead_of_buergergeld": N_(
        "With your earnings, Kinderzuschlag and Wohngeld together may replace Bürgergeld; "
        "ask the social worker to compare."),
    "kinderzuschlag_below_minimum": N_(
        "Kinderzuschlag needs gross earnings of at least %(amount)s a month; yours are below that."),
    "kinderzuschlag_residence": N_(
        "Kinderzuschlag is only paid together with Kindergeld, which usually needs a residence permit."),
    "wohngeld_low_income": N_(
        "With a low income, Wohngeld helps with the rent; the Wohngeld calculator shows roughly how much."),
    "wohngeld_with_kinderzuschlag": N_(
        "Families with Kinderzuschlag often also get Wohngeld; it also frees you from the kita fee."),
    "wohngeld_excluded": N_(
        "No Wohngeld while you receive Bürgergeld, Sozialhilfe or asylum seekers' benefits: your rent is paid there."),
    "wohngeld_instead_of_buergergeld": N_(
        "Wohngeld is not paid alongside Bürgergeld, but with your earnings Wohngeld and Kinderzuschlag may "
        "replace it; ask the social worker to compare."),
    "buergergeld_no_income": N_(
        "Without income of your own, Bürgergeld (from July 2026 Grundsicherungsgeld) pays living costs and rent."),
    "buergergeld_top_up": N_(
        "If your earnings are not enough to live on, Bürgergeld can top them up; the Jobcenter checks this."),
    "uvg_no_support": N_(
        "Single parents get Unterhaltsvorschuss for a child under 18 when the other parent pays no or too "
        "little child support."),
    "uvg_older_child": N_(
        "For a child from 12 to 17 with Bürgergeld, Unterhaltsvorschuss needs gross earnings of %(amount)s "
        "a month of your own; the Jugendamt checks it."),
    "uvg_ask_support": N_(
        "If the other parent pays no or too little child support, the Jugendamt can pay Unterhaltsvorschuss."),
    "uvg_support_paid": N_(
        "Unterhaltsvorschuss is only paid when the other parent pays no or too little child support."),
    "but_qualifying_benefit": N_(
        "With your benefit, your children can get the education package: lunch, trips, school supplies and clubs."),
    "but_with_kinderzuschlag_or_wohngeld": N_(
        "If you get Kinderzuschlag or Wohngeld, your children can also get the education package."),
    "kita_fee_waived": N_("With your benefit you do not have to pay the kita fee; you need to apply for it."),
    "kita_fee_with_kinderzuschlag_or_wohngeld": N_(
        "If you get Kinderzuschlag or Wohngeld, you do not have to pay the kita fee."),
    "fruehfoerderung_before_school": N_(
        "Early support helps children up to school age who develop more slowly or have a disability."),
    "eingliederungshilfe_disability": N_(
        "A child with a disability, or at risk of one, can get extra support, for example in the kita."),
    "pregnancy_counselling": N_(
        "Pregnancy counselling is free and helps with money, applications and worries before and after the birth."),
    "maternity_protection": N_(
        "If you are employed, maternity protection gives you paid time off before and after the birth."),
    "disability_card_care": N_(
        "For a child with a disability there may be a disability card, a care grade with care allowance, and advice."),
    "speech_development": N_("If your child talks late or little, speech support and therapy can help early."),
    "sick_child_pay": N_(
        "If you stay at home with a sick child under 12, the health insurance can pay Kinderkrankengeld."),
    "worry_housing_urgent": N_(
        "If you cannot pay the rent or the power or may lose your home, act now: here is who helps."),
    "worry_separation": N_("The Jugendamt advises on custody, contact and child support when parents separate."),
    "early_help_baby": N_("Early help supports families during pregnancy and with small children, free of charge."),
    "worry_debts": N_("Debt counselling is free and helps you sort out debts and talk to creditors."),
    "legal_advice_low_income": N_(
        "With a low income you can get legal advice for a small fee, for example about debts or separation."),
    "legal_advice_check": N_(
        "If your income is low, you may get legal advice for a small fee, for example about debts or separation."),
    "worry_violence": N_(
        "You are not alone: counselling and shelters help quickly, day and night, and confidentially."),
    "worry_child_safety": N_("If a child is not safe, the Jugendamt and the child-protection numbers help at once."),
    "worry_parenting": N_(
        "Parenting counselling is free and helps with worries about upbringing, separation and family rows."),
    "worry_parents_helpline": N_(
        "At the parents' helpline you can talk about your worries by phone, free and anonymously."),
    "worry_addiction": N_("Addiction counselling helps you and your relatives, free of charge and confidentially."),
    "worry_language_course": N_("German courses for parents, often with childcare, help in everyday life."),
    "worry_interpreter": N_("For important talks you can ask for an interpreter."),
    "worry_migration_advice": N_(
        "Migration counselling helps with residence, language and questions about daily life."),
    "worry_health": N_("Check-ups, vaccinations and help when your child is ill: here is where to go."),
    "worry_kita_place": N_("Here you learn how to find a kita place and who helps you with it."),
    "worry_school_start": N_("Here you learn what helps your child start school well and who helps you with it."),
    "worry_housing": N_("Your kita social worker helps with housing problems and knows whom to contact."),
    "worry_talk_first": N_("Your kita social worker listens and helps you find the right place to go."),
}

DISCLAIMER = N_(
    "This is an orientation, not a decision. Only the office that pays a benefit decides. "
    "Your kita social worker helps you apply.")
