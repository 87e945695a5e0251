"""Analyses that answer an analyst's questions as tables: network measures, indicators, the policy map,
article coverage. Pure functions of a `KnowledgeGraph` or a NetworkX projection; no plotting here."""
