"""The policy map: policy → platform → industry → company chains, reforms by theme, services by group.

Each function reads the graph through `kg.query` (SPARQL with bindings) and returns a tidy DataFrame
whose every row carries the quotes of the article that state it. Chains go only as far as the graph
states them: a hop the article does not state is <NA>, never guessed.
"""
from __future__ import annotations

import pandas as pd

from kg.ns import BJR
from kg.sparql import load as load_query

__all__ = ["policy_platform_links", "platform_industry_links", "industry_company_links", "policy_chains",
           "reforms_by_theme", "services_by_group", "GROUPS"]

# The groups of 一老一小一青年 and the other audiences the article names (TargetGroup ids).
GROUPS = {"elderly": "group-elderly", "children": "group-children", "youth": "group-youth",
          "employees": "group-employees", "residents": "group-residents", "talent": "group-talent",
          "enterprises": "group-enterprises"}


def _hops(kg, query: str, names: list[str], lang: str) -> pd.DataFrame:
    """The answer to the packaged query `query` (a hop of the chain), with columns named after `names`."""
    frame = kg.query(load_query(query), lang=lang)
    frame = frame.rename(columns={f"{n}Label": n for n in names} | {n: f"{n}_iri" for n in names})
    return frame


def policy_platform_links(kg, *, lang: str = "zh") -> pd.DataFrame:
    """Stated links between a policy (a `bj:Policy`, `bj:Report` or `bj:Initiative`: plans, reforms,
    mechanisms and strategies included) and a platform
    (innovation platform, research facility or digital infrastructure), in either direction.

    Columns: ``policy``, ``link`` (the property, labelled), ``platform``, ``quote``, and the ``*_iri``s.
    """
    return _hops(kg, "policy_platform", ["policy", "platform"], lang)


def platform_industry_links(kg, *, lang: str = "zh") -> pd.DataFrame:
    """Industries and technologies each platform drives (牵引/支撑/带动), or sets a target for.

    Columns: ``platform``, ``link``, ``industry``, ``industryType`` (产业 or 技术), ``quote`` and the IRIs.
    """
    return _hops(kg, "platform_industry", ["platform", "industry"], lang)


def industry_company_links(kg, *, lang: str = "zh") -> pd.DataFrame:
    """Companies stated to be in an industry: they produce one of its technologies, or joined an event
    about it (the Dubai roadshow of 数字经济 firms). Columns: ``industry``, ``link``, ``company``, ``quote``.
    """
    return _hops(kg, "industry_company", ["industry", "company"], lang)


def policy_chains(kg, *, lang: str = "zh") -> pd.DataFrame:
    """Chains policy → platform → industry → company, as far as the graph states them.

    Every stated policy–platform link starts a chain; every platform that no policy is linked to starts
    one with ``policy`` <NA>. Each chain is extended by the industries the platform drives and the
    companies in those industries; a hop the article does not state is <NA>. ``length`` counts the
    stated hops; each hop's quotes are in ``quote_policy_platform``, ``quote_platform_industry`` and
    ``quote_industry_company``.

    Examples
    --------
    >>> from kg import KnowledgeGraph
    >>> chains = policy_chains(KnowledgeGraph.load())          # doctest: +SKIP
    >>> chains[chains["platform"] == "中国视谷"]["industry"].tolist()  # doctest: +SKIP
    ['优势产业', '集成电路', '智能物联', '智能计算', '高端软件']
    """
    pp = policy_platform_links(kg, lang=lang)
    pi = platform_industry_links(kg, lang=lang)
    ic = industry_company_links(kg, lang=lang)
    return chain(pp, pi, ic)


def chain(pp: pd.DataFrame, pi: pd.DataFrame, ic: pd.DataFrame) -> pd.DataFrame:
    """Join the three hop tables into chains (see `policy_chains`); pure pandas.

    >>> pp = pd.DataFrame({"policy": ["P"], "platform_iri": ["x"], "platform": ["X"], "quote": ["q1"]})
    >>> pi = pd.DataFrame({"platform_iri": ["x", "y"], "platform": ["X", "Y"], "industry_iri": ["i", "j"],
    ...                    "industry": ["I", "J"], "quote": ["q2", "q3"]})
    >>> ic = pd.DataFrame({"industry_iri": ["i"], "company": ["C"], "quote": ["q4"]})
    >>> chain(pp, pi, ic)[["policy", "platform", "industry", "company", "length"]].values.tolist()
    [['P', 'X', 'I', 'C', 3], [<NA>, 'Y', 'J', <NA>, 1]]
    """
    pp = pp[["policy", "platform_iri", "platform", "quote"]].rename(columns={"quote": "quote_policy_platform"})
    pi = pi[["platform_iri", "platform", "industry_iri", "industry", "quote"]].rename(
        columns={"quote": "quote_platform_industry"})
    ic = ic[["industry_iri", "company", "quote"]].rename(columns={"quote": "quote_industry_company"})
    platforms = pd.concat([pp[["platform_iri", "platform"]], pi[["platform_iri", "platform"]]]).drop_duplicates(
        "platform_iri")
    unlinked = platforms[~platforms["platform_iri"].isin(pp["platform_iri"])]
    starts = pd.concat([pp, unlinked], ignore_index=True)
    out = starts.merge(pi.drop(columns="platform"), on="platform_iri", how="left")
    out = out.merge(ic, on="industry_iri", how="left")
    out = out.astype({c: "string" for c in ("policy", "platform", "industry", "company", "quote_policy_platform",
                                            "quote_platform_industry", "quote_industry_company")})
    out["length"] = (out["policy"].notna().astype(int) + out["industry"].notna().astype(int)
                     + out["company"].notna().astype(int))
    out = out.sort_values(["length", "policy", "platform", "industry", "company"],
                          ascending=[False, True, True, True, True], na_position="last", ignore_index=True)
    return out[["policy", "platform", "industry", "company", "length", "quote_policy_platform",
                "quote_platform_industry", "quote_industry_company"]]


def reforms_by_theme(kg, *, lang: str = "zh") -> pd.DataFrame:
    """The reforms, grouped by their theme (the goal the article gives them), with the measures that are
    part of each (mechanisms, reports, platforms, services) and their status.

    One row per (theme, reform, measure): ``theme``, ``reform``, ``measure``, ``measure_type``, ``status``,
    ``theme_quote`` (why) and ``measure_quote`` (what). A reform without a stated goal has theme <NA>.
    """
    rows = kg.query(load_query("reforms"), lang=lang)
    rows = rows.rename(columns={"reformLabel": "reform", "themeLabel": "theme", "partLabel": "measure",
                                "partType": "measure_type", "themeQuote": "theme_quote",
                                "partQuote": "measure_quote", "reform": "reform_iri", "theme": "theme_iri",
                                "part": "measure_iri"})
    rows.loc[rows["theme_iri"].isna(), "theme"] = pd.NA
    rows.loc[rows["measure_iri"].isna(), "measure"] = pd.NA
    rows = rows.drop_duplicates(["reform_iri", "theme_iri", "measure_iri"], ignore_index=True)
    return rows[["theme", "reform", "measure", "measure_type", "status", "theme_quote", "measure_quote",
                 "reform_iri", "measure_iri"]]


def services_by_group(kg, groups=None, *, lang: str = "zh") -> pd.DataFrame:
    """Public services, facilities and initiatives by the group they serve (bj:serves → TargetGroup).

    Parameters
    ----------
    groups : iterable of str, optional
        Keys of `GROUPS` (``"elderly"``, ``"children"``, ``"youth"``, ...) or TargetGroup ids, in the order
        wanted; default: every group.

    Returns
    -------
    DataFrame
        ``group``, ``service``, ``type`` (its class), ``status``, ``quote``, ``group_iri``, ``service_iri``;
        in the order of `groups`, then by service.
    """
    rows = kg.query(load_query("services"), lang=lang).rename(columns={
        "groupLabel": "group", "serviceLabel": "service", "group": "group_iri", "service": "service_iri"})
    if groups is not None:
        iris = [str(BJR[GROUPS.get(g, g)]) for g in groups]
        rows = rows[rows["group_iri"].isin(iris)]
        rows = rows.assign(_order=rows["group_iri"].map({iri: i for i, iri in enumerate(iris)}))
        rows = rows.sort_values(["_order", "service"], ignore_index=True).drop(columns="_order")
    return rows[["group", "service", "type", "status", "quote", "group_iri", "service_iri"]].reset_index(drop=True)
