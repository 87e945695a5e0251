"""The policy map: policy → platform → industry → company chains, reforms by theme, services by group.

Each function reads the graph through `kg.query` (SPARQL with bindings) and returns a tidy DataFrame
whose every row carries the quotes of the article that state it. Chains go only as far as the graph
states them: a hop the article does not state is <NA>, never guessed.
"""
from __future__ import annotations

import pandas as pd

from kg.ns import BJR

__all__ = ["policy_platform_links", "platform_industry_links", "industry_company_links", "policy_chains",
           "reforms_by_theme", "services_by_group", "GROUPS"]

# The groups of 一老一小一青年 and the other audiences the article names (TargetGroup ids).
GROUPS = {"elderly": "group-elderly", "children": "group-children", "youth": "group-youth",
          "employees": "group-employees", "residents": "group-residents", "talent": "group-talent",
          "enterprises": "group-enterprises"}

_LABEL = """
  OPTIONAL {{ ?{v} skos:prefLabel ?{v}L FILTER(lang(?{v}L) = ?lang) }}
  OPTIONAL {{ ?{v} skos:prefLabel ?{v}Z FILTER(lang(?{v}Z) = "zh") }}
  BIND(COALESCE(?{v}L, ?{v}Z, STR(?{v})) AS ?{v}Label)"""


def _labels(*variables: str) -> str:
    """SPARQL that binds ?<v>Label for each variable (a constant template: no data is spliced in)."""
    return "".join(_LABEL.format(v=v) for v in variables)


PLATFORM_CLASSES = "bj:InnovationPlatform bj:ResearchFacility bj:DigitalInfrastructure"

POLICY_PLATFORM = f"""
SELECT ?policy ?policyLabel ?link ?platform ?platformLabel (GROUP_CONCAT(DISTINCT ?q; separator=" | ") AS ?quote)
WHERE {{
  ?policy a/rdfs:subClassOf* ?root . VALUES ?root {{ bj:Policy bj:Report bj:Initiative }}
  ?platform a ?pc . VALUES ?pc {{ {PLATFORM_CLASSES} }}
  {{ ?a rdf:subject ?policy ; rdf:object ?platform . }} UNION {{ ?a rdf:subject ?platform ; rdf:object ?policy . }}
  ?a a bj:Assertion ; rdf:predicate ?p ; prov:wasDerivedFrom/bj:quote ?q .
  OPTIONAL {{ ?p rdfs:label ?pl FILTER(lang(?pl) = ?lang) }}
  BIND(COALESCE(?pl, STR(?p)) AS ?link)
  {_labels("policy", "platform")}
}} GROUP BY ?policy ?policyLabel ?link ?platform ?platformLabel ORDER BY ?policyLabel ?platformLabel"""

PLATFORM_INDUSTRY = f"""
SELECT ?platform ?platformLabel ?link ?industry ?industryLabel ?industryType
       (GROUP_CONCAT(DISTINCT ?q; separator=" | ") AS ?quote)
WHERE {{
  ?platform a ?pc . VALUES ?pc {{ {PLATFORM_CLASSES} }}
  ?industry a ?ic . VALUES ?ic {{ bj:Industry bj:Technology }}
  {{ ?a a bj:Assertion ; rdf:subject ?platform ; rdf:predicate ?p ; rdf:object ?industry ;
        prov:wasDerivedFrom/bj:quote ?q . }}
  UNION
  {{ ?platform bj:hasTarget ?target . ?target bj:indicator/schema:about ?industry ; prov:wasDerivedFrom/bj:quote ?q .
     BIND(bj:hasTarget AS ?p) }}
  OPTIONAL {{ ?p rdfs:label ?pl FILTER(lang(?pl) = ?lang) }}
  BIND(COALESCE(?pl, STR(?p)) AS ?link)
  OPTIONAL {{ ?ic rdfs:label ?icl FILTER(lang(?icl) = ?lang) }}
  BIND(COALESCE(?icl, STR(?ic)) AS ?industryType)
  {_labels("platform", "industry")}
}} GROUP BY ?platform ?platformLabel ?link ?industry ?industryLabel ?industryType
ORDER BY ?platformLabel ?industryLabel"""

# A company is in an industry when it produces one of its technologies, or joined an event about it.
INDUSTRY_COMPANY = f"""
SELECT ?industry ?industryLabel ?link ?company ?companyLabel (GROUP_CONCAT(DISTINCT ?q; separator=" | ") AS ?quote)
WHERE {{
  ?company a bj:Company .
  {{ ?a a bj:Assertion ; rdf:subject ?company ; rdf:predicate bj:produces ; rdf:object ?tech ;
        prov:wasDerivedFrom/bj:quote ?q .
     ?tech skos:broader* ?industry .
     OPTIONAL {{ bj:produces rdfs:label ?pl FILTER(lang(?pl) = ?lang) }}
     BIND(COALESCE(?pl, "produces") AS ?link) }}
  UNION
  {{ ?a a bj:Assertion ; rdf:subject ?event ; rdf:predicate schema:participant ; rdf:object ?company ;
        prov:wasDerivedFrom/bj:quote ?q .
     ?event schema:about ?industry .
     OPTIONAL {{ ?event skos:prefLabel ?el FILTER(lang(?el) = ?lang) }}
     BIND(CONCAT(IF(?lang = "zh", "参与者 · ", "participant · "), COALESCE(?el, STR(?event))) AS ?link) }}
  ?industry a ?ic . VALUES ?ic {{ bj:Industry bj:Technology }}
  {_labels("industry", "company")}
}} GROUP BY ?industry ?industryLabel ?link ?company ?companyLabel ORDER BY ?industryLabel ?companyLabel"""


def _hops(kg, query: str, names: list[str], lang: str) -> pd.DataFrame:
    frame = kg.query(query, lang=lang)
    frame = frame.rename(columns={f"{n}Label": n for n in names} | {n: f"{n}_iri" for n in names})
    return frame


def policy_platform_links(kg, *, lang: str = "zh") -> pd.DataFrame:
    """Stated links between a policy (a `bj:Policy`, `bj:Report` or `bj:Initiative`: plans, reforms,
    mechanisms and strategies included) and a platform
    (innovation platform, research facility or digital infrastructure), in either direction.

    Columns: ``policy``, ``link`` (the property, labelled), ``platform``, ``quote``, and the ``*_iri``s.
    """
    return _hops(kg, POLICY_PLATFORM, ["policy", "platform"], lang)


def platform_industry_links(kg, *, lang: str = "zh") -> pd.DataFrame:
    """Industries and technologies each platform drives (牵引/支撑/带动), or sets a target for.

    Columns: ``platform``, ``link``, ``industry``, ``industryType`` (产业 or 技术), ``quote`` and the IRIs.
    """
    return _hops(kg, PLATFORM_INDUSTRY, ["platform", "industry"], lang)


def industry_company_links(kg, *, lang: str = "zh") -> pd.DataFrame:
    """Companies stated to be in an industry: they produce one of its technologies, or joined an event
    about it (the Dubai roadshow of 数字经济 firms). Columns: ``industry``, ``link``, ``company``, ``quote``.
    """
    return _hops(kg, INDUSTRY_COMPANY, ["industry", "company"], lang)


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


REFORMS = f"""
SELECT ?reform ?reformLabel ?theme ?themeLabel ?part ?partLabel ?partType ?status ?themeQuote ?partQuote WHERE {{
  ?reform a bj:Reform .
  OPTIONAL {{
    ?g a bj:Assertion ; rdf:subject ?reform ; rdf:predicate bj:hasGoal ; rdf:object ?theme ;
       prov:wasDerivedFrom/bj:quote ?themeQuote .
  }}
  OPTIONAL {{
    ?a a bj:Assertion ; rdf:subject ?part ; rdf:predicate dcterms:isPartOf ; rdf:object ?reform ;
       prov:wasDerivedFrom/bj:quote ?partQuote .
    ?part a ?pc .
    OPTIONAL {{ ?pc rdfs:label ?pcl FILTER(lang(?pcl) = ?lang) }}
    BIND(COALESCE(?pcl, STR(?pc)) AS ?partType)
    OPTIONAL {{ ?part bj:status/skos:prefLabel ?status FILTER(lang(?status) = ?lang) }}
  }}
  {_labels("reform", "theme", "part")}
}} ORDER BY ?themeLabel ?reformLabel ?partLabel"""


def reforms_by_theme(kg, *, lang: str = "zh") -> pd.DataFrame:
    """The reforms, grouped by their theme (the goal the article gives them), with the measures that are
    part of each (mechanisms, reports, platforms, services) and their status.

    One row per (theme, reform, measure): ``theme``, ``reform``, ``measure``, ``measure_type``, ``status``,
    ``theme_quote`` (why) and ``measure_quote`` (what). A reform without a stated goal has theme <NA>.
    """
    rows = kg.query(REFORMS, lang=lang)
    rows = rows.rename(columns={"reformLabel": "reform", "themeLabel": "theme", "partLabel": "measure",
                                "partType": "measure_type", "themeQuote": "theme_quote",
                                "partQuote": "measure_quote", "reform": "reform_iri", "theme": "theme_iri",
                                "part": "measure_iri"})
    rows.loc[rows["theme_iri"].isna(), "theme"] = pd.NA
    rows.loc[rows["measure_iri"].isna(), "measure"] = pd.NA
    rows = rows.drop_duplicates(["reform_iri", "theme_iri", "measure_iri"], ignore_index=True)
    return rows[["theme", "reform", "measure", "measure_type", "status", "theme_quote", "measure_quote",
                 "reform_iri", "measure_iri"]]


SERVICES = f"""
SELECT ?group ?groupLabel ?service ?serviceLabel ?type ?status (GROUP_CONCAT(DISTINCT ?q; separator=" | ") AS ?quote)
WHERE {{
  ?a a bj:Assertion ; rdf:subject ?service ; rdf:predicate bj:serves ; rdf:object ?group ;
     prov:wasDerivedFrom/bj:quote ?q .
  ?group a bj:TargetGroup .
  ?service a ?c .
  OPTIONAL {{ ?c rdfs:label ?cl FILTER(lang(?cl) = ?lang) }}
  BIND(COALESCE(?cl, STR(?c)) AS ?type)
  OPTIONAL {{ ?service bj:status/skos:prefLabel ?status FILTER(lang(?status) = ?lang) }}
  {_labels("group", "service")}
}} GROUP BY ?group ?groupLabel ?service ?serviceLabel ?type ?status ORDER BY ?groupLabel ?serviceLabel"""


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
    rows = kg.query(SERVICES, lang=lang).rename(columns={
        "groupLabel": "group", "serviceLabel": "service", "group": "group_iri", "service": "service_iri"})
    if groups is not None:
        iris = [str(BJR[GROUPS.get(g, g)]) for g in groups]
        rows = rows[rows["group_iri"].isin(iris)]
        rows = rows.assign(_order=rows["group_iri"].map({iri: i for i, iri in enumerate(iris)}))
        rows = rows.sort_values(["_order", "service"], ignore_index=True).drop(columns="_order")
    return rows[["group", "service", "type", "status", "quote", "group_iri", "service_iri"]].reset_index(drop=True)
