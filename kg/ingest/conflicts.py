"""Observations that disagree: the same indicator, area, period and kind, different values, each with its source.

>>> from kg import KnowledgeGraph          # doctest: +SKIP
>>> conflicts(KnowledgeGraph.load())       # doctest: +SKIP
"""
from __future__ import annotations

import pandas as pd

CONFLICTS = """
SELECT ?indicator ?indicatorLabel ?area ?areaLabel ?period ?observation ?value ?unit ?multiplier ?comparator
       ?quote ?document ?start ?end WHERE {
  ?observation bj:indicator ?indicator ; sdmx-dimension:refArea ?area ; qb:dataSet ?ds ;
               sdmx-measure:obsValue ?value ; sdmx-attribute:unitMeasure ?unit .
  OPTIONAL { ?observation sdmx-dimension:refPeriod ?p }
  OPTIONAL { ?observation sdmx-attribute:unitMult ?m }
  OPTIONAL { ?observation bj:comparator ?c }
  ?other bj:indicator ?indicator ; sdmx-dimension:refArea ?area ; qb:dataSet ?ds ;
         sdmx-measure:obsValue ?otherValue ; sdmx-attribute:unitMeasure ?otherUnit .
  OPTIONAL { ?other sdmx-dimension:refPeriod ?op }
  OPTIONAL { ?other sdmx-attribute:unitMult ?om }
  OPTIONAL { ?other bj:comparator ?oc }
  FILTER(?other != ?observation)
  FILTER(COALESCE(STR(?p), "") = COALESCE(STR(?op), ""))
  FILTER(?value != ?otherValue || ?unit != ?otherUnit || COALESCE(?m, 0) != COALESCE(?om, 0)
         || COALESCE(STR(?c), "") != COALESCE(STR(?oc), ""))
  ?observation prov:wasDerivedFrom ?span .
  ?span bj:quote ?quote ; oa:hasSource ?document ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?indicator skos:prefLabel ?il FILTER(lang(?il) = ?lang) }
  OPTIONAL { ?area skos:prefLabel ?al FILTER(lang(?al) = ?lang) }
  OPTIONAL { ?p skos:notation ?pn }
  BIND(COALESCE(?il, STR(?indicator)) AS ?indicatorLabel)
  BIND(COALESCE(?al, STR(?area)) AS ?areaLabel)
  BIND(COALESCE(STR(?pn), "") AS ?period)
  BIND(COALESCE(?m, 0) AS ?multiplier)
  BIND(COALESCE(REPLACE(STR(?c), "^.*cmp-", ""), "") AS ?comparator)
}
GROUP BY ?indicator ?indicatorLabel ?area ?areaLabel ?period ?observation ?value ?unit ?multiplier ?comparator
         ?quote ?document ?start ?end
ORDER BY ?indicator ?area ?period ?value ?observation ?start"""


def conflicts(kg, *, lang: str | None = None) -> pd.DataFrame:
    """Every observation that another one contradicts (same indicator, area, period and kind; another value,
    unit, multiplier or comparator), one row per observation and source span."""
    return kg.query(CONFLICTS, lang=lang, source="conflicts")
