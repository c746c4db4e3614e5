"""The kinds of actor the actor stage knows, in the order tables and figures list them."""

ACTOR_TYPES = ("civil_society", "user_organisation", "state", "research", "parliament")
TYPE_LABELS = {
    "civil_society": "civil society",
    "user_organisation": "user organisation",
    "state": "state",
    "research": "research and education",
    "parliament": "parliament",
}
